# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The feed's log query as the change log grows (docs/kiosk-api.md §3.2,
docs/change-feed.md "Speed"): prints one JSON document on stdout.

    DJANGO_SETTINGS_MODULE=host.settings python3 feed_scale.py --sizes 100000,10000000

For each size, the log of 10 000 salons is bulk-loaded straight into the
app's tables with generate_series (salonity_kiosk_change, _rowversion and
_salonfeed, the rows the triggers would have written), grown from the
previous size, appended in time order (seq after seq, salon after salon, so
a salon's entries are scattered over the heap as a real log's are), then
VACUUM ANALYZE'd as autovacuum would. Each salon has 300 rows (half of
them appointments) changed again and again, so the row-version table is as
large as a busy log makes it.

Then the exact SQL that feed.read() runs for a live page is taken from
feed.read() itself (an execute_wrapper records it) and timed over random
salons and cursors, each in a REPEATABLE READ READ ONLY transaction as the
view runs it:

- "tail": the cursor 1 to 10 changes behind the salon's latest, the page a
  nudged kiosk asks for (limit 1000, the kiosk's): the same rows at every
  size, so any growth is the log's size alone;
- "catch-up" (only where salons have 1 000 changes or more): a cursor
  anywhere in the salon's history but its last 1 000, a full page of 1 000
  entries (a kiosk back after a day offline);
- "read()": feed.read() as the view calls it for a tail cursor (timezone,
  counters, log query and the data look-ups; the synthetic rows have no
  data, so they come back as tombstones).

EXPLAIN (ANALYZE, BUFFERS) of one sample shows the plan.
"""

import argparse
import json
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.dirname(HERE)
sys.path[:0] = [os.path.join(SERVER, "tests"), SERVER]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "host.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from salonity_kiosk import cursor as cursors  # noqa: E402
from salonity_kiosk import feed  # noqa: E402
from salonity_kiosk.models import Change, RowVersion, SalonFeed  # noqa: E402

SALONS = 10000
# SQL expressions; {x} are filled in with str.format, %s stay parameters.
# The salon of number s, the row r of salon s, its entity (r mod 10: half
# appointments, as a salon's log is), and a change's op (one in fifty a
# deletion).
SALON_SQL = "md5('bench-feed-salon-' || {s})::uuid"
ROW_SQL = "md5('bench-feed-row-' || {s} || ':' || {r})::uuid::text"
ENTITY_SQL = ("(ARRAY['appointment','appointment','appointment','appointment','appointment',"
              "'customer','customer','walkin','point_entry','service'])[mod({r}, 10) + 1]")
OP_SQL = "CASE WHEN mod({q} * 31, 50) = 0 THEN 'delete' ELSE 'upsert' END"


def log(msg):
    sys.stderr.write("feed-scale: %s\n" % msg)
    sys.stderr.flush()


def pct(values, p):
    s = sorted(values)
    if not s:
        return None
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def table(model):
    return model._meta.db_table


def load(cur, from_seq, to_seq):
    """Appends seqs from_seq+1 .. to_seq of every salon (all salons' seq q,
    then q+1: the order a busy day appends them in), then sets each salon's
    counter and row versions as the triggers would have left them."""
    t0 = time.monotonic()
    # The row of change q is q mod 300: each row changes every 300 seqs. The
    # LATERAL series makes q the outer loop, so no sort is needed.
    cur.execute(
        ("INSERT INTO {change} (salon_id, seq, entity, row_id, op, created_at) "
         "SELECT {salon}, q, {entity}, {row}, {op}, now() - make_interval(secs => (%s - q) * 60) "
         "FROM generate_series(%s, %s) AS q "
         "CROSS JOIN LATERAL generate_series(1 + 0 * q, %s) AS s").format(
            change=table(Change), salon=SALON_SQL.format(s="s"),
            entity=ENTITY_SQL.format(r="mod(q, 300)"), row=ROW_SQL.format(s="s", r="mod(q, 300)"),
            op=OP_SQL.format(q="q")),
        [to_seq, from_seq + 1, to_seq, SALONS])
    t_log = time.monotonic() - t0
    # Row versions: row r's latest change is the largest q <= to_seq with
    # q mod 300 = r.
    t1 = time.monotonic()
    cur.execute("DELETE FROM {rv} WHERE salon_id IN (SELECT {salon} FROM generate_series(1, %s) s)"
                .format(rv=table(RowVersion), salon=SALON_SQL.format(s="s")), [SALONS])
    cur.execute(
        ("INSERT INTO {rv} (salon_id, entity, row_id, seq, op) "
         "SELECT salon, entity, row_id, last, {op} FROM ("
         "  SELECT {salon} AS salon, {entity} AS entity, {row} AS row_id, "
         "         %s - mod(mod(%s - r, 300) + 300, 300) AS last "
         "  FROM generate_series(1, %s) s, generate_series(0, 299) r) x "
         "WHERE last >= 1 ORDER BY salon, entity, row_id").format(
            rv=table(RowVersion), op=OP_SQL.format(q="last"), salon=SALON_SQL.format(s="s"),
            entity=ENTITY_SQL.format(r="r"), row=ROW_SQL.format(s="s", r="r")),
        [to_seq, to_seq, SALONS])
    cur.execute(
        ("INSERT INTO {feed} (salon_id, last_seq, trimmed_seq) "
         "SELECT {salon}, %s, 0 FROM generate_series(1, %s) s "
         "ON CONFLICT (salon_id) DO UPDATE SET last_seq = EXCLUDED.last_seq").format(
            feed=table(SalonFeed), salon=SALON_SQL.format(s="s")),
        [to_seq, SALONS])
    t_rv = time.monotonic() - t1
    return t_log, t_rv


def vacuum(cur):
    t0 = time.monotonic()
    for model in (Change, RowVersion, SalonFeed):
        cur.execute("VACUUM ANALYZE %s" % table(model))
    return time.monotonic() - t0


def sizes_of(cur):
    cur.execute("SELECT count(*) FROM %s" % table(Change))
    changes = cur.fetchone()[0]
    cur.execute("SELECT count(*) FROM %s" % table(RowVersion))
    versions = cur.fetchone()[0]
    cur.execute("SELECT pg_total_relation_size(%s), pg_total_relation_size(%s)",
                [table(Change), table(RowVersion)])
    return changes, versions, cur.fetchone()


def salon_uuid(cur, s):
    cur.execute("SELECT " + SALON_SQL.format(s="%s"), [s])
    return str(cur.fetchone()[0])


class Recorder:
    """An execute_wrapper keeping every (sql, params) Django runs."""

    def __init__(self):
        self.calls = []

    def __call__(self, execute, sql, params, many, context):
        self.calls.append((sql, params))
        return execute(sql, params, many, context)


def live_query_of_feed_read(salon_id, seq, limit):
    """The SQL text feed.read() runs for the log of a live page, taken from
    a real call, and its parameters' order (salon, seq, limit + 1)."""
    rec = Recorder()
    with connection.execute_wrapper(rec):
        feed.read(salon_id, cursors.live(seq).encode(salon_id), limit)
    hits = [(sql, params) for sql, params in rec.calls
            if table(Change) in sql and "seq >" in sql]
    if len(hits) != 1:
        raise SystemExit("feed-scale: feed.read() ran %d log queries, expected one: %r"
                         % (len(hits), rec.calls))
    sql, params = hits[0]
    if list(params) != [salon_id, seq, limit + 1] and list(map(str, params)) != [salon_id, str(seq), str(limit + 1)]:
        raise SystemExit("feed-scale: unexpected parameters of the log query: %r" % (params,))
    return sql


def time_query(sql, samples):
    """[(ms, rows)] of @sql for each (salon, seq, limit) in @samples, each in
    its own REPEATABLE READ READ ONLY transaction, as feed.read() runs it."""
    out = []
    with connection.cursor() as c:
        for salon_id, seq, limit in samples:
            with transaction.atomic():
                c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                t0 = time.perf_counter()
                c.execute(sql, [salon_id, seq, limit + 1])
                rows = c.fetchall()
                out.append(((time.perf_counter() - t0) * 1000.0, len(rows)))
    return out


def time_read(samples):
    out = []
    for salon_id, seq, limit in samples:
        text = cursors.live(seq).encode(salon_id)
        t0 = time.perf_counter()
        page = feed.read(salon_id, text, limit)
        out.append(((time.perf_counter() - t0) * 1000.0, len(page.changes)))
    return out


def explain(sql, salon_id, seq, limit):
    with connection.cursor() as c, transaction.atomic():
        c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        c.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, [salon_id, seq, limit + 1])
        return [r[0] for r in c.fetchall()]


