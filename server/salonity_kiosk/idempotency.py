# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Idempotency-Key (§3.3).

1. Claim: INSERT the (device, key) row as "processing" with ON CONFLICT DO
   NOTHING, in its own committed transaction. The unique constraint, not a
   look-up first, decides which request owns the key: of two requests with
   one key sent at once exactly one inserts.
2. A request that did not insert reads the row: another body → 422
   idempotency_key_reused; still processing → 409 request_in_progress;
   done → the stored status and body, byte for byte.
3. The owner runs the mutation and stores its answer in the same
   transaction as the mutation's effect, so an answer is stored if and only
   if the effect committed. A refusal (4xx) is stored too: it is the key's
   answer. A 5xx (an exception) rolls everything back and releases the
   claim, so a retry runs the mutation again.
4. A worker that dies between 1 and 3 leaves a "processing" row; after
   KIOSK_IDEMPOTENCY_STALE_SECONDS a retry takes the claim over (a fresh
   claim token; the old worker, were it alive, could not store its answer
   any more and would roll back).
"""

import hashlib
import json
import re
import uuid
from datetime import timedelta

from django.db import connection, transaction
from django.http import Http404, HttpResponse
from django.utils import timezone
from rest_framework import exceptions as drf_exceptions
from rest_framework.renderers import JSONRenderer

from . import conf
from .exceptions import Coded, in_progress, key_reused
from .models import IdempotencyRecord

HEADER = "HTTP_IDEMPOTENCY_KEY"
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class ClaimLost(Exception):
    """Our claim was taken over (we were presumed dead): roll back."""


def parse_key(request):
    """The key of the Idempotency-Key header, written as a structured-field
    string or bare (§3.3); a 400 when it is missing or not a UUID."""
    raw = request.META.get(HEADER)
    if raw is None:
        raise drf_exceptions.ValidationError({"idempotency_key": ["Idempotency-Key başlığı zorunludur."]})
    value = raw.strip()
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        value = value[1:-1]
    if not UUID_RE.match(value):
        raise drf_exceptions.ValidationError({"idempotency_key": ["Idempotency-Key geçerli bir UUID olmalı."]})
    return uuid.UUID(value)


def fingerprint(request):
    """What "the same request" means: method, path and body. A JSON body is
    compared by its content (key order and spacing do not matter)."""
    body = request.body
    try:
        canonical = json.dumps(json.loads(body.decode("utf-8")), sort_keys=True,
                               separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    except (UnicodeDecodeError, ValueError):
        canonical = body
    h = hashlib.sha256()
    h.update(request.method.encode("ascii"))
    h.update(b"\n")
    h.update(request.path.encode("utf-8"))
    h.update(b"\n")
    h.update(canonical)
    return h.hexdigest()


def render(status_code, data):
    body = b"" if data is None else JSONRenderer().render(data)
    return status_code, body


def response(status_code, body):
    if not body:
        return HttpResponse(status=status_code)
    return HttpResponse(body, status=status_code, content_type="application/json")


def refusal(exc):
    """(status, data) of a refusal raised by a mutation, in DRF's shapes."""
    if isinstance(exc, Http404):
        exc = drf_exceptions.NotFound()
    if isinstance(exc, Coded):
        return exc.status_code, exc.body
    if isinstance(exc.detail, (list, dict)):
        return exc.status_code, exc.detail
    return exc.status_code, {"detail": exc.detail}


def _table():
    return IdempotencyRecord._meta.db_table


def _claim(device, key, fp, claim):
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            "INSERT INTO %s (device_id, key, fingerprint, state, claim, created_at, updated_at) "
            "VALUES (%%s, %%s, %%s, %%s, %%s, %%s, %%s) "
            "ON CONFLICT (device_id, key) DO NOTHING RETURNING id" % _table(),
            [device.pk, key, fp, IdempotencyRecord.PROCESSING, claim, now, now])
        row = cur.fetchone()
    return row[0] if row else None


def _take_over(record_id, claim):
    stale = timezone.now() - timedelta(seconds=conf.get("KIOSK_IDEMPOTENCY_STALE_SECONDS"))
    return IdempotencyRecord.objects.filter(
        pk=record_id, state=IdempotencyRecord.PROCESSING, updated_at__lt=stale,
    ).update(claim=claim, updated_at=timezone.now()) == 1


def run(request, device, mutation):
    """Runs @mutation (returns (status, data) or raises an APIException)
    at most once per Idempotency-Key of @device; returns the HttpResponse."""
    key = parse_key(request)
    fp = fingerprint(request)
    claim = uuid.uuid4()
    record_id = None
    for _ in range(3):
        record_id = _claim(device, key, fp, claim)
        if record_id is not None:
            break
        record = IdempotencyRecord.objects.filter(device=device, key=key).first()
        if record is None:
            continue  # released by a failed owner just now: claim again
        if record.fingerprint != fp:
            raise key_reused()
        if record.state == IdempotencyRecord.DONE:
            return response(record.status_code, bytes(record.body or b""))
        if _take_over(record.pk, claim):
            record_id = record.pk
            break
        raise in_progress()
    if record_id is None:
        raise in_progress()

    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    status_code, data = mutation()
            except (drf_exceptions.APIException, Http404) as exc:
                status_code, data = refusal(exc)
            status_code, body = render(status_code, data)
            stored = IdempotencyRecord.objects.filter(pk=record_id, claim=claim).update(
                state=IdempotencyRecord.DONE, status_code=status_code, body=body,
                updated_at=timezone.now())
            if stored != 1:
                raise ClaimLost()
    except ClaimLost:
        raise in_progress()
    except BaseException:
        # A 5xx is never a key's answer: free the key for the retry.
        IdempotencyRecord.objects.filter(pk=record_id, claim=claim,
                                         state=IdempotencyRecord.PROCESSING).delete()
        raise
    return response(status_code, body)
