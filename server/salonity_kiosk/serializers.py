# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The bodies the kiosk sends (§3.1, §3.3), checked field by field as DRF
does (400 {"field": ["..."]}, DRF's Turkish messages). Whether a referenced
row exists, and the rules between fields, are checked in operations.py."""

from rest_framework import serializers

from . import phones

NOT_E164 = "Geçerli bir telefon numarası girin."


class Enroll(serializers.Serializer):
    salon = serializers.UUIDField()
    pairing_code = serializers.CharField(max_length=20, trim_whitespace=True)
    name = serializers.CharField(max_length=100)


class Consent(serializers.Serializer):
    """§3.6: the consent a person gave at the kiosk."""

    consent_at = serializers.DateTimeField(required=False, allow_null=True)
    # A version string the kiosk names ("kiosk-kvkk-2026-1"); 64 characters
    # at most, as the contract server keeps them.
    consent_notice = serializers.CharField(required=False, allow_null=True, max_length=64)


class CustomerCreate(Consent):
    id = serializers.UUIDField()
    first_name = serializers.CharField(max_length=150)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True,
                                      allow_null=True, default="")
    phone = serializers.CharField(max_length=20)

    def validate_phone(self, value):
        if not phones.is_e164(value):
            raise serializers.ValidationError(NOT_E164)
        return value


class AppointmentCreate(serializers.Serializer):
    id = serializers.UUIDField()
    customer = serializers.UUIDField()
    service = serializers.UUIDField()
    employee = serializers.UUIDField(required=False, allow_null=True, default=None)
    appointment_date = serializers.DateField()
    appointment_time = serializers.TimeField()
    notes = serializers.CharField(required=False, allow_blank=True, allow_null=True, default="",
                                  trim_whitespace=False)
    source = serializers.ChoiceField(choices=["kiosk", "walk_in"], required=False, allow_null=True,
                                     default="kiosk")


class CheckIn(serializers.Serializer):
    checked_in_at = serializers.DateTimeField()


class AppointmentStatus(serializers.Serializer):
    status = serializers.ChoiceField(choices=["confirmed", "completed", "cancelled", "no_show"])


class WalkInCreate(Consent):
    id = serializers.UUIDField()
    customer = serializers.UUIDField(required=False, allow_null=True, default=None)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                 allow_null=True, default="")
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True,
                                  allow_null=True, default="")
    service = serializers.UUIDField()
    preferred_employee = serializers.UUIDField(required=False, allow_null=True, default=None)
    arrived_at = serializers.DateTimeField()

    def validate_phone(self, value):
        if value and not phones.is_e164(value):
            raise serializers.ValidationError(NOT_E164)
        return value or ""


class WalkInStatus(serializers.Serializer):
    status = serializers.ChoiceField(choices=["called", "in_service", "done", "left"])
    employee = serializers.UUIDField(required=False, allow_null=True, default=None)


class Redemption(serializers.Serializer):
    id = serializers.UUIDField()
    customer = serializers.UUIDField()
    points = serializers.IntegerField(min_value=1)
    reason = serializers.CharField(max_length=200)


def valid(serializer_class, data):
    """The validated data, or a 400 (a ValidationError) as DRF answers it."""
    s = serializer_class(data=data)
    s.is_valid(raise_exception=True)
    return s.validated_data
