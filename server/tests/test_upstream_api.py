# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Today's endpoints answer as upstream's do (docs/kiosk-api.md §1, §2):
the public salon list and detail, the service lists, and the customer
app's booking and cancelling with its token."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from appointments.models import Appointment
from hostutil import make_customer
from salons.models import Salon, SalonWorkingHours
from services.models import Service, ServiceCategory, ServiceEmployee

pytestmark = pytest.mark.django_db

LIST_FIELDS = {"id", "name", "salon_type", "salon_type_display", "address", "city", "district",
               "rating", "total_reviews", "logo", "is_verified"}
DETAIL_FIELDS = {"id", "name", "salon_type", "salon_type_display", "description", "address",
                 "city", "district", "phone", "email", "website", "opening_time",
                 "closing_time", "rating", "total_reviews", "is_active", "is_verified", "logo",
                 "cover_image", "instagram", "facebook", "working_hours", "employees",
                 "services", "created_at"}


def make_salon(owner, name, rating="0.00", active=True, **kw):
    fields = dict(salon_type="berber", address="Bağdat Cad. No: 1", city="İstanbul",
                  district="Kadıköy", phone="+902160000000", opening_time=time(9),
                  closing_time=time(19))
    fields.update(kw)
    return Salon.objects.create(owner=owner, name=name, rating=Decimal(rating),
                                is_active=active, **fields)


def day_ahead(n):
    # The service's own "today" is Istanbul's; a day's margin either way
    # keeps these tests right at any hour.
    return timezone.localdate() + timedelta(days=n)


# -- GET /api/salons/ -----------------------------------------------------------

def test_salon_list_is_public_paginated_and_only_active(api):
    owner = User.objects.create_user("sahip")
    for i in range(23):
        make_salon(owner, "Berber %02d" % i, rating="%d.00" % (i % 5))
    make_salon(owner, "Kapanmış Salon", active=False)

    first = api.get("/api/salons/")
    assert first.status_code == 200
    body = first.json()
    assert body["count"] == 23
    assert len(body["results"]) == 20
    assert body["previous"] is None
    assert body["next"] == "http://testserver/api/salons/?page=2"
    assert set(body["results"][0]) == LIST_FIELDS
    ratings = [Decimal(s["rating"]) for s in body["results"]]
    assert ratings == sorted(ratings, reverse=True)

    second = api.get(body["next"]).json()
    assert len(second["results"]) == 3
    names = {s["name"] for s in body["results"] + second["results"]}
    assert "Kapanmış Salon" not in names and len(names) == 23


def test_salon_search_matches_name_description_and_address(api, demo_salon):
    owner = User.objects.create_user("baska")
    make_salon(owner, "Üsküdar Berberi", address="Mimar Sinan Mah.", description="Sakal ve saç")

    def names(q):
        r = api.get("/api/salons/", {"search": q})
        assert r.status_code == 200
        return [s["name"] for s in r.json()["results"]]

    assert names("moda") == ["Moda Güzellik & Kuaför"]          # name, any case
    assert names("Caferağa") == ["Moda Güzellik & Kuaför"]      # address
    assert names("sakal") == ["Üsküdar Berberi"]                # description
    assert names("Nişantaşı") == []


def test_salon_list_item(api, demo_salon):
    item = api.get("/api/salons/").json()["results"][0]
    assert item["id"] == str(demo_salon.id)
    assert item["salon_type"] == "kuafor"
    assert item["salon_type_display"] == "Kuaför"
    assert item["district"] == "Kadıköy"
    assert item["logo"] is None
    assert item["is_verified"] is True


# -- GET /api/salons/{id}/ ------------------------------------------------------

def test_salon_detail(api, demo_salon):
    r = api.get("/api/salons/%s/" % demo_salon.id)
    assert r.status_code == 200
    body = r.json()
    assert set(body) == DETAIL_FIELDS
    assert body["name"] == "Moda Güzellik & Kuaför"
    assert (body["opening_time"], body["closing_time"]) == ("09:00:00", "20:00:00")

    hours = {h["day_of_week"]: h for h in body["working_hours"]}
    assert sorted(hours) == list(range(7))
    assert hours[6] == {"day_of_week": 6, "day_name": "Pazar", "opening_time": "00:00:00",
                        "closing_time": "00:00:00", "is_closed": True}
    assert hours[5]["day_name"] == "Cumartesi" and hours[5]["closing_time"] == "18:00:00"

    assert len(body["employees"]) == 6
    assert set(body["employees"][0]) == {"id", "name", "position", "photo", "bio"}
    assert "İrem Doğan" in {e["name"] for e in body["employees"]}

    services = {s["name"]: s for s in body["services"]}
    kesim = services["Kadın Saç Kesimi"]
    assert set(kesim) == {"id", "name", "description", "price", "duration", "image", "category"}
    assert (kesim["price"], kesim["duration"]) == ("650.00", 45)
    assert set(kesim["category"]) == {"id", "name", "description", "icon"}
    assert kesim["category"]["name"] == "Saç"
    # Upstream lists inactive services in the detail too.
    assert "Perma" in services


