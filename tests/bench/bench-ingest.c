/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Snapshot ingest: the sync engine pulls 200 000 customers and ~1 000 000
 * appointments from the contract server, beside the sqlite3 shell loading
 * the same rows into the same replica schema in one transaction (the
 * physical limit), measured in the same run. Goal: at least 0.8× the
 * shell's rate, peak RSS of the kiosk at most 150 MB, and the kiosk's main
 * loop never blocked more than 16 ms meanwhile.
 *
 * Three processes, so that neither the server's CPU nor the seeding counts
 * on the kiosk's side:
 *   bench-ingest SQLITE3 DATA_DIR              the benchmark (parent)
 *   bench-ingest --serve DATA_DIR              the contract server
 *   bench-ingest --kiosk URI SALON CODE PATH   the kiosk's engine
 * The server's database is made once (that takes minutes) and kept in
 * DATA_DIR/server between runs.
 */
#define G_LOG_DOMAIN "bench-ingest"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "kiosk-demo.h"
#include "kiosk-replica.h"
#include "kiosk-credentials.h"
#include "kiosk-json.h"
#include "kiosk-sync-engine.h"
#include "kiosk-sync-engine-private.h"   /* API_PREFIX, FEED_LIMIT: the engine's own pages */
#include "kiosk-feed-reader.h"
#include "kiosk-transport.h"

#include "kiosk-test-server.h"
#include "kiosk-test-server-private.h"

#define N_CUSTOMERS      200000
#define N_APPOINTMENTS   1000000
/* A fixed "today" keeps the cached server database valid across days. */
#define SEED_TODAY       "2026-06-01"
#define SEED_STAMP       "200k-customers-16500-days-v1"
#define PAIRING_CODE     "246810"

#define GOAL_RATIO       0.8
#define GOAL_RSS_KB      (150 * 1024)
#define GOAL_STALL_US    (16 * 1000)

/* The tables the shell loads: every table a snapshot fills. */
static const char * const entity_tables[] = {
  "salon", "working_hours", "category", "service", "employee", "employee_service",
  "customer", "appointment", "walkin", "point_entry",
};

/* ---------------------------------------------------------------- server */

static void
put_records (KioskTestServer *server,
             KioskEntity      entity,
             GPtrArray       *records)
{
  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr(JsonNode) node = kiosk_json_from_record (entity, g_ptr_array_index (records, i));

      kiosk_test_server_put_object (server, kiosk_entity_to_string (entity), json_node_get_object (node));
    }
}

#define CHECK(call) G_STMT_START { if ((list = (call)) == NULL) g_error ("seeding: %s", error->message); } G_STMT_END

/* The demo generator at benchmark size, into a scratch replica, then into
 * the server in one bulk transaction. */
