/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Bookings through the desk: today's bookings by phone, check-in (early,
 * late, on time, refusals), statuses, free slots and booking them.
 */
#include <string.h>

#include "kiosk-replica-desk.h"
#include "kiosk-replica-sync.h"
#include "kiosk-desk-test.h"

#define BOOKING "00000000-0000-4000-8000-000000000701"

static void
test_find_today (DeskFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) unknown = NULL;
  g_autoptr(GPtrArray) invalid = NULL;
  KioskAppointmentRow *row;

  desk_put_appointment (f, BOOKING, IREM, HAIRCUT, MEHMET, TEST_TODAY, "10:30", "11:00", KIOSK_APPOINTMENT_CONFIRMED);
  desk_put_appointment (f, "00000000-0000-4000-8000-000000000702", IREM, COLOUR, AYSE, TEST_TODAY, "09:00", "10:30",
                        KIOSK_APPOINTMENT_CANCELLED);
  desk_put_appointment (f, "00000000-0000-4000-8000-000000000703", IREM, COLOUR, AYSE, TEST_TOMORROW, "09:00", "10:30",
                        KIOSK_APPOINTMENT_CONFIRMED);

  found = kiosk_desk_find_bookings_today (f->context, "0555 123 45 67", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  row = g_ptr_array_index (found, 0);
  g_assert_cmpstr (row->appointment.id, ==, BOOKING);
  g_assert_cmpstr (row->service_name, ==, "Saç kesimi");
  g_assert_cmpstr (row->employee_name, ==, "Mehmet");

  unknown = kiosk_desk_find_bookings_today (f->context, "0555 000 00 00", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unknown->len, ==, 0);

  invalid = kiosk_desk_find_bookings_today (f->context, "123", &error);
  g_assert_null (invalid);
  g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID);
}

typedef struct {
  const char  *start;
  int          hour, minute;   /* when the person checks in */
  guint        threshold;      /* minutes; 0: the default */
  KioskArrival arrival;
  int          minutes_off;
} Arrival;

static const Arrival arrivals[] = {
  { "10:30", 10,  0,  0, KIOSK_ARRIVAL_EARLY,   30 },
  { "10:15", 10,  0,  0, KIOSK_ARRIVAL_ON_TIME, 15 },   /* exactly the threshold: fine */
  { "10:10", 10,  0,  0, KIOSK_ARRIVAL_ON_TIME, 10 },
  { "10:00", 10,  0,  0, KIOSK_ARRIVAL_ON_TIME,  0 },
  { "09:50", 10,  0,  0, KIOSK_ARRIVAL_ON_TIME, 10 },
  { "09:45", 10,  0,  0, KIOSK_ARRIVAL_ON_TIME, 15 },
  { "09:40", 10,  0,  0, KIOSK_ARRIVAL_LATE,    20 },
  { "09:00", 10,  1,  0, KIOSK_ARRIVAL_LATE,    61 },
  { "09:50", 10,  0,  5, KIOSK_ARRIVAL_LATE,    10 },   /* staff set five minutes */
  { "10:10", 10,  0,  5, KIOSK_ARRIVAL_EARLY,   10 },
};

