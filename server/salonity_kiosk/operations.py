# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""What the kiosk's uploads do (§3.1, §3.3), each in the caller's
transaction. A mutation returns (status, data) or raises an APIException (a
refusal: everything it wrote is rolled back). Upstream's tables are written
through upstream's models, so their save() rules run; the feed follows from
the triggers.
"""

import hashlib
from datetime import datetime, timedelta
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.http import Http404
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from . import entities, pairing, phones
from .authentication import new_token, token_hash
from .exceptions import conflict, invalid_status
from .models import AppointmentExtra, BookedInterval, Consent, Device, WalkIn

# An appointment in these holds its employee's time (0002_capture: LIVE).
LIVE_STATUSES = ("pending", "confirmed", "completed")

# Appointment status moves of the desk (§3.3): to -> allowed from.
APPOINTMENT_MOVES = {
    "confirmed": {"pending"},
    "completed": {"pending", "confirmed"},
    "cancelled": {"pending", "confirmed"},
    "no_show": {"pending", "confirmed"},
}
CHECK_IN_FROM = {"pending", "confirmed"}

REQUIRED = "Bu alan zorunludur."
ID_TAKEN = "Bu id ile bir kayıt zaten var."


def model(label):
    return apps.get_model(label)


def invalid_pk(pk):
    return 'Geçersiz pk "%s" - obje mevcut değil.' % pk


class Errors(dict):
    def add(self, field, message):
        self.setdefault(field, []).append(message)

    def raise_any(self):
        if self:
            raise ValidationError(dict(self))


def present(customer_id, salon_id):
    """Puts the customer in the salon's feed (CustomerSalon; its trigger
    sends them and their point history)."""
    with connection.cursor() as cur:
        cur.execute("SELECT salonity_kiosk_present(%s, %s)", [customer_id, salon_id])


def salon_today(salon_id):
    return timezone.now().astimezone(entities.salon_timezone(salon_id)).date()


def advisory_lock(text):
    """A transaction-scoped PostgreSQL advisory lock named by @text."""
    key = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big", signed=True)
    with connection.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def keep_consent(device, data, customer=None, walkin=None):
    if data.get("consent_at") is None:
        return
    Consent.objects.create(salon_id=device.salon_id, device=device, customer=customer, walkin=walkin,
                           consent_at=data["consent_at"], notice=data.get("consent_notice") or "")


def check_consent(data, errors, required):
    """§3.6: a new customer, or a walk-in without one, brings consent_at and
    consent_notice; a known customer's walk-in may bring them (both)."""
    given_at = data.get("consent_at") is not None
    given_notice = bool(data.get("consent_notice"))
    if (required or given_notice) and not given_at:
        errors.add("consent_at", REQUIRED)
    if (required or given_at) and not given_notice:
        errors.add("consent_notice", REQUIRED)


# ------------------------------------------------------------- enrollment


def enroll(data, client_ip=None):
    """§3.1. The code is checked first and used last, in one transaction
    with the device, so a refused request leaves it valid."""
    from . import serializers

    errors = Errors()
    s = serializers.Enroll(data=data)
    s.is_valid()
    errors.update({k: list(v) for k, v in s.errors.items()})
    values = s.validated_data if not s.errors else {}
    salon_id = values.get("salon") or (s.initial_data.get("salon") if isinstance(s.initial_data, dict) else None)
    salon = None
    if "salon" not in errors and salon_id:
        salon = model("salons.Salon").objects.filter(pk=salon_id).first()
        if salon is None:
            errors.add("salon", invalid_pk(salon_id))
    code = s.initial_data.get("pairing_code") if isinstance(s.initial_data, dict) else None
    if "pairing_code" not in errors:
        ok = salon is not None and isinstance(code, str) and code.strip().isdigit() and \
            pairing.PairingCode.objects.filter(
                salon=salon, code_hash=pairing.code_hash(salon.pk, code.strip()),
                used_at__isnull=True, expires_at__gt=timezone.now()).exists()
        if not ok:
            errors.add("pairing_code", "Eşleştirme kodu geçersiz ya da süresi dolmuş.")
    errors.raise_any()

    code = code.strip()
    token = new_token()
    device = Device.objects.create(salon=salon, name=values["name"], token_hash=token_hash(token))
    code_id = pairing.use_code(salon.pk, code)
    if code_id is None:
        # Another kiosk took the code between our check and now.
        raise ValidationError({"pairing_code": ["Eşleştirme kodu geçersiz ya da süresi dolmuş."]})
    pairing.PairingCode.objects.filter(pk=code_id).update(device=device)
    return 201, {"device": str(device.id), "token": token, "salon": str(salon.pk), "name": device.name}


