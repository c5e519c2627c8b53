/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The headless commands of salonity-kiosk, run as a person (or a script)
 * would run them, against a real salonity-dev-server process on a free
 * loopback port. Needs a Secret Service (run it through
 * `build-aux/quickstart test --suite cli`, which provides a private one).
 *
 * The cases depend on each other and run in the order they are added (one
 * flat suite: GLib runs a suite's cases before its sub-suites): enroll,
 * sync, compare with the server, go offline, come back, be revoked.
 *
 * Usage: test-cli SALONITY-KIOSK SALONITY-DEV-SERVER
 */
#define G_LOG_DOMAIN "test-cli"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "kiosk-replica.h"
#include "kiosk-replica-sync.h"
#include "kiosk-credentials.h"
#include "kiosk-json.h"

#define DEVICE_NAME "Ön Büro İkinci Şube"

static struct {
  char        *kiosk;
  char        *dev_server;
  char        *dir;
  char        *server_dir;
  char        *data_dir;
  guint        port;
  char        *uri;
  char        *code;
  char        *salon;
  GSubprocess *server;
  char        *device;
  char        *token;
  char        *dump_before_offline;
  char        *revoked_customer;
} t;

/* Processes */

static guint
free_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* The server goes when the test does, even when an assertion aborts it. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
start_server (gboolean with_code)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *port = g_strdup_printf ("%u", t.port);

  g_ptr_array_add (argv, g_strdup (t.dev_server));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup (port));
  g_ptr_array_add (argv, g_strdup ("--seed"));
  g_ptr_array_add (argv, g_strdup ("demo"));
  g_ptr_array_add (argv, g_strdup ("--data-dir"));
  g_ptr_array_add (argv, g_strdup (t.server_dir));
  if (with_code)
    {
      g_ptr_array_add (argv, g_strdup ("--pairing-code"));
      g_ptr_array_add (argv, g_strdup (t.code));
    }
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  t.server = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  /* It prints the salon id once it listens. */
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (t.server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_uuid_string_is_valid (line));
  if (t.salon == NULL)
    t.salon = g_steal_pointer (&line);
  else
    g_assert_cmpstr (line, ==, t.salon);
}

static void
stop_server (void)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (t.server, SIGTERM);
  g_subprocess_wait (t.server, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&t.server);
}

typedef struct {
  int    status;
  char  *out;
  char  *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* TRUE when a file under @dir holds the token (the replica, its -wal and
 * -shm while they exist, …); counts the files read in @n_files. */
static gboolean
token_in_tree (const char *dir,
               guint      *n_files)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (token_in_tree (path, n_files))
            return TRUE;
          continue;
        }
      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;   /* gone meanwhile (-journal, -wal at close) */
      (*n_files)++;
      if (g_strstr_len (contents, (gssize)length, t.token) != NULL)
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  gint      done;
  guint     scans;
  gboolean  token_seen;
  char     *seen_in;
  gboolean  token_in_data;
  guint     max_files;
} Scanner;

/* Looks for the token in the command line of every process. */
static gpointer
scan_cmdlines (gpointer data)
{
  Scanner *scanner = data;

  /* At least one full scan, even when the command ends before this thread
   * is first scheduled. */
  do
    {
      g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
      const char *name;

      g_assert_nonnull (proc);
      while ((name = g_dir_read_name (proc)) != NULL)
        {
          g_autofree char *path = NULL;
          g_autofree char *contents = NULL;
          gsize length = 0;

          if (!g_ascii_isdigit (name[0]))
            continue;
          path = g_build_filename ("/proc", name, "cmdline", NULL);
          if (!g_file_get_contents (path, &contents, &length, NULL))
            continue;
          for (gsize i = 0; i < length; i++)
            if (contents[i] == '\0')
              contents[i] = ' ';
          if (t.token != NULL && strstr (contents, t.token) != NULL && !scanner->token_seen)
            {
              scanner->token_seen = TRUE;
              scanner->seen_in = g_strdup (path);
            }
        }
      /* The data folder while the kiosk writes to it (-wal included). */
      if (t.token != NULL && g_file_test (t.data_dir, G_FILE_TEST_IS_DIR))
        {
          guint n_files = 0;

          if (token_in_tree (t.data_dir, &n_files))
            scanner->token_in_data = TRUE;
          scanner->max_files = MAX (scanner->max_files, n_files);
        }
      scanner->scans++;
      g_usleep (2000);
    }
  while (!g_atomic_int_get (&scanner->done));
  return NULL;
}

