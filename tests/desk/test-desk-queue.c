/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The walk-in queue through the desk: joining with every way a Turkish
 * number is typed, refusals that write nothing, the queue's order and wait
 * estimates, and the moves staff make.
 */
#include <string.h>

#include "kiosk-kvkk.h"
#include "kiosk-replica-private.h"
#include "kiosk-replica-desk.h"
#include "kiosk-replica-sync.h"
#include "kiosk-desk-test.h"

#define SOMEONE_PHONE "+905559876543"

static GDateTime *
consent_now (void)
{
  return g_date_time_new_now_utc ();
}

/* The tap on "I agree", a few seconds before the person joins at 10:00. */
#define CONSENT_TAP "2026-09-14T09:59:57+03:00"

static GDateTime *
consent_tap (void)
{
  /* In UTC, as a clock other than the salon's would give it. */
  return g_date_time_new_from_iso8601 ("2026-09-14T06:59:57Z", NULL);
}

/* ---- joining ------------------------------------------------------------ */

static const char * const spellings[] = {
  "0555 987 65 43",
  "+90 555 987 6543",
  "5559876543",
  "0 (555) 987-65-43",
  "0090 555 987 65 43",
  "+905559876543",
  "  0555-987-6543  ",
};

static void
test_join_spelling (DeskFixture   *f,
                    gconstpointer  data)
{
  const char *typed = data;
  g_autoptr(GDateTime) consent = consent_tap ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) walkins = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *id = NULL;
  KioskWalkin *walkin;
  KioskOutboxEntry *entry;

  id = kiosk_desk_join_queue (f->context, "  Ali Çelik ", typed, HAIRCUT, NULL, consent, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);

  walkins = kiosk_replica_list_walkins (f->replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (walkins->len, ==, 1);
  walkin = g_ptr_array_index (walkins, 0);
  g_assert_cmpstr (walkin->id, ==, id);
  g_assert_cmpstr (walkin->phone, ==, SOMEONE_PHONE);
  g_assert_cmpstr (walkin->name, ==, "Ali Çelik");
  g_assert_cmpint (walkin->status, ==, KIOSK_WALKIN_WAITING);
  g_assert_null (walkin->customer);
  g_assert_true (walkin->pending);
  g_assert_cmpstr (walkin->arrived_at, ==, "2026-09-14T10:00:00+03:00");
  /* The consent is kept with the row, in the salon's time (§3.6). */
  g_assert_cmpstr (walkin->consent_at, ==, CONSENT_TAP);
  g_assert_cmpstr (walkin->consent_notice, ==, KIOSK_KVKK_NOTICE_WALKIN);

  outbox = desk_outbox (f);
  g_assert_cmpuint (outbox->len, ==, 1);
  entry = g_ptr_array_index (outbox, 0);
  g_assert_cmpstr (entry->kind, ==, "walkin.create");
  g_assert_cmpstr (entry->entity_id, ==, id);
  g_assert_cmpint (entry->state, ==, KIOSK_OUTBOX_PENDING);
  body = desk_payload (entry);
  g_assert_cmpstr (desk_member (body, "id"), ==, id);
  g_assert_cmpstr (desk_member (body, "phone"), ==, SOMEONE_PHONE);
  g_assert_cmpstr (desk_member (body, "name"), ==, "Ali Çelik");
  g_assert_cmpstr (desk_member (body, "service"), ==, HAIRCUT);
  g_assert_null (desk_member (body, "customer"));
  g_assert_null (desk_member (body, "preferred_employee"));
  g_assert_cmpstr (desk_member (body, "arrived_at"), ==, "2026-09-14T10:00:00+03:00");
  /* And it goes with the upload: the walk-in has no customer record. */
  g_assert_cmpstr (desk_member (body, "consent_at"), ==, CONSENT_TAP);
  g_assert_cmpstr (desk_member (body, "consent_notice"), ==, KIOSK_KVKK_NOTICE_WALKIN);
}

typedef struct {
  const char    *name;
  const char    *phone;
  const char    *service;
  const char    *preferred;
  gboolean       consent;
  KioskDeskError code;
} BadJoin;