static void
test_check_in_arrival (DeskFixture   *f,
                       gconstpointer  data)
{
  GSettings *settings = kiosk_context_get_settings (f->context);

  g_assert_nonnull (settings);   /* the test env provides the schema */
  for (guint i = 0; i < G_N_ELEMENTS (arrivals); i++)
    {
      const Arrival *a = &arrivals[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(KioskAppointment) after = NULL;
      g_autoptr(GPtrArray) outbox = NULL;
      g_autoptr(JsonNode) body = NULL;
      g_autofree char *expected_at = g_strdup_printf ("2026-09-14T%02d:%02d:00+03:00", a->hour, a->minute);
      KioskOutboxEntry *entry;
      KioskArrival arrival = -1;
      int minutes_off = -1;

      g_test_message ("booking at %s, in at %02d:%02d", a->start, a->hour, a->minute);
      g_settings_set_uint (settings, "late-threshold", a->threshold != 0 ? a->threshold : 15);
      desk_put_appointment (f, BOOKING, IREM, HAIRCUT, MEHMET, TEST_TODAY, a->start, "11:00",
                            KIOSK_APPOINTMENT_CONFIRMED);
      desk_fixture_set_time (f, a->hour, a->minute);

      g_assert_true (kiosk_desk_check_in (f->context, BOOKING, &arrival, &minutes_off, &error));
      g_assert_no_error (error);
      g_assert_cmpint (arrival, ==, a->arrival);
      g_assert_cmpint (minutes_off, ==, a->minutes_off);

      after = kiosk_replica_get_appointment (f->replica, BOOKING, &error);
      g_assert_cmpstr (after->checked_in_at, ==, expected_at);
      g_assert_true (after->pending);
      outbox = desk_outbox (f);
      g_assert_cmpuint (outbox->len, ==, i + 1);
      entry = g_ptr_array_index (outbox, i);
      g_assert_cmpstr (entry->kind, ==, "appointment.check_in");
      g_assert_cmpstr (entry->entity_id, ==, BOOKING);
      body = desk_payload (entry);
      g_assert_cmpstr (desk_member (body, "checked_in_at"), ==, expected_at);
    }
  g_settings_reset (settings, "late-threshold");
}

static void
test_check_in_twice (DeskFixture   *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KioskArrival arrival;
  int off;

  desk_put_appointment (f, BOOKING, IREM, HAIRCUT, MEHMET, TEST_TODAY, "09:30", "10:00", KIOSK_APPOINTMENT_CONFIRMED);
  g_assert_true (kiosk_desk_check_in (f->context, BOOKING, NULL, NULL, &error));
  desk_fixture_set_time (f, 10, 20);
  g_assert_true (kiosk_desk_check_in (f->context, BOOKING, &arrival, &off, &error));
  g_assert_no_error (error);
  /* Judged by the first check-in (10:00, 30 minutes late), and queued once. */
  g_assert_cmpint (arrival, ==, KIOSK_ARRIVAL_LATE);
  g_assert_cmpint (off, ==, 30);
  g_assert_cmpint (desk_count (f, "outbox"), ==, 1);
}

typedef struct {
  KioskAppointmentStatus status;
  const char            *date;
  const char            *word;   /* the sentence says which */
} Refusal;

static const Refusal refusals[] = {
  { KIOSK_APPOINTMENT_CANCELLED, TEST_TODAY,    "cancelled" },
  { KIOSK_APPOINTMENT_COMPLETED, TEST_TODAY,    "completed" },
  { KIOSK_APPOINTMENT_NO_SHOW,   TEST_TODAY,    "missed" },
  { KIOSK_APPOINTMENT_CONFIRMED, TEST_TOMORROW, "another day" },
  { KIOSK_APPOINTMENT_CONFIRMED, "2026-09-13",  "another day" },
};

static void
test_check_in_refused (DeskFixture   *f,
                       gconstpointer  data)
{
  g_autoptr(GError) unknown = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KioskAppointment) after = NULL;

      desk_put_appointment (f, BOOKING, IREM, HAIRCUT, MEHMET, refusals[i].date, "10:00", "10:30",
                            refusals[i].status);
      g_assert_false (kiosk_desk_check_in (f->context, BOOKING, NULL, NULL, &error));
      g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED);
      g_assert_nonnull (strstr (error->message, refusals[i].word));
      after = kiosk_replica_get_appointment (f->replica, BOOKING, NULL);
      g_assert_null (after->checked_in_at);
      g_assert_false (after->pending);
      g_assert_cmpint (desk_count (f, "outbox"), ==, 0);
    }

  g_assert_false (kiosk_desk_check_in (f->context, "00000000-0000-4000-8000-00000000dead", NULL, NULL, &unknown));
  g_assert_error (unknown, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NOT_FOUND);
}