static char *
bytes_to_string (GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  return size > 0 ? g_strndup (data, size) : g_strdup ("");
}

/* Runs salonity-kiosk with --data-dir and @args (NULL-terminated). While it
 * runs, every process's command line is searched for the token. */
static void
run_kiosk (Run        *run,
           const char *first_arg,
           ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  Scanner scanner = { 0, };
  GThread *thread;
  va_list args;

  g_ptr_array_add (argv, g_strdup (t.kiosk));
  g_ptr_array_add (argv, g_strdup_printf ("--data-dir=%s", t.data_dir));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  thread = g_thread_new ("scan-cmdlines", scan_cmdlines, &scanner);
  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_atomic_int_set (&scanner.done, 1);
  g_thread_join (thread);

  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  run->out = bytes_to_string (out);
  run->err = bytes_to_string (err);
  g_test_message ("salonity-kiosk %s → %d\nstdout: %s\nstderr: %s",
                  first_arg, run->status, run->out, run->err);

  g_assert_cmpuint (scanner.scans, >, 0);
  if (scanner.token_seen)
    g_error ("the device token was on the command line of %s", scanner.seen_in);
  g_free (scanner.seen_in);
  g_assert_false (scanner.token_in_data);
  if (t.token != NULL)
    g_test_message ("up to %u files in the data folder searched for the token while it ran", scanner.max_files);
  if (t.token != NULL)
    {
      g_assert_null (strstr (run->out, t.token));
      g_assert_null (strstr (run->err, t.token));
    }
}

/* Searches every file under @dir (the replica, its -wal and -shm, …). */
static void
assert_token_not_in_tree (const char *dir)
{
  guint n_files = 0;

  g_assert_false (token_in_tree (dir, &n_files));
  g_assert_cmpuint (n_files, >, 0);
  g_test_message ("%u files in %s searched for the token", n_files, dir);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static JsonObject *
status_json (void)
{
  g_auto(Run) run = { 0, };

  run_kiosk (&run, "--status", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  return parse_object (run.out);
}

/* entity + "\t" + id → the dump line's object */
static GHashTable *
dump_replica (char **out_text)
{
  g_auto(Run) run = { 0, };
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)json_object_unref);
  g_auto(GStrv) lines = NULL;
  g_autofree char *previous = NULL;

  run_kiosk (&run, "--dump-replica", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_utf8_validate (run.out, -1, NULL));
  g_assert_true (g_str_has_suffix (run.out, "\n"));

  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_autoptr(JsonObject) row = parse_object (lines[i]);
      const char *entity = json_object_get_string_member (row, "entity");
      const char *id = json_object_get_string_member (row, "id");
      g_autofree char *key = NULL;

      g_assert_nonnull (entity);
      g_assert_nonnull (id);
      g_assert_true (json_object_has_member (row, "version"));
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (row, "data")));
      g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (row, "data"), "id"), ==, id);

      /* Sorted by entity, then id, with no row twice. */
      key = g_strdup_printf ("%s\t%s", entity, id);
      if (previous != NULL)
        g_assert_cmpint (strcmp (previous, key), <, 0);
      g_clear_pointer (&previous, g_free);
      previous = g_strdup (key);
      g_hash_table_insert (rows, g_steal_pointer (&key), g_steal_pointer (&row));
    }
  g_assert_cmpuint (g_hash_table_size (rows), >, 0);
  if (out_text != NULL)
    *out_text = g_strdup (run.out);
  return g_steal_pointer (&rows);
}

