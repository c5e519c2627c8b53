/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-slots"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-slots.h"
#include "kiosk-time.h"

G_DEFINE_QUARK (kiosk-slots-error-quark, kiosk_slots_error)

#define DAY_SECONDS (24 * 3600)

typedef struct {
  int start;
  int end;
} Span;

/* One active employee and the times they are taken on the day. */
typedef struct {
  const KioskEmployee *employee;
  GArray              *busy;     /* Span, merged and sorted once the day is read */
} Staff;

/* Everything about one day that does not depend on the employee asked for. */
typedef struct {
  GDate   date;
  int     open;
  int     close;
  gboolean closed;
  guint   n_staff;
  Staff  *staff;
} Day;

void
kiosk_slot_free (KioskSlot *slot)
{
  if (slot == NULL)
    return;
  g_free (slot->date);
  g_free (slot->employee);
  g_free (slot);
}

KioskSlot *
kiosk_slot_copy (const KioskSlot *slot)
{
  KioskSlot *copy;

  if (slot == NULL)
    return NULL;
  copy = g_new0 (KioskSlot, 1);
  copy->date = g_strdup (slot->date);
  copy->start = slot->start;
  copy->end = slot->end;
  copy->employee = g_strdup (slot->employee);
  return copy;
}

const char *
kiosk_slots_reason_describe (KioskSlotsReason reason)
{
  switch (reason)
    {
    case KIOSK_SLOTS_AVAILABLE:
      return _("Free times are shown below.");
    case KIOSK_SLOTS_SERVICE_UNAVAILABLE:
      return _("This service is not offered at the moment.");
    case KIOSK_SLOTS_NO_STAFF_FOR_SERVICE:
      return _("Nobody here does this service at the moment.");
    case KIOSK_SLOTS_CLOSED:
      return _("The salon is closed on this day.");
    case KIOSK_SLOTS_TOO_LONG:
      return _("This service takes longer than the salon is open on this day.");
    case KIOSK_SLOTS_PAST:
      return _("There is no time left on this day for this service.");
    case KIOSK_SLOTS_FULL:
      return _("Every time on this day is already booked.");
    default:
      return _("No free time was found.");
    }
}

static const KioskService *
find_service (const KioskSlotData *data,
              const char          *id)
{
  if (data->services == NULL || id == NULL)
    return NULL;
  for (guint i = 0; i < data->services->len; i++)
    {
      const KioskService *s = g_ptr_array_index (data->services, i);

      if (s != NULL && g_strcmp0 (s->id, id) == 0)
        return s;
    }
  return NULL;
}

static gboolean
does_service (const KioskEmployee *e,
              const char          *service_id)
{
  return e->services != NULL && service_id != NULL &&
         g_strv_contains ((const char * const *)e->services, service_id);
}

/* The day's opening hours, or FALSE for a closed day. */
static gboolean
day_hours (const KioskSlotData *data,
           const GDate         *date,
           int                 *open,
           int                 *close)
{
  int dow = (int)g_date_get_weekday (date) - 1;   /* G_DATE_MONDAY is 1 */
  const KioskWorkingHours *row = NULL;

  if (data->working_hours != NULL)
    for (guint i = 0; i < data->working_hours->len && row == NULL; i++)
      {
        const KioskWorkingHours *h = g_ptr_array_index (data->working_hours, i);

        if (h != NULL && h->day_of_week == dow)
          row = h;
      }

  if (row != NULL)
    {
      if (row->is_closed)
        return FALSE;
      *open = row->opening_time;
      *close = row->closing_time;
    }
  else if (data->salon != NULL)
    {
      *open = data->salon->opening_time;
      *close = data->salon->closing_time;
    }
  else
    return FALSE;   /* no hours known at all: offer nothing rather than guess */

  *open = CLAMP (*open, 0, DAY_SECONDS);
  *close = CLAMP (*close, 0, DAY_SECONDS);
  return *close > *open;
}

