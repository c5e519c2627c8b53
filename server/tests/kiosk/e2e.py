# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The pieces of the kiosk-against-server tests: the real salonity-kiosk
program and its desk (kiosk-desk-tool), a private Secret Service for their
tokens, the Django app under daphne on PostgreSQL and Redis, a device of
our own that reads the feed over HTTP as the contract says, and a small
fault proxy.

The clock: both sides run at a pinned salon moment (a Wednesday, 10:30 in
Istanbul, a few days after the real today) that keeps running from there:
KIOSK_TEST_CLOCK_OFFSET, seconds added to the real clock, which the kiosk
and the desk tool read (kiosk-context.c) and which kiosk_e2e_settings
applies to the app's timezone.now. PostgreSQL keeps the real clock, earlier
than the app's: only the feed log's created_at comes from it, and a trim
with --keep-days 0 removes everything either way.
"""

import ctypes
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone as dt_timezone
from zoneinfo import ZoneInfo

import psycopg2

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)          # server/tests
SERVER = os.path.dirname(TESTS)        # server/
SOURCE_ROOT = os.path.dirname(SERVER)
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3"
SALON_TZ = ZoneInfo("Europe/Istanbul")

# docs/kiosk-api.md §3.4, every field of every entity.
ENTITY_FIELDS = {
    "salon": {"id", "name", "address", "city", "district", "phone", "opening_time",
              "closing_time", "timezone"},
    "working_hours": {"id", "day_of_week", "opening_time", "closing_time", "is_closed"},
    "category": {"id", "name", "description", "icon"},
    "service": {"id", "category", "name", "description", "price", "duration", "is_active"},
    "employee": {"id", "name", "position", "is_active", "services"},
    "customer": {"id", "first_name", "last_name", "phone", "loyalty_level", "total_points",
                 "current_points", "total_spent", "total_visits", "updated_at"},
    "appointment": {"id", "customer", "service", "employee", "appointment_date",
                    "appointment_time", "end_time", "status", "notes", "price", "source",
                    "checked_in_at", "created_at", "updated_at"},
    "walkin": {"id", "customer", "name", "phone", "service", "preferred_employee", "employee",
               "status", "arrived_at", "called_at", "finished_at"},
    "point_entry": {"id", "customer", "points", "reason", "created_at"},
}

_PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(None, use_errno=True)


def _die_with_us(sig=signal.SIGTERM):
    def setup():
        _libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    return setup


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path, n=40):
    try:
        with open(path, "r", errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError:
        return "(no log at %s)" % path


# -- the programs under test ---------------------------------------------------

def kiosk_program():
    """KIOSK_PROGRAM (meson passes the built salonity-kiosk), else build/'s."""
    path = os.environ.get("KIOSK_PROGRAM") or os.path.join(SOURCE_ROOT, "build", "src",
                                                            "salonity-kiosk")
    if not os.access(path, os.X_OK):
        raise RuntimeError("the kiosk program %s is missing: build it and pass its path in "
                           "KIOSK_PROGRAM (meson test --suite server does)" % path)
    return os.path.abspath(path)


def desk_tool(program):
    """KIOSK_DESK_TOOL, else beside the program's build: <build>/server/tests/kiosk/."""
    path = os.environ.get("KIOSK_DESK_TOOL") or os.path.join(
        os.path.dirname(os.path.dirname(program)), "server", "tests", "kiosk", "kiosk-desk-tool")
    if not os.access(path, os.X_OK):
        raise RuntimeError("kiosk-desk-tool %s is missing: it is built with the kiosk "
                           "(server/tests/kiosk/meson.build); pass its path in KIOSK_DESK_TOOL"
                           % path)
    return os.path.abspath(path)


# -- the clock -------------------------------------------------------------------

class Clock:
    """A Wednesday, 10:30 in Istanbul, 3 to 9 days after the real today."""

    def __init__(self, weekday=2, hour=10, minute=30):
        real = datetime.now(SALON_TZ)
        day = real.date() + timedelta(days=3)
        while day.weekday() != weekday:
            day += timedelta(days=1)
        self.start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=SALON_TZ)
        self.offset = int(self.start.timestamp() - time.time())
        self.today = day

    def now(self):
        return datetime.now(dt_timezone.utc) + timedelta(seconds=self.offset)

    def day(self, n):
        return self.today + timedelta(days=n)

    @property
    def kiosk_env(self):
        return {"KIOSK_TEST_CLOCK_OFFSET": str(self.offset)}

    @property
    def server_env(self):
        # Read by kiosk_e2e_settings, which moves the app's timezone.now.
        return {"KIOSK_TEST_CLOCK_OFFSET": str(self.offset)}


