/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The salon's opening hours seen from one moment (kiosk_slots_opening()):
 * whether it is open, and when it is not, when it opens next, as the
 * welcome page and the walk-in queue say it. Moments at night, on a closed
 * Sunday, on a Saturday with short hours and on 29 February.
 */
#define G_LOG_DOMAIN "test-opening"

#include <glib.h>
#include <string.h>

#include "kiosk-slots.h"

#define H(h, m) ((h) * 3600 + (m) * 60)

/* Monday to Friday 09:00–20:00, Saturday 09:00–18:00, closed on Sunday. */
static GPtrArray *
week_new (void)
{
  GPtrArray *week = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_working_hours_free);

  for (int day = 0; day < 7; day++)
    {
      KioskWorkingHours *hours = g_new0 (KioskWorkingHours, 1);

      hours->id = g_strdup_printf ("salon:%d", day);
      hours->day_of_week = day;
      hours->opening_time = H (9, 0);
      hours->closing_time = day == 5 ? H (18, 0) : H (20, 0);
      hours->is_closed = day == 6;
      g_ptr_array_add (week, hours);
    }
  return week;
}

static GDateTime *
istanbul (const char *iso)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, tz);

  g_assert_nonnull (dt);
  return dt;
}

typedef struct {
  const char *now;          /* ISO 8601, Istanbul unless it says otherwise */
  gboolean    open;
  int         days_ahead;
  int         day_of_week;
  int         opens_at;
  int         closes_at;
  int         changes_in;   /* seconds */
} Moment;

static void
check_moment (const KioskSlotData *data,
              const Moment        *m)
{
  g_autoptr(GDateTime) now = istanbul (m->now);
  KioskOpening opening;

  g_test_message ("%s", m->now);
  memset (&opening, 0x5a, sizeof opening);
  kiosk_slots_opening (data, now, &opening);
  g_assert_cmpint (opening.open, ==, m->open);
  g_assert_cmpint (opening.days_ahead, ==, m->days_ahead);
  g_assert_cmpint (opening.day_of_week, ==, m->day_of_week);
  g_assert_cmpint (opening.opens_at, ==, m->opens_at);
  g_assert_cmpint (opening.closes_at, ==, m->closes_at);
  g_assert_cmpint (opening.changes_in, ==, m->changes_in);
}

