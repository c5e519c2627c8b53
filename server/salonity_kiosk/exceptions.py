# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The extension's refusals with a machine code (§1: 409 and 410 answer
{"code", "detail", ...}; §3.3: 422 idempotency_key_reused)."""

from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError


class Coded(APIException):
    """An error whose body is {"code": ..., "detail": ..., **extra}."""

    def __init__(self, code, detail, status_code, **extra):
        super().__init__(detail=detail, code=code)
        self.status_code = status_code
        self.body = {"code": code, "detail": str(detail)}
        self.body.update(extra)


def conflict(code, detail, **extra):
    return Coded(code, detail, status.HTTP_409_CONFLICT, **extra)


def cursor_expired():
    return Coded("cursor_expired", "Bu imleç artık geçerli değil; tam eşitleme gerekli.",
                 status.HTTP_410_GONE)


def key_reused():
    return Coded("idempotency_key_reused", "Bu Idempotency-Key başka bir istekte kullanıldı.",
                 status.HTTP_422_UNPROCESSABLE_ENTITY)


def in_progress():
    return Coded("request_in_progress", "Bu istek hâlâ işleniyor; daha sonra tekrar deneyin.",
                 status.HTTP_409_CONFLICT)


def invalid_status(current):
    return conflict("invalid_status", 'Bu işlem "%s" durumunda yapılamaz.' % current, status=current)


def field_error(field, message):
    return ValidationError({field: [message]})


def exception_handler(exc, context):
    """DRF's handler, with Coded errors answered in their own shape."""
    from rest_framework.response import Response
    from rest_framework.views import exception_handler as drf_handler

    if isinstance(exc, Coded):
        return Response(exc.body, status=exc.status_code)
    return drf_handler(exc, context)
