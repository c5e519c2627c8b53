/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The kiosk through crashes, outages and prying eyes, as real processes:
 * `salonity-kiosk --sync-once` against the contract server (in this
 * process, on loopback, answering on the main context while the children
 * run), real replica files and a real token in the Secret Service (the
 * quickstart's private D-Bus session with gnome-keyring).
 *
 *  1. kill -9 at random moments (snapshot pages, slow replies, commits
 *     dropped after the server applied them, 410 resyncs, a backlog of desk
 *     changes): every desk change reaches the server exactly once and the
 *     kiosk ends equal to a fresh copy of the server.
 *  2. Three kiosks book the same slots while the server is away: one
 *     booking per slot, the others refused with the server's reason.
 *  3. The token is in no file, log, command line or environment.
 *
 * The cases run in order and share kiosks and logs. The random seed is
 * printed; ROBUST_SEED=N replays a run.
 *
 * Usage: test-robust SALONITY-KIOSK
 */
#define G_LOG_DOMAIN "test-robust"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "kiosk-test-server.h"
#include "kiosk-replica.h"
#include "kiosk-replica-sync.h"
#include "kiosk-credentials.h"
#include "kiosk-json.h"
#include "kiosk-sync-engine.h"

#define MIN_KILLS          50
#define KILL_BUDGET_US     (200 * G_USEC_PER_SEC)  /* fail rather than run on */
#define BULK_CUSTOMERS     1800
#define CHURN_ROWS         600
#define RUN_TIMEOUT_MS     60000

/* The desk's own employee and service: nothing of the demo books them. */
#define CATEGORY  "3f2c1a0e-5b6d-4e7f-8a9b-0c1d2e3f4a50"
#define SERVICE   "3f2c1a0e-5b6d-4e7f-8a9b-0c1d2e3f4a51"
#define EMPLOYEE  "3f2c1a0e-5b6d-4e7f-8a9b-0c1d2e3f4a52"
#define EMPLOYEE2 "3f2c1a0e-5b6d-4e7f-8a9b-0c1d2e3f4a53"

typedef struct {
  char *name;
  char *dir;
  char *replica_path;
  char *device;
} Kiosk;

/* What one kiosk's desk made, to find it on the server afterwards. */
typedef struct {
  GPtrArray *customers;      /* ids */
  GPtrArray *appointments;   /* ids */
  GPtrArray *check_ins;      /* appointment ids checked in */
  GPtrArray *walkins;        /* ids */
  char      *last_appointment;
} Desk;

static struct {
  const char       *kiosk_exe;
  char             *dir;
  char             *logs;
  char             *server_dir;
  KioskTestServer  *server;
  guint             port;
  KioskCredentials *credentials;
  GRand            *rand;
  guint32           seed;
  guint             n_runs;
  GPtrArray        *kiosks;          /* Kiosk*, every one enrolled */
  /* Slot allocator */
  GDateTime        *slot_day;
  int               slot_time;
  /* The /proc scanner */
  GThread          *scanner;
  gint              scanner_stop;
  gint              children_running;
  gint              scans_during_runs;
  GMutex            seen_lock;
  GHashTable       *seen;            /* distinct command lines and environments */
  guint             phone_serial;
  guint             n_kills;
} t;

/* ----------------------------------------------------------- helpers */

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
server_put (const char *entity,
            const char *json)
{
  g_autoptr(GError) error = NULL;
  gint64 version = kiosk_test_server_put (t.server, entity, json, &error);

  g_assert_no_error (error);
  g_assert_cmpint (version, >, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/* ------------------------------------------------------- the scanner */

static void
remember (const char *what,
          char       *contents,
          gsize       length)
{
  g_autofree char *key = NULL;

  for (gsize i = 0; i < length; i++)
    if (contents[i] == '\0')
      contents[i] = ' ';
  key = g_strdup_printf ("%s\t%.*s", what, (int) length, contents);
  g_mutex_lock (&t.seen_lock);
  g_hash_table_add (t.seen, g_steal_pointer (&key));
  g_mutex_unlock (&t.seen_lock);
}

/* Keeps every distinct command line (and environment, where readable) of
 * every process, so that the tokens can be looked for once they are known:
 * a token put on a command line before the test learnt it is still found. */
static gpointer
scan_processes (gpointer data)
{
  while (!g_atomic_int_get (&t.scanner_stop))
    {
      g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
      gboolean during = g_atomic_int_get (&t.children_running) > 0;
      const char *name;

      g_assert_nonnull (proc);
      while ((name = g_dir_read_name (proc)) != NULL)
        {
          g_autofree char *cmdline = NULL;
          g_autofree char *environment = NULL;
          g_autofree char *contents = NULL;
          gsize length = 0;

          if (!g_ascii_isdigit (name[0]))
            continue;
          cmdline = g_build_filename ("/proc", name, "cmdline", NULL);
          if (g_file_get_contents (cmdline, &contents, &length, NULL) && length > 0)
            remember ("cmdline", contents, length);
          g_clear_pointer (&contents, g_free);
          environment = g_build_filename ("/proc", name, "environ", NULL);
          if (g_file_get_contents (environment, &contents, &length, NULL) && length > 0)
            remember ("environ", contents, length);
        }
      if (during)
        g_atomic_int_inc (&t.scans_during_runs);
      g_usleep (3000);
    }
  return NULL;
}

/* --------------------------------------------------------- processes */

typedef struct {
  GSubprocess *process;
  gboolean     done;
  guint        index;
  gint64       started;
  gint64       ended;
  char        *out_path;
  char        *err_path;
  char        *what;
} Child;

static void
child_free (Child *child)
{
  g_clear_object (&child->process);
  g_free (child->out_path);
  g_free (child->err_path);
  g_free (child->what);
  g_free (child);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Child, child_free)

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
child_exited_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Child *child = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  child->done = TRUE;
  child->ended = g_get_monotonic_time ();
  g_atomic_int_dec_and_test (&t.children_running);
}

/* Starts salonity-kiosk --data-dir=… @args with its stdout and stderr kept
 * in the log folder (searched for the token at the end) and every debug
 * message on. */
static Child *
child_spawn (Kiosk              *kiosk,
             const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  Child *child = g_new0 (Child, 1);

  child->index = t.n_runs++;
  child->out_path = g_strdup_printf ("%s/run-%04u-%s.out", t.logs, child->index, kiosk->name);
  child->err_path = g_strdup_printf ("%s/run-%04u-%s.err", t.logs, child->index, kiosk->name);
  g_ptr_array_add (argv, g_strdup (t.kiosk_exe));
  g_ptr_array_add (argv, g_strdup_printf ("--data-dir=%s", kiosk->dir));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  child->what = g_strjoinv (" ", (char **) argv->pdata + 2);

  /* Every debug message is kept (and searched for the token); the
   * headless commands log to stderr, so --status --json and --dump-replica
   * stay clean JSON on stdout even so. */
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, child->out_path);
  g_subprocess_launcher_set_stderr_file_path (launcher, child->err_path);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_atomic_int_inc (&t.children_running);
  child->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  child->started = g_get_monotonic_time ();
  g_subprocess_wait_async (child->process, NULL, child_exited_cb, child);
  return child;
}

static char *
read_log (const char *path)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_strdup ("");
  return g_steal_pointer (&contents);
}

