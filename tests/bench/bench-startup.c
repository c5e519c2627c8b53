/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Start-up to first frame of salonity-kiosk on a replica with 200 000
 * customers and ~1 000 000 appointments, beside a minimal GTK4 window
 * measured in the same run, alternating the two so that both see the same
 * machine. Goal: median at most 1.5× the minimal window and under
 * 400 ms. The big replica is made once with the demo generator and kept in
 * the build dir (bench-data/), since making it takes far longer than a run.
 */
#define G_LOG_DOMAIN "bench-startup"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "kiosk-demo.h"

#define N_CUSTOMERS     200000
#define N_APPOINTMENTS  1000000
#define N_WARMUP        2
#define N_RUNS          15

static char *
today_in_istanbul (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz != NULL ? tz : g_time_zone_new_offset (3 * 3600));

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
ensure_big_replica (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "replica.db", NULL);
  g_autofree char *stamp = g_build_filename (dir, "made-for", NULL);
  g_autofree char *today = today_in_istanbul ();
  g_autofree char *made_for = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  KioskDemoOptions options;
  gint64 start, n;

  /* Re-made each day so that "today" has appointments, as at a real desk. */
  if (g_file_get_contents (stamp, &made_for, NULL, NULL) && g_str_equal (made_for, today)
      && g_file_test (path, G_FILE_TEST_EXISTS))
    return;

  g_mkdir_with_parents (dir, 0700);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }

  g_print ("# making the benchmark replica in %s ...\n", dir);
  start = g_get_monotonic_time ();
  replica = kiosk_replica_open (path, &error);
  g_assert_no_error (error);

  kiosk_demo_options_init (&options, today);
  options.n_customers = N_CUSTOMERS;
  options.days_after = 14;
  /* The demo books about 63 appointments a calendar day on average (6 staff,
   * Sundays closed); go back about 45 years for a million. */
  options.days_before = 16500;
  if (!kiosk_demo_populate (replica, &options, &error))
    g_error ("cannot make the benchmark replica: %s", error->message);

  n = kiosk_replica_count (replica, "appointment", &error);
  g_assert_no_error (error);
  g_print ("# %" G_GINT64_FORMAT " customers, %" G_GINT64_FORMAT " appointments in %.1f s\n",
           kiosk_replica_count (replica, "customer", NULL), n,
           (g_get_monotonic_time () - start) / 1e6);
  if (n < N_APPOINTMENTS)
    g_error ("the benchmark replica has only %" G_GINT64_FORMAT " appointments", n);

  g_file_set_contents (stamp, today, -1, NULL);
}

/* Microseconds from spawn to the first frame the child reports. */
static double
run_once (const char * const *argv)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *line;
  gint64 spawned, frame;

  spawned = g_get_monotonic_time ();
  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("%s failed", argv[0]);

  line = out != NULL ? strstr (out, "first-frame ") : NULL;
  if (line == NULL)
    g_error ("%s printed no first frame: %s", argv[0], out ? out : "");
  frame = g_ascii_strtoll (line + strlen ("first-frame "), NULL, 10);

  return (double)(frame - spawned);
}

/* The machine's load beside the figures (docs/performance.md: measure on a
 * quiet machine, or say the load). */
static void
report_loadavg (const char *when)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    g_print ("load average %s: %s", when, text);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *samples,
            double  p)
{
  guint idx;

  g_array_sort (samples, compare_doubles);
  idx = (guint)(p * (samples->len - 1) + 0.5);
  return g_array_index (samples, double, idx);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  g_autofree char *data_arg = NULL;
  g_autoptr(GArray) kiosk = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) minimal = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (double));
  double kiosk_median, minimal_median, ratio;
  gboolean ok;

  if (argc != 4)
    {
      g_printerr ("usage: %s SALONITY-KIOSK MINIMAL-WINDOW DATA-DIR\n", argv[0]);
      return 2;
    }

  data_dir = g_canonicalize_filename (argv[3], NULL);
  ensure_big_replica (data_dir);
  data_arg = g_strconcat ("--data-dir=", data_dir, NULL);

  {
    /* --demo with a data dir that already holds a salon: the salon's pages
     * open at once (an unpaired kiosk would show its pairing screen), and
     * nothing is generated. */
    const char *kiosk_argv[] = { argv[1], "--demo", data_arg, "--quit-after-first-frame", NULL };
    const char *minimal_argv[] = { argv[2], NULL };

    report_loadavg ("at start");
    for (guint i = 0; i < N_WARMUP + N_RUNS; i++)
      {
        double k = run_once (kiosk_argv);
        double m = run_once (minimal_argv);

        if (i >= N_WARMUP)
          {
            double r = k / m;

            g_array_append_val (kiosk, k);
            g_array_append_val (minimal, m);
            /* Each run beside the reference run right after it: on a busy
             * machine the two see nearly the same load. */
            g_array_append_val (pairs, r);
          }
      }
  }

  kiosk_median = percentile (kiosk, 0.5) / 1000.0;
  minimal_median = percentile (minimal, 0.5) / 1000.0;
  ratio = kiosk_median / minimal_median;
  ok = ratio <= 1.5 && kiosk_median < 400.0;

  g_print ("salonity-kiosk (200k customers, 1M appointments): median %.1f ms, p90 %.1f ms\n",
           kiosk_median, percentile (kiosk, 0.9) / 1000.0);
  g_print ("minimal GTK4 window:                              median %.1f ms, p90 %.1f ms\n",
           minimal_median, percentile (minimal, 0.9) / 1000.0);
  g_print ("median of the %u paired ratios (each run / the reference run after it): %.2f, p10 %.2f, p90 %.2f\n",
           pairs->len, percentile (pairs, 0.5), percentile (pairs, 0.1), percentile (pairs, 0.9));
  report_loadavg ("at the end");
  g_print ("ratio %.2f (goal <= 1.50), kiosk median %s 400 ms: %s\n",
           ratio, kiosk_median < 400.0 ? "<" : ">=", ok ? "goal met" : "GOAL MISSED");

  return ok ? 0 : 1;
}
