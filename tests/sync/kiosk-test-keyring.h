/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * A private D-Bus session for a test: dbus-daemon and (optionally) a fresh
 * gnome-keyring-daemon, HOME and the XDG dirs in a temporary directory, so
 * that a test never touches the developer's own keyring. Start it before
 * any thread exists (it sets environment variables).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _KioskTestKeyring KioskTestKeyring;

KioskTestKeyring *kiosk_test_keyring_start    (gboolean          with_keyring);
void              kiosk_test_keyring_stop     (KioskTestKeyring *keyring);
/* The temporary directory everything lives in. */
const char       *kiosk_test_keyring_get_dir  (KioskTestKeyring *keyring);

/* g_test_run() with a fresh keyring on a private bus for the whole run;
 * the children of g_test_trap_subprocess() make their own, if any. */
int               kiosk_test_keyring_run      (void);

typedef void (*KioskTestKeyringFunc) (KioskTestKeyring *keyring);

/* Runs @func in a child process (g_test_trap_subprocess()) on a private bus
 * of its own, with a fresh keyring or none, and asserts that it passed: a
 * process keeps its session bus connection for life. Call it from a test
 * function; everything @func made is gone when it returns. */
void              kiosk_test_keyring_run_in_child (gboolean              with_keyring,
                                                   guint                 timeout_seconds,
                                                   KioskTestKeyringFunc  func);

/* Whether gnome-keyring's login keyring file holds @needle in clear. */
gboolean          kiosk_test_keyring_file_contains (const char *needle);

G_END_DECLS