static const BadJoin bad_joins[] = {
  { "Ali", "12345",             HAIRCUT, NULL,   TRUE,  KIOSK_DESK_ERROR_INVALID },
  { "Ali", "0555 123",          HAIRCUT, NULL,   TRUE,  KIOSK_DESK_ERROR_INVALID },
  { "Ali", "0212 555 12 34 56", HAIRCUT, NULL,   TRUE,  KIOSK_DESK_ERROR_INVALID },
  { "Ali", "beş beş beş",       HAIRCUT, NULL,   TRUE,  KIOSK_DESK_ERROR_INVALID },
  { "Ali", "",                  HAIRCUT, NULL,   TRUE,  KIOSK_DESK_ERROR_INVALID },
  { "   ", "0555 987 65 43",    HAIRCUT, NULL,   TRUE,  KIOSK_DESK_ERROR_INVALID },
  { "Ali", "0555 987 65 43",    "00000000-0000-4000-8000-00000000ffff", NULL, TRUE, KIOSK_DESK_ERROR_INVALID },
  { "Ali", "0555 987 65 43",    HAIRCUT, "00000000-0000-4000-8000-00000000eeee", TRUE, KIOSK_DESK_ERROR_INVALID },
  { "Ali", "0555 987 65 43",    HAIRCUT, NULL,   FALSE, KIOSK_DESK_ERROR_NO_CONSENT },
};

static void
test_join_refused (DeskFixture   *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_joins); i++)
    {
      const BadJoin *bad = &bad_joins[i];
      g_autoptr(GDateTime) consent = bad->consent ? consent_now () : NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL;

      g_test_message ("case %u: %s / %s", i, bad->name, bad->phone);
      id = kiosk_desk_join_queue (f->context, bad->name, bad->phone, bad->service, bad->preferred,
                                  consent, &error);
      g_assert_null (id);
      g_assert_error (error, KIOSK_DESK_ERROR, (int)bad->code);
      g_assert_cmpuint (strlen (error->message), >, 10);
      g_assert_cmpint (desk_count (f, "walkin"), ==, 0);
      g_assert_cmpint (desk_count (f, "outbox"), ==, 0);
    }
}

static void
test_join_twice (DeskFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) consent = consent_now ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  first = kiosk_desk_join_queue (f->context, "Ali", "0555 987 65 43", HAIRCUT, NULL, consent, &error);
  g_assert_no_error (error);
  second = kiosk_desk_join_queue (f->context, "Ali", "+90 555 987 6543", COLOUR, NULL, consent, &error);
  g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_EXISTS);
  g_assert_null (second);
  g_assert_cmpint (desk_count (f, "walkin"), ==, 1);
  g_assert_cmpint (desk_count (f, "outbox"), ==, 1);
}

static void
test_join_known_customer (DeskFixture   *f,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) consent = consent_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) walkins = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *id = NULL;

  id = kiosk_desk_join_queue (f->context, "İrem", "0 (555) 123-45-67", HAIRCUT, AYSE, consent, &error);
  g_assert_no_error (error);
  walkins = kiosk_replica_list_walkins (f->replica, &error);
  g_assert_cmpuint (walkins->len, ==, 1);
  g_assert_cmpstr (((KioskWalkin *)g_ptr_array_index (walkins, 0))->customer, ==, IREM);
  g_assert_cmpstr (((KioskWalkin *)g_ptr_array_index (walkins, 0))->preferred_employee, ==, AYSE);
  outbox = desk_outbox (f);
  body = desk_payload (g_ptr_array_index (outbox, 0));
  g_assert_cmpstr (desk_member (body, "customer"), ==, IREM);
  g_assert_cmpstr (desk_member (body, "phone"), ==, IREM_PHONE);
  g_assert_cmpstr (desk_member (body, "preferred_employee"), ==, AYSE);
  /* A known customer ticked the box too: the server keeps that as well. */
  g_assert_nonnull (desk_member (body, "consent_at"));
  g_assert_cmpstr (desk_member (body, "consent_notice"), ==, KIOSK_KVKK_NOTICE_WALKIN);
}

/* ---- estimates ---------------------------------------------------------- */

static void
test_estimate_empty_queue (DeskFixture   *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskWaitEstimate) anyone = NULL;
  g_autoptr(GPtrArray) queue = NULL;

  queue = kiosk_desk_list_queue (f->context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 0);

  anyone = kiosk_desk_estimate_join (f->context, HAIRCUT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (anyone->status, ==, KIOSK_WAIT_OK);
  g_assert_cmpint (anyone->min_wait, ==, 0);
  g_assert_cmpint (anyone->max_wait, >=, anyone->min_wait);
  g_assert_cmpstr (anyone->employee, ==, AYSE);   /* first in the list */
}