/* Serves the children until @child ends; kills it with SIGKILL after
 * @kill_after_ms (negative: never). Returns the exit status, or -SIGKILL
 * when it was killed before it ended. */
static int
child_finish (Child *child,
              int    kill_after_ms)
{
  gint64 deadline = child->started + (gint64) RUN_TIMEOUT_MS * 1000;
  gint64 kill_at = kill_after_ms >= 0 ? child->started + (gint64) kill_after_ms * 1000 : G_MAXINT64;
  gboolean killed = FALSE;

  while (!child->done)
    {
      gint64 now = g_get_monotonic_time ();

      if (!killed && now >= kill_at)
        {
          g_subprocess_force_exit (child->process);  /* SIGKILL */
          killed = TRUE;
        }
      if (now > deadline)
        {
          g_autofree char *err = read_log (child->err_path);
          g_subprocess_force_exit (child->process);
          g_error ("salonity-kiosk %s did not end within %d ms; stderr:\n%s", child->what, RUN_TIMEOUT_MS, err);
        }
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }

  if (g_subprocess_get_if_signaled (child->process))
    {
      g_assert_true (killed);
      g_assert_cmpint (g_subprocess_get_term_sig (child->process), ==, SIGKILL);
      return -SIGKILL;
    }
  g_assert_true (g_subprocess_get_if_exited (child->process));
  return g_subprocess_get_exit_status (child->process);
}

/* Runs salonity-kiosk to its end; @out gets its stdout. */
static int
run_kiosk (Kiosk       *kiosk,
           char       **out,
           const char  *first_arg,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(Child) child = NULL;
  va_list ap;
  int status;

  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  child = child_spawn (kiosk, (const char * const *) args->pdata);
  status = child_finish (child, -1);
  if (out != NULL)
    *out = read_log (child->out_path);
  if (status != 0)
    {
      g_autofree char *o = read_log (child->out_path);
      g_test_message ("salonity-kiosk %s → %d: %s", child->what, status, o);
    }
  return status;
}

/* ------------------------------------------------------------ kiosks */

static void
kiosk_free (Kiosk *kiosk)
{
  g_free (kiosk->name);
  g_free (kiosk->dir);
  g_free (kiosk->replica_path);
  g_free (kiosk->device);
  g_free (kiosk);
}

static KioskReplica *
kiosk_open (Kiosk *kiosk)
{
  g_autoptr(GError) error = NULL;
  KioskReplica *replica = kiosk_replica_open (kiosk->replica_path, &error);

  g_assert_no_error (error);
  return replica;
}

/* A new data folder paired with the salon through --enroll, as an
 * installer would do it. */
static Kiosk *
kiosk_enroll (const char *name)
{
  Kiosk *kiosk = g_new0 (Kiosk, 1);
  g_autofree char *code = g_strdup_printf ("%06u", g_rand_int_range (t.rand, 0, 1000000));
  g_autofree char *server_arg = g_strdup_printf ("--server=%s", kiosk_test_server_get_uri (t.server));
  g_autofree char *salon_arg = g_strdup_printf ("--salon=%s", kiosk_test_server_get_salon_id (t.server));
  g_autofree char *code_arg = g_strdup_printf ("--pairing-code=%s", code);
  g_autofree char *name_arg = g_strdup_printf ("--name=Ön büro %s", name);
  g_autoptr(KioskReplica) replica = NULL;

  kiosk->name = g_strdup (name);
  kiosk->dir = g_build_filename (t.dir, name, NULL);
  kiosk->replica_path = g_build_filename (kiosk->dir, "replica.db", NULL);
  g_assert_cmpint (g_mkdir_with_parents (kiosk->dir, 0700), ==, 0);

  kiosk_test_server_add_pairing_code (t.server, code, 600);
  g_assert_cmpint (run_kiosk (kiosk, NULL, "--enroll", server_arg, salon_arg, code_arg, name_arg, NULL), ==, 0);

  replica = kiosk_open (kiosk);
  kiosk->device = kiosk_replica_get_meta (replica, KIOSK_META_DEVICE);
  g_assert_nonnull (kiosk->device);
  g_ptr_array_add (t.kiosks, kiosk);
  return kiosk;
}

static char *
kiosk_token (Kiosk *kiosk)
{
  g_autoptr(GError) error = NULL;
  char *token = kiosk_credentials_lookup_token_sync (t.credentials, kiosk_test_server_get_uri (t.server),
                                                     kiosk->device, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), ==, 40);
  return token;
}

static gint64
kiosk_waiting (Kiosk *kiosk)
{
  g_autoptr(KioskReplica) replica = kiosk_open (kiosk);
  g_autoptr(GError) error = NULL;
  gint64 counts[5] = { 0, };

  g_assert_true (kiosk_replica_outbox_counts (replica, counts, &error));
  g_assert_no_error (error);
  return counts[KIOSK_OUTBOX_PENDING] + counts[KIOSK_OUTBOX_IN_FLIGHT];
}

/* Runs --sync-once until it says up to date (0), or refused (3) when
 * @refused_ok, with nothing left to upload; the server may still hold a
 * slow request's key meanwhile (request_in_progress: tried again later). */
