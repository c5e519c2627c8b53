/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the kiosk says about its sync, in words every room shares: the sync
 * engine (src/sync/) is in one of these states, core's KioskSyncMonitor
 * passes it on, and the UI shows it. Pure vocabulary: no GType here (the
 * engine registers one for its property).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  KIOSK_SYNC_STATE_UNENROLLED,       /* no device token: nothing is uploaded, nothing dropped */
  KIOSK_SYNC_STATE_UP_TO_DATE,       /* since: last-success */
  KIOSK_SYNC_STATE_SYNCING,          /* records-received of records-expected (snapshot) */
  KIOSK_SYNC_STATE_OFFLINE,          /* since: offline-since */
  KIOSK_SYNC_STATE_WAITING,          /* next-attempt: when it tries again (429, 5xx) */
  KIOSK_SYNC_STATE_NEEDS_ATTENTION,  /* refused-count changes the server refused */
} KioskSyncState;

/* A clock this far from the server's is worth a word to staff: times of
 * check-ins and bookings are written by this kiosk's clock. */
#define KIOSK_SYNC_SKEW_WARNING_US (2 * 60 * G_USEC_PER_SEC)

G_END_DECLS
