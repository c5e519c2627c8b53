/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The slot finder of the staff calendar as tables: opening hours and the
 * closing time, services that do not fit, staff without the skill, the
 * kiosk's own pending bookings, closed days, "now" and the terminal in
 * another time zone than the salon's. Every answer is also checked against
 * a naive reading of the same data (every slot on the grid, one by one).
 *
 * Run with `-m perf -p /slots/benchmark` for µs per query on a busy day.
 */
#define G_LOG_DOMAIN "test-slots"

#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kiosk-slots.h"
#include "kiosk-time.h"

#define H(h, m) ((h) * 3600 + (m) * 60)

/* ---- the salon ---------------------------------------------------------- */

/* Tuesday 2026-09-15 has no working_hours row: the salon's 09:00–19:00.
 * Wednesday opens at 09:10 (the grid starts at 09:15), Thursday closes at
 * 14:00, Saturday is 10:00–16:00, Sunday is closed. */
static const struct {
  int day, open, close;
  gboolean closed;
} week[] = {
  { 2, H (9, 10), H (19, 0), FALSE },
  { 3, H (9, 0), H (14, 0), FALSE },
  { 5, H (10, 0), H (16, 0), FALSE },
  { 6, H (9, 0), H (19, 0), TRUE },
};

static const struct {
  const char *id, *name;
  int duration;
  gboolean active;
} service_table[] = {
  { "cut",    "Saç kesimi",       30,  TRUE },
  { "color",  "Boya",             90,  TRUE },
  { "long",   "Keratin bakımı",   660, TRUE },   /* 11 h: longer than any day */
  { "nail",   "Manikür",          45,  TRUE },   /* only inactive Çağla does it */
  { "old",    "Eski ağda",        30,  FALSE },
  { "beard",  "Sakal düzeltme",   15,  TRUE },
  { "broken", "Süresiz",          0,   TRUE },
};

static const struct {
  const char *id, *name;
  gboolean active;
  const char *services;   /* comma separated */
} employee_table[] = {
  { "ayse",   "Ayşe Yılmaz",   TRUE,  "cut,color,long,old,beard,broken" },
  { "mehmet", "Mehmet Öztürk", TRUE,  "cut,beard" },
  { "cagla",  "Çağla Şahin",   FALSE, "cut,nail,color" },
  { "ilker",  "İlker Güneş",   TRUE,  "color" },
};

typedef struct {
  KioskSalon *salon;
  GPtrArray  *hours;
  GPtrArray  *services;
  GPtrArray  *employees;
  GTimeZone  *istanbul;
} Salon;

static GTimeZone *
zone (const char *name)
{
  GTimeZone *tz = g_time_zone_new_identifier (name);

  g_assert_nonnull (tz);   /* tzdata is a build dependency of GLib on Debian */
  return tz;
}

static void
salon_init (Salon *s)
{
  s->salon = g_new0 (KioskSalon, 1);
  s->salon->id = g_strdup ("salon");
  s->salon->name = g_strdup ("Güzellik Salonu Işıl");
  s->salon->opening_time = H (9, 0);
  s->salon->closing_time = H (19, 0);
  s->salon->timezone = g_strdup ("Europe/Istanbul");

  s->hours = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_working_hours_free);
  for (guint i = 0; i < G_N_ELEMENTS (week); i++)
    {
      KioskWorkingHours *h = g_new0 (KioskWorkingHours, 1);

      h->id = g_strdup_printf ("salon:%d", week[i].day);
      h->day_of_week = week[i].day;
      h->opening_time = week[i].open;
      h->closing_time = week[i].close;
      h->is_closed = week[i].closed;
      g_ptr_array_add (s->hours, h);
    }

  s->services = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_service_free);
  for (guint i = 0; i < G_N_ELEMENTS (service_table); i++)
    {
      KioskService *v = g_new0 (KioskService, 1);

      v->id = g_strdup (service_table[i].id);
      v->name = g_strdup (service_table[i].name);
      v->duration = service_table[i].duration;
      v->is_active = service_table[i].active;
      v->price = 25000;
      g_ptr_array_add (s->services, v);
    }

  s->employees = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_employee_free);
  for (guint i = 0; i < G_N_ELEMENTS (employee_table); i++)
    {
      KioskEmployee *e = g_new0 (KioskEmployee, 1);

      e->id = g_strdup (employee_table[i].id);
      e->name = g_strdup (employee_table[i].name);
      e->is_active = employee_table[i].active;
      e->services = g_strsplit (employee_table[i].services, ",", -1);
      g_ptr_array_add (s->employees, e);
    }

  s->istanbul = zone ("Europe/Istanbul");
}

static void
salon_clear (Salon *s)
{
  kiosk_salon_free (s->salon);
  g_ptr_array_unref (s->hours);
  g_ptr_array_unref (s->services);
  g_ptr_array_unref (s->employees);
  g_time_zone_unref (s->istanbul);
}

/* ---- appointments as the table writes them ------------------------------ */

#define P KIOSK_APPOINTMENT_PENDING
#define C KIOSK_APPOINTMENT_CONFIRMED
#define D KIOSK_APPOINTMENT_COMPLETED
#define X KIOSK_APPOINTMENT_CANCELLED
#define N KIOSK_APPOINTMENT_NO_SHOW

typedef struct {
  const char             *employee;   /* NULL: "anyone", not yet assigned */
  const char             *from, *to;  /* "HH:MM"; to NULL: not timed yet */
  KioskAppointmentStatus  status;
  const char             *date;       /* NULL: the row's date */
  const char             *id;         /* NULL: made up */
  const char             *service;    /* NULL: "cut" */
} Appt;

#define MAX_APPTS 8

