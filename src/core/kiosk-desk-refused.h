/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the server refused and staff's decisions about it
 * (kiosk-desk-refused.c).
 * Same rules as kiosk-desk.h: each write is the replica row(s) plus its
 * outbox entry in one transaction (durable before the call returns), then a
 * nudge to the sync engine and KioskContext::replica-changed; errors are
 * KIOSK_DESK_ERROR with a translated sentence for the screen; no GTK; logs
 * carry ids only.
 */
#pragma once

#include "kiosk-desk.h"
#include "kiosk-slots.h"
#include "kiosk-outbox-kind.h"

G_BEGIN_DECLS

typedef enum {
  KIOSK_REFUSED_ACTION_NONE           = 0,
  KIOSK_REFUSED_ACTION_BOOK_NEXT_SLOT = 1 << 0,  /* slot_taken: book next_slot instead */
  KIOSK_REFUSED_ACTION_MERGE_CUSTOMER = 1 << 1,  /* phone_exists left over: use the existing customer */
  KIOSK_REFUSED_ACTION_DISMISS        = 1 << 2,  /* always */
} KioskRefusedAction;

typedef struct {
  gint64              entry_id;     /* the outbox entry */
  KioskOutboxKind     kind;         /* KIOSK_OUTBOX_KIND_UNKNOWN: stored by a build that knew more kinds */
  KioskOutboxState    state;        /* refused, or held behind a refused one */
  char               *what;         /* "Booking: Ayşe Y., Saç kesimi, 26 Kasım 14:00" (translated) */
  char               *reason;       /* the reason in words (the server's, else a translated one) */
  char               *code;         /* the refusal's ("slot_taken", "validation", …), NULL when held or none */
  gint64              created_at;   /* µs, when it was done at the desk */
  KioskRefusedAction  actions;
  KioskSlot          *next_slot;    /* for BOOK_NEXT_SLOT, else NULL */
  char               *existing_customer; /* for MERGE_CUSTOMER, else NULL */
} KioskRefusedChange;

void       kiosk_refused_change_free      (KioskRefusedChange *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskRefusedChange, kiosk_refused_change_free)

/* Every refused change and every change held behind one, oldest first. */
GPtrArray *kiosk_desk_list_refused        (KioskContext  *context,
                                           GError       **error);

/* Books the change's next free slot as a new booking (pending) and closes
 * the refused one. */
gboolean   kiosk_desk_refused_book_next   (KioskContext  *context,
                                           gint64         entry_id,
                                           GError       **error);
/* Re-points what the change named to the existing customer and retries. */
gboolean   kiosk_desk_refused_merge       (KioskContext  *context,
                                           gint64         entry_id,
                                           GError       **error);
/* Closes the change with staff's @note (may be NULL): the desk's local row
 * goes back to the server's copy (or away, if the server never had it), and
 * changes held behind it are closed too. Nothing is uploaded. */
gboolean   kiosk_desk_refused_dismiss     (KioskContext  *context,
                                           gint64         entry_id,
                                           const char    *note,
                                           GError       **error);

/* How many changes wait to upload (pending + in flight) and since when the
 * oldest waits (µs, 0 for none): for the offline banner. */
gboolean   kiosk_desk_count_waiting       (KioskContext  *context,
                                           gint64        *waiting,
                                           gint64        *oldest_created_at,
                                           GError       **error);

G_END_DECLS
