/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The walk-in wait estimate: table-driven days at the front desk, each
 * checked the way the receptionist would read the screen (who is next, with
 * whom, and in how many minutes), then invariants over many random days.
 *
 * The menu used throughout, with the overrun allowed per service in the
 * pessimistic run (a quarter, at least 5 minutes):
 *   kesim 40 min (+10), boya 120 min (+30), sakal 20 min (+5), fön 60 min (+15).
 */
#define G_LOG_DOMAIN "test-wait"

#include <glib.h>
#include <string.h>

#include "kiosk-time.h"
#include "kiosk-wait.h"

#define TODAY "2026-09-14"
#define MAX_ROWS 6

typedef struct {
  const char *id;
  gboolean    inactive;
  const char *services;   /* space separated */
} Emp;

typedef struct {
  const char             *employee;   /* NULL: anyone */
  const char             *start;      /* "HH:MM" */
  const char             *end;
  KioskAppointmentStatus  status;
} Appt;

typedef struct {
  const char        *id;
  KioskWalkinStatus  status;
  const char        *service;
  const char        *preferred;
  const char        *employee;
  const char        *called;   /* "HH:MM" today (+03:00), or a full instant */
} Walk;

typedef struct {
  const char      *id;          /* the walk-in; for newcomers their service */
  const char      *preferred;   /* newcomers only */
  guint            position;
  KioskWaitStatus  status;
  int              min;         /* minutes from now */
  int              max;
  const char      *employee;
  gboolean         dropped;
  gboolean         risk;
} Expect;

typedef struct {
  const char *name;
  const char *now;
  const char *open;        /* NULL: 09:00 */
  const char *close;       /* NULL: 20:00 */
  gboolean    closed;
  Emp         employees[MAX_ROWS];
  Appt        appointments[MAX_ROWS];
  Walk        walkins[MAX_ROWS];
  Expect      queue[MAX_ROWS];      /* every waiting walk-in, in order */
  Expect      newcomers[MAX_ROWS];
} Case;

#define OK    KIOSK_WAIT_OK
#define NOONE KIOSK_WAIT_NOBODY_CAN
#define LATE  KIOSK_WAIT_AFTER_CLOSING
#define WAIT  KIOSK_WALKIN_WAITING
#define CALL  KIOSK_WALKIN_CALLED
#define CHAIR KIOSK_WALKIN_IN_SERVICE

