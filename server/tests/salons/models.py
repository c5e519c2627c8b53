# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Salons, their staff and opening hours.

Reproduces kesknahmet/salonity at f9997ef (salons/models.py): the same model
names, fields, types, choices and related names, so that salonity_kiosk is
tested against the schema it will meet in the real backend. Written anew,
not copied.
"""

import uuid

from django.contrib.auth.models import User
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Salon(models.Model):
    SALON_TYPES = [
        ("kuafor", "Kuaför"),
        ("berber", "Berber"),
        ("guzellik_salonu", "Güzellik Salonu"),
        ("spa", "Spa & Masaj"),
        ("manikur", "Manikür & Pedikür"),
        ("diger", "Diğer"),
    ]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="owned_salons")
    name = models.CharField("Salon Adı", max_length=200)
    salon_type = models.CharField("Salon Türü", max_length=20, choices=SALON_TYPES)
    description = models.TextField("Açıklama", blank=True)
    address = models.TextField("Adres")
    city = models.CharField("Şehir", max_length=100)
    district = models.CharField("İlçe", max_length=100)
    phone = models.CharField("Telefon", max_length=20)
    email = models.EmailField("E-posta", blank=True)
    website = models.URLField("Web Sitesi", blank=True)

    opening_time = models.TimeField("Açılış Saati")
    closing_time = models.TimeField("Kapanış Saati")

    rating = models.DecimalField("Ortalama Puan", max_digits=3, decimal_places=2, default=0.00)
    total_reviews = models.IntegerField("Toplam Değerlendirme", default=0)
    is_active = models.BooleanField("Aktif", default=True)
    is_verified = models.BooleanField("Doğrulanmış", default=False)

    logo = models.ImageField("Logo", upload_to="salon_logos/", blank=True)
    cover_image = models.ImageField("Kapak Fotoğrafı", upload_to="salon_covers/", blank=True)

    instagram = models.URLField("Instagram", blank=True)
    facebook = models.URLField("Facebook", blank=True)

    created_at = models.DateTimeField("Oluşturulma Tarihi", auto_now_add=True)
    updated_at = models.DateTimeField("Güncellenme Tarihi", auto_now=True)

    class Meta:
        verbose_name = "Salon"
        verbose_name_plural = "Salonlar"
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    def get_average_rating(self):
        return self.rating if self.total_reviews > 0 else 0.00


class SalonEmployee(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    salon = models.ForeignKey(Salon, on_delete=models.CASCADE, related_name="employees")
    name = models.CharField("Ad Soyad", max_length=100)
    position = models.CharField("Pozisyon", max_length=100)
    phone = models.CharField("Telefon", max_length=20, blank=True)
    email = models.EmailField("E-posta", blank=True)
    bio = models.TextField("Hakkında", blank=True)
    photo = models.ImageField("Fotoğraf", upload_to="employee_photos/", blank=True)
    is_active = models.BooleanField("Aktif", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Salon Çalışanı"
        verbose_name_plural = "Salon Çalışanları"

    def __str__(self):
        return "%s - %s" % (self.name, self.salon.name)


class SalonWorkingHours(models.Model):
    # 0 = Monday, as Python's date.weekday() and docs/kiosk-api.md §2.
    DAYS_OF_WEEK = [
        (0, "Pazartesi"),
        (1, "Salı"),
        (2, "Çarşamba"),
        (3, "Perşembe"),
        (4, "Cuma"),
        (5, "Cumartesi"),
        (6, "Pazar"),
    ]

    salon = models.ForeignKey(Salon, on_delete=models.CASCADE, related_name="working_hours")
    day_of_week = models.IntegerField("Gün", choices=DAYS_OF_WEEK)
    opening_time = models.TimeField("Açılış Saati")
    closing_time = models.TimeField("Kapanış Saati")
    is_closed = models.BooleanField("Kapalı", default=False)

    class Meta:
        verbose_name = "Çalışma Saati"
        verbose_name_plural = "Çalışma Saatleri"
        unique_together = ["salon", "day_of_week"]

    def __str__(self):
        day = dict(self.DAYS_OF_WEEK)[int(self.day_of_week)]
        if self.is_closed:
            return "%s - %s (Kapalı)" % (self.salon.name, day)
        return "%s - %s (%s-%s)" % (self.salon.name, day, self.opening_time, self.closing_time)


def _usable(obj, today):
    return (obj.is_active and obj.start_date <= today <= obj.end_date
            and (obj.max_usage is None or obj.current_usage < obj.max_usage))


class Campaign(models.Model):
    CAMPAIGN_TYPES = [
        ("discount", "İndirim"),
        ("free_service", "Ücretsiz Hizmet"),
        ("bonus_points", "Bonus Puan"),
        ("loyalty_discount", "Sadakat İndirimi"),
    ]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    salon = models.ForeignKey(Salon, on_delete=models.CASCADE, related_name="campaigns")
    name = models.CharField("Kampanya Adı", max_length=200)
    description = models.TextField("Açıklama")
    campaign_type = models.CharField("Kampanya Türü", max_length=20, choices=CAMPAIGN_TYPES)

    discount_percentage = models.IntegerField(
        "İndirim Yüzdesi", null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)])
    discount_amount = models.DecimalField("İndirim Tutarı", max_digits=10, decimal_places=2,
                                          null=True, blank=True)
    bonus_points = models.IntegerField("Bonus Puan", null=True, blank=True)

    start_date = models.DateField("Başlangıç Tarihi")
    end_date = models.DateField("Bitiş Tarihi")

    max_usage = models.IntegerField("Maksimum Kullanım", null=True, blank=True)
    current_usage = models.IntegerField("Mevcut Kullanım", default=0)

    is_active = models.BooleanField("Aktif", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Kampanya"
        verbose_name_plural = "Kampanyalar"
        ordering = ["-created_at"]

    def __str__(self):
        return "%s - %s" % (self.salon.name, self.name)

    def is_valid(self):
        from datetime import date

        return _usable(self, date.today())


class Coupon(models.Model):
    COUPON_TYPES = [
        ("percentage", "Yüzde İndirim"),
        ("fixed", "Sabit İndirim"),
        ("free_service", "Ücretsiz Hizmet"),
    ]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    salon = models.ForeignKey(Salon, on_delete=models.CASCADE, related_name="coupons")
    code = models.CharField("Kupon Kodu", max_length=20, unique=True)
    name = models.CharField("Kupon Adı", max_length=200)
    description = models.TextField("Açıklama")
    coupon_type = models.CharField("Kupon Türü", max_length=20, choices=COUPON_TYPES)

    discount_percentage = models.IntegerField(
        "İndirim Yüzdesi", null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)])
    discount_amount = models.DecimalField("İndirim Tutarı", max_digits=10, decimal_places=2,
                                          null=True, blank=True)
    minimum_amount = models.DecimalField("Minimum Tutar", max_digits=10, decimal_places=2,
                                         null=True, blank=True)

    start_date = models.DateField("Başlangıç Tarihi")
    end_date = models.DateField("Bitiş Tarihi")

    max_usage = models.IntegerField("Maksimum Kullanım", null=True, blank=True)
    current_usage = models.IntegerField("Mevcut Kullanım", default=0)

    is_active = models.BooleanField("Aktif", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Kupon"
        verbose_name_plural = "Kuponlar"
        ordering = ["-created_at"]

    def __str__(self):
        return "%s - %s" % (self.code, self.name)

    def is_valid(self):
        from datetime import date

        return _usable(self, date.today())
