# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The harness: PostgreSQL 15 and Redis come up fast in a fresh directory,
PostgreSQL as an unprivileged user under root, and nothing is left behind,
however the process ends."""

import os
import pwd
import signal
import socket
import subprocess
import sys
import tempfile
import time

import psycopg2
import pytest
import redis

import harness

HARNESS_PY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "harness.py")


def postmaster_pid(h):
    with open(os.path.join(h.pg_data, "postmaster.pid")) as f:
        return int(f.readline())


def accepts(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


def wait_until(cond, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.05)
    return cond()


def test_session_servers(kiosk_harness):
    h = kiosk_harness
    conn = psycopg2.connect(host="127.0.0.1", port=h.pg_port, user="postgres", dbname="kiosk")
    with conn, conn.cursor() as cur:
        cur.execute("SELECT current_setting('server_version_num')::int, "
                    "current_setting('fsync'), current_setting('listen_addresses')")
        version, fsync, listen = cur.fetchone()
    conn.close()
    assert 150000 <= version < 160000
    assert (fsync, listen) == ("off", "127.0.0.1")
    # The unix socket lives in the harness's own directory.
    assert os.path.exists(os.path.join(h.pg_socket_dir, ".s.PGSQL.%d" % h.pg_port))
    r = redis.Redis.from_url(h.env["KIOSK_REDIS_URL"])
    assert r.ping()
    assert r.config_get("save")["save"] == ""
    assert r.config_get("appendonly")["appendonly"] == "no"
    assert os.path.basename(h.data_dir).startswith("kiosk-harness-")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root must hand PostgreSQL to nobody")
def test_postgres_runs_as_nobody_under_root(kiosk_harness):
    with open("/proc/%d/status" % postmaster_pid(kiosk_harness)) as f:
        uid = [line.split()[1] for line in f if line.startswith("Uid:")][0]
    assert int(uid) == pwd.getpwnam("nobody").pw_uid
    assert os.stat(kiosk_harness.pg_data).st_uid == pwd.getpwnam("nobody").pw_uid


def test_starts_fast_and_stop_leaves_nothing():
    t0 = time.monotonic()
    h = harness.Harness().start()
    elapsed = time.monotonic() - t0
    pids = [c.proc.pid for c in h.children] + [postmaster_pid(h)]
    ports = (h.pg_port, h.redis_port)
    data_dir = h.data_dir
    assert all(accepts(p) for p in ports)
    h.stop()
    # The target is under 5 s; the margin is for a busy 2-core CI machine.
    assert elapsed < 10, "harness took %.1f s to start" % elapsed
    assert not os.path.exists(data_dir)
    assert not any(alive(p) for p in pids)
    assert not any(accepts(p) for p in ports)


def spawn_harness_process():
    """harness.py run as a program; returns (process, its env lines)."""
    proc = subprocess.Popen([sys.executable, HARNESS_PY], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True,
                            env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"))
    env = {}
    while "KIOSK_REDIS_URL" not in env:
        line = proc.stdout.readline()
        assert line, "harness.py ended before it was up"
        k, _, v = line.strip().partition("=")
        env[k] = v
    return proc, env


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_stops_the_servers_and_removes_the_directory(signum):
    proc, env = spawn_harness_process()
    data_dir = os.path.dirname(os.path.dirname(env["KIOSK_PG_SOCKET_DIR"]))
    pg_port, redis_port = int(env["KIOSK_PG_PORT"]), int(env["KIOSK_REDIS_URL"].split(":")[2][:-2])
    assert accepts(pg_port) and accepts(redis_port)
    proc.send_signal(signum)
    proc.wait(30)
    assert not os.path.exists(data_dir)
    assert not accepts(pg_port) and not accepts(redis_port)


def test_sigkill_takes_the_servers_along_and_the_next_harness_sweeps_up():
    proc, env = spawn_harness_process()
    data_dir = os.path.dirname(os.path.dirname(env["KIOSK_PG_SOCKET_DIR"]))
    pg_port = int(env["KIOSK_PG_PORT"])
    proc.kill()
    proc.wait(10)
    # The parent-death signal stops them although nobody cleaned up.
    assert wait_until(lambda: not accepts(pg_port))
    assert os.path.exists(data_dir)
    h = harness.Harness().start()
    try:
        assert not os.path.exists(data_dir)
    finally:
        h.stop()


def test_a_given_data_dir_keeps_its_logs_and_refuses_a_second_cluster():
    d = tempfile.mkdtemp(prefix="kiosk-harness-test-")
    try:
        os.chmod(d, 0o755)
        h = harness.Harness(data_dir=d).start()
        h.stop()
        assert os.path.exists(os.path.join(d, "logs", "postgresql.log"))
        assert not os.path.exists(os.path.join(d, "pg"))
        # Reusable once the databases are gone; kept on request.
        h = harness.Harness(data_dir=d, keep=True).start()
        h.stop()
        assert os.path.exists(os.path.join(d, "pg", "data", "PG_VERSION"))
        with pytest.raises(harness.HarnessError, match="already holds"):
            harness.Harness(data_dir=d).start()
    finally:
        import shutil

        shutil.rmtree(d, ignore_errors=True)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root hands PostgreSQL to nobody")
def test_a_data_dir_nobody_can_reach_is_refused_clearly():
    outer = tempfile.mkdtemp(prefix="kiosk-harness-test-")   # 0700: closed to nobody
    try:
        with pytest.raises(harness.HarnessError, match="cannot be entered"):
            harness.Harness(data_dir=os.path.join(outer, "data")).start()
    finally:
        import shutil

        shutil.rmtree(outer, ignore_errors=True)
