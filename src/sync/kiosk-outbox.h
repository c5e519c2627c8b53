/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The outbox as the wire sees it (docs/kiosk-api.md §3.3): for each kind of
 * change (domain/kiosk-outbox-kind.h) one route, with its method and path,
 * how its body is built from the desk's record, the row it waits for, and
 * what a 409 of its endpoint means. The desk queues changes through it by
 * kind, the uploader sends them and books the server's refusals through it,
 * and the refused-changes screen reads their bodies through it. Adding a
 * desk action is one route (kiosk-outbox-routes.c) and its body builder
 * (kiosk-json-outbox.c).
 *
 * Core includes this header: it includes no json-glib.
 *
 * kiosk-outbox-routes.c    the routes, queueing, booking a refusal
 * kiosk-outbox-payloads.c  reading bodies back, re-pointing a customer,
 *                          the file of another salon's unsent changes
 */
#pragma once

#include "kiosk-outbox-kind.h"
#include "kiosk-replica.h"

G_BEGIN_DECLS

/* ---- the routes ----------------------------------------------------------- */

/* "POST", or NULL for KIOSK_OUTBOX_KIND_UNKNOWN. */
const char *kiosk_outbox_method        (KioskOutboxKind  kind);
/* The path under /api/kiosk/v1/ for the change of row @entity_id
 * ("appointments/<id>/check-in/"), the id escaped; NULL for UNKNOWN. */
char       *kiosk_outbox_path          (KioskOutboxKind  kind,
                                        const char      *entity_id);

/* Queues @record's change of @kind, in the caller's transaction when there
 * is one: the body built from @record (a KioskCustomer * for CUSTOMER_CREATE,
 * a KioskAppointment * for the appointment kinds, a KioskWalkin * for the
 * walk-in kinds, a KioskPointEntry * for LOYALTY_REDEEM: the entity of
 * kiosk_outbox_kind_entity()), the row it changes (@record's id) and the
 * row it names besides (the customer, whose creation goes first). */
gboolean    kiosk_outbox_enqueue       (KioskReplica     *replica,
                                        KioskOutboxKind   kind,
                                        gconstpointer     record,
                                        GError          **error);

/* ---- refusals --------------------------------------------------------------- */

/* What a refusal of @kind with @status means, for the outbox's
 * refusal_code: @body_code when the error body had one (§1: 409 and 422
 * carry it), else what the contract says @status means for the endpoint:
 * its one 409 code ("slot_taken", "phone_exists", "invalid_status",
 * "insufficient_points"; walkin.create has none), "validation" for 400 and
 * 422 (the server did not accept the details), NULL for anything else. */
const char *kiosk_outbox_refusal_code  (KioskOutboxKind  kind,
                                        guint            status,
                                        const char      *body_code);

/* The server refused @entry with @status and the error body @body (may be
 * NULL or empty): the entry becomes refused (kiosk_replica_outbox_refuse())
 * with the code above and the body's reason, else @fallback_reason, else a
 * sentence naming the status. */
gboolean    kiosk_outbox_refuse        (KioskReplica           *replica,
                                        const KioskOutboxEntry *entry,
                                        guint                   status,
                                        GBytes                 *body,
                                        const char             *fallback_reason,
                                        GError                **error);

/* ---- bodies ------------------------------------------------------------------- */

/* What a change's body says, in the contract's member names (§3.3), for
 * the desk's words about a change and its decisions on it. A member the
 * body does not have, or not as a string, is NULL; points are 0 unless an
 * integer. */
typedef struct {
  char   *customer;
  char   *service;
  char   *employee;
  char   *appointment_date;
  char   *appointment_time;  /* as sent: "HH:MM:SS" */
  char   *notes;
  char   *status;
  char   *name;              /* a walk-in's */
  char   *first_name;        /* a new customer's */
  char   *last_name;
  char   *phone;
  gint64  points;
} KioskOutboxBody;

void             kiosk_outbox_body_free (KioskOutboxBody *body);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskOutboxBody, kiosk_outbox_body_free)

/* @entry's body, or NULL when its payload is no JSON object. */
KioskOutboxBody *kiosk_outbox_body_read (const KioskOutboxEntry *entry);

/* phone_exists (§3.3): the server knows the customer @from_id created by
 * entry @create_entry_id as @to_id. In one transaction, every open entry
 * whose body names @from_id as its `customer` names @to_id instead (the
 * rest of the body byte for byte as it was), and the replica re-points its
 * rows and entries (kiosk_replica_repoint_customer()). */
gboolean         kiosk_outbox_repoint_customer (KioskReplica  *replica,
                                                gint64         create_entry_id,
                                                const char    *from_id,
                                                const char    *to_id,
                                                GError       **error);

/* The file of unsent changes kept before the replica takes another salon
 * (kiosk-pairing.h): {"salon", "exported_at", "changes": [{"kind",
 * "entity_id", "idempotency_key", "state", "created_at", "last_reason",
 * "refusal_code", "body"}…]} for @entries (KioskOutboxEntry *), indented.
 * @salon may be NULL. */
char            *kiosk_outbox_export_document  (const char    *salon,
                                                GDateTime     *exported_at,
                                                GPtrArray     *entries);

G_END_DECLS
