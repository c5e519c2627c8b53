# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The loyalty rules of today's Customer (docs/kiosk-api.md §2), as stored."""

from decimal import Decimal

import pytest

from customers.models import Customer, PointHistory
from hostutil import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def customer():
    c, _ = make_customer("irem", "+905551234567")
    return c


@pytest.mark.parametrize("spent, level", [
    ("0.00", "bronze"), ("199.99", "bronze"), ("200.00", "silver"), ("499.99", "silver"),
    ("500.00", "gold"), ("999.99", "gold"), ("1000.00", "platinum"), ("25000.00", "platinum"),
])
def test_level_follows_total_spent(customer, spent, level):
    customer.total_spent = Decimal(spent)
    customer.update_loyalty_level()
    assert Customer.objects.get(id=customer.id).loyalty_level == level


def test_a_level_can_go_down_when_spending_is_corrected(customer):
    customer.total_spent = Decimal("1200")
    customer.update_loyalty_level()
    customer.total_spent = Decimal("350")
    customer.update_loyalty_level()
    assert Customer.objects.get(id=customer.id).loyalty_level == "silver"


def test_add_points_credits_both_balances_and_keeps_history(customer):
    customer.add_points(65, "Tamamlanan randevu")
    customer.add_points(40, "Kampanya")
    stored = Customer.objects.get(id=customer.id)
    assert (stored.total_points, stored.current_points) == (105, 105)
    history = sorted(PointHistory.objects.filter(customer=customer).values_list("points", "reason"))
    assert history == [(40, "Kampanya"), (65, "Tamamlanan randevu")]


def test_points_alone_never_raise_the_level(customer):
    customer.add_points(10000, "Hediye")
    assert Customer.objects.get(id=customer.id).loyalty_level == "bronze"


def test_use_points_spends_the_current_balance_only(customer):
    customer.add_points(120, "Tamamlanan randevu")
    assert customer.use_points(50, "Puan kullanımı: hizmet indirimi") is True
    stored = Customer.objects.get(id=customer.id)
    assert (stored.total_points, stored.current_points) == (120, 70)
    assert PointHistory.objects.filter(customer=customer, points=-50).count() == 1


def test_use_points_refuses_more_than_the_balance_and_changes_nothing(customer):
    customer.add_points(30, "Tamamlanan randevu")
    assert customer.use_points(31, "Puan kullanımı") is False
    stored = Customer.objects.get(id=customer.id)
    assert (stored.total_points, stored.current_points) == (30, 30)
    assert PointHistory.objects.filter(customer=customer).count() == 1


def test_new_customer_starts_at_bronze_with_nothing(customer):
    stored = Customer.objects.get(id=customer.id)
    assert (stored.loyalty_level, stored.total_points, stored.current_points,
            stored.total_spent, stored.total_visits) == ("bronze", 0, 0, Decimal("0.00"), 0)
