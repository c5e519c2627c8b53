/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The staff lock as the kiosk uses it: the PIN's hash in a real
 * gnome-keyring (private D-Bus session), the lock-out in a real replica
 * file, time on a clock the test owns. A "restart" is a new KioskStaffLock
 * over the replica file opened again. With every debug message on, the
 * PIN and its hash never reach the logs.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "kiosk-pin-lock.h"
#include "kiosk-replica.h"
#include "kiosk-staff-lock.h"
#include "kiosk-test-keyring.h"

#define SALON     "0a6f1c2e-3b4d-4e5f-8a9b-0c1d2e3f4a09"
#define PIN       "58316274"
#define WRONG_PIN "11112222"
#define MINUTE    (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)
/* 2026-09-21 14:13:20 UTC */
#define T0        G_GINT64_CONSTANT (1790000000000000)

typedef struct
{
  char         *dir;
  char         *path;
  gint64        now;
  KioskReplica *replica;
  KioskStaffLock *lock;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now;
}

/* Opens (again) the replica and a staff lock over it, as a start of the
 * program would. */
static void
start (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->lock = kiosk_staff_lock_new (fixture->replica, SALON);
  kiosk_staff_lock_set_clock (fixture->lock, fake_clock, fixture);
}

static void
stop (Fixture *fixture)
{
  g_clear_object (&fixture->lock);
  g_clear_object (&fixture->replica);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);

  fixture->dir = g_dir_make_tmp ("kiosk-test-staff-lock-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "replica.db", NULL);
  fixture->now = T0;

  /* No PIN left from an earlier test. */
  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_hash_table_insert (query, (gpointer) "xdg:schema", (gpointer) "com.salonity.Kiosk.Pin");
  secret_service_clear_sync (service, NULL, query, NULL, &error);
  g_assert_no_error (error);

  start (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  stop (fixture);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
set_pin (Fixture    *fixture,
         const char *pin)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kiosk_staff_lock_set_pin (fixture->lock, pin, NULL, &error));
  g_assert_no_error (error);
}

/* Tries @pin and checks the outcome: TRUE, or the error @code. */
static void
try_pin (Fixture    *fixture,
         const char *pin,
         int         code)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = kiosk_staff_lock_try (fixture->lock, pin, NULL, &error);

  if (code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, KIOSK_STAFF_LOCK_ERROR, code);
      g_test_message ("%s", error->message);
      if (*pin != '\0')
        g_assert_null (strstr (error->message, pin));
    }
}

#define RIGHT -1

static void
fail_times (Fixture *fixture,
            guint    times)
{
  for (guint i = 0; i < times; i++)
    {
      g_assert_cmpuint (kiosk_staff_lock_tries_left (fixture->lock), ==, KIOSK_PIN_LOCK_MAX_FAILURES - i);
      try_pin (fixture, WRONG_PIN,
               i + 1 < KIOSK_PIN_LOCK_MAX_FAILURES ? KIOSK_STAFF_LOCK_ERROR_WRONG_PIN
                                                   : KIOSK_STAFF_LOCK_ERROR_LOCKED_OUT);
    }
}

static void
test_set_and_try (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* No PIN yet: said so, and it costs no try. */
  g_assert_false (kiosk_staff_lock_has_pin (fixture->lock, NULL, &error));
  g_assert_no_error (error);
  try_pin (fixture, PIN, KIOSK_STAFF_LOCK_ERROR_NO_PIN);
  g_assert_cmpuint (kiosk_staff_lock_tries_left (fixture->lock), ==, 5);

  set_pin (fixture, PIN);
  g_assert_true (kiosk_staff_lock_has_pin (fixture->lock, NULL, &error));
  g_assert_no_error (error);
  try_pin (fixture, PIN, RIGHT);

  try_pin (fixture, WRONG_PIN, KIOSK_STAFF_LOCK_ERROR_WRONG_PIN);
  g_assert_cmpuint (kiosk_staff_lock_tries_left (fixture->lock), ==, 4);
  try_pin (fixture, "", KIOSK_STAFF_LOCK_ERROR_WRONG_PIN);
  try_pin (fixture, "5831627", KIOSK_STAFF_LOCK_ERROR_WRONG_PIN);
  g_assert_cmpuint (kiosk_staff_lock_tries_left (fixture->lock), ==, 2);
  /* The right PIN starts the count over. */
  try_pin (fixture, PIN, RIGHT);
  g_assert_cmpuint (kiosk_staff_lock_tries_left (fixture->lock), ==, 5);
  g_assert_cmpint (kiosk_staff_lock_locked_until (fixture->lock), ==, 0);
}

