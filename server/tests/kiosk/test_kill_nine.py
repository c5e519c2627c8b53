# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""kill -9 of `salonity-kiosk --sync-once` at random moments, with desk
changes waiting to upload and pages of server changes to pull: after a final
clean sync nothing is lost and nothing doubled (docs/kiosk-api.md §3.3, §4:
"uploaded later, exactly once as seen by the server, whatever happens
between (crash, kill, …)").

The kiosk goes through e2e.FaultProxy. Once, the proxy keeps the server's
answer to an upload until the kiosk is killed: the server applied the change,
the kiosk never heard so, and sends it again with the same Idempotency-Key.
In the other rounds the kills land at random moments of the run, some of them
with answers held a little.

The random seed is printed; KIOSK_E2E_SEED=N replays a run's choices."""

import json
import os
import random
import signal
import subprocess
import time

import e2e

SEED = 303
MIN_KILLS = 20
BUDGET_SECONDS = 75          # fail rather than run on
CHURN_DAYS_BEFORE = 10       # the past appointments the server side rewrites


def test_kill_nine_during_sync_loses_nothing_and_doubles_nothing(app_server, make_kiosk, clock,
                                                                  proxy):
    seed = int(os.environ.get("KIOSK_E2E_SEED") or random.SystemRandom().randrange(1 << 30))
    print("KIOSK_E2E_SEED=%d" % seed)
    rng = random.Random(seed)
    salon, codes = app_server.prepare_salon(SEED, codes=2, customers=200,
                                            days_before=CHURN_DAYS_BEFORE, days_ahead=4)
    kiosk = make_kiosk("kasa")
    assert kiosk.enroll(proxy.url, salon, codes[0], "Kasa").rc == 0
    checker = e2e.Device(app_server.url)
    checker.enroll(salon, codes[1], "Denetim")
    device = kiosk.status()["device"]

    # The first sync is a whole snapshot: that long, the first kills.
    started = time.monotonic()
    child = kiosk.spawn("--sync-once")
    assert child.wait(60) == 0, child.communicate()
    estimate = time.monotonic() - started
    dump = kiosk.dump()
    today = clock.today.isoformat()
    service = next(i for (e, i), row in sorted(dump.items()) if e == "service"
                   and row["data"]["is_active"] and row["data"]["name"] == "Fön")
    check_ins = [i for _, i in sorted((row["data"]["appointment_time"], i)
                                      for (e, i), row in dump.items() if e == "appointment"
                                      and row["data"]["appointment_date"] == today
                                      and row["data"]["status"] in ("confirmed", "pending")
                                      and row["data"]["checked_in_at"] is None)]
    base = {
        "customers": app_server.scalar("SELECT count(*) FROM customers_customer"),
        "appointments": app_server.scalar(
            "SELECT count(*) FROM appointments_appointment WHERE salon_id = %s", (salon,)),
        "walkins": app_server.scalar(
            "SELECT count(*) FROM salonity_kiosk_walkin WHERE salon_id = %s", (salon,)),
    }
    desk = {"customers": [], "appointments": [], "walkins": [], "check_ins": []}
    serial = [0]

    def desk_batch(n):
        for _ in range(n):
            serial[0] += 1
            phone = "0549 %03d %04d" % (serial[0] // 10000, serial[0] % 10000)
            c = kiosk.desk("register", "Çağrı", "Işıkgöz %d" % serial[0], phone)["id"]
            desk["customers"].append(c)
            day = clock.day(1 + serial[0] % 3).isoformat()
            slots = kiosk.desk("slots", service, day, "any")
            assert slots, day
            slot = slots[rng.randrange(min(len(slots), 4))]
            desk["appointments"].append(kiosk.desk(
                "book", c, service, slot["employee"], slot["date"], slot["time"], "")["id"])
            desk["walkins"].append(kiosk.desk("join", "Şükrü Öğüt %d" % serial[0],
                                              phone, service, "any")["id"])
            if check_ins:
                a = check_ins.pop(0)
                kiosk.desk("check-in", a)
                desk["check_ins"].append(a)

    def churn(round_no):
        # The owner's side rewrites the notes of the salon's past
        # appointments: a feed of that many changes for the kiosk to pull.
        n = app_server.sql(
            "UPDATE appointments_appointment SET notes = %s WHERE salon_id = %s "
            "AND appointment_date < %s AND id IN (SELECT id FROM appointments_appointment "
            "WHERE salon_id = %s ORDER BY md5(id::text || %s) LIMIT %s)",
            ("Tur %d: ödeme alındı" % round_no, salon, today, salon, str(round_no),
             rng.randrange(300, 900)))
        assert n > 0

    kills = early = 0
    round_no = 0
    proxy.take_log()

    # The answer that never arrives: the server has applied an upload,
    # the kiosk dies waiting for the answer.
    desk_batch(2)
    proxy.held.clear()
    proxy.hold_posts = 60
    child = kiosk.spawn("--sync-once")
    assert proxy.held.wait(30), "no upload reached the server"
    child.send_signal(signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL
    child.communicate()
    kills += 1
    proxy.hold_posts = 0
    unheard = proxy.last_held
    assert unheard.method == "POST" and 200 <= unheard.status < 300, unheard
    started = time.monotonic()
    while kills < MIN_KILLS:
        assert time.monotonic() - started < BUDGET_SECONDS, \
            "only %d kills in %d s (%d runs ended first)" % (kills, BUDGET_SECONDS, early)
        round_no += 1
        desk_batch(rng.randrange(1, 4))
        churn(round_no)
        proxy.hold_posts = rng.choice([0, 0, 0.05, 0.1])
        for _ in range(rng.randrange(1, 4)):
            at = rng.uniform(0.005, max(estimate, 0.05))
            t0 = time.monotonic()
            child = kiosk.spawn("--sync-once")
            try:
                rc = child.wait(at)
            except subprocess.TimeoutExpired:
                child.send_signal(signal.SIGKILL)
                rc = child.wait()   # it may have ended on its own meanwhile
            out, err = child.communicate()
            if rc == -signal.SIGKILL:
                kills += 1
            else:
                early += 1
                # How long a run takes, learnt as it goes: the kills land
                # inside the work rather than after it.
                estimate = (estimate * 2 + (time.monotonic() - t0) * 1.1) / 3
                # Ended first: up to date, or unreachable after a dropped
                # answer. Never local trouble.
                assert rc in (0, 4), (rc, out, err)
        # The rest of the round's work, uninterrupted. Its length (with the
        # answers held as in the round) tells how long a whole run of this
        # kind takes, when every run of the round was killed.
        t0 = time.monotonic()
        r = kiosk.sync_to_end()
        assert r.rc == 0, r
        proxy.hold_posts = 0
        estimate = max(estimate, time.monotonic() - t0)

    # A repeat of a key got the first answer again: same status, same body
    # (§3.3), or 409 request_in_progress while the first still ran.
    uploads = {}
    posts = [x for x in proxy.take_log() if x.method == "POST"]
    for x in posts:
        uploads.setdefault(x.key, []).append(x)
    problems = [p for x in posts for p in e2e.upload_problems(x)]
    assert not problems, "\n".join(problems[:20])
    again = {k: xs for k, xs in uploads.items() if len(xs) > 1}
    for key, xs in again.items():
        done = [x for x in xs if 200 <= x.status < 300]
        assert done and all((x.status, x.body) == (done[0].status, done[0].body) for x in done), xs
        assert all(x in done or (x.status == 409 and json.loads(x.body)["code"] ==
                                 "request_in_progress") for x in xs), xs
    assert unheard.key in again and (again[unheard.key][-1].status, again[unheard.key][-1].body) \
        == (unheard.status, unheard.body), again.get(unheard.key)
    print("%d kills in %d rounds, %d runs ended before their kill, %d of %d uploads sent "
          "more than once, %.1f s" % (kills, round_no, early, len(again), len(uploads),
                                      time.monotonic() - started))

    # Every desk change is done: none refused (a second create of the same
    # row would be), none held, none left.
    outbox = kiosk.outbox()
    n_changes = sum(len(v) for v in desk.values())
    assert len(outbox) == n_changes, (len(outbox), n_changes)
    assert [e for e in outbox if e["state"] != "done"] == []

    # The server holds each of them once: every row, no extra row, and one
    # idempotency record per change, each answered 2xx.
    assert app_server.scalar("SELECT count(*) FROM customers_customer WHERE id::text = ANY(%s)",
                             (desk["customers"],)) == len(desk["customers"])
    assert app_server.scalar("SELECT count(*) FROM customers_customer") == \
        base["customers"] + len(desk["customers"])
    assert dict(app_server.sql("SELECT id::text, customer_id::text FROM appointments_appointment "
                               "WHERE id::text = ANY(%s)", (desk["appointments"],))) == \
        dict(zip(desk["appointments"], desk["customers"]))
    assert app_server.scalar("SELECT count(*) FROM appointments_appointment WHERE salon_id = %s",
                             (salon,)) == base["appointments"] + len(desk["appointments"])
    assert app_server.scalar("SELECT count(*) FROM salonity_kiosk_walkin WHERE id::text = ANY(%s)",
                             (desk["walkins"],)) == len(desk["walkins"])
    assert app_server.scalar("SELECT count(*) FROM salonity_kiosk_walkin WHERE salon_id = %s",
                             (salon,)) == base["walkins"] + len(desk["walkins"])
    assert app_server.scalar("SELECT count(*) FROM salonity_kiosk_appointmentextra WHERE "
                             "checked_in_at IS NOT NULL AND appointment_id::text = ANY(%s)",
                             (desk["check_ins"],)) == len(desk["check_ins"])
    records = app_server.sql("SELECT key::text, state, status_code FROM "
                             "salonity_kiosk_idempotencyrecord WHERE device_id = %s", (device,))
    assert sorted(k for k, _, _ in records) == sorted(e["key"].strip('"') for e in outbox)
    assert [r for r in records if r[1] != "done" or not 200 <= r[2] < 300] == []

    # The kiosk is the server: its dump is the server's snapshot.
    e2e.assert_same_rows(kiosk.dump(), checker.snapshot())