def summary(timings):
    ms = [t for t, _ in timings]
    rows = [n for _, n in timings]
    return {"n": len(ms), "p50": pct(ms, 50), "p95": pct(ms, 95), "p99": pct(ms, 99),
            "max": max(ms), "rows_mean": sum(rows) / len(rows)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100000,10000000",
                    help="log sizes to measure, ascending (multiples of 10 000)")
    ap.add_argument("--samples", type=int, default=2000, help="tail pages per size")
    ap.add_argument("--catch-up-samples", type=int, default=300)
    ap.add_argument("--read-samples", type=int, default=500)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rnd = random.Random(args.seed)
    limit = 1000  # the kiosk's page (src/sync: FEED_LIMIT)

    results = []
    per = 0
    with connection.cursor() as cur:
        uuids = {}

        def salon(s):
            if s not in uuids:
                uuids[s] = salon_uuid(cur, s)
            return uuids[s]

        sql = None
        for size in sizes:
            target = size // SALONS
            if target <= per:
                raise SystemExit("feed-scale: sizes must grow, each a multiple of %d" % SALONS)
            log("loading the log to %d changes (%d per salon)..." % (size, target))
            with transaction.atomic():
                t_log, t_rv = load(cur, per, target)
            t_vac = vacuum(cur)
            per = target
            changes, versions, (bytes_change, bytes_rv) = sizes_of(cur)
            log("%d changes, %d row versions, loaded in %.0f + %.0f s, vacuumed in %.0f s"
                % (changes, versions, t_log, t_rv, t_vac))
            if sql is None:
                sql = live_query_of_feed_read(salon(1), per - 1, limit)
            # Warm the cache a little as a running server would be: one pass of
            # tail pages, not measured.
            warm = [(salon(rnd.randint(1, SALONS)), per - rnd.randint(1, min(10, per)), limit)
                    for _ in range(200)]
            time_query(sql, warm)
            tail = [(salon(rnd.randint(1, SALONS)), per - rnd.randint(1, min(10, per)), limit)
                    for _ in range(args.samples)]
            entry = {"size": size, "changes": changes, "row_versions": versions,
                     "bytes_change": bytes_change, "bytes_rowversion": bytes_rv,
                     "load_seconds": round(t_log + t_rv, 1), "vacuum_seconds": round(t_vac, 1),
                     "tail": summary(time_query(sql, tail)),
                     "explain_tail": explain(sql, *tail[0])}
            if per >= limit:
                deep = [(salon(rnd.randint(1, SALONS)), rnd.randint(0, per - limit), limit)
                        for _ in range(args.catch_up_samples)]
                entry["catch_up"] = summary(time_query(sql, deep))
                entry["explain_catch_up"] = explain(sql, *deep[0])
            reads = [(salon(rnd.randint(1, SALONS)), per - rnd.randint(1, min(10, per)), limit)
                     for _ in range(args.read_samples)]
            entry["read"] = summary(time_read(reads))
            entry["loadavg"] = os.getloadavg()
            results.append(entry)
            log("tail p50 %.2f p95 %.2f p99 %.2f ms" % (entry["tail"]["p50"], entry["tail"]["p95"],
                                                        entry["tail"]["p99"]))
    json.dump({"salons": SALONS, "limit": limit, "sql": sql, "sizes": results}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
