# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The host's WSGI application for the load benchmark, unchanged but for one
response header, X-Bench-Worker: the pid of the gunicorn worker that
answered. With it the benchmark shows that a write answered by one worker
process nudges sockets held by other (daphne) processes (§3.5)."""

import os

from host.wsgi import application as host_application


def application(environ, start_response):
    def start(status, headers, exc_info=None):
        headers.append(("X-Bench-Worker", str(os.getpid())))
        return start_response(status, headers, exc_info)

    return host_application(environ, start)