static int
sync_to_end (Kiosk    *kiosk,
             gboolean  refused_ok)
{
  for (guint attempt = 0; attempt < 40; attempt++)
    {
      int status = run_kiosk (kiosk, NULL, "--sync-once", NULL);

      if ((status == KIOSK_SYNC_ONCE_UP_TO_DATE || (refused_ok && status == KIOSK_SYNC_ONCE_REFUSED)) &&
          kiosk_waiting (kiosk) == 0)
        return status;
      /* Unreachable (a dropped commit, request_in_progress) is transient:
       * anything else is a failure of the kiosk. */
      if (status != KIOSK_SYNC_ONCE_UP_TO_DATE && !(refused_ok && status == KIOSK_SYNC_ONCE_REFUSED))
        g_assert_cmpint (status, ==, KIOSK_SYNC_ONCE_UNREACHABLE);
      spin (50);
    }
  g_error ("kiosk %s did not get up to date in 40 runs", kiosk->name);
  return -1;
}

static GPtrArray *
kiosk_outbox (Kiosk *kiosk)
{
  g_autoptr(KioskReplica) replica = kiosk_open (kiosk);
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = kiosk_replica_outbox_list (replica, &error);

  g_assert_no_error (error);
  return entries;
}

static JsonObject *
kiosk_status (Kiosk *kiosk)
{
  g_autofree char *out = NULL;

  g_assert_cmpint (run_kiosk (kiosk, &out, "--status", "--json", NULL), ==, 0);
  return parse_object (out);
}

static char *
kiosk_dump (Kiosk *kiosk)
{
  char *out = NULL;

  g_assert_cmpint (run_kiosk (kiosk, &out, "--dump-replica", NULL), ==, 0);
  g_assert_true (g_utf8_validate (out, -1, NULL));
  return out;
}

/* ---------------------------------------------------- the desk's side */

static Desk *
desk_new (void)
{
  Desk *desk = g_new0 (Desk, 1);

  desk->customers = g_ptr_array_new_with_free_func (g_free);
  desk->appointments = g_ptr_array_new_with_free_func (g_free);
  desk->check_ins = g_ptr_array_new_with_free_func (g_free);
  desk->walkins = g_ptr_array_new_with_free_func (g_free);
  return desk;
}

static void
desk_free (Desk *desk)
{
  g_ptr_array_unref (desk->customers);
  g_ptr_array_unref (desk->appointments);
  g_ptr_array_unref (desk->check_ins);
  g_ptr_array_unref (desk->walkins);
  g_free (desk->last_appointment);
  g_free (desk);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Desk, desk_free)

static int
parse_hms (const char *text)
{
  int h = 0, m = 0, s = 0;

  g_assert_nonnull (text);
  g_assert_cmpint (sscanf (text, "%d:%d:%d", &h, &m, &s), >=, 2);
  return h * 3600 + m * 60 + s;
}

/* Opening hours of @day as the server reckons them (working_hours row of
 * the weekday, else the salon's); FALSE when closed. */
static gboolean
salon_hours (GDateTime *day,
             int       *open,
             int       *close)
{
  const char *salon = kiosk_test_server_get_salon_id (t.server);
  g_autofree char *id = g_strdup_printf ("%s:%d", salon, g_date_time_get_day_of_week (day) - 1);
  g_autofree char *text = kiosk_test_server_get (t.server, "working_hours", id);
  g_autoptr(JsonObject) hours = NULL;

  if (text == NULL)
    {
      g_autofree char *salon_text = kiosk_test_server_get (t.server, "salon", salon);
      g_assert_nonnull (salon_text);
      hours = parse_object (salon_text);
    }
  else
    {
      hours = parse_object (text);
      if (json_object_get_boolean_member_with_default (hours, "is_closed", FALSE))
        return FALSE;
    }
  *open = parse_hms (json_object_get_string_member (hours, "opening_time"));
  *close = parse_hms (json_object_get_string_member (hours, "closing_time"));
  return *close > *open;
}

/* The next free half hour of the desk's employees, from the day after
 * tomorrow on (never in the past, whatever the hour). */
static void
next_slot (char **date,
           int   *time)
{
  int open = 0, close = 0;

  if (t.slot_day == NULL)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
      g_autoptr(GDateTime) now = g_date_time_new_now (tz);
      g_autoptr(GDateTime) later = g_date_time_add_days (now, 2);
      t.slot_day = g_date_time_new (tz, g_date_time_get_year (later), g_date_time_get_month (later),
                                    g_date_time_get_day_of_month (later), 12, 0, 0);
      t.slot_time = -1;
    }
  for (;;)
    {
      if (salon_hours (t.slot_day, &open, &close))
        {
          if (t.slot_time < open)
            t.slot_time = open + (1800 - open % 1800) % 1800;
          if (t.slot_time + 1800 <= close)
            break;
        }
      {
        GDateTime *next = g_date_time_add_days (t.slot_day, 1);
        g_date_time_unref (t.slot_day);
        t.slot_day = next;
        t.slot_time = -1;
      }
    }
  *date = g_date_time_format (t.slot_day, "%Y-%m-%d");
  *time = t.slot_time;
  t.slot_time += 1800;
}

