/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The sync engine as the pages see it: its state and counts, and one
 * "changed" signal (on the main thread) whenever any of them may have
 * changed, including when the engine itself comes or goes (pairing,
 * unpairing). The context owns one; the UI never sees the engine.
 */
#pragma once

#include <gio/gio.h>

#include "kiosk-sync-state.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SYNC_MONITOR (kiosk_sync_monitor_get_type ())
G_DECLARE_FINAL_TYPE (KioskSyncMonitor, kiosk_sync_monitor, KIOSK, SYNC_MONITOR, GObject)

/* FALSE when this kiosk has no engine (not paired, or the demo): every
 * other getter then says nothing (UNENROLLED, 0, NULL). */
gboolean        kiosk_sync_monitor_get_active           (KioskSyncMonitor *self);
KioskSyncState  kiosk_sync_monitor_get_state            (KioskSyncMonitor *self);
/* Up to date since, or offline since; NULL for none. */
GDateTime      *kiosk_sync_monitor_dup_since            (KioskSyncMonitor *self);
/* When it tries again (offline, 429, 5xx); NULL for none. */
GDateTime      *kiosk_sync_monitor_dup_next_attempt     (KioskSyncMonitor *self);
guint64         kiosk_sync_monitor_get_records_received (KioskSyncMonitor *self);
/* 0: unknown. */
guint64         kiosk_sync_monitor_get_records_expected (KioskSyncMonitor *self);
guint           kiosk_sync_monitor_get_refused_count    (KioskSyncMonitor *self);
/* Outbox entries pending or in flight. */
guint           kiosk_sync_monitor_get_waiting_count    (KioskSyncMonitor *self);
/* µs, the server's clock minus this kiosk's. */
gint64          kiosk_sync_monitor_get_clock_skew       (KioskSyncMonitor *self);
/* A local failure's sentence (replica, disk, secret store), or NULL. */
const char     *kiosk_sync_monitor_get_reason           (KioskSyncMonitor *self);

G_END_DECLS