static void
test_invalid_pin (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const bad[] = { "", "123", "1234567890123", "12a4", "12 34", "１２３４", "şifre", "-1234" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (kiosk_staff_lock_set_pin (fixture->lock, bad[i], NULL, &error));
      g_assert_error (error, KIOSK_STAFF_LOCK_ERROR, KIOSK_STAFF_LOCK_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_false (kiosk_staff_lock_set_pin (fixture->lock, NULL, NULL, &error));
  g_assert_error (error, KIOSK_STAFF_LOCK_ERROR, KIOSK_STAFF_LOCK_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kiosk_staff_lock_has_pin (fixture->lock, NULL, &error));
  g_assert_no_error (error);

  /* 4 and 12 digits are fine. */
  set_pin (fixture, "0000");
  try_pin (fixture, "0000", RIGHT);
  set_pin (fixture, "012345678901");
  try_pin (fixture, "012345678901", RIGHT);
  try_pin (fixture, "0000", KIOSK_STAFF_LOCK_ERROR_WRONG_PIN);
}

/* Five wrong → 5 min, refused meanwhile even with the right PIN; then five
 * more → 10 min, then 20; a right PIN starts over at 5. */
static void
test_lock_out (Fixture       *fixture,
               gconstpointer  data)
{
  set_pin (fixture, PIN);

  fail_times (fixture, 5);
  g_assert_cmpint (kiosk_staff_lock_locked_until (fixture->lock), ==, T0 + 5 * MINUTE);
  g_assert_cmpuint (kiosk_staff_lock_tries_left (fixture->lock), ==, 0);

  fixture->now = T0 + 5 * MINUTE - 1;
  try_pin (fixture, PIN, KIOSK_STAFF_LOCK_ERROR_LOCKED_OUT);
  try_pin (fixture, WRONG_PIN, KIOSK_STAFF_LOCK_ERROR_LOCKED_OUT);
  /* Refused tries neither count nor lengthen the lock-out. */
  g_assert_cmpint (kiosk_staff_lock_locked_until (fixture->lock), ==, T0 + 5 * MINUTE);

  fixture->now = T0 + 5 * MINUTE;
  g_assert_cmpint (kiosk_staff_lock_locked_until (fixture->lock), ==, 0);
  g_assert_cmpuint (kiosk_staff_lock_tries_left (fixture->lock), ==, 5);
  fail_times (fixture, 5);
  g_assert_cmpint (kiosk_staff_lock_locked_until (fixture->lock), ==, T0 + 15 * MINUTE);

  fixture->now = T0 + 15 * MINUTE;
  fail_times (fixture, 5);
  g_assert_cmpint (kiosk_staff_lock_locked_until (fixture->lock), ==, T0 + 35 * MINUTE);

  fixture->now = T0 + 35 * MINUTE;
  try_pin (fixture, PIN, RIGHT);
  fail_times (fixture, 5);
  g_assert_cmpint (kiosk_staff_lock_locked_until (fixture->lock), ==, T0 + 40 * MINUTE);
}

/* Quitting and starting again keeps the lock-out and the count. */
static void
test_survives_restart (Fixture       *fixture,
                       gconstpointer  data)
{
  set_pin (fixture, PIN);
  fail_times (fixture, 5);
  fixture->now = T0 + 5 * MINUTE;
  fail_times (fixture, 2);

  stop (fixture);
  start (fixture);
  /* Mid-count: three tries left, the next lock-out is the second (10 min). */
  g_assert_cmpuint (kiosk_staff_lock_tries_left (fixture->lock), ==, 3);
  try_pin (fixture, WRONG_PIN, KIOSK_STAFF_LOCK_ERROR_WRONG_PIN);
  try_pin (fixture, WRONG_PIN, KIOSK_STAFF_LOCK_ERROR_WRONG_PIN);
  try_pin (fixture, WRONG_PIN, KIOSK_STAFF_LOCK_ERROR_LOCKED_OUT);
  g_assert_cmpint (kiosk_staff_lock_locked_until (fixture->lock), ==, T0 + 15 * MINUTE);

  stop (fixture);
  fixture->now = T0 + 6 * MINUTE;
  start (fixture);
  g_assert_cmpint (kiosk_staff_lock_locked_until (fixture->lock), ==, T0 + 15 * MINUTE);
  try_pin (fixture, PIN, KIOSK_STAFF_LOCK_ERROR_LOCKED_OUT);

  stop (fixture);
  fixture->now = T0 + 15 * MINUTE;
  start (fixture);
  try_pin (fixture, PIN, RIGHT);

  /* The right PIN's fresh start is kept too. */
  stop (fixture);
  start (fixture);
  fail_times (fixture, 5);
  g_assert_cmpint (kiosk_staff_lock_locked_until (fixture->lock), ==, T0 + 20 * MINUTE);
}

/* A try whose PIN could not be checked (no PIN set) is not a wrong try. */
static void
test_unchecked_not_counted (Fixture       *fixture,
                              gconstpointer  data)
{
  for (guint i = 0; i < 7; i++)
    try_pin (fixture, WRONG_PIN, KIOSK_STAFF_LOCK_ERROR_NO_PIN);
  g_assert_cmpuint (kiosk_staff_lock_tries_left (fixture->lock), ==, 5);
  g_assert_cmpint (kiosk_staff_lock_locked_until (fixture->lock), ==, 0);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize size = 0;
  gsize length = strlen (needle);

  if (!g_file_get_contents (path, &data, &size, NULL))
    return FALSE;
  for (gsize i = 0; i + length <= size; i++)
    if (memcmp (data + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

static char *
stored_hash (void)
{
  g_autoptr(GHashTable) query = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  g_autoptr(SecretValue) value = NULL;
  char *text;
  GList *items;

  g_hash_table_insert (query, (gpointer) "xdg:schema", (gpointer) "com.salonity.Kiosk.Pin");
  items = secret_service_search_sync (service, NULL, query, SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS,
                                      NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  value = secret_item_get_secret (items->data);
  text = g_strdup (secret_value_get_text (value));
  g_list_free_full (items, g_object_unref);
  return text;
}

/* Neither the PIN nor its hash (nor a piece of it) is in the data dir;
 * the lock-out state is, in the replica's meta. */
static void
test_nothing_secret_in_data_dir (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *hash = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *meta = NULL;
  const char *name;
  guint files = 0;

  set_pin (fixture, PIN);
  try_pin (fixture, PIN, RIGHT);
  fail_times (fixture, 2);
  hash = stored_hash ();
  parts = g_strsplit (hash, "$", 0);
  g_assert_cmpuint (g_strv_length (parts), ==, 4);

  meta = kiosk_replica_get_meta (fixture->replica, "pin_lock");
  g_assert_cmpstr (meta, ==, "v1:2:0:0:0");

  /* While open (WAL and all) and after closing. */
  for (guint round = 0; round < 2; round++)
    {
      if (round == 1)
        stop (fixture);
      dir = g_dir_open (fixture->dir, 0, NULL);
      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

          g_test_message ("checking %s", name);
          files++;
          g_assert_false (file_contains (file, PIN));
          g_assert_false (file_contains (file, WRONG_PIN));
          g_assert_false (file_contains (file, "pbkdf2"));
          g_assert_false (file_contains (file, parts[2]));   /* the salt */
          g_assert_false (file_contains (file, parts[3]));   /* the hash */
        }
      g_clear_pointer (&dir, g_dir_close);
    }
  g_assert_cmpuint (files, >=, 2);
  g_assert_true (file_contains (fixture->path, "v1:2:0:0:0"));
  start (fixture);
}

/* Without a secret store nothing is counted and the message says why. */
static void
unavailable (KioskTestKeyring *bare)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (kiosk_test_keyring_get_dir (bare), "replica.db", NULL);
  g_autoptr(KioskReplica) replica = kiosk_replica_open (path, &error);
  g_autoptr(KioskStaffLock) lock = NULL;

  g_assert_no_error (error);
  lock = kiosk_staff_lock_new (replica, SALON);
  for (guint i = 0; i < 6; i++)
    {
      g_assert_false (kiosk_staff_lock_try (lock, WRONG_PIN, NULL, &error));
      g_assert_error (error, KIOSK_STAFF_LOCK_ERROR, KIOSK_STAFF_LOCK_ERROR_UNAVAILABLE);
      g_clear_error (&error);
    }
  g_assert_cmpuint (kiosk_staff_lock_tries_left (lock), ==, 5);
  g_assert_false (kiosk_staff_lock_set_pin (lock, PIN, NULL, &error));
  g_assert_error (error, KIOSK_STAFF_LOCK_ERROR, KIOSK_STAFF_LOCK_ERROR_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_false (kiosk_staff_lock_has_pin (lock, NULL, &error));
  g_assert_error (error, KIOSK_STAFF_LOCK_ERROR, KIOSK_STAFF_LOCK_ERROR_UNAVAILABLE);
}

static void
test_unavailable (void)
{
  kiosk_test_keyring_run_in_child (FALSE, 30, unavailable);
}

/* ---- logs ------------------------------------------------------------------ */

/* Every field of every message logged (any thread) while recording. */
static GMutex     log_lock;
static GPtrArray *log_records;

static GLogWriterOutput
recording_writer (GLogLevelFlags   log_level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  gboolean recording;

  g_mutex_lock (&log_lock);
  recording = log_records != NULL;
  if (recording)
    for (gsize i = 0; i < n_fields; i++)
      {
        const char *value = fields[i].value;

        if (value == NULL)
          continue;
        g_ptr_array_add (log_records,
                         g_strdup_printf ("%s=%.*s", fields[i].key,
                                          fields[i].length < 0 ? (int) strlen (value) : (int) fields[i].length,
                                          value));
      }
  g_mutex_unlock (&log_lock);

  /* While recording, debug chatter is kept out of the TAP output. */
  if (recording && (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO)))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
start_recording_logs (void)
{
  g_mutex_lock (&log_lock);
  g_assert_null (log_records);
  log_records = g_ptr_array_new_with_free_func (g_free);
  g_mutex_unlock (&log_lock);
  g_log_set_debug_enabled (TRUE);
}

static GPtrArray *
stop_recording_logs (void)
{
  GPtrArray *records;

  g_log_set_debug_enabled (FALSE);
  g_mutex_lock (&log_lock);
  records = g_steal_pointer (&log_records);
  g_mutex_unlock (&log_lock);
  return records;
}

/* With every debug message on: setting the PIN, a wrong try, a right try,
 * a lock-out and a try during it log neither the PIN nor its stored hash
 * (nor its salt). */
static void
test_nothing_secret_in_logs (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *hash = NULL;
  g_auto(GStrv) parts = NULL;
  gboolean saw_sentinel = FALSE;

  start_recording_logs ();
  /* Proves that debug messages reach the writer. */
  g_log_structured ("kiosk-test-staff-lock", G_LOG_LEVEL_DEBUG, "MESSAGE", "sentinel: recording starts");
  set_pin (fixture, PIN);
  try_pin (fixture, WRONG_PIN, KIOSK_STAFF_LOCK_ERROR_WRONG_PIN);
  try_pin (fixture, PIN, RIGHT);
  fail_times (fixture, KIOSK_PIN_LOCK_MAX_FAILURES);
  g_assert_cmpint (kiosk_staff_lock_locked_until (fixture->lock), >, fixture->now);
  try_pin (fixture, PIN, KIOSK_STAFF_LOCK_ERROR_LOCKED_OUT);
  records = stop_recording_logs ();

  hash = stored_hash ();
  g_assert_true (g_str_has_prefix (hash, "pbkdf2-sha256$"));
  parts = g_strsplit (hash, "$", 0);
  g_assert_cmpuint (g_strv_length (parts), ==, 4);

  g_test_message ("%u log fields recorded", records->len);
  for (guint i = 0; i < records->len; i++)
    {
      const char *record = g_ptr_array_index (records, i);

      if (strstr (record, "sentinel: recording starts") != NULL)
        saw_sentinel = TRUE;
      g_assert_null (strstr (record, PIN));
      g_assert_null (strstr (record, WRONG_PIN));
      g_assert_null (strstr (record, hash));
      g_assert_null (strstr (record, parts[2]));   /* the salt */
      g_assert_null (strstr (record, parts[3]));   /* the hash */
    }
  g_assert_true (saw_sentinel);
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything logs: a writer can be set only once. */
  g_log_set_writer_func (recording_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/staff-lock/set-and-try", test_set_and_try);
  ADD ("/staff-lock/invalid-pin", test_invalid_pin);
  ADD ("/staff-lock/lock-out", test_lock_out);
  ADD ("/staff-lock/survives-restart", test_survives_restart);
  ADD ("/staff-lock/unchecked-not-counted", test_unchecked_not_counted);
  ADD ("/staff-lock/nothing-secret-in-data-dir", test_nothing_secret_in_data_dir);
  ADD ("/staff-lock/nothing-secret-in-logs", test_nothing_secret_in_logs);
#undef ADD
  g_test_add_func ("/staff-lock/unavailable", test_unavailable);

  return kiosk_test_keyring_run ();
}
