# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""§3.2 the change feed: snapshot, paging, live changes, tombstones, cursors,
trimming; and §3.2's promise that every write reaches it, whoever makes it
(upstream's booking and cancel endpoints, QuerySet.update(), the admin)."""

import io
import threading
import time
import uuid
from datetime import date, datetime
from datetime import time as clock
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from appointments.models import Appointment
from customers.models import PointHistory
from salonity_kiosk import cursor as cursors
from salonity_kiosk.models import SalonFeed, SalonOptions, WalkIn
from salonity_kiosk.tests.util import (Replica, day_ahead, enroll, make_customer, make_shop,
                                       new_id, run_threads, server_rows)
from salons.models import SalonEmployee, SalonWorkingHours
from services.models import Service, ServiceCategory, ServiceEmployee

pytestmark = pytest.mark.django_db

FIELDS = {
    "salon": {"id", "name", "address", "city", "district", "phone", "opening_time", "closing_time", "timezone"},
    "working_hours": {"id", "day_of_week", "opening_time", "closing_time", "is_closed"},
    "category": {"id", "name", "description", "icon"},
    "service": {"id", "category", "name", "description", "price", "duration", "is_active"},
    "employee": {"id", "name", "position", "is_active", "services"},
    "customer": {"id", "first_name", "last_name", "phone", "loyalty_level", "total_points", "current_points",
                 "total_spent", "total_visits", "updated_at"},
    "appointment": {"id", "customer", "service", "employee", "appointment_date", "appointment_time", "end_time",
                    "status", "notes", "price", "source", "checked_in_at", "created_at", "updated_at"},
    "walkin": {"id", "customer", "name", "phone", "service", "preferred_employee", "employee", "status",
               "arrived_at", "called_at", "finished_at"},
    "point_entry": {"id", "customer", "points", "reason", "created_at"},
}
ORDER = list(FIELDS)


def upstream_booking(shop, customer, day, at="11:00"):
    """A booking as upstream's code makes one (its save() fills end_time)."""
    return Appointment.objects.create(customer=customer, salon=shop.salon, service=shop.cut, employee=shop.ayse,
                                      appointment_date=date.fromisoformat(day),
                                      appointment_time=datetime.strptime(at, "%H:%M").time(),
                                      price=shop.cut.price, status="pending")


def by_key(changes):
    return {(c["entity"], c["id"]): c for c in changes}


def test_snapshot_serves_every_row_of_the_salon_once_as_upserts_in_entity_order(shop, kiosk):
    SalonWorkingHours.objects.create(salon=shop.salon, day_of_week=6, opening_time=clock(10),
                                     closing_time=clock(16))
    regular = make_customer(phone="+905321112233")
    stranger = make_customer(first="Yabancı", phone="+905329990000")  # never came here
    appt = upstream_booking(shop, regular, day_ahead(shop.salon, 3))
    regular.add_points(7, "Hoş geldin")
    other = make_shop("Başka")
    upstream_booking(other, stranger, day_ahead(other.salon, 3))

    changes, cursor = kiosk.pull()
    assert all(c["op"] == "upsert" for c in changes)
    ranks = [ORDER.index(c["entity"]) for c in changes]
    assert ranks == sorted(ranks)
    for c in changes:
        assert set(c) == {"entity", "op", "id", "version", "data"}
        assert set(c["data"]) == FIELDS[c["entity"]], c["entity"]
        assert c["data"]["id"] == c["id"]
        assert isinstance(c["version"], int) and c["version"] >= 1
    rows = by_key(changes)
    assert len(rows) == len(changes)
    ids = {(e, i) for e, i in rows}
    assert ("salon", str(shop.salon.pk)) in ids
    assert ("working_hours", "%s:6" % shop.salon.pk) in ids
    assert ("category", str(shop.hair.pk)) in ids
    assert {i for e, i in ids if e == "service"} == {str(shop.cut.pk), str(shop.colour.pk), str(shop.old.pk)}
    assert {i for e, i in ids if e == "employee"} == {str(shop.ayse.pk), str(shop.zeynep.pk), str(shop.kerem.pk)}
    assert {i for e, i in ids if e == "customer"} == {str(regular.pk)}
    assert {i for e, i in ids if e == "appointment"} == {str(appt.pk)}
    assert len([1 for e, i in ids if e == "point_entry"]) == 1
    assert str(other.salon.pk) not in {i for e, i in ids}

    salon = rows[("salon", str(shop.salon.pk))]["data"]
    assert salon["timezone"] == "Europe/Istanbul"
    assert salon["opening_time"] == "09:00:00" and salon["closing_time"] == "20:00:00"
    cut = rows[("service", str(shop.cut.pk))]["data"]
    assert cut["price"] == "250.00" and cut["duration"] == 30 and cut["category"] == str(shop.hair.pk)
    ayse = rows[("employee", str(shop.ayse.pk))]["data"]
    assert sorted(ayse["services"]) == sorted([str(shop.cut.pk), str(shop.colour.pk), str(shop.old.pk)])
    a = rows[("appointment", str(appt.pk))]["data"]
    assert a["source"] == "app" and a["checked_in_at"] is None
    assert a["appointment_time"] == "11:00:00" and a["end_time"] == "11:30:00" and a["price"] == "250.00"
    assert a["created_at"].endswith("+03:00")
    c = rows[("customer", str(regular.pk))]["data"]
    assert (c["first_name"], c["last_name"], c["current_points"], c["total_spent"]) == ("Şule", "Ağaoğlu", 7, "0.00")

    # Up to date: nothing more after the cursor.
    page = kiosk.feed(cursor)
    assert page["changes"] == [] and page["has_more"] is False


def test_small_pages_give_the_same_rows_as_one_big_page(shop, kiosk):
    for i in range(4):
        upstream_booking(shop, make_customer(phone="+90532111000%d" % i), day_ahead(shop.salon, 2 + i))
    whole, _ = kiosk.pull(limit=1000)
    pages, cursor, n = [], None, 0
    while True:
        page = kiosk.feed(cursor, limit=3)
        assert len(page["changes"]) <= 3
        pages.extend(page["changes"])
        cursor = page["cursor"]
        n += 1
        if not page["has_more"]:
            break
    assert n >= len(whole) // 3
    assert [(c["entity"], c["id"], c["version"]) for c in pages] == [(c["entity"], c["id"], c["version"]) for c in whole]


@pytest.mark.parametrize("limit", ["0", "1001", "abc", "-1"])
def test_bad_limits_are_400(kiosk, limit):
    r = kiosk.get("changes/", limit=limit)
    assert r.status_code == 400 and list(r.json()) == ["limit"]


@pytest.mark.parametrize("since", ["x", "!!!", "MXx8", cursors.Cursor(seq=1).encode("x")[:-2] + "@@"])
def test_garbage_cursors_are_400(kiosk, since):
    r = kiosk.get("changes/", since=since)
    assert r.status_code == 400 and list(r.json()) == ["since"]


def test_a_cursor_of_another_salon_or_from_the_future_is_expired(shop, kiosk):
    other = enroll(make_shop("Öteki").salon)
    _, theirs = other.pull()
    r = kiosk.get("changes/", since=theirs)
    assert r.status_code == 410 and r.json()["code"] == "cursor_expired"
    _, mine = kiosk.pull()
    last = SalonFeed.objects.get(salon_id=shop.salon.pk).last_seq
    r = kiosk.get("changes/", since=cursors.Cursor(seq=last + 100).encode(shop.salon.pk))
    assert r.status_code == 410 and r.json()["code"] == "cursor_expired"


def test_live_changes_come_after_the_cursor_with_growing_versions_and_tombstones(shop, kiosk):
    snapshot, cursor = kiosk.pull()
    held = {(c["entity"], c["id"]): c["version"] for c in snapshot}

    Service.objects.filter(pk=shop.cut.pk).update(price=Decimal("275.00"))
    SalonEmployee.objects.filter(pk=shop.zeynep.pk).delete()
    page = kiosk.feed(cursor)
    assert page["has_more"] is False
    got = by_key(page["changes"])
    cut = got[("service", str(shop.cut.pk))]
    assert cut["op"] == "upsert" and cut["data"]["price"] == "275.00"
    assert cut["version"] > held[("service", str(shop.cut.pk))]
    gone = got[("employee", str(shop.zeynep.pk))]
    assert gone["op"] == "delete" and gone["data"] is None
    assert gone["version"] > held[("employee", str(shop.zeynep.pk))]
    versions = [c["version"] for c in page["changes"]]
    assert versions == sorted(versions)
    # Nothing new: the same cursor position, nothing served.
    again = kiosk.feed(page["cursor"])
    assert again["changes"] == [] and again["has_more"] is False


def test_a_row_changed_many_times_comes_once_with_its_latest_data(shop, kiosk):
    _, cursor = kiosk.pull()
    for name in ("Kesim 1", "Kesim 2", "Kesim 3"):
        Service.objects.filter(pk=shop.cut.pk).update(name=name)
    page = kiosk.feed(cursor)
    cuts = [c for c in page["changes"] if c["id"] == str(shop.cut.pk)]
    assert len(cuts) == 1 and cuts[0]["data"]["name"] == "Kesim 3"


def test_unknown_rows_of_other_salons_never_leak_through_the_live_feed(shop, kiosk):
    _, cursor = kiosk.pull()
    other = make_shop("Öteki")
    Service.objects.filter(pk=other.cut.pk).update(price=Decimal("1.00"))
    page = kiosk.feed(cursor)
    assert all(c["id"] != str(other.cut.pk) for c in page["changes"])


def test_moving_an_employee_to_another_salon_is_a_tombstone_here(shop, kiosk):
    other = enroll(make_shop("Öteki").salon)
    _, cursor = kiosk.pull()
    _, their_cursor = other.pull()
    SalonEmployee.objects.filter(pk=shop.zeynep.pk).update(salon=other.salon)
    here = by_key(kiosk.feed(cursor)["changes"])
    assert here[("employee", str(shop.zeynep.pk))]["op"] == "delete"
    there = by_key(other.feed(their_cursor)["changes"])
    assert there[("employee", str(shop.zeynep.pk))]["op"] == "upsert"


def test_service_links_categories_and_hours_reach_the_feed(shop, kiosk):
    _, cursor = kiosk.pull()
    ServiceEmployee.objects.filter(service=shop.colour, employee=shop.ayse).delete()
    ServiceEmployee.objects.create(service=shop.colour, employee=shop.zeynep)
    nails = ServiceCategory.objects.create(name="Tırnak")
    Service.objects.filter(pk=shop.old.pk).update(category=nails)
    SalonWorkingHours.objects.create(salon=shop.salon, day_of_week=0, opening_time=clock(10), closing_time=clock(18))
    ServiceCategory.objects.filter(pk=shop.hair.pk).update(icon="fa-scissors")
    page = kiosk.feed(cursor)
    got = by_key(page["changes"])
    assert str(shop.colour.pk) not in got[("employee", str(shop.ayse.pk))]["data"]["services"]
    assert str(shop.colour.pk) in got[("employee", str(shop.zeynep.pk))]["data"]["services"]
    assert got[("category", str(nails.pk))]["op"] == "upsert"
    assert got[("service", str(shop.old.pk))]["data"]["category"] == str(nails.pk)
    assert got[("working_hours", "%s:0" % shop.salon.pk)]["data"]["opening_time"] == "10:00:00"
    assert got[("category", str(shop.hair.pk))]["data"]["icon"] == "fa-scissors"
    # The salon's last service in a category leaves: so does the category.
    _, cursor = kiosk.pull(page["cursor"])
    Service.objects.filter(pk=shop.old.pk).delete()
    got = by_key(kiosk.feed(cursor)["changes"])
    assert got[("service", str(shop.old.pk))]["op"] == "delete"
    assert got[("category", str(nails.pk))]["op"] == "delete"


def test_salon_edits_and_its_timezone_reach_the_feed(shop, kiosk):
    _, cursor = kiosk.pull()
    shop.salon.name = "Moda Güzellik"
    shop.salon.save()
    SalonOptions.objects.create(salon=shop.salon, timezone="Europe/Berlin")
    got = by_key(kiosk.feed(cursor)["changes"])
    salon = got[("salon", str(shop.salon.pk))]["data"]
    assert salon["name"] == "Moda Güzellik" and salon["timezone"] == "Europe/Berlin"


# -- every writer reaches the feed --------------------------------------------------


def customer_api(customer):
    token = Token.objects.create(user=customer.user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + token.key)
    return client


def test_a_booking_and_a_cancel_through_upstreams_endpoints_reach_the_feed(shop, kiosk):
    customer = make_customer(first="Deniz", phone="+905551110000")
    _, cursor = kiosk.pull()
    client = customer_api(customer)
    r = client.post("/api/appointments/create/", {
        "salon": str(shop.salon.pk), "service": str(shop.cut.pk), "employee": str(shop.zeynep.pk),
        "appointment_date": day_ahead(shop.salon, 4), "appointment_time": "15:00", "notes": "ilk kez"},
        format="json")
    assert r.status_code == 201, r.content
    appt = Appointment.objects.get(customer=customer)
    page = kiosk.feed(cursor)
    got = by_key(page["changes"])
    # The customer comes with (before) their first appointment at the salon.
    keys = [(c["entity"], c["id"]) for c in page["changes"]]
    assert keys.index(("customer", str(customer.pk))) < keys.index(("appointment", str(appt.pk)))
    data = got[("appointment", str(appt.pk))]["data"]
    assert data["status"] == "pending" and data["employee"] == str(shop.zeynep.pk) and data["source"] == "app"
    assert got[("customer", str(customer.pk))]["data"]["first_name"] == "Deniz"

    r = client.put("/api/appointments/%s/cancel/" % appt.pk, {}, format="json")
    assert r.status_code == 200, r.content
    got = by_key(kiosk.feed(page["cursor"])["changes"])
    assert got[("appointment", str(appt.pk))]["data"]["status"] == "cancelled"


def test_queryset_update_and_bulk_writes_reach_the_feed(shop, kiosk):
    customer = make_customer()
    appts = [upstream_booking(shop, customer, day_ahead(shop.salon, 2), at) for at in ("10:00", "12:00", "14:00")]
    _, cursor = kiosk.pull()
    Appointment.objects.filter(pk__in=[a.pk for a in appts]).update(status="confirmed")
    PointHistory.objects.bulk_create([PointHistory(customer=customer, points=5, reason="Kampanya")])
    # bulk_create skips save(), which fills end_time: the feed still gives one.
    bulk, = Appointment.objects.bulk_create([Appointment(
        customer=customer, salon=shop.salon, service=shop.colour, appointment_date=date.fromisoformat(
            day_ahead(shop.salon, 3)), appointment_time=clock(10, 15), price=shop.colour.price)])
    got = by_key(kiosk.feed(cursor)["changes"])
    assert all(got[("appointment", str(a.pk))]["data"]["status"] == "confirmed" for a in appts)
    assert [c for (e, _), c in got.items() if e == "point_entry"][0]["data"]["points"] == 5
    assert got[("appointment", str(bulk.pk))]["data"]["end_time"] == "11:45:00"


def test_an_admin_edit_reaches_the_feed(shop, kiosk):
    customer = make_customer()
    appt = upstream_booking(shop, customer, day_ahead(shop.salon, 2))
    _, cursor = kiosk.pull()
    admin = User.objects.create_superuser("yonetici", "y@example.com", "gizli-parola-9")
    client = Client()
    client.force_login(admin)
    r = client.post("/admin/appointments/appointment/%s/change/" % appt.pk, {
        "customer": str(customer.pk), "salon": str(shop.salon.pk), "service": str(shop.cut.pk),
        "employee": str(shop.ayse.pk), "appointment_date": day_ahead(shop.salon, 2),
        "appointment_time": "16:30:00", "end_time": "17:00:00", "status": "confirmed", "price": "250.00",
        "notes": "yönetici değiştirdi", "customer_notes": ""})
    assert r.status_code == 302, r.content[:2000]
    data = by_key(kiosk.feed(cursor)["changes"])[("appointment", str(appt.pk))]["data"]
    assert (data["appointment_time"], data["status"], data["notes"]) == ("16:30:00", "confirmed",
                                                                         "yönetici değiştirdi")


def test_a_customer_renamed_on_their_user_reaches_every_salon_that_knows_them(shop, kiosk):
    other = make_shop("Öteki")
    other_kiosk = enroll(other.salon)
    customer = make_customer()
    upstream_booking(shop, customer, day_ahead(shop.salon, 2))
    upstream_booking(other, customer, day_ahead(other.salon, 2))
    _, mine = kiosk.pull()
    _, theirs = other_kiosk.pull()
    customer.user.first_name = "Şölen"
    customer.user.save()
    for k, cur in ((kiosk, mine), (other_kiosk, theirs)):
        got = by_key(k.feed(cur)["changes"])
        assert got[("customer", str(customer.pk))]["data"]["first_name"] == "Şölen"


def test_deleting_a_customer_sends_tombstones_for_them_and_their_rows(shop, kiosk):
    customer = make_customer()
    appt = upstream_booking(shop, customer, day_ahead(shop.salon, 2))
    customer.add_points(3, "Hediye")
    entry = PointHistory.objects.get(customer=customer)
    _, cursor = kiosk.pull()
    customer.user.delete()  # cascades to the customer, their appointments and points
    got = by_key(kiosk.feed(cursor)["changes"])
    for key in (("customer", str(customer.pk)), ("appointment", str(appt.pk)), ("point_entry", str(entry.pk))):
        assert got[key]["op"] == "delete", key


# -- retention ---------------------------------------------------------------------


def trim(days):
    out = io.StringIO()
    call_command("kiosk_trim_changes", "--keep-days", str(days), stdout=out)
    return out.getvalue()


def test_trimming_expires_older_cursors_and_a_new_snapshot_recovers(shop, kiosk):
    customer = make_customer()
    _, old_cursor = kiosk.pull()
    appt = upstream_booking(shop, customer, day_ahead(shop.salon, 2))
    trim(30)  # nothing is that old
    got = by_key(kiosk.feed(old_cursor)["changes"])
    assert ("appointment", str(appt.pk)) in got

    _, current = kiosk.pull(old_cursor)
    Appointment.objects.filter(pk=appt.pk).delete()
    assert "trimmed" in trim(0)
    r = kiosk.get("changes/", since=old_cursor)
    assert r.status_code == 410
    assert r.json()["code"] == "cursor_expired" and isinstance(r.json()["detail"], str)
    r = kiosk.get("changes/", since=current)
    assert r.status_code == 410  # the tombstone after it is gone too
    # A new snapshot holds exactly the server's rows, and goes on from there.
    replica = Replica()
    changes, cursor = kiosk.pull()
    replica.apply(changes)
    assert replica.rows == server_rows(shop.salon)
    Service.objects.filter(pk=shop.cut.pk).update(duration=45)
    replica.apply(kiosk.feed(cursor)["changes"])
    assert replica.of("service")[str(shop.cut.pk)]["duration"] == 45


# -- a snapshot taken while the salon is busy ----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_snapshot_taken_while_writes_go_on_converges_to_the_servers_rows():
    shop = make_shop()
    kiosk = enroll(shop.salon)
    customers = [make_customer(phone="+9053200000%02d" % i) for i in range(12)]
    for i, c in enumerate(customers):
        upstream_booking(shop, c, day_ahead(shop.salon, 1 + i % 5), "%02d:00" % (9 + i % 10))
    stop = threading.Event()
    writes = []

    def writer():
        i = 0
        while not stop.is_set() and i < 400:
            i += 1
            c = customers[i % len(customers)]
            if i % 4 == 0:
                a = Appointment.objects.filter(salon=shop.salon).order_by("?").first()
                if a is not None:
                    a.delete()
            elif i % 4 == 1:
                upstream_booking(shop, c, day_ahead(shop.salon, 1 + i % 9), "%02d:%02d" % (9 + i % 10, i % 60))
            elif i % 4 == 2:
                Service.objects.filter(pk=shop.cut.pk).update(price=Decimal(200 + i))
                c.add_points(1, "Ziyaret %d" % i)
            else:
                WalkIn.objects.create(id=new_id(), salon=shop.salon, name="Kapı %d" % i, service=shop.cut,
                                      arrived_at="2026-03-01T10:00:00+03:00")
            writes.append(i)
        return i

    def reader():
        replica = Replica()
        cursor, pages = None, 0
        while not stop.is_set() or pages == 0:
            page = kiosk.feed(cursor, limit=7)
            replica.apply(page["changes"])
            cursor = page["cursor"]
            pages += 1
            if not page["has_more"]:
                time.sleep(0.01)
        return replica, cursor

    def stopper():
        time.sleep(2.0)
        stop.set()

    _, (replica, cursor), _ = run_threads(writer, reader, stopper, timeout=120)
    assert len(writes) > 20
    # Once writes stop, the rest of the feed brings the replica to the server's rows.
    changes, _ = kiosk.pull(cursor)
    replica.apply(changes)
    assert replica.rows == server_rows(shop.salon)
    assert len(replica.of("appointment")) == Appointment.objects.filter(salon=shop.salon).count()


def test_trimming_in_small_batches_raises_each_salons_watermark_to_what_it_deleted(shop, kiosk):
    from datetime import timedelta

    from django.utils import timezone

    from salonity_kiosk.management.commands.kiosk_trim_changes import trim as trim_batches
    from salonity_kiosk.models import Change, IdempotencyRecord

    other = make_shop("Öteki")
    for price in range(5):
        Service.objects.filter(pk=shop.cut.pk).update(price=Decimal(300 + price))
        Service.objects.filter(pk=other.cut.pk).update(price=Decimal(300 + price))
    old = timezone.now() - timedelta(days=40)
    mine = list(Change.objects.filter(salon_id=shop.salon.pk).order_by("seq").values_list("seq", flat=True))
    cut_at = mine[len(mine) // 2]
    Change.objects.filter(salon_id=shop.salon.pk, seq__lte=cut_at).update(created_at=old)
    Change.objects.filter(salon_id=other.salon.pk).update(created_at=old)
    theirs = Change.objects.filter(salon_id=other.salon.pk).count()
    deleted, _ = trim_batches(30, batch=3)
    assert deleted == len([s for s in mine if s <= cut_at]) + theirs
    assert SalonFeed.objects.get(salon_id=shop.salon.pk).trimmed_seq == cut_at
    assert SalonFeed.objects.get(salon_id=other.salon.pk).trimmed_seq == \
        SalonFeed.objects.get(salon_id=other.salon.pk).last_seq
    assert list(Change.objects.filter(salon_id=shop.salon.pk).values_list("seq", flat=True).order_by("seq")) == \
        [s for s in mine if s > cut_at]
    assert kiosk.get("changes/", since=cursors.Cursor(seq=cut_at - 1).encode(shop.salon.pk)).status_code == 410
    assert kiosk.get("changes/", since=cursors.Cursor(seq=cut_at).encode(shop.salon.pk)).status_code == 200

    # Idempotency keys live 30 days at least.
    now = timezone.now()
    for age in (29, 31):
        IdempotencyRecord.objects.create(device_id=kiosk.device, key=uuid.uuid4(), fingerprint="x", state="done",
                                         claim=uuid.uuid4(), status_code=201, body=b"{}",
                                         created_at=now - timedelta(days=age), updated_at=now)
    trim(0)
    ages = [(now - r.created_at).days for r in IdempotencyRecord.objects.all()]
    assert ages == [29]