static void
seed_server (KioskTestServer *server,
             const char      *dir)
{
  g_autofree char *scratch = g_build_filename (dir, "scratch.sqlite3", NULL);
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(KioskSalon) salon = NULL;
  g_autoptr(JsonNode) salon_node = NULL;
  GPtrArray *list = NULL;
  KioskDemoOptions options;
  GDate date, end;
  gint64 start = g_get_monotonic_time ();

  g_unlink (scratch);
  replica = kiosk_replica_open (scratch, &error);
  g_assert_no_error (error);
  kiosk_demo_options_init (&options, SEED_TODAY);
  options.n_customers = N_CUSTOMERS;
  options.days_before = 16500;
  options.days_after = 14;
  if (!kiosk_demo_populate (replica, &options, &error))
    g_error ("seeding: %s", error->message);
  g_printerr ("# server: demo salon generated in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);

  kiosk_test_server_begin_bulk (server);
  salon = kiosk_replica_get_salon (replica, &error);
  g_assert_no_error (error);
  salon_node = kiosk_json_from_record (KIOSK_ENTITY_SALON, salon);
  kiosk_test_server_put_object (server, "salon", json_node_get_object (salon_node));

  CHECK (kiosk_replica_list_working_hours (replica, &error));
  put_records (server, KIOSK_ENTITY_WORKING_HOURS, list);
  g_ptr_array_unref (list);
  CHECK (kiosk_replica_list_categories (replica, &error));
  put_records (server, KIOSK_ENTITY_CATEGORY, list);
  g_ptr_array_unref (list);
  CHECK (kiosk_replica_list_services (replica, &error));
  put_records (server, KIOSK_ENTITY_SERVICE, list);
  g_ptr_array_unref (list);
  CHECK (kiosk_replica_list_employees (replica, &error));
  put_records (server, KIOSK_ENTITY_EMPLOYEE, list);
  g_ptr_array_unref (list);
  customers = kiosk_replica_list_customers (replica, &error);
  g_assert_no_error (error);
  put_records (server, KIOSK_ENTITY_CUSTOMER, customers);

  /* A year at a time: a million records at once would need a GB. */
  g_date_clear (&date, 1);
  g_date_clear (&end, 1);
  g_date_set_parse (&date, SEED_TODAY);
  end = date;
  g_date_subtract_days (&date, options.days_before + 1);
  g_date_add_days (&end, options.days_after + 1);
  while (g_date_compare (&date, &end) <= 0)
    {
      char from[16], to[16];
      GDate last = date;

      g_date_add_days (&last, 364);
      g_date_strftime (from, sizeof from, "%Y-%m-%d", &date);
      g_date_strftime (to, sizeof to, "%Y-%m-%d", &last);
      CHECK (kiosk_replica_list_appointments (replica, from, to, &error));
      put_records (server, KIOSK_ENTITY_APPOINTMENT, list);
      g_ptr_array_unref (list);
      date = last;
      g_date_add_days (&date, 1);
    }

  CHECK (kiosk_replica_list_walkins (replica, &error));
  put_records (server, KIOSK_ENTITY_WALKIN, list);
  g_ptr_array_unref (list);
  for (guint i = 0; i < customers->len; i++)
    {
      const KioskCustomer *c = g_ptr_array_index (customers, i);

      CHECK (kiosk_replica_list_point_entries (replica, c->id, &error));
      put_records (server, KIOSK_ENTITY_POINT_ENTRY, list);
      g_ptr_array_unref (list);
    }
  kiosk_test_server_end_bulk (server, TRUE);

  g_clear_object (&replica);
  g_unlink (scratch);
  {
    g_autofree char *wal = g_strconcat (scratch, "-wal", NULL);
    g_autofree char *shm = g_strconcat (scratch, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_printerr ("# server: seeded in %.1f s\n", (g_get_monotonic_time () - start) / 1e6);
}

#undef CHECK

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static int
serve (const char *data_dir)
{
  g_autofree char *dir = g_build_filename (data_dir, "server", NULL);
  g_autofree char *stamp = g_build_filename (data_dir, "server-seeded", NULL);
  g_autofree char *seeded = NULL;
  g_autoptr(KioskTestServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (stamp, &seeded, NULL, NULL) || !g_str_equal (seeded, SEED_STAMP))
    {
      g_autofree char *db = g_build_filename (dir, "server.sqlite3", NULL);
      const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

      g_unlink (stamp);
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (db, suffixes[i], NULL);
          g_unlink (file);
        }
      g_mkdir_with_parents (dir, 0700);
      server = kiosk_test_server_new (dir, &error);
      g_assert_no_error (error);
      seed_server (server, dir);
      g_file_set_contents (stamp, SEED_STAMP, -1, &error);
      g_assert_no_error (error);
      /* Closed and opened again: the last connection's close checkpoints
       * the seeding's WAL (over a GB) into the file, which the first run
       * would otherwise serve every read through, the server then being
       * slower than in every later run. */
      g_clear_object (&server);
    }
  server = kiosk_test_server_new (dir, &error);
  g_assert_no_error (error);

  kiosk_test_server_add_pairing_code (server, PAIRING_CODE, 3600);
  if (!kiosk_test_server_listen (server, 0, &error))
    g_error ("server: %s", error->message);
  printf ("%s %s %" G_GINT64_FORMAT "\n", kiosk_test_server_get_uri (server),
          kiosk_test_server_get_salon_id (server),
          kiosk_test_server_count (server, "customer") + kiosk_test_server_count (server, "appointment"));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  return 0;
}

/* ----------------------------------------------------------------- kiosk */

typedef struct {
  GMainLoop *loop;
  gint64     last_tick;
  gint64     max_stall;
  gint64     stall_at;   /* when the longest stall ended, µs after the start */
  gint64     start;
  guint      n_stalls;   /* over the goal */
  gint64     last_wait;  /* runqueue_wait_ns() at the last tick */
  gint64     max_blocked;/* the longest gap less the time spent waiting for a CPU */
  gint64     last_ran;
  gint64     blocked_ran;/* how much of it the main thread was on a CPU (µs) */
  guint      n_notify;   /* property notifications delivered on the main thread */
  gboolean   saw_syncing;
  guint64    received;   /* the engine resets its count once up to date */
  gboolean   done;
  KioskSyncState final_state;
} KioskRun;

/* The main loop's heartbeat: the longest gap between two ticks is the
 * longest time anything kept the main thread from its events. */
/* Nanoseconds this thread has waited for a CPU while runnable (Linux
 * schedstat), or -1. */
static gint64
runqueue_wait_ns (gint64 *ran_ns)
{
  /* Opened once (the probe runs on the main thread only) and read again
   * from its start: an fopen () a millisecond cost the kiosk's main
   * thread more CPU than the sync's apply thread on a 2-core machine. */
  static int fd = -2;
  char buf[128];
  unsigned long long run_ns = 0, wait_ns = 0;
  ssize_t n;

  if (fd == -2)
    fd = open ("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  n = pread (fd, buf, sizeof buf - 1, 0);
  if (n <= 0)
    return -1;
  buf[n] = '\0';
  if (sscanf (buf, "%llu %llu", &run_ns, &wait_ns) != 2)
    return -1;
  *ran_ns = (gint64) run_ns;
  return (gint64) wait_ns;
}

static gboolean
tick_cb (gpointer data)
{
  KioskRun *run = data;
  gint64 now = g_get_monotonic_time ();
  gint64 ran = 0;
  gint64 wait = runqueue_wait_ns (&ran);

  /* A gap is the main loop blocked, or the main thread waiting for a CPU
   * that other processes of a loaded machine hold: told apart here. */
  if (run->last_tick != 0 && wait >= 0 && run->last_wait >= 0)
    {
      gint64 blocked = (now - run->last_tick) - (wait - run->last_wait) / 1000;

      if (blocked > run->max_blocked)
        {
          run->max_blocked = blocked;
          run->blocked_ran = (ran - run->last_ran) / 1000;
        }
    }
  run->last_wait = wait;
  run->last_ran = ran;

  if (now - run->last_tick > GOAL_STALL_US && run->n_stalls < 8)
    g_printerr ("# kiosk: main loop stalled %.1f ms at %.3f s\n",
                (now - run->last_tick) / 1000.0, (now - run->start) / 1e6);
  if (now - run->last_tick > GOAL_STALL_US)
    run->n_stalls++;
  if (run->last_tick != 0 && now - run->last_tick > run->max_stall)
    {
      run->max_stall = now - run->last_tick;
      run->stall_at = now - run->start;
    }
  run->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_state (KioskSyncEngine *engine,
          GParamSpec      *pspec,
          KioskRun        *run)
{
  KioskSyncState state = kiosk_sync_engine_get_state (engine);

  if (state == KIOSK_SYNC_STATE_SYNCING)
    run->saw_syncing = TRUE;
  else if (run->saw_syncing || state != KIOSK_SYNC_STATE_UP_TO_DATE)
    {
      /* Anything but syncing after syncing ends the run (up to date, or a
       * failure that the parent reports). Unenrolled/offline before the
       * first page are failures too. */
      if (state == KIOSK_SYNC_STATE_UP_TO_DATE || run->saw_syncing ||
          state == KIOSK_SYNC_STATE_UNENROLLED || state == KIOSK_SYNC_STATE_OFFLINE)
        {
          run->final_state = state;
          run->done = TRUE;
          g_main_loop_quit (run->loop);
        }
    }
}

static void
on_notify (KioskSyncEngine *engine,
           GParamSpec      *pspec,
           KioskRun        *run)
{
  run->n_notify++;
}

/* The reference: the same probe for @seconds with no engine, optionally
 * with @n_spinners threads that keep every CPU busy (a loaded machine, no
 * sync), so that the sync's figure has something of the same run beside it. */
static volatile gint spin_stop;

static gpointer
spinner_thread (gpointer data)
{
  volatile guint64 x = 0;

  while (!g_atomic_int_get (&spin_stop))
    x++;
  return NULL;
}

static void
probe_reference (guint     seconds,
                 guint     n_spinners,
                 KioskRun *ref)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  GSource *timer;
  guint quit;

  ref->loop = g_main_loop_new (NULL, FALSE);
  g_atomic_int_set (&spin_stop, 0);
  for (guint i = 0; i < n_spinners; i++)
    g_ptr_array_add (threads, g_thread_new ("spinner", spinner_thread, NULL));
  timer = g_timeout_source_new (1);
  g_source_set_priority (timer, G_PRIORITY_HIGH);
  g_source_set_callback (timer, tick_cb, ref, NULL);
  g_source_attach (timer, NULL);
  quit = g_timeout_add_seconds (seconds, (GSourceFunc) quit_cb, ref->loop);
  ref->last_wait = runqueue_wait_ns (&ref->last_ran);
  ref->start = ref->last_tick = g_get_monotonic_time ();
  g_main_loop_run (ref->loop);
  g_source_destroy (timer);
  g_source_unref (timer);
  (void) quit;
  g_atomic_int_set (&spin_stop, 1);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  g_main_loop_unref (ref->loop);
}

static void
on_received (KioskSyncEngine *engine,
             GParamSpec      *pspec,
             KioskRun        *run)
{
  run->received = MAX (run->received, kiosk_sync_engine_get_records_received (engine));
}

static gint64
vm_hwm_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoll (line + 6, NULL, 10) : -1;
}

/* The server alone: the engine's pages fetched one after another by a
 * plain GET loop on one connection (nothing applied), then read by the
 * feed reader. *@serve_us is the server and the network, *@parse_us the
 * reading; beside the pipeline's time they show which stage sets its pace
 * (with fetch and read on one thread and apply on another, the slower of
 * the two; apply is the rest). */
static void
serve_alone (const char *uri,
             const char *token,
             gint64     *serve_us,
             gint64     *parse_us,
             guint      *n_pages)
{
  g_autoptr(SoupSession) session = kiosk_transport_new_session (NULL, NULL);
  g_autofree char *base = g_strdup (uri);
  g_autofree char *cursor = NULL;
  gsize len = strlen (base);

  if (len > 0 && base[len - 1] == '/')
    base[len - 1] = '\0';
  *serve_us = *parse_us = 0;
  *n_pages = 0;
  for (;;)
    {
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *url = NULL;
      g_autofree char *auth = g_strconcat ("Token ", token, NULL);
      KioskFeedPage *page;
      gint64 t0, t1;

      if (cursor == NULL)
        url = g_strdup_printf ("%s" API_PREFIX "changes/?limit=%d", base, FEED_LIMIT);
      else
        {
          g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);
          url = g_strdup_printf ("%s" API_PREFIX "changes/?since=%s&limit=%d", base, escaped, FEED_LIMIT);
        }
      msg = soup_message_new ("GET", url);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
      t0 = g_get_monotonic_time ();
      body = soup_session_send_and_read (session, msg, NULL, &error);
      t1 = g_get_monotonic_time ();
      if (body == NULL || soup_message_get_status (msg) != SOUP_STATUS_OK)
        g_error ("serving alone: %s", error ? error->message : soup_message_get_reason_phrase (msg));
      *serve_us += t1 - t0;
      page = kiosk_feed_reader_parse_page (g_bytes_get_data (body, NULL), (gssize) g_bytes_get_size (body), &error);
      *parse_us += g_get_monotonic_time () - t1;
      if (page == NULL)
        g_error ("serving alone: %s", error->message);
      (*n_pages)++;
      g_free (cursor);
      cursor = page->has_more ? g_strdup (page->cursor) : NULL;
      kiosk_feed_page_free (page);
      if (cursor == NULL)
        break;
    }
}

static int
kiosk (const char *uri,
       const char *salon,
       const char *path)
{
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autoptr(KioskSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  KioskRun run = { 0 };
  KioskRun ref_idle = { 0 };
  KioskRun ref_loaded = { 0 };
  g_autofree char *token = NULL;
  gint64 start, elapsed, hwm, serve_us, parse_us;
  guint n_pages;
  GSource *timer;

  {
    g_autoptr(SoupSession) session = kiosk_transport_new_session (NULL, &error);
    g_autoptr(KioskEnrollment) enrollment = NULL;
    g_autoptr(KioskReplica) replica = NULL;

    g_assert_no_error (error);
    enrollment = kiosk_transport_enroll (session, uri, salon, PAIRING_CODE, "Ön büro (benchmark)",
                                         NULL, NULL, &error);
    if (enrollment == NULL)
      g_error ("kiosk: cannot enroll: %s", error->message);
    if (!kiosk_credentials_store_token_sync (credentials, uri, enrollment->device, enrollment->token,
                                             NULL, &error))
      g_error ("kiosk: cannot store the token (is a Secret Service running?): %s", error->message);
    token = g_strdup (enrollment->token);
    replica = kiosk_replica_open (path, &error);
    g_assert_no_error (error);
    if (!kiosk_replica_set_meta (replica, KIOSK_META_SERVER_URL, uri, &error) ||
        !kiosk_replica_set_meta (replica, KIOSK_META_DEVICE, enrollment->device, &error) ||
        !kiosk_replica_set_meta (replica, KIOSK_META_SALON, enrollment->salon, &error))
      g_error ("kiosk: %s", error->message);
  }

  /* The same-run references: the probe alone, then beside two busy
   * threads (this machine's every core taken, but no sync). */
  probe_reference (5, 0, &ref_idle);
  probe_reference (5, 2, &ref_loaded);

  run.loop = g_main_loop_new (NULL, FALSE);
  engine = kiosk_sync_engine_new (path, credentials, NULL);
  g_signal_connect (engine, "notify::state", G_CALLBACK (on_state), &run);
  g_signal_connect (engine, "notify::records-received", G_CALLBACK (on_received), &run);
  g_signal_connect (engine, "notify", G_CALLBACK (on_notify), &run);
  /* High priority: a UI frame clock's own priority is above the default
   * one; a gap between these ticks is the main thread not available. */
  timer = g_timeout_source_new (1);
  g_source_set_priority (timer, G_PRIORITY_HIGH);
  g_source_set_callback (timer, tick_cb, &run, NULL);
  g_source_attach (timer, NULL);

  run.last_wait = runqueue_wait_ns (&run.last_ran);
  start = run.start = run.last_tick = g_get_monotonic_time ();
  kiosk_sync_engine_start (engine);
  g_main_loop_run (run.loop);
  elapsed = g_get_monotonic_time () - start;
  hwm = vm_hwm_kb ();

  g_source_destroy (timer);
  g_source_unref (timer);
  {
    /* What arrived: the rows now held (the engine's count of the snapshot
     * is reset once it is up to date). */
    g_autoptr(KioskReplica) replica = kiosk_replica_open (path, &error);

    g_assert_no_error (error);
    run.received = 0;
    for (guint i = 0; i < G_N_ELEMENTS (entity_tables); i++)
      if (!g_str_equal (entity_tables[i], "employee_service"))
        run.received += (guint64) kiosk_replica_count (replica, entity_tables[i], NULL);
  }
  /* After the run (its memory and stalls are taken): the same pages again. */
  kiosk_sync_engine_stop (engine);
  serve_alone (uri, token, &serve_us, &parse_us, &n_pages);
  printf ("state=%d records=%" G_GUINT64_FORMAT " usec=%" G_GINT64_FORMAT " hwm_kb=%" G_GINT64_FORMAT
          " stall_us=%" G_GINT64_FORMAT " stall_at_us=%" G_GINT64_FORMAT " stalls=%u blocked_us=%" G_GINT64_FORMAT " blocked_ran_us=%" G_GINT64_FORMAT
          " notify=%u ref_stall_us=%" G_GINT64_FORMAT " ref_blocked_us=%" G_GINT64_FORMAT
          " ref_loaded_stall_us=%" G_GINT64_FORMAT " ref_loaded_blocked_us=%" G_GINT64_FORMAT
          " pages=%u serve_us=%" G_GINT64_FORMAT " parse_us=%" G_GINT64_FORMAT "\n",
          (int) run.final_state, run.received, elapsed, hwm,
          run.max_stall, run.stall_at, run.n_stalls, run.max_blocked, run.blocked_ran,
          run.n_notify, ref_idle.max_stall, ref_idle.max_blocked, ref_loaded.max_stall, ref_loaded.max_blocked,
          n_pages, serve_us, parse_us);
  fflush (stdout);
  g_main_loop_unref (run.loop);
  return run.final_state == KIOSK_SYNC_STATE_UP_TO_DATE ? 0 : 1;
}

/* ---------------------------------------------------------------- parent */

static char *
run_child (const char * const *argv,
           GSubprocess       **out_proc)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  char *line;

  proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  if (line == NULL)
    g_error ("%s %s said nothing: %s", argv[0], argv[1], error ? error->message : "no output");
  if (out_proc != NULL)
    *out_proc = g_steal_pointer (&proc);
  else
    g_subprocess_wait (proc, NULL, NULL);
  return line;
}

/* CPU seconds a process has used so far (user + system). */
static double
cpu_seconds (GSubprocess *proc)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/stat", g_subprocess_get_identifier (proc));
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (after = strrchr (stat, ')')) == NULL)
    return 0;
  /* After "pid (comm)": state is field 3, utime 14, stime 15. */
  fields = g_strsplit (after + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return 0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / sysconf (_SC_CLK_TCK);
}