static char *
desk_customer (KioskReplica *replica,
               Desk         *desk)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *consent = now_iso ();
  g_autofree char *phone = g_strdup_printf ("+90540%07u", ++t.phone_serial);
  g_autofree char *body = NULL;
  char *id = g_uuid_string_random ();
  KioskCustomer c = {
    .id = id, .first_name = (char *) "Çağrı", .last_name = (char *) "Işıkgöz",
    .phone = phone, .loyalty_level = KIOSK_LEVEL_BRONZE, .total_spent = 0,
    .consent_at = consent, .consent_notice = (char *) "kiosk-kvkk-member-2026-1", .pending = TRUE,
  };
  const char *refs[] = { NULL };

  body = kiosk_json_customer_create_body (&c);
  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_put_customer (replica, &c, &error));
  g_assert_true (kiosk_replica_outbox_add_with_refs (replica, "customer.create", id, body, refs, NULL, &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
  g_ptr_array_add (desk->customers, g_strdup (id));
  return id;
}

static char *
desk_appointment (KioskReplica *replica,
                  Desk         *desk,
                  const char   *customer,
                  const char   *employee,
                  const char   *date,
                  int           time)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  char *id = g_uuid_string_random ();
  const char *refs[] = { customer, NULL };
  KioskAppointment a = {
    .id = id, .customer = (char *) customer, .service = (char *) SERVICE,
    .employee = (char *) employee, .appointment_date = (char *) date, .appointment_time = time,
    .end_time = time + 1800, .status = KIOSK_APPOINTMENT_CONFIRMED, .notes = (char *) "Fön, kısa kesim",
    .price = 30000, .source = (char *) "kiosk", .pending = TRUE,
  };

  body = kiosk_json_appointment_create_body (&a);
  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_put_appointment (replica, &a, &error));
  g_assert_true (kiosk_replica_outbox_add_with_refs (replica, "appointment.create", id, body, refs, NULL, &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
  g_ptr_array_add (desk->appointments, g_strdup (id));
  return id;
}

/* A check-in: the row shows it at once (pending), the outbox carries it. */
static void
desk_check_in (KioskReplica *replica,
               Desk         *desk,
               const char   *appointment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = now_iso ();
  g_autofree char *body = kiosk_json_check_in_body (at);
  g_autoptr(KioskAppointment) a = NULL;
  const char *refs[] = { appointment, NULL };

  g_assert_true (kiosk_replica_begin (replica, &error));
  a = kiosk_replica_get_appointment (replica, appointment, &error);
  g_assert_no_error (error);
  g_free (a->checked_in_at);
  a->checked_in_at = g_strdup (at);
  a->pending = TRUE;
  g_assert_true (kiosk_replica_put_appointment (replica, a, &error));
  g_assert_true (kiosk_replica_outbox_add_with_refs (replica, "appointment.check_in", appointment, body, refs, NULL, &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
  g_ptr_array_add (desk->check_ins, g_strdup (appointment));
}

static void
desk_walkin (KioskReplica *replica,
             Desk         *desk,
             const char   *customer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *arrived = now_iso ();
  g_autofree char *phone = g_strdup_printf ("+90540%07u", ++t.phone_serial);
  g_autofree char *body = NULL;
  g_autofree char *id = g_uuid_string_random ();
  const char *refs[] = { customer, NULL };
  KioskWalkin w = {
    .id = id, .customer = (char *) customer, .name = (char *) "Şükrü Öğüt",
    .phone = phone, .service = (char *) SERVICE, .status = KIOSK_WALKIN_WAITING,
    .arrived_at = arrived, .pending = TRUE,
  };

  body = kiosk_json_walkin_create_body (&w);
  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_put_walkin (replica, &w, &error));
  g_assert_true (kiosk_replica_outbox_add_with_refs (replica, "walkin.create", id, body, refs, NULL, &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
  g_ptr_array_add (desk->walkins, g_strdup (id));
}

/* A few desk changes while no kiosk process runs: customers, their
 * appointments, and the check-in of the previous batch's appointment. */
static void
desk_batch (Kiosk *kiosk,
            Desk  *desk,
            guint  n)
{
  g_autoptr(KioskReplica) replica = kiosk_open (kiosk);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *customer = desk_customer (replica, desk);
      g_autofree char *date = NULL;
      int time = 0;

      next_slot (&date, &time);
      if (desk->last_appointment != NULL)
        desk_check_in (replica, desk, desk->last_appointment);
      g_free (desk->last_appointment);
      desk->last_appointment = desk_appointment (replica, desk, customer, EMPLOYEE, date, time);
    }
}

/* ------------------------------------------------------------ server */

static void
server_start (void)
{
  g_autoptr(GError) error = NULL;

  t.server = kiosk_test_server_new (t.server_dir, &error);
  g_assert_no_error (error);
  kiosk_test_server_listen (t.server, t.port, &error);
  g_assert_no_error (error);
  t.port = kiosk_test_server_get_port (t.server);
  /* Throttling is another test's business: here it would only slow the
   * retries down. */
  kiosk_test_server_set_throttle (t.server, "enrollment", 1000, 60);
  kiosk_test_server_set_throttle (t.server, "appointments", 100000, 60);
  kiosk_test_server_set_throttle (t.server, "writes", 100000, 60);
}

static void
server_stop (void)
{
  g_clear_object (&t.server);
  spin (20);
}

/* The demo salon, the desk's own employees and service, and enough
 * customers that a snapshot takes several pages. */
static void
server_seed (void)
{
  g_autoptr(GError) error = NULL;

  kiosk_test_server_seed_demo (t.server, NULL, &error);
  g_assert_no_error (error);
  server_put ("category", "{\"id\":\"" CATEGORY "\",\"name\":\"Dayanıklılık\",\"description\":\"Sınama\",\"icon\":\"scissors\"}");
  server_put ("service", "{\"id\":\"" SERVICE "\",\"category\":\"" CATEGORY "\",\"name\":\"Çabuk kesim\","
                         "\"description\":\"\",\"price\":\"300.00\",\"duration\":30,\"is_active\":true}");
  server_put ("employee", "{\"id\":\"" EMPLOYEE "\",\"name\":\"Gökçe Ünlü\",\"position\":\"Kuaför\",\"is_active\":true,"
                          "\"services\":[\"" SERVICE "\"]}");
  server_put ("employee", "{\"id\":\"" EMPLOYEE2 "\",\"name\":\"İlkay Şenöz\",\"position\":\"Kuaför\",\"is_active\":true,"
                          "\"services\":[\"" SERVICE "\"]}");
  for (guint i = 0; i < BULK_CUSTOMERS; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"id\":\"00000000-0000-4000-8000-%012u\",\"first_name\":\"Müşteri\","
                                               "\"last_name\":\"Çağlayan %u\",\"phone\":\"+90550%07u\","
                                               "\"loyalty_level\":\"bronze\",\"total_points\":0,\"current_points\":0,"
                                               "\"total_spent\":\"0.00\",\"total_visits\":0,"
                                               "\"updated_at\":\"2026-01-05T10:00:00+03:00\"}", i, i, i);
      server_put ("customer", json);
    }
}

/* Changes on the server side: the next pull has pages to apply. */
static void
server_churn (guint round)
{
  for (guint i = 0; i < CHURN_ROWS; i++)
    {
      guint n = (guint) g_rand_int_range (t.rand, 0, BULK_CUSTOMERS);
      g_autofree char *json = g_strdup_printf ("{\"id\":\"00000000-0000-4000-8000-%012u\",\"first_name\":\"Müşteri\","
                                               "\"last_name\":\"Çağlayan %u (tur %u)\",\"phone\":\"+90550%07u\","
                                               "\"loyalty_level\":\"silver\",\"total_points\":%u,\"current_points\":%u,"
                                               "\"total_spent\":\"250.00\",\"total_visits\":1,"
                                               "\"updated_at\":\"2026-01-06T10:00:00+03:00\"}", n, n, round, n, round, round);
      server_put ("customer", json);
    }
}

/* The server's own bookkeeping of idempotency keys, read from its file:
 * key → count, for @device. */
static GHashTable *
server_keys (const char *device,
             guint      *n_rows,
             guint      *n_not_done)
{
  g_autofree char *path = g_build_filename (t.server_dir, "server.sqlite3", NULL);
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT key, state, status FROM idempotency WHERE device = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, device, -1, SQLITE_TRANSIENT);
  *n_rows = 0;
  *n_not_done = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      const char *state = (const char *) sqlite3_column_text (stmt, 1);
      int status = sqlite3_column_int (stmt, 2);

      g_strdelimit (key, "\"", ' ');
      g_strstrip (key);
      (*n_rows)++;
      if (g_strcmp0 (state, "done") != 0 || status < 200 || status > 299)
        (*n_not_done)++;
      g_hash_table_insert (keys, g_steal_pointer (&key),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (keys, key)) + 1));
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return keys;
}

