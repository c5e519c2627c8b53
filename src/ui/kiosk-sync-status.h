/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The header bar's sync indicator: what the engine is doing, in words a
 * receptionist reads at a glance (up to date, syncing with progress, offline
 * since when and how much waits, retrying at, refused changes), with the
 * details in a popover.
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-sync-monitor.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_SYNC_STATUS (kiosk_sync_status_get_type ())
G_DECLARE_FINAL_TYPE (KioskSyncStatus, kiosk_sync_status, KIOSK, SYNC_STATUS, GtkWidget)

GtkWidget       *kiosk_sync_status_new        (void);
KioskSyncMonitor *kiosk_sync_status_get_monitor (KioskSyncStatus  *self);
void              kiosk_sync_status_set_monitor (KioskSyncStatus  *self,
                                                 KioskSyncMonitor *monitor);
/* Times are shown in @tz: the salon's, like every other time on screen. */
void             kiosk_sync_status_set_time_zone (KioskSyncStatus *self,
                                                  GTimeZone       *tz);
/* How many changes wait to be sent and how many were refused, as the
 * window counts them in the replica (the offline banner and the rail say
 * the same numbers, even before the engine's next round); -1: the
 * engine's own count. */
void             kiosk_sync_status_set_counts (KioskSyncStatus *self,
                                               int              waiting,
                                               int              refused);
/* The one-line summary shown, for tests and the accessible label. */
const char      *kiosk_sync_status_get_summary (KioskSyncStatus *self);
/* The sentence of the offline banner above the pages (offline, or the
 * server not answering well: since when, how much waits, the next try),
 * or NULL when there is nothing to say. Like the indicator, it is for
 * staff: the window shows neither in customer mode. */
char            *kiosk_sync_status_dup_banner_text (KioskSyncStatus *self);

G_END_DECLS
