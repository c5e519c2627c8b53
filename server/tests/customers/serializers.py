# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Registration and loyalty of a customer, as upstream's customer app sees them."""

from django.contrib.auth.models import User
from rest_framework import serializers

from .models import Customer, PointHistory

_PROFILE_FIELDS = ("phone", "birth_date", "gender", "address", "city", "district")


class RegisterSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(required=True)
    password = serializers.CharField(write_only=True, min_length=6)
    phone = serializers.CharField(required=False, allow_blank=True)
    birth_date = serializers.DateField(required=False, allow_null=True)
    gender = serializers.CharField(required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True)
    city = serializers.CharField(required=False, allow_blank=True)
    district = serializers.CharField(required=False, allow_blank=True)

    class Meta:
        model = User
        fields = ("username", "email", "password") + _PROFILE_FIELDS

    def create(self, validated_data):
        profile = {k: validated_data.pop(k) for k in _PROFILE_FIELDS if k in validated_data}
        user = User.objects.create_user(username=validated_data["username"],
                                        email=validated_data["email"],
                                        password=validated_data["password"])
        Customer.objects.create(user=user, **profile)
        return user


class CustomerLoyaltySerializer(serializers.ModelSerializer):
    loyalty_level_display = serializers.CharField(source="get_loyalty_level_display",
                                                  read_only=True)

    class Meta:
        model = Customer
        fields = ["loyalty_level", "loyalty_level_display", "total_points", "current_points",
                  "total_spent", "total_visits"]


class PointHistorySerializer(serializers.ModelSerializer):
    class Meta:
        model = PointHistory
        fields = ["points", "reason", "created_at"]
