/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the server refused, through the desk: the list in words, booking
 * the next free slot, merging with the existing customer, dismissing (the
 * desk's rows go back to the server's), and the count for the banner. The
 * engine's refusal is booked from the server's answer with
 * kiosk_outbox_refuse(), as the engine books it.
 */
#include <string.h>

#include "kiosk-json.h"
#include "kiosk-replica-desk.h"
#include "kiosk-replica-sync.h"
#include "kiosk-desk-test.h"

#define BOOKING "00000000-0000-4000-8000-000000000801"

static KioskOutboxEntry *
last_entry (DeskFixture *f)
{
  g_autoptr(GPtrArray) outbox = desk_outbox (f);

  g_assert_cmpuint (outbox->len, >, 0);
  return g_ptr_array_steal_index (outbox, outbox->len - 1);
}

static GPtrArray *
list_refused (DeskFixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = kiosk_desk_list_refused (f->context, &error);

  g_assert_no_error (error);
  return list;
}

static void
test_slot_taken_book_next (DeskFixture   *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autoptr(KioskOutboxEntry) closed = NULL;
  g_autoptr(KioskAppointment) gone = NULL;
  g_autofree char *booked = NULL;
  const KioskRefusedChange *change;
  KioskAppointmentRow *row;

  booked = kiosk_desk_book (f->context, IREM, HAIRCUT, MEHMET, TEST_TODAY, 14 * 3600, NULL, &error);
  g_assert_no_error (error);
  entry = last_entry (f);
  /* Meanwhile someone booked Mehmet at 14:00 and 14:30 elsewhere. */
  desk_put_appointment (f, "00000000-0000-4000-8000-000000000802", IREM, HAIRCUT, MEHMET, TEST_TODAY,
                        "14:30", "15:00", KIOSK_APPOINTMENT_CONFIRMED);
  desk_refuse (f, entry->id, 409, "{\"code\": \"slot_taken\", \"detail\": \"Bu saat dolu.\", \"conflicts\": []}");

  list = list_refused (f);
  g_assert_cmpuint (list->len, ==, 1);
  change = g_ptr_array_index (list, 0);
  g_assert_cmpint (change->entry_id, ==, entry->id);
  g_assert_cmpint (change->kind, ==, KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE);
  g_assert_cmpint (change->state, ==, KIOSK_OUTBOX_REFUSED);
  g_assert_cmpstr (change->code, ==, "slot_taken");
  g_assert_nonnull (strstr (change->what, "İrem I."));
  g_assert_null (strstr (change->what, "Işık"));
  g_assert_nonnull (strstr (change->what, "Saç kesimi"));
  g_assert_nonnull (strstr (change->what, "14:00"));
  g_assert_nonnull (strstr (change->reason, "booked this time first"));
  g_assert_nonnull (strstr (change->reason, "Bu saat dolu."));
  g_assert_cmpint (change->actions, ==, KIOSK_REFUSED_ACTION_BOOK_NEXT_SLOT | KIOSK_REFUSED_ACTION_DISMISS);
  g_assert_nonnull (change->next_slot);
  g_assert_cmpstr (change->next_slot->date, ==, TEST_TODAY);
  g_assert_cmpint (change->next_slot->start, ==, 15 * 3600);
  g_assert_cmpstr (change->next_slot->employee, ==, MEHMET);

  g_assert_true (kiosk_desk_refused_book_next (f->context, entry->id, &error));
  g_assert_no_error (error);

  after = list_refused (f);
  g_assert_cmpuint (after->len, ==, 0);
  closed = kiosk_replica_outbox_get (f->replica, entry->id, &error);
  g_assert_cmpint (closed->state, ==, KIOSK_OUTBOX_DONE);
  g_assert_true (kiosk_outbox_entry_is_dismissed (closed));
  gone = kiosk_replica_get_appointment (f->replica, booked, &error);
  g_assert_null (gone);
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  rows = kiosk_replica_list_appointment_rows (f->replica, TEST_TODAY, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpint (row->appointment.appointment_time, ==, 15 * 3600);
  g_assert_cmpstr (row->appointment.employee, ==, MEHMET);
  g_assert_true (row->appointment.pending);
  outbox = desk_outbox (f);
  g_assert_cmpuint (outbox->len, ==, 2);
  g_assert_cmpstr (((KioskOutboxEntry *)g_ptr_array_index (outbox, 1))->kind, ==, "appointment.create");
  g_assert_cmpint (((KioskOutboxEntry *)g_ptr_array_index (outbox, 1))->state, ==, KIOSK_OUTBOX_PENDING);
}

/* A refused booking dismissed: the server never had it, so it goes. */
static void
test_dismiss_new_row (DeskFixture   *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autoptr(KioskOutboxEntry) closed = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *booked = NULL;

  booked = kiosk_desk_book (f->context, IREM, HAIRCUT, MEHMET, TEST_TODAY, 14 * 3600, NULL, &error);
  entry = last_entry (f);
  desk_refuse (f, entry->id, 409, "{\"detail\": \"Bu saat dolu.\"}");

  g_assert_true (kiosk_desk_refused_dismiss (f->context, entry->id, "  Müşteri aradı, vazgeçti  ", &error));
  g_assert_no_error (error);
  g_assert_cmpint (desk_count (f, "appointment"), ==, 0);
  closed = kiosk_replica_outbox_get (f->replica, entry->id, &error);
  g_assert_true (kiosk_outbox_entry_is_dismissed (closed));
  g_assert_nonnull (strstr (closed->last_reason, "Müşteri aradı, vazgeçti"));
  g_assert_nonnull (strstr (closed->last_reason, "Bu saat dolu."));   /* the server's reason kept */
  due = kiosk_replica_outbox_due (f->replica, G_MAXINT64, 10, &error);
  g_assert_cmpuint (due->len, ==, 0);   /* nothing uploaded */

  /* Twice: it no longer waits. */
  g_assert_false (kiosk_desk_refused_dismiss (f->context, entry->id, NULL, &error));
  g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED);
}

