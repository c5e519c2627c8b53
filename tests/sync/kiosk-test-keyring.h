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
typedef struct _KioskTestPrompter KioskTestPrompter;

typedef enum {
  KIOSK_TEST_KEYRING_NONE,            /* no Secret Service on the bus */
  KIOSK_TEST_KEYRING_PASSWORD,        /* a login keyring with a password, unlocked as by a login */
  KIOSK_TEST_KEYRING_EMPTY_PASSWORD,  /* a login keyring with an empty password and no login:
                                       * locked when gnome-keyring starts, it opens without
                                       * a prompt */
} KioskTestKeyringKind;

KioskTestKeyring *kiosk_test_keyring_start    (gboolean          with_keyring);   /* NONE or PASSWORD */
KioskTestKeyring *kiosk_test_keyring_start_kind (KioskTestKeyringKind kind);
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
void              kiosk_test_keyring_run_in_child_kind (KioskTestKeyringKind  kind,
                                                        guint                 timeout_seconds,
                                                        KioskTestKeyringFunc  func);

/* Whether gnome-keyring's login keyring file holds @needle in clear. */
gboolean          kiosk_test_keyring_file_contains (const char *needle);

/* Locks the keyring's default collection: opening it again needs a
 * password typed into a prompt. */
void              kiosk_test_keyring_lock          (void);

/* A prompter (gcr's, as gnome-keyring asks it) on @keyring's bus that
 * takes every prompt and never answers it: the unlock dialog that nobody at
 * a kiosk sees. Without one, gnome-keyring finds no prompter and gives up
 * at once. It answers on a thread of its own and goes with @keyring. */
KioskTestPrompter *kiosk_test_keyring_start_prompter (KioskTestKeyring  *keyring);
/* Prompts begun so far. */
guint              kiosk_test_prompter_get_n_prompts (KioskTestPrompter *prompter);

G_END_DECLS
