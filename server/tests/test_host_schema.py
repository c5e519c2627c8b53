# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The host's schema is upstream's (kesknahmet/salonity at f9997ef), as
PostgreSQL holds it after the committed migrations."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from appointments.models import Appointment
from customers.models import Customer
from salons.models import Salon, SalonEmployee
from services.models import Service, ServiceEmployee

pytestmark = pytest.mark.django_db

HOST_APPS = ["salons", "services", "customers", "appointments"]


def columns(table):
    with connection.cursor() as cur:
        cur.execute("""SELECT column_name, data_type, is_nullable, numeric_precision,
                              numeric_scale, character_maximum_length
                         FROM information_schema.columns WHERE table_name = %s""", [table])
        return {r[0]: r[1:] for r in cur.fetchall()}


def test_the_committed_migrations_match_the_models():
    out = io.StringIO()
    call_command("makemigrations", *HOST_APPS, "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_migrations_are_named_as_upstream():
    # salonity_kiosk's migrations depend on these names, in the host and in
    # the real backend alike.
    graph = MigrationLoader(connection).graph
    leaves = {app: graph.leaf_nodes(app)[0][1] for app in HOST_APPS}
    assert leaves == {
        "salons": "0002_campaign_coupon",
        "services": "0001_initial",
        "customers": "0002_customer_current_points_customer_loyalty_level_and_more",
        "appointments": "0001_initial",
    }


def test_all_migrations_are_applied():
    loader = MigrationLoader(connection)
    unapplied = [k for k in loader.graph.leaf_nodes() if k not in loader.applied_migrations]
    assert unapplied == []


@pytest.mark.parametrize("table, column, expected", [
    ("salons_salon", "id", ("uuid", "NO", None, None, None)),
    ("salons_salon", "rating", ("numeric", "NO", 3, 2, None)),
    ("salons_salon", "opening_time", ("time without time zone", "NO", None, None, None)),
    ("salons_salon", "name", ("character varying", "NO", None, None, 200)),
    ("salons_salonworkinghours", "id", ("bigint", "NO", 64, 0, None)),
    ("salons_salonworkinghours", "day_of_week", ("integer", "NO", 32, 0, None)),
    ("services_service", "price", ("numeric", "NO", 10, 2, None)),
    ("services_service", "duration", ("integer", "NO", 32, 0, None)),
    ("services_serviceemployee", "id", ("bigint", "NO", 64, 0, None)),
    ("customers_customer", "id", ("uuid", "NO", None, None, None)),
    ("customers_customer", "phone", ("character varying", "NO", None, None, 20)),
    ("customers_customer", "total_spent", ("numeric", "NO", 10, 2, None)),
    ("customers_customer", "loyalty_level", ("character varying", "NO", None, None, 20)),
    ("customers_pointhistory", "points", ("integer", "NO", 32, 0, None)),
    ("appointments_appointment", "id", ("uuid", "NO", None, None, None)),
    ("appointments_appointment", "employee_id", ("uuid", "YES", None, None, None)),
    ("appointments_appointment", "end_time", ("time without time zone", "YES", None, None, None)),
    ("appointments_appointment", "created_at", ("timestamp with time zone", "NO", None, None, None)),
    ("appointments_appointment", "price", ("numeric", "NO", 10, 2, None)),
])
def test_column_types(table, column, expected):
    assert columns(table)[column] == expected


def test_every_upstream_field_is_there():
    assert set(columns("appointments_appointment")) == {
        "id", "customer_id", "salon_id", "service_id", "employee_id", "appointment_date",
        "appointment_time", "end_time", "status", "notes", "customer_notes", "price",
        "created_at", "updated_at", "confirmed_at", "completed_at"}
    assert set(columns("customers_customer")) == {
        "id", "user_id", "phone", "birth_date", "gender", "address", "city", "district",
        "profile_image", "loyalty_level", "total_points", "current_points", "total_spent",
        "total_visits", "created_at", "updated_at"}
    assert set(columns("salons_salonemployee")) == {
        "id", "salon_id", "name", "position", "phone", "email", "bio", "photo", "is_active",
        "created_at"}


def test_related_names_and_choices_as_upstream():
    assert Salon._meta.get_field("employees").related_model is SalonEmployee
    assert Salon._meta.get_field("services").related_model is Service
    assert Salon._meta.get_field("working_hours").related_model.__name__ == "SalonWorkingHours"
    assert Salon._meta.get_field("appointments").related_model is Appointment
    assert Service._meta.get_field("employees").related_model is ServiceEmployee
    assert SalonEmployee._meta.get_field("services").related_model is ServiceEmployee
    assert Customer._meta.get_field("point_history").related_model.__name__ == "PointHistory"
    assert [c for c, _ in Appointment.STATUS_CHOICES] == [
        "pending", "confirmed", "completed", "cancelled", "no_show"]
    assert [c for c, _ in Customer.LOYALTY_LEVELS] == ["bronze", "silver", "gold", "platinum"]
    assert Appointment._meta.get_field("status").default == "pending"


def test_one_working_hours_row_per_salon_and_day():
    with connection.cursor() as cur:
        cur.execute("""SELECT array_agg(a.attname ORDER BY a.attname)
                         FROM pg_constraint c
                         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
                        WHERE c.conrelid = 'salons_salonworkinghours'::regclass AND c.contype = 'u'
                        GROUP BY c.oid""")
        assert cur.fetchall() == [(["day_of_week", "salon_id"],)]


def test_database_speaks_utf8():
    with connection.cursor() as cur:
        cur.execute("SHOW server_encoding")
        assert cur.fetchone()[0] == "UTF8"
        cur.execute("SELECT upper(%s)", ["ılık şğü"])
        assert cur.fetchone()[0] == "ILIK ŞĞÜ"
