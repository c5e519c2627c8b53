# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The events WebSocket (§3.5): GET /api/kiosk/v1/events/ with the device's
`Authorization: Token <key>` on the upgrade request.

The socket joins its salon's group; the relay (nudges.py) sends the group a
kiosk.changes message after every committed change, which goes out as
{"type": "changes", "cursor": "<opaque>"}. Every KIOSK_WS_PING_SECONDS the
socket sends {"type": "ping"} (ASGI gives an application no WebSocket ping
frame; run daphne with --ping-interval 30 for protocol pings as well) and
checks that the device is still enrolled: a revoked token's socket closes,
at once when revoked through the API (its device group hears of it)."""

import asyncio
import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer

from . import conf, nudges
from .authentication import device_for_token
from .models import Device


def _token_from_headers(headers):
    for name, value in headers:
        if name.lower() == b"authorization":
            parts = value.decode("latin-1").split()
            if len(parts) == 2 and parts[0].lower() == "token":
                return parts[1]
            return None
    return None


@database_sync_to_async
def _authenticate(headers):
    device = device_for_token(_token_from_headers(headers))
    return (device.pk, device.salon_id) if device is not None else None


@database_sync_to_async
def _still_enrolled(device_id):
    return Device.objects.filter(pk=device_id, revoked_at__isnull=True).exists()


class EventsConsumer(AsyncWebsocketConsumer):
    channel_layer_alias = conf.get("KIOSK_CHANNEL_LAYER")

    async def connect(self):
        self.joined = []
        self.pinger = None
        found = await _authenticate(self.scope.get("headers", []))
        if found is None or self.channel_layer is None:
            # Refused before the handshake: the server answers 403 and the
            # kiosk polls the feed instead.
            await self.close()
            return
        self.device_id, self.salon_id = found
        if conf.get("KIOSK_RELAY_IN_PROCESS"):
            nudges.ensure_in_process_relay()
        for group in (nudges.salon_group(self.salon_id), nudges.device_group(self.device_id)):
            await self.channel_layer.group_add(group, self.channel_name)
            self.joined.append(group)
        await self.accept()
        self.pinger = asyncio.ensure_future(self._ping())

    async def disconnect(self, code):
        if self.pinger is not None:
            self.pinger.cancel()
        for group in self.joined:
            await self.channel_layer.group_discard(group, self.channel_name)
        self.joined = []

    async def receive(self, text_data=None, bytes_data=None):
        pass  # the kiosk says nothing on this socket

    async def _ping(self):
        interval = conf.get("KIOSK_WS_PING_SECONDS")
        try:
            while True:
                await asyncio.sleep(interval)
                if not await _still_enrolled(self.device_id):
                    await self.close(code=4401)
                    return
                await self.send(text_data=json.dumps({"type": "ping"}))
                # channels_redis forgets a group's member after its
                # group_expiry (a day by default) unless it joins again; a
                # kiosk's socket stays up for weeks, so it joins at every ping.
                for group in self.joined:
                    await self.channel_layer.group_add(group, self.channel_name)
        except asyncio.CancelledError:
            pass

    async def kiosk_changes(self, event):
        await self.send(text_data=json.dumps({"type": "changes", "cursor": event["cursor"]}))

    async def kiosk_revoked(self, event):
        await self.close(code=4401)