static gboolean
status_blocks (KioskAppointmentStatus status)
{
  switch (status)
    {
    case KIOSK_APPOINTMENT_PENDING:
    case KIOSK_APPOINTMENT_CONFIRMED:
    case KIOSK_APPOINTMENT_COMPLETED:
      return TRUE;
    case KIOSK_APPOINTMENT_CANCELLED:
    case KIOSK_APPOINTMENT_NO_SHOW:
      return FALSE;
    default:
      return TRUE;   /* an unknown status: better a slot too few than a double booking */
    }
}

static gboolean
overlaps_any (const GArray *busy,
              int           start,
              int           end)
{
  for (guint i = 0; i < busy->len; i++)
    {
      const Span *b = &g_array_index (busy, Span, i);

      if (b->start < end && b->end > start)
        return TRUE;
    }
  return FALSE;
}

static int
compare_span (gconstpointer a,
              gconstpointer b)
{
  const Span *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

/* Sorted and merged, so that ends grow too and a sweep can skip. */
static void
merge_busy (GArray *busy)
{
  guint out = 0;

  if (busy->len < 2)
    return;
  g_array_sort (busy, compare_span);
  for (guint i = 1; i < busy->len; i++)
    {
      Span *last = &g_array_index (busy, Span, out);
      const Span *cur = &g_array_index (busy, Span, i);

      if (cur->start <= last->end)
        last->end = MAX (last->end, cur->end);
      else
        g_array_index (busy, Span, ++out) = *cur;
    }
  g_array_set_size (busy, out + 1);
}

typedef struct {
  const KioskAppointment *appointment;
  Span                    span;
} Unassigned;

static int
compare_unassigned (gconstpointer a,
                    gconstpointer b)
{
  const Unassigned *x = a, *y = b;
  int c = compare_span (&x->span, &y->span);

  return c != 0 ? c : g_strcmp0 (x->appointment->id, y->appointment->id);
}

static void
day_clear (Day *day)
{
  for (guint i = 0; i < day->n_staff; i++)
    g_array_unref (day->staff[i].busy);
  g_clear_pointer (&day->staff, g_free);
  day->n_staff = 0;
}

/* Reads the hours and the appointments of @date. */
static void
day_load (Day                 *day,
          const KioskSlotData *data,
          const GDate         *date,
          const char          *iso_date)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) unassigned = g_array_new (FALSE, FALSE, sizeof (Unassigned));
  guint n_employees = data->employees != NULL ? data->employees->len : 0;

  memset (day, 0, sizeof *day);
  day->date = *date;
  day->closed = !day_hours (data, date, &day->open, &day->close);
  day->staff = g_new0 (Staff, MAX (n_employees, 1));

  for (guint i = 0; i < n_employees; i++)
    {
      const KioskEmployee *e = g_ptr_array_index (data->employees, i);

      if (e == NULL || !e->is_active || e->id == NULL || g_hash_table_contains (by_id, e->id))
        continue;
      day->staff[day->n_staff].employee = e;
      day->staff[day->n_staff].busy = g_array_new (FALSE, FALSE, sizeof (Span));
      g_hash_table_insert (by_id, e->id, &day->staff[day->n_staff]);
      day->n_staff++;
    }

  if (data->appointments != NULL)
    for (guint i = 0; i < data->appointments->len; i++)
      {
        const KioskAppointment *a = g_ptr_array_index (data->appointments, i);
        Span span;

        if (a == NULL || !status_blocks (a->status) ||
            g_strcmp0 (a->appointment_date, iso_date) != 0 ||
            (data->ignore_appointment != NULL && g_strcmp0 (a->id, data->ignore_appointment) == 0))
          continue;

        span.start = a->appointment_time;
        span.end = a->end_time;
        if (span.end <= span.start)
          {
            /* No end yet (a pending booking the server has not timed):
             * the service says how long it takes. */
            const KioskService *s = find_service (data, a->service);
            int granularity = data->granularity > 0 ? data->granularity : KIOSK_SLOTS_DEFAULT_GRANULARITY;

            span.end = span.start + (s != NULL && s->duration > 0 ? s->duration * 60 : granularity);
          }

        if (a->employee != NULL && a->employee[0] != '\0')
          {
            Staff *st = g_hash_table_lookup (by_id, a->employee);

            if (st != NULL)
              g_array_append_val (st->busy, span);
          }
        else
          {
            Unassigned u = { a, span };

            g_array_append_val (unassigned, u);
          }
      }

  /* "Anyone" bookings take someone: the first able employee who is free,
   * earliest booking first, as the server will when it assigns them. */
  g_array_sort (unassigned, compare_unassigned);
  for (guint i = 0; i < unassigned->len; i++)
    {
      const Unassigned *u = &g_array_index (unassigned, Unassigned, i);
      gboolean known = find_service (data, u->appointment->service) != NULL;

      for (guint k = 0; k < day->n_staff; k++)
        {
          Staff *st = &day->staff[k];

          if (known && !does_service (st->employee, u->appointment->service))
            continue;
          if (!overlaps_any (st->busy, u->span.start, u->span.end))
            {
              g_array_append_val (st->busy, u->span);
              break;
            }
        }
    }

  for (guint k = 0; k < day->n_staff; k++)
    merge_busy (day->staff[k].busy);
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, KIOSK_SLOTS_ERROR, KIOSK_SLOTS_ERROR_INVALID, message);
  return FALSE;
}