static gboolean
server_has (const char *entity,
            const char *id)
{
  g_autofree char *text = kiosk_test_server_get (t.server, entity, id);
  return text != NULL;
}

/* Shows where two dumps part, then fails. */
static void
assert_same_dump (const char *got,
                  const char *want,
                  const char *what)
{
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;
  guint i;

  if (g_strcmp0 (got, want) == 0)
    return;
  a = g_strsplit (got, "\n", -1);
  b = g_strsplit (want, "\n", -1);
  for (i = 0; a[i] != NULL && b[i] != NULL && g_str_equal (a[i], b[i]); i++)
    ;
  g_error ("%s: the dumps part at line %u (of %u and %u):\n got:  %s\n want: %s", what, i + 1,
           g_strv_length (a), g_strv_length (b), a[i] ? a[i] : "(end)", b[i] ? b[i] : "(end)");
}

/* ------------------------------------------------------ 1: kill -9 */

typedef enum {
  ROUND_SNAPSHOT,      /* a full snapshot: first pull, or 410 after a trimmed log */
  ROUND_SLOW_DROP,     /* desk backlog; a slow reply, a commit dropped after the server applied it */
  ROUND_RESYNC_PUSH,   /* desk backlog, server changes, and a 410 resync */
  ROUND_CHURN,         /* server changes across pages, with a desk backlog */
  N_ROUNDS,
} RoundKind;

static const char * const round_names[] = {
  "snapshot", "slow reply + commit-then-drop", "410 resync + upload", "feed pages + upload",
};

static Kiosk *kill_kiosk;
static Desk  *kill_desk;