static GPtrArray *
make_appointments (const Appt *appts,
                   const char *date)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_appointment_free);

  for (guint i = 0; i < MAX_APPTS && appts[i].from != NULL; i++)
    {
      KioskAppointment *a = g_new0 (KioskAppointment, 1);

      a->id = appts[i].id != NULL ? g_strdup (appts[i].id) : g_strdup_printf ("appt-%u", i);
      a->customer = g_strdup ("müşteri");
      a->service = g_strdup (appts[i].service != NULL ? appts[i].service : "cut");
      a->employee = g_strdup (appts[i].employee);
      a->appointment_date = g_strdup (appts[i].date != NULL ? appts[i].date : date);
      g_assert_true (kiosk_time_parse (appts[i].from, &a->appointment_time));
      if (appts[i].to != NULL)
        g_assert_true (kiosk_time_parse (appts[i].to, &a->end_time));
      a->status = appts[i].status;
      a->source = g_strdup ("kiosk");
      a->pending = appts[i].status == P;
      g_ptr_array_add (out, a);
    }
  return out;
}

/* ---- a naive reading of the same rules, slot by slot --------------------- */

static const KioskService *
service_by_id (const Salon *s,
               const char  *id)
{
  for (guint i = 0; i < s->services->len; i++)
    {
      const KioskService *v = g_ptr_array_index (s->services, i);

      if (g_strcmp0 (v->id, id) == 0)
        return v;
    }
  return NULL;
}

/* Blocks if some pending/confirmed/completed appointment of @employee on
 * @date overlaps. Only for days without "anyone" bookings. */
static gboolean
naive_taken (const Salon *s,
             GPtrArray  *appointments,
             const char *date,
             const char *employee,
             int         start,
             int         end)
{
  for (guint i = 0; i < appointments->len; i++)
    {
      const KioskAppointment *a = g_ptr_array_index (appointments, i);

      if (g_strcmp0 (a->appointment_date, date) != 0 || g_strcmp0 (a->employee, employee) != 0)
        continue;
      if (a->status == X || a->status == N)
        continue;
      /* Not timed yet: as long as its service. */
      if (a->appointment_time < end &&
          (a->end_time > a->appointment_time ? a->end_time
                                             : a->appointment_time + service_by_id (s, a->service)->duration * 60) > start)
        return TRUE;
    }
  return FALSE;
}

static char *
slot_label (const KioskSlot *slot)
{
  g_autofree char *from = kiosk_time_format_short (slot->start);

  return g_strdup_printf ("%s %s", from, slot->employee);
}

/* Every slot the rules allow, in order, as "HH:MM employee" lines. */
static GPtrArray *
naive_slots (const Salon *s,
             GPtrArray   *appointments,
             const char  *service_id,
             const char  *date,
             const char  *employee_id,
             int          granularity,
             int          not_before)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  const KioskService *v = service_by_id (s, service_id);
  int dow = kiosk_date_day_of_week (date);
  int open = s->salon->opening_time, close = s->salon->closing_time;

  for (guint i = 0; i < G_N_ELEMENTS (week); i++)
    if (week[i].day == dow)
      {
        if (week[i].closed)
          return out;
        open = week[i].open;
        close = week[i].close;
      }
  if (v == NULL || !v->is_active)
    return out;

  for (int t = 0; t < 24 * 3600; t += granularity)
    {
      if (t < open || t < not_before || t + v->duration * 60 > close)
        continue;
      for (guint k = 0; k < s->employees->len; k++)
        {
          const KioskEmployee *e = g_ptr_array_index (s->employees, k);

          if (!e->is_active || !g_strv_contains ((const char * const *)e->services, service_id))
            continue;
          if (employee_id != NULL && strcmp (employee_id, e->id) != 0)
            continue;
          if (!naive_taken (s, appointments, date, e->id, t, t + v->duration * 60))
            {
              g_autofree char *from = kiosk_time_format_short (t);

              g_ptr_array_add (out, g_strdup_printf ("%s %s", from, e->id));
            }
        }
    }
  return out;
}

static gboolean
has_unassigned (GPtrArray *appointments)
{
  for (guint i = 0; i < appointments->len; i++)
    if (((KioskAppointment *)g_ptr_array_index (appointments, i))->employee == NULL)
      return TRUE;
  return FALSE;
}

static gboolean
label_in (GPtrArray  *labels,
          const char *label)
{
  return g_ptr_array_find_with_equal_func (labels, label, g_str_equal, NULL);
}

/* ---- kiosk_slots_find ---------------------------------------------------- */

#define MAX_LABELS 6

typedef struct {
  const char       *name;
  const char       *service;
  const char       *date;
  const char       *employee;      /* NULL: anyone */
  const char       *now;           /* ISO 8601 with an offset; NULL: the day before at noon */
  const char       *terminal;      /* TZ of the terminal while querying; NULL: America/New_York */
  int               granularity;   /* minutes, 0: default */
  Appt              appts[MAX_APPTS];
  KioskSlotsReason  reason;
  int               n;             /* number of slots, -1: not checked */
  const char       *first;         /* "HH:MM employee", NULL: not checked */
  const char       *last;
  const char       *has[MAX_LABELS];
  const char       *lacks[MAX_LABELS];
} FindCase;

