/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The walk-in queue and its wait estimates (kiosk-desk-queue.c).
 * Same rules as kiosk-desk.h: each write is the replica row(s) plus its
 * outbox entry in one transaction (durable before the call returns), then a
 * nudge to the sync engine and KioskContext::replica-changed; errors are
 * KIOSK_DESK_ERROR with a translated sentence for the screen; no GTK; logs
 * carry ids only.
 */
#pragma once

#include "kiosk-desk.h"
#include "kiosk-wait.h"

G_BEGIN_DECLS

/* One row of the queue as staff see it. */
typedef struct {
  KioskWalkin       *walkin;
  char              *service_name;    /* NULL if the service is unknown */
  char              *employee_name;   /* who serves or was assigned, or NULL */
  char              *preferred_name;  /* the preferred employee's name, or NULL (anyone) */
  int                waited;          /* seconds since arrival, ≥ 0 */
  KioskWaitEstimate *estimate;        /* for waiting walk-ins, else NULL */
} KioskQueueItem;

void       kiosk_queue_item_free          (KioskQueueItem *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskQueueItem, kiosk_queue_item_free)

/* Today's open queue (called and in service first, then waiting in arrival
 * order), each with the wait estimate recomputed from the replica now. */
GPtrArray *kiosk_desk_list_queue          (KioskContext  *context,
                                           GError       **error);

/* What someone joining now for @service_id (with @preferred_employee_id,
 * NULL for anyone) would wait. */
KioskWaitEstimate *kiosk_desk_estimate_join (KioskContext  *context,
                                             const char    *service_id,
                                             const char    *preferred_employee_id,
                                             GError       **error);

/* A person joins the queue (customer mode). @phone_input in any way people
 * type Turkish numbers; a phone that is a customer's links the walk-in to
 * them. NULL @consent_time: KIOSK_DESK_ERROR_NO_CONSENT; otherwise the row
 * and its "walkin.create" entry keep it with the walk-in notice's version
 * (domain/kiosk-kvkk.h, docs/kiosk-api.md §3.6). Returns the new walk-in's
 * id; its place and estimate come from kiosk_desk_list_queue(). */
char      *kiosk_desk_join_queue          (KioskContext  *context,
                                           const char    *name,
                                           const char    *phone_input,
                                           const char    *service_id,
                                           const char    *preferred_employee_id,
                                           GDateTime     *consent_time,
                                           GError       **error);

/* Staff move a walk-in on: waiting → called → in_service → done, and any
 * open one → left. @employee_id: who calls or serves (NULL keeps the one
 * assigned, or for "call next" the estimate's employee). A move the queue
 * does not allow is KIOSK_DESK_ERROR_REFUSED. */
gboolean   kiosk_desk_set_walkin_status   (KioskContext      *context,
                                           const char        *walkin_id,
                                           KioskWalkinStatus  status,
                                           const char        *employee_id,
                                           GError           **error);

/* Calls the first waiting walk-in (the one with position 1); returns its id,
 * or NULL with KIOSK_DESK_ERROR_NOT_FOUND when nobody waits. */
char      *kiosk_desk_call_next           (KioskContext  *context,
                                           const char    *employee_id,
                                           GError       **error);

G_END_DECLS