static void
test_kill_nine (void)
{
  gint64 start = g_get_monotonic_time ();
  gint64 estimate_ms[N_ROUNDS];
  guint kills_by_kind[N_ROUNDS] = { 0, };
  guint completed_early = 0;
  Kiosk *calibration;
  Kiosk *fresh;
  g_autofree char *dump = NULL;
  g_autofree char *fresh_dump = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GHashTable) keys = NULL;
  guint n_key_rows = 0, n_keys_not_done = 0;
  gint64 base_customers, base_appointments;
  gint64 counts[5] = { 0, };
  guint round;

  /* How long a whole snapshot takes: the kill moments are spread over it. */
  calibration = kiosk_enroll ("olcum");
  {
    g_autoptr(Child) child = child_spawn (calibration, (const char *[]) { "--sync-once", NULL });
    g_assert_cmpint (child_finish (child, -1), ==, 0);
    for (guint i = 0; i < N_ROUNDS; i++)
      estimate_ms[i] = (child->ended - child->started) / 1000;
  }
  g_test_message ("A full snapshot of %" G_GINT64_FORMAT " customers took %" G_GINT64_FORMAT " ms",
                  kiosk_test_server_count (t.server, "customer"), estimate_ms[0]);
  base_customers = kiosk_test_server_count (t.server, "customer");
  base_appointments = kiosk_test_server_count (t.server, "appointment");

  kill_kiosk = kiosk_enroll ("kasa");
  kill_desk = desk_new ();

  for (round = 0; t.n_kills < MIN_KILLS; round++)
    {
      RoundKind kind = round % N_ROUNDS;
      guint n_kills = (guint) g_rand_int_range (t.rand, 1, 4);

      if (g_get_monotonic_time () - start > KILL_BUDGET_US)
        g_error ("only %u kills landed in %d s (%u runs ended before their kill)", t.n_kills,
                 (int) (KILL_BUDGET_US / G_USEC_PER_SEC), completed_early);

      switch (kind)
        {
        case ROUND_SNAPSHOT:
          /* A change the kiosk has not seen, then the log forgets it:
           * the kiosk's cursor is older than what the server keeps. */
          if (round > 0)
            {
              server_churn (round);
              kiosk_test_server_trim_log (t.server);
            }
          break;
        case ROUND_SLOW_DROP:
          {
            KioskFault slow = { .kind = KIOSK_FAULT_SLOW, .delay_ms = (guint) g_rand_int_range (t.rand, 100, 600) };
            KioskFault drop = { .kind = KIOSK_FAULT_COMMIT_THEN_DROP };

            desk_batch (kill_kiosk, kill_desk, 3);
            kiosk_test_server_push_fault (t.server, "POST", "/api/kiosk/v1/customers/", &slow);
            kiosk_test_server_push_fault (t.server, "POST", "/api/kiosk/v1/appointments/", &drop);
            kiosk_test_server_push_fault (t.server, "POST", "/api/kiosk/v1/appointments/", &slow);
            kiosk_test_server_push_fault (t.server, "POST", "/api/kiosk/v1/customers/", &drop);
          }
          break;
        case ROUND_RESYNC_PUSH:
          desk_batch (kill_kiosk, kill_desk, 3);
          server_churn (round);
          kiosk_test_server_trim_log (t.server);
          break;
        case ROUND_CHURN:
          desk_batch (kill_kiosk, kill_desk, 2);
          server_churn (round);
          break;
        case N_ROUNDS:
        default:
          g_assert_not_reached ();
        }

      /* One to three kills in a row: a restart is killed too. */
      for (guint k = 0; k < n_kills; k++)
        {
          int at = g_rand_int_range (t.rand, 5, (int) MAX (estimate_ms[kind], 50) + 1);
          g_autoptr(Child) child = child_spawn (kill_kiosk, (const char *[]) { "--sync-once", NULL });
          int status = child_finish (child, at);

          if (status == -SIGKILL)
            {
              t.n_kills++;
              kills_by_kind[kind]++;
            }
          else
            {
              /* Ended first: a normal end, or the dropped commit seen as
               * a network failure. Never local trouble. */
              completed_early++;
              /* How long this kind of run takes, learnt as it goes: the
               * kills land inside the work rather than after it. */
              estimate_ms[kind] = (estimate_ms[kind] * 2 + (child->ended - child->started) / 1000 * 11 / 10) / 3;
              if (status != KIOSK_SYNC_ONCE_UP_TO_DATE && status != KIOSK_SYNC_ONCE_UNREACHABLE)
                {
                  g_autofree char *err = read_log (child->err_path);
                  g_error ("round %u (%s): --sync-once ended with %d before its kill:\n%s",
                           round, round_names[kind], status, err);
                }
            }
        }

      /* Restart and sync to the end. Faults not met yet are met by
       * another batch: none may wait for the fresh kiosk below. */
      sync_to_end (kill_kiosk, FALSE);
      if (kiosk_test_server_get_n_faults (t.server) > 0)
        g_test_message ("round %u (%s): %u faults left", round, round_names[kind], kiosk_test_server_get_n_faults (t.server));
      while (kiosk_test_server_get_n_faults (t.server) > 0)
        {
          desk_batch (kill_kiosk, kill_desk, 1);
          sync_to_end (kill_kiosk, FALSE);
        }
    }

  g_test_message ("%u kills in %u rounds (%u snapshot, %u slow/drop, %u resync+upload, %u pages+upload); "
                  "%u runs ended before their kill; %" G_GINT64_FORMAT " ms",
                  t.n_kills, round, kills_by_kind[ROUND_SNAPSHOT], kills_by_kind[ROUND_SLOW_DROP],
                  kills_by_kind[ROUND_RESYNC_PUSH], kills_by_kind[ROUND_CHURN], completed_early,
                  (g_get_monotonic_time () - start) / 1000);

  /* Every desk change is done: none refused (a second create of the same
   * row would be), none held, none left. */
  outbox = kiosk_outbox (kill_kiosk);
  g_assert_cmpuint (outbox->len, ==, kill_desk->customers->len + kill_desk->appointments->len + kill_desk->check_ins->len);
  g_assert_cmpuint (outbox->len, >=, 30);
  for (guint i = 0; i < outbox->len; i++)
    {
      KioskOutboxEntry *e = g_ptr_array_index (outbox, i);
      if (e->state != KIOSK_OUTBOX_DONE)
        g_error ("outbox entry %" G_GINT64_FORMAT " (%s %s) is %s: %s", e->id, e->kind, e->entity_id,
                 kiosk_outbox_state_to_string (e->state), e->last_reason ? e->last_reason : "");
      counts[e->state]++;
    }

  /* The server holds each of them once: every row, no extra row, and one
   * idempotency record per outbox entry, all answered 2xx. */
  for (guint i = 0; i < kill_desk->customers->len; i++)
    g_assert_true (server_has ("customer", g_ptr_array_index (kill_desk->customers, i)));
  for (guint i = 0; i < kill_desk->appointments->len; i++)
    g_assert_true (server_has ("appointment", g_ptr_array_index (kill_desk->appointments, i)));
  for (guint i = 0; i < kill_desk->check_ins->len; i++)
    {
      g_autofree char *text = kiosk_test_server_get (t.server, "appointment", g_ptr_array_index (kill_desk->check_ins, i));
      g_autoptr(JsonObject) row = parse_object (text);
      g_assert_nonnull (json_object_get_string_member_with_default (row, "checked_in_at", NULL));
    }
  g_assert_cmpint (kiosk_test_server_count (t.server, "customer"), ==, base_customers + kill_desk->customers->len);
  g_assert_cmpint (kiosk_test_server_count (t.server, "appointment"), ==, base_appointments + kill_desk->appointments->len);

  keys = server_keys (kill_kiosk->device, &n_key_rows, &n_keys_not_done);
  g_assert_cmpuint (n_keys_not_done, ==, 0);
  g_assert_cmpuint (n_key_rows, ==, outbox->len);
  for (guint i = 0; i < outbox->len; i++)
    {
      KioskOutboxEntry *e = g_ptr_array_index (outbox, i);
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (keys, e->idempotency_key)), ==, 1);
    }

  /* The kiosk equals the server: a fresh kiosk's first sync is the
   * server's snapshot, dumped in the same line format. */
  g_assert_cmpint (sync_to_end (kill_kiosk, FALSE), ==, 0);
  dump = kiosk_dump (kill_kiosk);
  fresh = kiosk_enroll ("taze");
  g_assert_cmpint (sync_to_end (fresh, FALSE), ==, 0);
  fresh_dump = kiosk_dump (fresh);
  g_assert_cmpuint (strlen (fresh_dump), >, 0);
  g_assert_null (strstr (dump, "\"pending\":true"));
  assert_same_dump (dump, fresh_dump, "the killed kiosk and a fresh copy of the server");
  g_test_message ("%u desk changes uploaded once each; the dumps agree (%u bytes)", outbox->len, (guint) strlen (dump));
}

/* -------------------------------------- 2: three kiosks, offline */

#define N_SLOTS 3

