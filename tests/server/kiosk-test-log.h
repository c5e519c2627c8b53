/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * libsoup's server side warns ("could not get remote address") when it
 * accepts a connection its client has already closed: a race of the test
 * server and the kiosk stopping, not a fault of either, and seen most under
 * the sanitizers. GLib's tests make every warning fatal; these let that one
 * message through and keep every other warning fatal.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether a log message is that warning (for a test's own fatal handler). */
gboolean kiosk_test_log_is_accept_race     (const char *log_domain,
                                            const char *message);
/* Once, in main() after g_test_init(). */
void kiosk_test_log_allow_accept_race      (void);
/* In each test case's set-up: GLib resets the fatal handler for every case. */
void kiosk_test_log_allow_accept_race_case (void);

G_END_DECLS
