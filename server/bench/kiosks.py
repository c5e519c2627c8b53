# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""A fleet of simulated kiosks in one asyncio process, for server_load.py.

Each kiosk does what the real one does (src/sync/), against 127.0.0.1 only:

- holds the events WebSocket (docs/kiosk-api.md §3.5) and, on every
  {"type": "changes"} frame, pulls the feed (§3.2, limit 1000, the kiosk's)
  from its cursor until has_more is false; a nudge that comes during a pull
  makes one more pull afterwards;
- also pulls every poll interval (the kiosk's own 30 s, ±20 %: what a fleet
  whose sockets are down does; here on top of the nudges, as a worst case);
- uploads the salon's desk work (§3.3) with an Idempotency-Key each:
  walk-ins and their status, bookings, check-ins, appointment status,
  redemptions, new customers, and now and then the same request again with
  the same key (a retry after a lost answer), which must get the same status.

Writes of one salon go one after the other (a salon's desk does a few a
minute), which is what lets a nudge be matched to its write: before the
POST each socket of the salon notes the highest seq it has been nudged
with, and the write's nudge is the first frame with a higher one. Its
latency is from the moment the POST's 2xx arrived here to the frame's
arrival (a frame that beats the 2xx counts as 0 and is counted). The seq is
read from the nudge's cursor, which is opaque to a kiosk but not to the
server's own benchmark (salonity_kiosk/cursor.py).

nginx tells which daphne took each socket (X-Bench-Upstream on the 101) and
bench_wsgi.py which gunicorn worker answered each write (X-Bench-Worker),
so the figures show delivery across processes.
"""

import asyncio
import base64
import json
import math
import random
import time
import uuid
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone

import aiohttp
import websockets

PREFIX = "/api/kiosk/v1/"
NOTICE = "kiosk-kvkk-2026-1"
FIRST = ["Aylin", "Berk", "Cemre", "Duygu", "Eren", "Figen", "Hakan", "Irmak", "Kaan", "Leyla"]
LAST = ["Acar", "Bulut", "Ceylan", "Duman", "Erdem", "Güneş", "Işık", "Kaplan", "Polat", "Uçar"]

# The desk's mix, by weight.
WRITE_MIX = [
    ("walkin", 20), ("walkin_status", 22), ("booking", 14), ("check_in", 14),
    ("appointment_status", 14), ("redemption", 8), ("customer", 8),
]
KIND_LABEL = {
    "walkin": "POST walkins/",
    "walkin_status": "POST walkins/{id}/status/",
    "booking": "POST appointments/",
    "check_in": "POST appointments/{id}/check-in/",
    "appointment_status": "POST appointments/{id}/status/",
    "redemption": "POST loyalty/redemptions/",
    "customer": "POST customers/",
    "replay": "POST again, same key (replay)",
    "feed_live": "GET changes/ (live page)",
    "feed_snapshot": "GET changes/ (snapshot page)",
    "reference": "reference: GET /api/salons/{id}/",
}
IST = timezone(timedelta(hours=3))


def now_iso():
    return datetime.now(IST).isoformat()


def cursor_seq(text):
    """The seq of a live cursor (salonity_kiosk/cursor.py), or None."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode("utf-8")
        parts = raw.split("|")
        return int(parts[3]) if len(parts) >= 4 else None
    except (ValueError, UnicodeDecodeError):
        return None


def pct(values, p):
    s = sorted(values)
    if not s:
        return None
    k = max(0, min(len(s) - 1, int(math.ceil(p / 100.0 * len(s))) - 1))
    return s[k]


class Stats:
    def __init__(self):
        self.measuring = False
        self.phase = "main"
        self.burst_nudge = []                 # [(ms or inf, daphne)]
        self.snapshot_rows = []               # changes in each snapshot page
        self.lat = defaultdict(list)          # kind -> [ms]
        self.status = defaultdict(Counter)    # kind -> {status: n}
        self.errors = Counter()               # kind -> transport errors
        self.nudge = []                       # [(ms or inf, daphne, gunicorn worker)]
        self.nudge_before_2xx = 0
        self.replay_mismatch = 0
        self.replay_examples = []
        self.ws_drops = 0
        self.ws_connect = []
        self.loop_lag = []
        self.requests = 0

    def record(self, kind, measured, ms, status):
        """@measured: the request started inside a measured window (the
        main one, or the burst's, whose figures go under "burst:")."""
        if not measured:
            return
        if measured == "burst":
            kind = "burst:" + kind
        else:
            self.requests += 1
        if status is None:
            self.errors[kind] += 1
            return
        self.lat[kind].append(ms)
        self.status[kind][status] += 1


class Kiosk:
    def __init__(self, sim, salon, device, token):
        self.sim = sim
        self.salon = salon
        self.device = device
        self.headers = {"Authorization": "Token " + token}
        self.cursor = salon.cursor
        self.ws = None
        self.upstream = None
        self.pulling = False
        self.again = False
        self.seen_seq = cursor_seq(salon.cursor) or 0
        self.watch = None   # (seq before the write, future of the frame's time)

    # -- the socket ---------------------------------------------------------

    async def connect(self):
        t0 = time.perf_counter()
        self.ws = await websockets.connect(
            self.sim.ws_url, extra_headers=self.headers, open_timeout=60,
            ping_interval=None, close_timeout=2, max_size=2 ** 20)
        self.sim.stats.ws_connect.append((time.perf_counter() - t0) * 1000.0)
        self.upstream = self.ws.response_headers.get("X-Bench-Upstream", "?")

    async def listen(self):
        while not self.sim.stopping:
            try:
                if self.ws is None:
                    await self.connect()
                async for message in self.ws:
                    t = time.perf_counter()
                    try:
                        frame = json.loads(message)
                    except ValueError:
                        continue
                    if frame.get("type") != "changes":
                        continue
                    seq = cursor_seq(frame.get("cursor", "")) or 0
                    if seq > self.seen_seq:
                        self.seen_seq = seq
                    if self.watch is not None:
                        before, fut = self.watch
                        if seq > before and not fut.done():
                            fut.set_result(t)
                    self.request_pull()
            except asyncio.CancelledError:
                raise
            except Exception:
                pass
            if self.sim.stopping:
                return
            self.sim.stats.ws_drops += 1
            self.ws = None
            await asyncio.sleep(1.0)

    @property
    def online(self):
        return self.ws is not None and self.ws.open

    # -- the feed -----------------------------------------------------------

    def request_pull(self):
        if self.pulling:
            self.again = True
            return
        self.pulling = True
        self.sim.spawn(self.pull())

    async def pull(self, snapshot=False):
        try:
            since = None if snapshot else self.cursor
            while True:
                self.again = False
                while True:
                    path = "changes/?limit=1000" + ("&since=" + since if since else "")
                    kind = "feed_snapshot" if snapshot else "feed_live"
                    status, body, _, _ = await self.sim.http(kind, "GET", PREFIX + path, self.headers)
                    if status != 200:
                        return
                    page = json.loads(body)
                    if kind == "feed_snapshot" and self.sim.stats.measuring:
                        self.sim.stats.snapshot_rows.append(len(page["changes"]))
                    since = page["cursor"]
                    if "|s|" in base64.urlsafe_b64decode(since + "=" * (-len(since) % 4)).decode():
                        snapshot = True  # still in the snapshot's pages
                    else:
                        snapshot = False
                    if not page["has_more"]:
                        break
                self.cursor = since
                if not self.again:
                    return
        finally:
            self.pulling = False

    async def poll(self, interval):
        await asyncio.sleep(random.uniform(0, interval))
        while not self.sim.stopping:
            self.request_pull()
            await asyncio.sleep(interval * random.uniform(0.8, 1.2))


class Salon:
    def __init__(self, sim, entry, today):
        self.sim = sim
        self.id = entry["id"]
        self.cursor = entry["cursor"]
        self.services = entry["services"]
        self.employees = entry["employees"]
        self.customers = [dict(c) for c in entry["customers"]]
        self.appointments = [{"id": a["id"], "status": "confirmed", "checked_in": False}
                             for a in entry["today"]]
        self.walkins = []
        self.done = []      # (kiosk, path, key, body, status) of earlier writes, for replays
        self.today = today
        self.kiosks = [Kiosk(sim, self, k["device"], k["token"]) for k in entry["kiosks"]]

    def pick_kiosk(self, rnd):
        online = [k for k in self.kiosks if k.online]
        return rnd.choice(online or self.kiosks)

    # -- what the desk does -------------------------------------------------

    def plan(self, rnd):
        """(kind, path, body, on_success) of the next write, by the mix."""
        kinds, weights = zip(*WRITE_MIX)
        kind = rnd.choices(kinds, weights)[0]
        if rnd.random() < self.sim.replay_share and self.done:
            return "replay", rnd.choice(self.done), None, None
        if kind == "walkin_status":
            open_ = [w for w in self.walkins if w["status"] in ("waiting", "called", "in_service")]
            if open_:
                w = rnd.choice(open_)
                to = {"waiting": rnd.choice(["called", "called", "left"]), "called": "in_service",
                      "in_service": "done"}[w["status"]]
                body = {"status": to, "employee": rnd.choice(self.employees) if to == "in_service" else None}

                def ok(_):
                    w["status"] = to
                return kind, "walkins/%s/status/" % w["id"], body, ok
            kind = "walkin"
        if kind in ("check_in", "appointment_status"):
            live = [a for a in self.appointments if a["status"] == "confirmed"]
            if kind == "check_in":
                live = [a for a in live if not a["checked_in"]]
            if live:
                a = rnd.choice(live)
                if kind == "check_in":
                    def ok(_):
                        a["checked_in"] = True
                    return kind, "appointments/%s/check-in/" % a["id"], {"checked_in_at": now_iso()}, ok
                to = rnd.choices(["completed", "cancelled", "no_show"], [6, 2.5, 1.5])[0]

                def ok(_):
                    a["status"] = to
                return kind, "appointments/%s/status/" % a["id"], {"status": to}, ok
            kind = "booking"
        if kind == "redemption":
            rich = [c for c in self.customers if c["points"] >= 10]
            if rich:
                c = rnd.choice(rich)
                points = min(c["points"], rnd.randint(10, 50))
                body = {"id": str(uuid.uuid4()), "customer": c["id"], "points": points,
                        "reason": "Hediye bakım"}

                def ok(_):
                    c["points"] -= points
                return kind, "loyalty/redemptions/", body, ok
            kind = "customer"
        if kind == "customer":
            body = {"id": str(uuid.uuid4()), "first_name": rnd.choice(FIRST), "last_name": rnd.choice(LAST),
                    "phone": "+9054%08d" % rnd.randrange(10 ** 8), "consent_at": now_iso(),
                    "consent_notice": NOTICE}

            def ok(_):
                self.customers.append({"id": body["id"], "points": 0})
            return kind, "customers/", body, ok
        if kind == "booking":
            svc = rnd.choice(self.services)
            day = self.today + timedelta(days=rnd.randint(1, 28))
            if day.weekday() == 6:
                day += timedelta(days=1)
            close = 18 * 60 if day.weekday() == 5 else 20 * 60
            start = rnd.randrange(9 * 60, close - svc["duration"] + 1, 15)
            body = {"id": str(uuid.uuid4()), "customer": rnd.choice(self.customers)["id"],
                    "service": svc["id"],
                    "employee": rnd.choice(svc["employees"]) if rnd.random() < 0.5 else None,
                    "appointment_date": day.isoformat(),
                    "appointment_time": "%02d:%02d:00" % (start // 60, start % 60),
                    "notes": "", "source": "kiosk"}

            def ok(_):
                self.appointments.append({"id": body["id"], "status": "confirmed", "checked_in": False})
            return kind, "appointments/", body, ok
        # walk-in: half of them known customers, half new people with consent
        svc = rnd.choice(self.services)
        body = {"id": str(uuid.uuid4()), "service": svc["id"], "arrived_at": now_iso(),
                "preferred_employee": rnd.choice(svc["employees"]) if rnd.random() < 0.3 else None}
        if rnd.random() < 0.5:
            body["customer"] = rnd.choice(self.customers)["id"]
        else:
            body.update({"customer": None, "name": "%s %s" % (rnd.choice(FIRST), rnd.choice(LAST)),
                         "phone": "+9055%08d" % rnd.randrange(10 ** 8), "consent_at": now_iso(),
                         "consent_notice": NOTICE})

        def ok(_):
            self.walkins.append({"id": body["id"], "status": "waiting"})
        return "walkin", "walkins/", body, ok

    async def write_once(self, rnd):
        sim = self.sim
        kind, path, body, ok = self.plan(rnd)
        kiosk = self.pick_kiosk(rnd)
        if kind == "replay":
            # The same kiosk sends it again: keys are per device (§3.3).
            kiosk, path, key, body, expected = path
        else:
            key, expected = str(uuid.uuid4()), None
        loop = asyncio.get_running_loop()
        watched = []
        if kind != "replay":
            for k in self.kiosks:
                if k.online:
                    k.watch = (k.seen_seq, loop.create_future())
                    watched.append(k)
        headers = dict(kiosk.headers)
        headers["Content-Type"] = "application/json"
        headers["Idempotency-Key"] = '"%s"' % key
        status, answer, t_done, resp_headers = await sim.http(
            kind, "POST", PREFIX + path, headers, json.dumps(body).encode("utf-8"))
        if kind == "replay":
            if status is not None and status != expected and sim.stats.measuring:
                sim.stats.replay_mismatch += 1
                sim.stats.replay_examples.append((path, expected, status, answer[:300].decode("utf-8", "replace")))
            return
        if status is not None and status < 500 and status != 429:
            self.done.append((kiosk, path, key, body, status))
            if len(self.done) > 20:
                self.done.pop(0)
        if status in (200, 201):
            ok(answer)
            worker = resp_headers.get("X-Bench-Worker", "?")
            for k in watched:
                await self._await_nudge(k, t_done, worker)
        elif status == 409 and kind == "redemption":
            data = json.loads(answer)
            for c in self.customers:
                if c["id"] == body["customer"]:
                    c["points"] = data.get("current_points", 0)
        for k in watched:
            k.watch = None

    async def _await_nudge(self, k, t_done, worker):
        sim = self.sim
        fut = k.watch[1]
        left = sim.nudge_timeout - (time.perf_counter() - t_done)
        try:
            t = await asyncio.wait_for(asyncio.shield(fut), max(left, 0.001))
            ms = (t - t_done) * 1000.0
            if ms < 0:
                if sim.stats.measuring and sim.stats.phase == "main":
                    sim.stats.nudge_before_2xx += 1
                ms = 0.0
        except asyncio.TimeoutError:
            ms = math.inf
        if sim.stats.measuring and sim.stats.phase == "main":
            sim.stats.nudge.append((ms, k.upstream, worker))

    async def desk(self, rnd, interval):
        await asyncio.sleep(rnd.uniform(0, interval))
        while not self.sim.stopping:
            try:
                await self.write_once(rnd)
            except asyncio.CancelledError:
                raise
            except Exception as e:  # a bug here must not stop the salon's desk
                self.sim.stats.errors["desk: %s" % type(e).__name__] += 1
            await asyncio.sleep(rnd.expovariate(1.0 / interval))


class Sim:
    def __init__(self, seed_data, base_url, ws_url, poll_seconds=30.0, write_seconds=60.0,
                 reference_per_second=3.0, snapshots_per_minute=30.0, replay_share=0.05,
                 nudge_timeout=5.0, http_connections=200, seed=2026):
        self.base_url = base_url.rstrip("/")
        self.ws_url = ws_url
        self.poll_seconds = poll_seconds
        self.write_seconds = write_seconds
        self.reference_per_second = reference_per_second
        self.snapshots_per_minute = snapshots_per_minute
        self.replay_share = replay_share
        self.nudge_timeout = nudge_timeout
        self.http_connections = http_connections
        self.rnd = random.Random(seed)
        self.stats = Stats()
        self.stopping = False
        self.tasks = set()
        today = date.fromisoformat(seed_data["today"])
        self.salons = [Salon(self, s, today) for s in seed_data["salons"]]
        self.kiosks = [k for s in self.salons for k in s.kiosks]
        self.session = None

    def spawn(self, coro):
        task = asyncio.ensure_future(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    async def http(self, kind, method, path, headers, data=None):
        """(status or None, body, time of the answer, headers); recorded under @kind."""
        t0 = time.perf_counter()
        measured = self.stats.measuring and (self.stats.phase if self.stats.phase == "burst" else True)
        try:
            async with self.session.request(method, self.base_url + path, headers=headers,
                                            data=data) as r:
                body = await r.read()
                t = time.perf_counter()
                self.stats.record(kind, measured, (t - t0) * 1000.0, r.status)
                return r.status, body, t, r.headers
        except (aiohttp.ClientError, asyncio.TimeoutError):
            t = time.perf_counter()
            self.stats.record(kind, measured, (t - t0) * 1000.0, None)
            return None, b"", t, {}

    async def _reference(self):
        """Today's public salon page (§2) under the same load: the yardstick."""
        if self.reference_per_second <= 0:
            return
        while not self.stopping:
            salon = self.rnd.choice(self.salons)
            self.spawn(self.http("reference", "GET", "/api/salons/%s/" % salon.id, {}))
            await asyncio.sleep(self.rnd.expovariate(self.reference_per_second))

    async def _snapshots(self):
        """Now and then a kiosk starts over (re-paired, restored, 410): a
        full snapshot."""
        if self.snapshots_per_minute <= 0:
            return
        while not self.stopping:
            await asyncio.sleep(self.rnd.expovariate(self.snapshots_per_minute / 60.0))
            k = self.rnd.choice(self.kiosks)
            if not k.pulling:
                k.pulling = True
                self.spawn(k.pull(snapshot=True))

    async def _loop_lag(self):
        """How late this process's own event loop runs: the part of every
        figure that is the load generator's, not the server's."""
        while not self.stopping:
            t0 = time.perf_counter()
            await asyncio.sleep(0.1)
            lag = (time.perf_counter() - t0 - 0.1) * 1000.0
            if self.stats.measuring:
                self.stats.loop_lag.append(lag)

    async def connect_all(self, rate=80.0, log=None):
        sem = asyncio.Semaphore(64)
        failed = Counter()

        async def one(k):
            async with sem:
                try:
                    await k.connect()
                except Exception as e:
                    failed[type(e).__name__] += 1

        t0 = time.monotonic()
        pending = []
        for i, k in enumerate(self.kiosks):
            pending.append(asyncio.ensure_future(one(k)))
            delay = t0 + (i + 1) / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
        await asyncio.gather(*pending)
        return failed, time.monotonic() - t0

    async def burst(self, commit, log=print, timeout=60.0):
        """One change that reaches every salon at once (@commit, run in a
        thread, commits it and returns perf_counter() after the commit):
        the time from the commit to each socket's nudge, and the pulls of
        the whole fleet that follow, recorded under "burst:"."""
        loop = asyncio.get_running_loop()
        watched = []
        for k in self.kiosks:
            if k.online:
                k.watch = (k.seen_seq, loop.create_future())
                watched.append(k)
        self.stats.phase = "burst"
        self.stats.measuring = True
        t_commit = await loop.run_in_executor(None, commit)
        results, lost = [], []

        async def wait(k):
            try:
                left = timeout - (time.perf_counter() - t_commit)
                t = await asyncio.wait_for(asyncio.shield(k.watch[1]), max(left, 0.001))
                ms = max(0.0, (t - t_commit) * 1000.0)
            except asyncio.TimeoutError:
                ms = math.inf
            results.append((ms, k.upstream))
            if math.isinf(ms):
                lost.append(k)

        await asyncio.gather(*(wait(k) for k in watched))
        deadline = time.monotonic() + timeout
        await asyncio.sleep(0.5)
        while any(k.pulling for k in self.kiosks) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        self.stats.measuring = False
        self.stats.phase = "main"
        for k in watched:
            k.watch = None
        self.stats.burst_nudge = results
        log("burst: %d sockets nudged" % sum(1 for ms, _ in results if not math.isinf(ms)))
        if lost:
            salons = Counter(k.salon.id for k in lost)
            whole = sum(1 for s in self.salons if salons.get(s.id) == len(s.kiosks))
            log("burst: %d sockets without a nudge, of %d salons (all of its sockets: %d); by daphne: %s"
                % (len(lost), len(salons), whole, dict(Counter(k.upstream for k in lost))))
            self.stats.burst_lost = {"sockets": len(lost), "salons": len(salons), "whole_salons": whole}

    async def run(self, warmup, duration, log=print, on_window=None, burst=None):
        timeout = aiohttp.ClientTimeout(total=30)
        connector = aiohttp.TCPConnector(limit=self.http_connections)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            self.session = session
            failed, took = await self.connect_all()
            online = sum(1 for k in self.kiosks if k.online)
            log("%d of %d sockets open in %.1f s%s" % (online, len(self.kiosks), took,
                                                       (", failures: %s" % dict(failed)) if failed else ""))
            for k in self.kiosks:
                self.spawn(k.listen())
                self.spawn(k.poll(self.poll_seconds))
            desks = [self.spawn(s.desk(random.Random(self.rnd.random()), self.write_seconds))
                     for s in self.salons]
            self.spawn(self._reference())
            self.spawn(self._snapshots())
            self.spawn(self._loop_lag())
            await asyncio.sleep(warmup)
            log("warm-up done; measuring for %d s" % duration)
            if on_window:
                on_window("start")
            self.stats.measuring = True
            t0 = time.monotonic()
            await asyncio.sleep(duration)
            self.stats.measuring = False
            self.stats.seconds = time.monotonic() - t0
            if on_window:
                on_window("end")
            if burst is not None:
                # The desks stop (their nudge watches would mix with the
                # burst's); sockets, polls and the reference go on.
                for task in desks:
                    task.cancel()
                await asyncio.gather(*desks, return_exceptions=True)
                await asyncio.sleep(1.0)
                await self.burst(burst, log)
            self.stopping = True
            for task in list(self.tasks):
                task.cancel()
            await asyncio.gather(*self.tasks, return_exceptions=True)
            for k in self.kiosks:
                if k.ws is not None:
                    try:
                        await asyncio.wait_for(k.ws.close(), 2)
                    except Exception:
                        pass
        self.stats.sockets = {"open_at_start": online, "kiosks": len(self.kiosks)}
        self.stats.upstreams = Counter(k.upstream for k in self.kiosks)
        return self.stats
