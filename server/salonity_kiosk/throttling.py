# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""DRF's ScopedRateThrottle, per device for a kiosk (its principal's pk) and
per client IP for enrollment, counting in KIOSK_THROTTLE_CACHE. A 429 says
Retry-After in whole seconds (§1), which DRF's throttled() gives."""

from django.core.cache import caches
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle

from . import conf


class KioskRateThrottle(ScopedRateThrottle):

    def __init__(self):
        self.cache = caches[conf.get("KIOSK_THROTTLE_CACHE")]
        super().__init__()

    def get_rate(self):
        rates = dict(conf.get("KIOSK_THROTTLE_RATES"))
        rates.update(api_settings.DEFAULT_THROTTLE_RATES or {})
        return rates.get(self.scope)

    def allow_request(self, request, view):
        self.scope = getattr(view, "throttle_scope", None)
        if not self.scope:
            return True
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super(ScopedRateThrottle, self).allow_request(request, view)

    def wait(self):
        # DRF leaves Retry-After out when the wait rounds to 0; §1 wants it.
        wait = super().wait()
        return max(1.0, wait if wait is not None else 1.0)