/* Check-in at the kiosk opens an hour before the booking (the
 * checkin-opens-before setting): a customer at 00:30 for 13:30 is told
 * from when, and nothing is written; staff can check them in regardless. */
static void
test_check_in_opens (DeskFixture   *f,
                     gconstpointer  data)
{
  GSettings *settings = kiosk_context_get_settings (f->context);
  g_autoptr(KioskAppointment) appt = NULL;
  g_autoptr(GError) early = NULL;
  g_autoptr(GError) error = NULL;
  KioskArrival arrival = -1;
  int opens_at = -1;
  int off = -1;

  g_assert_nonnull (settings);
  desk_put_appointment (f, BOOKING, IREM, HAIRCUT, MEHMET, TEST_TODAY, "13:30", "14:00", KIOSK_APPOINTMENT_CONFIRMED);
  appt = kiosk_replica_get_appointment (f->replica, BOOKING, &error);
  g_assert_no_error (error);

  desk_fixture_set_time (f, 0, 30);
  g_assert_false (kiosk_desk_check_in_is_open (f->context, appt, &opens_at));
  g_assert_cmpint (opens_at, ==, 12 * 3600 + 30 * 60);
  g_assert_false (kiosk_desk_check_in_self (f->context, BOOKING, &arrival, &off, &early));
  g_assert_error (early, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED);
  g_assert_cmpstr (early->message, ==, "You can check in from 12:30.");
  g_assert_cmpint (desk_count (f, "outbox"), ==, 0);
  g_clear_pointer (&appt, kiosk_appointment_free);
  appt = kiosk_replica_get_appointment (f->replica, BOOKING, &error);
  g_assert_null (appt->checked_in_at);

  /* A minute before it opens, and when it opens. */
  desk_fixture_set_time (f, 12, 29);
  g_assert_false (kiosk_desk_check_in_is_open (f->context, appt, NULL));
  desk_fixture_set_time (f, 12, 30);
  g_assert_true (kiosk_desk_check_in_is_open (f->context, appt, NULL));

  /* The salon may open it earlier, or only at the start. */
  g_settings_set_uint (settings, "checkin-opens-before", 90);
  desk_fixture_set_time (f, 12, 0);
  g_assert_true (kiosk_desk_check_in_is_open (f->context, appt, &opens_at));
  g_assert_cmpint (opens_at, ==, 12 * 3600);
  g_settings_set_uint (settings, "checkin-opens-before", 0);
  desk_fixture_set_time (f, 13, 29);
  g_assert_false (kiosk_desk_check_in_is_open (f->context, appt, &opens_at));
  g_assert_cmpint (opens_at, ==, 13 * 3600 + 30 * 60);
  g_settings_reset (settings, "checkin-opens-before");

  /* In time: checked in, an hour early said in hours and minutes later. */
  desk_fixture_set_time (f, 12, 40);
  g_assert_true (kiosk_desk_check_in_self (f->context, BOOKING, &arrival, &off, &error));
  g_assert_no_error (error);
  g_assert_cmpint (arrival, ==, KIOSK_ARRIVAL_EARLY);
  g_assert_cmpint (off, ==, 50);
  g_assert_cmpint (desk_count (f, "outbox"), ==, 1);
}

