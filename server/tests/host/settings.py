# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Settings of the host project: today's Salonity backend plus salonity_kiosk.

Everything that differs between the tests, live.py and a developer's machine
comes from the environment (server-layout: KIOSK_PG_*, KIOSK_REDIS_URL);
tests/harness.py sets those. The rest follows upstream's settings (DRF
auth and pagination, tr-tr, Europe/Istanbul), which docs/kiosk-api.md §1
describes as the service's conventions.
"""

import importlib.util
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("KIOSK_SECRET_KEY", "kiosk-host-tests-only-not-a-secret")
DEBUG = os.environ.get("KIOSK_DEBUG", "") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver", "[::1]"] + [
    h for h in os.environ.get("KIOSK_ALLOWED_HOSTS", "").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "channels",
    "salons",
    "services",
    "customers",
    "appointments",
    "salonity_kiosk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "host.urls"
WSGI_APPLICATION = "host.wsgi.application"
ASGI_APPLICATION = "host.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": os.environ.get("KIOSK_PG_HOST", "127.0.0.1"),
        "PORT": os.environ.get("KIOSK_PG_PORT", "5432"),
        "NAME": os.environ.get("KIOSK_PG_NAME", "kiosk"),
        "USER": os.environ.get("KIOSK_PG_USER", "postgres"),
        "PASSWORD": os.environ.get("KIOSK_PG_PASSWORD", ""),
        "CONN_MAX_AGE": int(os.environ.get("KIOSK_PG_CONN_MAX_AGE", "0")),
    }
}

REDIS_URL = os.environ.get("KIOSK_REDIS_URL", "redis://127.0.0.1:6379/0")

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        "KEY_PREFIX": "kiosk-host",
    }
}

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        # A change seen by every salon (a shared category renamed) nudges
        # every socket of a daphne process at once: channels_redis's default
        # capacity of 100 messages a channel drops the rest (docs/scaling.md).
        "CONFIG": {"hosts": [REDIS_URL], "capacity": 5000},
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# As upstream: the service speaks Turkish and keeps Istanbul's wall clock (§1).
LANGUAGE_CODE = "tr-tr"
TIME_ZONE = "Europe/Istanbul"
USE_I18N = True
# Upstream runs Django 5.2, where localized formatting is always on; Django
# 3.2 needs it asked for (5.x ignores the setting).
USE_L10N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = os.environ.get("KIOSK_STATIC_ROOT", str(BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("KIOSK_MEDIA_ROOT", str(BASE_DIR / "media"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Upstream's, except the authentication order: TokenAuthentication first so
# that an unauthenticated request gets 401 with WWW-Authenticate: Token (§1),
# not SessionAuthentication's 403.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
}

# Upstream's models have ImageFields, which need Pillow (python3-pil) to
# validate an upload. Nothing here uploads images, so without Pillow the host
# still runs: only that system check is silenced.
if importlib.util.find_spec("PIL") is None:
    SILENCED_SYSTEM_CHECKS = ["fields.E210"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("KIOSK_LOG_LEVEL", "WARNING")},
}