static const Case cases[] = {
  {
    "empty-queue", "10:00", NULL, NULL, FALSE,
    { { "ayşe", FALSE, "kesim fön" }, { "mehmet", FALSE, "kesim sakal" } },
    { { NULL } },
    { { NULL } },
    { { NULL } },
    {
      /* Both are free: the tie goes to the one listed first. */
      { "kesim", NULL, 1, OK, 0, 0, "ayşe" },
      { "sakal", NULL, 1, OK, 0, 0, "mehmet" },
      { "fön", "ayşe", 1, OK, 0, 0, "ayşe" },
    },
  },
  {
    "everyone-busy", "10:00", NULL, NULL, FALSE,
    { { "ayşe", FALSE, "kesim" }, { "mehmet", FALSE, "kesim" } },
    { { NULL } },
    {
      { "w1", CHAIR, "kesim", NULL, "ayşe", "09:50" },    /* until 10:30 (10:40) */
      { "w2", CHAIR, "kesim", NULL, "mehmet", "09:40" },  /* until 10:20 (10:30) */
      { "w3", WAIT, "kesim" },
      { "w4", WAIT, "kesim" },
    },
    {
      /* "Anyone" goes to whoever frees up first. */
      { "w3", NULL, 1, OK, 20, 30, "mehmet" },
      { "w4", NULL, 2, OK, 30, 40, "ayşe" },
    },
    {
      /* Behind w3 on Mehmet: 11:00, or 11:20 if all overrun. */
      { "kesim", NULL, 3, OK, 60, 80, "mehmet" },
    },
  },
  {
    "nobody-able", "10:00", NULL, NULL, FALSE,
    { { "ayşe", FALSE, "kesim" }, { "mehmet", TRUE, "boya" } },
    { { NULL } },
    {
      { "w1", WAIT, "boya" },
      { "w2", WAIT, "kesim" },
      { "w3", WAIT, NULL },
    },
    {
      /* Only Mehmet dyes and he is not on shift today. */
      { "w1", NULL, 1, NOONE, 0, 0, NULL },
      /* w1 holds nobody up. */
      { "w2", NULL, 2, OK, 0, 0, "ayşe" },
      { "w3", NULL, 3, NOONE, 0, 0, NULL },
    },
    {
      { "boya", "mehmet", 4, NOONE, 0, 0, NULL, TRUE },
      { "manikür", NULL, 4, NOONE, 0, 0, NULL },
      /* Ayşe is busy with w2 until 10:40 (10:50). */
      { "kesim", NULL, 4, OK, 40, 50, "ayşe" },
    },
  },
  {
    "closing-soon", "19:00", NULL, "20:00", FALSE,
    { { "ayşe", FALSE, "kesim sakal boya" } },
    { { NULL } },
    {
      { "w1", WAIT, "kesim" },
      { "w2", WAIT, "sakal" },
      { "w3", WAIT, "kesim" },
    },
    {
      { "w1", NULL, 1, OK, 0, 0, "ayşe" },
      /* 19:40–20:00 ends right at closing, but not if w1 overruns. */
      { "w2", NULL, 2, OK, 40, 50, "ayşe", FALSE, TRUE },
      /* Would start at 20:00 (20:15). */
      { "w3", NULL, 3, LATE, 60, 75, "ayşe" },
    },
    {
      /* w3 is not served today, so it does not push the others back. */
      { "sakal", NULL, 4, LATE, 60, 75, "ayşe" },
      { "boya", NULL, 4, LATE, 60, 75, "ayşe" },
    },
  },
  {
    "anyone-vs-preferred", "10:15", NULL, NULL, FALSE,
    { { "ayşe", FALSE, "kesim" }, { "mehmet", FALSE, "kesim" } },
    { { "mehmet", "10:00", "11:00", KIOSK_APPOINTMENT_CONFIRMED } },
    {
      { "w1", WAIT, "kesim", "mehmet" },
      { "w2", WAIT, "kesim" },
    },
    {
      /* Waits for Mehmet's appointment to end; appointments do not overrun. */
      { "w1", NULL, 1, OK, 45, 45, "mehmet" },
      { "w2", NULL, 2, OK, 0, 0, "ayşe" },
    },
    {
      /* Ayşe after w2 (10:55, 11:05) beats Mehmet after w1 (11:40). */
      { "kesim", NULL, 3, OK, 40, 50, "ayşe" },
      { "kesim", "mehmet", 3, OK, 85, 95, "mehmet" },
    },
  },
  {
    "gap-too-short", "10:00", NULL, NULL, FALSE,
    { { "ayşe", FALSE, "kesim sakal" } },
    { { "ayşe", "10:30", "11:30", KIOSK_APPOINTMENT_PENDING } },
    {
      { "w1", WAIT, "kesim" },
      { "w2", WAIT, "sakal" },
    },
    {
      /* 40 min do not fit in the 30 before the appointment. */
      { "w1", NULL, 1, OK, 90, 90, "ayşe" },
      /* 20 min do: w2 is seen in the gap, ahead of w1. */
      { "w2", NULL, 2, OK, 0, 0, "ayşe" },
    },
    {
      /* The 10 (5) min left of the gap are too short: after w1. */
      { "sakal", NULL, 3, OK, 130, 140, "ayşe" },
    },
  },
  {
    "preferred-busier", "10:00", NULL, NULL, FALSE,
    { { "ayşe", FALSE, "kesim" }, { "mehmet", FALSE, "kesim" }, { "zeynep", FALSE, "kesim" } },
    { { NULL } },
    {
      { "w0", CHAIR, "kesim", NULL, "ayşe", "09:50" },   /* until 10:30 (10:40) */
      { "w1", WAIT, "kesim", "ayşe" },
      { "w2", WAIT, "kesim" },
    },
    {
      { "w1", NULL, 1, OK, 30, 40, "ayşe" },
      { "w2", NULL, 2, OK, 0, 0, "mehmet" },
    },
    {
      { "kesim", NULL, 3, OK, 0, 0, "zeynep" },
      { "kesim", "ayşe", 3, OK, 70, 90, "ayşe" },
    },
  },
  {
    "same-service-twice", "10:00", NULL, NULL, FALSE,
    { { "mehmet", FALSE, "sakal" }, { "ayşe", FALSE, "fön" } },
    { { NULL } },
    {
      { "w1", WAIT, "fön" },
      { "w2", WAIT, "fön" },
    },
    {
      { "w1", NULL, 1, OK, 0, 0, "ayşe" },
      /* Not the same chair at the same time; Mehmet does not do fön. */
      { "w2", NULL, 2, OK, 60, 75, "ayşe" },
    },
    {
      { "fön", NULL, 3, OK, 120, 150, "ayşe" },
      { "sakal", NULL, 3, OK, 0, 0, "mehmet" },
    },
  },
  {
    "before-opening", "08:15", "09:00", NULL, FALSE,
    { { "ayşe", FALSE, "kesim" } },
    { { NULL } },
    { { "w1", WAIT, "kesim" } },
    { { "w1", NULL, 1, OK, 45, 45, "ayşe" } },
    { { "kesim", NULL, 2, OK, 85, 95, "ayşe" } },
  },
  {
    "after-closing", "20:30", NULL, "20:00", FALSE,
    { { "ayşe", FALSE, "kesim" } },
    { { NULL } },
    { { "w1", WAIT, "kesim" } },
    { { "w1", NULL, 1, LATE, 0, 0, "ayşe" } },
    { { "kesim", NULL, 2, LATE, 0, 0, "ayşe" } },
  },
  {
    "closed-today", "11:00", NULL, NULL, TRUE,
    { { "ayşe", FALSE, "kesim" } },
    { { NULL } },
    { { NULL } },
    { { NULL } },
    {
      { "kesim", NULL, 1, LATE, 0, 0, "ayşe" },
      /* Nobody doing it at all is said first. */
      { "boya", NULL, 1, NOONE, 0, 0, NULL },
    },
  },
  {
    "appointments-that-free-the-chair", "10:00", NULL, NULL, FALSE,
    { { "ayşe", FALSE, "kesim" } },
    {
      { "ayşe", "10:00", "11:00", KIOSK_APPOINTMENT_CANCELLED },
      { "ayşe", "10:00", "11:00", KIOSK_APPOINTMENT_NO_SHOW },
      { "ayşe", "09:30", "10:30", KIOSK_APPOINTMENT_COMPLETED },
      { "ayşe", "09:00", "09:45", KIOSK_APPOINTMENT_CONFIRMED },   /* over */
      { "ayşe", "10:40", "12:00", KIOSK_APPOINTMENT_CONFIRMED },
    },
    { { NULL } },
    { { NULL } },
    /* Exactly fits before 10:40. */
    { { "kesim", NULL, 1, OK, 0, 0, "ayşe" } },
  },
  {
    "appointment-running", "10:00", NULL, NULL, FALSE,
    { { "ayşe", FALSE, "kesim" } },
    { { "ayşe", "09:30", "10:30", KIOSK_APPOINTMENT_CONFIRMED } },
    { { NULL } },
    { { NULL } },
    { { "kesim", NULL, 1, OK, 30, 30, "ayşe" } },
  },
  {
    "appointment-for-anyone", "10:00", NULL, NULL, FALSE,
    { { "ayşe", FALSE, "kesim" }, { "mehmet", FALSE, "kesim" } },
    { { NULL, "10:00", "11:00", KIOSK_APPOINTMENT_CONFIRMED } },
    { { NULL } },
    { { NULL } },
    /* The booking takes Ayşe, the first able; Mehmet is free. */
    { { "kesim", NULL, 1, OK, 0, 0, "mehmet" } },
  },
  {
    "called-go-first", "10:00", NULL, NULL, FALSE,
    { { "ayşe", FALSE, "kesim" } },
    { { NULL } },
    {
      { "w1", WAIT, "kesim" },
      { "w2", CALL, "kesim", NULL, "ayşe" },
      { "w3", KIOSK_WALKIN_DONE, "kesim", NULL, "ayşe", "09:00" },
      { "w4", KIOSK_WALKIN_LEFT, "kesim" },
    },
    { { "w1", NULL, 1, OK, 40, 50, "ayşe" } },
    { { "kesim", NULL, 2, OK, 80, 100, "ayşe" } },
  },
  {
    "in-service-overrunning", "10:00", NULL, NULL, FALSE,
    { { "ayşe", FALSE, "kesim" } },
    { { NULL } },
    /* Called at 06:00 UTC, 09:00 in Istanbul. */
    { { "w1", CHAIR, "kesim", NULL, "ayşe", TODAY "T06:00:00Z" } },
    { { NULL } },
    /* Should have ended at 09:40: free now, or after a last overrun. */
    { { "kesim", NULL, 1, OK, 0, 10, "ayşe" } },
  },
  {
    "preferred-cannot", "10:00", NULL, NULL, FALSE,
    { { "ayşe", FALSE, "kesim" }, { "mehmet", FALSE, "sakal" }, { "zeynep", TRUE, "kesim" } },
    { { NULL } },
    { { "w1", WAIT, "kesim", "mehmet" } },
    /* Mehmet does not cut: whoever does, and the screen says so. */
    { { "w1", NULL, 1, OK, 0, 0, "ayşe", TRUE } },
    {
      /* Zeynep is off today. */
      { "kesim", "zeynep", 2, OK, 40, 50, "ayşe", TRUE },
      { "kesim", "nobody-we-know", 2, OK, 40, 50, "ayşe", TRUE },
    },
  },
};