static void
test_check_in_staff_any_time (DeskFixture   *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskAppointment) after = NULL;
  KioskArrival arrival = -1;
  int off = -1;

  desk_put_appointment (f, BOOKING, IREM, HAIRCUT, MEHMET, TEST_TODAY, "13:30", "14:00", KIOSK_APPOINTMENT_CONFIRMED);
  desk_fixture_set_time (f, 0, 30);
  g_assert_true (kiosk_desk_check_in (f->context, BOOKING, &arrival, &off, &error));
  g_assert_no_error (error);
  g_assert_cmpint (arrival, ==, KIOSK_ARRIVAL_EARLY);
  g_assert_cmpint (off, ==, 13 * 60);
  after = kiosk_replica_get_appointment (f->replica, BOOKING, &error);
  g_assert_nonnull (after->checked_in_at);

  /* Once in, the customer's own try is no refusal either. */
  g_assert_true (kiosk_desk_check_in_self (f->context, BOOKING, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (desk_count (f, "outbox"), ==, 1);
}

/* Whether the salon is open, and when it opens next, from its hours
 * (09:00–19:00, closed on Sundays; TEST_TODAY is a Monday). */
static void
test_opening (DeskFixture   *f,
              gconstpointer  data)
{
  static const struct {
    int      hour, minute;
    gboolean open;
    int      days_ahead;
    int      opens_at;
  } moments[] = {
    {  0, 30, FALSE, 0,  9 * 3600 },
    {  8, 59, FALSE, 0,  9 * 3600 },
    {  9,  0, TRUE,  0,  9 * 3600 },
    { 18, 59, TRUE,  0,  9 * 3600 },
    { 19,  0, FALSE, 1,  9 * 3600 },
    { 23, 50, FALSE, 1,  9 * 3600 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_autoptr(GError) error = NULL;
      KioskOpening opening;

      g_test_message ("at %02d:%02d", moments[i].hour, moments[i].minute);
      desk_fixture_set_time (f, moments[i].hour, moments[i].minute);
      g_assert_true (kiosk_desk_get_opening (f->context, &opening, &error));
      g_assert_no_error (error);
      g_assert_cmpint (opening.open, ==, moments[i].open);
      g_assert_cmpint (opening.days_ahead, ==, moments[i].days_ahead);
      g_assert_cmpint (opening.opens_at, ==, moments[i].opens_at);
      g_assert_cmpint (opening.closes_at, ==, 19 * 3600);
    }
}

typedef struct {
  KioskAppointmentStatus from;
  KioskAppointmentStatus to;
  gboolean               allowed;
} StatusMove;

static const StatusMove status_moves[] = {
  { KIOSK_APPOINTMENT_PENDING,   KIOSK_APPOINTMENT_CONFIRMED, TRUE },
  { KIOSK_APPOINTMENT_PENDING,   KIOSK_APPOINTMENT_CANCELLED, TRUE },
  { KIOSK_APPOINTMENT_CONFIRMED, KIOSK_APPOINTMENT_COMPLETED, TRUE },
  { KIOSK_APPOINTMENT_CONFIRMED, KIOSK_APPOINTMENT_NO_SHOW,   TRUE },
  { KIOSK_APPOINTMENT_CONFIRMED, KIOSK_APPOINTMENT_CONFIRMED, FALSE },
  { KIOSK_APPOINTMENT_CONFIRMED, KIOSK_APPOINTMENT_PENDING,   FALSE },
  { KIOSK_APPOINTMENT_CANCELLED, KIOSK_APPOINTMENT_COMPLETED, FALSE },
  { KIOSK_APPOINTMENT_COMPLETED, KIOSK_APPOINTMENT_CANCELLED, FALSE },
  { KIOSK_APPOINTMENT_NO_SHOW,   KIOSK_APPOINTMENT_CONFIRMED, FALSE },
};

static void
test_statuses (DeskFixture   *f,
               gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_moves); i++)
    {
      const StatusMove *move = &status_moves[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(KioskAppointment) after = NULL;
      g_autoptr(GPtrArray) outbox = NULL;
      gint64 before = desk_count (f, "outbox");
      gboolean ok;

      desk_put_appointment (f, BOOKING, IREM, HAIRCUT, MEHMET, TEST_TODAY, "11:00", "11:30", move->from);
      ok = kiosk_desk_set_appointment_status (f->context, BOOKING, move->to, &error);
      after = kiosk_replica_get_appointment (f->replica, BOOKING, NULL);
      outbox = desk_outbox (f);
      if (move->allowed)
        {
          g_autoptr(JsonNode) body = desk_payload (g_ptr_array_index (outbox, outbox->len - 1));

          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpint (after->status, ==, move->to);
          g_assert_true (after->pending);
          g_assert_cmpint (outbox->len, ==, before + 1);
          g_assert_cmpstr (((KioskOutboxEntry *)g_ptr_array_index (outbox, outbox->len - 1))->kind, ==,
                           "appointment.status");
          g_assert_cmpstr (desk_member (body, "status"), ==, kiosk_appointment_status_to_string (move->to));
          g_assert_false (json_object_has_member (json_node_get_object (body), "employee"));
        }
      else
        {
          g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED);
          g_assert_cmpint (after->status, ==, move->from);
          g_assert_cmpint (outbox->len, ==, before);
        }
    }
}