/* A refused check-in of a booking the server has: back to the server's copy. */
static void
test_dismiss_reverts (DeskFixture   *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autoptr(KioskAppointment) checked = NULL;
  g_autoptr(KioskAppointment) reverted = NULL;
  const KioskRefusedChange *change;

  desk_put_appointment (f, BOOKING, IREM, HAIRCUT, MEHMET, TEST_TODAY, "10:00", "10:30", KIOSK_APPOINTMENT_CONFIRMED);
  g_assert_true (kiosk_desk_check_in (f->context, BOOKING, NULL, NULL, &error));
  checked = kiosk_replica_get_appointment (f->replica, BOOKING, &error);
  g_assert_nonnull (checked->checked_in_at);
  entry = last_entry (f);
  desk_refuse (f, entry->id, 409, "{\"detail\": \"Bu işlem \\\"cancelled\\\" durumunda yapılamaz.\"}");

  list = list_refused (f);
  change = g_ptr_array_index (list, 0);
  g_assert_cmpstr (change->code, ==, "invalid_status");
  g_assert_nonnull (strstr (change->what, "Check-in"));
  g_assert_nonnull (strstr (change->reason, "cancelled"));
  g_assert_cmpint (change->actions, ==, KIOSK_REFUSED_ACTION_DISMISS);

  g_assert_true (kiosk_desk_refused_dismiss (f->context, entry->id, NULL, &error));
  g_assert_no_error (error);
  reverted = kiosk_replica_get_appointment (f->replica, BOOKING, &error);
  g_assert_null (reverted->checked_in_at);
  g_assert_false (reverted->pending);
  g_assert_cmpint (reverted->version, ==, 1);
}

/* A refused member holds the booking and the walk-in made for them; both
 * are listed, and dismissing the member closes them too. */