/* HTTP as another client of the server would speak it. */
static guint
http (const char  *method,
      const char  *path,
      GBytes     **out_body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (t.uri, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autofree char *auth = g_strdup_printf ("Token %s", t.token);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", auth);
  body = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  if (out_body != NULL)
    *out_body = g_steal_pointer (&body);
  return soup_message_get_status (message);
}

/* The server's snapshot: entity + "\t" + id → the feed change. */
static GHashTable *
server_snapshot (void)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)json_object_unref);
  g_autofree char *cursor = NULL;
  gboolean has_more = TRUE;

  for (guint page = 0; has_more; page++)
    {
      g_autoptr(GBytes) body = NULL;
      g_autofree char *path = NULL;
      g_autofree char *text = NULL;
      g_autoptr(JsonObject) reply = NULL;
      JsonArray *changes;

      g_assert_cmpuint (page, <, 1000);
      if (cursor == NULL)
        path = g_strdup ("/api/kiosk/v1/changes/?limit=1000");
      else
        {
          g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

          path = g_strdup_printf ("/api/kiosk/v1/changes/?limit=1000&since=%s", escaped);
        }
      g_assert_cmpuint (http ("GET", path, &body), ==, 200);
      text = bytes_to_string (body);
      reply = parse_object (text);
      changes = json_object_get_array_member (reply, "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          g_autofree char *key = g_strdup_printf ("%s\t%s", json_object_get_string_member (change, "entity"),
                                                  json_object_get_string_member (change, "id"));

          if (g_str_equal (json_object_get_string_member (change, "op"), "delete"))
            g_hash_table_remove (rows, key);
          else
            g_hash_table_insert (rows, g_steal_pointer (&key), json_object_ref (change));
        }
      g_clear_pointer (&cursor, g_free);
      cursor = g_strdup (json_object_get_string_member (reply, "cursor"));
      has_more = json_object_get_boolean_member (reply, "has_more");
    }
  return g_steal_pointer (&rows);
}

/* Every field the kiosk keeps equals the server's (a field the server
 * leaves out is null, as DRF clients read it). */
static void
assert_same_row (const char *key,
                 JsonObject *dumped,
                 JsonObject *served)
{
  JsonObject *data = json_object_get_object_member (dumped, "data");
  JsonObject *server_data = json_object_get_object_member (served, "data");
  g_autoptr(GList) members = json_object_get_members (data);

  g_assert_cmpint (json_object_get_int_member (dumped, "version"), ==,
                   json_object_get_int_member (served, "version"));
  g_assert_false (json_object_get_boolean_member_with_default (dumped, "pending", FALSE));

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      JsonNode *mine = json_object_get_member (data, member);
      JsonNode *theirs = json_object_has_member (server_data, member) ? json_object_get_member (server_data, member) : NULL;

      if (theirs == NULL)
        {
          if (!JSON_NODE_HOLDS_NULL (mine))
            g_error ("%s: the kiosk has %s, the server has none", key, member);
          continue;
        }
      if (!json_node_equal (mine, theirs))
        {
          g_autofree char *a = json_to_string (mine, FALSE);
          g_autofree char *b = json_to_string (theirs, FALSE);

          g_error ("%s: %s is %s in the replica but %s on the server", key, member, a, b);
        }
    }
}

/* The cases */

