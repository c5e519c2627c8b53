# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Fixtures of the kiosk-against-server tests (server/tests/kiosk/).

The session's PostgreSQL and Redis come from the root conftest
(`kiosk_harness`); here the app gets a database of its own in it, migrated
once, and daphne serves it. Each test seeds a salon of its own (a distinct
seed), so one test's feed, trims and uploads are not another's. The kiosks'
tokens go to a private Secret Service made here, whatever session the tests
run in.

    cd server && KIOSK_PROGRAM=../build/src/salonity-kiosk \
        /usr/bin/python3 -m pytest tests/kiosk
"""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import e2e  # noqa: E402


@pytest.fixture(scope="session")
def clock():
    return e2e.Clock()


@pytest.fixture(scope="session")
def programs():
    program = e2e.kiosk_program()
    return program, e2e.desk_tool(program)


@pytest.fixture(scope="session")
def secret_service():
    service = e2e.SecretService().start()
    yield service
    service.stop()


@pytest.fixture(scope="session")
def app_server(kiosk_harness, clock, tmp_path_factory):
    server = e2e.AppServer(kiosk_harness, clock, str(tmp_path_factory.mktemp("server-logs")))
    server.setup().start()
    yield server
    server.stop()
    server.close()


@pytest.fixture
def make_kiosk(tmp_path, programs, secret_service, clock):
    """make_kiosk(name) → an empty kiosk data folder with the program's
    environment: the private session bus, the pinned clock, the build's
    GSettings schemas in memory (as tests/meson.build's test_env)."""
    program, tool = programs
    build = os.path.dirname(os.path.dirname(program))
    env = dict(secret_service.env)
    env.update(clock.kiosk_env)
    env.update({"GSETTINGS_BACKEND": "memory", "LC_ALL": "C.UTF-8", "LANGUAGE": "en",
                "G_DEBUG": "fatal-criticals"})
    schemas = os.path.join(build, "data")
    if os.path.exists(os.path.join(schemas, "gschemas.compiled")):
        env["GSETTINGS_SCHEMA_DIR"] = schemas

    def make(name):
        return e2e.Kiosk(program, tool, str(tmp_path / name), env)

    return make


@pytest.fixture
def make_proxy(app_server):
    """make_proxy() → an e2e.FaultProxy in front of the app (a kiosk
    enrolled at its url speaks through it); closed after the test."""
    made = []

    def make():
        made.append(e2e.FaultProxy(app_server.port))
        return made[-1]

    yield make
    for p in made:
        p.close()


@pytest.fixture
def proxy(make_proxy):
    return make_proxy()
