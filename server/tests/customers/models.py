# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Customers and their loyalty points.

Reproduces kesknahmet/salonity at f9997ef (customers/models.py): same names,
fields, types, choices and related names, and the same loyalty behaviour
(docs/kiosk-api.md §2): add_points/use_points keep both balances and a
PointHistory row; update_loyalty_level follows total_spent (bronze from 0,
silver from 200, gold from 500, platinum from 1000 TRY). Written anew, not
copied.
"""

import uuid
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import models

# (threshold in TRY of total_spent, level), highest first.
LOYALTY_THRESHOLDS = [
    (Decimal("1000"), "platinum"),
    (Decimal("500"), "gold"),
    (Decimal("200"), "silver"),
    (Decimal("0"), "bronze"),
]


def loyalty_level_for(total_spent):
    spent = Decimal(total_spent)
    for threshold, level in LOYALTY_THRESHOLDS:
        if spent >= threshold:
            return level
    return "bronze"


class Customer(models.Model):
    LOYALTY_LEVELS = [
        ("bronze", "Bronz"),
        ("silver", "Gümüş"),
        ("gold", "Altın"),
        ("platinum", "Platin"),
    ]
    GENDERS = [("male", "Erkek"), ("female", "Kadın"), ("other", "Diğer")]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="customer_profile")
    phone = models.CharField("Telefon", max_length=20, blank=True)
    birth_date = models.DateField("Doğum Tarihi", null=True, blank=True)
    gender = models.CharField("Cinsiyet", max_length=10, choices=GENDERS, blank=True)
    address = models.TextField("Adres", blank=True)
    city = models.CharField("Şehir", max_length=100, blank=True)
    district = models.CharField("İlçe", max_length=100, blank=True)
    profile_image = models.ImageField("Profil Fotoğrafı", upload_to="customer_profiles/",
                                      blank=True)

    loyalty_level = models.CharField("Sadakat Seviyesi", max_length=20, choices=LOYALTY_LEVELS,
                                     default="bronze")
    total_points = models.IntegerField("Toplam Puan", default=0)
    current_points = models.IntegerField("Mevcut Puan", default=0)
    total_spent = models.DecimalField("Toplam Harcama", max_digits=10, decimal_places=2,
                                      default=0.00)
    total_visits = models.IntegerField("Toplam Ziyaret", default=0)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Müşteri"
        verbose_name_plural = "Müşteriler"
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.user)

    def add_points(self, points, reason=""):
        """Credit points (both balances), record why, then re-rank."""
        self.current_points += points
        self.total_points += points
        self.save()
        PointHistory.objects.create(customer=self, points=points, reason=reason)
        self.update_loyalty_level()

    def use_points(self, points, reason=""):
        """Spend points if the balance allows; the history keeps a negative row.
        Returns False, changing nothing, when it does not."""
        if self.current_points < points:
            return False
        self.current_points -= points
        self.save()
        PointHistory.objects.create(customer=self, points=-points, reason=reason)
        return True

    def update_loyalty_level(self):
        """The level follows total_spent alone, never the points."""
        self.loyalty_level = loyalty_level_for(self.total_spent)
        self.save()


class PointHistory(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="point_history")
    points = models.IntegerField("Puan")
    reason = models.CharField("Sebep", max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Puan Geçmişi"
        verbose_name_plural = "Puan Geçmişleri"
        ordering = ["-created_at"]

    def __str__(self):
        return "%s - %s puan - %s" % (self.customer, self.points, self.reason)
