# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Appointments as upstream's customer app books and lists them."""

from django.utils import timezone
from rest_framework import serializers

from .models import Appointment


class AppointmentCreateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Appointment
        fields = ["salon", "service", "employee", "appointment_date", "appointment_time",
                  "notes", "customer_notes"]

    def validate(self, data):
        # Upstream's two rules, and only those: no past date (by the service's
        # own date, Istanbul's), and a chosen employee must do the service.
        # It checks neither working hours nor overlaps.
        if data["appointment_date"] < timezone.localdate():
            raise serializers.ValidationError("Geçmiş tarih için randevu oluşturulamaz.")
        employee = data.get("employee")
        if employee and not data["service"].employees.filter(employee=employee,
                                                             is_available=True).exists():
            raise serializers.ValidationError("Seçilen çalışan bu hizmeti veremez.")
        return data


class _Named(serializers.ModelSerializer):
    # A source crossing a null employee leaves the field out (§1).
    salon_name = serializers.CharField(source="salon.name", read_only=True)
    service_name = serializers.CharField(source="service.name", read_only=True)
    employee_name = serializers.CharField(source="employee.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)


class AppointmentListSerializer(_Named):
    class Meta:
        model = Appointment
        fields = ["id", "salon_name", "service_name", "employee_name", "appointment_date",
                  "appointment_time", "end_time", "status", "status_display", "price",
                  "created_at"]


class AppointmentDetailSerializer(_Named):
    class Meta:
        model = Appointment
        fields = ["id", "salon", "salon_name", "service", "service_name", "employee",
                  "employee_name", "appointment_date", "appointment_time", "end_time",
                  "status", "status_display", "notes", "customer_notes", "price",
                  "created_at", "updated_at", "confirmed_at", "completed_at"]


class AppointmentUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Appointment
        fields = ["status", "notes", "customer_notes"]
