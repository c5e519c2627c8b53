/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Typing a name into staff's loyalty search, on the big benchmark replica
 * of bench-startup (200 000 customers, kept in the build dir's
 * bench-data/), measuring how long the main loop is kept from running per
 * keystroke: a high-priority 1 ms probe notes every gap between its turns,
 * and the largest gap of each keystroke (from the key until the next one,
 * including the delayed search and the rows it adds) is that keystroke's
 * stall. Names are typed fast (40 ms apart: searches coalesce) and slowly
 * (200 ms apart: every key searches). Fails if any keystroke stalls the
 * main loop more than 16 ms (a frame at 60 Hz); prints p50/p99/max.
 *
 * Each gap is measured twice: on the wall clock, and as the main thread's
 * own CPU time between two probe turns. The budget applies to the CPU
 * time: that is the work a keystroke makes the main loop do, whatever
 * else the machine runs (a loaded CI runner preempts the process and
 * stretches wall-clock gaps it is not responsible for). Both are printed;
 * on an idle machine they agree.
 *
 * The same-run reference: each name is first typed, with the same timing,
 * into a plain entry of the same window that searches nothing, and its
 * keystrokes are measured the same way. For the worst keystrokes of both,
 * the main thread's involuntary context switches (preempted by another
 * process) and voluntary ones (it slept: poll, a lock, the X server) in
 * that keystroke are printed beside the gap.
 */
#define _GNU_SOURCE   /* RUSAGE_THREAD */
#define G_LOG_DOMAIN "bench-lookup-keystroke"

#include <gtk/gtk.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <time.h>

#include "kiosk-context-private.h"
#include "kiosk-demo.h"
#include "kiosk-fold.h"
#include "kiosk-context.h"
#include "kiosk-customer-search.h"
#include "kiosk-loyalty-page.h"

#define N_CUSTOMERS     200000
#define N_APPOINTMENTS  1000000
#define N_NAMES         8
#define STALL_BUDGET_US 16000
#define PROBE_MS        1

/* One keystroke's window, for the report. */
typedef struct {
  gint64       wall;         /* largest gap on the wall clock, µs */
  gint64       cpu;          /* largest gap in main thread CPU time, µs */
  glong        preempted;    /* involuntary context switches of the main thread */
  glong        waited;       /* voluntary ones: it slept (poll, a lock, the X server) */
} Keystroke;

typedef struct {
  GMainLoop   *loop;
  KioskCustomerSearch *search;
  GtkEditable *plain;        /* an entry that searches nothing */
  gboolean     reference;    /* this name goes into plain */
  GStrv        names;
  guint        run;          /* each name twice: plain, then the search */
  guint        name;         /* index into names */
  guint        typed;        /* characters of the current name typed */
  guint        interval;     /* ms between keys */
  gint64       last_probe;
  gint64       last_cpu;
  gint64       max_gap;      /* wall clock, in the current keystroke's window */
  gint64       max_cpu_gap;  /* main thread CPU time, likewise */
  GArray      *stalls;       /* gint64 µs of CPU time, one per keystroke */
  GArray      *wall_stalls;  /* gint64 µs of wall clock, one per keystroke */
  GArray      *keys;         /* Keystroke, the search's */
  GArray      *ref_keys;     /* Keystroke, the plain entry's */
  glong        nivcsw_start;
  glong        nvcsw_start;
  guint        last_results;
  guint        names_found;
  gboolean     started;
} Bench;