# -------------------------------------------------------------- customers


def create_customer(device, data):
    salon_id = device.salon_id
    Customer = model("customers.Customer")
    errors = Errors()
    check_consent(data, errors, required=True)
    if Customer.objects.filter(pk=data["id"]).exists():
        errors.add("id", ID_TAKEN)
    errors.raise_any()

    phone = data["phone"]
    # Two kiosks adding one phone at once: the second waits, then finds it.
    advisory_lock("salonity_kiosk.phone:" + phone)
    existing = phones.find_customer(phone)
    if existing is not None:
        # The person is at this salon's desk: the salon sees them from now
        # on, so the kiosk that re-points its writes to them keeps them.
        present(existing.pk, salon_id)
        # The consent is the person's act at this kiosk: kept with the
        # customer the kiosk will re-point its writes to.
        keep_consent(device, data, customer=existing)
        return 409, {"code": "phone_exists",
                     "detail": "Bu telefon numarasıyla kayıtlı bir müşteri var.",
                     "customer": entities.one("customer", salon_id, existing.pk)}

    User = get_user_model()
    user = User(**{User.USERNAME_FIELD: "kiosk-%s" % data["id"].hex})
    user.first_name = data["first_name"].strip()
    user.last_name = (data.get("last_name") or "").strip()
    user.set_unusable_password()
    user.save()
    customer = Customer.objects.create(id=data["id"], user=user, phone=phone)
    present(customer.pk, salon_id)
    keep_consent(device, data, customer=customer)
    return 201, entities.one("customer", salon_id, customer.pk)


# ----------------------------------------------------------- appointments


def opening_hours(salon, day):
    """(open, close) in minutes of @day at @salon, or None when closed."""
    wh = model("salons.SalonWorkingHours").objects.filter(salon=salon, day_of_week=day.weekday()).first()
    if wh is not None:
        if wh.is_closed:
            return None
        opening, closing = wh.opening_time, wh.closing_time
    else:
        opening, closing = salon.opening_time, salon.closing_time
    if opening is None or closing is None:
        return None
    return opening.hour * 60 + opening.minute, closing.hour * 60 + closing.minute or 24 * 60


def able_employees(salon_id, service_id):
    """Active employees of the salon with an available link to the service,
    by name (the order in which "any employee" is filled)."""
    Employee = model("salons.SalonEmployee")
    able = (model("services.ServiceEmployee").objects
            .filter(service_id=service_id, is_available=True).values("employee_id"))
    return list(Employee.objects.filter(salon_id=salon_id, is_active=True, id__in=able)
                .order_by("name", "id"))


def overlapping(employee_id, day, start, end, exclude_id):
    """Ids of live appointments of the employee overlapping [start, end)."""
    Appointment = model("appointments.Appointment")
    with connection.cursor() as cur:
        cur.execute(
            "SELECT id FROM %s WHERE employee_id = %%s AND status IN %%s AND id <> %%s "
            "AND appointment_date BETWEEN %%s AND %%s "
            "AND salonity_kiosk_during(appointment_date, appointment_time, end_time) "
            "    && salonity_kiosk_during(%%s, %%s, %%s) ORDER BY id" % Appointment._meta.db_table,
            [employee_id, LIVE_STATUSES, exclude_id, day - timedelta(days=1), day + timedelta(days=1),
             day, start, end])
        return [str(row[0]) for row in cur.fetchall()]


