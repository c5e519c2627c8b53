# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The entities of §3.4 as a salon sees them: which rows belong to a salon's
feed (its scope), and each row's JSON (`data` of a feed upsert and the body
of a 2xx reply).

Formats follow §1: money as a string with two places, dates YYYY-MM-DD,
times HH:MM:SS, date-times ISO 8601 with the salon's offset.
"""

import zoneinfo
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.apps import apps

from . import conf
from .models import AppointmentExtra, CustomerSalon, SalonOptions, WalkIn

# The snapshot's order (§3.2 lists them so): what a row refers to comes first.
ENTITIES = ["salon", "working_hours", "category", "service", "employee",
            "customer", "appointment", "walkin", "point_entry"]
RANK = {name: i for i, name in enumerate(ENTITIES)}

CENT = Decimal("0.01")


def model(label):
    return apps.get_model(label)


# ------------------------------------------------------------------ formats


def money(value):
    if value is None:
        return None
    return str(Decimal(value).quantize(CENT))


def time_text(value):
    return value.strftime("%H:%M:%S") if value is not None else None


def date_text(value):
    return value.isoformat() if value is not None else None


def instant(value, tz):
    return value.astimezone(tz).isoformat() if value is not None else None


def uuid_text(value):
    return str(value) if value is not None else None


def salon_timezone(salon_id):
    name = (SalonOptions.objects.filter(salon_id=salon_id).values_list("timezone", flat=True).first()
            or conf.get("KIOSK_DEFAULT_TIMEZONE"))
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(conf.get("KIOSK_DEFAULT_TIMEZONE"))


# --------------------------------------------------------- one per entity


def salon_data(salon, tz):
    return {
        "id": str(salon.id),
        "name": salon.name,
        "address": salon.address,
        "city": salon.city,
        "district": salon.district,
        "phone": salon.phone,
        "opening_time": time_text(salon.opening_time),
        "closing_time": time_text(salon.closing_time),
        "timezone": tz.key,
    }


def working_hours_id(salon_id, day):
    return "%s:%d" % (salon_id, day)


def working_hours_data(wh, tz=None):
    return {
        "id": working_hours_id(wh.salon_id, wh.day_of_week),
        "day_of_week": wh.day_of_week,
        "opening_time": time_text(wh.opening_time),
        "closing_time": time_text(wh.closing_time),
        "is_closed": wh.is_closed,
    }


def category_data(category, tz=None):
    return {
        "id": str(category.id),
        "name": category.name,
        "description": category.description,
        "icon": category.icon,
    }


def service_data(service, tz=None):
    return {
        "id": str(service.id),
        "category": uuid_text(service.category_id),
        "name": service.name,
        "description": service.description,
        "price": money(service.price),
        "duration": service.duration,
        "is_active": service.is_active,
    }


def employee_services(employee_ids):
    """Employee id -> sorted ids of the services they do (available links)."""
    links = {}
    rows = (model("services.ServiceEmployee").objects
            .filter(employee_id__in=list(employee_ids), is_available=True)
            .values_list("employee_id", "service_id"))
    for employee_id, service_id in rows:
        links.setdefault(employee_id, []).append(str(service_id))
    for ids in links.values():
        ids.sort()
    return links


def employee_data(employee, services):
    return {
        "id": str(employee.id),
        "name": employee.name,
        "position": employee.position,
        "is_active": employee.is_active,
        "services": services,
    }


def customer_data(customer, tz):
    user = customer.user
    return {
        "id": str(customer.id),
        "first_name": user.first_name if user else "",
        "last_name": user.last_name if user else "",
        "phone": customer.phone,
        "loyalty_level": customer.loyalty_level,
        "total_points": customer.total_points,
        "current_points": customer.current_points,
        "total_spent": money(customer.total_spent),
        "total_visits": customer.total_visits,
        "updated_at": instant(customer.updated_at, tz),
    }


def appointment_data(appt, extra, tz):
    return {
        "id": str(appt.id),
        "customer": str(appt.customer_id),
        "service": str(appt.service_id),
        "employee": uuid_text(appt.employee_id),
        "appointment_date": date_text(appt.appointment_date),
        "appointment_time": time_text(appt.appointment_time),
        "end_time": time_text(appt.end_time or _end_of(appt)),
        "status": appt.status,
        "notes": appt.notes,
        "price": money(appt.price),
        # Booked elsewhere (upstream's app or web site): "app", as the kiosk names it.
        "source": extra.source if extra else "app",
        "checked_in_at": instant(extra.checked_in_at, tz) if extra else None,
        "created_at": instant(appt.created_at, tz),
        "updated_at": instant(appt.updated_at, tz),
    }


def _end_of(appt):
    """end_time is nullable upstream (bulk_create skips save(), which fills
    it); the kiosk needs one: the start plus the service's duration."""
    if appt.appointment_time is None or appt.service is None:
        return None
    start = datetime.combine(date(2000, 1, 1), appt.appointment_time)
    return (start + timedelta(minutes=appt.service.duration or 0)).time()


