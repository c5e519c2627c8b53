/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the front desk (src/kiosk-desk-*.c) asks of the replica beyond the
 * typed puts and gets: a day's data for the wait estimator and the slot
 * finder in a few queries, and the staff side of the outbox (refused and
 * held changes, closing them, reverting the desk's rows to the server's).
 *
 * Closing a change ("dismiss") keeps it in the outbox as done, with the
 * server's reason and staff's note in last_reason as a JSON object
 * {"dismissed": true, "note": …, "reason": …}, so that nothing is lost and
 * no schema change is needed.
 */
#pragma once

#include "kiosk-replica.h"

G_BEGIN_DECLS

/* One salon day as the desk computes with it. */
typedef struct {
  KioskSalon *salon;          /* NULL before pairing */
  GPtrArray  *working_hours;  /* KioskWorkingHours *, every weekday's row */
  GPtrArray  *employees;      /* KioskEmployee *, by name, with their services */
  GPtrArray  *services;       /* KioskService * */
  GPtrArray  *appointments;   /* KioskAppointment * of the day(s) asked for, by time */
  GPtrArray  *walkins;        /* KioskWalkin *, the open ones, by arrival */
} KioskDeskDay;

void                     kiosk_desk_day_free          (KioskDeskDay *day);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskDeskDay, kiosk_desk_day_free)

/* Salon, hours, employees (with services), services, the appointments from
 * @from_date to @to_date inclusive and the open walk-ins: six queries,
 * whatever the number of rows. */
KioskDeskDay            *kiosk_replica_desk_load_days (KioskReplica  *self,
                                                       const char    *from_date,
                                                       const char    *to_date,
                                                       GError       **error);
/* Lookups in a loaded day (no SQL); NULL when absent. */
const KioskWorkingHours *kiosk_desk_day_hours         (const KioskDeskDay *day,
                                                       int                 day_of_week);
const KioskService      *kiosk_desk_day_service       (const KioskDeskDay *day,
                                                       const char         *id);
const KioskEmployee     *kiosk_desk_day_employee      (const KioskDeskDay *day,
                                                       const char         *id);

/* One walk-in by id, or NULL and KIOSK_REPLICA_ERROR_NOT_FOUND. */
KioskWalkin             *kiosk_replica_get_walkin     (KioskReplica  *self,
                                                       const char    *id,
                                                       GError       **error);

/* For a join, without reading the whole day: whether @service_id is an
 * active service, and the open walk-ins with this phone (KioskWalkin *). */
gboolean                 kiosk_replica_desk_service_active (KioskReplica  *self,
                                                            const char    *service_id,
                                                            gboolean      *active,
                                                            GError       **error);
GPtrArray               *kiosk_replica_desk_open_walkins_by_phone (KioskReplica  *self,
                                                                   const char    *phone,
                                                                   GError       **error);

/* A customer other than @exclude_id with this phone (E.164), or NULL (and
 * an error only when reading failed): the one a refused customer.create
 * ran into. */
KioskCustomer           *kiosk_replica_desk_find_other_customer (KioskReplica  *self,
                                                                  const char    *phone,
                                                                  const char    *exclude_id,
                                                                  GError       **error);

/* Before the desk changes a row in place (a check-in, a status): while the
 * row holds only the server's content (not pending, known to the server),
 * that content is kept as its server copy, so that a refused change can be
 * undone. Customers, appointments and walk-ins. Inside the caller's
 * transaction. */
gboolean                 kiosk_replica_desk_keep_server_row (KioskReplica  *self,
                                                             KioskEntity    entity,
                                                             const char    *id,
                                                             GError       **error);

/* Refused and held entries, oldest first. */
GPtrArray               *kiosk_replica_desk_list_attention (KioskReplica  *self,
                                                            GError       **error);
/* One entry, or NULL and KIOSK_REPLICA_ERROR_NOT_FOUND. */
KioskOutboxEntry        *kiosk_replica_outbox_get     (KioskReplica  *self,
                                                       gint64         entry_id,
                                                       GError       **error);

/* Staff close a refused (or held) entry with @note (may be NULL): it and
 * every open entry that builds on it (later changes of the same row, and
 * changes naming a row it creates, transitively) become done, marked
 * dismissed; each row they changed that has no open entry left goes back
 * to the server's copy, or away if the server never had it. Entries held
 * only behind it go back to pending. One transaction; nothing is uploaded.
 * @closed (may be NULL) gets how many entries were closed. */
gboolean                 kiosk_replica_outbox_dismiss (KioskReplica  *self,
                                                       gint64         entry_id,
                                                       const char    *note,
                                                       guint         *closed,
                                                       GError       **error);
/* Held entries no longer behind any refused entry become pending again
 * (after a refused one was resolved some other way). */
gboolean                 kiosk_replica_outbox_release_held (KioskReplica  *self,
                                                            GError       **error);
/* TRUE when @entry was closed by kiosk_replica_outbox_dismiss(). */
gboolean                 kiosk_outbox_entry_is_dismissed (const KioskOutboxEntry *entry);

/* Pending and in-flight entries, and the created_at of the oldest (0 for
 * none), in one query. */
gboolean                 kiosk_replica_desk_count_waiting (KioskReplica  *self,
                                                           gint64        *waiting,
                                                           gint64        *oldest_created_at,
                                                           GError       **error);

G_END_DECLS