def book(appointment_id, employee_id, day, start, end):
    """Takes the employee's time for the new appointment; returns [] when
    booked, else the ids it overlaps.

    The kiosk's bookings of one employee queue on an advisory lock named
    after the employee, held to the end of the transaction: the second
    INSERT runs once the first booking committed (or failed) and sees it.
    Without the queue, two overlapping INSERTs each wait for the other's
    exclusion check and PostgreSQL aborts one as a deadlock after a second.
    The exclusion constraint on BookedInterval stays the guarantee: no two
    overlapping intervals of an employee ever commit. Appointments made
    outside the kiosk that hold no interval (old overlapping data) are
    looked for as well. The locks are taken in one order (a booking for
    "any employee" tries them by name) and before the transaction takes
    any salon feed lock, so they cannot deadlock."""
    table = BookedInterval._meta.db_table
    advisory_lock("salonity_kiosk.employee:%s" % employee_id)
    try:
        with transaction.atomic():
            with connection.cursor() as cur:
                cur.execute("INSERT INTO %s (appointment_id, employee_id, during) "
                            "VALUES (%%s, %%s, salonity_kiosk_during(%%s, %%s, %%s))" % table,
                            [appointment_id, employee_id, day, start, end])
            found = overlapping(employee_id, day, start, end, appointment_id)
            if found:
                raise _Overlap(found)
    except _Overlap as e:
        return e.ids
    except IntegrityError as e:
        cause = getattr(e, "__cause__", None)
        # exclusion_violation; psycopg2 names it pgcode, psycopg 3 sqlstate
        if (getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None)) != "23P01":
            raise
        return overlapping(employee_id, day, start, end, appointment_id) or ["?"]
    return []


class _Overlap(Exception):
    def __init__(self, ids):
        super().__init__(ids)
        self.ids = ids


def create_appointment(device, data):
    salon = device.salon
    Appointment = model("appointments.Appointment")
    errors = Errors()
    customer = model("customers.Customer").objects.filter(pk=data["customer"]).first()
    if customer is None:
        errors.add("customer", invalid_pk(data["customer"]))
    service = model("services.Service").objects.filter(pk=data["service"], salon=salon).first()
    if service is None:
        errors.add("service", invalid_pk(data["service"]))
    employee = None
    if data.get("employee"):
        employee = model("salons.SalonEmployee").objects.filter(pk=data["employee"], salon=salon).first()
        if employee is None:
            errors.add("employee", invalid_pk(data["employee"]))
    day, start = data["appointment_date"], data["appointment_time"].replace(microsecond=0)
    if day < salon_today(salon.pk):
        errors.add("appointment_date", "Geçmiş bir tarihe randevu alınamaz.")
    if service is not None and not service.is_active:
        errors.add("service", "Bu hizmet artık verilmiyor.")
    able = able_employees(salon.pk, service.pk) if service is not None else []
    if employee is not None and service is not None and employee not in able:
        errors.add("employee", "Bu çalışan bu hizmeti vermiyor.")
    if Appointment.objects.filter(pk=data["id"]).exists():
        errors.add("id", ID_TAKEN)
    errors.raise_any()

    hours = opening_hours(salon, day)
    begin = start.hour * 60 + start.minute
    if hours is None or begin < hours[0] or begin + service.duration > hours[1]:
        raise ValidationError({"non_field_errors": ["Salon bu saatte açık değil."]})
    end = (datetime.combine(day, start) + timedelta(minutes=service.duration)).time()

    candidates = [employee] if employee is not None else able
    if not candidates:
        raise ValidationError({"employee": ["Bu hizmeti verebilecek bir çalışan yok."]})
    picked, conflicts = None, []
    for candidate in candidates:
        found = book(data["id"], candidate.pk, day, start, end)
        if not found:
            picked = candidate
            break
        conflicts.extend(i for i in found if i not in conflicts)
    if picked is None:
        raise conflict("slot_taken", "Bu saat dolu.", conflicts=sorted(c for c in conflicts if c != "?"))

    now = timezone.now()
    appt = Appointment(id=data["id"], customer=customer, salon=salon, service=service, employee=picked,
                       appointment_date=day, appointment_time=start, end_time=end, status="confirmed",
                       notes=data.get("notes") or "", price=service.price, confirmed_at=now)
    appt.save(force_insert=True)
    AppointmentExtra.objects.create(appointment=appt, source=data.get("source") or "kiosk", device=device)
    return 201, entities.one("appointment", salon.pk, appt.pk)


