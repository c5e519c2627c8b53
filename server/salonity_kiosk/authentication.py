# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Device tokens (§1, §3.1): `Authorization: Token <40 hex>`, as DRF's
TokenAuthentication reads it (same header parsing and Turkish messages),
checked against the devices' stored SHA-256. A missing, malformed, unknown
or revoked token gets 401 with `WWW-Authenticate: Token`."""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.permissions import BasePermission

from . import conf
from .models import Device


def new_token():
    return secrets.token_hex(20)


def token_hash(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class DevicePrincipal:
    """request.user of a kiosk's request: not a Django user. Its pk keys
    DRF's per-user throttles, so they count per device."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False

    def __init__(self, device):
        self.device = device
        self.pk = self.id = "kiosk-device-%s" % device.id

    def __str__(self):
        return "kiosk %s" % self.device.id


def device_for_token(key):
    """The active device whose token is @key, or None."""
    if not key:
        return None
    device = (Device.objects.select_related("salon")
              .filter(token_hash=token_hash(key), revoked_at__isnull=True).first())
    if device is not None:
        touch(device)
    return device


def touch(device):
    """Notes the device as seen, at most once a minute (one UPDATE)."""
    now = timezone.now()
    if device.last_seen is None or now - device.last_seen >= timedelta(seconds=conf.get("KIOSK_LAST_SEEN_SECONDS")):
        Device.objects.filter(pk=device.pk).update(last_seen=now)
        device.last_seen = now


class DeviceTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key):
        device = device_for_token(key)
        if device is None:
            raise exceptions.AuthenticationFailed(self.invalid_token_message())
        return DevicePrincipal(device), device

    @staticmethod
    def invalid_token_message():
        from django.utils.translation import gettext as _
        return _("Invalid token.")


class IsDevice(BasePermission):
    def has_permission(self, request, view):
        return isinstance(request.auth, Device)