def test_salon_detail_404s(api, demo_salon):
    assert api.get("/api/salons/00000000-0000-4000-8000-000000000000/").status_code == 404
    demo_salon.is_active = False
    demo_salon.save()
    r = api.get("/api/salons/%s/" % demo_salon.id)
    assert r.status_code == 404
    assert "detail" in r.json()


# -- services -------------------------------------------------------------------

def test_service_lists(api, demo_salon):
    cats = api.get("/api/services/categories/").json()
    assert {c["name"] for c in cats["results"]} >= {"Saç", "Renk", "Bakım", "Tırnak"}
    own = api.get("/api/services/salon/%s/" % demo_salon.id).json()
    names = {s["name"] for s in own["results"]}
    assert own["count"] == 13 and "Perma" not in names and "Manikür" in names


# -- POST /api/appointments/create/ --------------------------------------------

def booking(salon, service, employee=None, day=None, at="14:30"):
    body = {"salon": str(salon.id), "service": str(service.id),
            "appointment_date": (day or day_ahead(2)).isoformat(), "appointment_time": at,
            "notes": "", "customer_notes": "Kısa olsun lütfen."}
    if employee:
        body["employee"] = str(employee.id)
    return body


def service_named(salon, name):
    return Service.objects.get(salon=salon, name=name)