static gboolean
offers (GPtrArray  *slots,
        int         start,
        const char *employee)
{
  for (guint i = 0; i < slots->len; i++)
    {
      const KioskSlot *slot = g_ptr_array_index (slots, i);

      if (slot->start == start && (employee == NULL || g_strcmp0 (slot->employee, employee) == 0))
        return TRUE;
    }
  return FALSE;
}

static void
test_book_then_not_offered (DeskFixture   *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) after_anyone = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(KioskAppointment) appt = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  KioskSlotsReason reason;
  const int eleven = 11 * 3600;

  before = kiosk_desk_find_slots (f->context, HAIRCUT, TEST_TODAY, NULL, &reason, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reason, ==, KIOSK_SLOTS_AVAILABLE);
  g_assert_true (offers (before, eleven, AYSE));
  g_assert_true (offers (before, eleven, MEHMET));
  g_assert_false (offers (before, 9 * 3600 + 45 * 60, NULL));   /* before now */

  /* Anyone: the first able employee who is free is written down. */
  first = kiosk_desk_book (f->context, IREM, HAIRCUT, NULL, TEST_TODAY, eleven, "  kısa kesim  ", &error);
  g_assert_no_error (error);
  appt = kiosk_replica_get_appointment (f->replica, first, &error);
  g_assert_cmpstr (appt->employee, ==, AYSE);
  g_assert_cmpstr (appt->customer, ==, IREM);
  g_assert_cmpint (appt->appointment_time, ==, eleven);
  g_assert_cmpint (appt->end_time, ==, eleven + 30 * 60);
  g_assert_cmpint (appt->price, ==, 30000);
  g_assert_cmpint (appt->status, ==, KIOSK_APPOINTMENT_CONFIRMED);
  g_assert_cmpstr (appt->source, ==, "kiosk");
  g_assert_cmpstr (appt->notes, ==, "kısa kesim");
  g_assert_true (appt->pending);

  outbox = desk_outbox (f);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpstr (((KioskOutboxEntry *)g_ptr_array_index (outbox, 0))->kind, ==, "appointment.create");
  body = desk_payload (g_ptr_array_index (outbox, 0));
  g_assert_cmpstr (desk_member (body, "id"), ==, first);
  g_assert_null (desk_member (body, "employee"));   /* anyone, for the server too */
  g_assert_cmpstr (desk_member (body, "appointment_date"), ==, TEST_TODAY);
  g_assert_cmpstr (desk_member (body, "source"), ==, "kiosk");

  after = kiosk_desk_find_slots (f->context, HAIRCUT, TEST_TODAY, AYSE, &reason, &error);
  g_assert_no_error (error);
  g_assert_false (offers (after, eleven, AYSE));
  g_assert_false (offers (after, eleven - 15 * 60, AYSE));   /* 10:45 would overlap */
  g_assert_true (offers (after, eleven + 30 * 60, AYSE));

  second = kiosk_desk_book (f->context, IREM, HAIRCUT, MEHMET, TEST_TODAY, eleven, NULL, &error);
  g_assert_no_error (error);
  after_anyone = kiosk_desk_find_slots (f->context, HAIRCUT, TEST_TODAY, NULL, &reason, &error);
  g_assert_false (offers (after_anyone, eleven, NULL));

  /* Taken: refused, and nothing written. */
  third = kiosk_desk_book (f->context, IREM, HAIRCUT, NULL, TEST_TODAY, eleven, NULL, &error);
  g_assert_null (third);
  g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED);
  g_assert_cmpint (desk_count (f, "outbox"), ==, 2);
  g_assert_cmpint (desk_count (f, "appointment"), ==, 2);
}

