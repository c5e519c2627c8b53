/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The demo's appointments and today's walk-in queue.
 *
 * Appointments are laid out per employee and per day, one after the other,
 * so they never overlap and always fit that day's working hours. Today is
 * cut at a notional "now" of 12:30: earlier appointments are done, later
 * ones are still ahead, and the walk-in queue is mid-morning busy.
 *
 * Scale (for the benchmarks): the 6 staff have about 74 appointments on a
 * past open day (fewer ahead), about 63 per calendar day with Sundays
 * closed, so n_customers = 200000 and days_before = 16000 give about 1.0M
 * appointments (days_before = 20000: 1.26M). Rows are built in stack
 * buffers, nothing is allocated per appointment: making the rows takes about
 * 2.5 s for 1.0M; the rest of the time is SQLite storing them.
 */
#define G_LOG_DOMAIN "kiosk-demo"

#include "config.h"

#include "kiosk-demo-private.h"

/* Times when an employee is busy with today's walk-ins, kept free of
 * appointments. */
typedef struct {
  guint employee;
  int   start;
  int   end;
} DemoBlock;

/* Today's walk-in queue at 12:30. */
typedef struct {
  KioskWalkinStatus status;
  guint             service;
  int               employee;            /* -1: none yet */
  int               preferred;           /* -1: anyone */
  int               arrived, called, finished;   /* seconds, -1: not yet */
  gboolean          known;               /* a registered customer */
} DemoWalkin;

static const DemoWalkin walkins[] = {
  { KIOSK_WALKIN_DONE,       1,  EMP_MEHMET, -1,        HM (9, 35),  HM (9, 50),  HM (10, 25), TRUE },
  { KIOSK_WALKIN_DONE,       16, EMP_ZEYNEP, EMP_ZEYNEP, HM (10, 40), HM (10, 45), HM (11, 30), TRUE },
  { KIOSK_WALKIN_LEFT,       3,  -1,         -1,        HM (11, 0),  -1,          HM (11, 40), FALSE },
  { KIOSK_WALKIN_IN_SERVICE, 3,  EMP_BARIS,  -1,        HM (11, 55), HM (12, 15), -1,          TRUE },
  { KIOSK_WALKIN_CALLED,     1,  EMP_MEHMET, EMP_MEHMET, HM (12, 5),  HM (12, 28), -1,          FALSE },
  { KIOSK_WALKIN_WAITING,    0,  -1,         EMP_AYSE,  HM (12, 12), -1,          -1,          TRUE },
  { KIOSK_WALKIN_WAITING,    18, -1,         -1,        HM (12, 24), -1,          -1,          FALSE },
};

/* What each walk-in keeps their employee busy for. */
static const DemoBlock walkin_blocks[] = {
  { EMP_MEHMET, HM (9, 45),  HM (10, 30) },
  { EMP_ZEYNEP, HM (10, 45), HM (11, 30) },
  { EMP_BARIS,  HM (12, 15), HM (12, 45) },
  { EMP_MEHMET, HM (12, 15), HM (13, 0) },
};

static guint
pick_service (KioskDemoBuilder *b,
              KioskDemoRng     *rng,
              guint             employee)
{
  guint n = b->emp_n_services[employee];
  guint roll = kiosk_demo_rng_below (rng, b->emp_cumulative[employee][n - 1]);

  for (guint i = 0; i < n; i++)
    if (roll < b->emp_cumulative[employee][i])
      return b->emp_services[employee][i];

  return b->emp_services[employee][n - 1];
}

/* How full a day's book is: past days were busy; the further ahead, the
 * fewer appointments are booked yet. Percent. */
static guint
fill_percent (KioskDemoBuilder *b,
              guint             day)
{
  if (day <= b->today)
    return 82;
  return (guint)MAX (25, 75 - 7 * (int)(day - b->today - 1));
}

static KioskAppointmentStatus
pick_status (KioskDemoBuilder *b,
             KioskDemoRng     *rng,
             guint             day,
             int               start,
             int               end)
{
  guint roll = kiosk_demo_rng_below (rng, 100);

  if (day < b->today || (day == b->today && end <= DEMO_NOW))
    {
      if (roll < 86)
        return KIOSK_APPOINTMENT_COMPLETED;
      if (roll < 94)
        return KIOSK_APPOINTMENT_CANCELLED;
      return KIOSK_APPOINTMENT_NO_SHOW;
    }

  if (day == b->today && start < DEMO_NOW)
    return KIOSK_APPOINTMENT_CONFIRMED;   /* in the chair right now */

  if (day == b->today)
    {
      if (roll < 65)
        return KIOSK_APPOINTMENT_CONFIRMED;
      if (roll < 90)
        return KIOSK_APPOINTMENT_PENDING;
      return KIOSK_APPOINTMENT_CANCELLED;
    }

  if (roll < 55)
    return KIOSK_APPOINTMENT_CONFIRMED;
  if (roll < 95)
    return KIOSK_APPOINTMENT_PENDING;
  return KIOSK_APPOINTMENT_CANCELLED;
}