def test_booking_needs_a_token(api, demo_salon):
    r = api.post("/api/appointments/create/",
                 booking(demo_salon, service_named(demo_salon, "Manikür")), format="json")
    assert r.status_code == 401
    assert r["WWW-Authenticate"] == "Token"
    r = api.post("/api/appointments/create/", {}, format="json",
                 HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert r.status_code == 401


def test_customer_books_an_appointment(customer_client, demo_salon):
    customer, client = customer_client
    service = service_named(demo_salon, "Manikür")
    zeynep = demo_salon.employees.get(name="Zeynep Şahin")
    r = client.post("/api/appointments/create/", booking(demo_salon, service, zeynep),
                    format="json")
    assert r.status_code == 201, r.content
    # As upstream: the reply echoes what was sent, without an id.
    assert r.json() == {"salon": str(demo_salon.id), "service": str(service.id),
                        "employee": str(zeynep.id), "appointment_date": day_ahead(2).isoformat(),
                        "appointment_time": "14:30:00", "notes": "",
                        "customer_notes": "Kısa olsun lütfen."}
    a = Appointment.objects.get(customer=customer)
    assert a.status == "pending"
    assert a.price == Decimal("450.00")                 # the service's price
    assert a.end_time == time(15, 15)                   # 45 minutes
    assert a.employee == zeynep


def test_booking_without_employee_keeps_none_and_list_leaves_the_name_out(customer_client,
                                                                          demo_salon):
    customer, client = customer_client
    r = client.post("/api/appointments/create/",
                    booking(demo_salon, service_named(demo_salon, "Fön")), format="json")
    assert r.status_code == 201
    assert r.json()["employee"] is None
    listed = client.get("/api/appointments/").json()["results"]
    assert len(listed) == 1
    assert "employee_name" not in listed[0]       # §1: a null source leaves the field out
    assert listed[0]["service_name"] == "Fön" and listed[0]["status"] == "pending"


def test_booking_refusals(customer_client, demo_salon):
    _, client = customer_client
    service = service_named(demo_salon, "Manikür")
    past = client.post("/api/appointments/create/",
                       booking(demo_salon, service, day=day_ahead(-1)), format="json")
    assert past.status_code == 400
    assert list(past.json()) == ["non_field_errors"]

    mehmet = demo_salon.employees.get(name="Mehmet Öztürk")   # a barber, no manicures
    wrong = client.post("/api/appointments/create/", booking(demo_salon, service, mehmet),
                        format="json")
    assert wrong.status_code == 400
    assert list(wrong.json()) == ["non_field_errors"]

    # An employee who is marked unavailable for the service cannot take it either.
    zeynep = demo_salon.employees.get(name="Zeynep Şahin")
    ServiceEmployee.objects.filter(service=service, employee=zeynep).update(is_available=False)
    off = client.post("/api/appointments/create/", booking(demo_salon, service, zeynep),
                      format="json")
    assert off.status_code == 400

    missing = client.post("/api/appointments/create/", {"salon": str(demo_salon.id)},
                          format="json")
    assert missing.status_code == 400
    assert {"service", "appointment_date", "appointment_time"} <= set(missing.json())
    assert Appointment.objects.filter(customer__user__username="sule").count() == 0


def test_booking_checks_neither_hours_nor_overlaps(customer_client, demo_salon):
    # Upstream checks neither working hours nor overlaps: two bookings of the
    # same employee at the same time are both taken (the kiosk's server must
    # cope with what this endpoint lets in).
    _, client = customer_client
    service = service_named(demo_salon, "Manikür")
    zeynep = demo_salon.employees.get(name="Zeynep Şahin")
    for _ in range(2):
        r = client.post("/api/appointments/create/", booking(demo_salon, service, zeynep,
                                                             at="23:30"), format="json")
        assert r.status_code == 201
    assert Appointment.objects.filter(employee=zeynep, appointment_date=day_ahead(2),
                                      appointment_time=time(23, 30)).count() == 2


# -- cancel ------------------------------------------------------------------------

def book(client, salon, name="Pedikür"):
    r = client.post("/api/appointments/create/", booking(salon, service_named(salon, name)),
                    format="json")
    assert r.status_code == 201
    return Appointment.objects.filter(service__name=name).latest("created_at")


def test_customer_cancels_own_appointment(customer_client, demo_salon):
    _, client = customer_client
    a = book(client, demo_salon)
    r = client.patch("/api/appointments/%s/cancel/" % a.id, {}, format="json")
    assert r.status_code == 200
    assert r.json() == {"message": "Randevu iptal edildi"}
    a.refresh_from_db()
    assert a.status == "cancelled"
    detail = client.get("/api/appointments/%s/" % a.id).json()
    assert detail["status"] == "cancelled" and detail["status_display"] == "İptal Edildi"


def test_cancel_is_an_update_view_as_upstream(customer_client, demo_salon):
    # Upstream's cancel is a DRF UpdateAPIView: PUT and PATCH, not POST.
    _, client = customer_client
    a = book(client, demo_salon)
    assert client.post("/api/appointments/%s/cancel/" % a.id, {}, format="json").status_code == 405
    a.refresh_from_db()
    assert a.status == "pending"
    assert client.put("/api/appointments/%s/cancel/" % a.id, {}, format="json").status_code == 200
    a.refresh_from_db()
    assert a.status == "cancelled"


def test_nobody_cancels_someone_elses_appointment(customer_client, demo_salon, api):
    _, client = customer_client
    a = book(client, demo_salon)
    _, other = make_customer("ilker", "+905059876543")
    assert other.patch("/api/appointments/%s/cancel/" % a.id, {}, format="json").status_code == 404
    assert api.patch("/api/appointments/%s/cancel/" % a.id, {}, format="json").status_code == 401
    a.refresh_from_db()
    assert a.status == "pending"


# -- loyalty, as the customer app reads it ---------------------------------------

def test_loyalty_summary_and_history(customer_client):
    customer, client = customer_client
    customer.total_spent = Decimal("520.00")
    customer.save()
    customer.add_points(52, "Tamamlanan randevu")
    body = client.get("/api/customers/loyalty/").json()
    assert body == {"loyalty_level": "gold", "loyalty_level_display": "Altın",
                    "total_points": 52, "current_points": 52, "total_spent": "520.00",
                    "total_visits": 0}
    history = client.get("/api/customers/points/history/").json()["results"]
    assert [(h["points"], h["reason"]) for h in history] == [(52, "Tamamlanan randevu")]


# -- admin ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/admin/salons/salon/", "/admin/salons/salonemployee/", "/admin/salons/salonworkinghours/",
    "/admin/services/service/", "/admin/services/servicecategory/",
    "/admin/services/serviceemployee/", "/admin/customers/customer/",
    "/admin/appointments/appointment/", "/admin/appointments/appointmentreview/",
])
def test_admin_pages_of_the_host_models(client, demo_salon, path):
    User.objects.create_superuser("yonetici", "yonetici@example.com", "yonetici-parola-1")
    assert client.login(username="yonetici", password="yonetici-parola-1")
    r = client.get(path)
    assert r.status_code == 200


def test_admin_salon_page_shows_the_salon_to_its_owner(client, demo_salon):
    # The seeded owner is staff with the salon apps' permissions (§3.1: the
    # owner works in the admin).
    assert client.login(username="moda-sahibi-11", password="moda-11")
    r = client.get("/admin/salons/salon/%s/change/" % demo_salon.id)
    assert r.status_code == 200
    assert "Moda Güzellik &amp; Kuaför" in r.content.decode()
    assert client.get("/admin/appointments/appointment/").status_code == 200
    # Not a superuser: the auth tables stay closed to the owner.
    assert client.get("/admin/auth/user/").status_code == 403


def test_service_category_is_shared_not_per_salon(demo_salon):
    # Categories are global upstream; a second salon reuses them.
    assert ServiceCategory.objects.filter(name="Saç").count() == 1
    assert SalonWorkingHours.objects.filter(salon=demo_salon).count() == 7