static void
test_usage (void)
{
  g_auto(Run) missing = { 0, };
  g_auto(Run) two = { 0, };
  g_auto(Run) json_alone = { 0, };

  run_kiosk (&missing, "--enroll", "--server", t.uri, NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "--pairing-code"));
  g_assert_nonnull (strstr (missing.err, "--salon"));

  run_kiosk (&two, "--status", "--dump-replica", NULL);
  g_assert_cmpint (two.status, ==, 2);
  g_assert_cmpstr (two.out, ==, "");

  run_kiosk (&json_alone, "--json", NULL);
  g_assert_cmpint (json_alone.status, ==, 2);
  g_assert_nonnull (strstr (json_alone.err, "--status"));
}

static void
test_not_enrolled (void)
{
  g_autoptr(JsonObject) status = status_json ();
  g_auto(Run) sync = { 0, };

  g_assert_false (json_object_get_boolean_member (status, "enrolled"));
  g_assert_true (json_object_get_null_member (status, "server"));
  g_assert_true (json_object_get_null_member (status, "last_pull"));

  run_kiosk (&sync, "--sync-once", NULL);
  g_assert_cmpint (sync.status, ==, 5);
  g_assert_nonnull (strstr (sync.out, "--enroll"));
}

static void
test_enroll_refused_url (void)
{
  g_auto(Run) insecure = { 0, };
  g_auto(Run) not_http = { 0, };

  /* Plain HTTP to a host that is not loopback: refused before any byte
   * goes out (no network is needed for this). */
  run_kiosk (&insecure, "--enroll", "--server=http://salon.example.com", "--salon", t.salon,
             "--pairing-code", t.code, "--name", DEVICE_NAME, NULL);
  g_assert_cmpint (insecure.status, ==, 8);
  g_assert_cmpstr (insecure.err, !=, "");

  run_kiosk (&not_http, "--enroll", "--server=ftp://127.0.0.1/", "--salon", t.salon,
             "--pairing-code", t.code, "--name", DEVICE_NAME, NULL);
  g_assert_cmpint (not_http.status, ==, 8);
}

static void
test_enroll_unreachable (void)
{
  g_autofree char *closed = g_strdup_printf ("http://127.0.0.1:%u", free_port ());
  g_auto(Run) run = { 0, };

  run_kiosk (&run, "--enroll", "--server", closed, "--salon", t.salon,
             "--pairing-code", t.code, "--name", DEVICE_NAME, NULL);
  g_assert_cmpint (run.status, ==, 4);
  g_assert_cmpstr (run.err, !=, "");
}

static void
test_enroll_wrong_code (void)
{
  g_autofree char *wrong = g_strdup_printf ("%06u", (guint)((g_ascii_strtoull (t.code, NULL, 10) + 1) % 1000000));
  g_auto(Run) run = { 0, };
  g_autoptr(JsonObject) status = NULL;

  run_kiosk (&run, "--enroll", "--server", t.uri, "--salon", t.salon,
             "--pairing-code", wrong, "--name", DEVICE_NAME, NULL);
  g_assert_cmpint (run.status, ==, 6);
  g_assert_nonnull (strstr (run.err, "pairing code"));

  status = status_json ();
  g_assert_false (json_object_get_boolean_member (status, "enrolled"));
}

static void
test_enroll (void)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autoptr(GError) error = NULL;

  run_kiosk (&run, "--enroll", "--server", t.uri, "--salon", t.salon,
             "--pairing-code", t.code, "--name", DEVICE_NAME, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, t.salon));

  status = status_json ();
  g_assert_true (json_object_get_boolean_member (status, "enrolled"));
  g_assert_cmpstr (json_object_get_string_member (status, "server"), ==, t.uri);
  g_assert_cmpstr (json_object_get_string_member (status, "salon"), ==, t.salon);
  g_assert_cmpstr (json_object_get_string_member (status, "device_name"), ==, DEVICE_NAME);
  g_assert_cmpstr (json_object_get_string_member (status, "token"), ==, "stored");
  t.device = g_strdup (json_object_get_string_member (status, "device"));
  g_assert_true (g_uuid_string_is_valid (t.device));

  /* The token is in the secret store, and nowhere else. */
  t.token = kiosk_credentials_lookup_token_sync (credentials, t.uri, t.device, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (t.token), ==, 40);
  g_assert_null (strstr (run.out, t.token));
  g_assert_null (strstr (run.err, t.token));
  assert_token_not_in_tree (t.data_dir);

  /* The code was single use. */
  {
    g_autofree char *other = g_build_filename (t.dir, "other", NULL);
    g_autofree char *other_arg = g_strdup_printf ("--data-dir=%s", other);
    g_auto(Run) again = { 0, };

    run_kiosk (&again, other_arg, "--enroll", "--server", t.uri, "--salon", t.salon,
               "--pairing-code", t.code, "--name", "İkinci", NULL);
    g_assert_cmpint (again.status, ==, 6);
  }
}