# -- a private Secret Service ------------------------------------------------------

class SecretService:
    """A D-Bus session bus of our own with an unlocked throwaway keyring,
    as build-aux/quickstart's run_headless_tests makes one: the kiosk keeps
    its token there (docs/command-line.md, --enroll step 4), never in the
    developer's keyring."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="kiosk-e2e-secrets-")
        self.bus = None
        self.env = None

    def start(self):
        runtime = os.path.join(self.dir, "runtime")
        data = os.path.join(self.dir, "data")
        home = os.path.join(self.dir, "home")
        for d in (runtime, data, home):
            os.makedirs(d, mode=0o700)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("DBUS_", "GNOME_KEYRING", "SSH_AUTH"))}
        env.update({"XDG_RUNTIME_DIR": runtime, "XDG_DATA_HOME": data, "HOME": home})
        self.bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=env, start_new_session=True, preexec_fn=_die_with_us())
        ready, _, _ = select.select([self.bus.stdout], [], [], 20)
        if not ready:
            raise RuntimeError("dbus-daemon printed no address")
        address = self.bus.stdout.readline().decode().strip()
        if not address:
            raise RuntimeError("dbus-daemon exited (%s)" % self.bus.poll())
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        # --unlock makes the login keyring with the password on stdin (it
        # must not be empty, see quickstart); --start prints what clients need.
        subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"],
                       input=b"salonity-kiosk-e2e", env=env, check=True, timeout=30,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out = subprocess.run(["gnome-keyring-daemon", "--start", "--components=secrets"],
                             env=env, check=True, timeout=30, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL).stdout.decode()
        for line in out.splitlines():
            if "=" in line:
                k, v = line.split("=", 1)
                env[k.strip()] = v.strip()
        self.env = env
        return self

    def stop(self):
        # gnome-keyring-daemon leaves when its bus goes.
        if self.bus is not None and self.bus.poll() is None:
            self.bus.terminate()
            try:
                self.bus.wait(10)
            except subprocess.TimeoutExpired:
                self.bus.kill()
                self.bus.wait()
        self._stop_keyring()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _stop_keyring(self):
        # The keyring daemon forked away from us; find ours by its environment.
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            pids = []
            for pid in os.listdir("/proc"):
                if not pid.isdigit():
                    continue
                try:
                    with open("/proc/%s/environ" % pid, "rb") as f:
                        environ = f.read()
                    with open("/proc/%s/comm" % pid) as f:
                        comm = f.read().strip()
                except OSError:
                    continue
                if comm.startswith("gnome-keyring") and \
                        ("XDG_RUNTIME_DIR=%s/runtime" % self.dir).encode() in environ:
                    pids.append(int(pid))
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            time.sleep(0.1)


# -- the app on PostgreSQL, under daphne ----------------------------------------------

class AppServer:
    """The host project with salonity_kiosk, in its own database of the
    session's PostgreSQL, served by daphne (HTTP and WebSocket, one port)."""

    def __init__(self, harness, clock, log_dir, db_name="kiosk_e2e"):
        self.h = harness
        self.clock = clock
        self.db = db_name
        self.port = None
        self.proc = None
        # Not the harness's directory, which goes at the end: pytest keeps
        # its last runs' temporary directories, logs included.
        self.log_dir = log_dir
        self.log_path = os.path.join(self.log_dir, "e2e-daphne.log")
        self.access_log_path = os.path.join(self.log_dir, "e2e-daphne-access.log")
        self._conn = None

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def env(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        env.update(self.h.env)
        env.update({
            "KIOSK_PG_NAME": self.db,
            "DJANGO_SETTINGS_MODULE": "kiosk_e2e_settings",
            "PYTHONPATH": os.pathsep.join([HERE, TESTS, SERVER]),
            "PYTHONDONTWRITEBYTECODE": "1",
            "KIOSK_MEDIA_ROOT": os.path.join(self.h.data_dir, "media"),
            "LC_ALL": "C.UTF-8",
        })
        env.update(self.clock.server_env)
        return env

    def setup(self):
        conn = psycopg2.connect(host="127.0.0.1", port=self.h.pg_port, user="postgres",
                                dbname="postgres")
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute('DROP DATABASE IF EXISTS "%s"' % self.db)
            cur.execute("CREATE DATABASE \"%s\" ENCODING 'UTF8' TEMPLATE template0" % self.db)
        conn.close()
        self.manage("migrate", "--noinput", "-v", "0")
        return self

    def manage(self, *args, check=True):
        """manage.py under the pinned clock; returns its stdout."""
        log = os.path.join(self.log_dir, "e2e-manage.log")
        proc = subprocess.run([PYTHON, os.path.join(TESTS, "manage.py")] + list(args),
                              cwd=TESTS, env=self.env(), stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
        with open(log, "ab") as f:
            f.write(b"\n$ manage.py " + " ".join(args).encode() + b"\n" + proc.stdout + proc.stderr)
        if check and proc.returncode != 0:
            raise RuntimeError("manage.py %s failed (%d):\n%s"
                               % (" ".join(args), proc.returncode, proc.stderr.decode()[-3000:]))
        return proc.stdout.decode()

    def prepare_salon(self, seed, codes, customers=120, days_before=7, days_ahead=7):
        """seed_demo_salon, then `codes` pairing codes from kiosk_pairing_code,
        in one manage.py process (each process costs seconds). Returns
        (salon id, [codes])."""
        script = (
            "import io, json\n"
            "from django.core.management import call_command\n"
            "out = io.StringIO()\n"
            "call_command('seed_demo_salon', '--seed', '%d', '--today', '%s', '--customers', '%d',"
            " '--days-before', '%d', '--days-ahead', '%d', stdout=out, stderr=io.StringIO())\n"
            "salon = out.getvalue().strip().splitlines()[-1]\n"
            "codes = []\n"
            "for _ in range(%d):\n"
            "    out = io.StringIO()\n"
            "    call_command('kiosk_pairing_code', salon, stdout=out, stderr=io.StringIO())\n"
            "    codes.append(out.getvalue().strip())\n"
            "print(json.dumps({'salon': salon, 'codes': codes}))\n"
            % (seed, self.clock.today.isoformat(), customers, days_before, days_ahead, codes))
        made = json.loads(self.manage("shell", "-c", script).strip().splitlines()[-1])
        uuid.UUID(made["salon"])
        for code in made["codes"]:
            assert re.fullmatch(r"\d{6}", code), made
        return made["salon"], made["codes"]

    def pairing_code(self, salon):
        """What an owner does on the server (§3.1): the six digits on stdout."""
        out = self.manage("kiosk_pairing_code", salon)
        m = re.fullmatch(r"(\d{6})\n?", out)
        assert m, "kiosk_pairing_code printed %r, not six digits" % out
        return m.group(1)

    def start(self, port=None):
        self.port = port or free_port()
        for attempt in range(4):
            with open(self.log_path, "ab") as log:
                self.proc = subprocess.Popen(
                    [PYTHON, "-m", "daphne", "-b", "127.0.0.1", "-p", str(self.port),
                     "--access-log", self.access_log_path, "host.asgi:application"],
                    cwd=TESTS, env=self.env(), stdin=subprocess.DEVNULL, stdout=log,
                    stderr=subprocess.STDOUT, start_new_session=True,
                    preexec_fn=_die_with_us())
            if self._wait_up():
                return self
            if port:
                # The same port is wanted (the kiosks know it): wait for it.
                time.sleep(0.5)
            else:
                self.port = free_port()
        raise RuntimeError("daphne did not start:\n%s" % tail(self.log_path))

    def _wait_up(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(self.url + "/api/salons/", timeout=2) as r:
                    if r.status == 200:
                        return True
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.05)
        raise RuntimeError("daphne did not answer in %d s:\n%s" % (timeout, tail(self.log_path)))

    def stop(self):
        """The server goes away: its port refuses connections."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None

    # -- reading the database as an operator would ------------------------------

    def sql(self, query, params=()):
        if self._conn is None or self._conn.closed:
            self._conn = psycopg2.connect(host="127.0.0.1", port=self.h.pg_port,
                                          user="postgres", dbname=self.db)
            self._conn.autocommit = True
        with self._conn.cursor() as cur:
            cur.execute(query, params)
            if cur.description is None:
                return cur.rowcount
            return cur.fetchall()

    def scalar(self, query, params=()):
        rows = self.sql(query, params)
        return rows[0][0]

    def close(self):
        if self._conn is not None:
            self._conn.close()

    def access_log(self):
        """daphne's access log: one line per answered request."""
        try:
            with open(self.access_log_path, errors="replace") as f:
                return f.read().splitlines()
        except OSError:
            return []


# -- a device of our own: the feed as the contract says -------------------------------

class HttpError(Exception):
    def __init__(self, status, body, headers):
        super().__init__("HTTP %d: %s" % (status, body[:500]))
        self.status = status
        self.body = body
        self.headers = headers

    def json(self):
        return json.loads(self.body)


class Device:
    """A client of §3 over plain HTTP (urllib): enrollment, the feed, uploads."""

    def __init__(self, base_url, token=None):
        self.base = base_url.rstrip("/") + "/api/kiosk/v1/"
        self.token = token
        self.device = None

    def request(self, method, path, body=None, key=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if self.token:
            req.add_header("Authorization", "Token " + self.token)
        if key:
            req.add_header("Idempotency-Key", '"%s"' % key)
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                raw = r.read().decode()
                return r.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as e:
            raise HttpError(e.code, e.read().decode(errors="replace"), dict(e.headers))

    def enroll(self, salon, code, name):
        status, body = self.request("POST", "devices/", {"salon": salon, "pairing_code": code,
                                                         "name": name})
        assert status == 201, body
        self.token = body["token"]
        self.device = body["device"]
        return body

    def changes(self, since=None, limit=1000):
        q = {"limit": str(limit)}
        if since is not None:
            q["since"] = since
        return self.request("GET", "changes/?" + urllib.parse.urlencode(q))[1]

    def pull(self, since=None, rows=None):
        """Pages until has_more is false, applied as §3.2 says (a change whose
        version is not above the row's is a replay). Returns (rows, cursor):
        rows maps (entity, id) to {"version", "data"}."""
        rows = {} if rows is None else rows
        versions = {}
        for k, v in rows.items():
            versions[k] = v["version"]
        cursor = since
        for _ in range(10000):
            page = self.changes(cursor)
            for ch in page["changes"]:
                key = (ch["entity"], ch["id"])
                if ch["version"] <= versions.get(key, -1):
                    continue
                versions[key] = ch["version"]
                if ch["op"] == "delete":
                    rows.pop(key, None)
                else:
                    assert ch["op"] == "upsert", ch
                    rows[key] = {"version": ch["version"], "data": ch["data"]}
            cursor = page["cursor"]
            if not page["has_more"]:
                return rows, cursor
        raise AssertionError("the feed never said has_more: false")

    def snapshot(self):
        return self.pull()[0]


# -- the kiosk program ---------------------------------------------------------------

class Run:
    def __init__(self, argv, rc, out, err):
        self.argv, self.rc, self.out, self.err = argv, rc, out, err

    def __repr__(self):
        return "<%s: exit %s\nstdout: %s\nstderr: %s>" % (" ".join(self.argv[1:]), self.rc,
                                                         self.out, self.err)


class Kiosk:
    """One front desk: a data folder, the program's headless commands on it,
    and the desk's own changes through kiosk-desk-tool."""

    def __init__(self, program, tool, data_dir, env):
        self.program = program
        self.tool = tool
        self.data_dir = data_dir
        self.env = env
        os.makedirs(data_dir, exist_ok=True)

    def argv(self, *args):
        return [self.program, "--data-dir=" + self.data_dir] + list(args)

    def spawn(self, *args):
        return subprocess.Popen(self.argv(*args), env=self.env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                preexec_fn=_die_with_us(signal.SIGKILL))

    def run(self, *args, timeout=90):
        argv = self.argv(*args)
        proc = subprocess.run(argv, env=self.env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                              preexec_fn=_die_with_us(signal.SIGKILL))
        return Run(argv, proc.returncode, proc.stdout.decode(), proc.stderr.decode())

    def enroll(self, url, salon, code, name):
        return self.run("--enroll", "--server=" + url, "--salon=" + salon,
                        "--pairing-code=" + code, "--name=" + name)

    def sync_once(self):
        return self.run("--sync-once")

    def sync_to_end(self, tries=6):
        """--sync-once until up to date (0), as the running kiosk would go on."""
        for _ in range(tries):
            r = self.sync_once()
            if r.rc != 4:
                return r
            time.sleep(0.2)
        return r

    def status(self):
        r = self.run("--status", "--json")
        assert r.rc == 0, r
        return json.loads(r.out)

    def dump(self):
        """(entity, id) → the dump's line as a dict."""
        r = self.run("--dump-replica")
        assert r.rc == 0, r
        rows = {}
        for line in r.out.splitlines():
            obj = json.loads(line)
            key = (obj["entity"], obj["id"])
            assert key not in rows, "the dump has %s twice" % (key,)
            rows[key] = obj
        keys = [(o["entity"], o["id"]) for o in map(json.loads, r.out.splitlines())]
        assert keys == sorted(keys, key=lambda k: (k[0].encode(), k[1].encode())), \
            "the dump is not sorted by entity, then id"
        return rows

    def desk(self, *args, expect=0):
        argv = [self.tool, "--data-dir", self.data_dir] + list(args)
        proc = subprocess.run(argv, env=self.env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        out = proc.stdout.decode()
        assert proc.returncode == expect, "%s: exit %d\n%s%s" % (" ".join(args), proc.returncode,
                                                                  out, proc.stderr.decode())
        return json.loads(out) if out.strip() else None

    def outbox(self):
        return self.desk("outbox")


# -- the contract's formats (docs/kiosk-api.md §1, §3.3, §3.4) ---------------------------

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _is_uuid(v):
    return isinstance(v, str) and _UUID.fullmatch(v) is not None


def _is_date(v):
    return isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is not None


def _is_time(v):
    return isinstance(v, str) and re.fullmatch(r"\d{2}:\d{2}:\d{2}", v) is not None


def _is_time_in(v):
    """Times sent to the server: HH:MM:SS, and HH:MM is accepted (§1)."""
    return isinstance(v, str) and re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", v) is not None


def _is_instant(v):
    """ISO 8601 date-time with an offset (§1)."""
    if not isinstance(v, str) or not re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", v):
        return False
    try:
        return datetime.fromisoformat(v.replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


def _is_money(v):
    return isinstance(v, str) and re.fullmatch(r"-?\d+\.\d{2}", v) is not None


def _is_phone(v):
    return isinstance(v, str) and re.fullmatch(r"\+[1-9]\d{9,14}", v) is not None


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _is_str(v):
    return isinstance(v, str)


def _is_bool(v):
    return isinstance(v, bool)


def _or_null(check):
    def check_or_null(v):
        return v is None or check(v)
    check_or_null.nullable = True
    return check_or_null


def _one_of(*words):
    return lambda v: v in words


APPOINTMENT_STATUSES = ("pending", "confirmed", "completed", "cancelled", "no_show")
WALKIN_STATUSES = ("waiting", "called", "in_service", "done", "left")

# What each field of §3.4 holds.
ENTITY_FORMATS = {
    "salon": {"id": _is_uuid, "name": _is_str, "address": _is_str, "city": _is_str,
              "district": _is_str, "phone": _is_str, "opening_time": _is_time,
              "closing_time": _is_time, "timezone": _is_str},
    "working_hours": {"id": lambda v: isinstance(v, str) and re.fullmatch(
                          _UUID.pattern + r":[0-6]", v) is not None,
                      "day_of_week": lambda v: _is_int(v) and 0 <= v <= 6,
                      "opening_time": _is_time, "closing_time": _is_time, "is_closed": _is_bool},
    "category": {"id": _is_uuid, "name": _is_str, "description": _is_str, "icon": _is_str},
    "service": {"id": _is_uuid, "category": _or_null(_is_uuid), "name": _is_str,
                "description": _is_str, "price": _is_money,
                "duration": lambda v: _is_int(v) and v > 0, "is_active": _is_bool},
    "employee": {"id": _is_uuid, "name": _is_str, "position": _is_str, "is_active": _is_bool,
                 "services": lambda v: isinstance(v, list) and all(map(_is_uuid, v))},
    "customer": {"id": _is_uuid, "first_name": _is_str, "last_name": _is_str, "phone": _is_phone,
                 "loyalty_level": _one_of("bronze", "silver", "gold", "platinum"),
                 "total_points": _is_int, "current_points": _is_int, "total_spent": _is_money,
                 "total_visits": _is_int, "updated_at": _is_instant},
    "appointment": {"id": _is_uuid, "customer": _is_uuid, "service": _is_uuid,
                    "employee": _or_null(_is_uuid), "appointment_date": _is_date,
                    "appointment_time": _is_time, "end_time": _is_time,
                    "status": _one_of(*APPOINTMENT_STATUSES), "notes": _is_str,
                    "price": _is_money, "source": _is_str, "checked_in_at": _or_null(_is_instant),
                    "created_at": _is_instant, "updated_at": _is_instant},
    "walkin": {"id": _is_uuid, "customer": _or_null(_is_uuid), "name": _is_str,
               "phone": lambda v: v in (None, "") or _is_phone(v), "service": _is_uuid,
               "preferred_employee": _or_null(_is_uuid), "employee": _or_null(_is_uuid),
               "status": _one_of(*WALKIN_STATUSES), "arrived_at": _is_instant,
               "called_at": _or_null(_is_instant), "finished_at": _or_null(_is_instant)},
    "point_entry": {"id": _is_uuid, "customer": _is_uuid, "points": _is_int, "reason": _is_str,
                    "created_at": _is_instant},
}
assert {e: set(f) for e, f in ENTITY_FORMATS.items()} == ENTITY_FIELDS


def entity_problems(entity, data):
    """How `data` breaks §3.4 for `entity` (missing, extra, malformed fields)."""
    formats = ENTITY_FORMATS[entity]
    problems = ["%s lacks %s" % (entity, f) for f in sorted(set(formats) - set(data))]
    problems += ["%s has %s, which §3.4 does not list" % (entity, f)
                 for f in sorted(set(data) - set(formats))]
    problems += ["%s.%s = %r" % (entity, f, data[f]) for f in sorted(set(formats) & set(data))
                 if not formats[f](data[f])]
    return problems


def _consent(notice):
    """§3.6: when, and which notice (today kiosk-kvkk-member-… for members,
    kiosk-kvkk-walkin-… for the queue; the version after it may change)."""
    return {"consent_at": _is_instant,
            "consent_notice": lambda v: isinstance(v, str) and v.startswith(notice)}


# §3.3: what the kiosk sends, and what a success answers with.
UPLOADS = [
    (r"/api/kiosk/v1/customers/", dict({
        "id": _is_uuid, "first_name": _is_str, "last_name": _is_str, "phone": _is_phone},
        **_consent("kiosk-kvkk-member-")), (201,), "customer"),
    (r"/api/kiosk/v1/appointments/", {
        "id": _is_uuid, "customer": _is_uuid, "service": _is_uuid,
        "employee": _or_null(_is_uuid), "appointment_date": _is_date,
        "appointment_time": _is_time_in, "notes": _is_str,
        "source": _one_of("kiosk", "walk_in")}, (201,), "appointment"),
    (r"/api/kiosk/v1/appointments/%s/check-in/" % _UUID.pattern,
     {"checked_in_at": _is_instant}, (200,), "appointment"),
    (r"/api/kiosk/v1/appointments/%s/status/" % _UUID.pattern,
     {"status": _one_of("confirmed", "completed", "cancelled", "no_show")}, (200,), "appointment"),
    (r"/api/kiosk/v1/walkins/", dict({
        "id": _is_uuid, "customer": _or_null(_is_uuid), "name": _is_str,
        "phone": lambda v: v in (None, "") or _is_phone(v), "service": _is_uuid,
        "preferred_employee": _or_null(_is_uuid), "arrived_at": _is_instant},
        **_consent("kiosk-kvkk-walkin-")),
     (201,), "walkin"),
    (r"/api/kiosk/v1/walkins/%s/status/" % _UUID.pattern, {
        "status": _one_of("called", "in_service", "done", "left"),
        "employee": _or_null(_is_uuid)}, (200,), "walkin"),
    (r"/api/kiosk/v1/loyalty/redemptions/", {
        "id": _is_uuid, "customer": _is_uuid, "points": lambda v: _is_int(v) and v > 0,
        "reason": _is_str}, (201,), "point_entry"),
]


def upload_problems(x):
    """How one upload the proxy saw breaks §1/§3.3, on either side: the
    kiosk's request (headers, body) and the app's success answer."""
    for pattern, fields, ok, entity in UPLOADS:
        if re.fullmatch(pattern, x.path):
            break
    else:
        return ["%s %s is no upload of §3.3" % (x.method, x.path)]
    where = "%s %s" % (x.method, x.path)
    problems = []
    if not x.headers.get("content-type", "").startswith("application/json"):
        problems.append("%s: Content-Type %r" % (where, x.headers.get("content-type")))
    key = x.headers.get("idempotency-key", "")
    if not (key.startswith('"') and key.endswith('"') and _is_uuid(key[1:-1])):
        problems.append("%s: Idempotency-Key %r is not a quoted UUID" % (where, key))
    if not re.fullmatch(r"Token [0-9a-f]{40}", x.headers.get("authorization", "")):
        problems.append("%s: Authorization is not a token" % where)
    try:
        body = json.loads(x.request)
    except ValueError:
        return problems + ["%s: the body is not JSON: %r" % (where, x.request[:200])]
    # A field §3.3 marks "(or null)" may be left out: the kiosk leaves
    # "employee" out of a walk-in's status when none is assigned, and DRF
    # (which the page defers to where it is silent) reads absent as not given.
    problems += ["%s: the body lacks %s" % (where, f) for f in sorted(set(fields) - set(body))
                 if not getattr(fields[f], "nullable", False)]
    problems += ["%s: the body has %s, which §3.3 does not list" % (where, f)
                 for f in sorted(set(body) - set(fields))]
    problems += ["%s: %s = %r" % (where, f, body[f]) for f in sorted(set(fields) & set(body))
                 if not fields[f](body[f])]
    if x.status in ok:
        problems += ["%s answered: %s" % (where, p)
                     for p in entity_problems(entity, json.loads(x.body))]
    elif x.status in (409, 410, 422):
        problems += ["%s answered %d: %s" % (where, x.status, p) for p in refusal_problems(x.body)]
    return problems


def refusal_problems(raw):
    """§1: 409/410/422 carry {"code", "detail", …}; §3.3 names what each
    code brings along."""
    try:
        body = json.loads(raw)
    except ValueError:
        return ["the body is not JSON: %r" % raw[:200]]
    if not isinstance(body, dict) or not isinstance(body.get("code"), str) or \
            not isinstance(body.get("detail"), str):
        return ["no code and detail: %r" % (body,)]
    code = body["code"]
    if code == "slot_taken" and not (isinstance(body.get("conflicts"), list) and
                                     all(map(_is_uuid, body["conflicts"]))):
        return ["slot_taken without its conflicts: %r" % (body,)]
    if code == "insufficient_points" and not _is_int(body.get("current_points")):
        return ["insufficient_points without current_points: %r" % (body,)]
    if code == "phone_exists":
        if not isinstance(body.get("customer"), dict):
            return ["phone_exists without the customer: %r" % (body,)]
        return ["the existing customer: %s" % p for p in entity_problems("customer", body["customer"])]
    return []


# -- comparing ---------------------------------------------------------------------------

def diff_rows(dump, server, limit=8):
    """Where a kiosk's dump and the server's rows part, in words."""
    problems = []
    for key in sorted(set(server) - set(dump)):
        problems.append("missing in the kiosk: %s %s" % key)
    for key in sorted(set(dump) - set(server)):
        problems.append("only in the kiosk: %s %s %s" % (key + (json.dumps(dump[key]["data"],
                                                                            ensure_ascii=False),)))
    for key in sorted(set(dump) & set(server)):
        d, s = dump[key], server[key]
        if d["data"] != s["data"]:
            fields = sorted(f for f in set(d["data"]) | set(s["data"])
                            if d["data"].get(f, "<absent>") != s["data"].get(f, "<absent>"))
            problems.append("%s %s differs in %s: kiosk %s, server %s" % (
                key[0], key[1], ", ".join(fields),
                {f: d["data"].get(f, "<absent>") for f in fields},
                {f: s["data"].get(f, "<absent>") for f in fields}))
        elif d["version"] != s["version"]:
            problems.append("%s %s: kiosk has version %s, server %s"
                            % (key + (d["version"], s["version"])))
        if d.get("pending"):
            problems.append("%s %s is still pending in the kiosk" % key)
    if len(problems) > limit:
        problems = problems[:limit] + ["… and %d more" % (len(problems) - limit)]
    return problems


def assert_same_rows(dump, server, what="the kiosk's dump and the server's snapshot"):
    problems = diff_rows(dump, server)
    assert not problems, "%s differ:\n  %s" % (what, "\n  ".join(problems))


# -- a fault proxy -------------------------------------------------------------------------

class Exchange:
    """One request as the proxy saw it (headers by lower-case name, body),
    and the answer: status and body."""

    def __init__(self, method, path, headers, request, status, body):
        self.method, self.path, self.headers, self.request = method, path, headers, request
        self.key = headers.get("idempotency-key", "").strip('"') or None
        self.status, self.body = status, body

    def __repr__(self):
        return "%s %s %s -> %s" % (self.method, self.path, self.key or "", self.status)


class FaultProxy:
    """A TCP front for daphne that passes each request on and writes down
    what was asked and answered (method, path, Idempotency-Key, status,
    body). Two faults, for uploads (POST) only:

    - block_posts: answer 503 itself (a failing server, §1: 5xx, any body);
    - hold_posts = seconds: pass the upload on, let the server answer, and
      keep that answer that long before handing it over (`held` is set then,
      `last_held` is that exchange), so a kill lands after the server applied
      a change and before the kiosk learnt it.

    Each request goes over a fresh upstream connection with "Connection:
    close", so the kiosk sees the server close after every answer and opens
    a new connection for the next request (plain HTTP/1.1)."""

    def __init__(self, upstream_port):
        self.upstream = upstream_port
        self.block_posts = False
        self.hold_posts = 0.0
        self.held = threading.Event()
        self.last_held = None
        self.log = []
        self._lock = threading.Lock()
        self.port = 0
        self._sock = None
        self.online()

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def online(self):
        """Listen (again, on the same port)."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        sock.listen(64)
        self.port = sock.getsockname()[1]
        self._sock = sock
        threading.Thread(target=self._accept, args=(sock,), daemon=True).start()

    def offline(self):
        """Stop listening: connections are refused, as by a host that is down."""
        self.close()

    def close(self):
        if self._sock is not None:
            try:
                self._sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._sock.close()
            self._sock = None

    def _accept(self, sock):
        while True:
            try:
                client, _ = sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    @staticmethod
    def _read_request(client):
        buf = b""
        while b"\r\n\r\n" not in buf:
            chunk = client.recv(65536)
            if not chunk:
                return None, None
            buf += chunk
        head, rest = buf.split(b"\r\n\r\n", 1)
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        while len(rest) < length:
            chunk = client.recv(65536)
            if not chunk:
                return None, None
            rest += chunk
        return head, rest

    def _serve(self, client):
        try:
            client.settimeout(60)
            head, body = self._read_request(client)
            if head is None:
                return
            lines = head.split(b"\r\n")
            method, path = (x.decode() for x in lines[0].split(b" ")[:2])
            headers = {}
            for line in lines[1:]:
                name, _, value = line.decode(errors="replace").partition(":")
                headers[name.strip().lower()] = value.strip()
            if method == "POST" and self.block_posts:
                client.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/html\r\n"
                               b"Content-Length: 19\r\nConnection: close\r\n\r\n"
                               b"<h1>Bakimda.</h1>\r\n")
                self._note(Exchange(method, path, headers, body, 503, b""))
                return
            kept = [l for l in lines[1:] if not l.lower().startswith(b"connection:")]
            answer = b""
            with socket.create_connection(("127.0.0.1", self.upstream), timeout=60) as upstream:
                upstream.sendall(b"\r\n".join([lines[0]] + kept + [b"Connection: close"])
                                 + b"\r\n\r\n" + body)
                while True:
                    data = upstream.recv(65536)
                    if not data:
                        break
                    answer += data
            status = int(answer.split(b" ", 2)[1])
            exchange = Exchange(method, path, headers, body, status,
                                answer.partition(b"\r\n\r\n")[2])
            self._note(exchange)
            hold = self.hold_posts if method == "POST" else 0
            if hold:
                self.last_held = exchange
                self.held.set()
                time.sleep(hold)
            client.sendall(answer)
        except (OSError, ValueError, IndexError):
            pass
        finally:
            client.close()

    def _note(self, exchange):
        with self._lock:
            self.log.append(exchange)

    def take_log(self):
        with self._lock:
            log, self.log = self.log, []
        return log
