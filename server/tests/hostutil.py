# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Helpers shared by the host's tests (importable: server/tests is on sys.path)."""

import io
from datetime import date

from django.contrib.auth.models import User
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from customers.models import Customer

# A Monday: the tests' demo salon is seeded relative to it, never to the clock.
FIXED_TODAY = date(2026, 3, 16)


def seed(*args):
    """Run seed_demo_salon; returns (what it printed on stdout, its stderr)."""
    out, err = io.StringIO(), io.StringIO()
    call_command("seed_demo_salon", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def make_customer(username, phone):
    """A customer of the customer app, and an APIClient sending its token."""
    user = User.objects.create_user(username, password="gizli-parola-1", first_name="Şule",
                                    last_name="Ağaoğlu")
    customer = Customer.objects.create(user=user, phone=phone)
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + token.key)
    return customer, client