static void
test_offline_conflict (void)
{
  Kiosk *kiosks[3];
  Desk *desks[3];
  char *slot_dates[N_SLOTS];
  int slot_times[N_SLOTS];
  char *bookings[3][N_SLOTS];
  char *own_dates[3];
  int own_times[3];
  Child *children[3];
  guint refused_total = 0;
  gint64 base_appointments, base_customers, base_walkins;
  const char *names[3] = { "bir", "iki", "uc" };

  for (guint k = 0; k < 3; k++)
    {
      kiosks[k] = kiosk_enroll (names[k]);
      g_assert_cmpint (sync_to_end (kiosks[k], FALSE), ==, 0);
      desks[k] = desk_new ();
    }
  for (guint s = 0; s < N_SLOTS; s++)
    next_slot (&slot_dates[s], &slot_times[s]);
  for (guint k = 0; k < 3; k++)
    next_slot (&own_dates[k], &own_times[k]);
  base_appointments = kiosk_test_server_count (t.server, "appointment");
  base_customers = kiosk_test_server_count (t.server, "customer");
  base_walkins = kiosk_test_server_count (t.server, "walkin");

  /* The server goes away; each desk books the same slots for its own new
   * customer, checks the first booking in, books a slot of its own with
   * the other employee and takes a walk-in. */
  server_stop ();
  for (guint k = 0; k < 3; k++)
    {
      g_autoptr(KioskReplica) replica = kiosk_open (kiosks[k]);
      g_autofree char *customer = desk_customer (replica, desks[k]);

      for (guint s = 0; s < N_SLOTS; s++)
        bookings[k][s] = desk_appointment (replica, desks[k], customer, EMPLOYEE, slot_dates[s], slot_times[s]);
      desk_check_in (replica, desks[k], bookings[k][0]);
      g_free (desk_appointment (replica, desks[k], customer, EMPLOYEE2, own_dates[k], own_times[k]));
      desk_walkin (replica, desks[k], customer);
    }
  for (guint k = 0; k < 3; k++)
    {
      g_autoptr(JsonObject) status = NULL;
      JsonObject *outbox;

      g_assert_cmpint (run_kiosk (kiosks[k], NULL, "--sync-once", NULL), ==, KIOSK_SYNC_ONCE_UNREACHABLE);
      status = kiosk_status (kiosks[k]);
      outbox = json_object_get_object_member (status, "outbox");
      g_assert_cmpint (json_object_get_int_member (outbox, "pending") + json_object_get_int_member (outbox, "in_flight"),
                       ==, 1 + N_SLOTS + 1 + 1 + 1);
    }

  /* It returns, and the three upload at the same time. */
  server_start ();
  for (guint k = 0; k < 3; k++)
    children[k] = child_spawn (kiosks[k], (const char *[]) { "--sync-once", NULL });
  for (guint k = 0; k < 3; k++)
    {
      int status = child_finish (children[k], -1);
      g_assert_true (status == KIOSK_SYNC_ONCE_UP_TO_DATE || status == KIOSK_SYNC_ONCE_REFUSED);
      child_free (children[k]);
    }
  /* Once more each, so that every kiosk has pulled the others' bookings. */
  for (guint k = 0; k < 3; k++)
    sync_to_end (kiosks[k], TRUE);

  /* One booking per slot on the server. */
  g_assert_cmpint (kiosk_test_server_count (t.server, "appointment"), ==, base_appointments + N_SLOTS + 3);
  g_assert_cmpint (kiosk_test_server_count (t.server, "customer"), ==, base_customers + 3);
  g_assert_cmpint (kiosk_test_server_count (t.server, "walkin"), ==, base_walkins + 3);
  for (guint s = 0; s < N_SLOTS; s++)
    {
      guint winners = 0;
      for (guint k = 0; k < 3; k++)
        winners += server_has ("appointment", bookings[k][s]);
      g_assert_cmpuint (winners, ==, 1);
    }

  for (guint k = 0; k < 3; k++)
    {
      g_autoptr(GPtrArray) outbox = kiosk_outbox (kiosks[k]);
      g_autoptr(JsonObject) status = kiosk_status (kiosks[k]);
      g_autoptr(KioskReplica) replica = kiosk_open (kiosks[k]);
      JsonObject *counts = json_object_get_object_member (status, "outbox");
      guint lost = 0, held = 0;

      for (guint i = 0; i < outbox->len; i++)
        {
          KioskOutboxEntry *e = g_ptr_array_index (outbox, i);
          gboolean is_booking = FALSE, won = FALSE;

          for (guint s = 0; s < N_SLOTS; s++)
            if (g_str_equal (e->entity_id, bookings[k][s]))
              {
                is_booking = TRUE;
                won = server_has ("appointment", bookings[k][s]);
              }
          if (is_booking && !won && g_str_equal (e->kind, "appointment.create"))
            {
              /* Refused with the server's reason, kept for staff. */
              g_assert_cmpint (e->state, ==, KIOSK_OUTBOX_REFUSED);
              g_assert_cmpint (e->last_status, ==, 409);
              g_assert_nonnull (e->last_reason);
              g_assert_nonnull (strstr (e->last_reason, "Bu saat dolu"));
              lost++;
            }
          else if (is_booking && !won)
            {
              /* The check-in of a lost booking waits for it: held. */
              g_assert_cmpstr (e->kind, ==, "appointment.check_in");
              g_assert_cmpint (e->state, ==, KIOSK_OUTBOX_HELD);
              held++;
            }
          else
            {
              if (e->state != KIOSK_OUTBOX_DONE)
                g_error ("kiosk %s: %s %s is %s (%s)", kiosks[k]->name, e->kind, e->entity_id,
                         kiosk_outbox_state_to_string (e->state), e->last_reason ? e->last_reason : "");
            }
        }
      g_assert_cmpint (json_object_get_int_member (counts, "refused"), ==, lost);
      g_assert_cmpint (json_object_get_int_member (counts, "held"), ==, held);
      g_assert_cmpint (json_object_get_int_member (counts, "pending"), ==, 0);
      g_assert_cmpint (json_object_get_int_member (counts, "in_flight"), ==, 0);
      g_assert_cmpint (json_object_get_int_member (counts, "done"), ==, outbox->len - lost - held);
      /* The exit code says so too. */
      g_assert_cmpint (run_kiosk (kiosks[k], NULL, "--sync-once", NULL), ==,
                       lost > 0 ? KIOSK_SYNC_ONCE_REFUSED : KIOSK_SYNC_ONCE_UP_TO_DATE);
      refused_total += lost;

      /* Every kiosk holds the winning bookings as the server's rows; its
       * lost ones stay on the desk, pending, for staff. */
      for (guint s = 0; s < N_SLOTS; s++)
        for (guint j = 0; j < 3; j++)
          {
            g_autoptr(GError) error = NULL;
            g_autoptr(KioskAppointment) a = kiosk_replica_get_appointment (replica, bookings[j][s], &error);

            if (server_has ("appointment", bookings[j][s]))
              {
                g_assert_no_error (error);
                g_assert_false (a->pending);
                g_assert_cmpint (a->version, >, 0);
              }
            else if (j == k)
              {
                g_assert_no_error (error);
                g_assert_true (a->pending);
              }
            else
              g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND);
          }
      g_test_message ("kiosk %s: %u booking(s) refused, %u check-in(s) held", kiosks[k]->name, lost, held);
    }
  g_assert_cmpuint (refused_total, ==, 2 * N_SLOTS);

  for (guint s = 0; s < N_SLOTS; s++)
    {
      g_free (slot_dates[s]);
      for (guint k = 0; k < 3; k++)
        g_free (bookings[k][s]);
    }
  for (guint k = 0; k < 3; k++)
    {
      g_free (own_dates[k]);
      desk_free (desks[k]);
    }
}

