# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Service categories, a salon's services and who performs them.

Reproduces kesknahmet/salonity at f9997ef (services/models.py): same names,
fields, types and related names. Written anew, not copied.
"""

import uuid

from django.db import models

from salons.models import Salon, SalonEmployee


class ServiceCategory(models.Model):
    # Categories are global in upstream (no salon), shared by every salon.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField("Kategori Adı", max_length=100)
    description = models.TextField("Açıklama", blank=True)
    icon = models.CharField("İkon (FontAwesome)", max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Hizmet Kategorisi"
        verbose_name_plural = "Hizmet Kategorileri"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Service(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    salon = models.ForeignKey(Salon, on_delete=models.CASCADE, related_name="services")
    category = models.ForeignKey(ServiceCategory, on_delete=models.CASCADE,
                                 related_name="services")
    name = models.CharField("Hizmet Adı", max_length=200)
    description = models.TextField("Açıklama", blank=True)
    price = models.DecimalField("Fiyat", max_digits=10, decimal_places=2)
    duration = models.IntegerField("Süre (Dakika)")
    is_active = models.BooleanField("Aktif", default=True)
    image = models.ImageField("Hizmet Görseli", upload_to="service_images/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Hizmet"
        verbose_name_plural = "Hizmetler"
        ordering = ["category", "name"]

    def __str__(self):
        return "%s - %s" % (self.salon.name, self.name)


class ServiceEmployee(models.Model):
    # Note the related names: service.employees and employee.services are
    # rows of this table, not the other side's objects.
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="employees")
    employee = models.ForeignKey(SalonEmployee, on_delete=models.CASCADE,
                                 related_name="services")
    is_available = models.BooleanField("Müsait", default=True)

    class Meta:
        verbose_name = "Hizmet Çalışanı"
        verbose_name_plural = "Hizmet Çalışanları"
        unique_together = ["service", "employee"]

    def __str__(self):
        return "%s - %s" % (self.service.name, self.employee.name)