static void
test_estimate_everyone_busy (DeskFixture   *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskWaitEstimate) anyone = NULL;
  g_autoptr(KioskWaitEstimate) with_ayse = NULL;

  desk_put_appointment (f, "00000000-0000-4000-8000-000000000401", IREM, COLOUR, AYSE,
                        TEST_TODAY, "09:30", "10:45", KIOSK_APPOINTMENT_CONFIRMED);
  desk_put_appointment (f, "00000000-0000-4000-8000-000000000402", IREM, HAIRCUT, MEHMET,
                        TEST_TODAY, "10:00", "10:30", KIOSK_APPOINTMENT_PENDING);
  /* Cancelled ones and other days' ones block nobody. */
  desk_put_appointment (f, "00000000-0000-4000-8000-000000000403", IREM, HAIRCUT, MEHMET,
                        TEST_TODAY, "10:30", "11:00", KIOSK_APPOINTMENT_CANCELLED);
  desk_put_appointment (f, "00000000-0000-4000-8000-000000000404", IREM, HAIRCUT, MEHMET,
                        TEST_TOMORROW, "10:30", "11:00", KIOSK_APPOINTMENT_CONFIRMED);

  anyone = kiosk_desk_estimate_join (f->context, HAIRCUT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (anyone->status, ==, KIOSK_WAIT_OK);
  g_assert_cmpint (anyone->min_wait, ==, 30 * 60);    /* Mehmet is free first */
  g_assert_cmpstr (anyone->employee, ==, MEHMET);

  with_ayse = kiosk_desk_estimate_join (f->context, HAIRCUT, AYSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (with_ayse->min_wait, ==, 45 * 60);
  g_assert_cmpstr (with_ayse->employee, ==, AYSE);
  g_assert_false (with_ayse->preference_dropped);
}

static void
test_estimate_nobody_able (DeskFixture   *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskWaitEstimate) estimate = NULL;

  /* Only Zeynep does manicures, and she is not on shift. */
  estimate = kiosk_desk_estimate_join (f->context, MANICURE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (estimate->status, ==, KIOSK_WAIT_NOBODY_CAN);
  g_assert_null (estimate->employee);
}

static void
test_estimate_after_closing (DeskFixture   *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskWaitEstimate) estimate = NULL;

  desk_fixture_set_time (f, 18, 0);
  estimate = kiosk_desk_estimate_join (f->context, COLOUR, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (estimate->status, ==, KIOSK_WAIT_AFTER_CLOSING);
}

static void
test_queue_order_and_estimates (DeskFixture   *f,
                                gconstpointer  data)
{
  g_autoptr(GDateTime) consent = consent_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  const KioskQueueItem *item;

  /* Yesterday's forgotten walk-in is not today's queue. */
  desk_put_walkin (f, "00000000-0000-4000-8000-000000000501", "Eski Kayıt", HAIRCUT, NULL, NULL,
                   KIOSK_WALKIN_WAITING, "2026-09-13T17:00:00+03:00");
  /* Mehmet is serving someone since 09:50 (30 min). */
  desk_put_walkin (f, "00000000-0000-4000-8000-000000000502", "Veli Kaya", HAIRCUT, NULL, MEHMET,
                   KIOSK_WALKIN_IN_SERVICE, "2026-09-14T09:50:00+03:00");

  first = kiosk_desk_join_queue (f->context, "Ali Çelik", "0555 987 65 43", COLOUR, NULL, consent, &error);
  g_assert_no_error (error);
  desk_fixture_set_time (f, 10, 5);
  second = kiosk_desk_join_queue (f->context, "Can Öz", "0555 111 22 33", HAIRCUT, NULL, consent, &error);
  g_assert_no_error (error);
  desk_fixture_set_time (f, 10, 6);
  third = kiosk_desk_join_queue (f->context, "Deniz Ünal", "0555 444 55 66", HAIRCUT, MEHMET, consent, &error);
  g_assert_no_error (error);
  desk_fixture_set_time (f, 10, 10);

  queue = kiosk_desk_list_queue (f->context, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 4);

  item = g_ptr_array_index (queue, 0);
  g_assert_cmpstr (item->walkin->name, ==, "Veli Kaya");
  g_assert_null (item->estimate);
  g_assert_cmpstr (item->employee_name, ==, "Mehmet");
  g_assert_cmpint (item->waited, ==, 20 * 60);

  /* Ali takes Ayşe (the only one who colours) now. */
  item = g_ptr_array_index (queue, 1);
  g_assert_cmpstr (item->walkin->id, ==, first);
  g_assert_cmpstr (item->service_name, ==, "Boya");
  g_assert_cmpint (item->waited, ==, 10 * 60);
  g_assert_nonnull (item->estimate);
  g_assert_cmpuint (item->estimate->position, ==, 1);
  g_assert_cmpint (item->estimate->min_wait, ==, 0);
  g_assert_cmpstr (item->estimate->employee, ==, AYSE);

  /* Can, anyone: Mehmet frees up at 10:20, Ayşe only at 11:40. */
  item = g_ptr_array_index (queue, 2);
  g_assert_cmpstr (item->walkin->id, ==, second);
  g_assert_cmpuint (item->estimate->position, ==, 2);
  g_assert_cmpint (item->estimate->min_wait, ==, 10 * 60);
  g_assert_cmpstr (item->estimate->employee, ==, MEHMET);
  g_assert_cmpint (item->estimate->max_wait, >=, item->estimate->min_wait);

  /* Deniz wants Mehmet: after Can. */
  item = g_ptr_array_index (queue, 3);
  g_assert_cmpstr (item->walkin->id, ==, third);
  g_assert_cmpstr (item->preferred_name, ==, "Mehmet");
  g_assert_cmpuint (item->estimate->position, ==, 3);
  g_assert_cmpint (item->estimate->min_wait, ==, 40 * 60);
  g_assert_cmpstr (item->estimate->employee, ==, MEHMET);
}

/* ---- moves -------------------------------------------------------------- */

typedef struct {
  KioskWalkinStatus from;
  KioskWalkinStatus to;
  gboolean          allowed;
} Move;

static const Move moves[] = {
  { KIOSK_WALKIN_WAITING,    KIOSK_WALKIN_CALLED,     TRUE },
  { KIOSK_WALKIN_WAITING,    KIOSK_WALKIN_IN_SERVICE, TRUE },
  { KIOSK_WALKIN_WAITING,    KIOSK_WALKIN_LEFT,       TRUE },
  { KIOSK_WALKIN_WAITING,    KIOSK_WALKIN_DONE,       FALSE },
  { KIOSK_WALKIN_WAITING,    KIOSK_WALKIN_WAITING,    FALSE },
  { KIOSK_WALKIN_CALLED,     KIOSK_WALKIN_IN_SERVICE, TRUE },
  { KIOSK_WALKIN_CALLED,     KIOSK_WALKIN_LEFT,       TRUE },
  { KIOSK_WALKIN_CALLED,     KIOSK_WALKIN_CALLED,     FALSE },
  { KIOSK_WALKIN_CALLED,     KIOSK_WALKIN_DONE,       FALSE },
  { KIOSK_WALKIN_CALLED,     KIOSK_WALKIN_WAITING,    FALSE },
  { KIOSK_WALKIN_IN_SERVICE, KIOSK_WALKIN_DONE,       TRUE },
  { KIOSK_WALKIN_IN_SERVICE, KIOSK_WALKIN_LEFT,       FALSE },
  { KIOSK_WALKIN_IN_SERVICE, KIOSK_WALKIN_CALLED,     FALSE },
  { KIOSK_WALKIN_DONE,       KIOSK_WALKIN_LEFT,       FALSE },
  { KIOSK_WALKIN_DONE,       KIOSK_WALKIN_IN_SERVICE, FALSE },
  { KIOSK_WALKIN_LEFT,       KIOSK_WALKIN_CALLED,     FALSE },
};

#define WALKIN_ID "00000000-0000-4000-8000-000000000601"

static void
test_moves (DeskFixture   *f,
            gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      const Move *move = &moves[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(KioskWalkin) after = NULL;
      g_autoptr(GPtrArray) outbox = NULL;
      gint64 before = desk_count (f, "outbox");
      gboolean ok;

      g_test_message ("%s -> %s", kiosk_walkin_status_to_string (move->from),
                      kiosk_walkin_status_to_string (move->to));
      desk_put_walkin (f, WALKIN_ID, "Ali Çelik", HAIRCUT, NULL, NULL, move->from,
                       "2026-09-14T09:40:00+03:00");
      ok = kiosk_desk_set_walkin_status (f->context, WALKIN_ID, move->to, MEHMET, &error);
      after = kiosk_replica_get_walkin (f->replica, WALKIN_ID, NULL);
      outbox = desk_outbox (f);
      if (move->allowed)
        {
          g_autoptr(JsonNode) body = NULL;
          KioskOutboxEntry *entry = g_ptr_array_index (outbox, outbox->len - 1);

          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (after->status, ==, move->to);
          g_assert_cmpstr (after->employee, ==, MEHMET);
          g_assert_true (after->pending);
          g_assert_cmpint (outbox->len, ==, before + 1);
          g_assert_cmpstr (entry->kind, ==, "walkin.status");
          g_assert_cmpstr (entry->entity_id, ==, WALKIN_ID);
          body = desk_payload (entry);
          g_assert_cmpstr (desk_member (body, "status"), ==, kiosk_walkin_status_to_string (move->to));
          g_assert_cmpstr (desk_member (body, "employee"), ==, MEHMET);
          if (move->to == KIOSK_WALKIN_DONE || move->to == KIOSK_WALKIN_LEFT)
            g_assert_cmpstr (after->finished_at, ==, "2026-09-14T10:00:00+03:00");
        }
      else
        {
          g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED);
          g_assert_false (ok);
          g_assert_cmpuint (strlen (error->message), >, 10);
          g_assert_cmpint (after->status, ==, move->from);
          g_assert_false (after->pending);
          g_assert_cmpint (outbox->len, ==, before);
        }
    }
}

