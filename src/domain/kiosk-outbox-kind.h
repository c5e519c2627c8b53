/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The outbox's vocabulary, which every room shares: the kinds of change the
 * desk makes (one per mutation endpoint of docs/kiosk-api.md §3.3) and the
 * states a change goes through on its way to the server (§4). Pure
 * vocabulary: how a kind is sent (its method, path, body and the rows it
 * waits for) is the sync room's route table (kiosk-outbox.h), and the
 * replica stores a kind by its string below, so that the replicas of
 * earlier builds keep working.
 */
#pragma once

#include <glib.h>

#include "kiosk-records.h"

G_BEGIN_DECLS

typedef enum {
  KIOSK_OUTBOX_PENDING,
  KIOSK_OUTBOX_IN_FLIGHT,
  KIOSK_OUTBOX_DONE,
  KIOSK_OUTBOX_REFUSED,
  KIOSK_OUTBOX_HELD,    /* waits on a refused change it depends on */
} KioskOutboxState;

#define KIOSK_N_OUTBOX_STATES (KIOSK_OUTBOX_HELD + 1)

/* "pending", "in_flight", "done", "refused", "held": as the replica stores
 * them and --status --json names them. */
const char      *kiosk_outbox_state_to_string   (KioskOutboxState  state);
/* FALSE for an unknown word, leaving *out alone. */
gboolean         kiosk_outbox_state_from_string (const char       *str,
                                                 KioskOutboxState *out);

typedef enum {
  KIOSK_OUTBOX_KIND_UNKNOWN,             /* stored by a build that knew a kind this one does not */
  KIOSK_OUTBOX_KIND_CUSTOMER_CREATE,     /* "customer.create" */
  KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE,  /* "appointment.create" */
  KIOSK_OUTBOX_KIND_APPOINTMENT_CHECK_IN,/* "appointment.check_in" */
  KIOSK_OUTBOX_KIND_APPOINTMENT_STATUS,  /* "appointment.status" */
  KIOSK_OUTBOX_KIND_WALKIN_CREATE,       /* "walkin.create" */
  KIOSK_OUTBOX_KIND_WALKIN_STATUS,       /* "walkin.status" */
  KIOSK_OUTBOX_KIND_LOYALTY_REDEEM,      /* "loyalty.redeem" */
} KioskOutboxKind;

#define KIOSK_N_OUTBOX_KINDS (KIOSK_OUTBOX_KIND_LOYALTY_REDEEM + 1)

/* The kind's string, as the replica's outbox stores it; NULL for UNKNOWN. */
const char      *kiosk_outbox_kind_to_string    (KioskOutboxKind   kind);
/* KIOSK_OUTBOX_KIND_UNKNOWN for NULL or a string this build does not know. */
KioskOutboxKind  kiosk_outbox_kind_from_string  (const char       *str);
/* The entity whose row the change writes (WALKIN_STATUS -> WALKIN), and
 * KIOSK_ENTITY_UNKNOWN for UNKNOWN. */
KioskEntity      kiosk_outbox_kind_entity       (KioskOutboxKind   kind);

G_END_DECLS
