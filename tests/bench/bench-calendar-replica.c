/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * bench-calendar's replica (see bench-calendar.h): bench-startup's big one,
 * copied to bench-data/calendar/ with two busy days added.
 */
#define G_LOG_DOMAIN "bench-calendar"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "bench-calendar.h"
#include "kiosk-context-private.h"
#include "kiosk-demo.h"

#define N_CUSTOMERS      200000
#define N_APPOINTMENTS   1000000

GTimeZone *
bench_calendar_istanbul (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Istanbul");

  return tz != NULL ? tz : g_time_zone_new_offset (3 * 3600);
}

char *
bench_calendar_today (void)
{
  g_autoptr(GTimeZone) tz = bench_calendar_istanbul ();
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);

  return g_date_time_format (now, "%Y-%m-%d");
}

/* As bench-startup.c: the big replica, made with the demo generator. */
void
bench_calendar_ensure_big_replica (const char *dir,
                                   const char *today)
{
  g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *stamp = g_build_filename (dir, "made-for", NULL);
  g_autofree char *made_for = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  KioskDemoOptions options;
  gint64 n;

  if (g_file_get_contents (stamp, &made_for, NULL, NULL) && g_str_equal (made_for, today)
      && g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);
      g_unlink (file);
    }

  g_print ("# making the benchmark replica in %s ...\n", dir);
  replica = kiosk_replica_open (path, &error);
  g_assert_no_error (error);
  kiosk_demo_options_init (&options, today);
  options.n_customers = N_CUSTOMERS;
  options.days_after = 14;
  options.days_before = 16500;
  if (!kiosk_demo_populate (replica, &options, &error))
    g_error ("cannot make the benchmark replica: %s", error->message);
  n = kiosk_replica_count (replica, "appointment", &error);
  g_assert_no_error (error);
  if (n < N_APPOINTMENTS)
    g_error ("the benchmark replica has only %" G_GINT64_FORMAT " appointments", n);
  g_file_set_contents (stamp, today, -1, NULL);
}

static const char *first_names[] = {
  "Ayşe", "Çağla", "Şükrü", "İlknur", "Gökhan", "Özge", "Ümit", "Ilgın", "Deniz", "Ebru",
  "Oğuz", "Büşra", "Hülya", "Tuğçe", "Cem", "Nazlı", "Barış", "Şebnem", "Yiğit", "Gülşen",
};
static const char *last_names[] = {
  "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Özdemir", "Arslan",
  "Doğan", "Kılıç", "Aslan", "Çetin", "Koç", "Kurt", "Özkan", "Şimşek", "Ünal", "Güneş",
};

char *
bench_calendar_date_plus (const char *date,
                          int         days)
{
  int y, m, d;
  GDate when;

  g_assert_cmpint (sscanf (date, "%4d-%2d-%2d", &y, &m, &d), ==, 3);
  g_date_clear (&when, 1);
  g_date_set_dmy (&when, d, m, y);
  g_date_add_days (&when, days);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&when), g_date_get_month (&when), g_date_get_day (&when));
}

char *
bench_calendar_busy_day_after (const char *today)
{
  for (int days = 28; days < 35; days++)
    {
      g_autofree char *date = bench_calendar_date_plus (today, days);
      int y, m, d;
      GDate when;

      sscanf (date, "%4d-%2d-%2d", &y, &m, &d);
      g_date_clear (&when, 1);
      g_date_set_dmy (&when, d, m, y);
      if (g_date_get_weekday (&when) == G_DATE_WEDNESDAY)
        return g_steal_pointer (&date);
    }
  g_assert_not_reached ();
}

static gboolean
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_query_exists (src, NULL))
    return FALSE;
  if (!g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("cannot copy %s: %s", from, error->message);
  return TRUE;
}