static void
test_book_refusals (DeskFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  g_autoptr(GError) e4 = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  a = kiosk_desk_book (f->context, "00000000-0000-4000-8000-00000000dead", HAIRCUT, NULL, TEST_TODAY, 11 * 3600, NULL, &e1);
  g_assert_error (e1, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NOT_FOUND);
  b = kiosk_desk_book (f->context, IREM, HAIRCUT, NULL, "14.09.2026", 11 * 3600, NULL, &e2);
  g_assert_error (e2, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID);
  c = kiosk_desk_book (f->context, IREM, MANICURE, NULL, TEST_TODAY, 11 * 3600, NULL, &e3);
  g_assert_error (e3, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED);
  d = kiosk_desk_book (f->context, IREM, HAIRCUT, NULL, TEST_TODAY, 11 * 3600 + 7 * 60, NULL, &e4);   /* off the grid */
  g_assert_error (e4, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED);
  g_assert_cmpint (desk_count (f, "outbox"), ==, 0);
  g_assert_cmpint (desk_count (f, "appointment"), ==, 0);
}

/* A booking for someone who just became a member waits for the member. */
static void
test_book_pending_customer (DeskFixture   *f,
                            gconstpointer  data)
{
  g_autoptr(GDateTime) consent = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *booking = NULL;

  customer = kiosk_desk_register_customer (f->context, "Şule", "Güneş", "0532 111 22 33", consent, &error);
  g_assert_no_error (error);
  booking = kiosk_desk_book (f->context, customer, COLOUR, AYSE, TEST_TOMORROW, 14 * 3600, NULL, &error);
  g_assert_no_error (error);

  due = kiosk_replica_outbox_due (f->replica, G_MAXINT64, 10, &error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (((KioskOutboxEntry *)g_ptr_array_index (due, 0))->kind, ==, "customer.create");

  /* Its customer refused: the booking is held, not sent. */
  desk_refuse (f, ((KioskOutboxEntry *)g_ptr_array_index (due, 0))->id, 400,
               "{\"phone\": [\"Geçerli bir telefon numarası girin.\"]}");
  outbox = desk_outbox (f);
  g_assert_cmpuint (outbox->len, ==, 2);
  g_assert_cmpstr (((KioskOutboxEntry *)g_ptr_array_index (outbox, 1))->entity_id, ==, booking);
  g_assert_cmpint (((KioskOutboxEntry *)g_ptr_array_index (outbox, 1))->state, ==, KIOSK_OUTBOX_HELD);
}

int
main (int   argc,
      char *argv[])
{
  desk_test_init (&argc, &argv);

#define ADD(path, fn) g_test_add (path, DeskFixture, NULL, desk_fixture_setup, fn, desk_fixture_teardown)
  ADD ("/desk/bookings/find-today", test_find_today);
  ADD ("/desk/bookings/check-in/arrival", test_check_in_arrival);
  ADD ("/desk/bookings/check-in/twice", test_check_in_twice);
  ADD ("/desk/bookings/check-in/refused", test_check_in_refused);
  ADD ("/desk/bookings/check-in/opens", test_check_in_opens);
  ADD ("/desk/bookings/check-in/staff-any-time", test_check_in_staff_any_time);
  ADD ("/desk/bookings/opening", test_opening);
  ADD ("/desk/bookings/statuses", test_statuses);
  ADD ("/desk/bookings/book/not-offered-again", test_book_then_not_offered);
  ADD ("/desk/bookings/book/refusals", test_book_refusals);
  ADD ("/desk/bookings/book/pending-customer", test_book_pending_customer);
#undef ADD
  return g_test_run ();
}
