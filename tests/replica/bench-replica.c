/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * A big salon's replica: 200k customers and 1M appointments written through
 * the API in one transaction, then what the desk does at start-up: open the
 * file and list today. Fails when opening or the day's list gets slow.
 * Run with `meson test --benchmark replica-1m`.
 */
#define G_LOG_DOMAIN "bench-replica"

#include "config.h"

#include <glib/gstdio.h>

#include "kiosk-replica.h"

#define N_CUSTOMERS    200000
#define N_APPOINTMENTS 1000000
#define N_DAYS         1500

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static char *
day_of (guint n)
{
  g_autoptr(GDateTime) first = g_date_time_new_utc (2022, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (first, (int)n);

  return g_date_time_format (day, "%Y-%m-%d");
}

static void
fill (KioskReplica *replica)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  gint64 start = g_get_monotonic_time ();
  char customer_id[40];

  g_assert_true (kiosk_replica_begin (replica, &error));
  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      g_autofree char *phone = g_strdup_printf ("+90555%07u", i);
      KioskCustomer customer = {
        .first_name = (char *)"Şükrü", .last_name = (char *)"Öztürk", .phone = phone,
      };

      g_snprintf (customer_id, sizeof customer_id, "cus-%06u", i);
      customer.id = customer_id;
      g_assert_true (kiosk_replica_put_customer (replica, &customer, &error));
    }
  for (guint i = 0; i < N_APPOINTMENTS; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *date = day_of (g_rand_int_range (rand, 0, N_DAYS));
      int time = 9 * 3600 + g_rand_int_range (rand, 0, 40) * 900;
      KioskAppointment appt = {
        .id = id, .service = (char *)"svc-1", .employee = (char *)"emp-1",
        .appointment_date = date, .appointment_time = time, .end_time = time + 1800,
        .status = KIOSK_APPOINTMENT_CONFIRMED, .price = 35000, .source = (char *)"app",
      };

      g_snprintf (customer_id, sizeof customer_id, "cus-%06u", g_rand_int_range (rand, 0, N_CUSTOMERS));
      appt.customer = customer_id;
      g_assert_true (kiosk_replica_put_appointment (replica, &appt, &error));
    }
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
  g_print ("# filled %u customers and %u appointments in %.1f s\n",
           N_CUSTOMERS, N_APPOINTMENTS, ms_since (start) / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kiosk-bench-replica-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *today = day_of (N_DAYS / 2);
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  double open_ms, list_ms;
  gint64 start;

  g_assert_no_error (error);
  path = g_build_filename (dir, "replica.db", NULL);

  replica = kiosk_replica_open (path, &error);
  g_assert_no_error (error);
  fill (replica);
  g_clear_object (&replica);

  start = g_get_monotonic_time ();
  replica = kiosk_replica_open (path, &error);
  open_ms = ms_since (start);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  rows = kiosk_replica_list_appointment_rows (replica, today, &error);
  list_ms = ms_since (start);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_nonnull (((KioskAppointmentRow *)g_ptr_array_index (rows, 0))->customer_name);

  g_print ("# open: %.1f ms; %s: %u appointments in %.1f ms\n", open_ms, today, rows->len, list_ms);
  g_clear_object (&replica);

  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_unlink (path);
    g_rmdir (dir);
  }

  /* Generous bounds for a slow CI disk; a scan of 1M rows takes far longer. */
  g_assert_cmpfloat (open_ms, <, 500.0);
  g_assert_cmpfloat (list_ms, <, 100.0);
  return 0;
}
