# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Phone numbers. The kiosk sends E.164 (§3.4); upstream's customers typed
theirs freely ("0555 123 45 67"), so finding a customer by phone compares
both sides normalised as the kiosk normalises Turkish numbers."""

import re

E164_RE = re.compile(r"^\+[1-9][0-9]{7,14}$")


def is_e164(phone):
    return bool(phone) and bool(E164_RE.match(phone))


def normalise(text):
    """E.164 of a Turkish or international number as people write it, or None."""
    if not text:
        return None
    digits = re.sub(r"[^0-9+]", "", text)
    if digits.startswith("+"):
        rest = digits[1:]
        return "+" + rest if rest.isdigit() and is_e164("+" + rest) else None
    if digits.startswith("00"):
        return normalise("+" + digits[2:])
    if len(digits) == 10 and digits.startswith("5"):
        return "+90" + digits
    if len(digits) == 11 and digits.startswith("05"):
        return "+90" + digits[1:]
    if len(digits) == 12 and digits.startswith("90"):
        return "+" + digits
    return None


def find_customer(e164):
    """The customer with this phone (however they wrote it), oldest first,
    or None. Candidates are those whose digits end like the number's; each
    is then compared normalised."""
    from django.apps import apps

    Customer = apps.get_model("customers", "Customer")
    tail = re.sub(r"[^0-9]", "", e164)[-7:]
    candidates = (Customer.objects.select_related("user")
                  .filter(phone__regex="[^0-9]*".join(tail) + "[^0-9]*$")
                  .order_by("created_at", "id"))
    for customer in candidates:
        if customer.phone == e164 or normalise(customer.phone) == e164:
            return customer
    return None