static const FindCase find_cases[] = {
  /* Opening hours and the closing time. */
  { "open day, anyone", "cut", "2026-09-15", NULL, NULL, NULL, 0, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, 39 * 2, "09:00 ayse", "18:30 mehmet",
    { "09:00 mehmet", "12:15 ayse" }, { "08:45 ayse", "18:45 ayse", "09:00 cagla", "09:00 ilker" } },
  { "exact fit at closing", "color", "2026-09-15", NULL, NULL, NULL, 0, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, 35 * 2, "09:00 ayse", "17:30 ilker",
    { "17:30 ayse" }, { "17:45 ayse", "17:45 ilker" } },
  { "saturday row 10:00–16:00", "cut", "2026-09-19", "ayse", NULL, NULL, 0, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, 23, "10:00 ayse", "15:30 ayse", { 0 }, { "09:45 ayse", "15:45 ayse", "16:00 ayse" } },
  { "short thursday", "color", "2026-09-17", "ilker", NULL, NULL, 0, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, 15, "09:00 ilker", "12:30 ilker", { 0 }, { "12:45 ilker" } },
  { "closed sunday", "cut", "2026-09-20", NULL, NULL, NULL, 0, { { 0 } },
    KIOSK_SLOTS_CLOSED, 0, NULL, NULL, { 0 }, { 0 } },
  { "longer than the whole day", "long", "2026-09-15", NULL, NULL, NULL, 0, { { 0 } },
    KIOSK_SLOTS_TOO_LONG, 0, NULL, NULL, { 0 }, { 0 } },

  /* What is left of today. */
  { "longer than what is left today", "color", "2026-09-15", NULL, "2026-09-15T18:00:00+03:00", NULL, 0, { { 0 } },
    KIOSK_SLOTS_PAST, 0, NULL, NULL, { 0 }, { 0 } },
  { "short one still fits today", "cut", "2026-09-15", NULL, "2026-09-15T18:00:00+03:00", NULL, 0, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, 6, "18:00 ayse", "18:30 mehmet", { 0 }, { "17:45 ayse" } },
  { "earlier today is not offered", "cut", "2026-09-15", NULL, "2026-09-15T10:07:00+03:00", NULL, 0, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, -1, "10:15 ayse", "18:30 mehmet", { 0 }, { "10:00 ayse", "10:00 mehmet" } },
  { "a slot starting this very second", "cut", "2026-09-15", "ayse", "2026-09-15T10:15:00+03:00", NULL, 0, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, -1, "10:15 ayse", NULL, { 0 }, { 0 } },
  { "half a second too late", "cut", "2026-09-15", "ayse", "2026-09-15T10:15:00.5+03:00", NULL, 0, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, -1, "10:30 ayse", NULL, { 0 }, { 0 } },
  { "a day gone by", "cut", "2026-09-14", NULL, "2026-09-15T08:00:00+03:00", NULL, 0, { { 0 } },
    KIOSK_SLOTS_PAST, 0, NULL, NULL, { 0 }, { 0 } },

  /* The terminal elsewhere: the salon's clock decides. */
  { "now given in New York time", "cut", "2026-09-15", NULL, "2026-09-15T05:00:00-04:00", "America/New_York", 0, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, -1, "12:00 ayse", NULL, { 0 }, { "11:45 ayse", "09:00 ayse" } },
  { "now given in UTC, terminal in Tokyo", "cut", "2026-09-15", NULL, "2026-09-15T09:00:00Z", "Asia/Tokyo", 0, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, -1, "12:00 ayse", NULL, { 0 }, { "11:45 mehmet" } },
  { "already tomorrow on the terminal", "cut", "2026-09-15", NULL, "2026-09-15T10:00:00+14:00", "Pacific/Kiritimati", 0, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, 39 * 2, "09:00 ayse", NULL, { 0 }, { 0 } },
  { "still yesterday on the terminal", "cut", "2026-09-15", NULL, "2026-09-14T21:30:00-10:00", "Pacific/Honolulu", 0, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, 33 * 2, "10:30 ayse", "18:30 mehmet", { 0 }, { 0 } },
  { "over on the salon's day", "cut", "2026-09-15", NULL, "2026-09-15T13:00:00-04:00", "America/New_York", 0, { { 0 } },
    KIOSK_SLOTS_PAST, 0, NULL, NULL, { 0 }, { 0 } },

  /* Who can do the service. */
  { "staff without the skill", "nail", "2026-09-15", NULL, NULL, NULL, 0, { { 0 } },
    KIOSK_SLOTS_NO_STAFF_FOR_SERVICE, 0, NULL, NULL, { 0 }, { 0 } },
  { "preferred employee does not do it", "color", "2026-09-15", "mehmet", NULL, NULL, 0, { { 0 } },
    KIOSK_SLOTS_NO_STAFF_FOR_SERVICE, 0, NULL, NULL, { 0 }, { 0 } },
  { "preferred employee is inactive", "cut", "2026-09-15", "cagla", NULL, NULL, 0, { { 0 } },
    KIOSK_SLOTS_NO_STAFF_FOR_SERVICE, 0, NULL, NULL, { 0 }, { 0 } },
  { "preferred employee unknown", "cut", "2026-09-15", "nobody", NULL, NULL, 0, { { 0 } },
    KIOSK_SLOTS_NO_STAFF_FOR_SERVICE, 0, NULL, NULL, { 0 }, { 0 } },
  { "no staff beats closed", "nail", "2026-09-20", NULL, NULL, NULL, 0, { { 0 } },
    KIOSK_SLOTS_NO_STAFF_FOR_SERVICE, 0, NULL, NULL, { 0 }, { 0 } },
  { "inactive service", "old", "2026-09-15", "ayse", NULL, NULL, 0, { { 0 } },
    KIOSK_SLOTS_SERVICE_UNAVAILABLE, 0, NULL, NULL, { 0 }, { 0 } },
  { "unknown service", "gone", "2026-09-15", NULL, NULL, NULL, 0, { { 0 } },
    KIOSK_SLOTS_SERVICE_UNAVAILABLE, 0, NULL, NULL, { 0 }, { 0 } },
  { "preferred employee only", "cut", "2026-09-15", "mehmet", NULL, NULL, 0, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, 39, "09:00 mehmet", "18:30 mehmet", { 0 }, { "09:00 ayse" } },
  { "anyone takes whoever is free", "cut", "2026-09-15", NULL, NULL, NULL, 0,
    { { "ayse", "09:00", "19:00", C } },
    KIOSK_SLOTS_AVAILABLE, 39, "09:00 mehmet", "18:30 mehmet", { 0 }, { "09:00 ayse" } },

  /* Appointments. */
  { "overlapping pending bookings", "cut", "2026-09-15", "ayse", NULL, NULL, 0,
    { { "ayse", "10:00", "11:00", P }, { "ayse", "10:30", "11:30", P } },
    KIOSK_SLOTS_AVAILABLE, 39 - 7, NULL, NULL,
    { "09:30 ayse", "11:30 ayse" }, { "09:45 ayse", "10:00 ayse", "10:45 ayse", "11:00 ayse", "11:15 ayse" } },
  { "a pending booking without an end", "cut", "2026-09-15", "ayse", NULL, NULL, 0,
    { { "ayse", "10:00", NULL, P, NULL, NULL, "color" } },
    KIOSK_SLOTS_AVAILABLE, 39 - 7, NULL, NULL,
    { "09:30 ayse", "11:30 ayse" }, { "09:45 ayse", "11:15 ayse" } },
  { "back-to-back appointments", "cut", "2026-09-15", "ayse", NULL, NULL, 0,
    { { "ayse", "10:00", "10:30", C }, { "ayse", "10:30", "11:00", D } },
    KIOSK_SLOTS_AVAILABLE, 39 - 5, NULL, NULL,
    { "09:30 ayse", "11:00 ayse" }, { "09:45 ayse", "10:00 ayse", "10:15 ayse", "10:30 ayse", "10:45 ayse" } },
  { "an appointment straddling slots", "beard", "2026-09-15", "ayse", NULL, NULL, 0,
    { { "ayse", "10:10", "10:50", C } },
    KIOSK_SLOTS_AVAILABLE, 40 - 4, NULL, NULL,
    { "09:45 ayse", "11:00 ayse" }, { "10:00 ayse", "10:15 ayse", "10:30 ayse", "10:45 ayse" } },
  { "cancelled and no-show do not block", "cut", "2026-09-15", "ayse", NULL, NULL, 0,
    { { "ayse", "10:00", "11:00", X }, { "ayse", "12:00", "13:00", N } },
    KIOSK_SLOTS_AVAILABLE, 39, NULL, NULL, { "10:00 ayse", "12:00 ayse" }, { 0 } },
  { "other days and other staff do not block", "cut", "2026-09-15", "ayse", NULL, NULL, 0,
    { { "ayse", "10:00", "11:00", C, "2026-09-16" }, { "mehmet", "12:00", "13:00", C }, { "cagla", "14:00", "15:00", C } },
    KIOSK_SLOTS_AVAILABLE, 39, NULL, NULL, { "10:00 ayse", "12:00 ayse", "14:00 ayse" }, { 0 } },
  { "an anyone booking takes the first free", "cut", "2026-09-15", NULL, NULL, NULL, 0,
    { { NULL, "10:00", "11:00", P } },
    KIOSK_SLOTS_AVAILABLE, 78 - 5, NULL, NULL,
    { "10:00 mehmet", "09:30 ayse", "11:00 ayse" }, { "10:00 ayse", "10:45 ayse" } },
  { "an anyone booking skips the busy one", "cut", "2026-09-15", NULL, NULL, NULL, 0,
    { { NULL, "10:00", "11:00", P }, { "ayse", "10:00", "11:00", C } },
    KIOSK_SLOTS_AVAILABLE, 78 - 10, NULL, NULL,
    { "09:30 ayse", "09:30 mehmet", "11:00 ayse", "11:00 mehmet" }, { "10:00 ayse", "10:00 mehmet" } },
  { "an anyone colour goes to whoever colours", "cut", "2026-09-15", NULL, NULL, NULL, 0,
    { { NULL, "10:00", "11:30", P, NULL, NULL, "color" } },
    KIOSK_SLOTS_AVAILABLE, 78 - 7, NULL, NULL, { "10:00 mehmet" }, { "10:00 ayse" } },
  { "an anyone colour skips staff who do not colour", "cut", "2026-09-15", NULL, NULL, NULL, 0,
    { { "ayse", "10:00", "11:30", C }, { NULL, "10:00", "11:30", P, NULL, NULL, "color" } },
    KIOSK_SLOTS_AVAILABLE, 78 - 7, NULL, NULL, { "10:00 mehmet", "11:30 ayse" }, { "10:00 ayse", "11:15 ayse" } },
  { "one second of overlap is an overlap", "cut", "2026-09-15", "ayse", NULL, NULL, 0,
    { { "ayse", "09:00", "10:00:01", C }, { "ayse", "10:59:59", "12:00", C } },
    KIOSK_SLOTS_AVAILABLE, 39 - 11, NULL, NULL, { "10:15 ayse", "12:00 ayse" }, { "10:00 ayse", "10:30 ayse" } },
  { "a full day", "cut", "2026-09-15", NULL, NULL, NULL, 0,
    { { "ayse", "09:00", "19:00", C }, { "mehmet", "08:00", "12:00", P }, { "mehmet", "12:00", "19:30", D } },
    KIOSK_SLOTS_FULL, 0, NULL, NULL, { 0 }, { 0 } },
  { "full for the long one, not the short one", "color", "2026-09-15", "ayse", NULL, NULL, 0,
    { { "ayse", "09:00", "10:00", C }, { "ayse", "11:00", "12:00", C }, { "ayse", "13:00", "14:00", C },
      { "ayse", "15:00", "16:00", C }, { "ayse", "17:00", "19:00", C } },
    KIOSK_SLOTS_FULL, 0, NULL, NULL, { 0 }, { 0 } },

  /* The grid. */
  { "grid after a 09:10 opening", "cut", "2026-09-16", "ayse", NULL, NULL, 0, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, 38, "09:15 ayse", "18:30 ayse", { 0 }, { "09:10 ayse", "09:00 ayse" } },
  { "20 minute grid", "cut", "2026-09-15", "mehmet", NULL, NULL, 20, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, 29, "09:00 mehmet", "18:20 mehmet", { "09:20 mehmet" }, { "09:15 mehmet" } },
  { "hourly grid after a 09:10 opening", "cut", "2026-09-16", "ayse", NULL, NULL, 60, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, 9, "10:00 ayse", "18:00 ayse", { 0 }, { "09:10 ayse" } },
  { "5 minute grid around an appointment", "beard", "2026-09-15", "ayse", NULL, NULL, 5,
    { { "ayse", "10:10", "10:50", C } },
    KIOSK_SLOTS_AVAILABLE, -1, NULL, NULL, { "09:55 ayse", "10:50 ayse" }, { "10:00 ayse", "10:45 ayse" } },
};

