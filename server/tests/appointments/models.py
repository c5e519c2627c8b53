# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Appointments and their reviews.

Reproduces kesknahmet/salonity at f9997ef (appointments/models.py): same
names, fields, types, choices and related names; save() fills end_time from
the service's duration when it is empty, as upstream does. Written anew,
not copied.
"""

import uuid
from datetime import date, datetime, timedelta

from django.db import models

from customers.models import Customer
from salons.models import Salon, SalonEmployee
from services.models import Service


class Appointment(models.Model):
    STATUS_CHOICES = [
        ("pending", "Beklemede"),
        ("confirmed", "Onaylandı"),
        ("completed", "Tamamlandı"),
        ("cancelled", "İptal Edildi"),
        ("no_show", "Gelmedi"),
    ]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="appointments")
    salon = models.ForeignKey(Salon, on_delete=models.CASCADE, related_name="appointments")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="appointments")
    employee = models.ForeignKey(SalonEmployee, on_delete=models.CASCADE,
                                 related_name="appointments", null=True, blank=True)

    appointment_date = models.DateField("Randevu Tarihi")
    appointment_time = models.TimeField("Randevu Saati")
    end_time = models.TimeField("Bitiş Saati", null=True, blank=True)

    status = models.CharField("Durum", max_length=20, choices=STATUS_CHOICES, default="pending")
    notes = models.TextField("Notlar", blank=True)
    customer_notes = models.TextField("Müşteri Notları", blank=True)

    price = models.DecimalField("Fiyat", max_digits=10, decimal_places=2)

    created_at = models.DateTimeField("Oluşturulma Tarihi", auto_now_add=True)
    updated_at = models.DateTimeField("Güncellenme Tarihi", auto_now=True)
    confirmed_at = models.DateTimeField("Onaylanma Tarihi", null=True, blank=True)
    completed_at = models.DateTimeField("Tamamlanma Tarihi", null=True, blank=True)

    class Meta:
        verbose_name = "Randevu"
        verbose_name_plural = "Randevular"
        ordering = ["-appointment_date", "-appointment_time"]

    def __str__(self):
        return "%s - %s - %s %s" % (self.customer, self.salon.name, self.appointment_date,
                                    self.appointment_time)

    def save(self, *args, **kwargs):
        if not self.end_time and self.service_id:
            # Upstream adds the duration on an arbitrary day and keeps the
            # time, so a late appointment wraps past midnight; so does this.
            start = datetime.combine(date(2000, 1, 1), self.appointment_time)
            self.end_time = (start + timedelta(minutes=self.service.duration)).time()
        super().save(*args, **kwargs)


class AppointmentReview(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    appointment = models.OneToOneField(Appointment, on_delete=models.CASCADE,
                                       related_name="review")
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="reviews")
    salon = models.ForeignKey(Salon, on_delete=models.CASCADE, related_name="reviews")

    rating = models.IntegerField("Puan", choices=[(i, i) for i in range(1, 6)])
    comment = models.TextField("Yorum", blank=True)
    salon_response = models.TextField("Salon Yanıtı", blank=True)

    created_at = models.DateTimeField("Değerlendirme Tarihi", auto_now_add=True)
    updated_at = models.DateTimeField("Güncellenme Tarihi", auto_now=True)

    class Meta:
        verbose_name = "Randevu Değerlendirmesi"
        verbose_name_plural = "Randevu Değerlendirmeleri"
        ordering = ["-created_at"]

    def __str__(self):
        return "%s - %s - %s/5" % (self.customer, self.salon.name, self.rating)
