/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * For the context only: it makes the monitor and tells it which engine to
 * follow.
 */
#pragma once

#include "kiosk-sync-monitor.h"
#include "kiosk-sync-engine.h"

G_BEGIN_DECLS

KioskSyncMonitor *_kiosk_sync_monitor_new        (void);
/* @engine may be NULL. Emits "changed". */
void              _kiosk_sync_monitor_set_engine (KioskSyncMonitor *self,
                                                  KioskSyncEngine  *engine);

G_END_DECLS