static void
check_find_case (const Salon    *s,
                 const FindCase *c)
{
  g_autoptr(GPtrArray) appointments = make_appointments (c->appts, c->date);
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GDateTime) now_utc = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) now_salon = NULL;
  g_autoptr(GError) error = NULL;
  const KioskService *service = service_by_id (s, c->service);
  KioskSlotsReason reason = (KioskSlotsReason)-1;
  KioskSlotData data = {
    .salon = s->salon,
    .working_hours = s->hours,
    .services = s->services,
    .employees = s->employees,
    .appointments = appointments,
    .time_zone = s->istanbul,
    .granularity = c->granularity * 60,
  };
  int granularity = c->granularity > 0 ? c->granularity * 60 : 15 * 60;
  int not_before = 0;

  g_test_message ("case: %s", c->name);

  /* The terminal's own zone, as the UI would see "now". */
  g_setenv ("TZ", c->terminal != NULL ? c->terminal : "America/New_York", TRUE);
  tzset ();
  now_utc = g_date_time_new_from_iso8601 (c->now != NULL ? c->now : "2026-09-14T12:00:00+03:00", NULL);
  g_assert_nonnull (now_utc);
  now = g_date_time_to_local (now_utc);
  g_assert_nonnull (now);
  if (c->terminal != NULL)
    {
      g_autoptr(GTimeZone) terminal = zone (c->terminal);
      g_autoptr(GDateTime) there = g_date_time_to_timezone (now_utc, terminal);

      /* The test really runs in that zone. */
      g_assert_cmpint (g_date_time_get_utc_offset (now), ==, g_date_time_get_utc_offset (there));
    }

  slots = kiosk_slots_find (&data, c->service, c->date, c->employee, now, &reason, &error);
  g_assert_no_error (error);
  g_assert_nonnull (slots);
  g_assert_cmpint (reason, ==, c->reason);
  g_assert_cmpint (slots->len == 0, ==, reason != KIOSK_SLOTS_AVAILABLE);
  g_assert_nonnull (kiosk_slots_reason_describe (reason));

  for (guint i = 0; i < slots->len; i++)
    {
      const KioskSlot *slot = g_ptr_array_index (slots, i);

      g_assert_cmpstr (slot->date, ==, c->date);
      g_assert_nonnull (service);
      g_assert_cmpint (slot->end - slot->start, ==, service->duration * 60);
      g_assert_cmpint (slot->start % granularity, ==, 0);
      if (c->employee != NULL)
        g_assert_cmpstr (slot->employee, ==, c->employee);
      if (i > 0)
        {
          const KioskSlot *prev = g_ptr_array_index (slots, i - 1);
          guint pi = 0, si = 0;

          g_assert_cmpint (prev->start, <=, slot->start);
          if (prev->start == slot->start)
            {
              for (guint k = 0; k < s->employees->len; k++)
                {
                  const KioskEmployee *e = g_ptr_array_index (s->employees, k);

                  if (g_strcmp0 (e->id, prev->employee) == 0)
                    pi = k;
                  if (g_strcmp0 (e->id, slot->employee) == 0)
                    si = k;
                }
              g_assert_cmpuint (pi, <, si);
            }
        }
      g_ptr_array_add (labels, slot_label (slot));
    }

  /* The naive reading: exactly the same slots when every booking has an
   * employee; with "anyone" bookings, a subset (someone got taken). */
  now_salon = g_date_time_to_timezone (now_utc, s->istanbul);
  {
    g_autofree char *today = g_date_time_format (now_salon, "%Y-%m-%d");
    int cmp = strcmp (c->date, today);

    if (cmp < 0)
      not_before = 24 * 3600;
    else if (cmp == 0)
      not_before = g_date_time_get_hour (now_salon) * 3600 + g_date_time_get_minute (now_salon) * 60 +
                   g_date_time_get_second (now_salon) + (g_date_time_get_microsecond (now_salon) > 0);
  }
  expected = naive_slots (s, appointments, c->service, c->date, c->employee, granularity, not_before);
  if (!has_unassigned (appointments) && reason != KIOSK_SLOTS_SERVICE_UNAVAILABLE)
    {
      g_assert_cmpuint (labels->len, ==, expected->len);
      for (guint i = 0; i < labels->len; i++)
        g_assert_cmpstr (g_ptr_array_index (labels, i), ==, g_ptr_array_index (expected, i));
    }
  else
    for (guint i = 0; i < labels->len; i++)
      g_assert_true (label_in (expected, g_ptr_array_index (labels, i)));

  if (c->n >= 0)
    g_assert_cmpint (slots->len, ==, c->n);
  if (c->first != NULL)
    g_assert_cmpstr (labels->len > 0 ? g_ptr_array_index (labels, 0) : "(none)", ==, c->first);
  if (c->last != NULL)
    g_assert_cmpstr (labels->len > 0 ? g_ptr_array_index (labels, labels->len - 1) : "(none)", ==, c->last);
  for (guint i = 0; i < MAX_LABELS && c->has[i] != NULL; i++)
    if (!label_in (labels, c->has[i]))
      g_error ("%s: %s should be offered", c->name, c->has[i]);
  for (guint i = 0; i < MAX_LABELS && c->lacks[i] != NULL; i++)
    if (label_in (labels, c->lacks[i]))
      g_error ("%s: %s should not be offered", c->name, c->lacks[i]);
}