static void
test_move_unknown (DeskFixture   *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kiosk_desk_set_walkin_status (f->context, WALKIN_ID, KIOSK_WALKIN_CALLED, NULL, &error));
  g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NOT_FOUND);
  g_assert_cmpint (desk_count (f, "outbox"), ==, 0);
}

/* A status change of a walk-in whose creation is still queued goes after
 * it, and is held when the creation is refused. */
static void
test_status_waits_for_creation (DeskFixture   *f,
                                gconstpointer  data)
{
  g_autoptr(GDateTime) consent = consent_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *id = NULL;
  KioskOutboxEntry *create;

  id = kiosk_desk_join_queue (f->context, "Ali Çelik", "0555 987 65 43", HAIRCUT, NULL, consent, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_desk_set_walkin_status (f->context, id, KIOSK_WALKIN_CALLED, NULL, &error));
  g_assert_no_error (error);

  due = kiosk_replica_outbox_due (f->replica, G_MAXINT64, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  create = g_ptr_array_index (due, 0);
  g_assert_cmpstr (create->kind, ==, "walkin.create");

  desk_refuse (f, create->id, 400, "{\"phone\": [\"Geçerli bir telefon numarası girin.\"]}");
  outbox = desk_outbox (f);
  g_assert_cmpint (((KioskOutboxEntry *)g_ptr_array_index (outbox, 1))->state, ==, KIOSK_OUTBOX_HELD);
}

static void
test_call_next (DeskFixture   *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) consent = consent_now ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskWalkin) called = NULL;
  g_autofree char *none = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *next = NULL;

  none = kiosk_desk_call_next (f->context, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NOT_FOUND);
  g_clear_error (&error);

  first = kiosk_desk_join_queue (f->context, "Ali Çelik", "0555 987 65 43", COLOUR, NULL, consent, &error);
  desk_fixture_set_time (f, 10, 1);
  second = kiosk_desk_join_queue (f->context, "Can Öz", "0555 111 22 33", HAIRCUT, NULL, consent, &error);
  g_assert_no_error (error);

  next = kiosk_desk_call_next (f->context, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, first);
  called = kiosk_replica_get_walkin (f->replica, first, &error);
  g_assert_cmpint (called->status, ==, KIOSK_WALKIN_CALLED);
  g_assert_cmpstr (called->employee, ==, AYSE);   /* the estimate's: only she colours */
  g_assert_cmpstr (called->called_at, ==, "2026-09-14T10:01:00+03:00");

  g_clear_pointer (&next, g_free);
  next = kiosk_desk_call_next (f->context, MEHMET, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, second);
}

