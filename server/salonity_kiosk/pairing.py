# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Pairing codes (§3.1): six digits, made by the salon's owner, valid ten
minutes, used once. Only an HMAC (keyed with SECRET_KEY) is stored, so the
code is shown once, to whoever made it."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import conf
from .models import PairingCode


def code_hash(salon_id, code):
    message = ("%s:%s" % (salon_id, code)).encode("utf-8")
    return hmac.new(settings.SECRET_KEY.encode("utf-8"), message, hashlib.sha256).hexdigest()


def make_code(salon, created_by=None):
    """Makes a fresh code for @salon; returns (code text, PairingCode)."""
    now = timezone.now()
    expires = now + timedelta(seconds=conf.get("KIOSK_PAIRING_CODE_SECONDS"))
    with transaction.atomic():
        for _ in range(20):
            code = "%06d" % secrets.randbelow(1000000)
            h = code_hash(salon.pk, code)
            # Two valid codes of one salon must differ, or one would pair twice.
            if not PairingCode.objects.filter(salon=salon, code_hash=h, used_at__isnull=True,
                                              expires_at__gt=now).exists():
                break
        row = PairingCode.objects.create(salon=salon, code_hash=h, created_at=now,
                                         expires_at=expires, created_by=created_by)
    return code, row


def use_code(salon_id, code, device_id=None):
    """Marks @code of @salon_id used, atomically (one UPDATE: of two
    enrollments with one code exactly one gets it); returns the
    PairingCode's id or None when it is wrong, expired or used."""
    if not code or not code.isdigit() or len(code) != 6:
        return None
    now = timezone.now()
    candidates = PairingCode.objects.filter(salon_id=salon_id, code_hash=code_hash(salon_id, code),
                                            used_at__isnull=True, expires_at__gt=now)
    for pk in candidates.values_list("pk", flat=True)[:1]:
        if PairingCode.objects.filter(pk=pk, used_at__isnull=True).update(used_at=now) == 1:
            return pk
    return None