def _salon_appointment(device, appointment_id):
    appt = (model("appointments.Appointment").objects.select_for_update()
            .filter(pk=appointment_id, salon_id=device.salon_id).first())
    if appt is None:
        raise Http404
    return appt


def check_in(device, appointment_id, data):
    appt = _salon_appointment(device, appointment_id)
    if appt.status not in CHECK_IN_FROM:
        raise invalid_status(appt.status)
    now = timezone.now()
    # An offline check-in arrives late and keeps its time; one from the
    # future (a kiosk clock running ahead) becomes now.
    at = min(data["checked_in_at"], now)
    extra = AppointmentExtra.objects.filter(appointment=appt).first()
    if extra is None:
        AppointmentExtra.objects.create(appointment=appt, source="app", checked_in_at=at, device=device)
    else:
        extra.checked_in_at = at
        extra.save(update_fields=["checked_in_at"])
    type(appt).objects.filter(pk=appt.pk).update(updated_at=now)
    return 200, entities.one("appointment", device.salon_id, appt.pk)


def level_for(total_spent):
    """Upstream's rule (Customer.update_loyalty_level), used only when the
    host's Customer has no such method."""
    if total_spent >= 1000:
        return "platinum"
    if total_spent >= 500:
        return "gold"
    if total_spent >= 200:
        return "silver"
    return "bronze"