/* Never crash, lose nothing: a replica that cannot be written. */
static void
test_read_only_replica (DeskFixture   *f,
                        gconstpointer  data)
{
  g_autoptr(GDateTime) consent = consent_now ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  desk_put_walkin (f, WALKIN_ID, "Ali Çelik", HAIRCUT, NULL, NULL, KIOSK_WALKIN_WAITING,
                   "2026-09-14T09:40:00+03:00");
  g_assert_true (kiosk_replica_exec_for_testing (f->replica, "PRAGMA query_only = 1", &error));

  desk_catch_warnings (TRUE);
  id = kiosk_desk_join_queue (f->context, "Can Öz", "0555 111 22 33", HAIRCUT, NULL, consent, &error);
  g_assert_null (id);
  g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED);
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_clear_error (&error);

  g_assert_false (kiosk_desk_set_walkin_status (f->context, WALKIN_ID, KIOSK_WALKIN_CALLED, NULL, &error));
  g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (desk_caught_warnings (), >=, 2);
  desk_catch_warnings (FALSE);

  /* Nothing half-written, and the replica works again once writable. */
  g_assert_true (kiosk_replica_exec_for_testing (f->replica, "PRAGMA query_only = 0", &error));
  g_assert_cmpint (desk_count (f, "walkin"), ==, 1);
  g_assert_cmpint (desk_count (f, "outbox"), ==, 0);
  id = kiosk_desk_join_queue (f->context, "Can Öz", "0555 111 22 33", HAIRCUT, NULL, consent, &error);
  g_assert_no_error (error);
  g_assert_cmpint (desk_count (f, "outbox"), ==, 1);
}

