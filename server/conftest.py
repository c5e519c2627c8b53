# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Session set-up for every test under server/ (the app's and the host's).

This is the root conftest: pytest imports it first, before the conftests of
salonity_kiosk/tests and tests/ (which import Django and DRF at their top).
So it starts PostgreSQL and Redis (tests/harness.py) as it is imported, puts
their addresses in the environment that host.settings reads, names the
settings and sets Django up; pytest-django's django_db_setup then creates the
test database in that PostgreSQL. Both servers stop at the end of the session
(pytest_unconfigure), and at exit or on SIGTERM whatever happens.
"""

import os
import sys

import pytest

import harness  # server/tests, on sys.path through pytest.ini's pythonpath

_harness = None


def _start():
    global _harness
    if "DJANGO_SETTINGS_MODULE" in os.environ:
        # pytest-django would already have read the settings, before the
        # databases' ports were known.
        raise pytest.UsageError("unset DJANGO_SETTINGS_MODULE: the server tests name "
                                "host.settings themselves once PostgreSQL and Redis run")
    _harness = harness.Harness().start()
    os.environ.update(_harness.env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "host.settings"
    import django

    django.setup()


if not any(a in ("--help", "-h", "--version", "-V") for a in sys.argv[1:]):
    _start()


def pytest_unconfigure(config):
    global _harness
    if _harness is not None:
        _harness.stop()
        _harness = None


def pytest_report_header(config):
    if _harness is not None:
        return ["harness: PostgreSQL 127.0.0.1:%d, Redis 127.0.0.1:%d, in %s"
                % (_harness.pg_port, _harness.redis_port, _harness.data_dir)]
    return None


@pytest.fixture(scope="session")
def kiosk_harness():
    """The running PostgreSQL + Redis (ports, data dir, env) of this session."""
    assert _harness is not None and _harness.started
    return _harness
