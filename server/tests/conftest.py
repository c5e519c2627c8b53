# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Fixtures of the host's own tests (server/tests/test_*.py).

PostgreSQL and Redis are started for the whole session by server/conftest.py
(the root conftest, shared with salonity_kiosk/tests); its `kiosk_harness`
fixture gives their ports and directory.
"""

import pytest
from rest_framework.test import APIClient

from hostutil import FIXED_TODAY, make_customer, seed
from salons.models import Salon


@pytest.fixture
def demo_salon(db):
    """A small demo salon (40 customers, a week of bookings around FIXED_TODAY)."""
    salon_id, _ = seed("--seed", "11", "--today", FIXED_TODAY.isoformat(), "--customers", "40",
                       "--days-before", "3", "--days-ahead", "4")
    return Salon.objects.get(id=salon_id)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def customer_client(db):
    """(customer, an APIClient sending that customer's token)."""
    return make_customer("sule", "+905321112233")
