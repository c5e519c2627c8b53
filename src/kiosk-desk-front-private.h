/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What kiosk-desk-queue.c, kiosk-desk-bookings.c and kiosk-desk-refused.c
 * share (defined in kiosk-desk-queue.c; the booking in kiosk-desk-bookings.c).
 * Not for the UI.
 */
#pragma once

#include "kiosk-desk-front.h"
#include "replica/kiosk-replica-desk.h"
#include "replica/kiosk-replica-sync.h"

G_BEGIN_DECLS

/* Seconds since the salon's midnight of @now (which is in the salon's zone). */
int           kiosk_desk_front_seconds_of_day (GDateTime     *now);

/* @now as the API writes instants: "2026-09-14T10:05:00+03:00". */
char         *kiosk_desk_front_instant        (GDateTime     *now);

/* After a committed write: the engine uploads soon, the pages reload. */
void          kiosk_desk_front_changed        (KioskContext  *context);

/* A replica failure (@local) as KIOSK_DESK_ERROR_FAILED with the
 * sentence of @format, logged with @id only. */
void          kiosk_desk_front_fail           (GError       **error,
                                               const GError  *local,
                                               const char    *id,
                                               const char    *format,
                                               ...) G_GNUC_PRINTF (4, 5);

/* Ends a write begun with kiosk_replica_begin(): commits when @ok, else
 * rolls back (the error is then the caller's). FALSE when nothing was kept. */
gboolean      kiosk_desk_front_end_write      (KioskReplica  *replica,
                                               gboolean       ok,
                                               GError       **error);

/* The salon day's data, with @today's appointments and walk-ins (stale
 * walk-ins of earlier days dropped), ready for the wait estimator. */
KioskDeskDay *kiosk_desk_front_load_today     (KioskContext  *context,
                                               GDateTime    **now,
                                               char         **today,
                                               GError       **error);
void          kiosk_desk_front_wait_input     (KioskWaitInput     *input,
                                               const KioskDeskDay *day,
                                               const char         *today,
                                               GDateTime          *now);

/* The slot finder's view of @day. */
void          kiosk_desk_front_slot_data      (KioskSlotData      *data,
                                               const KioskDeskDay *day,
                                               GDateTime          *now);

/* Books in the caller's transaction (no begin/commit, no nudge): the slot
 * is checked again against the replica. Returns the new id. */
char         *kiosk_desk_front_book_locked    (KioskContext  *context,
                                               const char    *customer_id,
                                               const char    *service_id,
                                               const char    *employee_id,
                                               const char    *date,
                                               int            time,
                                               const char    *notes,
                                               GError       **error);

G_END_DECLS