/* ---- building the input --------------------------------------------- */

static int
hhmm (const char *text)
{
  int seconds = -1;

  g_assert_true (kiosk_time_parse (text, &seconds));
  return seconds;
}

static KioskService *
service_new (const char *id,
             int         minutes)
{
  KioskService *s = g_new0 (KioskService, 1);

  s->id = g_strdup (id);
  s->name = g_strdup (id);
  s->duration = minutes;
  s->is_active = TRUE;
  return s;
}

static GPtrArray *
menu_new (void)
{
  GPtrArray *services = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_service_free);

  g_ptr_array_add (services, service_new ("kesim", 40));
  g_ptr_array_add (services, service_new ("boya", 120));
  g_ptr_array_add (services, service_new ("sakal", 20));
  g_ptr_array_add (services, service_new ("fön", 60));
  return services;
}

typedef struct {
  KioskWaitInput     input;
  KioskWorkingHours  hours;
  GTimeZone         *tz;
} Day;

static void
day_init (Day        *day,
          const Case *c)
{
  memset (day, 0, sizeof *day);
  day->tz = g_time_zone_new_offset (3 * 3600);
  day->hours.opening_time = hhmm (c->open != NULL ? c->open : "09:00");
  day->hours.closing_time = hhmm (c->close != NULL ? c->close : "20:00");
  day->hours.is_closed = c->closed;

  day->input.date = TODAY;
  day->input.time_zone = day->tz;
  day->input.now = hhmm (c->now);
  day->input.hours = &day->hours;
  day->input.services = menu_new ();
  day->input.employees = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_employee_free);
  day->input.appointments = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_appointment_free);
  day->input.walkins = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_walkin_free);

  for (guint i = 0; i < MAX_ROWS && c->employees[i].id != NULL; i++)
    {
      KioskEmployee *e = g_new0 (KioskEmployee, 1);

      e->id = g_strdup (c->employees[i].id);
      e->name = g_strdup (c->employees[i].id);
      e->is_active = !c->employees[i].inactive;
      e->services = g_strsplit (c->employees[i].services, " ", -1);
      g_ptr_array_add (day->input.employees, e);
    }

  for (guint i = 0; i < MAX_ROWS && c->appointments[i].start != NULL; i++)
    {
      KioskAppointment *a = g_new0 (KioskAppointment, 1);

      a->id = g_strdup_printf ("a%u", i);
      a->service = g_strdup ("kesim");
      a->employee = g_strdup (c->appointments[i].employee);
      a->appointment_date = g_strdup (TODAY);
      a->appointment_time = hhmm (c->appointments[i].start);
      a->end_time = hhmm (c->appointments[i].end);
      a->status = c->appointments[i].status;
      g_ptr_array_add (day->input.appointments, a);
    }

  for (guint i = 0; i < MAX_ROWS && c->walkins[i].id != NULL; i++)
    {
      const Walk *row = &c->walkins[i];
      KioskWalkin *w = g_new0 (KioskWalkin, 1);

      w->id = g_strdup (row->id);
      w->name = g_strdup ("Çağla Öztürk");
      w->service = g_strdup (row->service);
      w->preferred_employee = g_strdup (row->preferred);
      w->employee = g_strdup (row->employee);
      w->status = row->status;
      w->arrived_at = g_strdup (TODAY "T08:30:00+03:00");
      if (row->called != NULL)
        w->called_at = strchr (row->called, 'T') != NULL
                       ? g_strdup (row->called)
                       : g_strdup_printf (TODAY "T%s:00+03:00", row->called);
      g_ptr_array_add (day->input.walkins, w);
    }
}