static void
test_find_table (void)
{
  Salon s;

  salon_init (&s);
  for (guint i = 0; i < G_N_ELEMENTS (find_cases); i++)
    check_find_case (&s, &find_cases[i]);
  salon_clear (&s);
}

/* ---- hours from the salon row and odd data ------------------------------- */

static void
test_find_hours (void)
{
  Salon s;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GError) error = NULL;
  KioskSlotsReason reason;
  KioskSlotData data = { 0 };
  KioskWorkingHours *tuesday;

  salon_init (&s);
  data.salon = s.salon;
  data.services = s.services;
  data.employees = s.employees;

  /* No rows at all: every day, Sunday too, is the salon's 09:00–19:00. */
  slots = kiosk_slots_find (&data, "cut", "2026-09-20", "ayse", NULL, &reason, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reason, ==, KIOSK_SLOTS_AVAILABLE);
  g_assert_cmpuint (slots->len, ==, 39);
  g_clear_pointer (&slots, g_ptr_array_unref);

  /* No salon row and no hours row: nothing is offered, nothing guessed. */
  data.salon = NULL;
  data.working_hours = none;
  slots = kiosk_slots_find (&data, "cut", "2026-09-15", "ayse", NULL, &reason, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reason, ==, KIOSK_SLOTS_CLOSED);
  g_assert_cmpuint (slots->len, ==, 0);
  g_clear_pointer (&slots, g_ptr_array_unref);

  /* A row that closes before it opens is a closed day, not a crash. */
  data.salon = s.salon;
  data.working_hours = s.hours;
  tuesday = g_new0 (KioskWorkingHours, 1);
  tuesday->id = g_strdup ("salon:1");
  tuesday->day_of_week = 1;
  tuesday->opening_time = H (18, 0);
  tuesday->closing_time = H (9, 0);
  g_ptr_array_add (s.hours, tuesday);
  slots = kiosk_slots_find (&data, "cut", "2026-09-15", NULL, NULL, &reason, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reason, ==, KIOSK_SLOTS_CLOSED);
  g_clear_pointer (&slots, g_ptr_array_unref);

  /* Open until midnight: the last cut starts 23:30. */
  tuesday->opening_time = H (20, 0);
  tuesday->closing_time = 24 * 3600;
  slots = kiosk_slots_find (&data, "cut", "2026-09-15", "mehmet", NULL, &reason, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reason, ==, KIOSK_SLOTS_AVAILABLE);
  g_assert_cmpuint (slots->len, ==, 15);
  g_assert_cmpint (((KioskSlot *)g_ptr_array_index (slots, 14))->start, ==, H (23, 30));
  g_assert_cmpint (((KioskSlot *)g_ptr_array_index (slots, 14))->end, ==, 24 * 3600);

  salon_clear (&s);
}