/* Checks what does not depend on the day. */
static gboolean
check_input (const KioskSlotData  *data,
             const char           *service_id,
             const char           *date,
             GDate                *parsed,
             GError              **error)
{
  if (data == NULL)
    return invalid (error, _("There is no salon data to look for free times in."));
  if (service_id == NULL || service_id[0] == '\0')
    return invalid (error, _("Please choose a service first."));
  if (!kiosk_date_parse (date, parsed))
    return invalid (error, _("This is not a valid date."));
  if (data->granularity < 0 || data->granularity > DAY_SECONDS)
    return invalid (error, _("The slot length must be between 1 second and 24 hours."));
  return TRUE;
}

/* Where "now" falls on the salon's calendar. */
typedef struct {
  gboolean set;
  GDate    today;
  int      seconds;   /* first whole second not yet begun */
} Now;

static void
now_in_salon (const KioskSlotData *data,
              GDateTime           *now,
              Now                 *out)
{
  g_autoptr(GTimeZone) fallback = NULL;
  g_autoptr(GDateTime) local = NULL;
  GTimeZone *tz = data->time_zone;

  memset (out, 0, sizeof *out);
  if (now == NULL)
    return;

  if (tz == NULL)
    {
      fallback = g_time_zone_new_identifier ("Europe/Istanbul");
      if (fallback == NULL)
        fallback = g_time_zone_new_offset (3 * 3600);   /* Istanbul has kept +03:00 since 2016 */
      tz = fallback;
    }

  local = g_date_time_to_timezone (now, tz);
  if (local == NULL)
    return;
  out->set = TRUE;
  g_date_clear (&out->today, 1);
  g_date_set_dmy (&out->today,
                  (GDateDay)g_date_time_get_day_of_month (local),
                  (GDateMonth)g_date_time_get_month (local),
                  (GDateYear)g_date_time_get_year (local));
  /* Rounded up: a slot that began a fraction of a second ago has begun. */
  out->seconds = kiosk_time_of_day (local) + (g_date_time_get_microsecond (local) > 0 ? 1 : 0);
}

/* The free slots of one loaded day into @out (if not NULL; else stops at
 * the first), starting at or after @from. Returns the reason. */