static void
test_week (void)
{
  g_autoptr(GPtrArray) week = week_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  KioskSlotData data = { .working_hours = week, .time_zone = tz };
  /* 2026-12-07 is a Monday. */
  static const Moment moments[] = {
    /* The night before opening: today at 09:00. */
    { "2026-12-08T00:51:00", FALSE, 0, 1, H (9, 0), H (20, 0), H (8, 9) },
    { "2026-12-08T08:59:59", FALSE, 0, 1, H (9, 0), H (20, 0), 1 },
    { "2026-12-08T09:00:00", TRUE,  0, 1, H (9, 0), H (20, 0), H (11, 0) },
    { "2026-12-08T19:59:00", TRUE,  0, 1, H (9, 0), H (20, 0), 60 },
    /* Closing time is closed: tomorrow at 09:00. */
    { "2026-12-08T20:00:00", FALSE, 1, 2, H (9, 0), H (20, 0), H (13, 0) },
    { "2026-12-08T23:50:00", FALSE, 1, 2, H (9, 0), H (20, 0), H (9, 10) },
    /* Saturday closes at 18:00, Sunday is closed: Monday at 09:00. */
    { "2026-12-12T17:59:00", TRUE,  0, 5, H (9, 0), H (18, 0), 60 },
    { "2026-12-12T18:00:00", FALSE, 2, 0, H (9, 0), H (20, 0), 2 * 86400 + H (9, 0) - H (18, 0) },
    { "2026-12-13T12:00:00", FALSE, 1, 0, H (9, 0), H (20, 0), H (21, 0) },
    { "2026-12-13T00:30:00", FALSE, 1, 0, H (9, 0), H (20, 0), 86400 + H (8, 30) },
    /* 29 February 2028 is a Tuesday: late at night, then Wednesday 1 March. */
    { "2028-02-29T00:30:00", FALSE, 0, 1, H (9, 0), H (20, 0), H (8, 30) },
    { "2028-02-29T23:50:00", FALSE, 1, 2, H (9, 0), H (20, 0), H (9, 10) },
    /* The moment is read in the salon's time zone, whatever it is given in:
     * 21:30 UTC on Monday is 00:30 on Tuesday in Istanbul. */
    { "2026-12-07T21:30:00Z", FALSE, 0, 1, H (9, 0), H (20, 0), H (8, 30) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    check_moment (&data, &moments[i]);
}

/* A weekday without a working_hours row has the salon's own hours. */
static void
test_salon_hours (void)
{
  g_autoptr(GPtrArray) week = week_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  KioskSalon salon = { .opening_time = H (10, 0), .closing_time = H (16, 0) };
  KioskSlotData data = { .salon = &salon, .working_hours = week, .time_zone = tz };
  static const Moment sunday[] = {
    { "2026-12-13T09:30:00", FALSE, 0, 6, H (10, 0), H (16, 0), H (0, 30) },
    { "2026-12-13T10:00:00", TRUE,  0, 6, H (10, 0), H (16, 0), H (6, 0) },
  };

  /* Sunday's row gone: the salon's 10:00–16:00 count. */
  g_ptr_array_remove_index (week, 6);
  for (guint i = 0; i < G_N_ELEMENTS (sunday); i++)
    check_moment (&data, &sunday[i]);

  /* No rows at all: the salon's hours every day. */
  g_ptr_array_set_size (week, 0);
  {
    static const Moment late = { "2026-12-08T17:00:00", FALSE, 1, 2, H (10, 0), H (16, 0), H (17, 0) };

    check_moment (&data, &late);
  }
}

/* Open one day a week: the same weekday next week, seven days ahead. */
static void
test_one_day_a_week (void)
{
  g_autoptr(GPtrArray) week = week_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  KioskSlotData data = { .working_hours = week, .time_zone = tz };
  static const Moment after = { "2026-12-07T21:00:00", FALSE, 7, 0, H (9, 0), H (20, 0), 7 * 86400 - H (12, 0) };

  for (guint i = 1; i < week->len; i++)
    ((KioskWorkingHours *) g_ptr_array_index (week, i))->is_closed = TRUE;
  check_moment (&data, &after);
}

/* Nothing known (a kiosk not paired yet), every day closed, or hours that
 * make no day (closing before opening): closed, and no opening to name. */
static void
test_never_open (void)
{
  g_autoptr(GPtrArray) week = week_new ();
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  g_autoptr(GDateTime) now = istanbul ("2026-12-08T11:00:00");
  KioskSlotData nothing = { .time_zone = tz };
  KioskSlotData closed = { .working_hours = week, .time_zone = tz };
  KioskSlotData *all[] = { &nothing, &closed };

  for (guint i = 0; i < week->len; i++)
    {
      KioskWorkingHours *hours = g_ptr_array_index (week, i);

      hours->is_closed = i % 2 == 0;
      hours->closing_time = i % 2 == 0 ? H (20, 0) : H (8, 0);   /* closes before it opens */
    }
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      KioskOpening opening;

      kiosk_slots_opening (all[i], now, &opening);
      g_assert_false (opening.open);
      g_assert_cmpint (opening.days_ahead, ==, -1);
      g_assert_cmpint (opening.changes_in, ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/opening/week", test_week);
  g_test_add_func ("/opening/salon-hours", test_salon_hours);
  g_test_add_func ("/opening/one-day-a-week", test_one_day_a_week);
  g_test_add_func ("/opening/never-open", test_never_open);

  return g_test_run ();
}
