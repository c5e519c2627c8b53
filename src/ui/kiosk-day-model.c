/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
/* One log domain for the day view and its parts. */
#define G_LOG_DOMAIN "kiosk-day-view"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-time.h"
#include "kiosk-day-model-private.h"
#include "kiosk-format.h"

/* Free time shorter than this is no place to book. */
#define MIN_FREE       (15 * 60)

/* ---- dates and times ---------------------------------------------------- */

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* 0 = Monday, as working_hours counts. */
static int
weekday_of (const GDate *date)
{
  return (int) g_date_get_weekday (date) - 1;
}

/* A date formatted in the user's language ("Wed 25 Nov"). */
char *
kiosk_day_model_format_day (const GDate *date,
                            const char  *format)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                 g_date_get_day (date), 12, 0, 0);

  return g_date_time_format (dt, format);
}

/* An instant of the feed as seconds since the salon's midnight of @date,
 * or -1 when it is not on that day. */
static int
instant_on_date (const char *iso,
                 GTimeZone  *tz,
                 const char *date)
{
  g_autoptr(GDateTime) instant = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;

  if (iso == NULL)
    return -1;
  instant = g_date_time_new_from_iso8601 (iso, tz);
  if (instant == NULL)
    return -1;
  local = g_date_time_to_timezone (instant, tz);
  day = g_date_time_format (local, "%Y-%m-%d");
  return g_strcmp0 (day, date) == 0 ? kiosk_time_of_day (local) : -1;
}

/* ---- columns and items -------------------------------------------------- */

static void
item_clear (gpointer data)
{
  KioskDayItem *item = data;

  g_free (item->key);
  g_free (item->id);
  g_free (item->customer);
  g_free (item->service);
}

static void
column_free (gpointer data)
{
  KioskDayColumn *column = data;

  g_free (column->title);
  g_free (column->subtitle);
  g_free (column->employee);
  g_free (column->date);
  g_free (column);
}

void
kiosk_day_model_clear (KioskDayModel *model)
{
  g_clear_pointer (&model->columns, g_ptr_array_unref);
  g_clear_pointer (&model->items, g_array_unref);
}

void
kiosk_day_model_init (KioskDayModel *model)
{
  model->columns = g_ptr_array_new_with_free_func (column_free);
  model->items = g_array_new (FALSE, TRUE, sizeof (KioskDayItem));
  g_array_set_clear_func (model->items, item_clear);
  model->axis_start = 9 * 3600;
  model->axis_end = 19 * 3600;
  model->now = -1;
}

/* The salon's hours on @date: its working_hours row for the weekday, else
 * the salon's own times. */
static void
hours_for (KioskSalon  *salon,
           GPtrArray   *hours,
           const GDate *date,
           int         *open,
           int         *close,
           gboolean    *closed)
{
  int weekday = weekday_of (date);

  *open = salon != NULL ? salon->opening_time : 9 * 3600;
  *close = salon != NULL ? salon->closing_time : 19 * 3600;
  *closed = FALSE;
  for (guint i = 0; hours != NULL && i < hours->len; i++)
    {
      KioskWorkingHours *h = g_ptr_array_index (hours, i);

      if (h->day_of_week == weekday)
        {
          *open = h->opening_time;
          *close = h->closing_time;
          *closed = h->is_closed;
          break;
        }
    }
  if (*close <= *open)
    *closed = TRUE;
}

static KioskDayColumn *
column_new (const char *title,
            const char *subtitle,
            const char *employee,
            const char *date)
{
  KioskDayColumn *column = g_new0 (KioskDayColumn, 1);

  column->title = g_strdup (title);
  column->subtitle = g_strdup (subtitle);
  column->employee = g_strdup (employee);
  column->date = g_strdup (date);
  return column;
}

static void
add_appointment (KioskDayModel             *model,
                 guint                      column,
                 const KioskAppointmentRow *row)
{
  const KioskAppointment *appt = &row->appointment;
  KioskDayItem item = { 0 };

  item.kind = KIOSK_DAY_BLOCK_APPOINTMENT;
  item.column = column;
  item.start = CLAMP (appt->appointment_time, 0, DAY_SECONDS);
  item.end = CLAMP (MAX (appt->end_time, appt->appointment_time + 5 * 60), 0, DAY_SECONDS);
  item.key = g_strconcat ("a:", appt->id, NULL);
  item.id = g_strdup (appt->id);
  item.customer = g_strdup (row->customer_name != NULL ? row->customer_name : _("Guest"));
  item.service = g_strdup (row->service_name != NULL ? row->service_name : "");
  item.status = appt->status;
  item.checked_in = appt->checked_in_at != NULL;
  item.pending = appt->pending;
  g_array_append_val (model->items, item);
}