static gint64
field (const char *line,
       const char *name)
{
  g_autofree char *key = g_strconcat (name, "=", NULL);
  const char *p = strstr (line, key);

  if (p == NULL)
    g_error ("no %s in “%s”", name, line);
  return g_ascii_strtoll (p + strlen (key), NULL, 10);
}

static void
remove_db (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

/* The kiosk's rows as one transaction of INSERTs, in the order the server
 * sent them (rowid order). Returns the number of rows. */
static gint64
write_load_sql (const char *sqlite3,
                const char *replica_path,
                const char *sql_path)
{
  g_autoptr(GString) script = g_string_new (".output ");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  gint64 rows = 0;

  g_string_append_printf (script, "%s\n", sql_path);
  /* The replica's search triggers call the kiosk's own SQL functions
   * (kiosk_fold, kiosk_digits), which the shell does not have: its target
   * goes without them, so the shell only loads the rows (the physical
   * limit) while the kiosk also keeps its search index. */
  g_string_append (script, ".mode list\n"
                           "SELECT 'DROP TRIGGER IF EXISTS \"' || name || '\";' FROM sqlite_master "
                           "WHERE type = 'trigger' AND (sql LIKE '%kiosk_fold%' OR sql LIKE '%kiosk_digits%');\n");
  g_string_append (script, ".print BEGIN;\n");
  for (guint i = 0; i < G_N_ELEMENTS (entity_tables); i++)
    {
      g_string_append_printf (script, ".mode insert %s\nSELECT * FROM %s;\n", entity_tables[i], entity_tables[i]);
    }
  g_string_append (script, ".print COMMIT;\n");

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE, &error, sqlite3, "-batch", replica_path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, script->str, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("sqlite3 could not dump %s", replica_path);

  replica = kiosk_replica_open (replica_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (entity_tables); i++)
    rows += kiosk_replica_count (replica, entity_tables[i], NULL);
  return rows;
}

/* Seconds the shell takes to load @sql_path into a fresh replica. */
static double
shell_load (const char *sqlite3,
            const char *sql_path,
            const char *target)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  remove_db (target);
  {
    /* The same schema (and journal mode) as the kiosk's replica. */
    g_autoptr(KioskReplica) fresh = kiosk_replica_open (target, &error);
    g_assert_no_error (error);
  }
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_stdin_file_path (launcher, sql_path);
  proc = g_subprocess_launcher_spawn (launcher, &error, sqlite3, "-batch", "-bail", target, NULL);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_subprocess_wait_check (proc, NULL, &error);
  if (error != NULL)
    g_error ("sqlite3 < %s: %s", sql_path, error->message);
  return (g_get_monotonic_time () - start) / 1e6;
}

