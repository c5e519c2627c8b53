# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Two front desks of one salon work through an outage, then come back:
every change made at either desk reaches the server exactly once
(docs/kiosk-api.md §3.3, §4; docs/command-line.md --sync-once exits 4, 3, 0).
What the two desks did that cannot both stand (the same slot booked twice,
more points redeemed than the customer has) is refused with the server's
reason, kept for staff, and closed by them.

Desk changes are made with kiosk-desk-tool, which calls the kiosk's own desk
API (what its pages call) on the kiosk's data folder: the program has no
headless command for them. The desks speak through e2e.FaultProxy, which
writes down each upload: every one must be as §3.3 words it, and every
answer as §1 and §3.4 do."""

import json
import re

import e2e

SEED = 202


def _today_rows(dump, today, status):
    return sorted((row["data"]["appointment_time"], i) for (e, i), row in dump.items()
                  if e == "appointment" and row["data"]["appointment_date"] == today
                  and row["data"]["status"] == status and row["data"]["checked_in_at"] is None)


def _first_slot(kiosk, service, day):
    slots = kiosk.desk("slots", service, day, "any")
    assert slots, "no free slot for %s on %s" % (service, day)
    return slots[0]


def test_offline_changes_of_two_kiosks_upload_exactly_once(app_server, make_kiosk, clock,
                                                           make_proxy):
    salon, codes = app_server.prepare_salon(SEED, codes=3, customers=120)
    k1, k2 = make_kiosk("kasa-1"), make_kiosk("kasa-2")
    proxies = {k1: make_proxy(), k2: make_proxy()}
    url = {k: p.url for k, p in proxies.items()}
    for k, name, code in ((k1, "Kasa 1", codes[0]), (k2, "Kasa 2", codes[1])):
        r = k.enroll(url[k], salon, code, name)
        assert r.rc == 0, r
        r = k.sync_once()
        assert r.rc == 0, r
    devices = {k: k.status()["device"] for k in (k1, k2)}
    checker = e2e.Device(app_server.url)
    checker.enroll(salon, codes[2], "Denetim")

    dump = k1.dump()
    assert dump == k2.dump()
    today = clock.today.isoformat()
    service = next(i for (e, i), row in sorted(dump.items()) if e == "service"
                   and row["data"]["is_active"] and row["data"]["name"] == "Kadın Saç Kesimi")
    confirmed = _today_rows(dump, today, "confirmed")
    assert len(confirmed) >= 4, confirmed
    check_in_1, check_in_2, complete = confirmed[0][1], confirmed[1][1], confirmed[2][1]
    complete_customer = dump[("appointment", complete)]["data"]["customer"]
    involved = {dump[("appointment", a)]["data"]["customer"] for a in (check_in_1, check_in_2, complete)}
    rich = sorted(i for (e, i), row in dump.items() if e == "customer"
                  and row["data"]["current_points"] >= 80 and i not in involved)
    redeem_1, redeem_2 = rich[0], rich[1]

    def customer_sums(ids):
        return dict((i, (p, t, v)) for i, p, t, v in app_server.sql(
            "SELECT id::text, current_points, total_points, total_visits FROM customers_customer "
            "WHERE id::text = ANY(%s)", (list(ids),)))

    before = customer_sums([complete_customer, redeem_1, redeem_2])
    complete_price = dump[("appointment", complete)]["data"]["price"]
    counts_before = {
        "customers": app_server.scalar("SELECT count(*) FROM customers_customer"),
        "appointments": app_server.scalar(
            "SELECT count(*) FROM appointments_appointment WHERE salon_id = %s", (salon,)),
        "walkins": app_server.scalar(
            "SELECT count(*) FROM salonity_kiosk_walkin WHERE salon_id = %s", (salon,)),
        "points": app_server.scalar("SELECT count(*) FROM customers_pointhistory"),
    }

    # The outage: the server stops, its address refuses connections.
    port = app_server.port
    app_server.stop()
    for p in proxies.values():
        p.offline()
        p.take_log()

    shared_phone = "0532 111 22 33"   # both desks sign the same person up
    made = {k1: {}, k2: {}}
    d1 = made[k1]
    d1["member"] = k1.desk("register", "Şebnem", "Ağaoğlu", "0555 765 43 21")["id"]
    slot = _first_slot(k1, service, clock.day(1).isoformat())
    d1["booking"] = k1.desk("book", d1["member"], service, slot["employee"], slot["date"],
                            slot["time"], "İlk kez geliyor")["id"]
    k1.desk("check-in", check_in_1)
    k1.desk("appointment-status", complete, "completed")
    d1["walkin"] = k1.desk("join", "Oğuz Kılıç", "+90 536 222 33 44", service, "any")["id"]
    k1.desk("walkin-status", d1["walkin"], "called", "-")
    k1.desk("walkin-status", d1["walkin"], "in_service", "-")
    d1["redemption"] = k1.desk("redeem", redeem_1, "50", "Puan kullanımı: fön indirimi")["id"]
    d1["shared"] = k1.desk("register", "Çiğdem", "Işık", shared_phone)["id"]
    slot = _first_slot(k1, service, clock.day(3).isoformat())
    d1["shared_booking"] = k1.desk("book", d1["shared"], service, slot["employee"], slot["date"],
                                   slot["time"], "")["id"]

    d2 = made[k2]
    d2["member"] = k2.desk("register", "Ümran", "Öz", "5437778899")["id"]
    slot = _first_slot(k2, service, clock.day(2).isoformat())
    d2["booking"] = k2.desk("book", d2["member"], service, slot["employee"], slot["date"],
                            slot["time"], "Kısa kesim")["id"]
    k2.desk("check-in", check_in_2)
    d2["walkin"] = k2.desk("join", "Kağan Çelik", "0 544 333 44 55", service, "any")["id"]
    d2["redemption"] = k2.desk("redeem", redeem_2, "80", "Puan kullanımı: manikür")["id"]
    d2["shared"] = k2.desk("register", "Çiğdem", "Işık", shared_phone)["id"]
    slot = _first_slot(k2, service, clock.day(2).isoformat())
    d2["shared_booking"] = k2.desk("book", d2["shared"], service, slot["employee"], slot["date"],
                                   slot["time"], "")["id"]
    # What desk 1 did too, unknown to desk 2: the same slot of the same
    # employee, and points that desk 1's redemption leaves too few.
    slot = _first_slot(k2, service, clock.day(1).isoformat())
    booked_1 = k1.dump()[("appointment", d1["booking"])]["data"]
    assert (slot["employee"], slot["time"] + ":00") == (booked_1["employee"],
                                                        booked_1["appointment_time"]), slot
    clash = k2.desk("book", redeem_2, service, slot["employee"], slot["date"], slot["time"],
                    "")["id"]
    points_1 = dump[("customer", redeem_1)]["data"]["current_points"]
    overdraw = k2.desk("redeem", redeem_1, str(points_1 - 20), "Puan kullanımı: boya")["id"]

    # While the server is away each sync keeps everything and says so.
    for k in (k1, k2):
        n = len(k.outbox())
        r = k.sync_once()
        assert r.rc == 4, r
        # docs/command-line.md words it "The server URL cannot be reached (…);
        # N changes are kept for later."; the program says "Not synced with
        # URL: The server cannot be reached: …; N changes are kept for later."
        assert url[k] in r.out and "cannot be reached" in r.out and \
            r.out.endswith("; %d changes are kept for later.\n" % n), r
        assert k.status()["outbox"]["pending"] == n
        assert all(e["state"] == "pending" for e in k.outbox())
    n1, n2 = len(k1.outbox()), len(k2.outbox())
    assert (n1, n2) == (10, 9), (k1.outbox(), k2.outbox())

    # Back; both desks sync (the first twice: the second sees the other's).
    app_server.start(port)
    for p in proxies.values():
        p.online()
    r1 = k1.sync_once()
    assert r1.rc == 0, r1
    r2 = k2.sync_once()
    assert r2.rc == 3, r2
    assert r2.out.startswith("Up to date with %s, but 2 changes were refused" % url[k2]), r2
    r1 = k1.sync_once()
    assert r1.rc == 0, r1

    # Desk 2's staff see the two refusals with the server's reasons.
    refused = k2.desk("refused")
    assert sorted((c["kind"], c["code"], c["state"]) for c in refused) == [
        ("appointment.create", "slot_taken", "refused"),
        ("loyalty.redeem", "insufficient_points", "refused")], refused
    assert all(c["reason"] for c in refused), refused

    # The server has each change once.
    def one(query, *params):
        return app_server.sql(query, params)

    ids = {name: [made[k1].get(name), made[k2].get(name)] for name in made[k1]}
    assert one("SELECT count(*) FROM customers_customer WHERE id::text = ANY(%s)",
               ids["member"])[0][0] == 2
    for phone in ("+905557654321", "+905437778899", "+905321112233"):
        assert one("SELECT count(*) FROM customers_customer WHERE phone = %s", phone)[0][0] == 1, phone
    # The same person signed up at both desks is one customer: the first
    # desk's, and the second desk's booking for her was moved onto it.
    assert one("SELECT id::text FROM customers_customer WHERE phone = '+905321112233'") == \
        [(d1["shared"],)]
    assert one("SELECT count(*) FROM customers_customer WHERE id = %s", d2["shared"])[0][0] == 0
    bookings = ids["booking"] + ids["shared_booking"]
    assert dict(one("SELECT id::text, customer_id::text FROM appointments_appointment "
                    "WHERE id::text = ANY(%s)", bookings)) == {
        d1["booking"]: d1["member"], d2["booking"]: d2["member"],
        d1["shared_booking"]: d1["shared"], d2["shared_booking"]: d1["shared"]}
    assert one("SELECT count(*) FROM customers_customer")[0][0] == counts_before["customers"] + 3
    assert one("SELECT count(*) FROM appointments_appointment WHERE salon_id = %s",
               salon)[0][0] == counts_before["appointments"] + 4
    assert one("SELECT count(*) FROM appointments_appointment WHERE id = %s", clash)[0][0] == 0
    assert one("SELECT count(*) FROM customers_pointhistory WHERE id = %s", overdraw)[0][0] == 0
    assert dict(one("SELECT id::text, status FROM salonity_kiosk_walkin WHERE id::text = ANY(%s)",
                    ids["walkin"])) == {d1["walkin"]: "in_service", d2["walkin"]: "waiting"}
    assert one("SELECT count(*) FROM salonity_kiosk_walkin WHERE salon_id = %s",
               salon)[0][0] == counts_before["walkins"] + 2
    checked = dict(one("SELECT a.id::text, x.checked_in_at IS NOT NULL FROM appointments_appointment a "
                       "LEFT JOIN salonity_kiosk_appointmentextra x ON x.appointment_id = a.id "
                       "WHERE a.id::text = ANY(%s)", [check_in_1, check_in_2]))
    assert checked == {check_in_1: True, check_in_2: True}
    assert one("SELECT status FROM appointments_appointment WHERE id = %s", complete) == [("completed",)]
    redemptions = dict(one("SELECT id::text, points FROM customers_pointhistory WHERE id::text = ANY(%s)",
                           ids["redemption"]))
    assert redemptions == {d1["redemption"]: -50, d2["redemption"]: -80}
    after = customer_sums([complete_customer, redeem_1, redeem_2])
    earned = int(float(complete_price)) // 10
    assert after[complete_customer] == (before[complete_customer][0] + earned,
                                        before[complete_customer][1] + earned,
                                        before[complete_customer][2] + 1)
    assert after[redeem_1][0] == before[redeem_1][0] - 50
    assert after[redeem_2][0] == before[redeem_2][0] - 80
    # Points: the completed visit's entry and the two redemptions, no more.
    assert one("SELECT count(*) FROM customers_pointhistory")[0][0] == counts_before["points"] + 3

    # One idempotency record per change each desk sent, each key once, the
    # answer kept with it: 2xx, or 409 for the phone already taken and the
    # two refusals.
    for k, n in ((k1, n1), (k2, n2)):
        outbox = k.outbox()
        records = one("SELECT key::text, state, status_code FROM salonity_kiosk_idempotencyrecord "
                      "WHERE device_id = %s", devices[k])
        keys = [r[0] for r in records]
        assert len(keys) == len(set(keys))
        sent = {e["key"].strip('"') for e in outbox}
        assert set(keys) == sent, (records, outbox)
        assert all(state == "done" for _, state, _ in records), records
        assert sorted(c for _, _, c in records if c >= 300) == ([] if k is k1 else [409] * 3), records
        assert len(outbox) == n
        refused_ids = {clash, overdraw} if k is k2 else set()
        assert sorted((e["entity"], e["state"]) for e in outbox if e["state"] != "done") == \
            sorted((i, "refused") for i in refused_ids), outbox

    # Every upload of both desks, each kind of §3.3, as the contract words
    # them, and each answer as §1 and §3.4 do.
    uploads = [x for p in proxies.values() for x in p.take_log() if x.method == "POST"]
    problems = [p for x in uploads for p in e2e.upload_problems(x)]
    assert not problems, "\n".join(problems)
    kinds = {re.sub(e2e._UUID.pattern, "ID", x.path) for x in uploads}
    assert len(kinds) == 7 and len(uploads) == n1 + n2, [repr(x) for x in uploads]
    codes_seen = sorted(json.loads(x.body)["code"] for x in uploads if x.status == 409)
    assert codes_seen == ["insufficient_points", "phone_exists", "slot_taken"], codes_seen

    # Staff close the refusals: desk 2 takes the server's rows back.
    for c in refused:
        k2.desk("dismiss", str(c["entry"]), "Öbür kasa almış")
    assert k2.desk("refused") == []
    r2 = k2.sync_once()
    assert r2.rc == 0, r2
    assert k2.status()["outbox"]["refused"] == 0

    # KVKK (§3.6): each new member and each walk-in came with the consent
    # given at the desk, kept with the device and the notice's version.
    consents = one("SELECT coalesce(customer_id, walkin_id)::text, device_id::text, notice, "
                   "consent_at FROM salonity_kiosk_consent WHERE device_id::text = ANY(%s)",
                   list(devices.values()))
    for k, d in made.items():
        for record, notice_of in ((d["member"], "kiosk-kvkk-member-"),
                                  (d["walkin"], "kiosk-kvkk-walkin-")):
            kept = [(dev, notice, at) for r, dev, notice, at in consents if r == record]
            assert len(kept) == 1, (record, kept)
            dev, notice, at = kept[0]
            assert dev == devices[k] and notice.startswith(notice_of), kept
            assert abs((at - clock.now()).total_seconds()) < 600, (at, clock.now())
    # The person signed up at both desks: both consents are kept with the
    # one customer (§3.6; the second came with the 409 phone_exists).
    assert sorted(dev for r, dev, _, _ in consents if r == d1["shared"]) == \
        sorted([devices[k1], devices[k2]])

    # Both desks now hold exactly the server's rows.
    server = checker.snapshot()
    e2e.assert_same_rows(k1.dump(), server, "desk 1 and the server")
    e2e.assert_same_rows(k2.dump(), server, "desk 2 and the server")