static void
test_find_bad_input (void)
{
  static const struct {
    const char *service, *date;
    int granularity;
  } cases[] = {
    { "cut",    "2026-02-30", 0 },
    { "cut",    "15.09.2026", 0 },
    { "cut",    "",           0 },
    { "cut",    NULL,         0 },
    { NULL,     "2026-09-15", 0 },
    { "",       "2026-09-15", 0 },
    { "cut",    "2026-09-15", -900 },
    { "cut",    "2026-09-15", 2 * 24 * 3600 },
    { "broken", "2026-09-15", 0 },
  };
  Salon s;

  salon_init (&s);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KioskSlotData data = {
        .salon = s.salon, .working_hours = s.hours, .services = s.services,
        .employees = s.employees, .granularity = cases[i].granularity,
      };
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) error2 = NULL;
      g_autoptr(GPtrArray) slots = NULL;
      g_autoptr(KioskSlot) next = NULL;

      g_test_message ("bad input %u", i);
      slots = kiosk_slots_find (&data, cases[i].service, cases[i].date, NULL, NULL, NULL, &error);
      g_assert_null (slots);
      g_assert_error (error, KIOSK_SLOTS_ERROR, KIOSK_SLOTS_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");

      next = kiosk_slots_next_free (&data, cases[i].service, cases[i].date, 0, NULL, NULL, 7, NULL, &error2);
      g_assert_null (next);
      g_assert_error (error2, KIOSK_SLOTS_ERROR, KIOSK_SLOTS_ERROR_INVALID);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (kiosk_slots_find (NULL, "cut", "2026-09-15", NULL, NULL, NULL, &error));
    g_assert_error (error, KIOSK_SLOTS_ERROR, KIOSK_SLOTS_ERROR_INVALID);
  }
  salon_clear (&s);
}

/* ---- kiosk_slots_next_free ------------------------------------------------ */

