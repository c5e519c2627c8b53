# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Throwaway PostgreSQL 15 and Redis for the server's tests and live.py.

Both run from a fresh directory (a temporary one unless a data dir is given),
on free 127.0.0.1 ports, and are stopped and removed when the process exits,
normally, by an exception, by SIGTERM/SIGHUP/SIGINT, and even by SIGKILL:
each child is started with a parent-death signal, so it cannot outlive us
(only the directory would remain then).

PostgreSQL refuses to run as root, and CI runs as root: the cluster then
belongs to the unprivileged user `nobody` (its data and socket directories
are chown'ed to it) and is reached with trust authentication over TCP on
127.0.0.1 or over the unix socket in its own directory.

Usage:
    h = Harness().start()
    os.environ.update(h.env)      # KIOSK_PG_* and KIOSK_REDIS_URL for host.settings
    ...
    h.stop()                       # or let atexit do it
"""

import atexit
import ctypes
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

PG_BIN = os.environ.get("KIOSK_PG_BIN", "/usr/lib/postgresql/15/bin")
REDIS_SERVER = os.environ.get("KIOSK_REDIS_SERVER", "redis-server")
PG_USER = "postgres"
PG_DB = "kiosk"
UNPRIVILEGED_USER = "nobody"
START_TIMEOUT = 60.0

_PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(None, use_errno=True)


_TMP_PREFIX = "kiosk-harness-"


class HarnessError(RuntimeError):
    pass


def _sweep_stale():
    """Remove the temporary directories of harnesses whose process died
    without cleaning up (SIGKILL); their servers died with them."""
    base = tempfile.gettempdir()
    try:
        names = os.listdir(base)
    except OSError:
        return
    for name in names:
        if not name.startswith(_TMP_PREFIX):
            continue
        path = os.path.join(base, name)
        try:
            with open(os.path.join(path, "owner.pid")) as f:
                pid = int(f.read().strip())
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
        except (OSError, ValueError):
            pass


def free_port():
    """A TCP port on 127.0.0.1 that nobody listens on right now.

    Another process may take it before our server binds it; the callers
    retry with a new port when the server then fails to start.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _child_setup(deathsig):
    def setup():
        # Runs in the child after Popen has switched user (CPython applies
        # user=/group= before preexec_fn), so the kernel keeps the setting
        # through exec: the server dies with us even if we are SIGKILLed.
        _libc.prctl(_PR_SET_PDEATHSIG, int(deathsig), 0, 0, 0)
    return setup


def _tail(path, n=40):
    try:
        with open(path, "r", errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError:
        return "(no log)"


def _clean_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.setdefault("LC_ALL", "C.UTF-8")
    return env


class _Child:
    def __init__(self, name, proc, stop_signal, log_path):
        self.name = name
        self.proc = proc
        self.stop_signal = stop_signal
        self.log_path = log_path


class Harness:
    """PostgreSQL + Redis in one directory; `start()` then `stop()`.

    data_dir: where to put them (created if missing; must not hold a
    previous cluster). Without it a temporary directory is made and removed
    at stop. With it, the database and Redis files are removed at stop
    unless keep=True; the logs in data_dir/logs stay.
    """

    def __init__(self, data_dir=None, keep=False, quiet=True):
        self.given_dir = data_dir is not None
        self.data_dir = os.path.abspath(data_dir) if data_dir else None
        self.keep = keep
        self.quiet = quiet
        self.pg_port = None
        self.redis_port = None
        self.children = []
        self.started = False
        self._stopped = False
        self._lock = threading.RLock()
        self._as_user = None

    # -- paths ---------------------------------------------------------------

    @property
    def pg_dir(self):
        return os.path.join(self.data_dir, "pg")

    @property
    def pg_data(self):
        return os.path.join(self.pg_dir, "data")

    @property
    def pg_socket_dir(self):
        return os.path.join(self.pg_dir, "socket")

    @property
    def redis_dir(self):
        return os.path.join(self.data_dir, "redis")

    @property
    def log_dir(self):
        return os.path.join(self.data_dir, "logs")

    @property
    def env(self):
        """What host.settings reads (see server-layout: KIOSK_PG_*, KIOSK_REDIS_URL)."""
        return {
            "KIOSK_PG_HOST": "127.0.0.1",
            "KIOSK_PG_PORT": str(self.pg_port),
            "KIOSK_PG_NAME": PG_DB,
            "KIOSK_PG_USER": PG_USER,
            "KIOSK_PG_SOCKET_DIR": self.pg_socket_dir,
            "KIOSK_REDIS_URL": "redis://127.0.0.1:%d/0" % self.redis_port,
        }

    # -- start ---------------------------------------------------------------

    def start(self):
        t0 = time.monotonic()
        _register(self)
        try:
            self._make_dirs()
            redis_proc = self._spawn_redis()
            self._initdb()
            pg_proc = self._spawn_postgres()
            self._wait_redis(redis_proc)
            self._wait_postgres(pg_proc)
            self._create_database()
        except BaseException:
            self.stop()
            raise
        self.started = True
        if not self.quiet:
            sys.stderr.write("harness: PostgreSQL on %d, Redis on %d, ready in %.1f s (%s)\n"
                             % (self.pg_port, self.redis_port, time.monotonic() - t0,
                                self.data_dir))
        return self

    def _make_dirs(self):
        if os.geteuid() == 0:
            try:
                self._as_user = pwd.getpwnam(UNPRIVILEGED_USER)
            except KeyError:
                raise HarnessError("running as root needs the user %r to run PostgreSQL"
                                   % UNPRIVILEGED_USER)
        if self.data_dir is None:
            _sweep_stale()
            self.data_dir = tempfile.mkdtemp(prefix=_TMP_PREFIX)
            with open(os.path.join(self.data_dir, "owner.pid"), "w") as f:
                f.write("%d\n" % os.getpid())
        else:
            os.makedirs(self.data_dir, exist_ok=True)
            if os.path.exists(self.pg_dir) or os.path.exists(self.redis_dir):
                raise HarnessError("%s already holds a database (pg/ or redis/): "
                                   "give an empty or new data directory" % self.data_dir)
        # PostgreSQL's user must be able to reach its directory.
        os.chmod(self.data_dir, 0o755)
        if self._as_user:
            self._check_reachable(self.data_dir)
        for d in (self.pg_dir, self.pg_socket_dir, self.redis_dir, self.log_dir):
            os.makedirs(d, exist_ok=True)
        os.chmod(self.pg_dir, 0o700)
        os.chmod(self.pg_socket_dir, 0o755)
        if self._as_user:
            uid, gid = self._as_user.pw_uid, self._as_user.pw_gid
            for d in (self.pg_dir, self.pg_socket_dir):
                os.chown(d, uid, gid)
            # The server log is written by the server itself.
            log = os.path.join(self.log_dir, "postgresql.log")
            open(log, "a").close()
            os.chown(log, uid, gid)

    def _check_reachable(self, path):
        p = path
        while True:
            st = os.stat(p)
            if not st.st_mode & 0o001:
                raise HarnessError("%s cannot be entered by user %r (PostgreSQL's): choose a data "
                                   "directory under /tmp or make %s world-searchable"
                                   % (path, UNPRIVILEGED_USER, p))
            parent = os.path.dirname(p)
            if parent == p:
                return
            p = parent

    def _popen(self, name, argv, log_name, stop_signal, as_user=False, cwd=None):
        log_path = os.path.join(self.log_dir, log_name)
        kwargs = {}
        if as_user and self._as_user:
            kwargs.update(user=self._as_user.pw_uid, group=self._as_user.pw_gid,
                          extra_groups=[])
        with open(log_path, "ab") as log:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log,
                                    stderr=subprocess.STDOUT, cwd=cwd or self.data_dir,
                                    env=_clean_env(), start_new_session=True,
                                    preexec_fn=_child_setup(stop_signal), **kwargs)
        child = _Child(name, proc, stop_signal, log_path)
        with self._lock:
            self.children.append(child)
        return child

    def _run_as_user(self, argv, log_name):
        log_path = os.path.join(self.log_dir, log_name)
        kwargs = {}
        if self._as_user:
            kwargs.update(user=self._as_user.pw_uid, group=self._as_user.pw_gid,
                          extra_groups=[])
        with open(log_path, "ab") as log:
            rc = subprocess.call(argv, stdin=subprocess.DEVNULL, stdout=log,
                                 stderr=subprocess.STDOUT, cwd=self.pg_dir, env=_clean_env(),
                                 preexec_fn=_child_setup(signal.SIGKILL), **kwargs)
        if rc != 0:
            raise HarnessError("%s failed (%d):\n%s" % (argv[0], rc, _tail(log_path)))

    def _spawn_redis(self, port=None):
        self.redis_port = port or free_port()
        argv = [REDIS_SERVER, "--port", str(self.redis_port), "--bind", "127.0.0.1",
                "--dir", self.redis_dir, "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--protected-mode", "yes", "--databases", "16",
                "--loglevel", "warning", "--logfile", ""]
        return self._popen("redis", argv, "redis.log", signal.SIGTERM)

    def _initdb(self):
        argv = [os.path.join(PG_BIN, "initdb"), "-D", self.pg_data, "-U", PG_USER,
                "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
                "--no-instructions"]
        self._run_as_user(argv, "initdb.log")

    def _spawn_postgres(self, port=None):
        self.pg_port = port or free_port()
        argv = [os.path.join(PG_BIN, "postgres"), "-D", self.pg_data,
                "-p", str(self.pg_port), "-h", "127.0.0.1", "-k", self.pg_socket_dir,
                # A throwaway cluster: durability buys nothing here.
                "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=200",
                "-c", "log_min_messages=warning", "-c", "TimeZone=UTC"]
        # SIGINT is PostgreSQL's fast shutdown: it does not wait for clients.
        return self._popen("postgresql", argv, "postgresql.log", signal.SIGINT,
                           as_user=True, cwd=self.pg_dir)

    def _wait_redis(self, child):
        deadline = time.monotonic() + START_TIMEOUT
        attempts = 0
        while True:
            if child.proc.poll() is not None:
                attempts += 1
                self._forget(child)
                if attempts > 3:
                    raise HarnessError("redis-server exited (%s):\n%s"
                                       % (child.proc.returncode, _tail(child.log_path)))
                child = self._spawn_redis()  # the port was taken meanwhile
                continue
            try:
                with socket.create_connection(("127.0.0.1", self.redis_port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(64).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise HarnessError("redis-server did not answer in %d s:\n%s"
                                   % (START_TIMEOUT, _tail(child.log_path)))
            time.sleep(0.02)

    def _wait_postgres(self, child):
        import psycopg2

        deadline = time.monotonic() + START_TIMEOUT
        attempts = 0
        while True:
            if child.proc.poll() is not None:
                attempts += 1
                self._forget(child)
                if attempts > 3:
                    raise HarnessError("postgres exited (%s):\n%s"
                                       % (child.proc.returncode, _tail(child.log_path)))
                child = self._spawn_postgres()
                continue
            try:
                psycopg2.connect(host="127.0.0.1", port=self.pg_port, user=PG_USER,
                                 dbname="postgres", connect_timeout=2).close()
                return
            except psycopg2.OperationalError:
                pass
            if time.monotonic() > deadline:
                raise HarnessError("postgres did not accept connections in %d s:\n%s"
                                   % (START_TIMEOUT, _tail(child.log_path)))
            time.sleep(0.02)

    def _create_database(self):
        import psycopg2

        conn = psycopg2.connect(host="127.0.0.1", port=self.pg_port, user=PG_USER,
                                dbname="postgres")
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute("CREATE DATABASE %s ENCODING 'UTF8' TEMPLATE template0" % PG_DB)
        finally:
            conn.close()

    def _forget(self, child):
        with self._lock:
            if child in self.children:
                self.children.remove(child)

    # -- more children (live.py's servers) -----------------------------------

    def spawn(self, name, argv, env=None, cwd=None, stop_signal=signal.SIGTERM, log_name=None):
        """Start another child that is stopped (before the databases) at stop()."""
        log_path = os.path.join(self.log_dir, log_name or (name + ".log"))
        full_env = _clean_env()
        full_env.update(self.env)
        if env:
            full_env.update(env)
        with open(log_path, "ab") as log:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log,
                                    stderr=subprocess.STDOUT, cwd=cwd, env=full_env,
                                    start_new_session=True,
                                    preexec_fn=_child_setup(stop_signal))
        child = _Child(name, proc, stop_signal, log_path)
        with self._lock:
            self.children.append(child)
        return child

    # -- stop ----------------------------------------------------------------

    def stop(self):
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            children = list(reversed(self.children))
            self.children = []
        # Last started, first stopped: the web servers before the databases.
        for child in children:
            _terminate(child)
        if self.data_dir and os.path.isdir(self.data_dir):
            if not self.given_dir:
                shutil.rmtree(self.data_dir, ignore_errors=True)
            elif not self.keep:
                shutil.rmtree(self.pg_dir, ignore_errors=True)
                shutil.rmtree(self.redis_dir, ignore_errors=True)
        _unregister(self)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False


def _terminate(child, timeout=10.0):
    proc = child.proc
    if proc.poll() is None:
        try:
            proc.send_signal(child.stop_signal)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
    # Whatever the child left in its session (PostgreSQL's backends, gunicorn's
    # workers) goes too.
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


# -- clean-up on exit and on signals ---------------------------------------

_live = []
_live_lock = threading.Lock()
_handlers_installed = False


def _register(h):
    with _live_lock:
        if h not in _live:
            _live.append(h)
    install_signal_handlers()


def _unregister(h):
    with _live_lock:
        if h in _live:
            _live.remove(h)


def stop_all():
    with _live_lock:
        hs = list(_live)
    for h in reversed(hs):
        h.stop()


atexit.register(stop_all)


def _on_signal(signum, frame):
    stop_all()
    # Die of the same signal, as the caller (meson, a shell) expects.
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def install_signal_handlers(signals=(signal.SIGTERM, signal.SIGHUP)):
    """Stop every harness on these signals (SIGINT stays Python's
    KeyboardInterrupt, which unwinds through stop() and atexit)."""
    global _handlers_installed
    if _handlers_installed or threading.current_thread() is not threading.main_thread():
        return
    for s in signals:
        if signal.getsignal(s) in (signal.SIG_DFL, None):
            signal.signal(s, _on_signal)
    _handlers_installed = True


if __name__ == "__main__":
    # A quick manual check: start, print the environment, wait for Ctrl-C.
    h = Harness(quiet=False).start()
    for k, v in sorted(h.env.items()):
        print("%s=%s" % (k, v))
    sys.stdout.flush()
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