static void
test_dismiss_held (DeskFixture   *f,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) consent = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *booking = NULL;
  gint64 waiting = -1, oldest = -1;

  customer = kiosk_desk_register_customer (f->context, "Şule", "Güneş", "0532 111 22 33", consent, &error);
  g_assert_no_error (error);
  booking = kiosk_desk_book (f->context, customer, COLOUR, AYSE, TEST_TOMORROW, 14 * 3600, NULL, &error);
  g_assert_no_error (error);
  outbox = desk_outbox (f);
  desk_refuse (f, ((KioskOutboxEntry *)g_ptr_array_index (outbox, 0))->id, 400,
               "{\"last_name\": [\"Bu alan zorunludur.\"]}");

  list = list_refused (f);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((KioskRefusedChange *)g_ptr_array_index (list, 0))->code, ==, "validation");
  g_assert_nonnull (strstr (((KioskRefusedChange *)g_ptr_array_index (list, 0))->what, "Şule G."));
  g_assert_nonnull (strstr (((KioskRefusedChange *)g_ptr_array_index (list, 0))->reason, "Bu alan zorunludur"));
  g_assert_cmpint (((KioskRefusedChange *)g_ptr_array_index (list, 1))->state, ==, KIOSK_OUTBOX_HELD);
  g_assert_null (((KioskRefusedChange *)g_ptr_array_index (list, 1))->code);

  g_assert_true (kiosk_desk_count_waiting (f->context, &waiting, &oldest, &error));
  g_assert_cmpint (waiting, ==, 0);
  g_assert_cmpint (oldest, ==, 0);

  g_assert_true (kiosk_desk_refused_dismiss (f->context, ((KioskRefusedChange *)g_ptr_array_index (list, 0))->entry_id,
                                             NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_refused (f);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_cmpint (desk_count (f, "customer"), ==, 1);      /* İrem only */
  g_assert_cmpint (desk_count (f, "appointment"), ==, 0);
}

/* A new member whose phone the server already knows: merge re-points the
 * booking to the existing customer and lets it go, its body as the desk
 * would have written it for that customer, byte for byte. */
static void
test_merge (DeskFixture   *f,
            gconstpointer  data)
{
  g_autoptr(GDateTime) consent = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(KioskAppointment) appt = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *booking = NULL;
  g_autofree char *expected = NULL;
  const KioskRefusedChange *change;
  KioskCustomer existing = {
    .id = (char *)"00000000-0000-4000-8000-000000000302", .first_name = (char *)"Şule",
    .last_name = (char *)"Güneş", .phone = (char *)"+905321112233", .version = 3,
  };

  customer = kiosk_desk_register_customer (f->context, "Şule", "Güneş", "0532 111 22 33", consent, &error);
  booking = kiosk_desk_book (f->context, customer, COLOUR, AYSE, TEST_TOMORROW, 14 * 3600,
                             "Saç \"kısa\" olsun / ✂\tlütfen", &error);
  g_assert_no_error (error);
  outbox = desk_outbox (f);
  /* The engine stored the existing one from the feed, but could not merge. */
  g_assert_true (kiosk_replica_put_customer (f->replica, &existing, &error));
  desk_refuse (f, ((KioskOutboxEntry *)g_ptr_array_index (outbox, 0))->id, 409,
               "{\"detail\": \"Bu telefon numarası kayıtlı.\"}");

  list = list_refused (f);
  change = g_ptr_array_index (list, 0);
  g_assert_cmpstr (change->code, ==, "phone_exists");
  g_assert_cmpint (change->actions, ==, KIOSK_REFUSED_ACTION_MERGE_CUSTOMER | KIOSK_REFUSED_ACTION_DISMISS);
  g_assert_cmpstr (change->existing_customer, ==, existing.id);

  g_assert_true (kiosk_desk_refused_merge (f->context, change->entry_id, &error));
  g_assert_no_error (error);
  appt = kiosk_replica_get_appointment (f->replica, booking, &error);
  g_assert_cmpstr (appt->customer, ==, existing.id);
  due = kiosk_replica_outbox_due (f->replica, G_MAXINT64, 10, &error);
  g_assert_cmpuint (due->len, ==, 1);
  body = desk_payload (g_ptr_array_index (due, 0));
  g_assert_cmpstr (desk_member (body, "customer"), ==, existing.id);
  expected = kiosk_json_appointment_create_body (appt);
  g_assert_cmpstr (((KioskOutboxEntry *)g_ptr_array_index (due, 0))->payload, ==, expected);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = list_refused (f);
  g_assert_cmpuint (list->len, ==, 0);
}

/* The server's answer (§1, §3.3) and what staff read of it: the body's
 * code, else what the status means for the endpoint; the body's words, else
 * the status in words. */
typedef struct {
  const char *kind;
  guint       status;
  const char *body;
  const char *code;
  const char *words;
  const char *detail;   /* the server's words in the reason */
} CodeCase;

static const CodeCase code_cases[] = {
  { "appointment.create",   409, "{\"detail\": \"Bu saat dolu.\"}",
    "slot_taken",          "booked this time first", "Bu saat dolu." },
  { "appointment.create",   409, "{\"code\": \"slot_taken\", \"conflicts\": []}",
    "slot_taken",          "booked this time first", "(HTTP 409)" },
  { "appointment.create",   409, "<html>Conflict</html>",
    "slot_taken",          "booked this time first", "(HTTP 409)" },
  { "appointment.status",   409, "{\"code\": \"invalid_status\", \"detail\": \"durum\"}",
    "invalid_status",      "already changed",        "durum" },
  { "appointment.check_in", 409, "{\"detail\": \"durum\"}",
    "invalid_status",      "already changed",        "durum" },
  { "walkin.status",        409, "{\"detail\": \"durum\"}",
    "invalid_status",      "moved on",               "durum" },
  { "loyalty.redeem",       409, "{\"code\": \"insufficient_points\", \"detail\": \"Yetersiz puan.\", \"current_points\": 20}",
    "insufficient_points", "enough points",          "Yetersiz puan." },
  { "customer.create",      409, "{\"code\": \"phone_exists\"}",
    "phone_exists",        "already has this phone", "(HTTP 409)" },
  { "walkin.create",        400, "{\"phone\": [\"Geçersiz.\"]}",
    "validation",          "did not accept",         "phone: Geçersiz." },
  { "appointment.create",   422, NULL,
    "validation",          "did not accept",         "(HTTP 422)" },
  { "appointment.create",   422, "{\"code\": \"idempotency_key_reused\", \"detail\": \"Anahtar kullanıldı.\"}",
    "idempotency_key_reused", "did not accept",      "Anahtar kullanıldı." },
  { "appointment.create",   403, "{\"detail\": \"Yasak.\"}",
    NULL,                  "refused this change",    "Yasak." },
  /* §3.3 gives a new walk-in no 409 of its own. */
  { "walkin.create",        409, "{\"detail\": \"Çakışma.\"}",
    NULL,                  "refused this change",    "Çakışma." },
};

static void
test_codes (DeskFixture   *f,
            gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (code_cases); i++)
    {
      const CodeCase *c = &code_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(KioskOutboxEntry) entry = NULL;
      g_autoptr(GPtrArray) list = NULL;
      g_autofree char *id = g_uuid_string_random ();
      const KioskRefusedChange *change;

      g_test_message ("%s %u %s", c->kind, c->status, c->body);
      g_assert_true (kiosk_replica_outbox_add (f->replica, c->kind, id, "{\"status\": \"called\"}", &entry, &error));
      desk_refuse (f, entry->id, c->status, c->body);
      list = list_refused (f);
      change = g_ptr_array_index (list, list->len - 1);
      g_assert_cmpint (change->kind, ==, kiosk_outbox_kind_from_string (c->kind));
      g_assert_cmpstr (change->code, ==, c->code);
      g_assert_nonnull (strstr (change->reason, c->words));
      g_assert_nonnull (strstr (change->reason, c->detail));
      /* The code is never shown as words of the server. */
      if (c->code != NULL)
        g_assert_null (strstr (change->reason, c->code));
      g_assert_true (change->actions & KIOSK_REFUSED_ACTION_DISMISS);
    }
}

