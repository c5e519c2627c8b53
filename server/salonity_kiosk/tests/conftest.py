# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Fixtures of salonity_kiosk's tests. PostgreSQL and Redis come from the
root conftest (server/conftest.py); each test gets a fresh salon."""

import pytest
from django.core.cache import caches

from salonity_kiosk.tests.util import GENEROUS, enroll, make_shop


@pytest.fixture(autouse=True)
def generous_throttles(settings):
    """Most tests pair and upload far more than a front desk would: the
    throttle tests set the real rates themselves."""
    settings.KIOSK_THROTTLE_RATES = dict(GENEROUS)
    caches["default"].clear()


@pytest.fixture
def shop(db):
    return make_shop()


@pytest.fixture
def kiosk(shop):
    return enroll(shop.salon)
