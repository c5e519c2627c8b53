# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The kiosk extension's own tables (docs/kiosk-api.md §3).

Today's Salonity tables are never altered: what the kiosk needs beyond them
(devices, the change feed, walk-ins, an appointment's kiosk fields, KVKK
consent, idempotency records) lives here. The feed's tables (SalonFeed,
Change, RowVersion, CustomerSalon) are written by the PostgreSQL triggers of
migration 0002, not by Python; docs/change-feed.md explains them.
"""

import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


def validate_timezone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError("Bilinmeyen saat dilimi: %(value)s", params={"value": value})


# ---------------------------------------------------------------- devices


class Device(models.Model):
    """A paired kiosk (§3.1). Its token is shown once, at enrollment; only
    its SHA-256 is kept, so a database leak gives no working token."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    salon = models.ForeignKey("salons.Salon", on_delete=models.CASCADE,
                              related_name="kiosk_devices", verbose_name="Salon")
    name = models.CharField("Ad", max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("Eşleştirildiği zaman", auto_now_add=True)
    last_seen = models.DateTimeField("Son görülme", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("İptal edildiği zaman", null=True, blank=True)

    class Meta:
        verbose_name = "Kiosk"
        verbose_name_plural = "Kiosklar"
        ordering = ["salon", "name"]

    def __str__(self):
        return self.name

    @property
    def is_active(self):
        return self.revoked_at is None


class PairingCode(models.Model):
    """A six-digit code an owner makes so a kiosk can pair with the salon
    (§3.1): valid ten minutes, used once. Only an HMAC of it is kept."""

    salon = models.ForeignKey("salons.Salon", on_delete=models.CASCADE,
                              related_name="kiosk_pairing_codes", verbose_name="Salon")
    code_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField("Oluşturulduğu zaman", default=timezone.now, editable=False)
    expires_at = models.DateTimeField("Geçerlilik sonu", editable=False)
    used_at = models.DateTimeField("Kullanıldığı zaman", null=True, blank=True, editable=False)
    device = models.ForeignKey(Device, on_delete=models.SET_NULL, null=True, blank=True,
                               editable=False, related_name="+", verbose_name="Eşleşen kiosk")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, editable=False, related_name="+",
                                   verbose_name="Oluşturan")

    class Meta:
        verbose_name = "Eşleştirme kodu"
        verbose_name_plural = "Eşleştirme kodları"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["salon", "code_hash"], name="kiosk_pairing_lookup")]

    def __str__(self):
        return "%s, %s" % (self.salon, timezone.localtime(self.created_at).strftime("%Y-%m-%d %H:%M"))

    @property
    def state(self):
        if self.used_at is not None:
            return "used"
        if self.expires_at <= timezone.now():
            return "expired"
        return "valid"


# ---------------------------------------------------------- the change feed


class SalonFeed(models.Model):
    """One row per salon: the last seq handed out (taken by the triggers with
    an UPDATE, whose row lock orders a salon's writers by commit) and the seq
    below which changes were trimmed (a cursor below it gets 410)."""

    salon_id = models.UUIDField(primary_key=True)
    last_seq = models.BigIntegerField(default=0)
    trimmed_seq = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "Değişiklik akışı"
        verbose_name_plural = "Değişiklik akışları"


class Change(models.Model):
    """The feed's log (§3.2): one row per change of a row as a salon sees
    it. The feed serves the row's current data, so only the op is logged."""

    id = models.BigAutoField(primary_key=True)
    salon_id = models.UUIDField()
    seq = models.BigIntegerField()
    entity = models.CharField(max_length=20)
    row_id = models.CharField(max_length=80)
    op = models.CharField(max_length=6)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "Değişiklik"
        verbose_name_plural = "Değişiklikler"
        constraints = [
            models.UniqueConstraint(fields=["salon_id", "seq"], name="kiosk_change_salon_seq"),
        ]


class RowVersion(models.Model):
    """The latest seq of each row in each salon's feed: the `version` the
    feed serves (§3.2), and how a page tells a superseded change."""

    id = models.BigAutoField(primary_key=True)
    salon_id = models.UUIDField()
    entity = models.CharField(max_length=20)
    row_id = models.CharField(max_length=80)
    seq = models.BigIntegerField()
    op = models.CharField(max_length=6)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["salon_id", "entity", "row_id"], name="kiosk_rowversion_row"),
        ]


class CustomerSalon(models.Model):
    """A customer is in a salon's feed once they have an appointment, a
    walk-in visit or points there, or were made or found by its kiosk (§3.2).
    Plain ids, no foreign keys: the triggers need the row while a customer's
    deletion cascades, to send the tombstones."""

    id = models.BigAutoField(primary_key=True)
    customer_id = models.UUIDField()
    salon_id = models.UUIDField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["customer_id", "salon_id"], name="kiosk_customersalon_pair"),
        ]
        indexes = [models.Index(fields=["salon_id", "customer_id"], name="kiosk_customersalon_salon")]


class BookedInterval(models.Model):
    """The time an employee is booked, one row per live appointment (pending,
    confirmed or completed) that has an employee. Migration 0002 adds the
    `during tsrange` column and an exclusion constraint (btree_gist) so that
    two overlapping intervals of one employee cannot both commit: that is
    what makes exactly one of two concurrent bookings of a slot win (§3.3
    slot_taken). Written by triggers and by the kiosk's booking, in SQL."""

    appointment_id = models.UUIDField(primary_key=True)
    employee_id = models.UUIDField()


