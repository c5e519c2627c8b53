# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""The host's settings with the nudge relay running inside the daphne
process (KIOSK_RELAY_IN_PROCESS), for test_daphne.py."""

from host.settings import *  # noqa: F401,F403

KIOSK_RELAY_IN_PROCESS = True
