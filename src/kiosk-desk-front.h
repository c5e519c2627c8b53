/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The front desk's work of issue 5 and the calendar's bookings of issue 6,
 * as application-level operations over the context's replica. Same rules as
 * kiosk-desk.h: each write is the replica row(s) plus its outbox entry in one
 * transaction (durable before the call returns), then a nudge to the sync
 * engine and KioskContext::replica-changed; errors are KIOSK_DESK_ERROR with
 * a translated sentence for the screen; no GTK; logs carry ids only.
 *
 * Implemented in kiosk-desk-queue.c (walk-ins), kiosk-desk-bookings.c
 * (check-in, statuses, slots, booking), kiosk-desk-loyalty.c (search, card,
 * redemption) and kiosk-desk-refused.c (what the server refused).
 */
#pragma once

#include "kiosk-desk.h"
#include "domain/kiosk-slots.h"
#include "domain/kiosk-wait.h"

G_BEGIN_DECLS

/* ---- walk-ins (kiosk-desk-queue.c) ------------------------------------- */

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

/* ---- bookings (kiosk-desk-bookings.c) ---------------------------------- */

typedef enum {
  KIOSK_ARRIVAL_ON_TIME,
  KIOSK_ARRIVAL_EARLY,     /* more than the late threshold before the start */
  KIOSK_ARRIVAL_LATE,      /* more than the late threshold after the start */
} KioskArrival;

/* Today's bookings of the person with this phone (customer mode) that are
 * not cancelled, completed or no-show, by time. An unknown phone or one
 * with no booking today gives an empty array (the screen says so); an
 * impossible phone is KIOSK_DESK_ERROR_INVALID. */
GPtrArray *kiosk_desk_find_bookings_today (KioskContext  *context,
                                           const char    *phone_input,
                                           GError       **error);   /* KioskAppointmentRow * */

/* Checks a booking in now. A cancelled, completed or no-show booking, or
 * one of another day, is KIOSK_DESK_ERROR_REFUSED with a sentence that says
 * which; one already checked in is fine (nothing new is queued). @arrival
 * and @minutes_off (how early or late, ≥ 0) may be NULL. */
gboolean   kiosk_desk_check_in            (KioskContext  *context,
                                           const char    *appointment_id,
                                           KioskArrival  *arrival,
                                           int           *minutes_off,
                                           GError       **error);

/* Check-in at the kiosk opens the checkin-opens-before setting's minutes
 * before the booking's start: *@opens_at (seconds since the salon's
 * midnight, may be NULL) and whether that time has come. A booking of
 * another day is TRUE (kiosk_desk_check_in() says why it cannot be). */
gboolean   kiosk_desk_check_in_is_open    (KioskContext            *context,
                                           const KioskAppointment  *appointment,
                                           int                     *opens_at);

/* The customer checks in at the kiosk: kiosk_desk_check_in(), but before
 * kiosk_desk_check_in_is_open() it is KIOSK_DESK_ERROR_REFUSED, "You can
 * check in from 12:30." Staff check people in at any time. */
gboolean   kiosk_desk_check_in_self       (KioskContext  *context,
                                           const char    *appointment_id,
                                           KioskArrival  *arrival,
                                           int           *minutes_off,
                                           GError       **error);

/* Whether the salon is open now, and if not when it opens next (the
 * salon's hours in the replica, the context's clock): for the welcome page
 * and the walk-in queue. Nothing known (not paired) is closed with
 * days_ahead -1. */
gboolean   kiosk_desk_get_opening         (KioskContext  *context,
                                           KioskOpening  *opening,
                                           GError       **error);

/* Staff: confirmed (from pending), completed, cancelled or no_show. */
gboolean   kiosk_desk_set_appointment_status (KioskContext           *context,
                                              const char             *appointment_id,
                                              KioskAppointmentStatus  status,
                                              GError                **error);

/* The free slots of @service_id on @date ("YYYY-MM-DD") for @employee_id
 * (NULL: anyone), counting the kiosk's own pending bookings, from now on. */
