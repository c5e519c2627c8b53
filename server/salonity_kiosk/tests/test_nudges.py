# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""§3.5 live nudges: a write committed in another connection (here, the
ORM in another thread, as the admin or upstream's code would write) reaches
the salon's WebSocket through PostgreSQL NOTIFY, the relay and the channel
layer (Redis); the socket authenticates with the upgrade's token, pings,
and closes when its device is unpaired."""

import asyncio
from decimal import Decimal

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator

from salonity_kiosk import nudges
from salonity_kiosk.nudges import Relay
from salonity_kiosk.routing import websocket_urlpatterns
from salonity_kiosk.tests.util import enroll, make_shop
from services.models import Service

pytestmark = pytest.mark.django_db(transaction=True)

PATH = "/api/kiosk/v1/events/"


def socket(token):
    headers = [(b"authorization", ("Token %s" % token).encode("ascii"))] if token else []
    return WebsocketCommunicator(URLRouter(websocket_urlpatterns), PATH, headers=headers)


@pytest.fixture
def relay():
    r = Relay(poll_seconds=0.2, retry_seconds=0.2)
    thread = r.start_thread()
    assert r.listening.wait(10), "the relay did not start listening"
    yield r
    r.stop()
    thread.join(10)


def test_a_committed_write_elsewhere_nudges_the_salons_socket_and_only_it(relay):
    shop = make_shop()
    kiosk = enroll(shop.salon)
    other_shop = make_shop("Öteki")
    other = enroll(other_shop.salon)
    _, cursor = kiosk.pull()

    async def scenario():
        mine, theirs = socket(kiosk.token), socket(other.token)
        assert (await mine.connect())[0] and (await theirs.connect())[0]
        assert await mine.receive_nothing(timeout=0.5)
        await database_sync_to_async(
            lambda: Service.objects.filter(pk=shop.cut.pk).update(price=Decimal("280.00")))()
        nudge = await mine.receive_json_from(timeout=10)
        quiet = await theirs.receive_nothing(timeout=1.0)
        await mine.disconnect()
        await theirs.disconnect()
        return nudge, quiet

    nudge, quiet = async_to_sync(scenario)()
    assert set(nudge) == {"type", "cursor"} and nudge["type"] == "changes"
    assert quiet, "another salon's socket was nudged"
    # The nudge's cursor is where the feed stands after the change.
    page = kiosk.feed(cursor)
    assert any(c["id"] == str(shop.cut.pk) and c["data"]["price"] == "280.00" for c in page["changes"])
    assert page["cursor"] == nudge["cursor"]


def test_a_rolled_back_write_nudges_nobody(relay):
    from django.db import transaction

    shop = make_shop()
    kiosk = enroll(shop.salon)

    def write_and_roll_back():
        with transaction.atomic():
            Service.objects.filter(pk=shop.cut.pk).update(price=Decimal("1.00"))
            transaction.set_rollback(True)

    async def scenario():
        ws = socket(kiosk.token)
        assert (await ws.connect())[0]
        await database_sync_to_async(write_and_roll_back)()
        quiet = await ws.receive_nothing(timeout=1.0)
        await ws.disconnect()
        return quiet

    assert async_to_sync(scenario)()


@pytest.mark.parametrize("token", [None, "0123456789abcdef0123456789abcdef01234567"])
def test_the_upgrade_is_refused_without_a_valid_token(token):
    make_shop()

    async def scenario():
        ws = socket(token)
        connected, _ = await ws.connect()
        return connected

    assert async_to_sync(scenario)() is False


def test_the_socket_pings_and_closes_when_the_device_is_unpaired(settings):
    settings.KIOSK_WS_PING_SECONDS = 0.2
    shop = make_shop()
    kiosk = enroll(shop.salon)

    async def scenario():
        ws = socket(kiosk.token)
        assert (await ws.connect())[0]
        ping = await ws.receive_json_from(timeout=5)
        r = await database_sync_to_async(kiosk.delete)("devices/me/")
        while True:  # pings may still come before the close
            closed = await ws.receive_output(timeout=5)
            if closed["type"] != "websocket.send":
                break
            assert closed["text"] == '{"type": "ping"}'
        await ws.wait()
        return ping, r.status_code, closed

    ping, status, closed = async_to_sync(scenario)()
    assert ping == {"type": "ping"}
    assert status == 204
    assert closed["type"] == "websocket.close" and closed.get("code") == 4401


def test_a_notification_read_during_a_query_is_not_left_waiting():
    """psycopg2 files a NOTIFY that arrives while it reads a query's answer
    into conn.notifies, and the socket is not readable for it afterwards:
    the relay must find it there, not wait for the next notification of any
    salon (seen under load: a third of the salons of one change waited)."""
    relay = Relay()
    listener = relay._connect()
    try:
        from django.db import connection

        with connection.cursor() as cur:
            cur.execute("NOTIFY salonity_kiosk, 'salon-a'")
        # What _dispatch does between two waits: a query on the listener.
        with listener.cursor() as cur:
            cur.execute("SELECT pg_sleep(0.2)")
        assert relay._wait(listener, 0.5) == {"salon-a"}
    finally:
        listener.close()


def test_a_socket_up_longer_than_the_group_expiry_still_gets_its_nudges(settings):
    """channels_redis drops a group's member after group_expiry (a day by
    default); a kiosk's socket stays up for weeks, so it must join again
    while it lives. Here the expiry is one second and the socket pings every
    0.3 s: three seconds later the salon's nudge still reaches it."""
    layers = dict(settings.CHANNEL_LAYERS)
    default = dict(layers["default"])
    default["CONFIG"] = dict(default.get("CONFIG", {}), group_expiry=1)
    layers["default"] = default
    settings.CHANNEL_LAYERS = layers
    settings.KIOSK_WS_PING_SECONDS = 0.3
    shop = make_shop()
    kiosk = enroll(shop.salon)

    async def scenario():
        ws = socket(kiosk.token)
        assert (await ws.connect())[0]
        try:
            loop = asyncio.get_running_loop()
            until = loop.time() + 3.0
            while loop.time() < until:  # the pings of three seconds
                assert await ws.receive_json_from(timeout=5) == {"type": "ping"}
            await sync_to_async(nudges.send_changes)(shop.salon.pk, 7)
            deadline = loop.time() + 3.0
            while loop.time() < deadline:
                message = await ws.receive_json_from(timeout=5)
                if message["type"] != "ping":
                    return message
            return None
        finally:
            await ws.disconnect()

    message = async_to_sync(scenario)()
    assert message is not None and message["type"] == "changes", "the nudge never came"
