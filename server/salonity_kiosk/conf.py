# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The app's settings, each with a default, read when used (so tests can
override them with django.test.override_settings)."""

from django.conf import settings

DEFAULTS = {
    # A salon's wall clock when it has no SalonOptions row (§1).
    "KIOSK_DEFAULT_TIMEZONE": "Europe/Istanbul",
    # Pairing codes live ten minutes (§3.1).
    "KIOSK_PAIRING_CODE_SECONDS": 600,
    # Idempotency keys are kept at least 30 days (§3.3); trimming never goes below that.
    "KIOSK_IDEMPOTENCY_KEEP_DAYS": 30,
    # A key still "processing" after this long belonged to a worker that died
    # between claiming it and finishing: a retry may claim it again.
    "KIOSK_IDEMPOTENCY_STALE_SECONDS": 120,
    # ScopedRateThrottle scopes of the kiosk's views. A rate set under the same
    # scope in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] wins over these.
    "KIOSK_THROTTLE_RATES": {
        "kiosk_enroll": "10/min",              # per client IP
        "kiosk_appointment_create": "10/min",  # per device (§3.3: 10 a minute)
        "kiosk_write": "120/min",              # per device, other uploads
        "kiosk_read": "600/min",               # per device, feed and devices/me
    },
    # The cache the throttles count in (a shared one, e.g. Redis, when several
    # processes serve the API).
    "KIOSK_THROTTLE_CACHE": "default",
    # The feed's page size when the kiosk sends no limit (§3.2).
    "KIOSK_FEED_DEFAULT_LIMIT": 100,
    # Seconds between the WebSocket's pings (§3.5).
    "KIOSK_WS_PING_SECONDS": 30,
    # The channel layer the nudges travel on.
    "KIOSK_CHANNEL_LAYER": "default",
    # Run the NOTIFY relay (nudges.py) as a thread of each process that
    # serves the events WebSocket, started by the first socket. Simplest for
    # one daphne process; leave it off when `manage.py kiosk_relay_nudges`
    # runs as its own service (several relays only repeat nudges).
    "KIOSK_RELAY_IN_PROCESS": False,
    # last_seen of a device is written at most this often.
    "KIOSK_LAST_SEEN_SECONDS": 60,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
