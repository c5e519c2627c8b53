# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The salon list and detail as upstream serializes them (docs/kiosk-api.md §2)."""

from rest_framework import serializers

from services.models import Service, ServiceCategory

from .models import Salon, SalonEmployee, SalonWorkingHours


class ServiceCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceCategory
        fields = ["id", "name", "description", "icon"]


class ServiceSerializer(serializers.ModelSerializer):
    category = ServiceCategorySerializer(read_only=True)

    class Meta:
        model = Service
        fields = ["id", "name", "description", "price", "duration", "image", "category"]


class SalonWorkingHoursSerializer(serializers.ModelSerializer):
    day_name = serializers.SerializerMethodField()

    class Meta:
        model = SalonWorkingHours
        fields = ["day_of_week", "day_name", "opening_time", "closing_time", "is_closed"]

    def get_day_name(self, obj):
        return obj.get_day_of_week_display()


class SalonEmployeeSerializer(serializers.ModelSerializer):
    class Meta:
        model = SalonEmployee
        fields = ["id", "name", "position", "photo", "bio"]


class SalonListSerializer(serializers.ModelSerializer):
    salon_type_display = serializers.CharField(source="get_salon_type_display", read_only=True)

    class Meta:
        model = Salon
        fields = ["id", "name", "salon_type", "salon_type_display", "address", "city",
                  "district", "rating", "total_reviews", "logo", "is_verified"]


class SalonDetailSerializer(serializers.ModelSerializer):
    salon_type_display = serializers.CharField(source="get_salon_type_display", read_only=True)
    working_hours = SalonWorkingHoursSerializer(many=True, read_only=True)
    employees = SalonEmployeeSerializer(many=True, read_only=True)
    services = ServiceSerializer(many=True, read_only=True)

    class Meta:
        model = Salon
        fields = ["id", "name", "salon_type", "salon_type_display", "description", "address",
                  "city", "district", "phone", "email", "website", "opening_time",
                  "closing_time", "rating", "total_reviews", "is_active", "is_verified", "logo",
                  "cover_image", "instagram", "facebook", "working_hours", "employees",
                  "services", "created_at"]
