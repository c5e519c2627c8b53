/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * A private D-Bus session for a test: dbus-daemon and (optionally) a fresh
 * gnome-keyring-daemon, HOME and the XDG dirs in a temporary directory, so
 * that a test never touches the developer's own keyring. The same approach
 * as tests/sync/test-credentials.c. Start it before any thread exists
 * (it sets environment variables).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _KioskTestKeyring KioskTestKeyring;

KioskTestKeyring *kiosk_test_keyring_start    (gboolean          with_keyring);
void              kiosk_test_keyring_stop     (KioskTestKeyring *keyring);
/* The temporary directory everything lives in. */
const char       *kiosk_test_keyring_get_dir  (KioskTestKeyring *keyring);

G_END_DECLS