static void
test_sync_once (void)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonObject) status = NULL;
  JsonObject *outbox;

  run_kiosk (&run, "--sync-once", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* One line of summary. */
  g_assert_true (g_str_has_suffix (run.out, "\n"));
  g_assert_true (strchr (run.out, '\n') == run.out + strlen (run.out) - 1);
  assert_token_not_in_tree (t.data_dir);

  status = status_json ();
  g_assert_true (json_object_get_boolean_member (status, "has_cursor"));
  g_assert_false (json_object_get_null_member (status, "last_pull"));
  g_assert_cmpint (json_object_get_int_member (status, "cursor_age_seconds"), >=, 0);
  g_assert_cmpint (json_object_get_int_member (status, "cursor_age_seconds"), <, 120);
  g_assert_cmpint (json_object_get_int_member (status, "quarantined"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (status, "salon_name"), !=, NULL);
  outbox = json_object_get_object_member (status, "outbox");
  g_assert_nonnull (outbox);
  g_assert_cmpint (json_object_get_int_member (outbox, "pending"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (outbox, "refused"), ==, 0);
  g_assert_true (json_object_has_member (outbox, "in_flight") || json_object_has_member (outbox, "in-flight"));
  g_assert_true (json_object_has_member (outbox, "done"));
  g_assert_true (json_object_has_member (outbox, "held"));
}

static void
test_dump_equals_server (void)
{
  g_autoptr(GHashTable) dumped = dump_replica (&t.dump_before_offline);
  g_autoptr(GHashTable) served = server_snapshot ();
  GHashTableIter iter;
  gpointer key, value;

  g_test_message ("%u rows in the replica, %u on the server",
                  g_hash_table_size (dumped), g_hash_table_size (served));
  g_hash_table_iter_init (&iter, served);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonObject *mine = g_hash_table_lookup (dumped, key);

      if (mine == NULL)
        g_error ("%s is on the server but not in the replica", (const char *)key);
      assert_same_row (key, mine, value);
    }
  g_hash_table_iter_init (&iter, dumped);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (served, key))
      g_error ("%s is in the replica but not on the server", (const char *)key);
}

static void
test_offline (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *after = NULL;
  g_autoptr(GHashTable) rows = NULL;

  stop_server ();
  run_kiosk (&run, "--sync-once", NULL);
  g_assert_cmpint (run.status, ==, 4);
  g_assert_cmpstr (run.out, !=, "");

  /* Nothing lost while offline. */
  rows = dump_replica (&after);
  g_assert_cmpstr (after, ==, t.dump_before_offline);

  /* And back. */
  start_server (FALSE);
  {
    g_auto(Run) again = { 0, };

    run_kiosk (&again, "--sync-once", NULL);
    g_assert_cmpint (again.status, ==, 0);
  }
}