typedef struct {
  const char       *name;
  const char       *service;
  const char       *date;
  const char       *from;
  const char       *employee;
  const char       *now;          /* NULL: the day before at noon */
  guint             max_days;
  const char       *ignore;
  Appt              appts[MAX_APPTS];
  KioskSlotsReason  reason;
  const char       *expect;       /* "YYYY-MM-DD HH:MM employee", NULL: none */
} NextCase;

static const NextCase next_cases[] = {
  { "after slot_taken, same employee", "cut", "2026-09-15", "10:00", "ayse", NULL, 7, NULL,
    { { "ayse", "10:00", "11:00", C, NULL, "theirs" } },
    KIOSK_SLOTS_AVAILABLE, "2026-09-15 11:00 ayse" },
  { "after slot_taken, anyone", "cut", "2026-09-15", "10:00", NULL, NULL, 7, NULL,
    { { "ayse", "10:00", "11:00", C }, { "mehmet", "10:00", "10:45", C } },
    KIOSK_SLOTS_AVAILABLE, "2026-09-15 10:45 mehmet" },
  { "the refused booking itself does not block", "cut", "2026-09-15", "10:00", "ayse", NULL, 7, "mine",
    { { "ayse", "10:00", "10:30", C, NULL, "theirs" }, { "ayse", "10:30", "11:00", P, NULL, "mine" } },
    KIOSK_SLOTS_AVAILABLE, "2026-09-15 10:30 ayse" },
  { "the refused booking blocks when not named", "cut", "2026-09-15", "10:00", "ayse", NULL, 7, NULL,
    { { "ayse", "10:00", "10:30", C, NULL, "theirs" }, { "ayse", "10:30", "11:00", P, NULL, "mine" } },
    KIOSK_SLOTS_AVAILABLE, "2026-09-15 11:00 ayse" },
  { "between the grid", "cut", "2026-09-15", "10:05", "ayse", NULL, 7, NULL, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, "2026-09-15 10:15 ayse" },
  { "too late today, tomorrow's 09:10 opening", "cut", "2026-09-15", "18:45", NULL, NULL, 7, NULL, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, "2026-09-16 09:15 ayse" },
  { "skips the closed sunday", "cut", "2026-09-19", "16:00", "mehmet", NULL, 7, NULL, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, "2026-09-21 09:00 mehmet" },
  { "now is later than asked", "cut", "2026-09-15", "09:00", "ayse", "2026-09-15T17:02:00+03:00", 7, NULL, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, "2026-09-15 17:15 ayse" },
  { "now in New York", "cut", "2026-09-15", "09:00", "ayse", "2026-09-15T10:02:00-04:00", 7, NULL, { { 0 } },
    KIOSK_SLOTS_AVAILABLE, "2026-09-15 17:15 ayse" },
  { "full for the days looked at", "cut", "2026-09-15", "09:00", "ayse", NULL, 1, NULL,
    { { "ayse", "09:00", "19:00", C }, { "ayse", "09:00", "19:00", P, "2026-09-16" } },
    KIOSK_SLOTS_FULL, NULL },
  { "one more day finds thursday", "cut", "2026-09-15", "09:00", "ayse", NULL, 2, NULL,
    { { "ayse", "09:00", "19:00", C }, { "ayse", "09:00", "19:00", P, "2026-09-16" } },
    KIOSK_SLOTS_AVAILABLE, "2026-09-17 09:00 ayse" },
  { "closed and nothing else looked at", "cut", "2026-09-20", "09:00", NULL, NULL, 0, NULL, { { 0 } },
    KIOSK_SLOTS_CLOSED, NULL },
  { "nobody does it", "nail", "2026-09-15", "09:00", NULL, NULL, 30, NULL, { { 0 } },
    KIOSK_SLOTS_NO_STAFF_FOR_SERVICE, NULL },
  { "inactive service", "old", "2026-09-15", "09:00", NULL, NULL, 30, NULL, { { 0 } },
    KIOSK_SLOTS_SERVICE_UNAVAILABLE, NULL },
  { "never fits", "long", "2026-09-15", "09:00", NULL, NULL, 10, NULL, { { 0 } },
    KIOSK_SLOTS_TOO_LONG, NULL },
  { "past days only", "cut", "2026-09-10", "09:00", NULL, "2026-09-15T08:00:00+03:00", 2, NULL, { { 0 } },
    KIOSK_SLOTS_PAST, NULL },
};

