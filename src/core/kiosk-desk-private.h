/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the desk's files share (kiosk-desk-shared.c; the booking in
 * kiosk-desk-bookings.c). Core only: src/ui/ cannot include it.
 */
#pragma once

#include "kiosk-desk.h"
#include "kiosk-context-private.h"
#include "kiosk-slots.h"
#include "kiosk-wait.h"
#include "kiosk-replica-desk.h"
#include "kiosk-replica-sync.h"

G_BEGIN_DECLS

/* Seconds since the salon's midnight of @now (which is in the salon's zone). */
int           _kiosk_desk_seconds_of_day (GDateTime     *now);

/* @now as the API writes instants: "2026-09-14T10:05:00+03:00". */
char         *_kiosk_desk_instant        (GDateTime     *now);

/* After a committed write: the engine uploads soon, the pages reload. */
void          _kiosk_desk_changed        (KioskContext  *context);

/* A replica failure (@local) as KIOSK_DESK_ERROR_FAILED with the
 * sentence of @format, logged with @id only. */
void          _kiosk_desk_fail           (GError       **error,
                                               const GError  *local,
                                               const char    *id,
                                               const char    *format,
                                               ...) G_GNUC_PRINTF (4, 5);

/* Ends a write begun with kiosk_replica_begin(): commits when @ok, else
 * rolls back (the error is then the caller's). FALSE when nothing was kept. */
gboolean      _kiosk_desk_end_write      (KioskReplica  *replica,
                                               gboolean       ok,
                                               GError       **error);

/* Whether @walkin arrived on @today (a walk-in left open on an earlier day
 * is not today's queue). */
gboolean      _kiosk_desk_arrived_today  (const KioskWalkin *walkin,
                                          const char        *today,
                                          GTimeZone         *tz);

/* The salon day's data, with @today's appointments and walk-ins (stale
 * walk-ins of earlier days dropped), ready for the wait estimator. */
KioskDeskDay *_kiosk_desk_load_today     (KioskContext  *context,
                                               GDateTime    **now,
                                               char         **today,
                                               GError       **error);
void          _kiosk_desk_wait_input     (KioskWaitInput     *input,
                                               const KioskDeskDay *day,
                                               const char         *today,
                                               GDateTime          *now);

/* The slot finder's view of @day. */
void          _kiosk_desk_slot_data      (KioskSlotData      *data,
                                               const KioskDeskDay *day,
                                               GDateTime          *now);

/* Books in the caller's transaction (no begin/commit, no nudge): the slot
 * is checked again against the replica. Returns the new id. */
char         *_kiosk_desk_book_locked    (KioskContext  *context,
                                               const char    *customer_id,
                                               const char    *service_id,
                                               const char    *employee_id,
                                               const char    *date,
                                               int            time,
                                               const char    *notes,
                                               GError       **error);

/* @input stripped and NFC-normalised; KIOSK_DESK_ERROR_INVALID with
 * @empty_message or @long_message (whole sentences per field, so that
 * translations read naturally) when empty or over 100 letters. */
char         *_kiosk_desk_clean_name          (const char    *input,
                                               const char    *empty_message,
                                               const char    *long_message,
                                               GError       **error);

G_END_DECLS