def award(appt):
    """Completing an appointment: one point per 10 TRY of its price,
    total_spent and total_visits grow, the level follows total_spent
    (§3.3). The customer row is locked first, so upstream's own
    read-modify-write methods run on a fresh row no one else changes."""
    customer = model("customers.Customer").objects.select_for_update().get(pk=appt.customer_id)
    price = appt.price or Decimal("0")
    points = int(price // 10)
    customer.total_spent = (customer.total_spent or Decimal("0")) + price
    customer.total_visits = (customer.total_visits or 0) + 1
    customer.save()
    reason = "Randevu: %s" % appt.service.name
    if points > 0 and hasattr(customer, "add_points"):
        customer.add_points(points, reason)  # points, history and level, as upstream
    elif hasattr(customer, "update_loyalty_level"):
        customer.update_loyalty_level()
    else:
        customer.current_points += points
        customer.total_points += points
        customer.loyalty_level = level_for(customer.total_spent)
        customer.save()
        if points > 0:
            model("customers.PointHistory").objects.create(customer=customer, points=points, reason=reason)


def appointment_status(device, appointment_id, data):
    appt = _salon_appointment(device, appointment_id)
    to = data["status"]
    if appt.status not in APPOINTMENT_MOVES[to]:
        raise invalid_status(appt.status)
    if to == "completed":
        # The customer's row first: two salons completing one customer's
        # appointments at once then queue here, before either takes a feed
        # lock, instead of deadlocking in the customer's fan-out.
        model("customers.Customer").objects.select_for_update().filter(pk=appt.customer_id).first()
    now = timezone.now()
    appt.status = to
    fields = ["status", "updated_at"]
    if to == "confirmed":
        appt.confirmed_at = now
        fields.append("confirmed_at")
    if to == "completed":
        appt.completed_at = now
        fields.append("completed_at")
    appt.save(update_fields=fields)
    if to == "completed":
        award(appt)
    return 200, entities.one("appointment", device.salon_id, appt.pk)


# ---------------------------------------------------------------- walk-ins


def create_walkin(device, data):
    salon_id = device.salon_id
    errors = Errors()
    customer = None
    if data.get("customer"):
        customer = model("customers.Customer").objects.filter(pk=data["customer"]).first()
        if customer is None:
            errors.add("customer", invalid_pk(data["customer"]))
    service = model("services.Service").objects.filter(pk=data["service"], salon_id=salon_id).first()
    if service is None:
        errors.add("service", invalid_pk(data["service"]))
    preferred = None
    if data.get("preferred_employee"):
        preferred = model("salons.SalonEmployee").objects.filter(pk=data["preferred_employee"],
                                                                 salon_id=salon_id).first()
        if preferred is None:
            errors.add("preferred_employee", invalid_pk(data["preferred_employee"]))
    name = (data.get("name") or "").strip()
    if not name and not data.get("customer"):
        errors.add("name", REQUIRED)
    check_consent(data, errors, required=not data.get("customer"))
    if WalkIn.objects.filter(pk=data["id"]).exists():
        errors.add("id", ID_TAKEN)
    errors.raise_any()

    walkin = WalkIn.objects.create(id=data["id"], salon_id=salon_id, customer=customer, name=name,
                                   phone=data.get("phone") or "", service=service,
                                   preferred_employee=preferred, status="waiting",
                                   arrived_at=data["arrived_at"], device=device)
    keep_consent(device, data, customer=customer, walkin=walkin)
    return 201, entities.one("walkin", salon_id, walkin.pk)


def walkin_status(device, walkin_id, data):
    walkin = WalkIn.objects.select_for_update().filter(pk=walkin_id, salon_id=device.salon_id).first()
    if walkin is None:
        raise Http404
    employee = None
    if data.get("employee"):
        employee = model("salons.SalonEmployee").objects.filter(pk=data["employee"],
                                                                salon_id=device.salon_id).first()
        if employee is None:
            raise ValidationError({"employee": [invalid_pk(data["employee"])]})
    to = data["status"]
    if to not in WalkIn.TRANSITIONS.get(walkin.status, set()):
        raise invalid_status(walkin.status)
    now = timezone.now()
    walkin.status = to
    if employee is not None:
        walkin.employee = employee
    if to == "called":
        walkin.called_at = now
    if to in ("done", "left"):
        walkin.finished_at = now
    walkin.save()
    return 200, entities.one("walkin", device.salon_id, walkin.pk)


# ----------------------------------------------------------------- loyalty


def redeem(device, data):
    """A redemption: the balance goes down in one conditional UPDATE, so two
    redemptions at once can never take it below zero (§3.3)."""
    Customer = model("customers.Customer")
    PointHistory = model("customers.PointHistory")
    errors = Errors()
    if not Customer.objects.filter(pk=data["customer"]).exists():
        errors.add("customer", invalid_pk(data["customer"]))
    if PointHistory.objects.filter(pk=data["id"]).exists():
        errors.add("id", ID_TAKEN)
    errors.raise_any()

    points = data["points"]
    now = timezone.now()
    with connection.cursor() as cur:
        cur.execute("UPDATE %s SET current_points = current_points - %%s, updated_at = %%s "
                    "WHERE id = %%s AND current_points >= %%s RETURNING current_points"
                    % Customer._meta.db_table, [points, now, data["customer"], points])
        taken = cur.fetchone()
    if taken is None:
        current = Customer.objects.filter(pk=data["customer"]).values_list("current_points", flat=True).first()
        raise conflict("insufficient_points", "Yeterli puan yok.", current_points=current or 0)
    entry = PointHistory.objects.create(id=data["id"], customer_id=data["customer"], points=-points,
                                        reason=data["reason"])
    present(data["customer"], device.salon_id)
    return 201, entities.one("point_entry", device.salon_id, entry.pk)
