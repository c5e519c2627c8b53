# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The server forgets old changes (manage.py kiosk_trim_changes): a kiosk
whose cursor is older gets 410 cursor_expired, takes a full snapshot, and
keeps the desk's changes that the server has not acknowledged yet; they
upload after (docs/kiosk-api.md §3.2, §4).

The kiosk speaks to the app through e2e.FaultProxy, which can answer
uploads with 503: so the run that resyncs cannot upload, and what the
snapshot left of the desk's changes can be seen before they go."""

import json
import uuid

import pytest

import e2e

SEED = 404


def test_trimmed_log_gives_410_and_a_snapshot_that_keeps_pending_changes(
        app_server, make_kiosk, clock, proxy):
    salon, codes = app_server.prepare_salon(SEED, codes=2, customers=80)
    kiosk = make_kiosk("kasa")
    r = kiosk.enroll(proxy.url, salon, codes[0], "Kasa")
    assert r.rc == 0, r
    r = kiosk.sync_once()
    assert r.rc == 0, r
    checker = e2e.Device(app_server.url)
    checker.enroll(salon, codes[1], "Denetim")
    _, old_cursor = checker.pull()
    dump = kiosk.dump()
    today = clock.today.isoformat()

    # The desk works on; nothing is uploaded yet.
    service = next(i for (e, i), row in sorted(dump.items()) if e == "service"
                   and row["data"]["is_active"] and row["data"]["name"] == "Erkek Saç Kesimi")
    coming = sorted((row["data"]["appointment_date"], row["data"]["appointment_time"], i)
                    for (e, i), row in dump.items() if e == "appointment"
                    and row["data"]["status"] == "confirmed" and row["data"]["checked_in_at"] is None)
    check_in = next(i for d, _, i in coming if d == today)
    later = [i for d, _, i in coming if d > today]
    to_cancel, to_delete = later[0], later[1]
    member = kiosk.desk("register", "Işıl", "Gökçe", "0505 404 40 40")["id"]
    slot = kiosk.desk("slots", service, clock.day(1).isoformat(), "any")[0]
    booking = kiosk.desk("book", member, service, slot["employee"], slot["date"], slot["time"],
                         "Sakal da")["id"]
    kiosk.desk("check-in", check_in)
    walkin = kiosk.desk("join", "Tuğrul Ünal", "0542 404 41 41", service, "any")["id"]
    pending = {("customer", member), ("appointment", booking), ("appointment", check_in),
               ("walkin", walkin)}

    # Meanwhile on the server: another kiosk cancels a booking, the owner
    # deletes one in the admin; then the log is trimmed to nothing.
    status, body = checker.request("POST", "appointments/%s/status/" % to_cancel,
                                   {"status": "cancelled"}, key=str(uuid.uuid4()))
    assert status == 200, body
    app_server.manage("shell", "-c", "from appointments.models import Appointment; "
                      "Appointment.objects.get(id='%s').delete()" % to_delete)
    out = app_server.manage("kiosk_trim_changes", "--keep-days", "0")
    assert out.startswith("trimmed ") and not out.startswith("trimmed 0 changes"), out

    # The app: the old cursor is gone, with the contract's code (§3.2).
    with pytest.raises(e2e.HttpError) as gone:
        checker.changes(old_cursor)
    assert gone.value.status == 410 and gone.value.json()["code"] == "cursor_expired", gone.value.body

    # The kiosk: 410, a snapshot; its uploads fail (503), so it stops there.
    proxy.take_log()
    proxy.block_posts = True
    r = kiosk.sync_once()
    assert r.rc == 4, r
    assert r.out.endswith("; 4 changes are kept for later.\n"), r
    log = proxy.take_log()
    first_post = min(i for i, x in enumerate(log) if x.method == "POST")
    pulls = log[:first_post]
    feed = "/api/kiosk/v1/changes/?"
    assert pulls[0].method == "GET" and pulls[0].path.startswith(feed) and \
        "since=" in pulls[0].path and pulls[0].status == 410, log
    assert json.loads(pulls[0].body)["code"] == "cursor_expired", pulls[0].body
    assert pulls[1].method == "GET" and pulls[1].path.startswith(feed) and \
        "since=" not in pulls[1].path and pulls[1].status == 200, log
    assert all(x.method == "GET" and x.status == 200 for x in pulls[1:]), log
    assert all(x.status == 503 for x in log if x.method == "POST"), log

    # The replica is the server's snapshot plus the desk's own changes.
    server = checker.snapshot()
    resynced = kiosk.dump()
    assert ("appointment", to_delete) not in resynced
    assert resynced[("appointment", to_cancel)]["data"]["status"] == "cancelled"
    for key in pending:
        assert resynced[key].get("pending") is True, resynced[key]
    assert resynced[("appointment", check_in)]["data"]["checked_in_at"] is not None
    assert resynced[("customer", member)]["version"] == 0
    assert resynced[("customer", member)]["data"]["phone"] == "+905054044040"
    assert resynced[("walkin", walkin)]["data"]["status"] == "waiting"
    e2e.assert_same_rows({k: v for k, v in resynced.items() if k not in pending},
                         {k: v for k, v in server.items() if k not in pending},
                         "the resynced kiosk (its pending rows aside) and the server")
    st = kiosk.status()
    assert st["outbox"]["pending"] + st["outbox"]["in_flight"] == 4 and st["has_cursor"], st

    # The server is whole again: the desk's changes go, once.
    proxy.block_posts = False
    r = kiosk.sync_once()
    problems = [p for x in proxy.take_log() if x.method == "POST" for p in e2e.upload_problems(x)]
    assert not problems, "\n".join(problems)
    assert r.rc == 0, r
    assert r.out == "Up to date with %s; 0 changes wait to upload.\n" % proxy.url, r
    e2e.assert_same_rows(kiosk.dump(), checker.snapshot())
    assert app_server.sql("SELECT count(*) FROM customers_customer WHERE phone = '+905054044040'") == [(1,)]
    assert app_server.sql("SELECT customer_id::text FROM appointments_appointment WHERE id = %s",
                          (booking,)) == [(member,)]
    assert app_server.sql("SELECT count(*) FROM salonity_kiosk_walkin WHERE id = %s", (walkin,)) == [(1,)]
    assert app_server.sql("SELECT checked_in_at IS NOT NULL FROM salonity_kiosk_appointmentextra "
                          "WHERE appointment_id = %s", (check_in,)) == [(True,)]
    device = st["device"]
    records = app_server.sql("SELECT key::text, state, status_code FROM salonity_kiosk_idempotencyrecord "
                             "WHERE device_id = %s", (device,))
    assert sorted(k for k, _, _ in records) == sorted(e["key"].strip('"') for e in kiosk.outbox())
    assert all(s == "done" and 200 <= c < 300 for _, s, c in records), records
