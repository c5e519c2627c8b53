# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""§3.1 enrollment and devices/me; §1 authentication and throttling; the
owner's ways of making a pairing code (admin, salon action, command)."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from salonity_kiosk import pairing
from salonity_kiosk.models import Device, PairingCode
from salonity_kiosk.tests.util import PREFIX, Kiosk, enroll

pytestmark = pytest.mark.django_db

TOKEN_RE = re.compile(r"^[0-9a-f]{40}$")


def pair(salon_id, code, name="Ön masa", client=None):
    return (client or APIClient()).post(PREFIX + "devices/", {"salon": str(salon_id), "pairing_code": code,
                                                              "name": name}, format="json")


def test_pairing_with_a_fresh_code_gives_a_token_for_the_salon(shop):
    code, _ = pairing.make_code(shop.salon)
    r = pair(shop.salon.pk, code, "Ön masa 1")
    assert r.status_code == 201
    body = r.json()
    assert set(body) == {"device", "token", "salon", "name"}
    assert TOKEN_RE.match(body["token"])
    assert body["salon"] == str(shop.salon.pk) and body["name"] == "Ön masa 1"
    device = Device.objects.get(pk=body["device"])
    assert device.salon_id == shop.salon.pk
    # Only a digest of the token is kept.
    assert body["token"] not in (device.token_hash, device.name)

    me = Kiosk(shop.salon, body["token"], body["device"]).get("devices/me/")
    assert me.status_code == 200
    assert me.json() == {"device": body["device"], "salon": str(shop.salon.pk), "name": "Ön masa 1"}


def test_a_code_pairs_once(shop):
    code, _ = pairing.make_code(shop.salon)
    assert pair(shop.salon.pk, code).status_code == 201
    again = pair(shop.salon.pk, code)
    assert again.status_code == 400
    assert list(again.json()) == ["pairing_code"]


def test_wrong_expired_or_other_salons_codes_are_refused(shop):
    from salonity_kiosk.tests.util import make_shop

    other = make_shop("Başka Salon")
    code, row = pairing.make_code(shop.salon)
    wrong = "%06d" % ((int(code) + 1) % 1000000)
    r = pair(shop.salon.pk, wrong)
    assert r.status_code == 400 and "pairing_code" in r.json()
    # Another salon's code does not pair with this one.
    other_code, _ = pairing.make_code(other.salon)
    if other_code != code:
        assert pair(shop.salon.pk, other_code).status_code == 400
    # Ten minutes later the code is gone.
    PairingCode.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    r = pair(shop.salon.pk, code)
    assert r.status_code == 400 and "pairing_code" in r.json()
    assert Device.objects.filter(salon=shop.salon).count() == 0


def test_a_refused_pairing_leaves_the_code_valid(shop):
    code, _ = pairing.make_code(shop.salon)
    r = pair(shop.salon.pk, code, name="")
    assert r.status_code == 400
    assert list(r.json()) == ["name"]
    assert pair(shop.salon.pk, code, name="Ön masa").status_code == 201


def test_pairing_field_errors_are_drf_shaped(shop):
    r = APIClient().post(PREFIX + "devices/", {}, format="json")
    assert r.status_code == 400
    body = r.json()
    assert set(body) == {"salon", "pairing_code", "name"}
    assert all(isinstance(v, list) and v for v in body.values())
    r = pair("9b1b8c9e-0000-4000-8000-000000000000", "123456")
    assert r.status_code == 400 and "salon" in r.json()


def test_code_lives_ten_minutes(shop):
    before = timezone.now()
    _, row = pairing.make_code(shop.salon)
    assert timedelta(minutes=9, seconds=59) < row.expires_at - before <= timedelta(minutes=10, seconds=1)


def test_unpairing_makes_the_token_stop_working(kiosk):
    r = kiosk.delete("devices/me/")
    assert r.status_code == 204
    for path in ("devices/me/", "changes/"):
        r = kiosk.get(path)
        assert r.status_code == 401
        assert r["WWW-Authenticate"] == "Token"
        assert set(r.json()) == {"detail"}
    r = kiosk.post("customers/", {})
    assert r.status_code == 401


@pytest.mark.parametrize("header", [None, "Token", "Token a b", "Bearer 0123456789abcdef0123456789abcdef01234567",
                                    "Token 0123456789abcdef0123456789abcdef01234567"])