static void
day_clear (Day *day)
{
  g_clear_pointer (&day->input.services, g_ptr_array_unref);
  g_clear_pointer (&day->input.employees, g_ptr_array_unref);
  g_clear_pointer (&day->input.appointments, g_ptr_array_unref);
  g_clear_pointer (&day->input.walkins, g_ptr_array_unref);
  g_clear_pointer (&day->tz, g_time_zone_unref);
}

static void
check (const KioskWaitEstimate *got,
       const Expect            *want,
       const Case              *c)
{
  int open = hhmm (c->open != NULL ? c->open : "09:00");
  int now = hhmm (c->now);

  g_assert_cmpuint (got->position, ==, want->position);
  g_assert_cmpint (got->status, ==, want->status);
  g_assert_cmpstr (got->employee, ==, want->employee);
  g_assert_cmpint (got->min_wait, ==, want->min * 60);
  g_assert_cmpint (got->max_wait, ==, want->max * 60);
  g_assert_cmpint (got->preference_dropped, ==, want->dropped);
  g_assert_cmpint (got->closing_at_risk, ==, want->risk);
  /* How long until the salon opens, for the range told to people. */
  g_assert_cmpint (got->opens_in, ==, want->status != NOONE && !c->closed && open > now ? open - now : 0);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  Day day;
  g_autoptr(GPtrArray) queue = NULL;
  guint n_expected = 0;

  day_init (&day, c);

  queue = kiosk_wait_estimate_queue (&day.input);
  while (n_expected < MAX_ROWS && c->queue[n_expected].id != NULL)
    n_expected++;
  g_assert_cmpuint (queue->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const KioskWaitEstimate *got = g_ptr_array_index (queue, i);

      g_test_message ("%s: %s", c->name, c->queue[i].id);
      g_assert_cmpstr (got->walkin_id, ==, c->queue[i].id);
      check (got, &c->queue[i], c);
    }

  for (guint i = 0; i < MAX_ROWS && c->newcomers[i].id != NULL; i++)
    {
      const Expect *want = &c->newcomers[i];
      g_autoptr(KioskWaitEstimate) got = NULL;

      g_test_message ("%s: newcomer for %s with %s", c->name, want->id,
                      want->preferred != NULL ? want->preferred : "anyone");
      got = kiosk_wait_estimate_newcomer (&day.input, want->id, want->preferred);
      g_assert_nonnull (got);
      g_assert_null (got->walkin_id);
      g_assert_cmpstr (got->service, ==, want->id);
      check (got, want, c);
    }

  /* Asking did not change the queue's own estimates. */
  {
    g_autoptr(GPtrArray) again = kiosk_wait_estimate_queue (&day.input);

    g_assert_cmpuint (again->len, ==, queue->len);
    for (guint i = 0; i < again->len; i++)
      {
        const KioskWaitEstimate *a = g_ptr_array_index (queue, i);
        const KioskWaitEstimate *b = g_ptr_array_index (again, i);

        g_assert_cmpint (a->min_wait, ==, b->min_wait);
        g_assert_cmpint (a->max_wait, ==, b->max_wait);
        g_assert_cmpstr (a->employee, ==, b->employee);
      }
  }

  day_clear (&day);
}