def walkin_data(w, tz):
    return {
        "id": str(w.id),
        "customer": uuid_text(w.customer_id),
        "name": w.name,
        "phone": w.phone,
        "service": uuid_text(w.service_id),
        "preferred_employee": uuid_text(w.preferred_employee_id),
        "employee": uuid_text(w.employee_id),
        "status": w.status,
        "arrived_at": instant(w.arrived_at, tz),
        "called_at": instant(w.called_at, tz),
        "finished_at": instant(w.finished_at, tz),
    }


def point_entry_data(entry, tz):
    return {
        "id": str(entry.id),
        "customer": str(entry.customer_id),
        "points": entry.points,
        "reason": entry.reason,
        "created_at": instant(entry.created_at, tz),
    }


# ------------------------------------------------------------ salon scopes


def _present_customers(salon_id):
    return CustomerSalon.objects.filter(salon_id=salon_id).values("customer_id")


def scope(entity, salon_id):
    """The queryset of @entity's rows in @salon_id's feed, ordered by id."""
    if entity == "salon":
        return model("salons.Salon").objects.filter(id=salon_id).order_by("id")
    if entity == "working_hours":
        return model("salons.SalonWorkingHours").objects.filter(salon_id=salon_id).order_by("day_of_week")
    if entity == "category":
        used = model("services.Service").objects.filter(salon_id=salon_id).values("category_id")
        return model("services.ServiceCategory").objects.filter(id__in=used).order_by("id")
    if entity == "service":
        return model("services.Service").objects.filter(salon_id=salon_id).order_by("id")
    if entity == "employee":
        return model("salons.SalonEmployee").objects.filter(salon_id=salon_id).order_by("id")
    if entity == "customer":
        return (model("customers.Customer").objects.filter(id__in=_present_customers(salon_id))
                .select_related("user").order_by("id"))
    if entity == "appointment":
        return (model("appointments.Appointment").objects.filter(salon_id=salon_id)
                .select_related("service").order_by("id"))
    if entity == "walkin":
        return WalkIn.objects.filter(salon_id=salon_id).order_by("id")
    if entity == "point_entry":
        return (model("customers.PointHistory").objects
                .filter(customer_id__in=_present_customers(salon_id)).order_by("id"))
    raise KeyError(entity)


def _row_key(entity, row):
    if entity == "working_hours":
        return working_hours_id(row.salon_id, row.day_of_week)
    return str(row.pk)


def _after(entity, qs, after_id):
    if not after_id:
        return qs
    if entity == "working_hours":
        try:
            day = int(after_id.rsplit(":", 1)[1])
        except (IndexError, ValueError):
            return qs.none()
        return qs.filter(day_of_week__gt=day)
    return qs.filter(pk__gt=after_id)


def _only(entity, qs, row_ids):
    if entity == "working_hours":
        days = []
        for row_id in row_ids:
            try:
                days.append(int(row_id.rsplit(":", 1)[1]))
            except (IndexError, ValueError):
                pass
        return qs.filter(day_of_week__in=days)
    return qs.filter(pk__in=list(row_ids))


def serialize(entity, rows, salon_id, tz):
    """[(row id, data)] for model instances of @entity, in their order."""
    rows = list(rows)
    if entity == "employee":
        links = employee_services(r.id for r in rows)
        return [(str(r.id), employee_data(r, links.get(r.id, []))) for r in rows]
    if entity == "appointment":
        extras = {e.appointment_id: e
                  for e in AppointmentExtra.objects.filter(appointment_id__in=[r.id for r in rows])}
        return [(str(r.id), appointment_data(r, extras.get(r.id), tz)) for r in rows]
    if entity == "salon":
        return [(str(r.id), salon_data(r, tz)) for r in rows]
    fn = {
        "working_hours": working_hours_data,
        "category": category_data,
        "service": service_data,
        "customer": customer_data,
        "walkin": walkin_data,
        "point_entry": point_entry_data,
    }[entity]
    return [(_row_key(entity, r), fn(r, tz)) for r in rows]


def page(entity, salon_id, after_id, limit, tz):
    """The next @limit rows of @entity in @salon_id's scope after @after_id."""
    qs = _after(entity, scope(entity, salon_id), after_id)[:limit]
    return serialize(entity, qs, salon_id, tz)


def load(entity, salon_id, row_ids, tz):
    """{row id: data} of those of @row_ids still in @salon_id's scope."""
    if not row_ids:
        return {}
    qs = _only(entity, scope(entity, salon_id), row_ids)
    return dict(serialize(entity, qs, salon_id, tz))


def one(entity, salon_id, row_id, tz=None):
    """The data of one row (a 2xx reply's body), or None."""
    tz = tz or salon_timezone(salon_id)
    return load(entity, salon_id, [str(row_id)], tz).get(str(row_id))
