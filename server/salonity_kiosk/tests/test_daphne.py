# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The app behind a real daphne on 127.0.0.1, as a kiosk meets it: the feed
over HTTP (with the Date header the kiosk reads its clock skew from), the
events WebSocket authenticated by the upgrade's Authorization header, and a
nudge after a write committed by another process (this one), carried by the
relay running inside daphne (KIOSK_RELAY_IN_PROCESS)."""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal

import pytest
import websockets
import websockets.exceptions
from django.db import connection

from salonity_kiosk.tests.util import enroll, make_shop
from services.models import Service

pytestmark = pytest.mark.django_db(transaction=True)

SERVER = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def daphne(tmp_path):
    port = free_port()
    env = dict(os.environ)
    env.update(DJANGO_SETTINGS_MODULE="salonity_kiosk.tests.relay_settings",
               KIOSK_PG_NAME=connection.settings_dict["NAME"],
               PYTHONPATH=os.pathsep.join([SERVER, os.path.join(SERVER, "tests")]))
    log = open(tmp_path / "daphne.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port),
                             "--ping-interval", "30", "host.asgi:application"],
                            cwd=SERVER, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert proc.poll() is None, (tmp_path / "daphne.log").read_text()
                assert time.monotonic() < deadline, "daphne did not start"
                time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_a_kiosk_against_daphne_gets_the_feed_and_a_nudge_after_a_write(daphne):
    shop = make_shop()
    kiosk = enroll(shop.salon)
    base = "http://127.0.0.1:%d/api/kiosk/v1/" % daphne
    req = urllib.request.Request(base + "changes/?limit=1000", headers={"Authorization": "Token " + kiosk.token})
    with urllib.request.urlopen(req, timeout=10) as r:
        assert r.status == 200 and r.headers["Date"]
        page = json.loads(r.read())
    assert page["has_more"] is False and page["changes"][0]["entity"] == "salon"

    async def scenario():
        async with websockets.connect("ws://127.0.0.1:%d/api/kiosk/v1/events/" % daphne,
                                      extra_headers={"Authorization": "Token " + kiosk.token}) as ws:
            # The relay starts with the first socket and, once it LISTENs,
            # nudges every salon (it may have missed notifications): let that
            # one go by.
            try:
                while True:
                    await asyncio.wait_for(ws.recv(), 1.5)
            except asyncio.TimeoutError:
                pass
            after = await asyncio.get_running_loop().run_in_executor(None, write)
            deadline = time.monotonic() + 15
            while True:  # the nudge that says where the feed now stands
                nudge = json.loads(await asyncio.wait_for(ws.recv(), max(0.1, deadline - time.monotonic())))
                if nudge.get("cursor") == after["cursor"]:
                    return nudge, after

    def write():
        try:
            Service.objects.filter(pk=shop.cut.pk).update(price=Decimal("290.00"))
            return kiosk.feed(page["cursor"])
        finally:
            connection.close()

    nudge, after = asyncio.run(scenario())
    assert nudge == {"type": "changes", "cursor": after["cursor"]}
    assert [c["data"]["price"] for c in after["changes"] if c["id"] == str(shop.cut.pk)] == ["290.00"]


def test_daphne_refuses_the_upgrade_without_a_token(daphne):
    make_shop()

    async def scenario():
        with pytest.raises(websockets.exceptions.InvalidStatusCode) as e:
            async with websockets.connect("ws://127.0.0.1:%d/api/kiosk/v1/events/" % daphne):
                pass
        return e.value.status_code

    assert asyncio.run(scenario()) == 403
