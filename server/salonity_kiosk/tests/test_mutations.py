# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""§3.3 uploads, one endpoint after the other, as the contract words them;
§3.3 Idempotency-Key; §3.6 KVKK consent; the per-device throttle."""

import json
import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.utils import timezone

from appointments.models import Appointment
from customers.models import Customer, PointHistory
from salonity_kiosk import operations
from salonity_kiosk.models import AppointmentExtra, Consent, IdempotencyRecord, WalkIn
from salonity_kiosk.tests.util import CONSENT, day_ahead, enroll, make_customer, make_shop, new_id

pytestmark = pytest.mark.django_db

CUSTOMER_FIELDS = {"id", "first_name", "last_name", "phone", "loyalty_level", "total_points", "current_points",
                   "total_spent", "total_visits", "updated_at"}
APPOINTMENT_FIELDS = {"id", "customer", "service", "employee", "appointment_date", "appointment_time", "end_time",
                      "status", "notes", "price", "source", "checked_in_at", "created_at", "updated_at"}
WALKIN_FIELDS = {"id", "customer", "name", "phone", "service", "preferred_employee", "employee", "status",
                 "arrived_at", "called_at", "finished_at"}


def new_customer_body(**kw):
    body = {"id": new_id(), "first_name": "Ali", "last_name": "Veli", "phone": "+905551234567"}
    body.update(CONSENT)
    body.update(kw)
    return body


# -- customers --------------------------------------------------------------------


def test_a_new_customer_is_created_with_the_kiosks_id_and_consent_kept(kiosk):
    body = new_customer_body()
    r = kiosk.post("customers/", body)
    assert r.status_code == 201, r.content
    data = r.json()
    assert set(data) == CUSTOMER_FIELDS
    assert data["id"] == body["id"]
    assert (data["first_name"], data["last_name"], data["phone"]) == ("Ali", "Veli", "+905551234567")
    assert (data["loyalty_level"], data["current_points"], data["total_spent"], data["total_visits"]) == \
        ("bronze", 0, "0.00", 0)
    customer = Customer.objects.get(pk=body["id"])
    assert customer.user.first_name == "Ali" and not customer.user.has_usable_password()
    consent = Consent.objects.get(customer=customer)
    assert consent.notice == "kiosk-kvkk-2026-1"
    assert consent.consent_at == datetime.fromisoformat("2026-03-01T10:00:00+03:00")
    assert str(consent.device_id) == kiosk.device and consent.salon_id == kiosk.salon.pk
    # The salon's feed has them from now on.
    changes, _ = kiosk.pull()
    assert any(c["entity"] == "customer" and c["id"] == body["id"] for c in changes)


def test_a_known_phone_is_409_phone_exists_with_the_existing_customer(kiosk):
    existing = make_customer(first="Ayla", phone="0555 123 45 67")  # as typed in upstream's app
    r = kiosk.post("customers/", new_customer_body())
    assert r.status_code == 409
    body = r.json()
    assert body["code"] == "phone_exists" and isinstance(body["detail"], str)
    assert body["customer"]["id"] == str(existing.pk) and body["customer"]["first_name"] == "Ayla"
    assert set(body["customer"]) == CUSTOMER_FIELDS
    assert Customer.objects.count() == 1
    # The consent given at the kiosk is kept, with the customer found.
    assert Consent.objects.get().customer_id == existing.pk


@pytest.mark.parametrize("missing", ["consent_at", "consent_notice"])
def test_a_new_customer_without_consent_is_400(kiosk, missing):
    body = new_customer_body()
    del body[missing]
    r = kiosk.post("customers/", body)
    assert r.status_code == 400
    assert missing in r.json()
    assert Customer.objects.count() == 0


@pytest.mark.parametrize("field,value", [("phone", "0555 123 45 67"), ("phone", "abc"), ("first_name", ""),
                                         ("id", "not-a-uuid"), ("consent_at", "yesterday"),
                                         ("consent_notice", ""), ("consent_notice", "x" * 65)])
def test_bad_customer_fields_are_400_by_field(kiosk, field, value):
    r = kiosk.post("customers/", new_customer_body(**{field: value}))
    assert r.status_code == 400
    assert field in r.json() and isinstance(r.json()[field], list)


# -- appointments ------------------------------------------------------------------


def test_an_appointment_gets_price_end_time_and_confirmed_from_the_server(shop, kiosk):
    customer = make_customer()
    day = day_ahead(shop.salon)
    r = kiosk.book(shop.colour, day, "10:00", employee=shop.ayse, customer=customer, notes="kısa", source="walk_in")
    assert r.status_code == 201, r.content
    a = r.json()
    assert set(a) == APPOINTMENT_FIELDS
    assert (a["price"], a["end_time"], a["status"]) == ("600.00", "11:30:00", "confirmed")
    assert (a["appointment_date"], a["appointment_time"], a["employee"]) == (day, "10:00:00", str(shop.ayse.pk))
    assert (a["source"], a["notes"], a["checked_in_at"]) == ("walk_in", "kısa", None)
    row = Appointment.objects.get(pk=a["id"])
    assert row.salon_id == shop.salon.pk and row.price == Decimal("600.00") and row.confirmed_at is not None
    assert AppointmentExtra.objects.get(appointment=row).source == "walk_in"


def test_any_employee_means_the_first_free_able_one_by_name(shop, kiosk):
    customer = make_customer()
    day = day_ahead(shop.salon)
    first = kiosk.book(shop.cut, day, "10:00", customer=customer).json()
    second = kiosk.book(shop.cut, day, "10:00", customer=customer).json()
    assert first["employee"] == str(shop.ayse.pk)       # Ayşe before Zeynep
    assert second["employee"] == str(shop.zeynep.pk)
    # Kerem cuts but is inactive: nobody is left.
    third = kiosk.book(shop.cut, day, "10:15", customer=customer)
    assert third.status_code == 409
    assert third.json()["code"] == "slot_taken"
    assert sorted(third.json()["conflicts"]) == sorted([first["id"], second["id"]])


def test_an_overlapping_booking_is_409_slot_taken_with_the_conflicts(shop, kiosk):
    customer = make_customer()
    day = day_ahead(shop.salon)
    first = kiosk.book(shop.colour, day, "10:00", employee=shop.ayse, customer=customer).json()
    r = kiosk.book(shop.cut, day, "11:00", employee=shop.ayse, customer=customer)
    assert r.status_code == 409
    body = r.json()
    assert body["code"] == "slot_taken" and body["conflicts"] == [first["id"]] and isinstance(body["detail"], str)
    # Back to back is fine, and a cancelled appointment frees its time.
    assert kiosk.book(shop.cut, day, "11:30", employee=shop.ayse, customer=customer).status_code == 201
    assert kiosk.post("appointments/%s/status/" % first["id"], {"status": "cancelled"}).status_code == 200
    assert kiosk.book(shop.cut, day, "11:00", employee=shop.ayse, customer=customer).status_code == 201


def test_an_appointment_booked_upstream_holds_its_time_too(shop, kiosk):
    customer = make_customer()
    day = day_ahead(shop.salon)
    theirs = Appointment.objects.create(customer=customer, salon=shop.salon, service=shop.cut, employee=shop.zeynep,
                                        appointment_date=datetime.fromisoformat(day).date(),
                                        appointment_time=datetime.strptime("14:00", "%H:%M").time(),
                                        price=Decimal("250.00"))
    r = kiosk.book(shop.cut, day, "14:15", employee=shop.zeynep, customer=customer)
    assert r.status_code == 409 and r.json()["conflicts"] == [str(theirs.pk)]


@pytest.mark.parametrize("case,field", [
    ("past", "appointment_date"), ("closed_hour", "non_field_errors"), ("runs_past_closing", "non_field_errors"),
    ("cannot_do", "employee"), ("unknown_customer", "customer"), ("inactive_service", "service"),
    ("other_salons_service", "service"), ("bad_time", "appointment_time"), ("bad_source", "source")])
def test_refused_bookings_are_400_by_field(shop, kiosk, case, field):
    customer = make_customer()
    day = day_ahead(shop.salon)
    args = dict(service=shop.cut, day=day, at="10:00", employee=None, customer=customer)
    extra = {}
    if case == "past":
        args["day"] = day_ahead(shop.salon, -1)
    elif case == "closed_hour":
        args["at"] = "08:30"
    elif case == "runs_past_closing":
        args.update(service=shop.colour, at="19:00")
    elif case == "cannot_do":
        args.update(service=shop.colour, employee=shop.zeynep)
    elif case == "unknown_customer":
        args["customer"] = SimpleNamespace(pk=new_id())  # no such customer
    elif case == "inactive_service":
        args["service"] = shop.old
    elif case == "other_salons_service":
        args["service"] = make_shop("Öteki").cut
    elif case == "bad_time":
        args["at"] = "25:99"
    elif case == "bad_source":
        extra["source"] = "fax"
    r = kiosk.book(args["service"], args["day"], args["at"], employee=args["employee"],
                   customer=args["customer"], **extra)
    assert r.status_code == 400, r.content
    assert field in r.json()
    assert Appointment.objects.count() == 0


def test_working_hours_of_the_day_decide_over_the_salons(shop, kiosk):
    from datetime import time as clock

    from salons.models import SalonWorkingHours

    customer = make_customer()
    day = day_ahead(shop.salon)
    weekday = datetime.fromisoformat(day).date().weekday()
    SalonWorkingHours.objects.create(salon=shop.salon, day_of_week=weekday, opening_time=clock(12),
                                     closing_time=clock(14))
    assert kiosk.book(shop.cut, day, "10:00", customer=customer).status_code == 400
    assert kiosk.book(shop.cut, day, "13:30", customer=customer).status_code == 201
    SalonWorkingHours.objects.filter(salon=shop.salon, day_of_week=weekday).update(is_closed=True)
    assert kiosk.book(shop.cut, day, "12:00", customer=customer).status_code == 400


def test_check_in_keeps_the_kiosks_time_unless_it_is_in_the_future(shop, kiosk):
    customer = make_customer()
    a = kiosk.book(shop.cut, day_ahead(shop.salon), "10:00", customer=customer).json()
    r = kiosk.post("appointments/%s/check-in/" % a["id"], {"checked_in_at": "2026-03-01T09:55:12+03:00"})
    assert r.status_code == 200
    assert r.json()["checked_in_at"] == "2026-03-01T09:55:12+03:00"
    future = (timezone.now() + timedelta(hours=5)).isoformat()
    before = timezone.now()
    r = kiosk.post("appointments/%s/check-in/" % a["id"], {"checked_in_at": future})
    kept = datetime.fromisoformat(r.json()["checked_in_at"])
    assert before <= kept <= timezone.now()


def test_checking_in_an_appointment_booked_upstream(shop, kiosk):
    customer = make_customer()
    appt = Appointment.objects.create(customer=customer, salon=shop.salon, service=shop.cut,
                                      appointment_date=datetime.fromisoformat(day_ahead(shop.salon)).date(),
                                      appointment_time=datetime.strptime("12:00", "%H:%M").time(),
                                      price=Decimal("250.00"))
    r = kiosk.post("appointments/%s/check-in/" % appt.pk, {"checked_in_at": "2026-03-01T11:58:00+03:00"})
    assert r.status_code == 200
    assert r.json()["source"] == "app" and r.json()["employee"] is None


@pytest.mark.parametrize("status", ["cancelled", "completed", "no_show"])
def test_check_in_after_the_end_is_409_invalid_status(shop, kiosk, status):
    a = kiosk.book(shop.cut, day_ahead(shop.salon), "10:00", customer=make_customer()).json()
    Appointment.objects.filter(pk=a["id"]).update(status=status)
    r = kiosk.post("appointments/%s/check-in/" % a["id"], {"checked_in_at": "2026-03-01T09:55:00+03:00"})
    assert r.status_code == 409
    assert r.json()["code"] == "invalid_status" and r.json()["status"] == status


def test_unknown_or_other_salons_appointments_are_404(shop, kiosk):
    other = enroll(make_shop("Öteki").salon)
    theirs = other.book(other.salon.services.get(name="Kesim"), day_ahead(other.salon), "10:00",
                        customer=make_customer()).json()
    for path in ("appointments/%s/check-in/" % theirs["id"], "appointments/%s/check-in/" % new_id(),
                 "appointments/not-an-id/check-in/"):
        r = kiosk.post(path, {"checked_in_at": "2026-03-01T09:55:00+03:00"})
        assert r.status_code == 404 and set(r.json()) == {"detail"}


@pytest.mark.parametrize("start,to,ok", [
    ("pending", "confirmed", True), ("confirmed", "confirmed", False), ("pending", "completed", True),
    ("confirmed", "cancelled", True), ("confirmed", "no_show", True), ("cancelled", "completed", False),
    ("completed", "cancelled", False), ("no_show", "confirmed", False)])
def test_status_moves(shop, kiosk, start, to, ok):
    a = kiosk.book(shop.cut, day_ahead(shop.salon), "10:00", customer=make_customer()).json()
    Appointment.objects.filter(pk=a["id"]).update(status=start)
    r = kiosk.post("appointments/%s/status/" % a["id"], {"status": to})
    if ok:
        assert r.status_code == 200 and r.json()["status"] == to
    else:
        assert r.status_code == 409
        assert r.json() == {"code": "invalid_status", "detail": r.json()["detail"], "status": start}
    assert Appointment.objects.get(pk=a["id"]).status == (to if ok else start)


def test_a_bad_status_is_400(shop, kiosk):
    a = kiosk.book(shop.cut, day_ahead(shop.salon), "10:00", customer=make_customer()).json()
    r = kiosk.post("appointments/%s/status/" % a["id"], {"status": "pending"})
    assert r.status_code == 400 and "status" in r.json()


def test_completing_earns_points_by_the_servers_rule(shop, kiosk):
    customer = make_customer()
    Customer.objects.filter(pk=customer.pk).update(total_spent=Decimal("400.00"), current_points=3,
                                                   total_points=40, total_visits=2)
    a = kiosk.book(shop.colour, day_ahead(shop.salon), "10:00", customer=customer).json()  # 600.00
    _, cursor = kiosk.pull()
    r = kiosk.post("appointments/%s/status/" % a["id"], {"status": "completed"})
    assert r.status_code == 200 and r.json()["status"] == "completed"
    customer.refresh_from_db()
    assert customer.total_spent == Decimal("1000.00")
    assert (customer.total_visits, customer.current_points, customer.total_points) == (3, 63, 100)
    assert customer.loyalty_level == "platinum"
    entry = PointHistory.objects.get(customer=customer)
    assert entry.points == 60 and "Boya" in entry.reason
    # The new balances reach the kiosk through the feed.
    got = {(c["entity"], c["id"]): c for c in kiosk.feed(cursor)["changes"]}
    c = got[("customer", str(customer.pk))]["data"]
    assert (c["current_points"], c["total_spent"], c["loyalty_level"], c["total_visits"]) == \
        (63, "1000.00", "platinum", 3)
    assert got[("point_entry", str(entry.pk))]["data"]["points"] == 60


# -- walk-ins ----------------------------------------------------------------------


def walkin_body(shop, **kw):
    body = {"id": new_id(), "customer": None, "name": "Mehmet", "phone": "+905051112233",
            "service": str(shop.cut.pk), "preferred_employee": str(shop.zeynep.pk),
            "arrived_at": "2026-03-01T10:00:00+03:00"}
    body.update(CONSENT)
    body.update(kw)
    return body


def test_a_walk_in_waits_and_its_consent_is_kept(shop, kiosk):
    body = walkin_body(shop)
    r = kiosk.post("walkins/", body)
    assert r.status_code == 201, r.content
    w = r.json()
    assert set(w) == WALKIN_FIELDS
    assert (w["status"], w["name"], w["phone"], w["preferred_employee"], w["employee"]) == \
        ("waiting", "Mehmet", "+905051112233", str(shop.zeynep.pk), None)
    assert w["arrived_at"] == "2026-03-01T10:00:00+03:00" and w["called_at"] is None
    consent = Consent.objects.get(walkin_id=body["id"])
    assert consent.notice == "kiosk-kvkk-2026-1" and str(consent.device_id) == kiosk.device


def test_a_walk_in_without_a_customer_needs_consent_and_a_name(shop, kiosk):
    body = walkin_body(shop)
    del body["consent_at"]
    r = kiosk.post("walkins/", body)
    assert r.status_code == 400 and "consent_at" in r.json()
    r = kiosk.post("walkins/", walkin_body(shop, name=""))
    assert r.status_code == 400 and "name" in r.json()
    assert WalkIn.objects.count() == 0


def test_a_known_customers_walk_in_may_come_without_consent_or_with_it(shop, kiosk):
    customer = make_customer()
    body = walkin_body(shop, customer=str(customer.pk), name="")
    del body["consent_at"], body["consent_notice"]
    r = kiosk.post("walkins/", body)
    assert r.status_code == 201 and r.json()["customer"] == str(customer.pk)
    assert Consent.objects.count() == 0
    r = kiosk.post("walkins/", walkin_body(shop, customer=str(customer.pk)))
    assert r.status_code == 201
    assert Consent.objects.get().customer_id == customer.pk
    # The customer is in the salon's feed from their first visit.
    changes, _ = kiosk.pull()
    assert any(c["entity"] == "customer" and c["id"] == str(customer.pk) for c in changes)


@pytest.mark.parametrize("path", [["called", "in_service", "done"], ["in_service", "done"], ["called", "left"],
                                  ["left"]])
def test_walk_in_moves(shop, kiosk, path):
    w = kiosk.post("walkins/", walkin_body(shop)).json()
    for to in path:
        r = kiosk.post("walkins/%s/status/" % w["id"], {"status": to, "employee": str(shop.ayse.pk)})
        assert r.status_code == 200, (to, r.content)
        assert r.json()["status"] == to and r.json()["employee"] == str(shop.ayse.pk)
    final = r.json()
    assert (final["called_at"] is not None) == ("called" in path)
    assert final["finished_at"] is not None
    r = kiosk.post("walkins/%s/status/" % w["id"], {"status": "called", "employee": None})
    assert r.status_code == 409 and r.json()["code"] == "invalid_status" and r.json()["status"] == path[-1]


def test_walk_in_refusals(shop, kiosk):
    w = kiosk.post("walkins/", walkin_body(shop)).json()
    assert kiosk.post("walkins/%s/status/" % w["id"], {"status": "done"}).status_code == 409
    assert kiosk.post("walkins/%s/status/" % w["id"], {"status": "waiting"}).status_code == 400
    assert kiosk.post("walkins/%s/status/" % new_id(), {"status": "called"}).status_code == 404
    r = kiosk.post("walkins/", walkin_body(shop, phone="0505 111 22 33"))
    assert r.status_code == 400 and "phone" in r.json()


# -- loyalty -----------------------------------------------------------------------


def test_a_redemption_is_a_negative_point_entry(shop, kiosk):
    customer = make_customer()
    Customer.objects.filter(pk=customer.pk).update(current_points=50, total_points=50)
    body = {"id": new_id(), "customer": str(customer.pk), "points": 30, "reason": "Ücretsiz fön"}
    r = kiosk.post("loyalty/redemptions/", body)
    assert r.status_code == 201
    assert set(r.json()) == {"id", "customer", "points", "reason", "created_at"}
    assert (r.json()["id"], r.json()["points"], r.json()["reason"]) == (body["id"], -30, "Ücretsiz fön")
    customer.refresh_from_db()
    assert (customer.current_points, customer.total_points) == (20, 50)
    r = kiosk.post("loyalty/redemptions/", dict(body, id=new_id(), points=21))
    assert r.status_code == 409
    assert r.json()["code"] == "insufficient_points" and r.json()["current_points"] == 20
    customer.refresh_from_db()
    assert customer.current_points == 20 and PointHistory.objects.filter(customer=customer).count() == 1


@pytest.mark.parametrize("points", [0, -5, "many", None])
def test_bad_redemptions_are_400(shop, kiosk, points):
    customer = make_customer()
    r = kiosk.post("loyalty/redemptions/", {"id": new_id(), "customer": str(customer.pk), "points": points,
                                            "reason": "x"})
    assert r.status_code == 400 and "points" in r.json()


# -- Idempotency-Key ---------------------------------------------------------------


def test_a_repeat_gets_the_first_answer_byte_for_byte(shop, kiosk):
    customer = make_customer()
    body = {"id": new_id(), "customer": str(customer.pk), "service": str(shop.cut.pk), "employee": None,
            "appointment_date": day_ahead(shop.salon), "appointment_time": "10:00", "notes": "", "source": "kiosk"}
    key = str(uuid.uuid4())
    first = kiosk.post("appointments/", body, key=key)
    # The same key unquoted, the same JSON with its keys in another order.
    again = kiosk.client.post("/api/kiosk/v1/appointments/", json.dumps(dict(reversed(list(body.items())))),
                              content_type="application/json", HTTP_IDEMPOTENCY_KEY=key.upper())
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.content == first.content
    assert Appointment.objects.count() == 1
    # A refusal is the key's answer as well.
    taken = dict(body, id=new_id(), employee=first.json()["employee"])
    key2 = str(uuid.uuid4())
    r1 = kiosk.post("appointments/", taken, key=key2)
    r2 = kiosk.post("appointments/", taken, key=key2)
    assert r1.status_code == r2.status_code == 409 and r1.content == r2.content


def test_the_same_key_with_another_body_is_422(shop, kiosk):
    key = str(uuid.uuid4())
    assert kiosk.post("customers/", new_customer_body(), key=key).status_code == 201
    r = kiosk.post("customers/", new_customer_body(first_name="Başka"), key=key)
    assert r.status_code == 422 and r.json()["code"] == "idempotency_key_reused"
    assert Customer.objects.count() == 1


def test_keys_are_per_device(shop, kiosk):
    other = enroll(shop.salon, "Ön masa 2")
    key = str(uuid.uuid4())
    assert kiosk.post("customers/", new_customer_body(), key=key).status_code == 201
    r = other.post("customers/", new_customer_body(phone="+905559998877"), key=key)
    assert r.status_code == 201


@pytest.mark.parametrize("header", [None, "", "abc", '"not-a-uuid"'])
def test_a_missing_or_bad_key_is_400(shop, kiosk, header):
    kw = {} if header is None else {"HTTP_IDEMPOTENCY_KEY": header}
    r = kiosk.client.post("/api/kiosk/v1/customers/", json.dumps(new_customer_body()),
                          content_type="application/json", **kw)
    assert r.status_code == 400 and "idempotency_key" in r.json()
    assert Customer.objects.count() == 0


def test_a_key_in_progress_is_409_request_in_progress(shop, kiosk):
    key = uuid.uuid4()
    body = new_customer_body()
    from salonity_kiosk import idempotency

    now = timezone.now()
    IdempotencyRecord.objects.create(device_id=kiosk.device, key=key, state="processing", claim=uuid.uuid4(),
                                     fingerprint=idempotency.fingerprint(_fake_request(body)),
                                     created_at=now, updated_at=now)
    r = kiosk.post("customers/", body, key=str(key))
    assert r.status_code == 409 and r.json()["code"] == "request_in_progress"
    assert Customer.objects.count() == 0
    # A worker that died long ago: its claim is taken over by the retry.
    IdempotencyRecord.objects.filter(key=key).update(updated_at=now - timedelta(minutes=10))
    r = kiosk.post("customers/", body, key=str(key))
    assert r.status_code == 201 and Customer.objects.count() == 1


class _fake_request:
    method = "POST"
    path = "/api/kiosk/v1/customers/"

    def __init__(self, body):
        self.body = json.dumps(body).encode("utf-8")


def test_a_5xx_is_never_stored_and_the_retry_runs_again(shop, kiosk, monkeypatch):
    key = str(uuid.uuid4())
    body = new_customer_body()
    real = operations.create_customer
    calls = []

    def failing(device, data):
        calls.append(1)
        real(device, data)  # writes, then the server fails before answering
        raise RuntimeError("disk full")

    monkeypatch.setattr(operations, "create_customer", failing)
    kiosk.client.raise_request_exception = False
    r = kiosk.post("customers/", body, key=key)
    assert r.status_code == 500
    assert Customer.objects.count() == 0           # rolled back
    assert not IdempotencyRecord.objects.filter(key=key).exists()
    monkeypatch.setattr(operations, "create_customer", real)
    r = kiosk.post("customers/", body, key=key)
    assert r.status_code == 201 and Customer.objects.count() == 1 and calls == [1]


# -- throttle ----------------------------------------------------------------------


def test_appointment_creation_is_ten_a_minute_per_device_with_retry_after(shop, kiosk, settings):
    settings.KIOSK_THROTTLE_RATES = {"kiosk_appointment_create": "10/min", "kiosk_write": "120/min",
                                     "kiosk_read": "600/min", "kiosk_enroll": "100/min"}
    caches["default"].clear()
    customer = make_customer()
    day = day_ahead(shop.salon)
    statuses = [kiosk.book(shop.cut, day, "%02d:00" % (9 + i), employee=shop.ayse, customer=customer).status_code
                for i in range(11)]
    assert statuses == [201] * 10 + [429]
    r = kiosk.book(shop.cut, day, "19:30", employee=shop.ayse, customer=customer)
    assert r.status_code == 429
    assert 1 <= int(r["Retry-After"]) <= 60 and set(r.json()) == {"detail"}
    # Another device of the salon has its own allowance; other uploads too.
    other = enroll(shop.salon, "Ön masa 2")
    assert other.book(shop.cut, day, "19:30", employee=shop.ayse, customer=customer).status_code == 201
    assert kiosk.post("customers/", new_customer_body()).status_code == 201
