#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Run the host backend with salonity_kiosk for real, on one 127.0.0.1 port.

    /usr/bin/python3 server/tests/live.py --data-dir D [--seed demo] [--today YYYY-MM-DD]

starts PostgreSQL and Redis (harness.py), migrates the host project, seeds the
demo salon, makes a kiosk pairing code for it (docs/kiosk-api.md §3.1), starts
daphne for HTTP and WebSocket (§3.5) on one port, and prints one JSON line on
stdout:

    {"url": "http://127.0.0.1:P", "ws_url": "ws://127.0.0.1:P/api/kiosk/v1/events/",
     "salon": "<uuid>", "pairing_code": "123456", "data_dir": D, "log_dir": D/logs,
     "pids": {...}, "postgres": {...}, "redis_url": ..., "admin": {...}}

It then runs until SIGTERM or SIGINT (or until a server dies, with a non-zero
exit), and stops and removes everything it started. Without --data-dir a
temporary directory is used. With --workers N (N > 1) N daphne processes
listen on ports of their own behind a small TCP proxy in this process that
spreads connections over them, still on one front port.
Logs: D/logs/ (postgresql.log, redis.log, manage.log, daphne-*.log).
"""

import argparse
import asyncio
import itertools
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import harness  # noqa: E402

PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
MANAGE = os.path.join(HERE, "manage.py")
DEFAULT_SEED = 2026


class LiveError(RuntimeError):
    pass


def django_env(h, extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update(h.env)
    env.update({
        "DJANGO_SETTINGS_MODULE": "host.settings",
        "PYTHONPATH": os.pathsep.join([HERE, SERVER] + [p for p in [env.get("PYTHONPATH")] if p]),
        "PYTHONDONTWRITEBYTECODE": "1",
        # No front web server here: daphne serves the admin's static files.
        "KIOSK_SERVE_STATIC": "1",
        "KIOSK_MEDIA_ROOT": os.path.join(h.data_dir, "media"),
    })
    if extra:
        env.update(extra)
    return env


def manage(h, args, env):
    """Run manage.py; its stderr goes to logs/manage.log; returns its stdout."""
    log_path = os.path.join(h.log_dir, "manage.log")
    with open(log_path, "ab") as log:
        log.write(("\n$ manage.py %s\n" % " ".join(args)).encode())
        log.flush()
        proc = subprocess.run([PYTHON, MANAGE] + args, cwd=HERE, env=env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log)
        log.write(proc.stdout)
    if proc.returncode != 0:
        raise LiveError("manage.py %s failed (exit %d); see %s:\n%s"
                        % (" ".join(args), proc.returncode, log_path, harness._tail(log_path)))
    return proc.stdout.decode()


def wait_http(url, child, timeout=60.0):
    deadline = time.monotonic() + timeout
    while True:
        if child.proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            raise LiveError("%s did not answer in %d s; see %s:\n%s"
                            % (url, timeout, child.log_path, harness._tail(child.log_path)))
        time.sleep(0.05)


def start_daphne(h, env, name, port=None):
    """daphne on `port` (or a free one, retried if another process takes it)."""
    for _attempt in range(4):
        p = port or harness.free_port()
        child = h.spawn(name, [PYTHON, "-m", "daphne", "-b", "127.0.0.1", "-p", str(p),
                               "--access-log", os.path.join(h.log_dir, name + "-access.log"),
                               "host.asgi:application"],
                        env=env, cwd=HERE, log_name=name + ".log")
        if wait_http("http://127.0.0.1:%d/api/salons/" % p, child):
            return child, p
        if port:
            break
        h._forget(child)
    raise LiveError("daphne did not start; see %s:\n%s"
                    % (child.log_path, harness._tail(child.log_path)))


# -- the front proxy for --workers N -------------------------------------------

async def _pipe(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        try:
            writer.close()
        except Exception:
            pass


async def start_proxy(port, backends):
    """Spread TCP connections round-robin over the backends: HTTP keep-alive
    and WebSocket connections stay on the worker that took them."""
    ring = itertools.cycle(backends)

    async def handle(client_reader, client_writer):
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", next(ring))
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(_pipe(client_reader, up_writer), _pipe(up_reader, client_writer))

    return await asyncio.start_server(handle, "127.0.0.1", port, reuse_address=True)


# -- main ----------------------------------------------------------------------

def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", help="where PostgreSQL, Redis and the logs live "
                    "(default: a temporary directory, removed at exit)")
    ap.add_argument("--keep", action="store_true",
                    help="keep the database files in --data-dir at exit")
    ap.add_argument("--seed", default="demo",
                    help="'demo' (the Kadıköy salon), 'demo:N' (with seed N) or 'none'")
    ap.add_argument("--today", help="YYYY-MM-DD the demo's bookings are relative to "
                    "(default: today in Istanbul)")
    ap.add_argument("--customers", type=int, help="demo customers (default 200)")
    ap.add_argument("--port", type=int, default=0, help="the front port (default: a free one)")
    ap.add_argument("--workers", type=int, default=1,
                    help="daphne processes; more than one puts a TCP proxy in front")
    ap.add_argument("--no-pairing-code", action="store_true",
                    help="do not make a pairing code")
    args = ap.parse_args(argv)
    m = re.fullmatch(r"demo(?::(\d+))?|none", args.seed)
    if not m:
        ap.error("--seed is 'demo', 'demo:N' or 'none'")
    args.seed_number = (int(m.group(1)) if m.group(1) else DEFAULT_SEED) if args.seed != "none" \
        else None
    if args.workers < 1:
        ap.error("--workers must be at least 1")
    return args


def run(args):
    h = harness.Harness(data_dir=args.data_dir, keep=args.keep)
    # SIGTERM/SIGINT before the servers are up: clean up and leave.
    stop_now = {"signal": None}

    def early(signum, frame):
        stop_now["signal"] = signum
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, early)
    signal.signal(signal.SIGINT, early)
    signal.signal(signal.SIGHUP, early)
    try:
        h.start()
        env = django_env(h)
        manage(h, ["migrate", "--noinput", "-v", "0"], env)

        salon = None
        info = {}
        if args.seed_number is not None:
            cmd = ["seed_demo_salon", "--seed", str(args.seed_number)]
            if args.today:
                cmd += ["--today", args.today]
            if args.customers:
                cmd += ["--customers", str(args.customers)]
            salon = manage(h, cmd, env).strip().splitlines()[-1]
            info["admin"] = {"username": "moda-sahibi-%d" % args.seed_number,
                             "password": "moda-%d" % args.seed_number}

        code = None
        if salon and not args.no_pairing_code:
            # The app's command (§3.1); it must exist: fail loudly otherwise.
            out = manage(h, ["kiosk_pairing_code", salon], env)
            m = re.search(r"(?<!\d)(\d{6})(?!\d)", out)
            if not m:
                raise LiveError("kiosk_pairing_code printed no 6-digit code: %r" % out)
            code = m.group(1)

        # The nudge relay (§3.5): one process that LISTENs for the feed's
        # NOTIFY and tells the channel layer, so a write in any process,
        # the admin's and psql's included, nudges sockets held by any daphne.
        h.spawn("relay", [PYTHON, MANAGE, "kiosk_relay_nudges"], env=env, cwd=HERE)

        front = args.port or None
        workers = []
        if args.workers == 1:
            child, port = start_daphne(h, env, "daphne", front)
            workers.append(child)
        else:
            backend_ports = []
            for i in range(args.workers):
                child, p = start_daphne(h, env, "daphne-%d" % i)
                workers.append(child)
                backend_ports.append(p)
            port = front or harness.free_port()

        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        proxy = None
        if args.workers > 1:
            proxy = loop.run_until_complete(start_proxy(port, backend_ports))

        url = "http://127.0.0.1:%d" % port
        if "admin" in info:
            info["admin"]["url"] = url + "/admin/"
        line = {
            "url": url,
            "ws_url": "ws://127.0.0.1:%d/api/kiosk/v1/events/" % port,
            "salon": salon,
            "pairing_code": code,
            "data_dir": h.data_dir,
            "log_dir": h.log_dir,
            "pids": dict({"live": os.getpid()},
                         **{c.name: c.proc.pid for c in h.children}),
            "postgres": {"host": "127.0.0.1", "port": h.pg_port, "db": harness.PG_DB,
                         "user": harness.PG_USER, "socket_dir": h.pg_socket_dir},
            "redis_url": h.env["KIOSK_REDIS_URL"],
            "workers": args.workers,
        }
        line.update(info)
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        sys.stdout.flush()

        # Up: now wait for a signal, or for a server to die.
        done = loop.create_future()

        def on_signal(signum):
            if not done.done():
                done.set_result(0)

        for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(s, signal.SIG_DFL)
            loop.add_signal_handler(s, on_signal, s)

        async def watch():
            while not done.done():
                for c in list(h.children):
                    if c.proc.poll() is not None:
                        sys.stderr.write("live.py: %s exited (%s); see %s:\n%s"
                                         % (c.name, c.proc.returncode, c.log_path,
                                            harness._tail(c.log_path, 20)))
                        if not done.done():
                            done.set_result(1)
                        return
                await asyncio.sleep(0.5)

        watcher = loop.create_task(watch())
        rc = loop.run_until_complete(done)
        watcher.cancel()
        loop.run_until_complete(asyncio.gather(watcher, return_exceptions=True))
        if proxy:
            proxy.close()
        loop.close()
        return rc
    except KeyboardInterrupt:
        return 128 + (stop_now["signal"] or signal.SIGINT)
    except (LiveError, harness.HarnessError) as e:
        sys.stderr.write("live.py: %s\n" % e)
        return 1
    finally:
        h.stop()


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    sys.exit(run(args))


if __name__ == "__main__":
    main()