static int
benchmark (const char *self_path,
           const char *sqlite3,
           const char *data_dir)
{
  g_autofree char *replica_path = g_build_filename (data_dir, "kiosk.sqlite3", NULL);
  g_autofree char *shell_path = g_build_filename (data_dir, "shell.sqlite3", NULL);
  g_autofree char *sql_path = g_build_filename (data_dir, "load.sql", NULL);
  g_autoptr(GSubprocess) server = NULL;
  g_autofree char *server_line = NULL;
  g_autofree char *kiosk_line = NULL;
  g_auto(GStrv) parts = NULL;
  gint64 served, records, usec, hwm, stall, blocked, rows, notify;
  gint64 ref_stall, ref_blocked, ref_loaded_stall, ref_loaded_blocked;
  gint64 pages, serve_us, parse_us;
  double kiosk_rate, shell_seconds, shell_rate, ratio, server_cpu;
  gboolean ok = TRUE;

  g_mkdir_with_parents (data_dir, 0700);
  g_print ("# starting the contract server (the first run seeds it: several minutes)\n");
  {
    const char *argv[] = { self_path, "--serve", data_dir, NULL };
    server_line = run_child (argv, &server);
  }
  parts = g_strsplit (server_line, " ", 3);
  if (g_strv_length (parts) != 3)
    g_error ("the server said “%s”", server_line);
  served = g_ascii_strtoll (parts[2], NULL, 10);
  g_print ("# server %s: %" G_GINT64_FORMAT " customers and appointments\n", parts[0], served);
  if (served < N_CUSTOMERS + N_APPOINTMENTS)
    g_error ("the server holds only %" G_GINT64_FORMAT " customers and appointments", served);

  remove_db (replica_path);
  server_cpu = cpu_seconds (server);
  {
    const char *argv[] = { self_path, "--kiosk", parts[0], parts[1], replica_path, NULL };
    kiosk_line = run_child (argv, NULL);
  }
  server_cpu = cpu_seconds (server) - server_cpu;
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_print ("# kiosk: %s\n", kiosk_line);
  if (field (kiosk_line, "state") != KIOSK_SYNC_STATE_UP_TO_DATE)
    g_error ("the kiosk did not finish its snapshot");

  records = field (kiosk_line, "records");
  usec = field (kiosk_line, "usec");
  hwm = field (kiosk_line, "hwm_kb");
  stall = field (kiosk_line, "stall_us");
  blocked = field (kiosk_line, "blocked_us");
  notify = field (kiosk_line, "notify");
  ref_stall = field (kiosk_line, "ref_stall_us");
  ref_blocked = field (kiosk_line, "ref_blocked_us");
  ref_loaded_stall = field (kiosk_line, "ref_loaded_stall_us");
  ref_loaded_blocked = field (kiosk_line, "ref_loaded_blocked_us");
  pages = field (kiosk_line, "pages");
  serve_us = field (kiosk_line, "serve_us");
  parse_us = field (kiosk_line, "parse_us");

  g_print ("# writing the same rows as SQL for the sqlite3 shell\n");
  rows = write_load_sql (sqlite3, replica_path, sql_path);
  shell_seconds = shell_load (sqlite3, sql_path, shell_path);
  remove_db (shell_path);
  g_unlink (sql_path);

  kiosk_rate = records / (usec / 1e6);
  shell_rate = rows / shell_seconds;
  ratio = kiosk_rate / shell_rate;

  g_print ("kiosk snapshot:  %" G_GINT64_FORMAT " records in %.2f s = %.0f records/s\n",
           records, usec / 1e6, kiosk_rate);
  g_print ("server CPU:      %.1f s while serving it (%.0f records per server-second)\n",
           server_cpu, server_cpu > 0 ? records / server_cpu : 0);
  g_print ("where it goes:   the same %" G_GINT64_FORMAT " pages alone, one after another: server and network "
           "%.2f s (%.0f records/s), reading them %.2f s (%.0f records/s); the snapshot fetches and reads "
           "on one thread while it applies on another, so applying took the rest\n",
           pages, serve_us / 1e6, serve_us > 0 ? records / (serve_us / 1e6) : 0,
           parse_us / 1e6, parse_us > 0 ? records / (parse_us / 1e6) : 0);
  g_print ("sqlite3 shell:   %" G_GINT64_FORMAT " rows in %.2f s = %.0f rows/s (one transaction)\n",
           rows, shell_seconds, shell_rate);
  g_print ("ratio:           %.2fx the shell (goal >= %.1fx)%s\n", ratio, GOAL_RATIO,
           ratio >= GOAL_RATIO ? "" : "  MISSED");
  g_print ("kiosk peak RSS:  %.1f MB (goal <= %d MB)%s\n", hwm / 1024.0, GOAL_RSS_KB / 1024,
           hwm <= GOAL_RSS_KB ? "" : "  MISSED");
  g_print ("main loop stall: %.1f ms at most between two 1 ms high-priority ticks; %.1f ms of it not spent waiting for a CPU "
           "(goal <= %d ms)%s\n", stall / 1000.0, blocked / 1000.0, GOAL_STALL_US / 1000,
           blocked <= GOAL_STALL_US ? "" : "  MISSED");
  g_print ("  reference:     %.1f ms (%.1f ms not waiting for a CPU) for the probe alone, "
           "%.1f ms (%.1f ms) beside two busy threads; same run, no sync\n",
           ref_stall / 1000.0, ref_blocked / 1000.0, ref_loaded_stall / 1000.0, ref_loaded_blocked / 1000.0);
  g_print ("  deliveries:    %" G_GINT64_FORMAT " property notifications on the main thread (%.1f a second)\n",
           notify, notify / (usec / 1e6));
  if (stall > GOAL_STALL_US && blocked <= GOAL_STALL_US)
    g_print ("# the longer gaps were the main thread waiting for a CPU that other processes held\n");

  if (records < N_CUSTOMERS + N_APPOINTMENTS)
    {
      g_print ("the kiosk received only %" G_GINT64_FORMAT " records\n", records);
      ok = FALSE;
    }
  if (rows != records)
    {
      /* Every record of a clean snapshot is a row (employee services aside). */
      g_print ("# note: %" G_GINT64_FORMAT " rows for %" G_GINT64_FORMAT " records\n", rows, records);
    }
  ok = ok && ratio >= GOAL_RATIO && hwm <= GOAL_RSS_KB && blocked <= GOAL_STALL_US;
  return ok ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--serve"))
    return serve (argv[2]);
  if (argc == 5 && g_str_equal (argv[1], "--kiosk"))
    return kiosk (argv[2], argv[3], argv[4]);
  if (argc == 3)
    return benchmark (argv[0], argv[1], argv[2]);
  g_printerr ("usage: %s SQLITE3 DATA_DIR\n", argv[0]);
  return 2;
}