def test_missing_malformed_or_unknown_tokens_get_401_with_the_challenge(kiosk, header):
    client = APIClient()
    if header:
        client.credentials(HTTP_AUTHORIZATION=header)
    r = client.get(PREFIX + "changes/")
    assert r.status_code == 401
    assert r["WWW-Authenticate"] == "Token"
    assert isinstance(r.json()["detail"], str)


def test_a_device_sees_nothing_of_another_salon(kiosk):
    from salonity_kiosk.tests.util import make_shop

    other = enroll(make_shop("Öteki").salon)
    mine = {c["id"] for c in kiosk.pull()[0]}
    theirs = {c["id"] for c in other.pull()[0]}
    assert str(kiosk.salon.pk) in mine and str(other.salon.pk) not in mine
    assert not (mine & theirs)


def test_unknown_paths_are_json_404_after_authentication(kiosk):
    r = kiosk.get("nothing/here/")
    assert r.status_code == 404 and set(r.json()) == {"detail"}
    assert APIClient().get(PREFIX + "nothing/").status_code == 401


def test_wrong_methods_get_405_with_allow(kiosk):
    r = kiosk.client.get(PREFIX + "customers/")
    assert r.status_code == 405
    assert "POST" in r["Allow"]
    r = kiosk.client.post(PREFIX + "changes/", {}, format="json")
    assert r.status_code == 405


def test_enrollment_is_throttled_per_ip_with_retry_after(shop, settings):
    settings.KIOSK_THROTTLE_RATES = dict(settings.KIOSK_THROTTLE_RATES, kiosk_enroll="3/min")
    caches["default"].clear()
    client = APIClient(REMOTE_ADDR="192.0.2.7")
    statuses = [pair(shop.salon.pk, "000000", client=client).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    r = pair(shop.salon.pk, "000000", client=client)
    assert r.status_code == 429
    assert 1 <= int(r["Retry-After"]) <= 60
    assert set(r.json()) == {"detail"}
    # Another address is counted apart.
    assert pair(shop.salon.pk, "000000", client=APIClient(REMOTE_ADDR="192.0.2.8")).status_code == 400


# -- how an owner makes a code ------------------------------------------------------


def test_command_prints_a_code_that_pairs(shop):
    out, err = io.StringIO(), io.StringIO()
    call_command("kiosk_pairing_code", str(shop.salon.pk), stdout=out, stderr=err)
    code = out.getvalue().strip()
    assert re.fullmatch(r"\d{6}", code)
    assert pair(shop.salon.pk, code).status_code == 201


@pytest.fixture
def admin_client(db):
    user = User.objects.create_superuser("yonetici", "yonetici@example.com", "gizli-parola-9")
    client = Client()
    client.force_login(user)
    return client


def _shown_code(response):
    texts = [str(m) for m in response.context["messages"]] if response.context else []
    for text in texts:
        m = re.search(r"\b(\d{6})\b", text)
        if m:
            return m.group(1)
    raise AssertionError("no code in %r" % texts)


def test_admin_add_pairing_code_shows_a_code_that_pairs(shop, admin_client):
    r = admin_client.post("/admin/salonity_kiosk/pairingcode/add/", {"salon": str(shop.salon.pk)}, follow=True)
    assert r.status_code == 200
    code = _shown_code(r)
    assert pair(shop.salon.pk, code).status_code == 201


def test_salon_list_action_makes_a_code(shop, admin_client):
    r = admin_client.post("/admin/salons/salon/", {"action": "make_pairing_code",
                                                   "_selected_action": [str(shop.salon.pk)]}, follow=True)
    assert r.status_code == 200
    code = _shown_code(r)
    assert pair(shop.salon.pk, code).status_code == 201


def test_admin_renames_and_revokes_devices(kiosk, admin_client):
    r = admin_client.post("/admin/salonity_kiosk/device/%s/change/" % kiosk.device, {"name": "Kapı"}, follow=True)
    assert r.status_code == 200
    assert kiosk.get("devices/me/").json()["name"] == "Kapı"
    r = admin_client.post("/admin/salonity_kiosk/device/", {"action": "revoke", "_selected_action": [kiosk.device]},
                          follow=True)
    assert r.status_code == 200
    assert kiosk.get("devices/me/").status_code == 401