static const char *
pick_source (KioskDemoRng *rng,
             gboolean      may_walk_in)
{
  guint roll = kiosk_demo_rng_below (rng, 100);

  if (roll < 55)
    return "app";
  if (roll < 85 || !may_walk_in)
    return "kiosk";
  return "walk_in";
}

/* Appointment notes, now and then. */
static const char * const notes[] = {
  "İlk ziyareti, kısa kesim düşünüyor.",
  "Amonyaksız boya istiyor, hassas cilt.",
  "Geçen seferki rengin aynısı.",
  "Uçlardan sadece 2 cm alınacak.",
  "Gelin provası, fotoğraf getirecek.",
  "Çocuğuyla birlikte gelecek.",
  "Randevuya 10 dakika geç kalabilir.",
  "Oje rengi: bordo.",
};

static gboolean
write_appointment (KioskDemoBuilder  *b,
                   KioskDemoRng      *rng,
                   guint              day_index,
                   guint              employee,
                   guint              service,
                   int                start,
                   GError           **error)
{
  const KioskDemoDay *day = &b->days[day_index];
  int end = start + kiosk_demo_services[service].duration * 60;
  gboolean past = day_index < b->today || (day_index == b->today && start < DEMO_NOW);
  const char *source = pick_source (rng, past);
  KioskAppointmentStatus status = pick_status (b, rng, day_index, start, end);
  /* Who came must be someone with visits on file; anyone may book. */
  guint customer = (status == KIOSK_APPOINTMENT_COMPLETED && b->n_regulars > 0)
                   ? b->regulars[kiosk_demo_rng_below (rng, b->n_regulars)]
                   : kiosk_demo_rng_below (rng, b->n_customers);
  char id[UUID_LEN + 1];
  char created[40];
  char updated[40];
  char checked_in[40];
  KioskAppointment appt = {
    .id = id,
    .customer = b->customer_ids[customer],
    .service = b->service_ids[service],
    .employee = b->employee_ids[employee],
    .appointment_date = (char *)day->date,
    .appointment_time = start,
    .end_time = end,
    .status = status,
    .price = kiosk_demo_services[service].price,
    .source = (char *)source,
    .created_at = created,
    .updated_at = updated,
  };

  if (kiosk_demo_rng_percent (rng, 6))
    appt.notes = (char *)notes[kiosk_demo_rng_below (rng, G_N_ELEMENTS (notes))];

  if (g_str_equal (source, "walk_in"))
    kiosk_demo_format_instant (created, sizeof created, day,
                               start - 60 * (int)(12 + kiosk_demo_rng_below (rng, 15)));  /* before check-in */
  else
    {
      /* Booked one to 14 days before, and never after today. */
      guint booked = MIN (day_index, b->today) - 1 - kiosk_demo_rng_below (rng, DEMO_LEAD_DAYS - 1);
      kiosk_demo_format_instant (created, sizeof created, &b->days[booked],
                                 HM (8, 0) + (int)kiosk_demo_rng_below (rng, 14 * 60) * 60);
    }

  switch (status)
    {
    case KIOSK_APPOINTMENT_COMPLETED:
      kiosk_demo_format_instant (checked_in, sizeof checked_in, day,
                                 start - 60 * (int)kiosk_demo_rng_below (rng, 12));
      appt.checked_in_at = checked_in;
      kiosk_demo_format_instant (updated, sizeof updated, day, end + 60 * (int)kiosk_demo_rng_below (rng, 10));
      break;
    case KIOSK_APPOINTMENT_NO_SHOW:
      kiosk_demo_format_instant (updated, sizeof updated, day, start + 15 * 60);
      break;
    case KIOSK_APPOINTMENT_CONFIRMED:
      if (day_index == b->today && start < DEMO_NOW)
        {
          kiosk_demo_format_instant (checked_in, sizeof checked_in, day,
                                     start - 60 * (int)kiosk_demo_rng_below (rng, 8));
          appt.checked_in_at = checked_in;
          g_strlcpy (updated, checked_in, sizeof updated);
        }
      else
        g_strlcpy (updated, created, sizeof updated);
      break;
    case KIOSK_APPOINTMENT_PENDING:
    case KIOSK_APPOINTMENT_CANCELLED:
    default:
      g_strlcpy (updated, created, sizeof updated);
      break;
    }

  kiosk_demo_next_id (b, id);
  appt.version = ++b->version;
  return kiosk_replica_put_appointment (b->replica, &appt, error);
}