static KioskSlotsReason
day_slots (const Day     *day,
           const char    *iso_date,
           const char    *service_id,
           int            duration,
           int            granularity,
           const char    *employee_id,
           const Now     *now,
           int            from,
           GPtrArray     *out,
           KioskSlot    **first)
{
  g_autofree guint *cursor = NULL;
  g_autofree Staff **able = NULL;
  guint n_able = 0;
  int earliest = from;
  int first_start;
  gboolean any_candidate = FALSE, any_future = FALSE, any_free = FALSE;

  able = g_new0 (Staff *, MAX (day->n_staff, 1));
  for (guint k = 0; k < day->n_staff; k++)
    {
      const KioskEmployee *e = day->staff[k].employee;

      if (employee_id != NULL && g_strcmp0 (e->id, employee_id) != 0)
        continue;
      if (does_service (e, service_id))
        able[n_able++] = &day->staff[k];
    }

  if (n_able == 0)
    return KIOSK_SLOTS_NO_STAFF_FOR_SERVICE;
  if (day->closed)
    return KIOSK_SLOTS_CLOSED;

  if (now->set)
    {
      int cmp = g_date_compare (&day->date, &now->today);

      if (cmp < 0)
        earliest = DAY_SECONDS + 1;
      else if (cmp == 0)
        earliest = MAX (earliest, now->seconds);
    }

  cursor = g_new0 (guint, n_able);
  /* On the clock's grid: 09:10 opening gives 09:15, 09:30, … */
  first_start = (day->open + granularity - 1) / granularity * granularity;
  for (int start = first_start; start + duration <= day->close; start += granularity)
    {
      int end = start + duration;

      any_candidate = TRUE;
      if (start < earliest)
        continue;
      any_future = TRUE;

      for (guint k = 0; k < n_able; k++)
        {
          const GArray *busy = able[k]->busy;
          gboolean taken = FALSE;

          /* Merged spans have growing ends: those over before @start stay over. */
          while (cursor[k] < busy->len && g_array_index (busy, Span, cursor[k]).end <= start)
            cursor[k]++;
          if (cursor[k] < busy->len && g_array_index (busy, Span, cursor[k]).start < end)
            taken = TRUE;
          if (taken)
            continue;

          any_free = TRUE;
          if (out != NULL || first != NULL)
            {
              KioskSlot *slot = g_new0 (KioskSlot, 1);

              slot->date = g_strdup (iso_date);
              slot->start = start;
              slot->end = end;
              slot->employee = g_strdup (able[k]->employee->id);
              if (out != NULL)
                g_ptr_array_add (out, slot);
              else
                {
                  *first = slot;
                  return KIOSK_SLOTS_AVAILABLE;
                }
            }
        }
    }

  if (!any_candidate)
    return KIOSK_SLOTS_TOO_LONG;
  if (!any_future)
    return KIOSK_SLOTS_PAST;
  if (!any_free)
    return KIOSK_SLOTS_FULL;
  return KIOSK_SLOTS_AVAILABLE;
}

/* The service's length in seconds, or a reason it cannot be booked. */
static gboolean
service_duration (const KioskSlotData  *data,
                  const char           *service_id,
                  int                  *duration,
                  KioskSlotsReason     *reason,
                  GError              **error)
{
  const KioskService *service = find_service (data, service_id);

  *duration = 0;
  if (service == NULL || !service->is_active)
    {
      *reason = KIOSK_SLOTS_SERVICE_UNAVAILABLE;
      return TRUE;
    }
  if (service->duration <= 0 || service->duration > DAY_SECONDS / 60)
    return invalid (error, _("This service has no valid duration, so no time can be offered for it."));
  *duration = service->duration * 60;
  return TRUE;
}

GPtrArray *
kiosk_slots_find (const KioskSlotData  *data,
                  const char           *service_id,
                  const char           *date,
                  const char           *employee_id,
                  GDateTime            *now,
                  KioskSlotsReason     *reason,
                  GError              **error)
{
  g_autoptr(GPtrArray) slots = NULL;
  KioskSlotsReason why = KIOSK_SLOTS_AVAILABLE;
  GDate parsed;
  Day day;
  Now at;
  int duration;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_input (data, service_id, date, &parsed, error) ||
      !service_duration (data, service_id, &duration, &why, error))
    return NULL;

  slots = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_slot_free);
  if (why == KIOSK_SLOTS_AVAILABLE)
    {
      now_in_salon (data, now, &at);
      day_load (&day, data, &parsed, date);
      why = day_slots (&day, date, service_id, duration,
                       data->granularity > 0 ? data->granularity : KIOSK_SLOTS_DEFAULT_GRANULARITY,
                       employee_id, &at, 0, slots, NULL);
      day_clear (&day);
    }

  if (reason != NULL)
    *reason = why;
  return g_steal_pointer (&slots);
}