/* ------------------------------------------ 3: the token never leaks */

static guint
assert_not_in_tree (const char *dir,
                    GPtrArray  *tokens)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  g_assert_nonnull (handle);
  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          n_files += assert_not_in_tree (path, tokens);
          continue;
        }
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      for (guint i = 0; i < tokens->len; i++)
        if (g_strstr_len (contents, (gssize) length, g_ptr_array_index (tokens, i)) != NULL)
          g_error ("a device token is in %s", path);
      n_files++;
    }
  return n_files;
}

static void
test_token_never_leaks (void)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer line;
  guint n_files = 0, n_logs, n_seen;
  Kiosk *kiosk;

  /* The earlier cases ran: enrolled kiosks, killed syncs, logs. */
  g_assert_cmpuint (t.kiosks->len, >=, 6);
  g_assert_cmpuint (t.n_kills, >=, MIN_KILLS);

  /* A kiosk whose replica was damaged: the copy moved aside is searched
   * too. */
  kiosk = kiosk_enroll ("bozuk");
  g_assert_cmpint (sync_to_end (kiosk, FALSE), ==, 0);
  {
    FILE *file = fopen (kiosk->replica_path, "r+b");
    g_assert_nonnull (file);
    fwrite ("this is not an SQLite database at all", 1, 37, file);
    fclose (file);
  }
  {
    g_autoptr(JsonObject) status = kiosk_status (kiosk);
    g_assert_false (json_object_get_boolean_member (status, "enrolled"));
  }

  for (guint i = 0; i < t.kiosks->len; i++)
    g_ptr_array_add (tokens, kiosk_token (g_ptr_array_index (t.kiosks, i)));

  /* Every file of every data folder, -wal, -shm and .corrupt copies. */
  for (guint i = 0; i < t.kiosks->len; i++)
    n_files += assert_not_in_tree (((Kiosk *) g_ptr_array_index (t.kiosks, i))->dir, tokens);
  {
    g_autoptr(GDir) dir = g_dir_open (kiosk->dir, 0, NULL);
    const char *name;
    gboolean corrupt = FALSE;
    while ((name = g_dir_read_name (dir)) != NULL)
      corrupt |= strstr (name, ".corrupt") != NULL;
    g_assert_true (corrupt);
  }

  /* Every line every kiosk process wrote, debug messages included. */
  n_logs = assert_not_in_tree (t.logs, tokens);
  g_assert_cmpuint (n_logs, ==, 2 * t.n_runs);

  /* Every command line and environment seen while the kiosks ran. */
  g_atomic_int_set (&t.scanner_stop, 1);
  g_thread_join (g_steal_pointer (&t.scanner));
  g_assert_cmpint (g_atomic_int_get (&t.scans_during_runs), >, 100);
  n_seen = g_hash_table_size (t.seen);
  g_hash_table_iter_init (&iter, t.seen);
  while (g_hash_table_iter_next (&iter, &line, NULL))
    for (guint j = 0; j < tokens->len; j++)
      if (strstr (line, g_ptr_array_index (tokens, j)) != NULL)
        g_error ("a device token was seen in a process: %.200s", (char *) line);
  g_test_message ("%u tokens looked for in %u data files, %u logs and %u distinct command lines and "
                  "environments (%d scans while kiosks ran)", tokens->len, n_files, n_logs, n_seen,
                  g_atomic_int_get (&t.scans_during_runs));
}

/* --------------------------------------------------------------- main */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *seed_env;
  int result;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    {
      g_printerr ("Usage: %s SALONITY-KIOSK\n", argv[0]);
      return 2;
    }
  t.kiosk_exe = argv[1];

  seed_env = g_getenv ("ROBUST_SEED");
  t.seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10) : g_random_int ();
  t.rand = g_rand_new_with_seed (t.seed);
  g_print ("# random seed %u (replay with ROBUST_SEED=%u)\n", t.seed, t.seed);

  t.dir = g_dir_make_tmp ("kiosk-robust-XXXXXX", &error);
  g_assert_no_error (error);
  t.logs = g_build_filename (t.dir, "logs", NULL);
  t.server_dir = g_build_filename (t.dir, "server", NULL);
  g_assert_cmpint (g_mkdir_with_parents (t.logs, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (t.server_dir, 0700), ==, 0);
  t.kiosks = g_ptr_array_new_with_free_func ((GDestroyNotify) kiosk_free);
  t.credentials = kiosk_credentials_new ();
  t.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&t.seen_lock);
  t.scanner = g_thread_new ("scan-processes", scan_processes, NULL);

  server_start ();
  server_seed ();

  /* In order: the later cases use the kiosks and logs of the earlier. */
  g_test_add_func ("/robust/kill-9", test_kill_nine);
  g_test_add_func ("/robust/offline-conflict", test_offline_conflict);
  g_test_add_func ("/robust/token-never-leaks", test_token_never_leaks);
  result = g_test_run ();

  if (t.scanner != NULL)
    {
      g_atomic_int_set (&t.scanner_stop, 1);
      g_thread_join (t.scanner);
    }
  for (guint i = 0; i < t.kiosks->len; i++)
    kiosk_credentials_clear_token_sync (t.credentials, kiosk_test_server_get_uri (t.server),
                                        ((Kiosk *) g_ptr_array_index (t.kiosks, i))->device, NULL, NULL);
  g_clear_pointer (&kill_desk, desk_free);
  g_clear_object (&t.server);
  g_clear_object (&t.credentials);
  g_ptr_array_unref (t.kiosks);
  g_hash_table_unref (t.seen);
  g_clear_pointer (&t.slot_day, g_date_time_unref);
  g_rand_free (t.rand);
  remove_tree (t.dir);
  g_free (t.dir);
  g_free (t.logs);
  g_free (t.server_dir);
  return result;
}