static const KioskService *
find_service (GPtrArray  *services,
              const char *id)
{
  for (guint i = 0; id != NULL && services != NULL && i < services->len; i++)
    {
      const KioskService *service = g_ptr_array_index (services, i);

      if (g_strcmp0 (service->id, id) == 0)
        return service;
    }
  return NULL;
}

/* Walk-ins being served now, in the column of who serves them. */
static void
add_walkins (KioskDayModel *model,
             KioskContext  *context,
             GPtrArray     *services,
             GTimeZone     *tz,
             const char    *today,
             GHashTable    *column_of)
{
  g_autoptr(GPtrArray) walkins = kiosk_context_list_open_walkins (context, NULL);

  for (guint i = 0; walkins != NULL && i < walkins->len; i++)
    {
      const KioskWalkin *walkin = g_ptr_array_index (walkins, i);
      const KioskService *service;
      gpointer column;
      KioskDayItem item = { 0 };
      int start;

      if (walkin->status != KIOSK_WALKIN_IN_SERVICE || walkin->employee == NULL
          || !g_hash_table_lookup_extended (column_of, walkin->employee, NULL, &column))
        continue;
      start = instant_on_date (walkin->called_at, tz, today);
      if (start < 0)
        start = instant_on_date (walkin->arrived_at, tz, today);
      if (start < 0)
        start = model->now;
      service = find_service (services, walkin->service);

      item.kind = KIOSK_DAY_BLOCK_WALKIN;
      item.column = GPOINTER_TO_UINT (column);
      item.start = start;
      item.end = MIN (MAX (start + (service != NULL ? service->duration : 30) * 60, model->now + 5 * 60), DAY_SECONDS);
      item.key = g_strconcat ("w:", walkin->id, NULL);
      item.id = g_strdup (walkin->id);
      item.customer = g_strdup (walkin->name != NULL ? walkin->name : _("Guest"));
      item.service = g_strdup (service != NULL ? service->name : "");
      item.pending = walkin->pending;
      g_array_append_val (model->items, item);
    }
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const KioskDayItem *x = a, *y = b;

  if (x->column != y->column)
    return x->column < y->column ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* Free time of each open column: its hours less what is booked (cancelled
 * and no-show bookings free their time), from now on for today. */
static void
add_free_time (KioskDayModel *model,
               const char    *today)
{
  guint n = model->items->len;
  g_autoptr(GArray) busy = g_array_new (FALSE, FALSE, sizeof (int) * 2);

  for (guint c = 0; c < model->columns->len; c++)
    {
      const KioskDayColumn *column = g_ptr_array_index (model->columns, c);
      int cmp = g_strcmp0 (column->date, today);
      int from, cursor;

      if (column->closed || cmp < 0)
        continue;
      from = column->open;
      if (cmp == 0 && model->now > from)
        from = (model->now + 299) / 300 * 300;

      g_array_set_size (busy, 0);
      for (guint i = 0; i < n; i++)
        {
          const KioskDayItem *item = &g_array_index (model->items, KioskDayItem, i);
          int span[2] = { item->start, item->end };

          if (item->column != c)
            continue;
          if (item->kind == KIOSK_DAY_BLOCK_APPOINTMENT && (item->status == KIOSK_APPOINTMENT_CANCELLED
                                                  || item->status == KIOSK_APPOINTMENT_NO_SHOW))
            continue;
          g_array_append_vals (busy, span, 1);
        }
      g_array_sort (busy, compare_ints);

      cursor = from;
      for (guint i = 0; i <= busy->len; i++)
        {
          int gap_end = column->close;
          int next_cursor = cursor;

          if (i < busy->len)
            {
              const int *span = &g_array_index (busy, int, i * 2);

              gap_end = MIN (span[0], column->close);
              next_cursor = MAX (cursor, span[1]);
            }
          if (gap_end - cursor >= MIN_FREE)
            {
              KioskDayItem item = { 0 };

              item.kind = KIOSK_DAY_BLOCK_FREE;
              item.column = c;
              item.start = cursor;
              item.end = gap_end;
              item.key = g_strdup_printf ("f:%s:%s:%d", column->employee ? column->employee : "",
                                          column->date, cursor);
              g_array_append_val (model->items, item);
            }
          cursor = next_cursor;
          if (cursor >= column->close)
            break;
        }
    }
}

/* Side by side where bookings of one column overlap. */
static void
assign_lanes (KioskDayModel *model)
{
  g_autoptr(GArray) lane_end = g_array_new (FALSE, FALSE, sizeof (int));
  guint first = 0, lanes = 0;
  int cluster_end = -1;
  guint cluster_column = G_MAXUINT;

  for (guint i = 0; i <= model->items->len; i++)
    {
      KioskDayItem *item = i < model->items->len ? &g_array_index (model->items, KioskDayItem, i) : NULL;
      guint lane;

      if (item == NULL || item->column != cluster_column || item->start >= cluster_end)
        {
          for (guint j = first; j < i; j++)
            g_array_index (model->items, KioskDayItem, j).n_lanes = MAX (lanes, 1);
          if (item == NULL)
            break;
          first = i;
          lanes = 0;
          cluster_end = -1;
          cluster_column = item->column;
          g_array_set_size (lane_end, 0);
        }

      for (lane = 0; lane < lane_end->len; lane++)
        if (g_array_index (lane_end, int, lane) <= item->start)
          break;
      if (lane == lane_end->len)
        g_array_append_val (lane_end, item->end);
      else
        g_array_index (lane_end, int, lane) = item->end;
      item->lane = lane;
      lanes = MAX (lanes, lane_end->len);
      cluster_end = MAX (cluster_end, item->end);
    }
}

static void
finish_model (KioskDayModel *model,
              KioskSalon    *salon,
              const char    *today)
{
  int lo = G_MAXINT, hi = G_MININT;

  add_free_time (model, today);
  g_array_sort (model->items, compare_items);
  assign_lanes (model);

  for (guint c = 0; c < model->columns->len; c++)
    {
      const KioskDayColumn *column = g_ptr_array_index (model->columns, c);

      if (!column->closed)
        {
          lo = MIN (lo, column->open);
          hi = MAX (hi, column->close);
        }
    }
  if (lo > hi)
    {
      lo = salon != NULL && salon->closing_time > salon->opening_time ? salon->opening_time : 9 * 3600;
      hi = salon != NULL && salon->closing_time > salon->opening_time ? salon->closing_time : 19 * 3600;
    }
  for (guint i = 0; i < model->items->len; i++)
    {
      const KioskDayItem *item = &g_array_index (model->items, KioskDayItem, i);

      lo = MIN (lo, item->start);
      hi = MAX (hi, item->end);
    }
  /* An hour either side, shaded as closed. */
  model->axis_start = MAX (0, lo / 3600 * 3600 - 3600);
  model->axis_end = MIN (DAY_SECONDS, (hi + 3599) / 3600 * 3600 + 3600);
}

/* ---- reading the replica ------------------------------------------------ */

void
kiosk_day_model_forget_staff (KioskDayStaff *staff)
{
  g_clear_pointer (&staff->salon, kiosk_salon_free);
  g_clear_pointer (&staff->hours, g_ptr_array_unref);
  g_clear_pointer (&staff->employees, g_ptr_array_unref);
  g_clear_pointer (&staff->services, g_ptr_array_unref);
  staff->read = FALSE;
}

static gboolean
read_staff (KioskDayStaff *staff,
            KioskContext  *context,
            GError       **error)
{
  GError *local_error = NULL;

  if (staff->read)
    return TRUE;

  kiosk_day_model_forget_staff (staff);
  staff->salon = kiosk_context_get_salon (context, &local_error);
  if (local_error == NULL)
    staff->hours = kiosk_context_list_working_hours (context, &local_error);
  if (local_error == NULL)
    staff->employees = kiosk_context_list_employees (context, &local_error);
  if (local_error == NULL)
    staff->services = kiosk_context_list_services (context, &local_error);
  if (local_error != NULL)
    {
      kiosk_day_model_forget_staff (staff);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  staff->read = TRUE;
  return TRUE;
}

static char *
hours_subtitle (const KioskDayColumn *column)
{
  g_autofree char *range = NULL;

  if (column->closed)
    return g_strdup (_("Closed"));
  range = kiosk_format_time_range (column->open, column->close);
  return g_steal_pointer (&range);
}

gboolean
kiosk_day_model_load (KioskDayModel *model,
                      KioskContext  *context,
                      GDateTime     *now,
                      KioskDayStaff *staff,
                      gboolean       week_mode,
                      const char    *employee_id,
                      const char    *date,
                      GError       **error)
{
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  KioskSalon *salon;
  GPtrArray *hours;
  GPtrArray *employees;
  GPtrArray *services;
  g_autoptr(GHashTable) column_of = g_hash_table_new (g_str_hash, g_str_equal);
  GDate day;

  if (!kiosk_date_parse (date, &day))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a date."), date);
      return FALSE;
    }

  if (!read_staff (staff, context, error))
    return FALSE;
  salon = staff->salon;
  hours = staff->hours;
  employees = staff->employees;
  services = staff->services;

  model->now = kiosk_time_of_day (now);

  if (!week_mode)
    {
      g_autoptr(GPtrArray) rows = kiosk_context_list_appointment_rows (context, date, error);
      int open, close;
      gboolean closed;
      guint unassigned = G_MAXUINT;

      if (rows == NULL)
        return FALSE;
      hours_for (salon, hours, &day, &open, &close, &closed);

      /* Active staff by name, then anyone else who has bookings that day. */
      for (guint pass = 0; pass < 2; pass++)
        for (guint i = 0; i < employees->len; i++)
          {
            const KioskEmployee *employee = g_ptr_array_index (employees, i);
            gboolean wanted = pass == 0 && employee->is_active;
            KioskDayColumn *column;

            if (pass == 1 && !employee->is_active)
              for (guint j = 0; j < rows->len && !wanted; j++)
                wanted = g_strcmp0 (((KioskAppointmentRow *) g_ptr_array_index (rows, j))->appointment.employee,
                                    employee->id) == 0;
            if (!wanted)
              continue;

            column = column_new (employee->name, NULL, employee->id, date);
            column->open = open;
            column->close = close;
            column->closed = closed;
            column->today = g_str_equal (date, today);
            column->subtitle = closed || employee->position == NULL || *employee->position == '\0'
                               ? hours_subtitle (column) : g_strdup (employee->position);
            g_hash_table_insert (column_of, employee->id, GUINT_TO_POINTER (model->columns->len));
            g_ptr_array_add (model->columns, column);
          }

      for (guint i = 0; i < rows->len; i++)
        {
          const KioskAppointmentRow *row = g_ptr_array_index (rows, i);
          gpointer column;

          if (row->appointment.employee == NULL
              || !g_hash_table_lookup_extended (column_of, row->appointment.employee, NULL, &column))
            {
              if (unassigned == G_MAXUINT)
                {
                  KioskDayColumn *any = column_new (_("Any staff member"), NULL, NULL, date);

                  any->open = open;
                  any->close = close;
                  any->closed = closed;
                  any->today = g_str_equal (date, today);
                  any->subtitle = hours_subtitle (any);
                  unassigned = model->columns->len;
                  g_ptr_array_add (model->columns, any);
                }
              column = GUINT_TO_POINTER (unassigned);
            }
          add_appointment (model, GPOINTER_TO_UINT (column), row);
        }

      if (g_str_equal (date, today))
        add_walkins (model, context, services, g_date_time_get_timezone (now), today, column_of);
    }
  else
    {
      GDate monday = day;
      const KioskEmployee *employee = NULL;

      g_date_subtract_days (&monday, weekday_of (&day));
      for (guint i = 0; i < employees->len; i++)
        if (g_strcmp0 (((KioskEmployee *) g_ptr_array_index (employees, i))->id, employee_id) == 0)
          employee = g_ptr_array_index (employees, i);

      for (guint d = 0; d < 7; d++)
        {
          GDate when = monday;
          g_autofree char *when_text = NULL;
          g_autofree char *title = NULL;
          g_autoptr(GPtrArray) rows = NULL;
          KioskDayColumn *column;

          g_date_add_days (&when, d);
          when_text = format_date (&when);
          /* Translators: a day column of the week view, strftime format ("Wed 25 Nov"). */
          /* xgettext:no-c-format */
          title = kiosk_day_model_format_day (&when, _("%a %e %b"));
          column = column_new (g_strstrip (title), NULL, employee_id, when_text);
          hours_for (salon, hours, &when, &column->open, &column->close, &column->closed);
          column->today = g_str_equal (when_text, today);
          column->subtitle = hours_subtitle (column);
          g_ptr_array_add (model->columns, column);

          if (employee == NULL)
            continue;
          rows = kiosk_context_list_appointment_rows (context, when_text, error);
          if (rows == NULL)
            return FALSE;
          for (guint i = 0; i < rows->len; i++)
            {
              const KioskAppointmentRow *row = g_ptr_array_index (rows, i);

              if (g_strcmp0 (row->appointment.employee, employee_id) == 0)
                add_appointment (model, d, row);
            }
          if (column->today)
            {
              g_hash_table_insert (column_of, (gpointer) employee_id, GUINT_TO_POINTER (d));
              add_walkins (model, context, services, g_date_time_get_timezone (now), today, column_of);
            }
        }
    }

  finish_model (model, salon, today);
  return TRUE;
}

