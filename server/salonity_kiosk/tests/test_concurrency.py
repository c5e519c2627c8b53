# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""What must hold when requests race (§3.3), on PostgreSQL with real
threads, each on its own connection, released together by a barrier, 50
rounds each: one slot is booked once, a balance never goes below zero, one
Idempotency-Key makes one row."""

import uuid
from datetime import datetime, timedelta

import pytest

from appointments.models import Appointment
from customers.models import Customer, PointHistory
from salonity_kiosk.models import IdempotencyRecord
from salonity_kiosk.tests.util import (CONSENT, Kiosk, enroll, make_customer, make_shop, new_id, run_threads,
                                       salon_today)

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 50


def slot(salon, n):
    """The n-th half-hour slot from a week ahead, within 09:00-20:00."""
    day = salon_today(salon) + timedelta(days=7 + n // 20)
    at = (datetime(2000, 1, 1, 9) + timedelta(minutes=30 * (n % 20))).strftime("%H:%M")
    return day.isoformat(), at


def twin(kiosk):
    """The same device on another client (another thread's connection)."""
    return Kiosk(kiosk.salon, kiosk.token, kiosk.device)


def test_two_kiosks_booking_one_slot_at_once_make_exactly_one_booking():
    shop = make_shop()
    customer = make_customer()
    first, second = enroll(shop.salon, "Ön masa 1"), enroll(shop.salon, "Ön masa 2")
    for n in range(ROUNDS):
        day, at = slot(shop.salon, n)
        a, b = twin(first), twin(second)
        results = run_threads(lambda: a.book(shop.cut, day, at, employee=shop.ayse, customer=customer),
                              lambda: b.book(shop.cut, day, at, employee=shop.ayse, customer=customer))
        statuses = sorted(r.status_code for r in results)
        assert statuses == [201, 409], (n, [r.content for r in results])
        won = next(r for r in results if r.status_code == 201).json()
        lost = next(r for r in results if r.status_code == 409).json()
        assert lost["code"] == "slot_taken" and lost["conflicts"] == [won["id"]]
        assert Appointment.objects.filter(employee=shop.ayse, appointment_date=day,
                                          appointment_time=at + ":00").count() == 1


def test_three_any_employee_bookings_at_once_fill_the_two_able_employees():
    shop = make_shop()
    customer = make_customer()
    kiosks = [enroll(shop.salon, "Ön masa %d" % i) for i in range(3)]
    for n in range(ROUNDS):
        day, at = slot(shop.salon, n)
        clients = [twin(k) for k in kiosks]
        results = run_threads(*[(lambda c=c: c.book(shop.cut, day, at, customer=customer)) for c in clients])
        assert sorted(r.status_code for r in results) == [201, 201, 409], n
        employees = {r.json()["employee"] for r in results if r.status_code == 201}
        assert employees == {str(shop.ayse.pk), str(shop.zeynep.pk)}


def test_concurrent_redemptions_never_take_the_balance_below_zero():
    shop = make_shop()
    customer = make_customer()
    kiosks = [enroll(shop.salon, "Ön masa %d" % i) for i in range(3)]
    for n in range(ROUNDS):
        Customer.objects.filter(pk=customer.pk).update(current_points=10)
        clients = [twin(k) for k in kiosks]
        results = run_threads(*[
            (lambda c=c: c.post("loyalty/redemptions/", {"id": new_id(), "customer": str(customer.pk), "points": 4,
                                                          "reason": "Tur %d" % n}))
            for c in clients])
        assert sorted(r.status_code for r in results) == [201, 201, 409], n
        refused = next(r for r in results if r.status_code == 409).json()
        assert refused["code"] == "insufficient_points" and refused["current_points"] == 2
        assert Customer.objects.get(pk=customer.pk).current_points == 2
    assert PointHistory.objects.filter(customer=customer).count() == 2 * ROUNDS


def test_one_idempotency_key_sent_twice_at_once_makes_one_row():
    shop = make_shop()
    kiosk = enroll(shop.salon)
    for n in range(ROUNDS):
        key = str(uuid.uuid4())
        body = {"id": new_id(), "first_name": "Eş", "last_name": "Zamanlı", "phone": "+90555000%04d" % n}
        body.update(CONSENT)
        a, b = twin(kiosk), twin(kiosk)
        results = run_threads(lambda: a.post("customers/", body, key=key), lambda: b.post("customers/", body, key=key))
        assert Customer.objects.filter(pk=body["id"]).count() == 1
        assert IdempotencyRecord.objects.filter(key=key).count() == 1
        created = [r for r in results if r.status_code == 201]
        busy = [r for r in results if r.status_code == 409]
        assert created and len(created) + len(busy) == 2, [r.content for r in results]
        assert all(r.json()["code"] == "request_in_progress" for r in busy)
        assert len({r.content for r in created}) == 1
        # Once done, every repeat is the first answer.
        assert a.post("customers/", body, key=key).content == created[0].content
