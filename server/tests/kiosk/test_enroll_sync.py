# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""A kiosk is paired with the app, syncs once, and holds the salon exactly
as the server's snapshot has it (docs/command-line.md: --enroll,
--sync-once, --dump-replica; docs/kiosk-api.md §3.1, §3.2, §3.4)."""

import re
import uuid
from collections import Counter

import e2e

SEED = 101


def _walkin_body(snapshot, clock):
    service = next(r["data"] for (e, _), r in sorted(snapshot.items())
                   if e == "service" and r["data"]["is_active"])
    return {"id": str(uuid.uuid4()), "customer": None, "name": "Gülizar Çığ",
            "phone": "+905321234567", "service": service["id"], "preferred_employee": None,
            "arrived_at": clock.now().isoformat(), "consent_at": clock.now().isoformat(),
            "consent_notice": "kiosk-kvkk-walkin-2026-1"}


def test_enroll_sync_once_and_the_dump_is_the_servers_snapshot(app_server, make_kiosk, clock):
    salon, codes = app_server.prepare_salon(SEED, codes=2, customers=120)

    # Another kiosk of the salon (plain HTTP) takes a walk-in first, so that
    # the snapshot has a row of every entity of §3.4.
    other = e2e.Device(app_server.url)
    other.enroll(salon, codes[0], "Arka büro")
    status, walkin = other.request("POST", "walkins/", _walkin_body(other.snapshot(), clock),
                                   key=str(uuid.uuid4()))
    assert status == 201 and walkin["status"] == "waiting", walkin

    # Pairing, as the installer does it.
    kiosk = make_kiosk("on-buro-1")
    r = kiosk.enroll(app_server.url, salon, app_server.pairing_code(salon), "Ön büro 1")
    assert r.rc == 0, r
    m = re.fullmatch(r"Enrolled “Ön büro 1” as device ([0-9a-f-]{36}) of salon %s at %s\.\n"
                     % (salon, re.escape(app_server.url)), r.out)
    assert m, r
    device = m.group(1)
    assert app_server.sql("SELECT name, salon_id::text, revoked_at FROM salonity_kiosk_device "
                          "WHERE id = %s", (device,)) == [("Ön büro 1", salon, None)]
    st = kiosk.status()
    assert (st["enrolled"], st["server"], st["salon"], st["device"], st["device_name"],
            st["token"], st["has_cursor"]) == \
        (True, app_server.url, salon, device, "Ön büro 1", "stored", False), st

    # The same code does not pair a second kiosk (single use, §3.1): exit 6.
    again = make_kiosk("on-buro-2")
    code = codes[1]
    assert again.enroll(app_server.url, salon, code, "Ön büro 2").rc == 0
    refused = make_kiosk("on-buro-3").enroll(app_server.url, salon, code, "Ön büro 3")
    assert refused.rc == 6, refused

    # One sync, and the replica is the salon.
    r = kiosk.sync_once()
    assert r.rc == 0, r
    assert r.out == "Up to date with %s; 0 changes wait to upload.\n" % app_server.url, r
    dump = kiosk.dump()
    server = other.snapshot()
    e2e.assert_same_rows(dump, server)

    # Every entity and field the contract lists, nothing else.
    by_entity = Counter(e for e, _ in dump)
    assert set(by_entity) == set(e2e.ENTITY_FIELDS), by_entity
    for (entity, row_id), line in dump.items():
        assert set(line["data"]) == e2e.ENTITY_FIELDS[entity], (entity, sorted(line["data"]))
        assert line["data"]["id"] == row_id
        assert line["version"] > 0 and "pending" not in line, line
    # ... in the formats of §1 and §3.4 (the dump is the feed's data).
    problems = [p for (entity, _), line in server.items()
                for p in e2e.entity_problems(entity, line["data"])]
    assert not problems, "\n".join(sorted(set(problems))[:30])

    # ... and the snapshot is what the database holds for the salon.
    def count(query):
        return app_server.scalar(query, (salon,))

    assert by_entity["salon"] == 1
    assert by_entity["working_hours"] == count(
        "SELECT count(*) FROM salons_salonworkinghours WHERE salon_id = %s") == 7
    assert by_entity["service"] == count("SELECT count(*) FROM services_service WHERE salon_id = %s")
    assert by_entity["employee"] == count(
        "SELECT count(*) FROM salons_salonemployee WHERE salon_id = %s")
    assert by_entity["walkin"] == count("SELECT count(*) FROM salonity_kiosk_walkin WHERE salon_id = %s") == 1
    appointments = app_server.sql(
        "SELECT id::text, status, appointment_date::text, to_char(appointment_time, 'HH24:MI:SS'), "
        "price::text, customer_id::text FROM appointments_appointment WHERE salon_id = %s", (salon,))
    assert {(a[0]) for a in appointments} == {i for e, i in dump if e == "appointment"}
    for a in appointments:
        d = dump[("appointment", a[0])]["data"]
        assert (d["status"], d["appointment_date"], d["appointment_time"], d["price"],
                d["customer"]) == a[1:], (d, a)
    customers = {c for (c,) in app_server.sql(
        "SELECT DISTINCT customer_id::text FROM appointments_appointment WHERE salon_id = %s",
        (salon,))}
    assert customers <= {i for e, i in dump if e == "customer"}
    spent = dict(app_server.sql("SELECT id::text, total_spent::text FROM customers_customer "
                                "WHERE id::text = ANY(%s)", (list(customers),)))
    for c in customers:
        assert dump[("customer", c)]["data"]["total_spent"] == spent[c]

    st = kiosk.status()
    assert st["has_cursor"] and st["last_pull"] and st["quarantined"] == 0, st
    assert st["outbox"] == {"pending": 0, "in_flight": 0, "done": 0, "refused": 0, "held": 0}, st

    # The salon changes elsewhere: another kiosk cancels a coming booking and
    # signs a member up, the owner corrects a customer's surname in the
    # admin (here: in the database). The next sync brings exactly that.
    coming = sorted(i for (e, i), row in dump.items() if e == "appointment"
                    and row["data"]["status"] in ("pending", "confirmed")
                    and row["data"]["appointment_date"] > clock.today.isoformat())[0]
    status, cancelled = other.request("POST", "appointments/%s/status/" % coming,
                                      {"status": "cancelled"}, key=str(uuid.uuid4()))
    assert status == 200 and cancelled["status"] == "cancelled", cancelled
    member = str(uuid.uuid4())
    status, body = other.request("POST", "customers/", {
        "id": member, "first_name": "Ilgın", "last_name": "Şenyüz", "phone": "+905439876543",
        "consent_at": clock.now().isoformat(), "consent_notice": "kiosk-kvkk-member-2026-1"},
        key=str(uuid.uuid4()))
    assert status == 201, body
    renamed = sorted(customers)[0]
    assert app_server.sql("UPDATE auth_user SET last_name = 'Öztürk-Işıkgör' WHERE id = "
                          "(SELECT user_id FROM customers_customer WHERE id = %s)", (renamed,)) == 1

    r = kiosk.sync_once()
    assert r.rc == 0, r
    after = kiosk.dump()
    e2e.assert_same_rows(after, other.snapshot())
    assert after[("appointment", coming)]["data"]["status"] == "cancelled"
    assert after[("customer", member)]["data"]["first_name"] == "Ilgın"
    assert after[("customer", renamed)]["data"]["last_name"] == "Öztürk-Işıkgör"
    assert len(after) == len(dump) + 1


def test_a_revoked_kiosk_keeps_its_changes_and_pairs_again(app_server, make_kiosk, clock):
    salon, codes = app_server.prepare_salon(SEED + 1, codes=4, customers=40)
    kiosk = make_kiosk("kasa")
    assert kiosk.enroll(app_server.url, salon, codes[0], "Kasa").rc == 0
    assert kiosk.sync_once().rc == 0
    old_device = kiosk.status()["device"]

    # §3.1: a device that unpairs itself is refused from then on, with
    # §1's 401 and WWW-Authenticate: Token.
    other = e2e.Device(app_server.url)
    other.enroll(salon, codes[1], "Arka büro")
    assert other.request("GET", "devices/me/")[1] == {"device": other.device, "salon": salon,
                                                       "name": "Arka büro"}
    assert other.request("DELETE", "devices/me/")[0] == 204
    try:
        other.request("GET", "changes/")
        raise AssertionError("a revoked token still reads the feed")
    except e2e.HttpError as e:
        assert e.status == 401 and e.headers.get("WWW-Authenticate", "").startswith("Token"), \
            (e.status, e.headers)

    # The owner revokes the kiosk in the admin (its action sets revoked_at);
    # the desk goes on and signs a member up.
    assert app_server.sql("UPDATE salonity_kiosk_device SET revoked_at = now() WHERE id = %s",
                          (old_device,)) == 1
    member = kiosk.desk("register", "Şükran", "Ilıcak", "0533 102 10 20")["id"]
    r = kiosk.sync_once()
    assert r.rc == 5 and r.out.startswith("Not enrolled") and \
        r.out.endswith("; 1 change is kept. Pair again with --enroll.\n"), r
    st = kiosk.status()
    assert st["outbox"]["pending"] == 1 and st["outbox"]["refused"] == 0, st
    assert kiosk.dump()[("customer", member)]["pending"] is True
    assert app_server.scalar("SELECT count(*) FROM customers_customer WHERE id = %s", (member,)) == 0

    # Paired again (same salon, same data folder): a new device, and the
    # member waiting at the desk reaches the server once, under it.
    r = kiosk.enroll(app_server.url, salon, codes[2], "Kasa")
    assert r.rc == 0, r
    new_device = kiosk.status()["device"]
    assert new_device != old_device
    r = kiosk.sync_once()
    assert r.rc == 0, r
    assert app_server.scalar("SELECT count(*) FROM customers_customer WHERE phone = '+905331021020'") == 1
    assert app_server.sql("SELECT device_id::text, status_code FROM salonity_kiosk_idempotencyrecord "
                          "WHERE device_id::text = ANY(%s)", ([old_device, new_device],)) == \
        [(new_device, 201)]
    checker = e2e.Device(app_server.url)
    checker.enroll(salon, codes[3], "Denetim")
    e2e.assert_same_rows(kiosk.dump(), checker.snapshot())
