/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The one object the application owns and hands to every part that needs
 * shared state: settings, the replica, the credentials and the sync engine.
 * There are no globals; widgets get the context as a construct property.
 * What only core, the application and the tests may reach (the replica,
 * the credentials, the engine) is in kiosk-context-private.h.
 */
#pragma once

#include <gio/gio.h>

#include "kiosk-sync-monitor.h"

G_BEGIN_DECLS

/* When the replica last finished a pull (ISO 8601, UTC): written by
 * --sync-once and whenever the engine reports "up to date", read by
 * --status. */
#ifndef KIOSK_META_LAST_PULL
#define KIOSK_META_LAST_PULL "last_pull"
#endif

#define KIOSK_TYPE_CONTEXT (kiosk_context_get_type ())
G_DECLARE_FINAL_TYPE (KioskContext, kiosk_context, KIOSK, CONTEXT, GObject)

/* @data_dir: where replica.db lives; NULL for $XDG_DATA_HOME/salonity-kiosk.
 * @demo: fill a fresh replica with the demo salon (seeded from @demo_seed). */
KioskContext *kiosk_context_new            (const char    *data_dir,
                                            gboolean       demo,
                                            guint32        demo_seed,
                                            GError       **error);
const char   *kiosk_context_get_data_dir   (KioskContext  *self);
/* May be NULL when the schema is not installed (running from a bare tree). */
GSettings    *kiosk_context_get_settings   (KioskContext  *self);
gboolean      kiosk_context_get_demo       (KioskContext  *self);
/* A message for staff when the replica had to be moved aside, or NULL. */
const char   *kiosk_context_get_notice     (KioskContext  *self);

/* "Today" in the salon's time zone, as YYYY-MM-DD, and the salon's current
 * wall-clock time. The clock can be pinned for tests and screenshots with
 * kiosk_context_set_now(). Tests that run the real program (the journeys)
 * move it to a fixed salon day and time instead, where it keeps running:
 * KIOSK_TEST_CLOCK_OFFSET, seconds added to the real clock, read when the
 * context is made; the contract server of tests/server reads the same
 * variable, so both sides agree on "now". Unset for every real kiosk. */
GDateTime    *kiosk_context_dup_now        (KioskContext  *self);
void          kiosk_context_set_now        (KioskContext  *self,
                                            GDateTime     *now);
char         *kiosk_context_dup_today      (KioskContext  *self);

/* The sync engine's state and counts as the pages show them; always
 * there, whether or not this kiosk has an engine (see
 * kiosk-context-private.h). */
KioskSyncMonitor *kiosk_context_get_sync_monitor (KioskContext *self);
/* Starts the engine, if there is one (after the window is shown). */
void              kiosk_context_start_sync       (KioskContext *self);
/* After a pairing or an unpairing in the UI: stops the engine of the old
 * enrollment, if any, and makes (and, once started, starts) one for the
 * replica's current enrollment, if any. Notifies :sync-engine. */
void              kiosk_context_reload_enrollment (KioskContext *self);

/* Emitted (on the main thread) whenever replica data changed, so pages reload. */
void          kiosk_context_notify_replica_changed (KioskContext *self);

G_END_DECLS
