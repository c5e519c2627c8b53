# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The host's settings, as they are, for the load benchmark; with
KIOSK_BENCH_CHANNEL_CAPACITY set, the channel layer's capacity too.

channels_redis keeps the messages of all the sockets of one daphne process
in one Redis key, and drops a message (logging it at INFO only) once that
key holds `capacity` of them, 100 unless configured. server_load.py
--channel-capacity shows what a larger one changes when one change nudges
every salon at once."""

import os

from host.settings import *  # noqa: F401,F403
from host.settings import CHANNEL_LAYERS

_capacity = os.environ.get("KIOSK_BENCH_CHANNEL_CAPACITY")
if _capacity:
    CHANNEL_LAYERS["default"]["CONFIG"]["capacity"] = int(_capacity)