/* Same replica and stamp as bench-startup: made once a day, shared. */
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
  replica = kiosk_replica_open (path, &error);
  g_assert_no_error (error);
  kiosk_demo_options_init (&options, today);
  options.n_customers = N_CUSTOMERS;
  options.days_after = 14;
  options.days_before = 16500;
  if (!kiosk_demo_populate (replica, &options, &error))
    g_error ("cannot make the benchmark replica: %s", error->message);
  if (kiosk_replica_count (replica, "appointment", NULL) < N_APPOINTMENTS)
    g_error ("the benchmark replica has too few appointments");
  g_file_set_contents (stamp, today, -1, NULL);
}

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
probe_cb (gpointer data)
{
  Bench *b = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (b->last_probe != 0)
    {
      b->max_gap = MAX (b->max_gap, now - b->last_probe - PROBE_MS * 1000);
      b->max_cpu_gap = MAX (b->max_cpu_gap, cpu - b->last_cpu);
    }
  b->last_probe = now;
  b->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static void
search_finished_cb (KioskCustomerSearch *search,
                    guint                n_results,
                    Bench               *b)
{
  b->last_results = n_results;
}

static void
context_switches (glong *involuntary,
                  glong *voluntary)
{
  struct rusage usage = { 0 };

  getrusage (RUSAGE_THREAD, &usage);
  *involuntary = usage.ru_nivcsw;
  *voluntary = usage.ru_nvcsw;
}

static void
close_keystroke (Bench *b)
{
  glong nivcsw, nvcsw;

  context_switches (&nivcsw, &nvcsw);
  if (b->started)
    {
      Keystroke k = { b->max_gap, b->max_cpu_gap, nivcsw - b->nivcsw_start, nvcsw - b->nvcsw_start };

      if (b->reference)
        g_array_append_val (b->ref_keys, k);
      else
        {
          g_array_append_val (b->stalls, b->max_cpu_gap);
          g_array_append_val (b->wall_stalls, b->max_gap);
          g_array_append_val (b->keys, k);
        }
    }
  b->max_gap = 0;
  b->max_cpu_gap = 0;
  b->nivcsw_start = nivcsw;
  b->nvcsw_start = nvcsw;
  b->started = TRUE;
}

static gboolean type_cb (gpointer data);

static gboolean
next_name_cb (gpointer data)
{
  Bench *b = data;

  close_keystroke (b);
  b->started = FALSE;
  if (b->reference)
    gtk_editable_set_text (b->plain, "");
  else
    {
      /* The whole name typed, the search has run: the person is found. */
      if (b->last_results > 0)
        b->names_found++;
      kiosk_customer_search_clear (b->search);
    }
  b->run++;
  b->name = b->run / 2;
  b->reference = b->run % 2 == 0;
  b->typed = 0;
  if (b->names[b->name] == NULL)
    {
      g_main_loop_quit (b->loop);
      return G_SOURCE_REMOVE;
    }
  /* Half the names fast, half slowly. */
  b->interval = (b->name % 2 == 0) ? 40 : 200;
  g_timeout_add (b->interval, type_cb, b);
  return G_SOURCE_REMOVE;
}

static gboolean
type_cb (gpointer data)
{
  Bench *b = data;
  const char *name = b->names[b->name];
  const char *end;
  g_autofree char *prefix = NULL;

  close_keystroke (b);
  end = g_utf8_offset_to_pointer (name, b->typed + 1);
  prefix = g_strndup (name, end - name);
  b->last_results = G_MAXUINT;
  /* One more character, as a key press adds it. */
  if (b->reference)
    gtk_editable_set_text (b->plain, prefix);
  else
    kiosk_customer_search_set_text (b->search, prefix);
  b->typed++;
  if (*end == '\0')
    {
      /* Wait for the delayed search and its rows, then measure them too. */
      g_timeout_add (600, next_name_cb, b);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static KioskCustomerSearch *
find_search (GtkWidget *widget)
{
  if (KIOSK_IS_CUSTOMER_SEARCH (widget))
    return KIOSK_CUSTOMER_SEARCH (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      KioskCustomerSearch *found = find_search (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static int
compare_keystroke_wall (gconstpointer a,
                        gconstpointer b)
{
  const Keystroke *x = a, *y = b;

  return x->wall < y->wall ? 1 : x->wall > y->wall ? -1 : 0;
}

/* p50/p99/max of the keystrokes' wall-clock and CPU stalls, and the worst
 * three on the wall clock with what the main thread did meanwhile. */
static void
report_keys (const char *what,
             GArray     *keys)
{
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = keys->len;

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_array_append_val (wall, g_array_index (keys, Keystroke, i).wall);
      g_array_append_val (cpu, g_array_index (keys, Keystroke, i).cpu);
    }
  g_array_sort (wall, compare_gint64);
  g_array_sort (cpu, compare_gint64);
  g_print ("# %-34s %3u keys  wall p50 %5.1f p99 %6.1f max %6.1f ms | CPU p50 %4.1f p99 %4.1f max %4.1f ms\n",
           what, n,
           g_array_index (wall, gint64, n / 2) / 1000.0,
           g_array_index (wall, gint64, MIN (n - 1, (n * 99) / 100)) / 1000.0,
           g_array_index (wall, gint64, n - 1) / 1000.0,
           g_array_index (cpu, gint64, n / 2) / 1000.0,
           g_array_index (cpu, gint64, MIN (n - 1, (n * 99) / 100)) / 1000.0,
           g_array_index (cpu, gint64, n - 1) / 1000.0);
  g_array_sort (keys, compare_keystroke_wall);
  for (guint i = 0; i < MIN (n, 3); i++)
    {
      const Keystroke *k = &g_array_index (keys, Keystroke, i);

      g_print ("#   worst %u: wall %.1f ms, main thread CPU %.1f ms; in that keystroke it was preempted %ld times, slept %ld times\n",
               i + 1, k->wall / 1000.0, k->cpu / 1000.0, k->preempted, k->waited);
    }
}

static GStrv
pick_names (KioskReplica *replica)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = kiosk_replica_list_customers (replica, &error);
  guint step;

  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, >=, N_CUSTOMERS);
  step = customers->len / N_NAMES;
  for (guint i = 0; i < N_NAMES; i++)
    {
      const KioskCustomer *c = g_ptr_array_index (customers, i * step + step / 2);
      g_autofree char *full = g_strdup_printf ("%s %s", c->first_name, c->last_name);
      /* Every other name typed the way a keyboard without Turkish letters does. */
      g_autofree char *typed = (i % 2 == 1) ? kiosk_fold_for_search (full) : g_strdup (full);

      g_strv_builder_add (builder, typed);
    }
  return g_strv_builder_end (builder);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KioskContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  GtkWidget *window;
  GtkWidget *page;
  GtkWidget *plain;
  Bench b = { 0 };
  guint probe;
  gint64 p50, p99, max;
  guint n;

  if (argc != 2)
    {
      g_printerr ("usage: %s DATA-DIR\n", argv[0]);
      return 2;
    }
  data_dir = g_canonicalize_filename (argv[1], NULL);
  ensure_big_replica (data_dir);

  gtk_init ();
  context = kiosk_context_new (data_dir, FALSE, 0, &error);
  g_assert_no_error (error);
  g_print ("1..2\n");
  g_print ("# %" G_GINT64_FORMAT " customers in the replica\n",
           kiosk_replica_count (kiosk_context_get_replica (context), "customer", NULL));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  page = kiosk_loyalty_page_new (context);
  kiosk_page_set_staff_mode (KIOSK_PAGE (page), TRUE);
  gtk_widget_set_vexpand (page, TRUE);
  /* The reference's entry, in the same window below the page (staff mode
   * hides the page's own plain entries). */
  plain = gtk_entry_new ();
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_box_append (GTK_BOX (box), page);
    gtk_box_append (GTK_BOX (box), plain);
    gtk_window_set_child (GTK_WINDOW (window), box);
  }
  gtk_window_present (GTK_WINDOW (window));

  b.search = find_search (page);
  g_assert_nonnull (b.search);
  g_signal_connect (b.search, "search-finished", G_CALLBACK (search_finished_cb), &b);
  b.names = pick_names (kiosk_context_get_replica (context));
  b.stalls = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.wall_stalls = g_array_new (FALSE, FALSE, sizeof (gint64));
  b.keys = g_array_new (FALSE, FALSE, sizeof (Keystroke));
  b.ref_keys = g_array_new (FALSE, FALSE, sizeof (Keystroke));
  b.loop = g_main_loop_new (NULL, FALSE);
  b.interval = 40;

  /* Let the window settle before the first key. */
  while (!gtk_widget_get_mapped (page))
    g_main_context_iteration (NULL, TRUE);
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  kiosk_customer_search_focus (b.search);

  /* The same-run reference: each name is typed first, with the same
   * timing, into a plain entry of the same window, which searches
   * nothing: what a keystroke costs the main loop (the entry, a frame)
   * without a search, on the machine as loaded as it is right then. */
  b.plain = GTK_EDITABLE (plain);
  b.reference = TRUE;

  probe = g_timeout_add_full (G_PRIORITY_HIGH, PROBE_MS, probe_cb, &b, NULL);
  g_timeout_add (b.interval, type_cb, &b);
  g_main_loop_run (b.loop);
  g_source_remove (probe);

  report_keys ("reference: typing, no search", b.ref_keys);
  report_keys ("typing into the customer search", b.keys);

  n = b.stalls->len;
  g_assert_cmpuint (n, >, 0);
  g_array_sort (b.wall_stalls, compare_gint64);
  g_print ("# wall clock (includes preemption by other processes): p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
           g_array_index (b.wall_stalls, gint64, n / 2) / 1000.0,
           g_array_index (b.wall_stalls, gint64, MIN (n - 1, (n * 99) / 100)) / 1000.0,
           g_array_index (b.wall_stalls, gint64, n - 1) / 1000.0);
  g_array_sort (b.stalls, compare_gint64);
  p50 = g_array_index (b.stalls, gint64, n / 2);
  p99 = g_array_index (b.stalls, gint64, MIN (n - 1, (n * 99) / 100));
  max = g_array_index (b.stalls, gint64, n - 1);
  g_print ("# %u keystrokes over %u names; main-loop stall per keystroke (main thread CPU): "
           "p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
           n, g_strv_length (b.names), p50 / 1000.0, p99 / 1000.0, max / 1000.0);
  g_print ("%s 1 - no keystroke keeps the main loop more than %d ms (max %.1f ms)\n",
           max <= STALL_BUDGET_US ? "ok" : "not ok", STALL_BUDGET_US / 1000, max / 1000.0);
  g_print ("%s 2 - every typed name was found (%u of %u)\n",
           b.names_found == g_strv_length (b.names) ? "ok" : "not ok", b.names_found, g_strv_length (b.names));

  gtk_window_destroy (GTK_WINDOW (window));
  g_array_unref (b.stalls);
  g_array_unref (b.wall_stalls);
  g_array_unref (b.keys);
  g_array_unref (b.ref_keys);
  g_strfreev (b.names);
  g_main_loop_unref (b.loop);
  return max <= STALL_BUDGET_US && b.names_found == g_strv_length (b.names) ? 0 : 1;
}