static void
test_count_waiting (DeskFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) consent = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gint64 waiting = -1, oldest = -1;

  g_assert_true (kiosk_desk_count_waiting (f->context, &waiting, &oldest, &error));
  g_assert_cmpint (waiting, ==, 0);
  g_assert_cmpint (oldest, ==, 0);

  a = kiosk_desk_join_queue (f->context, "Ali Çelik", "0555 987 65 43", HAIRCUT, NULL, consent, &error);
  b = kiosk_desk_join_queue (f->context, "Can Öz", "0555 111 22 33", HAIRCUT, NULL, consent, &error);
  g_assert_no_error (error);
  outbox = desk_outbox (f);
  g_assert_true (kiosk_desk_count_waiting (f->context, &waiting, &oldest, &error));
  g_assert_cmpint (waiting, ==, 2);
  g_assert_cmpint (oldest, ==, ((KioskOutboxEntry *)g_ptr_array_index (outbox, 0))->created_at);
}

int
main (int   argc,
      char *argv[])
{
  desk_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, DeskFixture, NULL, desk_fixture_setup, fn, desk_fixture_teardown)
  ADD ("/desk/refused/slot-taken/book-next", test_slot_taken_book_next);
  ADD ("/desk/refused/dismiss/new-row", test_dismiss_new_row);
  ADD ("/desk/refused/dismiss/reverts", test_dismiss_reverts);
  ADD ("/desk/refused/dismiss/held", test_dismiss_held);
  ADD ("/desk/refused/merge", test_merge);
  ADD ("/desk/refused/codes", test_codes);
  ADD ("/desk/refused/count-waiting", test_count_waiting);
#undef ADD
  return g_test_run ();
}
