# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""What the app's tests share: a small salon, a paired kiosk speaking the
API as the kiosk does, and dates relative to the salon's today (so the tests
pass at any hour of any day)."""

import json
import threading
import uuid
from datetime import time, timedelta
from types import SimpleNamespace

from django.contrib.auth.models import User
from django.db import connections
from django.utils import timezone
from rest_framework.test import APIClient

from appointments.models import Appointment
from customers.models import Customer
from salonity_kiosk import entities, pairing
from salons.models import Salon, SalonEmployee
from services.models import Service, ServiceCategory, ServiceEmployee

PREFIX = "/api/kiosk/v1/"
CONSENT = {"consent_at": "2026-03-01T10:00:00+03:00", "consent_notice": "kiosk-kvkk-2026-1"}
GENEROUS = {"kiosk_enroll": "100000/min", "kiosk_appointment_create": "100000/min",
            "kiosk_write": "100000/min", "kiosk_read": "100000/min"}


def make_shop(name="Moda Kuaför"):
    """A salon open 09:00-20:00 every day (no working-hours rows), with:
    Kesim (30 min, 250.00) done by Ayşe and Zeynep, Boya (90 min, 600.00)
    by Ayşe, an inactive service, and Kerem, inactive, who cuts too."""
    owner = User.objects.create_user("sahip-%s" % uuid.uuid4().hex[:10])
    salon = Salon.objects.create(owner=owner, name=name, salon_type="kuafor",
                                 address="Caferağa Mah. Moda Cad. 10", city="İstanbul",
                                 district="Kadıköy", phone="+902163334455",
                                 opening_time=time(9), closing_time=time(20))
    hair = ServiceCategory.objects.create(name="Saç %s" % uuid.uuid4().hex[:6], icon="fa-cut")
    cut = Service.objects.create(salon=salon, category=hair, name="Kesim", price="250.00", duration=30)
    colour = Service.objects.create(salon=salon, category=hair, name="Boya", price="600.00", duration=90)
    old = Service.objects.create(salon=salon, category=hair, name="Eski", price="10.00", duration=30,
                                 is_active=False)
    ayse = SalonEmployee.objects.create(salon=salon, name="Ayşe", position="Kuaför")
    zeynep = SalonEmployee.objects.create(salon=salon, name="Zeynep", position="Kuaför")
    kerem = SalonEmployee.objects.create(salon=salon, name="Kerem", position="Berber", is_active=False)
    for svc, emp in ((cut, ayse), (cut, zeynep), (colour, ayse), (cut, kerem), (old, ayse)):
        ServiceEmployee.objects.create(service=svc, employee=emp)
    return SimpleNamespace(salon=salon, owner=owner, hair=hair, cut=cut, colour=colour, old=old,
                           ayse=ayse, zeynep=zeynep, kerem=kerem)


def make_customer(first="Şule", last="Ağaoğlu", phone="+905321112233"):
    user = User.objects.create_user("musteri-%s" % uuid.uuid4().hex[:10], first_name=first, last_name=last)
    return Customer.objects.create(user=user, phone=phone)


def salon_today(salon):
    return timezone.now().astimezone(entities.salon_timezone(salon.pk)).date()


def day_ahead(salon, n=7):
    return (salon_today(salon) + timedelta(days=n)).isoformat()


def new_id():
    return str(uuid.uuid4())


class Kiosk:
    """A paired kiosk: its token on every request, JSON bodies, and an
    Idempotency-Key (quoted, as the kiosk sends it) on every POST."""

    def __init__(self, salon, token, device):
        self.salon = salon
        self.token = token
        self.device = device
        self.client = APIClient()
        self.client.credentials(HTTP_AUTHORIZATION="Token " + token)

    def get(self, path, **params):
        return self.client.get(PREFIX + path, params)

    def post(self, path, body, key=None, quoted=True):
        key = key or str(uuid.uuid4())
        header = '"%s"' % key if quoted else key
        return self.client.post(PREFIX + path, json.dumps(body), content_type="application/json",
                                HTTP_IDEMPOTENCY_KEY=header)

    def delete(self, path):
        return self.client.delete(PREFIX + path)

    def feed(self, since=None, limit=None):
        params = {}
        if since is not None:
            params["since"] = since
        if limit is not None:
            params["limit"] = limit
        r = self.get("changes/", **params)
        assert r.status_code == 200, r.content
        return r.json()

    def pull(self, since=None, limit=1000):
        """Every page until has_more is false: (changes, cursor)."""
        changes = []
        while True:
            page = self.feed(since, limit)
            changes.extend(page["changes"])
            since = page["cursor"]
            if not page["has_more"]:
                return changes, since

    def book(self, service, day, at, employee=None, customer=None, **extra):
        body = {"id": new_id(), "customer": str(customer.pk), "service": str(service.pk),
                "employee": str(employee.pk) if employee else None, "appointment_date": day,
                "appointment_time": at, "notes": "", "source": "kiosk"}
        body.update(extra)
        return self.post("appointments/", body)


def enroll(salon, name="Ön masa"):
    code, _ = pairing.make_code(salon)
    r = APIClient().post(PREFIX + "devices/", {"salon": str(salon.pk), "pairing_code": code, "name": name},
                         format="json")
    assert r.status_code == 201, r.content
    body = r.json()
    return Kiosk(salon, body["token"], body["device"])


class Replica:
    """What a kiosk keeps of the feed: rows by (entity, id) with the version
    rules of §3.2 (a change whose version is not above the held one is a
    replay and skipped; a delete removes the row)."""

    def __init__(self):
        self.rows = {}
        self.versions = {}

    def apply(self, changes):
        for c in changes:
            key = (c["entity"], c["id"])
            if c["version"] <= self.versions.get(key, 0):
                continue
            self.versions[key] = c["version"]
            if c["op"] == "delete":
                self.rows.pop(key, None)
            else:
                self.rows[key] = c["data"]

    def of(self, entity):
        return {k[1]: v for k, v in self.rows.items() if k[0] == entity}


def server_rows(salon):
    """The salon's rows as the feed serves them, read straight from the
    scopes: what a replica must hold after a full pull."""
    tz = entities.salon_timezone(salon.pk)
    rows = {}
    for entity in entities.ENTITIES:
        for row_id, data in entities.serialize(entity, entities.scope(entity, salon.pk), salon.pk, tz):
            rows[(entity, row_id)] = data
    return rows


def run_threads(*targets, timeout=60):
    """Runs the callables at once (a barrier releases them together), each
    in its own thread with its own database connection; returns their
    results in order and re-raises the first exception."""
    barrier = threading.Barrier(len(targets))
    results = [None] * len(targets)
    errors = []

    def runner(i, fn):
        try:
            barrier.wait(timeout)
            results[i] = fn()
        except BaseException as e:  # noqa: B902 - reported to the caller
            errors.append(e)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i, fn)) for i, fn in enumerate(targets)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
        assert not t.is_alive(), "a thread did not finish"
    if errors:
        raise errors[0]
    return results


def appointment_count(**filters):
    return Appointment.objects.filter(**filters).count()