# ------------------------------------------------------- the salon's extras


class SalonOptions(models.Model):
    """What the kiosk needs of a salon that today's Salon has not."""

    salon = models.OneToOneField("salons.Salon", on_delete=models.CASCADE, primary_key=True,
                                 related_name="kiosk_options", verbose_name="Salon")
    timezone = models.CharField("Saat dilimi", max_length=64, default="Europe/Istanbul",
                                validators=[validate_timezone])

    class Meta:
        verbose_name = "Kiosk ayarı"
        verbose_name_plural = "Kiosk ayarları"

    def __str__(self):
        return str(self.salon)


class AppointmentExtra(models.Model):
    """An appointment's kiosk fields (§3.4): how it was booked and when the
    person checked in."""

    # "app": booked elsewhere (upstream's app or site), kept when such an
    # appointment is checked in at the kiosk.
    SOURCES = [("kiosk", "Kiosk"), ("walk_in", "Kapıdan gelen"), ("app", "Uygulama")]

    appointment = models.OneToOneField("appointments.Appointment", on_delete=models.CASCADE,
                                       primary_key=True, related_name="kiosk_extra")
    source = models.CharField(max_length=20, choices=SOURCES, default="kiosk")
    checked_in_at = models.DateTimeField(null=True, blank=True)
    device = models.ForeignKey(Device, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Randevunun kiosk bilgisi"
        verbose_name_plural = "Randevuların kiosk bilgileri"


class WalkIn(models.Model):
    """A person who came without an appointment and waits in the queue."""

    STATUSES = [
        ("waiting", "Bekliyor"),
        ("called", "Çağrıldı"),
        ("in_service", "Hizmette"),
        ("done", "Bitti"),
        ("left", "Ayrıldı"),
    ]
    # From -> to, the desk's only moves (§3.3).
    TRANSITIONS = {
        "waiting": {"called", "in_service", "left"},
        "called": {"in_service", "left"},
        "in_service": {"done"},
        "done": set(),
        "left": set(),
    }

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    salon = models.ForeignKey("salons.Salon", on_delete=models.CASCADE, related_name="kiosk_walkins")
    customer = models.ForeignKey("customers.Customer", on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="kiosk_walkins")
    name = models.CharField("Ad", max_length=200, blank=True)
    phone = models.CharField("Telefon", max_length=20, blank=True)
    service = models.ForeignKey("services.Service", on_delete=models.CASCADE,
                                related_name="kiosk_walkins")
    preferred_employee = models.ForeignKey("salons.SalonEmployee", on_delete=models.SET_NULL,
                                           null=True, blank=True, related_name="+")
    employee = models.ForeignKey("salons.SalonEmployee", on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="+")
    status = models.CharField("Durum", max_length=20, choices=STATUSES, default="waiting")
    arrived_at = models.DateTimeField("Geliş")
    called_at = models.DateTimeField("Çağrılma", null=True, blank=True)
    finished_at = models.DateTimeField("Bitiş", null=True, blank=True)
    device = models.ForeignKey(Device, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Kapıdan gelen müşteri"
        verbose_name_plural = "Kapıdan gelen müşteriler"
        ordering = ["arrived_at"]
        indexes = [models.Index(fields=["salon", "arrived_at"], name="kiosk_walkin_salon")]

    def __str__(self):
        return self.name or str(self.customer or self.id)


class Consent(models.Model):
    """KVKK consent given at a kiosk (§3.6): who (the customer or walk-in it
    came with), when they gave it (the kiosk's clock), which notice they were
    shown, from which device, and when the server received it."""

    id = models.BigAutoField(primary_key=True)
    salon = models.ForeignKey("salons.Salon", on_delete=models.CASCADE, related_name="+")
    device = models.ForeignKey(Device, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    customer = models.ForeignKey("customers.Customer", on_delete=models.SET_NULL, null=True,
                                 blank=True, related_name="kiosk_consents")
    walkin = models.ForeignKey(WalkIn, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="consents")
    consent_at = models.DateTimeField("Onay zamanı")
    notice = models.CharField("Aydınlatma metni sürümü", max_length=100)
    received_at = models.DateTimeField("Alındığı zaman", auto_now_add=True)

    class Meta:
        verbose_name = "KVKK onayı"
        verbose_name_plural = "KVKK onayları"
        ordering = ["-received_at"]


# ------------------------------------------------------------- idempotency


class IdempotencyRecord(models.Model):
    """An upload's Idempotency-Key (§3.3). The unique (device, key) decides
    which request owns a key; the owner stores its answer (never a 5xx) in
    the same transaction as its effect."""

    PROCESSING = "processing"
    DONE = "done"

    id = models.BigAutoField(primary_key=True)
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    fingerprint = models.CharField(max_length=64)
    state = models.CharField(max_length=12)
    claim = models.UUIDField()
    status_code = models.SmallIntegerField(null=True)
    body = models.BinaryField(null=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["device", "key"], name="kiosk_idempotency_key"),
        ]
        indexes = [models.Index(fields=["created_at"], name="kiosk_idempotency_age")]