static void
test_next_free_table (void)
{
  Salon s;

  salon_init (&s);
  g_setenv ("TZ", "America/New_York", TRUE);
  tzset ();
  for (guint i = 0; i < G_N_ELEMENTS (next_cases); i++)
    {
      const NextCase *c = &next_cases[i];
      g_autoptr(GPtrArray) appointments = make_appointments (c->appts, c->date);
      g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (c->now != NULL ? c->now : "2026-09-14T12:00:00+03:00", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(KioskSlot) slot = NULL;
      KioskSlotsReason reason = (KioskSlotsReason)-1;
      KioskSlotData data = {
        .salon = s.salon, .working_hours = s.hours, .services = s.services,
        .employees = s.employees, .appointments = appointments, .time_zone = s.istanbul,
        .ignore_appointment = c->ignore,
      };
      int from;

      g_test_message ("case: %s", c->name);
      g_assert_true (kiosk_time_parse (c->from, &from));
      slot = kiosk_slots_next_free (&data, c->service, c->date, from, c->employee, now, c->max_days, &reason, &error);
      g_assert_no_error (error);
      g_assert_cmpint (reason, ==, c->reason);
      if (c->expect == NULL)
        g_assert_null (slot);
      else
        {
          g_autofree char *label = NULL;
          g_autofree char *hm = NULL;
          g_autoptr(KioskSlot) copy = NULL;

          g_assert_nonnull (slot);
          hm = kiosk_time_format_short (slot->start);
          label = g_strdup_printf ("%s %s %s", slot->date, hm, slot->employee);
          g_assert_cmpstr (label, ==, c->expect);
          g_assert_cmpint (slot->end - slot->start, ==, service_by_id (&s, c->service)->duration * 60);

          copy = kiosk_slot_copy (slot);
          g_assert_true (copy != slot);
          g_assert_cmpstr (copy->date, ==, slot->date);
          g_assert_cmpstr (copy->employee, ==, slot->employee);
          g_assert_cmpint (copy->start, ==, slot->start);
        }
    }
  salon_clear (&s);
}

/* Across the end of a year and a month. */
static void
test_next_free_year_end (void)
{
  Salon s;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskSlot) slot = NULL;
  KioskSlotsReason reason;
  KioskSlotData data = { 0 };

  salon_init (&s);
  data.salon = s.salon;
  data.working_hours = s.hours;
  data.services = s.services;
  data.employees = s.employees;
  data.time_zone = s.istanbul;

  /* Thursday 2026-12-31 closes at 14:00; Friday 2027-01-01 has the salon's hours. */
  slot = kiosk_slots_next_free (&data, "cut", "2026-12-31", H (13, 45), "ayse", NULL, 3, &reason, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reason, ==, KIOSK_SLOTS_AVAILABLE);
  g_assert_cmpstr (slot->date, ==, "2027-01-01");
  g_assert_cmpint (slot->start, ==, H (9, 0));
  salon_clear (&s);
}

/* Every reason has words for the person at the kiosk, all different. */
static void
test_reasons_described (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (int r = KIOSK_SLOTS_AVAILABLE; r <= KIOSK_SLOTS_FULL; r++)
    {
      const char *text = kiosk_slots_reason_describe ((KioskSlotsReason)r);

      g_assert_nonnull (text);
      g_assert_cmpuint (strlen (text), >, 10);
      g_assert_false (g_hash_table_contains (seen, text));
      g_hash_table_add (seen, (gpointer)text);
    }
}

/* ---- benchmark: 30 staff, 600 appointments in one day -------------------- */

static void
test_benchmark (void)
{
  const guint n_staff = 30, n_appts = 600, rounds = 2000;
  g_autoptr(GPtrArray) employees = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_employee_free);
  g_autoptr(GPtrArray) appointments = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_appointment_free);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-09-15T08:00:00+03:00", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260915);
  KioskSalon salon = { .opening_time = H (8, 0), .closing_time = H (22, 0) };
  Salon s;
  KioskSlotData data;
  guint total = 0;
  double us;

  salon_init (&s);
  for (guint k = 0; k < n_staff; k++)
    {
      KioskEmployee *e = g_new0 (KioskEmployee, 1);

      e->id = g_strdup_printf ("staff-%02u", k);
      e->name = g_strdup_printf ("Çalışan %u", k);
      e->is_active = TRUE;
      e->services = g_strsplit ("cut,color,beard", ",", -1);
      g_ptr_array_add (employees, e);
    }
  /* 20 a head in 14 hours, 30 or 45 minutes each, a few "anyone",
   * cancelled or overlapping. */
  for (guint i = 0; i < n_appts; i++)
    {
      KioskAppointment *a = g_new0 (KioskAppointment, 1);
      guint k = i % n_staff, j = i / n_staff;

      a->id = g_strdup_printf ("bench-%u", i);
      a->service = g_strdup ("cut");
      a->employee = i % 10 == 3 ? NULL : g_strdup_printf ("staff-%02u", k);
      a->appointment_date = g_strdup ("2026-09-15");
      a->appointment_time = H (8, 0) + (int)j * 40 * 60 + g_rand_int_range (rand, 0, 4) * 5 * 60;
      a->end_time = a->appointment_time + (g_rand_boolean (rand) ? 30 : 45) * 60;
      a->status = i % 17 == 0 ? X : i % 5 == 0 ? P : C;
      g_ptr_array_add (appointments, a);
    }

  data = (KioskSlotData) {
    .salon = &salon, .working_hours = NULL, .services = s.services, .employees = employees,
    .appointments = appointments, .time_zone = s.istanbul,
  };

  g_timer_start (timer);
  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) slots = kiosk_slots_find (&data, "cut", "2026-09-15", NULL, now, NULL, &error);

      g_assert_no_error (error);
      total += slots->len;
    }
  g_timer_stop (timer);

  /* Every round gave the same, plausible answer: some free time, but far
   * from the empty day's 53 starts × 30 heads. */
  g_assert_cmpuint (total % rounds, ==, 0);
  g_assert_cmpuint (total / rounds, >, 0);
  g_assert_cmpuint (total / rounds, <, 53 * n_staff);

  us = g_timer_elapsed (timer, NULL) * 1e6 / rounds;
  g_test_minimized_result (us, "slots: %.1f µs per query (%u staff, %u appointments, %u slots)",
                           us, n_staff, n_appts, total / rounds);
  salon_clear (&s);
}

int
main (int   argc,
      char *argv[])
{
  /* The terminal is somewhere else than the salon unless a case says otherwise. */
  g_setenv ("TZ", "America/New_York", TRUE);
  tzset ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/slots/find/table", test_find_table);
  g_test_add_func ("/slots/find/hours", test_find_hours);
  g_test_add_func ("/slots/find/bad-input", test_find_bad_input);
  g_test_add_func ("/slots/next-free/table", test_next_free_table);
  g_test_add_func ("/slots/next-free/year-end", test_next_free_year_end);
  g_test_add_func ("/slots/reasons", test_reasons_described);
  if (g_test_perf ())
    g_test_add_func ("/slots/benchmark", test_benchmark);

  return g_test_run ();
}