/* ---- the range told to people ------------------------------------------ */

/* A plan hours long is not right to the minute: at 00:51 a salon opening
 * at 09:00 was "8 h 33 min – 8 h 34 min" away. The range grows with the
 * time it covers, never reaches before opening, and beyond an hour is in
 * whole 5 minutes. */
static void
test_range (void)
{
  static const struct {
    KioskWaitStatus status;
    int             min, max, opens_in;   /* minutes */
    int             low, high;
  } rows[] = {
    { OK,      0,   0,   0,   0,   0 },     /* no wait */
    { OK,      0,  10,   0,   0,  10 },
    { OK,     20,  30,   0,  17,  30 },     /* the overrun run already says more than 24 */
    { OK,     40,  50,   0,  34,  50 },
    { OK,     30,  30,   0,  25,  36 },     /* behind a booking: 15 % earlier, 20 % later */
    { OK,     45,  45,  45,  45,  54 },     /* opens in 45 min: nothing earlier */
    { OK,     10,  10,  30,  10,  12 },
    { OK,     61,  61,   0,  51,  75 },
    { OK,     90,  90,   0,  75, 110 },     /* 76.5 down, 108 up, to 5 min */
    { OK,    489, 489, 489, 485, 590 },     /* 00:51, opening at 09:00: 8 h 5 min – 9 h 50 min */
    { OK,    513, 514,   0, 435, 620 },     /* "8 h 33 min – 8 h 34 min" no more */
    { LATE,   60,  75,   0,  51,  75 },
    { NOONE,   0,   0,   0,   0,   0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      KioskWaitEstimate estimate = { 0, };
      int low = -1, high = -1;

      estimate.status = rows[i].status;
      estimate.min_wait = rows[i].min * 60;
      estimate.max_wait = rows[i].max * 60;
      estimate.opens_in = rows[i].opens_in * 60;
      g_test_message ("%d–%d min, opens in %d", rows[i].min, rows[i].max, rows[i].opens_in);
      kiosk_wait_estimate_get_range (&estimate, &low, &high);
      g_assert_cmpint (low, ==, rows[i].low * 60);
      g_assert_cmpint (high, ==, rows[i].high * 60);
    }
}

/* ---- instants ------------------------------------------------------- */

static void
test_instants (void)
{
  g_autoptr(GTimeZone) istanbul = g_time_zone_new_offset (3 * 3600);
  static const struct {
    const char *instant;
    const char *date;
    gboolean    zone;
    gboolean    ok;
    int         seconds;
  } rows[] = {
    { TODAY "T10:05:00+03:00", TODAY, TRUE, TRUE, 10 * 3600 + 5 * 60 },
    { TODAY "T07:05:00Z", TODAY, TRUE, TRUE, 10 * 3600 + 5 * 60 },
    /* Read as written when no zone is given. */
    { TODAY "T07:05:00Z", TODAY, FALSE, TRUE, 7 * 3600 + 5 * 60 },
    /* No offset: the salon's wall clock. */
    { TODAY "T10:00:00", TODAY, TRUE, TRUE, 10 * 3600 },
    { TODAY "T10:00:00", NULL, FALSE, TRUE, 10 * 3600 },
    /* Late last night. */
    { "2026-09-13T23:00:00+03:00", TODAY, TRUE, TRUE, -3600 },
    { TODAY "T22:30:00Z", TODAY, TRUE, TRUE, 24 * 3600 + 3600 + 1800 },
    { "2026-09-13T23:00:00+03:00", NULL, TRUE, TRUE, 23 * 3600 },
    /* Months ago is a week ago, as far as a queue cares. */
    { "2026-01-01T10:00:00+03:00", TODAY, TRUE, TRUE, 10 * 3600 - 7 * 24 * 3600 },
    { "", TODAY, TRUE, FALSE, 0 },
    { NULL, TODAY, TRUE, FALSE, 0 },
    { "dün öğleden sonra", TODAY, TRUE, FALSE, 0 },
    { TODAY "T25:00:00+03:00", TODAY, TRUE, FALSE, 0 },
    { TODAY "T10:00:00+03:00", "2026-02-30", TRUE, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      int seconds = 4242;
      gboolean ok;

      g_test_message ("%s on %s", rows[i].instant, rows[i].date);
      ok = kiosk_wait_instant_to_seconds (rows[i].instant, rows[i].date,
                                          rows[i].zone ? istanbul : NULL, &seconds);
      g_assert_cmpint (ok, ==, rows[i].ok);
      g_assert_cmpint (seconds, ==, rows[i].ok ? rows[i].seconds : 4242);
    }
}

/* ---- invariants over random days ------------------------------------ */

static const char *all_services[] = { "kesim", "boya", "sakal", "fön" };
static const int all_minutes[] = { 40, 120, 20, 60 };
static const char *all_employees[] = { "ayşe", "mehmet", "zeynep", "ömer" };

static int
minutes_of (const char *service)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_services); i++)
    if (g_strcmp0 (all_services[i], service) == 0)
      return all_minutes[i];
  return -1;
}