static void
test_revoked (void)
{
  g_autofree char *db_path = g_build_filename (t.data_dir, "replica.db", NULL);
  g_autofree char *customer_id = g_uuid_string_random ();
  g_autofree char *key = g_strdup_printf ("customer\t%s", customer_id);
  g_autoptr(GHashTable) before = dump_replica (NULL);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_auto(Run) run = { 0, };
  GHashTableIter iter;
  gpointer row_key;

  g_assert_cmpuint (http ("DELETE", "/api/kiosk/v1/devices/me/", NULL), ==, 204);

  /* A desk change made after the revocation, waiting in the outbox. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KioskReplica) replica = kiosk_replica_open (db_path, &error);
    KioskCustomer customer = {
      .id = customer_id, .first_name = (char *)"Şükrü", .last_name = (char *)"Işıkgöz",
      .phone = (char *)"+905551112233", .loyalty_level = KIOSK_LEVEL_BRONZE,
      .consent_at = (char *)"2026-03-18T10:00:00+03:00", .consent_notice = (char *)"kiosk-kvkk-member-2026-1",
      .pending = TRUE,
    };
    g_autofree char *payload = kiosk_json_customer_create_body (&customer);

    g_assert_no_error (error);
    g_assert_true (kiosk_replica_begin (replica, &error));
    g_assert_true (kiosk_replica_put_customer (replica, &customer, &error));
    g_assert_true (kiosk_replica_outbox_add (replica, "customer.create", customer_id, payload, NULL, &error));
    g_assert_true (kiosk_replica_commit (replica, &error));
    g_assert_no_error (error);
  }

  run_kiosk (&run, "--sync-once", NULL);
  g_assert_cmpint (run.status, ==, 5);
  g_assert_nonnull (strstr (run.out, "--enroll"));

  after = dump_replica (NULL);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &row_key, NULL))
    g_assert_true (g_hash_table_contains (after, row_key));
  g_assert_true (g_hash_table_contains (after, key));
  g_assert_true (json_object_get_boolean_member (g_hash_table_lookup (after, key), "pending"));
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before) + 1);

  status = status_json ();
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (status, "outbox"), "pending"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (status, "outbox"), "refused"), ==, 0);
  assert_token_not_in_tree (t.data_dir);
  t.revoked_customer = g_strdup (customer_id);
}

/* What a fleet monitor reads after the revocation: unenrolled, since when
 * and why, the enrollment it had, and every change still kept; the same
 * after a restart (each command is a new process). */
static void
test_status_revoked (void)
{
  g_autoptr(JsonObject) status = status_json ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) revoked_at = NULL;
  g_auto(Run) text = { 0, };
  const char *reason;

  g_assert_false (json_object_get_boolean_member (status, "enrolled"));
  g_assert_cmpstr (json_object_get_string_member (status, "token"), ==, "revoked");
  g_assert_cmpstr (json_object_get_string_member (status, "server"), ==, t.uri);
  g_assert_cmpstr (json_object_get_string_member (status, "device"), ==, t.device);
  g_assert_cmpstr (json_object_get_string_member (status, "salon"), ==, t.salon);
  revoked_at = g_date_time_new_from_iso8601 (json_object_get_string_member (status, "revoked_at"), NULL);
  g_assert_nonnull (revoked_at);
  g_assert_cmpint (g_date_time_difference (now, revoked_at), >=, 0);
  g_assert_cmpint (g_date_time_difference (now, revoked_at), <, 120 * G_TIME_SPAN_SECOND);
  reason = json_object_get_string_member (status, "revoked_reason");
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "401"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (status, "outbox"), "pending"), ==, 1);

  run_kiosk (&text, "--status", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Enrolled: no"));
  g_assert_nonnull (strstr (text.out, "revoked"));
  g_assert_nonnull (strstr (text.out, json_object_get_string_member (status, "revoked_at")));
  g_assert_nonnull (strstr (text.out, "Outbox: 1 pending"));
}

/* Pairing again with the same salon uploads what was kept, and the
 * revocation is forgotten. */