gboolean
kiosk_demo_write_appointments (KioskDemoBuilder  *b,
                               GError           **error)
{
  KioskDemoRng rng;
  guint first = DEMO_LEAD_DAYS;

  kiosk_demo_rng_init (&rng, b->options->seed, STREAM_APPOINTMENTS);

  for (guint d = first; d < b->n_days; d++)
    {
      int weekday = b->days[d].weekday;
      guint fill = fill_percent (b, d);
      int opening, closing;
      gboolean closed;

      kiosk_demo_day_hours (b->options, weekday, &opening, &closing, &closed);
      if (closed)
        continue;

      for (guint e = 0; e < N_EMPLOYEES; e++)
        {
          int t = opening + 15 * 60 * (int)kiosk_demo_rng_below (&rng, 3);
          int close = closing;

          while (t < close)
            {
              guint service;
              int end;
              gboolean blocked = FALSE;

              if (!kiosk_demo_rng_percent (&rng, fill))
                {
                  t += 15 * 60 * (int)(1 + kiosk_demo_rng_below (&rng, 3));
                  continue;
                }

              service = pick_service (b, &rng, e);
              end = t + kiosk_demo_services[service].duration * 60;
              if (end > close)
                {
                  /* Try something short to end the day, else stop. */
                  service = pick_service (b, &rng, e);
                  end = t + kiosk_demo_services[service].duration * 60;
                  if (end > close)
                    break;
                }

              if (d == b->today)
                for (guint k = 0; k < G_N_ELEMENTS (walkin_blocks); k++)
                  if (walkin_blocks[k].employee == e &&
                      t < walkin_blocks[k].end && walkin_blocks[k].start < end)
                    {
                      t = walkin_blocks[k].end;
                      blocked = TRUE;
                      break;
                    }
              if (blocked)
                continue;

              if (!write_appointment (b, &rng, d, e, service, t, error))
                return FALSE;
              t = end;
            }
        }
    }

  return TRUE;
}

gboolean
kiosk_demo_write_walkins (KioskDemoBuilder  *b,
                          GError           **error)
{
  const KioskDemoDay *today = &b->days[b->today];
  KioskDemoRng rng;
  int opening, closing;
  gboolean closed;

  /* The salon is closed today: nobody walks in. */
  kiosk_demo_day_hours (b->options, today->weekday, &opening, &closing, &closed);
  if (closed)
    return TRUE;

  kiosk_demo_rng_init (&rng, b->options->seed, STREAM_WALKINS);

  for (guint i = 0; i < G_N_ELEMENTS (walkins); i++)
    {
      const DemoWalkin *w = &walkins[i];
      char id[UUID_LEN + 1];
      char name[96];
      char phone[16];
      char arrived[40];
      char called[40];
      char finished[40];
      KioskWalkin walkin = {
        .id = id,
        .name = name,
        .service = b->service_ids[w->service],
        .status = w->status,
        .arrived_at = arrived,
      };

      if (w->known)
        {
          guint c = kiosk_demo_rng_below (&rng, b->n_customers);

          walkin.customer = b->customer_ids[c];
          g_snprintf (name, sizeof name, "%s %s",
                      kiosk_demo_person_first_name (&b->customer_names[c]),
                      kiosk_demo_person_last_name (&b->customer_names[c]));
          walkin.phone = b->customer_phones[c];
        }
      else
        {
          KioskDemoPerson person = kiosk_demo_person_draw (&rng, 40);
          const char *first = kiosk_demo_person_first_name (&person);
          const char *last = kiosk_demo_person_last_name (&person);

          /* People not on file give a first name and an initial. */
          g_snprintf (name, sizeof name, "%s %.*s.", first,
                      (int)(g_utf8_next_char (last) - last), last);
          /* Beyond the customers' indices, so unique among all phones. */
          kiosk_demo_phone_make (&b->phones, &rng, b->n_customers + i, phone);
          walkin.phone = phone;
        }

      if (w->preferred >= 0)
        walkin.preferred_employee = b->employee_ids[w->preferred];
      if (w->employee >= 0)
        walkin.employee = b->employee_ids[w->employee];

      kiosk_demo_format_instant (arrived, sizeof arrived, today, w->arrived);
      if (w->called >= 0)
        {
          kiosk_demo_format_instant (called, sizeof called, today, w->called);
          walkin.called_at = called;
        }
      if (w->finished >= 0)
        {
          kiosk_demo_format_instant (finished, sizeof finished, today, w->finished);
          walkin.finished_at = finished;
        }

      kiosk_demo_next_id (b, id);
      walkin.version = ++b->version;
      if (!kiosk_replica_put_walkin (b->replica, &walkin, error))
        return FALSE;
    }

  return TRUE;
}