static const KioskEmployee *
find_employee (const Day  *day,
               const char *id)
{
  for (guint i = 0; i < day->input.employees->len; i++)
    {
      const KioskEmployee *e = g_ptr_array_index (day->input.employees, i);

      if (g_strcmp0 (e->id, id) == 0)
        return e;
    }
  return NULL;
}

static gboolean
anyone_able (const Day  *day,
             const char *service)
{
  for (guint i = 0; i < day->input.employees->len; i++)
    {
      const KioskEmployee *e = g_ptr_array_index (day->input.employees, i);

      if (e->is_active && g_strv_contains ((const char * const *) e->services, service))
        return TRUE;
    }
  return FALSE;
}

/* How often each status came out, so the invariants are not checked on
 * one kind of day only. */
static guint seen[3];

static void
check_invariants (const Day               *day,
                  const KioskWaitEstimate *est,
                  const char              *preferred)
{
  const KioskEmployee *pref = find_employee (day, preferred);
  gboolean pref_able = pref != NULL && pref->is_active &&
                       g_strv_contains ((const char * const *) pref->services, est->service);

  g_assert_cmpint (est->min_wait, >=, 0);
  g_assert_cmpint (est->min_wait, <=, est->max_wait);
  g_assert_cmpint (est->min_wait % 60, ==, 0);
  g_assert_cmpint (est->max_wait % 60, ==, 0);
  g_assert_cmpint (est->preference_dropped, ==, preferred != NULL && !pref_able);
  g_assert_cmpint (est->status, <, G_N_ELEMENTS (seen));
  seen[est->status]++;

  /* What people are told: around the plan, as wide as the time it covers. */
  {
    int low, high;

    kiosk_wait_estimate_get_range (est, &low, &high);
    g_assert_cmpint (low % 60, ==, 0);
    g_assert_cmpint (high % 60, ==, 0);
    g_assert_cmpint (0, <=, low);
    g_assert_cmpint (low, <=, est->min_wait);
    g_assert_cmpint (high, >=, est->max_wait);
    if (est->status != KIOSK_WAIT_NOBODY_CAN)
      {
        g_assert_cmpint (high, >=, est->min_wait + est->min_wait / 5);
        g_assert_cmpint (low, <=, MAX (est->min_wait - est->min_wait * 15 / 100, est->opens_in));
        /* Not before opening, but for rounding down to 5 minutes. */
        g_assert_cmpint (low + 5 * 60, >, est->opens_in);
      }
  }

  if (!anyone_able (day, est->service))
    {
      g_assert_cmpint (est->status, ==, KIOSK_WAIT_NOBODY_CAN);
      g_assert_null (est->employee);
      return;
    }
  g_assert_cmpint (est->status, !=, KIOSK_WAIT_NOBODY_CAN);

  {
    const KioskEmployee *e = find_employee (day, est->employee);
    int start = MAX (day->input.now, day->hours.opening_time);

    g_assert_nonnull (e);
    g_assert_true (e->is_active);
    g_assert_true (g_strv_contains ((const char * const *) e->services, est->service));
    if (pref_able)
      g_assert_cmpstr (est->employee, ==, preferred);
    if (est->status == KIOSK_WAIT_OK)
      {
        /* It starts once open, and ends by closing. */
        g_assert_cmpint (day->input.now + est->min_wait + 59, >=, start);
        g_assert_cmpint (day->input.now + est->min_wait + minutes_of (est->service) * 60, <=,
                         day->hours.closing_time);
      }
  }
}