/* A name pasted or scanned with a tab, a line break or a unit separator
 * (0x1F, which json-glib would write raw into the upload body) is kept as
 * the words it is, and the change uploads. */
static void
test_join_control_characters (DeskFixture   *f,
                              gconstpointer  data)
{
  g_autoptr(GDateTime) consent = consent_tap ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(KioskWalkin) walkin = NULL;
  g_autofree char *id = NULL;

  id = kiosk_desk_join_queue (f->context, "Ali\x1f\u00c7elik\t\n", "0532 111 22 33", HAIRCUT, NULL, consent, &error);
  g_assert_no_error (error);
  walkin = kiosk_replica_get_walkin (f->replica, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (walkin->name, ==, "Ali \u00c7elik");
  outbox = desk_outbox (f);
  g_assert_cmpuint (outbox->len, ==, 1);
  body = desk_payload (g_ptr_array_index (outbox, 0));
  g_assert_cmpstr (desk_member (body, "name"), ==, "Ali \u00c7elik");
}

int
main (int   argc,
      char *argv[])
{
  desk_test_init (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autofree char *path = g_strdup_printf ("/desk/queue/join/spelling/%u", i);

      g_test_add (path, DeskFixture, spellings[i], desk_fixture_setup, test_join_spelling, desk_fixture_teardown);
    }
#define ADD(path, fn) g_test_add (path, DeskFixture, NULL, desk_fixture_setup, fn, desk_fixture_teardown)
  ADD ("/desk/queue/join/control-characters", test_join_control_characters);
  ADD ("/desk/queue/join/refused", test_join_refused);
  ADD ("/desk/queue/join/twice", test_join_twice);
  ADD ("/desk/queue/join/known-customer", test_join_known_customer);
  ADD ("/desk/queue/estimate/empty", test_estimate_empty_queue);
  ADD ("/desk/queue/estimate/everyone-busy", test_estimate_everyone_busy);
  ADD ("/desk/queue/estimate/nobody-able", test_estimate_nobody_able);
  ADD ("/desk/queue/estimate/after-closing", test_estimate_after_closing);
  ADD ("/desk/queue/order", test_queue_order_and_estimates);
  ADD ("/desk/queue/moves", test_moves);
  ADD ("/desk/queue/moves/unknown", test_move_unknown);
  ADD ("/desk/queue/moves/wait-for-creation", test_status_waits_for_creation);
  ADD ("/desk/queue/call-next", test_call_next);
  ADD ("/desk/queue/read-only", test_read_only_replica);
#undef ADD
  return g_test_run ();
}
