# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The Salonity admin's kiosk pages (§3.1): devices (rename, revoke),
pairing codes (Add makes a fresh code and shows it once), walk-ins and KVKK
consents to look at, and the action "Make a kiosk pairing code" added to
upstream's salon list without touching upstream's admin.py.

salonity_kiosk must come after `salons` in INSTALLED_APPS for the action
(the admin imports each app's admin module in that order)."""

from django.apps import apps
from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from . import nudges, pairing
from .models import Consent, Device, PairingCode, SalonOptions, WalkIn


def _code_message(salon, code, row):
    return "%s için kiosk eşleştirme kodu: %s (%s saatine kadar, bir kez geçerli)" % (
        salon, code, timezone.localtime(row.expires_at).strftime("%H:%M"))


@admin.register(Device)
class DeviceAdmin(admin.ModelAdmin):
    list_display = ["name", "salon", "created_at", "last_seen", "revoked_at"]
    list_filter = ["revoked_at", "salon"]
    search_fields = ["name", "salon__name"]
    fields = ["name", "salon", "created_at", "last_seen", "revoked_at"]
    readonly_fields = ["salon", "created_at", "last_seen", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False  # a device is made by pairing (§3.1), never by hand

    @admin.action(description="Seçili kioskların erişimini iptal et")
    def revoke(self, request, queryset):
        ids = list(queryset.filter(revoked_at__isnull=True).values_list("pk", flat=True))
        with transaction.atomic():
            Device.objects.filter(pk__in=ids).update(revoked_at=timezone.now())
            for pk in ids:
                transaction.on_commit(lambda pk=pk: nudges.device_revoked(pk))
        self.message_user(request, "%d kiosk iptal edildi; jetonları artık çalışmaz." % len(ids))


@admin.register(PairingCode)
class PairingCodeAdmin(admin.ModelAdmin):
    list_display = ["salon", "created_at", "expires_at", "used_at", "device", "created_by"]
    list_filter = ["salon"]
    fields = ["salon"]

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        code, row = pairing.make_code(obj.salon, created_by=request.user)
        obj.pk = row.pk
        obj.__dict__.update(row.__dict__)
        request._kiosk_code_shown = (obj.salon, code, row)

    def response_add(self, request, obj, post_url_continue=None):
        salon, code, row = request._kiosk_code_shown
        self.message_user(request, _code_message(salon, code, row), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:salonity_kiosk_pairingcode_changelist"))


@admin.register(WalkIn)
class WalkInAdmin(admin.ModelAdmin):
    list_display = ["__str__", "salon", "service", "status", "arrived_at"]
    list_filter = ["status", "salon"]
    raw_id_fields = ["customer", "service", "preferred_employee", "employee", "device"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["received_at", "salon", "customer", "walkin", "consent_at", "notice", "device"]
    list_filter = ["notice", "salon"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SalonOptions)
class SalonOptionsAdmin(admin.ModelAdmin):
    list_display = ["salon", "timezone"]


@admin.action(description="Kiosk eşleştirme kodu oluştur")
def make_pairing_code(modeladmin, request, queryset):
    for salon in queryset:
        code, row = pairing.make_code(salon, created_by=request.user)
        modeladmin.message_user(request, _code_message(salon, code, row), messages.SUCCESS)


def add_salon_action(site=admin.site):
    """Adds make_pairing_code to the registered Salon admin's actions (on
    that instance, so upstream's class stays as it is). Returns whether it
    could (False when the host does not register Salon in the admin)."""
    Salon = apps.get_model("salons", "Salon")
    salon_admin = site._registry.get(Salon)
    if salon_admin is None:
        return False
    current = list(salon_admin.actions or [])
    if make_pairing_code not in current:
        salon_admin.actions = current + [make_pairing_code]
    return True


add_salon_action()
