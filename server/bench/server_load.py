#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""server-load: the kiosk API under a fleet's load, and the feed's log query
as the log grows, against the real thing on 127.0.0.1.

    meson test -C build --benchmark server-load
    /usr/bin/python3 server/bench/server_load.py [--kiosks 1000] [--duration 60] ...

1. PostgreSQL 15 and Redis in a temporary directory (tests/harness.py), the
   host project migrated, 400 salons seeded with 1 000 paired kiosks.
2. The feed's log query at 100 000 and at 10 000 000 changes of 10 000 salons
   (feed_scale.py), EXPLAIN'd: the goal is under 50 ms at 10 M and flat.
3. On top of that 10 M-row log, the server as production runs it: gunicorn
   (gthread workers) for HTTP, two daphne processes for the events
   WebSocket, the NOTIFY relay (manage.py kiosk_relay_nudges), and nginx in
   front of them all on one port (server/README.md's configuration).
4. One asyncio process (kiosks.py) plays every kiosk: sockets, pulls on
   nudges and every --poll-seconds, the desk's uploads with
   Idempotency-Keys, a few fresh snapshots, and today's
   GET /api/salons/{id}/ as the reference; after a warm-up, everything is
   measured for --duration seconds.
5. A burst: one shared category's change, which every salon's feed gets
   and every socket is nudged for, and the fleet's pulls after it.

The figures go to stdout as a table (docs/scaling.md explains them); the
exit status is non-zero when a goal of the roadmap (upstream's
SCALING_ROADMAP.md: p95 under 200 ms, queries under 50 ms) or of §3.5 (a
nudge within 1 s at p99; the burst's nudge reaching every socket) is
missed, or when requests fail. The machine's load average is printed beside them: on a
shared machine, figures taken under a high load say more about the load.
"""

import argparse
import asyncio
import grp
import json
import math
import os
import pwd
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.dirname(HERE)
TESTS = os.path.join(SERVER, "tests")
sys.path[:0] = [TESTS, HERE]

import harness  # noqa: E402
import kiosks  # noqa: E402
import live  # noqa: E402

PYTHON = live.PYTHON
GOAL_P95_MS = 200.0       # every kiosk endpoint (the roadmap's response-time goal)
GOAL_NUDGE_P99_MS = 1000.0
GOAL_QUERY_MS = 50.0      # the roadmap's query time, at 10 M changes
MAX_FAILED_SHARE = 0.01   # transport errors and 5xx

T_START = time.monotonic()


def log(msg):
    sys.stderr.write("server-load [%4.0f s]: %s\n" % (time.monotonic() - T_START, msg))
    sys.stderr.flush()


def load_text():
    one, five, fifteen = os.getloadavg()
    return "%.2f %.2f %.2f" % (one, five, fifteen)


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kiosks", type=int, default=1000)
    ap.add_argument("--salons", type=int, default=400)
    ap.add_argument("--warmup", type=float, default=20.0, help="seconds before measuring")
    ap.add_argument("--duration", type=float, default=60.0, help="seconds measured")
    ap.add_argument("--poll-seconds", type=float, default=300.0,
                    help="each kiosk's periodic pull besides the nudged ones (the real kiosk "
                    "does none while its socket is up, and polls every 30 s without one)")
    ap.add_argument("--write-seconds", type=float, default=60.0,
                    help="mean time between two uploads of one salon's desk")
    ap.add_argument("--reference-per-second", type=float, default=3.0)
    ap.add_argument("--snapshots-per-minute", type=float, default=30.0,
                    help="kiosks starting over (re-paired, restored, 410) with a full snapshot")
    ap.add_argument("--gunicorn-workers", type=int, default=3)
    ap.add_argument("--gunicorn-threads", type=int, default=4)
    ap.add_argument("--daphnes", type=int, default=2)
    ap.add_argument("--feed-sizes", default="100000,10000000",
                    help="log sizes for the query benchmark ('' skips it)")
    ap.add_argument("--channel-capacity", type=int,
                    help="the channel layer's capacity (host/settings.py sets 5000; channels_redis: 100 unless set; "
                    "bench_settings.py)")
    ap.add_argument("--json", help="also write every figure to this file")
    ap.add_argument("--keep-logs", help="copy the servers' logs to this directory at the end")
    ap.add_argument("--keep-going", action="store_true",
                    help="exit 0 even when a goal is missed (figures only)")
    args = ap.parse_args(argv)
    if args.gunicorn_workers < 2 or args.daphnes < 2:
        ap.error("the point is several processes: --gunicorn-workers and --daphnes at least 2")
    return args


# -- the servers --------------------------------------------------------------

def run_script(h, env, script, argv):
    """Runs a bench script with Django set up; its stdout is one JSON document."""
    proc = subprocess.run([PYTHON, os.path.join(HERE, script)] + argv, cwd=TESTS, env=env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
    if proc.returncode != 0:
        raise SystemExit("server-load: %s failed (exit %d)" % (script, proc.returncode))
    return json.loads(proc.stdout)


def start_gunicorn(h, env, workers, threads):
    for _attempt in range(4):
        port = harness.free_port()
        child = h.spawn("gunicorn", [
            PYTHON, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "gthread",
            "--threads", str(threads), "--bind", "127.0.0.1:%d" % port, "--backlog", "2048",
            "--keep-alive", "5", "--log-level", "warning", "--chdir", TESTS,
            "bench_wsgi:application"], env=env, cwd=TESTS)
        if live.wait_http("http://127.0.0.1:%d/api/salons/" % port, child):
            return child, port
        h._forget(child)
    raise SystemExit("server-load: gunicorn did not start; see %s" % child.log_path)


def start_relay(h, env):
    child = h.spawn("relay", [PYTHON, live.MANAGE, "kiosk_relay_nudges"], env=env, cwd=TESTS)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if child.proc.poll() is not None:
            break
        with open(child.log_path, errors="replace") as f:
            if "listening" in f.read():
                return child
        time.sleep(0.1)
    raise SystemExit("server-load: the nudge relay did not start; see %s" % child.log_path)


NGINX_CONF = """
worker_processes 1;
worker_rlimit_nofile 16384;
pid {dir}/nginx.pid;
{user}
events {{ worker_connections 8192; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream django {{ server 127.0.0.1:{api}; keepalive 64; }}
    upstream events {{ {events} }}
    server {{
        listen 127.0.0.1:{port} backlog=4096;
        # server/README.md's front: the events WebSocket to daphne...
        location /api/kiosk/v1/events/ {{
            proxy_pass http://events;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection "upgrade";
            proxy_set_header Host $host;
            proxy_read_timeout 120s;
            # which daphne took the socket (the benchmark's, not production's)
            add_header X-Bench-Upstream $upstream_addr always;
        }}
        # ...everything else to gunicorn.
        location / {{
            proxy_pass http://django;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""


def start_nginx(h, api_port, ws_ports):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        raise SystemExit("server-load: nginx is missing (apt-get install nginx-light)")
    d = os.path.join(h.data_dir, "nginx")
    os.makedirs(d, exist_ok=True)
    user = ""
    if os.geteuid() == 0:
        # Its workers run as nobody, as PostgreSQL does.
        pw = pwd.getpwnam(harness.UNPRIVILEGED_USER)
        user = "user %s %s;" % (pw.pw_name, grp.getgrgid(pw.pw_gid).gr_name)
    for _attempt in range(4):
        port = harness.free_port()
        conf = os.path.join(d, "nginx.conf")
        with open(conf, "w") as f:
            f.write(NGINX_CONF.format(dir=d, user=user, api=api_port, port=port,
                                      events=" ".join("server 127.0.0.1:%d;" % p for p in ws_ports)))
        child = h.spawn("nginx", [nginx, "-p", d, "-c", conf, "-e", os.path.join(h.log_dir, "nginx-error.log"),
                                  "-g", "daemon off;"], cwd=d)
        if live.wait_http("http://127.0.0.1:%d/api/salons/" % port, child, timeout=30):
            return child, port
        h._forget(child)
    raise SystemExit("server-load: nginx did not start; see %s" % os.path.join(h.log_dir, "nginx-error.log"))


# -- CPU accounting -----------------------------------------------------------

_TICK = os.sysconf("SC_CLK_TCK")


def cpu_by_service(h):
    """CPU seconds used so far by each server, summed over the process and
    its descendants (gunicorn's and nginx's workers, PostgreSQL's backends;
    children a process has reaped are in its cutime), plus this process and
    the whole machine (/proc/stat, all CPUs)."""
    roots = {c.proc.pid: c.name.split("-")[0] for c in h.children}
    totals = {name: 0.0 for name in roots.values()}
    parent, ticks = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                text = f.read()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        parent[int(entry)] = int(fields[1])
        ticks[int(entry)] = sum(int(x) for x in fields[11:15])
    for pid, t in ticks.items():
        p, hops = pid, 0
        while p not in roots and p in parent and hops < 16:
            p, hops = parent[p], hops + 1
        if p in roots:
            totals[roots[p]] += t / _TICK
    usage = resource.getrusage(resource.RUSAGE_SELF)
    totals["load generator"] = usage.ru_utime + usage.ru_stime
    with open("/proc/stat") as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    totals["machine busy"] = (sum(cpu) - cpu[3] - cpu[4]) / _TICK
    return totals


def category_burst(h, category_id):
    """The commit of one change seen by every salon: a shared category's
    description, as an owner would change it in the admin."""
    import psycopg2

    def commit():
        conn = psycopg2.connect(host="127.0.0.1", port=h.pg_port, user=harness.PG_USER,
                                dbname=harness.PG_DB)
        try:
            with conn.cursor() as cur:
                cur.execute("UPDATE services_servicecategory SET description = %s WHERE id = %s",
                            ["Kesim, fön ve bakım (%d)" % time.time(), category_id])
            conn.commit()
            return time.perf_counter()
        finally:
            conn.close()
    return commit


# -- the report ---------------------------------------------------------------

def ms(v):
    if v is None:
        return "-"
    if math.isinf(v):
        return "lost"
    return "%.1f" % v if v < 100 else "%.0f" % v


def row(label, values, goal="", verdict=""):
    if values:
        cells = (len(values), ms(kiosks.pct(values, 50)), ms(kiosks.pct(values, 95)),
                 ms(kiosks.pct(values, 99)), ms(max(values)))
    else:
        cells = (0, "-", "-", "-", "-")
    return "%-44s %6d %8s %8s %8s %8s  %-12s %s" % ((label,) + cells + (goal, verdict))


HEADER = "%-44s %6s %8s %8s %8s %8s  %-12s %s" % ("what (ms)", "n", "p50", "p95", "p99", "max", "goal", "")


def report(args, stats, feed, meta):
    lines = []
    missed = []

    def judge(name, ok):
        if not ok:
            missed.append(name)
        return "ok" if ok else "MISSED"

    lines.append("server-load: %d kiosks of %d salons; gunicorn %d gthread workers x %d threads, "
                 "%d daphne, 1 relay, nginx; channel layer capacity %s; a periodic pull every %.0f s "
                 "and an upload every %.0f s a salon; measured %.0f s after %.0f s of warm-up"
                 % (meta["kiosks"], meta["salons"], args.gunicorn_workers, args.gunicorn_threads,
                    args.daphnes, args.channel_capacity or "as host/settings.py sets it", args.poll_seconds,
                    args.write_seconds, stats.seconds, args.warmup))
    lines.append("machine: %d CPUs; load average (1, 5, 15 min) at start %s, before the load %s, "
                 "after it %s" % (os.cpu_count(), meta["load_start"], meta["load_before"],
                                  meta["load_after"]))
    total = stats.requests
    lines.append("requests measured: %d (%.0f/s); sockets open: %d of %d (%s); socket drops: %d; "
                 "load generator's loop lag p99 %s ms"
                 % (total, total / stats.seconds, stats.sockets["open_at_start"],
                    stats.sockets["kiosks"], ", ".join("%s: %d" % kv for kv in sorted(stats.upstreams.items())),
                    stats.ws_drops, ms(kiosks.pct(stats.loop_lag, 99))))
    lines.append("")
    lines.append(HEADER)
    failed = 0
    for kind in ["feed_live", "feed_snapshot"] + [k for k, _ in kiosks.WRITE_MIX] + ["replay"]:
        values = stats.lat.get(kind, [])
        p95 = kiosks.pct(values, 95)
        verdict = judge(kind, bool(values) and p95 < GOAL_P95_MS)
        codes = " ".join("%sx%d" % (code, n) for code, n in sorted(stats.status[kind].items()))
        errors = stats.errors.get(kind, 0)
        failed += errors + sum(n for code, n in stats.status[kind].items() if code >= 500)
        extra = ""
        if kind == "feed_snapshot" and stats.snapshot_rows:
            extra = ", %.0f changes a page" % (sum(stats.snapshot_rows) / len(stats.snapshot_rows))
        lines.append(row(kiosks.KIND_LABEL[kind], values, "p95 < 200", verdict)
                     + "  [%s%s%s]" % (codes, (" errors x%d" % errors) if errors else "", extra))
    nudges = [v for v, _, _ in stats.nudge]
    p99 = kiosks.pct(nudges, 99)
    lines.append(row("nudge: write's 2xx -> frame, all sockets", nudges, "p99 < 1000",
                     judge("nudge", bool(nudges) and p99 < GOAL_NUDGE_P99_MS))
                 + "  [lost %d, before the 2xx %d]" % (sum(1 for v in nudges if math.isinf(v)),
                                                        stats.nudge_before_2xx))
    for upstream in sorted({u for _, u, _ in stats.nudge}):
        values = [v for v, u, _ in stats.nudge if u == upstream]
        lines.append(row("  on sockets of daphne %s" % upstream, values))
    workers = sorted({w for _, _, w in stats.nudge})
    ref = stats.lat.get("reference", [])
    codes = " ".join("%sx%d" % kv for kv in sorted(stats.status["reference"].items()))
    lines.append(row(kiosks.KIND_LABEL["reference"], ref, "(yardstick)") + "  [%s]" % codes)
    lines.append("writes answered by %d gunicorn workers (pids %s), their nudges read on sockets "
                 "of %d daphne processes" % (len(workers), ", ".join(workers),
                                             len({u for _, u, _ in stats.nudge})))
    if stats.burst_nudge:
        burst = [v for v, _ in stats.burst_nudge]
        lost = getattr(stats, "burst_lost", None)
        missing = sum(1 for v in burst if math.isinf(v))
        # §3.5: a salon with changes is nudged. Late under such a burst is
        # expected on two cores; never is a fault.
        lines.append(row("burst: one category change, all salons", burst, "all, < 60 s",
                         judge("burst", missing == 0))
                     + "  [commit -> frame; not within 60 s: %d%s]"
                     % (missing, (", all sockets of %d salons" % lost["whole_salons"]) if lost else ""))
        herd = stats.lat.get("burst:feed_live", [])
        lines.append(row("burst: the fleet's pulls that follow", herd, "(no goal)")
                     + "  [%s]" % " ".join("%sx%d" % kv for kv in sorted(stats.status["burst:feed_live"].items())))
    if stats.replay_mismatch:
        missed.append("replay")
        lines.append("MISSED: %d replays got another status than the first answer, e.g. %r"
                     % (stats.replay_mismatch, stats.replay_examples[:3]))
    failed_share = failed / max(total, 1)
    lines.append("failed requests (transport errors and 5xx): %d of %d (%.2f %%) %s"
                 % (failed, total, 100.0 * failed_share,
                    judge("failures", failed_share <= MAX_FAILED_SHARE)))
    cpu = meta.get("cpu")
    if cpu:
        http = stats.requests
        servers = ["gunicorn", "postgresql", "daphne", "relay", "redis", "nginx"]
        ours = sum(cpu.get(k, 0.0) for k in servers) + cpu.get("load generator", 0.0)
        lines.append("CPU seconds in the %.0f s window (of %.0f on %d CPUs): %s; load generator %.1f; "
                     "everything else on the machine %.1f"
                     % (stats.seconds, stats.seconds * os.cpu_count(), os.cpu_count(),
                        ", ".join("%s %.1f" % (k, cpu.get(k, 0.0)) for k in servers),
                        cpu.get("load generator", 0.0), max(0.0, cpu["machine busy"] - ours)))
        lines.append("CPU per HTTP request: gunicorn %.1f ms + PostgreSQL %.1f ms + nginx %.1f ms "
                     "(%d requests)" % (1000 * cpu.get("gunicorn", 0) / max(http, 1),
                                        1000 * cpu.get("postgresql", 0) / max(http, 1),
                                        1000 * cpu.get("nginx", 0) / max(http, 1), http))
    other = {k: v for k, v in stats.errors.items() if k.startswith("desk")}
    if other:
        lines.append("load generator errors: %s" % other)

    if feed:
        lines.append("")
        lines.append("feed log query (feed.read()'s own SQL; REPEATABLE READ READ ONLY; limit 1000), "
                     "%d salons:" % feed["salons"])
        lines.append(HEADER)
        first = feed["sizes"][0]
        for entry in feed["sizes"]:
            size = entry["size"]
            tail = entry["tail"]
            lines.append(_feed_row("log %s: tail page (1-10 behind)" % _size(size), tail, "p95 < 50",
                                   judge("query@%d" % size, tail["p95"] < GOAL_QUERY_MS)))
            if "catch_up" in entry:
                lines.append(_feed_row("log %s: catch-up page (1000 rows)" % _size(size), entry["catch_up"],
                                       "p95 < 50", judge("catch-up@%d" % size,
                                                        entry["catch_up"]["p95"] < GOAL_QUERY_MS)))
            lines.append(_feed_row("log %s: whole feed.read(), tail page" % _size(size), entry["read"]))
            lines.append("    %d changes, %d row versions, %.0f + %.0f MB; loaded in %.0f s; load average %s"
                         % (entry["changes"], entry["row_versions"], entry["bytes_change"] / 2 ** 20,
                            entry["bytes_rowversion"] / 2 ** 20, entry["load_seconds"],
                            " ".join("%.2f" % x for x in entry["loadavg"])))
        last = feed["sizes"][-1]
        if last is not first:
            flat = last["tail"]["p95"] <= 2 * first["tail"]["p95"] + 2.0
            lines.append("flat from %s to %s (tail p95 at most twice, + 2 ms): %.2f -> %.2f ms %s"
                         % (_size(first["size"]), _size(last["size"]), first["tail"]["p95"],
                            last["tail"]["p95"], judge("flat", flat)))
        lines.append("plan at %s (tail page):" % _size(last["size"]))
        lines.extend("    " + line for line in last["explain_tail"])
    lines.append("")
    lines.append("goals: %s" % ("all met" if not missed else "MISSED: " + ", ".join(missed)))
    return lines, missed


def _size(n):
    return "%dM" % (n // 1000000) if n >= 1000000 else "%dk" % (n // 1000)


def _feed_row(label, s, goal="", verdict=""):
    return "%-44s %6d %8s %8s %8s %8s  %-12s %s" % (label, s["n"], "%.2f" % s["p50"], "%.2f" % s["p95"],
                                                    "%.2f" % s["p99"], "%.2f" % s["max"], goal, verdict)


# -- main -----------------------------------------------------------------------

def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 8192:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 16384), hard))
    meta = {"load_start": load_text(), "kiosks": args.kiosks, "salons": args.salons}
    log("load average %s on %d CPUs" % (meta["load_start"], os.cpu_count()))
    h = harness.Harness(quiet=False).start()
    try:
        env = live.django_env(h, {"KIOSK_PG_CONN_MAX_AGE": "60",
                                  "DJANGO_SETTINGS_MODULE": "bench_settings"})
        if args.channel_capacity:
            env["KIOSK_BENCH_CHANNEL_CAPACITY"] = str(args.channel_capacity)
        env["PYTHONPATH"] = os.pathsep.join([HERE, env["PYTHONPATH"]])
        full_env = dict(harness._clean_env(), **env)
        live.manage(h, ["migrate", "--noinput", "-v", "0"], env)
        log("migrated; seeding %d salons and %d kiosks" % (args.salons, args.kiosks))
        seed = run_script(h, full_env, "seed_salons.py",
                          ["--salons", str(args.salons), "--kiosks", str(args.kiosks)])
        log("seeded in %.0f s" % seed["seconds"])
        feed = None
        if args.feed_sizes:
            feed = run_script(h, full_env, "feed_scale.py", ["--sizes", args.feed_sizes])

        _, api_port = start_gunicorn(h, env, args.gunicorn_workers, args.gunicorn_threads)
        ws_ports = [live.start_daphne(h, env, "daphne-%d" % i)[1] for i in range(args.daphnes)]
        start_relay(h, env)
        _, port = start_nginx(h, api_port, ws_ports)
        log("gunicorn on %d, daphne on %s, nginx in front on %d" % (api_port, ws_ports, port))
        meta["load_before"] = load_text()

        sim = kiosks.Sim(seed, "http://127.0.0.1:%d" % port,
                         "ws://127.0.0.1:%d/api/kiosk/v1/events/" % port,
                         poll_seconds=args.poll_seconds, write_seconds=args.write_seconds,
                         reference_per_second=args.reference_per_second,
                         snapshots_per_minute=args.snapshots_per_minute)
        cpu = {}

        def on_window(edge):
            cpu[edge] = cpu_by_service(h)

        burst = category_burst(h, seed["categories"][0]) if seed.get("categories") else None
        stats = asyncio.run(sim.run(args.warmup, args.duration, log, on_window, burst))
        meta["cpu"] = {k: cpu["end"][k] - cpu["start"].get(k, 0.0) for k in cpu["end"]}
        meta["load_after"] = load_text()
        for c in h.children:
            if c.proc.poll() is not None:
                log("%s exited during the run (%s); see %s" % (c.name, c.proc.returncode, c.log_path))
    finally:
        if args.keep_logs:
            shutil.copytree(h.log_dir, args.keep_logs, dirs_exist_ok=True)
        h.stop()

    lines, missed = report(args, stats, feed, meta)
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"meta": meta, "args": vars(args), "feed": feed,
                       "latency": {k: v for k, v in stats.lat.items()},
                       "status": {k: dict(v) for k, v in stats.status.items()},
                       "nudge": [(None if math.isinf(v) else v, u, w) for v, u, w in stats.nudge],
                       "missed": missed, "report": lines}, f)
    log("done in %.0f s" % (time.monotonic() - T_START))
    return 1 if missed and not args.keep_going else 0


if __name__ == "__main__":
    sys.exit(main())