/* How telling a reason is over several days: one open but taken day says
 * more than a closed one. */
static int
reason_rank (KioskSlotsReason reason)
{
  switch (reason)
    {
    case KIOSK_SLOTS_FULL:      return 4;
    case KIOSK_SLOTS_PAST:      return 3;
    case KIOSK_SLOTS_TOO_LONG:  return 2;
    case KIOSK_SLOTS_CLOSED:    return 1;
    case KIOSK_SLOTS_AVAILABLE:
    case KIOSK_SLOTS_SERVICE_UNAVAILABLE:
    case KIOSK_SLOTS_NO_STAFF_FOR_SERVICE:
    default:                    return 0;
    }
}

KioskSlot *
kiosk_slots_next_free (const KioskSlotData  *data,
                       const char           *service_id,
                       const char           *date,
                       int                   from_time,
                       const char           *employee_id,
                       GDateTime            *now,
                       guint                 max_days,
                       KioskSlotsReason     *reason,
                       GError              **error)
{
  KioskSlotsReason why = KIOSK_SLOTS_AVAILABLE, worst = KIOSK_SLOTS_CLOSED;
  KioskSlot *found = NULL;
  GDate parsed;
  Now at;
  int duration;
  int granularity;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_input (data, service_id, date, &parsed, error) ||
      !service_duration (data, service_id, &duration, &why, error))
    return NULL;

  if (why != KIOSK_SLOTS_AVAILABLE)
    {
      if (reason != NULL)
        *reason = why;
      return NULL;
    }

  granularity = data->granularity > 0 ? data->granularity : KIOSK_SLOTS_DEFAULT_GRANULARITY;
  now_in_salon (data, now, &at);

  for (guint i = 0; i <= max_days && found == NULL; i++)
    {
      char iso[16];
      Day day;

      g_snprintf (iso, sizeof iso, "%04u-%02u-%02u",
                  (guint)g_date_get_year (&parsed), (guint)g_date_get_month (&parsed),
                  (guint)g_date_get_day (&parsed));
      day_load (&day, data, &parsed, iso);
      why = day_slots (&day, iso, service_id, duration, granularity, employee_id, &at,
                       i == 0 ? CLAMP (from_time, 0, DAY_SECONDS) : 0, NULL, &found);
      day_clear (&day);

      if (why == KIOSK_SLOTS_NO_STAFF_FOR_SERVICE)
        break;   /* the same on every day */
      if (reason_rank (why) > reason_rank (worst))
        worst = why;

      if (g_date_get_year (&parsed) >= 9999)
        break;   /* "YYYY-MM-DD" ends there */
      g_date_add_days (&parsed, 1);
    }

  if (reason != NULL)
    *reason = found != NULL ? KIOSK_SLOTS_AVAILABLE
                            : why == KIOSK_SLOTS_NO_STAFF_FOR_SERVICE ? why : worst;
  return found;
}

void
kiosk_slots_opening (const KioskSlotData *data,
                     GDateTime           *now,
                     KioskOpening        *opening)
{
  Now at;
  GDate date;

  g_return_if_fail (data != NULL);
  g_return_if_fail (opening != NULL);

  memset (opening, 0, sizeof *opening);
  opening->days_ahead = -1;
  now_in_salon (data, now, &at);
  if (!at.set)
    return;

  date = at.today;
  /* Today, then the next seven days: a salon open one day a week opens
   * again on the same weekday. */
  for (int days = 0; days <= 7; days++)
    {
      int open, close;

      if (day_hours (data, &date, &open, &close) && (days > 0 || at.seconds < close))
        {
          opening->open = days == 0 && at.seconds >= open;
          opening->days_ahead = days;
          opening->day_of_week = (int) g_date_get_weekday (&date) - 1;   /* G_DATE_MONDAY is 1 */
          opening->opens_at = open;
          opening->closes_at = close;
          opening->changes_in = opening->open ? close - at.seconds
                                              : days * DAY_SECONDS + open - at.seconds;
          return;
        }
      if (g_date_get_year (&date) >= 9999)
        return;
      g_date_add_days (&date, 1);
    }
}