static void
test_random_days (void)
{
  GRand *rand = g_rand_new_with_seed (20260914);

  for (guint round = 0; round < 300; round++)
    {
      Case c = { "random", "10:00" };
      Day day;
      g_autoptr(GPtrArray) queue = NULL;
      g_autoptr(GPtrArray) again = NULL;
      guint n_waiting = 0;

      day_init (&day, &c);
      day.input.now = g_rand_int_range (rand, 7 * 3600, 21 * 3600);
      day.hours.opening_time = 9 * 3600;
      day.hours.closing_time = g_rand_int_range (rand, 17, 22) * 3600;

      for (guint i = 0; i < G_N_ELEMENTS (all_employees); i++)
        {
          KioskEmployee *e = g_new0 (KioskEmployee, 1);
          GStrvBuilder *b = g_strv_builder_new ();

          for (guint s = 0; s < G_N_ELEMENTS (all_services); s++)
            if (g_rand_int_range (rand, 0, 3) == 0)
              g_strv_builder_add (b, all_services[s]);
          e->id = g_strdup (all_employees[i]);
          e->is_active = g_rand_int_range (rand, 0, 5) != 0;
          e->services = g_strv_builder_end (b);
          g_strv_builder_unref (b);
          g_ptr_array_add (day.input.employees, e);
        }

      for (guint i = 0, n = g_rand_int_range (rand, 0, 6); i < n; i++)
        {
          KioskAppointment *a = g_new0 (KioskAppointment, 1);

          a->id = g_strdup_printf ("a%u", i);
          a->service = g_strdup (all_services[g_rand_int_range (rand, 0, 4)]);
          if (g_rand_boolean (rand))
            a->employee = g_strdup (all_employees[g_rand_int_range (rand, 0, 4)]);
          a->appointment_date = g_strdup (TODAY);
          a->appointment_time = g_rand_int_range (rand, 9 * 4, 19 * 4) * 900;
          a->end_time = a->appointment_time + minutes_of (a->service) * 60;
          a->status = g_rand_int_range (rand, 0, 5);
          g_ptr_array_add (day.input.appointments, a);
        }

      for (guint i = 0, n = g_rand_int_range (rand, 0, 8); i < n; i++)
        {
          KioskWalkin *w = g_new0 (KioskWalkin, 1);

          w->id = g_strdup_printf ("w%u", i);
          w->service = g_strdup (all_services[g_rand_int_range (rand, 0, 4)]);
          w->status = g_rand_int_range (rand, 0, 5);
          if (g_rand_int_range (rand, 0, 3) == 0)
            w->preferred_employee = g_strdup (all_employees[g_rand_int_range (rand, 0, 4)]);
          if (w->status == KIOSK_WALKIN_IN_SERVICE || w->status == KIOSK_WALKIN_CALLED)
            w->employee = g_strdup (all_employees[g_rand_int_range (rand, 0, 4)]);
          w->arrived_at = g_strdup (TODAY "T09:10:00+03:00");
          if (w->status == KIOSK_WALKIN_IN_SERVICE)
            w->called_at = g_strdup_printf (TODAY "T%02d:%02d:00+03:00",
                                            g_rand_int_range (rand, 9, 20), g_rand_int_range (rand, 0, 60));
          n_waiting += w->status == KIOSK_WALKIN_WAITING;
          g_ptr_array_add (day.input.walkins, w);
        }

      queue = kiosk_wait_estimate_queue (&day.input);
      again = kiosk_wait_estimate_queue (&day.input);
      g_assert_cmpuint (queue->len, ==, n_waiting);
      for (guint i = 0, n = 0; i < day.input.walkins->len; i++)
        {
          const KioskWalkin *w = g_ptr_array_index (day.input.walkins, i);
          const KioskWaitEstimate *est, *est2;

          if (w->status != KIOSK_WALKIN_WAITING)
            continue;
          est = g_ptr_array_index (queue, n);
          est2 = g_ptr_array_index (again, n);
          n++;
          g_assert_cmpstr (est->walkin_id, ==, w->id);
          g_assert_cmpuint (est->position, ==, n);
          check_invariants (&day, est, w->preferred_employee);
          /* Deterministic. */
          g_assert_cmpint (est->status, ==, est2->status);
          g_assert_cmpint (est->min_wait, ==, est2->min_wait);
          g_assert_cmpint (est->max_wait, ==, est2->max_wait);
          g_assert_cmpstr (est->employee, ==, est2->employee);
        }

      for (guint s = 0; s < G_N_ELEMENTS (all_services); s++)
        {
          const char *preferred = g_rand_boolean (rand) ? all_employees[g_rand_int_range (rand, 0, 4)] : NULL;
          g_autoptr(KioskWaitEstimate) est = kiosk_wait_estimate_newcomer (&day.input, all_services[s], preferred);

          g_assert_cmpuint (est->position, ==, n_waiting + 1);
          check_invariants (&day, est, preferred);
        }

      day_clear (&day);
    }
  g_rand_free (rand);

  g_test_message ("ok %u, nobody can %u, after closing %u",
                  seen[KIOSK_WAIT_OK], seen[KIOSK_WAIT_NOBODY_CAN], seen[KIOSK_WAIT_AFTER_CLOSING]);
  for (guint i = 0; i < G_N_ELEMENTS (seen); i++)
    g_assert_cmpuint (seen[i], >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/wait/day/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/wait/range", test_range);
  g_test_add_func ("/wait/instants", test_instants);
  g_test_add_func ("/wait/random-days", test_random_days);

  return g_test_run ();
}