/* Appointments in every status, on two days. */
void
bench_calendar_ensure_replica (const char *big_dir,
                               const char *dir,
                               const char *today,
                               const char *busy_day,
                               const char *other_busy_day)
{
  g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *stamp = g_build_filename (dir, "made-for", NULL);
  g_autofree char *stamp_text = g_strconcat (today, " two busy days", NULL);
  g_autofree char *made_for = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) service_ids = NULL;
  gint64 start = g_get_monotonic_time ();

  if (g_file_get_contents (stamp, &made_for, NULL, NULL) && g_str_equal (made_for, stamp_text)
      && g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  g_print ("# copying the benchmark replica to %s ...\n", dir);
  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; i < 3; i++)
    {
      const char *suffix = (const char *[]) { "", "-wal", "-shm" }[i];
      g_autofree char *from = g_strconcat (big_dir, "/replica.db", suffix, NULL);
      g_autofree char *to = g_strconcat (path, suffix, NULL);

      g_unlink (to);
      if (i < 2)
        copy_file (from, to);
    }

  replica = kiosk_replica_open (path, &error);
  g_assert_no_error (error);
  services = kiosk_replica_list_services (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (services->len, >, 0);
  service_ids = g_new0 (char *, services->len + 1);
  for (guint i = 0; i < services->len; i++)
    service_ids[i] = g_strdup (((KioskService *) g_ptr_array_index (services, i))->id);

  g_assert_true (kiosk_replica_begin (replica, &error));
  for (guint s = 0; s < N_STAFF; s++)
    {
      g_autofree char *employee_id = g_uuid_string_random ();
      g_autofree char *name = g_strdup_printf ("%s %s %02u", first_names[s % G_N_ELEMENTS (first_names)],
                                               last_names[(s * 7) % G_N_ELEMENTS (last_names)], s + 1);
      KioskEmployee employee = {
        .id = employee_id, .name = name, .position = (char *) "Kuaför", .is_active = TRUE,
        .services = service_ids, .version = 1,
      };

      g_assert_true (kiosk_replica_put_employee (replica, &employee, &error));
      for (guint k = 0; k < 2 * N_PER_STAFF; k++)
        {
          gboolean other = k >= N_PER_STAFF;
          guint j = k % N_PER_STAFF;
          /* The first busy day as ever; the other's customers after all of its. */
          guint n = (other ? N_STAFF * N_PER_STAFF : 0) + s * N_PER_STAFF + j;
          int from = 9 * 3600 + (int) j * 30 * 60 + (other ? 15 * 60 : 0);
          g_autofree char *customer_id = g_uuid_string_random ();
          g_autofree char *appointment_id = g_uuid_string_random ();
          g_autofree char *phone = g_strdup_printf ("+90559%07u", 1000000 + n);
          const KioskService *service = g_ptr_array_index (services, n % services->len);
          KioskCustomer customer = {
            .id = customer_id,
            .first_name = (char *) first_names[n % G_N_ELEMENTS (first_names)],
            .last_name = (char *) last_names[(n / 3) % G_N_ELEMENTS (last_names)],
            .phone = phone, .version = 1,
          };
          /* Every status, checked in, and not yet accepted by the server. */
          static const KioskAppointmentStatus statuses[] = {
            KIOSK_APPOINTMENT_CONFIRMED, KIOSK_APPOINTMENT_PENDING, KIOSK_APPOINTMENT_CONFIRMED,
            KIOSK_APPOINTMENT_COMPLETED, KIOSK_APPOINTMENT_CANCELLED, KIOSK_APPOINTMENT_NO_SHOW,
            KIOSK_APPOINTMENT_CONFIRMED,
          };
          KioskAppointment appt = {
            .id = appointment_id, .customer = customer_id, .service = service->id, .employee = employee_id,
            .appointment_date = (char *) (other ? other_busy_day : busy_day),
            .appointment_time = from,
            .end_time = from + 30 * 60,
            .status = statuses[j % G_N_ELEMENTS (statuses)],
            .price = service->price, .source = (char *) "app",
            .checked_in_at = j % 7 == 2 ? (char *) "2026-01-01T09:00:00+03:00" : NULL,
            .version = 1, .pending = j % 7 == 6,
          };

          g_assert_true (kiosk_replica_put_customer (replica, &customer, &error));
          g_assert_true (kiosk_replica_put_appointment (replica, &appt, &error));
        }
    }
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_file_set_contents (stamp, stamp_text, -1, NULL);
  g_print ("# calendar replica ready in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
}
