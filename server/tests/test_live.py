# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""live.py, as the kiosk's tests and `quickstart server-demo` use it: one
command, one JSON line, one port serving the demo salon, and a pairing code
that enrols a kiosk (docs/kiosk-api.md §3.1); SIGTERM stops it all."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

import pytest

from hostutil import FIXED_TODAY

LIVE_PY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "live.py")


def get(url, data=None, headers=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


def clean_env():
    # live.py makes its own databases: none of this session's settings leak in.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("KIOSK_") and k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


class Live:
    def __init__(self, *args):
        self.dir = tempfile.mkdtemp(prefix="kiosk-live-test-")
        os.chmod(self.dir, 0o755)
        self.stderr = open(os.path.join(self.dir, "live.stderr"), "w+")
        self.proc = subprocess.Popen(
            [sys.executable, LIVE_PY, "--data-dir", self.dir, "--today", FIXED_TODAY.isoformat(),
             "--customers", "30"] + list(args),
            stdout=subprocess.PIPE, stderr=self.stderr, text=True, env=clean_env())
        self.info = None
        reader = threading.Thread(target=self._read, daemon=True)
        reader.start()
        reader.join(180)
        if self.info is None:
            self.stop()
            self.stderr.seek(0)
            pytest.fail("live.py printed no JSON line:\n" + self.stderr.read()[-3000:])

    def _read(self):
        line = self.proc.stdout.readline()
        if line:
            self.info = json.loads(line)

    def stop(self, signum=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(signum)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def cleanup(self):
        self.stop()
        self.stderr.close()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def live():
    servers = []

    def start(*args):
        s = Live(*args)
        servers.append(s)
        return s

    yield start
    for s in servers:
        s.cleanup()


def test_live_serves_the_demo_salon_on_one_port(live):
    s = live("--seed", "demo:31")
    info = s.info
    url = info["url"]
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
    port = url.rsplit(":", 1)[1]
    assert info["ws_url"] == "ws://127.0.0.1:%s/api/kiosk/v1/events/" % port
    assert info["data_dir"] == s.dir

    status, body = get(url + "/api/salons/")
    assert status == 200
    salons = json.loads(body)["results"]
    assert [x["id"] for x in salons] == [info["salon"]]
    assert salons[0]["name"] == "Moda Güzellik & Kuaför"

    status, body = get(url + "/api/salons/%s/" % info["salon"])
    assert status == 200 and len(json.loads(body)["employees"]) == 6

    # The admin, with its styles (no front web server in between).
    assert get(info["admin"]["url"] + "login/")[0] == 200
    assert get(url + "/static/admin/css/base.css")[0] == 200

    # The pairing code enrols a kiosk with the demo salon (§3.1).
    assert re.fullmatch(r"\d{6}", info["pairing_code"] or "")
    status, body = get(url + "/api/kiosk/v1/devices/",
                       data=json.dumps({"salon": info["salon"],
                                        "pairing_code": info["pairing_code"],
                                        "name": "Ön büro 1"}).encode(),
                       headers={"Content-Type": "application/json"})
    assert status == 201, body
    assert json.loads(body)["salon"] == info["salon"]

    pids = list(info["pids"].values())
    assert all(alive(p) for p in pids)
    assert s.stop(signal.SIGTERM) == 0
    assert not any(alive(p) for p in pids if p != info["pids"]["live"])
    assert not os.path.exists(os.path.join(s.dir, "pg"))
    assert os.path.getsize(os.path.join(s.dir, "logs", "daphne-access.log")) > 0


def test_live_with_workers_spreads_connections_behind_one_port(live):
    s = live("--seed", "demo:32", "--workers", "2", "--no-pairing-code")
    info = s.info
    assert info["workers"] == 2 and info["pairing_code"] is None
    for _ in range(6):
        assert get(info["url"] + "/api/salons/?search=Moda")[0] == 200
    for i in range(2):
        with open(os.path.join(s.dir, "logs", "daphne-%d-access.log" % i)) as f:
            assert "/api/salons/?search=Moda" in f.read()
    assert s.stop(signal.SIGINT) == 0


def test_live_stops_cleanly_when_asked_before_it_is_up():
    # Not a JSON line yet: a signal while migrating leaves nothing behind.
    d = tempfile.mkdtemp(prefix="kiosk-live-test-")
    os.chmod(d, 0o755)
    try:
        proc = subprocess.Popen([sys.executable, LIVE_PY, "--data-dir", d, "--seed", "none"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                env=clean_env())
        log = os.path.join(d, "logs", "manage.log")
        t0 = time.monotonic()
        while not os.path.exists(log) and time.monotonic() - t0 < 120:
            time.sleep(0.05)
        assert os.path.exists(log), "live.py never got to migrating"
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)
        assert proc.stdout.read() == b""
        assert not os.path.exists(os.path.join(d, "pg"))
    finally:
        shutil.rmtree(d, ignore_errors=True)