static void
test_pair_again_uploads (void)
{
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_autofree char *key = g_strdup_printf ("customer\t%s", t.revoked_customer);
  g_autoptr(GHashTable) served = NULL;
  g_autoptr(GHashTable) dumped = NULL;
  g_auto(Run) enroll = { 0, };
  g_auto(Run) sync = { 0, };

  /* The owner makes a new code; the server keeps its rows. */
  stop_server ();
  g_free (t.code);
  t.code = g_strdup_printf ("%06u", (guint)g_random_int_range (0, 1000000));
  start_server (TRUE);

  run_kiosk (&enroll, "--enroll", "--server", t.uri, "--salon", t.salon,
             "--pairing-code", t.code, "--name", DEVICE_NAME, NULL);
  g_assert_cmpint (enroll.status, ==, 0);

  status = status_json ();
  g_assert_true (json_object_get_boolean_member (status, "enrolled"));
  g_assert_cmpstr (json_object_get_string_member (status, "token"), ==, "stored");
  g_assert_true (json_object_get_null_member (status, "revoked_at"));
  g_assert_true (json_object_get_null_member (status, "revoked_reason"));
  g_assert_cmpstr (json_object_get_string_member (status, "device"), !=, t.device);
  g_free (t.device);
  t.device = g_strdup (json_object_get_string_member (status, "device"));
  g_free (t.token);
  t.token = kiosk_credentials_lookup_token_sync (credentials, t.uri, t.device, NULL, &error);
  g_assert_no_error (error);

  run_kiosk (&sync, "--sync-once", NULL);
  g_assert_cmpint (sync.status, ==, 0);
  g_clear_pointer (&status, json_object_unref);
  status = status_json ();
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (status, "outbox"), "pending"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (status, "outbox"), "refused"), ==, 0);
  served = server_snapshot ();
  g_assert_true (g_hash_table_contains (served, key));
  dumped = dump_replica (NULL);
  g_assert_false (json_object_get_boolean_member_with_default (g_hash_table_lookup (dumped, key), "pending", FALSE));
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
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  if (argc != 3)
    g_error ("usage: %s SALONITY-KIOSK SALONITY-DEV-SERVER", argv[0]);

  t.kiosk = g_strdup (argv[1]);
  t.dev_server = g_strdup (argv[2]);
  t.dir = g_dir_make_tmp ("test-cli-XXXXXX", &error);
  g_assert_no_error (error);
  t.server_dir = g_build_filename (t.dir, "server", NULL);
  t.data_dir = g_build_filename (t.dir, "kiosk", NULL);
  g_assert_cmpint (g_mkdir (t.server_dir, 0700), ==, 0);
  t.port = free_port ();
  t.uri = g_strdup_printf ("http://127.0.0.1:%u", t.port);
  t.code = g_strdup_printf ("%06u", (guint)g_random_int_range (0, 1000000));
  start_server (TRUE);

  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/not-enrolled", test_not_enrolled);
  g_test_add_func ("/cli/enroll-refused-url", test_enroll_refused_url);
  g_test_add_func ("/cli/enroll-unreachable", test_enroll_unreachable);
  g_test_add_func ("/cli/enroll-wrong-code", test_enroll_wrong_code);
  g_test_add_func ("/cli/enroll-good-code", test_enroll);
  g_test_add_func ("/cli/sync-once", test_sync_once);
  g_test_add_func ("/cli/dump-replica", test_dump_equals_server);
  g_test_add_func ("/cli/offline", test_offline);
  g_test_add_func ("/cli/revoked", test_revoked);
  g_test_add_func ("/cli/status-revoked", test_status_revoked);
  g_test_add_func ("/cli/pair-again-uploads", test_pair_again_uploads);
  result = g_test_run ();

  if (t.server != NULL)
    stop_server ();
  if (t.token != NULL && t.device != NULL)
    {
      g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();

      kiosk_credentials_clear_token_sync (credentials, t.uri, t.device, NULL, NULL);
      memset (t.token, 0, strlen (t.token));
    }
  remove_tree (t.dir);
  return result;
}
