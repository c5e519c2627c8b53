# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""seed_demo_salon makes the believable Kadıköy salon the kiosk's demo shows,
the same for the same seed, with bookings around the given day."""

import re
import uuid
from collections import defaultdict
from datetime import datetime, timedelta

import pytest
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from appointments.models import Appointment
from customers.models import Customer, PointHistory, loyalty_level_for
from hostutil import FIXED_TODAY, seed
from salons.models import Salon
from services.models import ServiceEmployee

pytestmark = pytest.mark.django_db

E164_TR_MOBILE = re.compile(r"^\+905\d{9}$")


@pytest.fixture
def seeded():
    out, err = seed("--seed", "5", "--today", FIXED_TODAY.isoformat(), "--customers", "200")
    return Salon.objects.get(id=out), out, err


def test_prints_only_the_salon_id(seeded):
    salon, out, err = seeded
    assert str(uuid.UUID(out)) == out == str(salon.id)
    assert "200 customers" in err


def test_the_salon_as_the_kiosk_demo_has_it(seeded):
    salon, _, _ = seeded
    assert (salon.name, salon.district, salon.city, salon.phone) == (
        "Moda Güzellik & Kuaför", "Kadıköy", "İstanbul", "+902163301442")
    assert salon.owner.is_staff and not salon.owner.is_superuser
    hours = {h.day_of_week: h for h in salon.working_hours.all()}
    assert [d for d, h in hours.items() if h.is_closed] == [6]    # Sunday
    assert str(hours[5].closing_time) == "18:00:00"
    assert salon.employees.count() == 6
    services = salon.services.all()
    assert 12 <= services.filter(is_active=True).count() <= 14
    assert {s.category.name for s in services} == {"Saç", "Renk", "Bakım", "Tırnak"}
    # Every employee does something, and only what they are linked to.
    for emp in salon.employees.all():
        assert emp.services.exists(), emp.name


def test_customers_have_turkish_names_and_mobile_numbers(seeded):
    customers = list(Customer.objects.select_related("user"))
    assert len(customers) == 200
    phones = [c.phone for c in customers]
    assert all(E164_TR_MOBILE.match(p) for p in phones), phones[:5]
    assert len(set(phones)) == 200
    letters = set("".join(c.user.first_name + c.user.last_name for c in customers))
    assert {"İ", "ı", "ş", "ğ", "ü", "ö", "ç"} <= letters


def test_bookings_lie_around_today_within_hours_without_overlap(seeded):
    salon, _, _ = seeded
    appts = list(Appointment.objects.filter(salon=salon).select_related("service"))
    dates = {a.appointment_date for a in appts}
    assert min(dates) == FIXED_TODAY - timedelta(days=14)
    # Seven days from Monday the 16th, today included: the 22nd is a Sunday.
    assert max(dates) == FIXED_TODAY + timedelta(days=5)
    assert all(d.weekday() != 6 for d in dates)          # closed on Sundays
    hours = {h.day_of_week: h for h in salon.working_hours.all()}
    can_do = set(ServiceEmployee.objects.values_list("employee_id", "service_id"))
    per_day = defaultdict(list)
    for a in appts:
        h = hours[a.appointment_date.weekday()]
        assert h.opening_time <= a.appointment_time and a.end_time <= h.closing_time
        start = datetime.combine(a.appointment_date, a.appointment_time)
        assert (start + timedelta(minutes=a.service.duration)).time() == a.end_time
        assert (a.employee_id, a.service_id) in can_do
        assert a.service.is_active and a.price == a.service.price
        per_day[(a.employee_id, a.appointment_date)].append((a.appointment_time, a.end_time))
    for slots in per_day.values():
        slots.sort()
        for (_, end), (start, _) in zip(slots, slots[1:]):
            assert end <= start
    today = [a for a in appts if a.appointment_date == FIXED_TODAY]
    assert len(today) >= 20                               # a busy Monday


def test_past_is_settled_and_future_is_booked(seeded):
    past = Appointment.objects.filter(appointment_date__lt=FIXED_TODAY)
    ahead = Appointment.objects.filter(appointment_date__gte=FIXED_TODAY)
    assert set(past.values_list("status", flat=True)) == {"completed", "cancelled", "no_show"}
    assert set(ahead.values_list("status", flat=True)) == {"pending", "confirmed"}
    assert past.filter(status="completed").count() > past.exclude(status="completed").count()
    start_of_today = timezone.make_aware(datetime.combine(FIXED_TODAY, datetime.min.time()))
    assert not Appointment.objects.filter(created_at__gte=start_of_today).exists()


def test_loyalty_follows_the_service_rules(seeded):
    customers = list(Customer.objects.all())
    for c in customers:
        entries = PointHistory.objects.filter(customer=c)
        assert (entries.aggregate(s=Sum("points"))["s"] or 0) == c.current_points
        assert (entries.filter(points__gt=0).aggregate(s=Sum("points"))["s"] or 0) \
            == c.total_points
        assert c.loyalty_level == loyalty_level_for(c.total_spent)
        assert 0 <= c.current_points <= c.total_points
        assert c.total_points == int(c.total_spent // 10)   # a point per 10 TRY
    levels = {c.loyalty_level for c in customers}
    assert levels == {"bronze", "silver", "gold", "platinum"}
    # A completed visit in the window shows in the history on its day.
    done = Appointment.objects.filter(status="completed").first()
    assert PointHistory.objects.filter(customer=done.customer, reason="Tamamlanan randevu",
                                       created_at__date=done.appointment_date).exists()


def fingerprint():
    return (
        list(Salon.objects.values_list("id", "name", "rating")),
        list(Customer.objects.order_by("id").values_list(
            "id", "user__first_name", "user__last_name", "phone", "total_spent")),
        list(Appointment.objects.order_by("id").values_list(
            "id", "employee__name", "appointment_date", "appointment_time", "status")),
        list(PointHistory.objects.order_by("id").values_list("id", "points", "created_at")),
    )


def seeded_fingerprint(seed_number):
    with transaction.atomic():
        seed("--seed", str(seed_number), "--today", FIXED_TODAY.isoformat(),
             "--customers", "30", "--days-before", "2", "--days-ahead", "2")
        fp = fingerprint()
        transaction.set_rollback(True)
    return fp


def test_same_seed_same_salon_other_seed_other_salon():
    first = seeded_fingerprint(3)
    assert first == seeded_fingerprint(3)
    other = seeded_fingerprint(4)
    assert other[0][0][0] != first[0][0][0]
    assert [c[1:4] for c in other[1]] != [c[1:4] for c in first[1]]


def test_seeding_again_changes_nothing():
    a, _ = seed("--seed", "8", "--today", FIXED_TODAY.isoformat(), "--customers", "20")
    counts = (Customer.objects.count(), Appointment.objects.count(), PointHistory.objects.count())
    b, err = seed("--seed", "8", "--today", FIXED_TODAY.isoformat(), "--customers", "20")
    assert a == b and "already" in err
    assert counts == (Customer.objects.count(), Appointment.objects.count(),
                      PointHistory.objects.count())


def test_two_seeds_live_side_by_side():
    a, _ = seed("--seed", "21", "--today", FIXED_TODAY.isoformat(), "--customers", "20")
    b, _ = seed("--seed", "22", "--today", FIXED_TODAY.isoformat(), "--customers", "20")
    assert a != b
    assert Salon.objects.count() == 2 and Customer.objects.count() == 40


def test_bad_today_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        seed("--today", "16.03.2026")