GPtrArray *kiosk_desk_find_slots          (KioskContext      *context,
                                           const char        *service_id,
                                           const char        *date,
                                           const char        *employee_id,
                                           KioskSlotsReason  *reason,
                                           GError           **error);   /* KioskSlot * */

/* Books @customer_id for @service_id at @date/@time (seconds since the
 * salon's midnight) with @employee_id (NULL: anyone, the first free able
 * employee is written down). A slot that is no longer free in the replica is
 * KIOSK_DESK_ERROR_REFUSED. Returns the new appointment's id (pending). */
char      *kiosk_desk_book                (KioskContext  *context,
                                           const char    *customer_id,
                                           const char    *service_id,
                                           const char    *employee_id,
                                           const char    *date,
                                           int            time,
                                           const char    *notes,
                                           GError       **error);

/* ---- loyalty (kiosk-desk-loyalty.c) ------------------------------------ */

/* Staff lookup: any part of a phone number (digits in any spacing) or of a
 * name, Turkish-aware (ışık, IŞIK, isik find Işık). Any input is safe.
 * At most @limit customers (KioskCustomer *), best first. */
GPtrArray *kiosk_desk_search_customers    (KioskContext  *context,
                                           const char    *query,
                                           guint          limit,
                                           GError       **error);
/* The same lookup off the caller's thread (the replica's own read
 * connection): for the search as staff type. Cancelling gives
 * G_IO_ERROR_CANCELLED, never a stale result. */
void       kiosk_desk_search_customers_async  (KioskContext         *context,
                                               const char           *query,
                                               guint                 limit,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray *kiosk_desk_search_customers_finish (KioskContext         *context,
                                               GAsyncResult         *result,
                                               GError              **error);

typedef struct {
  KioskCustomer     *customer;
  GPtrArray         *history;            /* KioskPointEntry *, newest first */
  gint64             pending_redeemed;   /* points in redemptions not yet accepted */
  gint64             available;          /* current_points - pending_redeemed, ≥ 0 */
  gboolean           has_next_level;
  KioskLoyaltyLevel  next_level;
  gint64             spend_to_next;      /* kuruş left to spend to reach it */
} KioskLoyaltyCard;

void              kiosk_loyalty_card_free (KioskLoyaltyCard *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskLoyaltyCard, kiosk_loyalty_card_free)

KioskLoyaltyCard *kiosk_desk_loyalty_card (KioskContext  *context,
                                           const char    *customer_id,
                                           GError       **error);

/* Redeems @points (> 0) now; refused on the spot (KIOSK_DESK_ERROR_REFUSED)
 * when the card's available points are fewer. Returns the new point entry's
 * id (pending, negative points). */
char             *kiosk_desk_redeem       (KioskContext  *context,
                                           const char    *customer_id,
                                           gint64         points,
                                           const char    *reason,
                                           GError       **error);

/* ---- refused changes (kiosk-desk-refused.c) ---------------------------- */

typedef enum {
  KIOSK_REFUSED_ACTION_NONE           = 0,
  KIOSK_REFUSED_ACTION_BOOK_NEXT_SLOT = 1 << 0,  /* slot_taken: book next_slot instead */
  KIOSK_REFUSED_ACTION_MERGE_CUSTOMER = 1 << 1,  /* phone_exists left over: use the existing customer */
  KIOSK_REFUSED_ACTION_DISMISS        = 1 << 2,  /* always */
} KioskRefusedAction;

typedef struct {
  gint64              entry_id;     /* the outbox entry */
  char               *kind;         /* "appointment.create", … */
  KioskOutboxState    state;        /* refused, or held behind a refused one */
  char               *what;         /* "Booking: Ayşe Y., Saç kesimi, 26 Kasım 14:00" (translated) */
  char               *reason;       /* the reason in words (the server's, else a translated one) */
  char               *code;         /* the server's code ("slot_taken", …) or NULL */
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
