/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The demo salon: "Moda Güzellik & Kuaför" in Caferağa, Kadıköy, written
 * into an empty replica in one transaction. This file holds the builder
 * that the row writers share (kiosk-demo-private.h) and the calendar of
 * days they write on; the salon, customers and appointments have a file
 * each, and everything comes from the deterministic generator of
 * kiosk-demo-random.c, so one seed and one `today` give byte-identical
 * rows on every machine.
 */
#define G_LOG_DOMAIN "kiosk-demo"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "kiosk-time.h"
#include "kiosk-demo-private.h"
#include "kiosk-replica-search.h"

#define DEMO_DEFAULT_SEED        2026
#define DEMO_DEFAULT_CUSTOMERS   300
#define DEMO_DEFAULT_DAYS        7

/* ---- the builder ---------------------------------------------------------- */

static void
demo_builder_clear (KioskDemoBuilder *b)
{
  g_clear_pointer (&b->days, g_free);
  g_clear_pointer (&b->customer_ids, g_free);
  g_clear_pointer (&b->customer_phones, g_free);
  g_clear_pointer (&b->customer_names, g_free);
  g_clear_pointer (&b->regulars, g_free);
}

/* ---- the calendar --------------------------------------------------------- */

static void
format_offset (char   out[7],
               gint64 seconds)
{
  gint64 abs_minutes = ABS (seconds) / 60;

  g_snprintf (out, 7, "%c%02d:%02d", seconds < 0 ? '-' : '+',
              (int)(abs_minutes / 60), (int)(abs_minutes % 60));
}

static gboolean
build_calendar (KioskDemoBuilder  *b,
                GError           **error)
{
  const KioskDemoOptions *o = b->options;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  GDate date;
  guint64 n_days;

  if (!kiosk_date_parse (o->today, &date))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The demo needs today’s date as YYYY-MM-DD, not “%s”."),
                   o->today ? o->today : "");
      return FALSE;
    }

  n_days = (guint64)DEMO_LEAD_DAYS + o->days_before + o->days_after + 1;
  if ((guint64)o->days_before + DEMO_LEAD_DAYS >= g_date_get_julian (&date) ||
      (guint64)g_date_get_julian (&date) + o->days_after >= G_MAXUINT32 / 2 ||
      n_days > 10000000)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The demo cannot cover %u days before and %u days after %s."),
                   o->days_before, o->days_after, o->today);
      return FALSE;
    }

  b->n_days = (guint)n_days;
  b->today = DEMO_LEAD_DAYS + o->days_before;
  b->days = g_new0 (KioskDemoDay, b->n_days);

  g_date_subtract_days (&date, b->today);
  for (guint i = 0; i < b->n_days; i++, g_date_add_days (&date, 1))
    {
      KioskDemoDay *day = &b->days[i];
      gint64 offset = 3 * 3600;   /* Istanbul has kept +03:00 all year since 2016 */

      g_snprintf (day->date, sizeof day->date, "%04u-%02u-%02u",
                  (guint)g_date_get_year (&date), (guint)g_date_get_month (&date),
                  (guint)g_date_get_day (&date));
      day->weekday = (int)g_date_get_weekday (&date) - 1;

      if (tz != NULL)
        {
          g_autoptr(GDateTime) noon = g_date_time_new (tz, g_date_get_year (&date),
                                                       g_date_get_month (&date),
                                                       g_date_get_day (&date), 12, 0, 0);
          if (noon != NULL)
            offset = g_date_time_get_utc_offset (noon) / G_TIME_SPAN_SECOND;
        }
      format_offset (day->offset, offset);
    }

  return TRUE;
}

/* "2026-03-16T09:45:00+03:00" */
void
kiosk_demo_format_instant (char               *out,
                           gsize               size,
                           const KioskDemoDay *day,
                           int                 seconds)
{
  seconds = CLAMP (seconds, 0, 86399);
  g_snprintf (out, size, "%sT%02d:%02d:%02d%s", day->date,
              seconds / 3600, seconds / 60 % 60, seconds % 60, day->offset);
}

void
kiosk_demo_next_id (KioskDemoBuilder *b,
                    char              out[UUID_LEN + 1])
{
  kiosk_demo_rng_uuid (&b->ids, out);
}

/* ---- public --------------------------------------------------------------- */

void
kiosk_demo_options_init (KioskDemoOptions *options,
                         const char       *today)
{
  g_return_if_fail (options != NULL);

  options->seed = DEMO_DEFAULT_SEED;
  options->today = today;
  options->n_customers = DEMO_DEFAULT_CUSTOMERS;
  options->days_before = DEMO_DEFAULT_DAYS;
  options->days_after = DEMO_DEFAULT_DAYS;
  options->open_every_day = FALSE;
}

gboolean
kiosk_demo_populate (KioskReplica            *replica,
                     const KioskDemoOptions  *options,
                     GError                 **error)
{
  KioskDemoBuilder b = { 0 };
  gboolean ok;

  g_return_val_if_fail (KIOSK_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options->n_customers == 0 || options->n_customers > DEMO_MAX_CUSTOMERS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The demo salon needs between 1 and %u customers, not %u."),
                   DEMO_MAX_CUSTOMERS, options->n_customers);
      return FALSE;
    }

  b.replica = replica;
  b.options = options;
  b.n_customers = options->n_customers;
  kiosk_demo_rng_init (&b.ids, options->seed, STREAM_IDS);

  if (!build_calendar (&b, error))
    {
      demo_builder_clear (&b);
      return FALSE;
    }

  if (!kiosk_replica_begin (replica, error))
    {
      demo_builder_clear (&b);
      return FALSE;
    }

  /* The search index is built once at the end, not row by row: 200 000
   * customers through the per-row triggers take minutes. */
  ok = kiosk_replica_search_suspend (replica, error) &&
       kiosk_demo_write_salon (&b, error) &&
       kiosk_demo_write_customers (&b, error) &&
       kiosk_demo_write_appointments (&b, error) &&
       kiosk_demo_write_walkins (&b, error) &&
       kiosk_replica_search_restore (replica, error);

  if (ok)
    ok = kiosk_replica_commit (replica, error);
  else
    kiosk_replica_rollback (replica);

  demo_builder_clear (&b);
  return ok;
}
