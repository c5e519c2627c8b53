/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The local replica as its users see it: what is written comes back, what
 * is committed survives failures, and no file is ever lost.
 */
#define G_LOG_DOMAIN "test-replica"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "kiosk-replica.h"
#include "kiosk-replica-private.h"
#include "kiosk-replica-search.h"
#include "kiosk-replica-sync.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

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
        g_assert_no_errno (g_unlink (child));
    }
  g_assert_no_errno (g_rmdir (path));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("kiosk-replica-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "replica.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Raw looks at the file, beside the API under test. */

static sqlite3 *
raw_open_flags (const char *path,
                int         flags)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, flags, NULL), ==, SQLITE_OK);
  return db;
}

static sqlite3 *
raw_open (const char *path)
{
  return raw_open_flags (path, SQLITE_OPEN_READWRITE);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
file_user_version (const char *path)
{
  sqlite3 *db = raw_open (path);
  gint64 version = raw_int (db, "PRAGMA user_version");

  sqlite3_close (db);
  return version;
}

static gboolean
file_has_object (const char *path,
                 const char *name)
{
  sqlite3 *db = raw_open (path);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE name = '%s'", name);
  gint64 n = raw_int (db, sql);

  sqlite3_close (db);
  return n == 1;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static char **
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_strv_builder_add (names, name);
  return g_strv_builder_end (names);
}

/* The replica warns in the log when it moves a file aside. Warnings are
 * fatal in tests, and g_test_expect_message() does not see structured
 * logging in GLib 2.74, so a writer catches the ones a test asks for. */
static GPtrArray *caught_warnings;

static GLogWriterOutput
catch_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE"))
        message = fields[i].value;
    }

  if (caught_warnings != NULL && (log_level & G_LOG_LEVEL_WARNING) &&
      g_strcmp0 (domain, "kiosk-replica") == 0 && message != NULL)
    {
      g_ptr_array_add (caught_warnings, g_strdup (message));
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
catch_warnings (void)
{
  g_assert_null (caught_warnings);
  caught_warnings = g_ptr_array_new_with_free_func (g_free);
}

/* Stops catching; asserts that exactly one warning matched @pattern. */
static void
assert_caught_warning (const char *pattern)
{
  g_autoptr(GPtrArray) warnings = g_steal_pointer (&caught_warnings);

  g_assert_nonnull (warnings);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_test_message ("warning: %s", (const char *)g_ptr_array_index (warnings, 0));
  g_assert_true (g_pattern_match_simple (pattern, g_ptr_array_index (warnings, 0)));
}

/* Sample records: Turkish text everywhere, optional fields NULL. */

static KioskCustomer *
make_customer (const char *id,
               const char *first_name,
               const char *last_name,
               const char *phone)
{
  KioskCustomer *customer = g_new0 (KioskCustomer, 1);

  customer->id = g_strdup (id);
  customer->first_name = g_strdup (first_name);
  customer->last_name = g_strdup (last_name);
  customer->phone = g_strdup (phone);
  customer->loyalty_level = KIOSK_LEVEL_BRONZE;
  return customer;
}

static KioskAppointment *
make_appointment (const char *id,
                  const char *customer,
                  const char *service,
                  const char *employee,
                  const char *date,
                  int         time)
{
  KioskAppointment *appt = g_new0 (KioskAppointment, 1);

  appt->id = g_strdup (id);
  appt->customer = g_strdup (customer);
  appt->service = g_strdup (service);
  appt->employee = g_strdup (employee);
  appt->appointment_date = g_strdup (date);
  appt->appointment_time = time;
  appt->end_time = time + 45 * 60;
  appt->status = KIOSK_APPOINTMENT_CONFIRMED;
  appt->price = 45000;
  appt->source = g_strdup ("kiosk");
  return appt;
}

/* A customer row as an earlier build wrote it, into a file of that
 * version: today's kiosk_replica_put_customer() writes columns an older
 * file lacks (consent_notice, version 6). */
static void
put_old_customer (KioskReplica        *replica,
                  const KioskCustomer *customer)
{
  g_autoptr(GError) error = NULL;
  char *sql = sqlite3_mprintf ("INSERT INTO customer (id, first_name, last_name, phone, loyalty_level, "
                               "version, pending) VALUES (%Q, %Q, %Q, %Q, %Q, %lld, %d)",
                               customer->id, customer->first_name, customer->last_name, customer->phone,
                               kiosk_loyalty_level_to_string (customer->loyalty_level),
                               (long long) customer->version, customer->pending ? 1 : 0);

  g_assert_true (kiosk_replica_exec_for_testing (replica, sql, &error));
  g_assert_no_error (error);
  sqlite3_free (sql);
}

static void
put_customers (KioskReplica *replica,
               const char   *prefix,
               guint         n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kiosk_replica_begin (replica, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%05u", prefix, i);
      g_autofree char *phone = g_strdup_printf ("+90555%07u", i);
      g_autoptr(KioskCustomer) customer = make_customer (id, "Şükrü", "Öztürk", phone);

      g_assert_true (kiosk_replica_put_customer (replica, customer, &error));
      g_assert_no_error (error);
    }
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
}

static gint64
count (KioskReplica *replica,
       const char   *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kiosk_replica_count (replica, table, &error);

  g_assert_no_error (error);
  return n;
}

/* Migrations */

static const char * const v1_tables[] = {
  "salon", "working_hours", "category", "service", "employee", "employee_service",
  "customer", "appointment", "walkin", "point_entry", "outbox", "meta",
};
static const char * const v2_objects[] = {
  "appointment_by_date_time", "appointment_by_employee_date", "customer_by_phone",
  "point_entry_by_customer", "walkin_by_status", "outbox_by_state", "quarantine",
};
static const char * const v3_objects[] = {
  "outbox_ref", "outbox_ref_by_ref", "outbox_by_entity", "snapshot_seen", "server_copy",
  "customer_by_level",
};

static const char * const v4_objects[] = {
  "customer_search", "customer_search_by_name", "customer_search_by_last", "customer_search_by_digits",
  "customer_fts", "customer_phone_part", "digit_position", "customer_search_keys_insert",
  "customer_search_keys_delete", "customer_search_insert", "customer_search_update", "customer_search_delete",
};

static const char * const v5_objects[] = {
  "customer_fts_source",
};

static void
assert_file_is_current (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (v4_objects); i++)
    g_assert_true (file_has_object (path, v4_objects[i]));
  for (guint i = 0; i < G_N_ELEMENTS (v5_objects); i++)
    g_assert_true (file_has_object (path, v5_objects[i]));
  g_assert_cmpint (file_user_version (path), ==, 7);
  for (guint i = 0; i < G_N_ELEMENTS (v2_objects); i++)
    g_assert_true (file_has_object (path, v2_objects[i]));
  for (guint i = 0; i < G_N_ELEMENTS (v3_objects); i++)
    g_assert_true (file_has_object (path, v3_objects[i]));
}

static void
test_migrate_from_empty (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (fixture->path, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_nonnull (replica);
  g_assert_cmpint (kiosk_replica_get_schema_version (replica), ==, KIOSK_REPLICA_SCHEMA_VERSION);
  g_assert_cmpint (KIOSK_REPLICA_SCHEMA_VERSION, ==, 7);
  g_assert_null (kiosk_replica_get_moved_aside_path (replica));
  g_assert_cmpstr (kiosk_replica_get_path (replica), ==, fixture->path);
  g_assert_cmpint (count (replica, "customer"), ==, 0);
  g_assert_cmpint (count (replica, "quarantine"), ==, 0);
  g_assert_cmpint (count (replica, "outbox_ref"), ==, 0);
  g_assert_cmpint (count (replica, "server_copy"), ==, 0);
  g_assert_cmpint (count (replica, "snapshot_seen"), ==, 0);
  g_clear_object (&replica);

  assert_file_is_current (fixture->path);

  db = raw_open (fixture->path);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_list WHERE strict = 1 AND name IN "
                                "('outbox_ref', 'snapshot_seen', 'server_copy')"), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (v1_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT strict FROM pragma_table_list WHERE name = '%s'",
                                              v1_tables[i]);

      g_test_message ("table %s is STRICT", v1_tables[i]);
      g_assert_cmpint (raw_int (db, sql), ==, 1);
    }
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), ==, 1);
  sqlite3_close (db);

  /* Opening again finds everything in place and migrates nothing. */
  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_replica_get_schema_version (replica), ==, KIOSK_REPLICA_SCHEMA_VERSION);
  g_assert_null (kiosk_replica_get_moved_aside_path (replica));
}

static void
test_migrate_from_v1 (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(KioskCustomer) customer = make_customer ("c-1", "İsmail", "Işık", "+905551112233");
  g_autoptr(KioskAppointment) appt = make_appointment ("a-1", "c-1", "s-1", NULL, "2026-03-02", 10 * 3600);
  g_autoptr(KioskCustomer) back = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *plan = NULL;
  KioskAppointmentRow *row;

  replica = kiosk_replica_open_at_version (fixture->path, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_replica_get_schema_version (replica), ==, 1);

  customer->pending = TRUE;
  customer->version = 7;
  g_assert_true (kiosk_replica_begin (replica, &error));
  put_old_customer (replica, customer);
  g_assert_true (kiosk_replica_put_appointment (replica, appt, &error));
  g_assert_true (kiosk_replica_outbox_add (replica, "customer.create", "c-1", "{\"id\": \"c-1\"}", NULL, &error));
  g_assert_true (kiosk_replica_set_meta (replica, "cursor", "abc", &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);

  /* A v1 file has no quarantine yet. */
  g_assert_cmpint (kiosk_replica_count (replica, "quarantine", &error), ==, -1);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&replica);

  g_assert_cmpint (file_user_version (fixture->path), ==, 1);
  g_assert_false (file_has_object (fixture->path, "appointment_by_date_time"));
  g_assert_false (file_has_object (fixture->path, "quarantine"));

  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_replica_get_schema_version (replica), ==, KIOSK_REPLICA_SCHEMA_VERSION);
  g_assert_null (kiosk_replica_get_moved_aside_path (replica));

  back = kiosk_replica_get_customer (replica, "c-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->first_name, ==, "İsmail");
  g_assert_cmpstr (back->last_name, ==, "Işık");
  g_assert_true (back->pending);
  g_assert_cmpint (back->version, ==, 7);
  /* The customers of an old file can be looked up after the migration. */
  {
    g_autoptr(GPtrArray) found = kiosk_replica_search_customers (replica, "ISIK", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (((KioskCustomer *)g_ptr_array_index (found, 0))->id, ==, "c-1");
  }

  rows = kiosk_replica_list_appointment_rows (replica, "2026-03-02", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->customer_name, ==, "İsmail Işık");

  outbox = kiosk_replica_outbox_list (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 1);
  {
    g_autofree char *cursor = kiosk_replica_get_meta (replica, "cursor");
    g_assert_cmpstr (cursor, ==, "abc");
  }

  g_assert_cmpint (count (replica, "quarantine"), ==, 0);
  g_assert_true (kiosk_replica_quarantine_add (replica, "appointment", "a-9", "bad date",
                                               "{\"id\": \"a-9\", \"appointment_date\": \"dün\"}", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (replica, "quarantine"), ==, 1);

  plan = kiosk_replica_explain_appointment_rows (replica);
  g_test_message ("plan:\n%s", plan);
  g_assert_nonnull (strstr (plan, "appointment_by_date_time"));
  g_clear_object (&replica);

  assert_file_is_current (fixture->path);
}

/* A v2 file with a desk change waiting: after the migration the change is
 * still due, with its key, and the new sync bookkeeping works on it. */
static void
test_migrate_from_v2 (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(KioskCustomer) customer = make_customer ("c-1", "Gülizar", "Şahin", "+905551112233");
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(KioskCustomer) back = NULL;
  gint64 counts[4];
  KioskOutboxEntry *first;

  replica = kiosk_replica_open_at_version (fixture->path, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_replica_get_schema_version (replica), ==, 2);
  customer->pending = TRUE;
  customer->loyalty_level = KIOSK_LEVEL_GOLD;
  g_assert_true (kiosk_replica_begin (replica, &error));
  put_old_customer (replica, customer);
  g_assert_true (kiosk_replica_outbox_add (replica, "customer.create", "c-1",
                                           "{\"id\": \"c-1\", \"first_name\": \"Gülizar\"}", &entry, &error));
  g_assert_true (kiosk_replica_set_meta (replica, "cursor", "opak", &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
  g_clear_object (&replica);

  g_assert_cmpint (file_user_version (fixture->path), ==, 2);
  g_assert_false (file_has_object (fixture->path, "outbox_ref"));
  g_assert_false (file_has_object (fixture->path, "server_copy"));

  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_replica_get_schema_version (replica), ==, KIOSK_REPLICA_SCHEMA_VERSION);

  due = kiosk_replica_outbox_due (replica, g_get_real_time (), 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  first = g_ptr_array_index (due, 0);
  g_assert_cmpint (first->id, ==, entry->id);
  g_assert_cmpstr (first->idempotency_key, ==, entry->idempotency_key);
  g_assert_cmpstr (first->payload, ==, "{\"id\": \"c-1\", \"first_name\": \"Gülizar\"}");

  back = kiosk_replica_get_customer (replica, "c-1", &error);
  g_assert_no_error (error);
  g_assert_true (back->pending);
  g_assert_cmpstr (back->last_name, ==, "Şahin");
  {
    g_autofree char *cursor = kiosk_replica_get_meta (replica, "cursor");
    g_assert_cmpstr (cursor, ==, "opak");
  }
  g_assert_true (kiosk_replica_count_customers_by_level (replica, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts[KIOSK_LEVEL_GOLD], ==, 1);
  {
    g_autoptr(GPtrArray) found = kiosk_replica_search_customers (replica, "şah", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (((KioskCustomer *)g_ptr_array_index (found, 0))->id, ==, "c-1");
  }
  g_assert_cmpint (counts[KIOSK_LEVEL_BRONZE], ==, 0);
  g_clear_object (&replica);

  assert_file_is_current (fixture->path);
}

/* A v3 file with customers, one of them pending: v4 makes their search
 * keys, and the keys follow later writes. */
static void
test_migrate_from_v3 (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(KioskCustomer) isik = make_customer ("c-1", "Ayla", "Işık", "+905551112233");
  g_autoptr(KioskCustomer) irem = make_customer ("c-2", "İrem", "Demir", "+905329998877");
  g_autoptr(GPtrArray) found = NULL;

  replica = kiosk_replica_open_at_version (fixture->path, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_replica_get_schema_version (replica), ==, 3);
  irem->pending = TRUE;
  put_old_customer (replica, isik);
  put_old_customer (replica, irem);
  g_assert_no_error (error);
  g_clear_object (&replica);
  g_assert_cmpint (file_user_version (fixture->path), ==, 3);
  g_assert_false (file_has_object (fixture->path, "customer_search"));

  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_replica_get_schema_version (replica), ==, KIOSK_REPLICA_SCHEMA_VERSION);
  {
    sqlite3 *db = raw_open (fixture->path);

    g_assert_cmpint (raw_int (db, "SELECT count(*) FROM customer_search"), ==, 2);
    sqlite3_close (db);
  }

  found = kiosk_replica_search_customers (replica, "irem", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((KioskCustomer *)g_ptr_array_index (found, 0))->id, ==, "c-2");
  g_assert_true (((KioskCustomer *)g_ptr_array_index (found, 0))->pending);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = kiosk_replica_search_customers (replica, "0555 111", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((KioskCustomer *)g_ptr_array_index (found, 0))->id, ==, "c-1");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A rename after the migration is found by its new name only. */
  g_free (isik->last_name);
  isik->last_name = g_strdup ("Çelik");
  g_assert_true (kiosk_replica_put_customer (replica, isik, &error));
  g_assert_no_error (error);
  found = kiosk_replica_search_customers (replica, "isik", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = kiosk_replica_search_customers (replica, "CELIK", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_object (&replica);

  assert_file_is_current (fixture->path);
}

/* The search terms of a v4 file's customers. */
static char *
search_ids (KioskReplica *replica,
            const char   *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = kiosk_replica_search_customers (replica, query, 10, &error);
  g_autoptr(GString) ids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? "," : "", ((KioskCustomer *)g_ptr_array_index (found, i))->id);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* A v4 file, its name index of bare names: v5 makes the index again with
 * each name after a space, so the two-letter start of a first name finds the
 * customers that were there, and the index follows later writes. */
static void
test_migrate_from_v4 (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(KioskCustomer) nur = make_customer ("c-1", "Ayşe Nur", "Kaya", "+905551112233");
  g_autoptr(KioskCustomer) kayra = make_customer ("c-2", "Kayra", "Nurlu", "+905329998877");

  replica = kiosk_replica_open_at_version (fixture->path, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_replica_get_schema_version (replica), ==, 4);
  put_old_customer (replica, nur);
  put_old_customer (replica, kayra);
  g_assert_no_error (error);
  {
    /* What version 4 indexed: the bare name, where the start of its first
     * word is no trigram ("aya" is inside Kaya, "ay" starts the name). */
    g_autofree char *ids = search_ids (replica, "aya ay");
    g_assert_cmpstr (ids, ==, "");
  }
  g_clear_object (&replica);
  g_assert_false (file_has_object (fixture->path, "customer_fts_source"));

  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_replica_get_schema_version (replica), ==, KIOSK_REPLICA_SCHEMA_VERSION);
  {
    g_autofree char *ids = search_ids (replica, "aya ay");
    g_assert_cmpstr (ids, ==, "c-1");
  }
  {
    /* Inside a word from three letters on, as before. */
    g_autofree char *ids = search_ids (replica, "ayra nurl");
    g_assert_cmpstr (ids, ==, "c-2");
  }

  /* Later writes keep the index right: a rename, a new customer. */
  g_free (nur->last_name);
  nur->last_name = g_strdup ("Demir");
  g_assert_true (kiosk_replica_put_customer (replica, nur, &error));
  g_assert_no_error (error);
  {
    g_autofree char *ids = search_ids (replica, "aya ay");
    g_assert_cmpstr (ids, ==, "");
  }
  {
    g_autofree char *ids = search_ids (replica, "emi ay");
    g_assert_cmpstr (ids, ==, "c-1");
  }
  g_assert_true (kiosk_replica_exec_for_testing (replica,
                                                 "INSERT INTO customer_fts (customer_fts) VALUES ('integrity-check');",
                                                 &error));
  g_assert_no_error (error);
  g_clear_object (&replica);

  assert_file_is_current (fixture->path);
}

/* Refused changes as the builds before version 7 left them: the code, when
 * the server's body had one, in front of its words ("code: detail"), else
 * only the words, which the desk read the code from by the status and the
 * kind of change. */
typedef struct {
  const char *kind;
  const char *state;
  int         status;
  const char *reason;        /* as stored by the old build, NULL: none */
  const char *code;          /* what version 7 keeps */
  const char *words;         /* the server's words version 7 keeps */
} OldRefusal;

static const OldRefusal old_refusals[] = {
  { "appointment.create",   "refused", 409, "slot_taken: Bu saat dolu.",              "slot_taken",          "Bu saat dolu." },
  { "appointment.create",   "refused", 409, "Bu saat dolu.",                          "slot_taken",          "Bu saat dolu." },
  { "appointment.create",   "refused", 409, NULL,                                     "slot_taken",          NULL },
  { "appointment.status",   "refused", 409, "invalid_status: Bu işlem yapılamaz.",    "invalid_status",      "Bu işlem yapılamaz." },
  { "appointment.check_in", "refused", 409, "Randevu \"cancelled\" durumunda.",      "invalid_status",      "Randevu \"cancelled\" durumunda." },
  { "walkin.status",        "refused", 409, "invalid_status: The server refused the change (HTTP 409)",
                                                                                      "invalid_status",      "The server refused the change (HTTP 409)" },
  { "loyalty.redeem",       "refused", 409, "insufficient_points: Yetersiz puan.",    "insufficient_points", "Yetersiz puan." },
  { "loyalty.redeem",       "refused", 409, "insufficient_points",                    "insufficient_points", NULL },
  { "customer.create",      "refused", 409, "Bu telefon numarası başka bir müşteride kayıtlı",
                                                                                      "phone_exists",        "Bu telefon numarası başka bir müşteride kayıtlı" },
  { "walkin.create",        "refused", 400, "phone: Geçerli bir telefon numarası girin.",
                                                                                      "validation",          "phone: Geçerli bir telefon numarası girin." },
  /* Read as the old desk read it: a 422 is "validation", the rest the words. */
  { "appointment.create",   "refused", 422, "idempotency_key_reused: Bu anahtar kullanıldı.",
                                                                                      "validation",          "idempotency_key_reused: Bu anahtar kullanıldı." },
  { "appointment.create",   "refused", 403, "Yasak.",                                 NULL,                  "Yasak." },
  { "walkin.create",        "refused", 409, "Çakışma.",                               NULL,                  "Çakışma." },
  { "loyalty.gift",         "refused", 0,   "This kind of change is unknown to this version",
                                                                                      NULL,                  "This kind of change is unknown to this version" },
  /* Not refused: left as they were. */
  { "appointment.create",   "held",    0,   "network",                                NULL,                  "network" },
  { "appointment.create",   "pending", 503, "slot_taken: yok",                        NULL,                  "slot_taken: yok" },
  { "appointment.create",   "done",    409, "{\"dismissed\":true,\"note\":null,\"reason\":\"slot_taken: Bu saat dolu.\",\"status\":409}",
                                                                                      NULL,                  "{\"dismissed\":true,\"note\":null,\"reason\":\"slot_taken: Bu saat dolu.\",\"status\":409}" },
};

/* A v6 file with refused changes of every kind the server refuses, as the
 * uploader of that version wrote them: version 7 reads each code once from
 * the text, keeps the server's words alone, and leaves other changes be. */
static void
test_migrate_from_v6 (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 ids[G_N_ELEMENTS (old_refusals)];

  replica = kiosk_replica_open_at_version (fixture->path, 6, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_replica_get_schema_version (replica), ==, 6);
  g_assert_true (kiosk_replica_begin (replica, &error));
  for (guint i = 0; i < G_N_ELEMENTS (old_refusals); i++)
    {
      const OldRefusal *r = &old_refusals[i];
      g_autoptr(KioskOutboxEntry) entry = NULL;
      g_autofree char *entity = g_strdup_printf ("e-%u", i);
      char *sql;

      g_assert_true (kiosk_replica_outbox_add (replica, r->kind, entity, "{\"status\": \"called\"}", &entry, &error));
      g_assert_no_error (error);
      ids[i] = entry->id;
      sql = sqlite3_mprintf ("UPDATE outbox SET state = %Q, last_status = %d, last_reason = %Q, attempts = 1 "
                             "WHERE id = %lld", r->state, r->status, r->reason, (long long)entry->id);
      g_assert_true (kiosk_replica_exec_for_testing (replica, sql, &error));
      g_assert_no_error (error);
      sqlite3_free (sql);
    }
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
  g_clear_object (&replica);
  g_assert_cmpint (file_user_version (fixture->path), ==, 6);

  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_replica_get_schema_version (replica), ==, KIOSK_REPLICA_SCHEMA_VERSION);
  entries = kiosk_replica_outbox_list (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (old_refusals));
  for (guint i = 0; i < G_N_ELEMENTS (old_refusals); i++)
    {
      const OldRefusal *r = &old_refusals[i];
      const KioskOutboxEntry *entry = g_ptr_array_index (entries, i);

      g_test_message ("%s %s %d %s", r->kind, r->state, r->status, r->reason);
      g_assert_cmpint (entry->id, ==, ids[i]);
      g_assert_cmpstr (entry->kind, ==, r->kind);
      g_assert_cmpstr (kiosk_outbox_state_to_string (entry->state), ==, r->state);
      g_assert_cmpint (entry->last_status, ==, r->status);
      g_assert_cmpint (entry->attempts, ==, 1);
      g_assert_cmpstr (entry->refusal_code, ==, r->code);
      g_assert_cmpstr (entry->last_reason, ==, r->words);
    }
  g_assert_cmpint (((KioskOutboxEntry *)g_ptr_array_index (entries, 13))->known_kind, ==, KIOSK_OUTBOX_KIND_UNKNOWN);
  g_clear_object (&replica);

  /* Once: opening again changes nothing. */
  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = kiosk_replica_outbox_list (replica, &error);
  g_assert_cmpstr (((KioskOutboxEntry *)g_ptr_array_index (entries, 0))->last_reason, ==, "Bu saat dolu.");
  g_assert_cmpstr (((KioskOutboxEntry *)g_ptr_array_index (entries, 0))->refusal_code, ==, "slot_taken");
  g_clear_object (&replica);

  assert_file_is_current (fixture->path);
}

static void
test_too_new (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_auto(GStrv) names = NULL;
  sqlite3 *db;

  db = raw_open_flags (fixture->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('yarın');"
                                     "PRAGMA user_version = 99;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = read_bytes (fixture->path);

  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_null (replica);
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_TOO_NEW);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, fixture->path));

  after = read_bytes (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  names = list_dir (fixture->dir);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "replica.db");
  g_assert_cmpint (file_user_version (fixture->path), ==, 99);
}

/* A newer kiosk's file in WAL mode, its last changes still in the WAL:
 * neither file may change. */
static void
test_too_new_wal (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(GBytes) db_before = NULL;
  g_autoptr(GBytes) wal_before = NULL;
  g_autoptr(GBytes) db_after = NULL;
  g_autoptr(GBytes) wal_after = NULL;
  sqlite3 *db;

  db = raw_open_flags (fixture->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; CREATE TABLE early (x TEXT);", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0; CREATE TABLE future (x TEXT);"
                                     "INSERT INTO future VALUES ('yarın'); PRAGMA user_version = 99;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  db_before = read_bytes (fixture->path);
  wal_before = read_bytes (wal);
  g_assert_cmpuint (g_bytes_get_size (wal_before), >, 0);

  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_null (replica);
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_TOO_NEW);

  db_after = read_bytes (fixture->path);
  wal_after = read_bytes (wal);
  g_assert_true (g_bytes_equal (db_before, db_after));
  g_assert_true (g_bytes_equal (wal_before, wal_after));
}

static void
test_file_mode (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  mode_t old_umask = umask (022);
  GStatBuf st;

  replica = kiosk_replica_open (fixture->path, &error);
  umask (old_umask);
  g_assert_no_error (error);
  put_customers (replica, "c", 3);

  g_assert_no_errno (g_stat (fixture->path, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_no_errno (g_stat (wal, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_object (&replica);

  /* A file others could read is made private when opened. */
  g_assert_no_errno (g_chmod (fixture->path, 0644));
  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_no_errno (g_stat (fixture->path, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (count (replica, "customer"), ==, 3);
}

/* Damaged files */

static void
assert_moved_aside (Fixture      *fixture,
                    KioskReplica *replica,
                    GBytes       *original)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) pattern = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *quoted = g_regex_escape_string (fixture->path, -1);
  const char *moved = kiosk_replica_get_moved_aside_path (replica);
  g_autoptr(KioskCustomer) customer = make_customer ("c-new", "Gülşen", "Çelik", "+905550000001");
  g_autoptr(KioskCustomer) back = NULL;

  g_assert_nonnull (moved);
  g_test_message ("moved aside to %s", moved);
  expected = g_strdup_printf ("^%s\\.corrupt-[0-9]{8}T[0-9]{6}Z$", quoted);
  pattern = g_regex_new (expected, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_regex_match (pattern, moved, 0, NULL));

  /* Kept byte for byte, never deleted. */
  kept = read_bytes (moved);
  g_assert_true (g_bytes_equal (kept, original));

  /* And the new replica works. */
  g_assert_cmpint (kiosk_replica_get_schema_version (replica), ==, KIOSK_REPLICA_SCHEMA_VERSION);
  g_assert_cmpint (count (replica, "customer"), ==, 0);
  g_assert_true (kiosk_replica_put_customer (replica, customer, &error));
  g_assert_no_error (error);
  back = kiosk_replica_get_customer (replica, "c-new", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->first_name, ==, "Gülşen");
  g_assert_cmpint (file_user_version (fixture->path), ==, KIOSK_REPLICA_SCHEMA_VERSION);
}

static void
test_corrupt_garbage (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GString) garbage = g_string_new (NULL);
  g_autoptr(GBytes) original = NULL;

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (garbage, "Bu bir veritabanı değil: %u ĞÜŞİÖÇ ğüşıöç\n", i);
  g_assert_true (g_file_set_contents (fixture->path, garbage->str, garbage->len, &error));
  original = read_bytes (fixture->path);

  catch_warnings ();
  replica = kiosk_replica_open (fixture->path, &error);
  assert_caught_warning ("*is damaged*kept as*");
  g_assert_no_error (error);
  g_assert_nonnull (replica);
  assert_moved_aside (fixture, replica, original);
}

static void
test_corrupt_truncated (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_auto(GStrv) names = NULL;
  GStatBuf st;

  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
  put_customers (replica, "c", 2000);
  g_clear_object (&replica);
  /* Closing the last connection folds the WAL into the file. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* A power cut in the middle of a copy: only the first pages are left. */
  g_assert_no_errno (g_stat (fixture->path, &st));
  g_assert_cmpint (st.st_size, >, 3 * 4096);
  g_assert_no_errno (truncate (fixture->path, 4096 + 1000));
  original = read_bytes (fixture->path);

  catch_warnings ();
  replica = kiosk_replica_open (fixture->path, &error);
  assert_caught_warning ("*is damaged*kept as*");
  g_assert_no_error (error);
  g_assert_nonnull (replica);
  assert_moved_aside (fixture, replica, original);

  names = list_dir (fixture->dir);
  g_assert_cmpuint (g_strv_length (names), >=, 2);
}

static void
test_corrupt_header (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *moved_wal = NULL;
  g_autofree char *kept_wal = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  gsize length = 0;

  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
  put_customers (replica, "c", 50);
  g_clear_object (&replica);

  /* A damaged first page: the magic string is gone. Beside it, a journal
   * that may hold the last changes. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, &error));
  memcpy (contents, "Bozuk dosya İŞĞ", 16);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, &error));
  original = read_bytes (fixture->path);
  g_assert_true (g_file_set_contents (wal, "son değişiklikler", -1, &error));

  catch_warnings ();
  replica = kiosk_replica_open (fixture->path, &error);
  assert_caught_warning ("*is damaged*kept as*");
  g_assert_no_error (error);
  assert_moved_aside (fixture, replica, original);

  /* The journal went along, under the name SQLite looks for. */
  moved_wal = g_strconcat (kiosk_replica_get_moved_aside_path (replica), "-wal", NULL);
  g_assert_true (g_file_get_contents (moved_wal, &kept_wal, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kept_wal, ==, "son değişiklikler");
}

/* Round trips */

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (fixture->path, &error);
  KioskSalon salon = {
    .id = (char *)"salon-1", .name = (char *)"Şık Kuaför İstanbul", .address = (char *)"Moda Cd. No:5",
    .city = (char *)"İstanbul", .district = (char *)"Kadıköy", .phone = NULL,
    .opening_time = 9 * 3600, .closing_time = 20 * 3600 + 1800, .timezone = (char *)"Europe/Istanbul",
    .version = 12,
  };
  KioskWorkingHours sunday = {
    .id = (char *)"salon-1:6", .day_of_week = 6, .opening_time = 0, .closing_time = 0,
    .is_closed = TRUE, .version = 3,
  };
  KioskWorkingHours monday = {
    .id = (char *)"salon-1:0", .day_of_week = 0, .opening_time = 9 * 3600, .closing_time = 19 * 3600,
    .is_closed = FALSE, .version = 4,
  };
  KioskCategory category = {
    .id = (char *)"cat-1", .name = (char *)"Saç Bakımı", .description = NULL, .icon = NULL, .version = 1,
  };
  KioskService service = {
    .id = (char *)"svc-1", .category = (char *)"cat-1", .name = (char *)"Fön ve Şekillendirme",
    .description = (char *)"Yıkama dâhil", .price = 35050, .duration = 45, .is_active = TRUE, .version = 2,
  };
  KioskService loose = {
    .id = (char *)"svc-2", .category = NULL, .name = (char *)"Ağda", .description = NULL,
    .price = 0, .duration = 15, .is_active = FALSE, .version = 0,
  };
  const char * const services[] = { "svc-2", "svc-1", NULL };
  KioskEmployee employee = {
    .id = (char *)"emp-1", .name = (char *)"Ümit Doğan", .position = NULL, .is_active = TRUE,
    .services = (GStrv)services, .version = 5,
  };
  KioskEmployee other = {
    .id = (char *)"emp-2", .name = (char *)"Ayşe Güneş", .position = (char *)"Usta", .is_active = FALSE,
    .services = NULL, .version = 6,
  };
  KioskCustomer customer = {
    .id = (char *)"cus-1", .first_name = (char *)"İğdır", .last_name = (char *)"Şahinoğlu",
    .phone = (char *)"+905321234567", .loyalty_level = KIOSK_LEVEL_GOLD, .total_points = 1234,
    .current_points = 234, .total_spent = 9876543, .total_visits = 17,
    .updated_at = (char *)"2026-03-01T10:00:00+03:00", .consent_at = (char *)"2026-03-01T09:59:00+03:00",
    .version = 44, .pending = TRUE,
  };
  KioskCustomer bare = {
    .id = (char *)"cus-2", .first_name = (char *)"Çağrı", .last_name = NULL, .phone = NULL,
    .loyalty_level = KIOSK_LEVEL_BRONZE, .updated_at = NULL, .consent_at = NULL,
  };
  KioskAppointment appt = {
    .id = (char *)"app-1", .customer = (char *)"cus-1", .service = (char *)"svc-1", .employee = (char *)"emp-1",
    .appointment_date = (char *)"2026-03-02", .appointment_time = 14 * 3600, .end_time = 14 * 3600 + 2700,
    .status = KIOSK_APPOINTMENT_COMPLETED, .notes = (char *)"Kısa kesim, ılık su", .price = 35050,
    .source = (char *)"kiosk", .checked_in_at = (char *)"2026-03-02T13:55:00+03:00",
    .created_at = (char *)"2026-02-20T08:00:00+03:00", .updated_at = (char *)"2026-03-02T15:00:00+03:00",
    .version = 9, .pending = TRUE,
  };
  /* Its customer and employee never arrived: still stored, names NULL. */
  KioskAppointment orphan = {
    .id = (char *)"app-0", .customer = (char *)"cus-unknown", .service = (char *)"svc-1", .employee = NULL,
    .appointment_date = (char *)"2026-03-02", .appointment_time = 9 * 3600, .end_time = 10 * 3600,
    .status = KIOSK_APPOINTMENT_NO_SHOW,
  };
  KioskAppointment next_day = {
    .id = (char *)"app-2", .customer = (char *)"cus-2", .service = (char *)"svc-2", .employee = (char *)"emp-2",
    .appointment_date = (char *)"2026-03-03", .appointment_time = 8 * 3600, .end_time = 9 * 3600,
    .status = KIOSK_APPOINTMENT_CANCELLED,
  };
  KioskWalkin walkin = {
    .id = (char *)"walk-1", .customer = NULL, .name = (char *)"Gökçe Işıl", .phone = (char *)"+905301112233",
    .service = (char *)"svc-1", .preferred_employee = NULL, .employee = (char *)"emp-1",
    .status = KIOSK_WALKIN_IN_SERVICE, .arrived_at = (char *)"2026-03-02T10:00:00+03:00",
    .called_at = (char *)"2026-03-02T10:10:00+03:00", .finished_at = NULL, .version = 2, .pending = TRUE,
  };
  KioskWalkin walkin_early = {
    .id = (char *)"walk-0", .name = (char *)"Öykü", .status = KIOSK_WALKIN_LEFT,
    .arrived_at = (char *)"2026-03-02T09:00:00+03:00",
  };
  KioskPointEntry earned = {
    .id = (char *)"pt-1", .customer = (char *)"cus-1", .points = 35, .reason = (char *)"Ziyaret: Fön",
    .created_at = (char *)"2026-03-02T15:00:00+03:00", .version = 1,
  };
  KioskPointEntry redeemed = {
    .id = (char *)"pt-2", .customer = (char *)"cus-1", .points = -20, .reason = NULL,
    .created_at = (char *)"2026-03-03T15:00:00+03:00", .version = 0, .pending = TRUE,
  };
  g_autoptr(KioskSalon) salon_back = NULL;
  g_autoptr(GPtrArray) hours = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) service_list = NULL;
  g_autoptr(GPtrArray) employees = NULL;
  g_autoptr(KioskCustomer) customer_back = NULL;
  g_autoptr(KioskCustomer) bare_back = NULL;
  g_autoptr(KioskCustomer) by_phone = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) appointments = NULL;
  g_autoptr(KioskAppointment) appt_back = NULL;
  g_autoptr(GPtrArray) walkins = NULL;
  g_autoptr(GPtrArray) points = NULL;
  KioskWorkingHours *wh;
  KioskService *svc;
  KioskEmployee *emp;
  KioskAppointmentRow *row;
  KioskAppointment *a;
  KioskWalkin *w;
  KioskPointEntry *p;

  g_assert_no_error (error);

  /* Not paired with a salon yet: no salon, and that is no error. */
  g_assert_null (kiosk_replica_get_salon (replica, &error));
  g_assert_no_error (error);

  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_put_salon (replica, &salon, &error));
  g_assert_true (kiosk_replica_put_working_hours (replica, &sunday, &error));
  g_assert_true (kiosk_replica_put_working_hours (replica, &monday, &error));
  g_assert_true (kiosk_replica_put_category (replica, &category, &error));
  g_assert_true (kiosk_replica_put_service (replica, &service, &error));
  g_assert_true (kiosk_replica_put_service (replica, &loose, &error));
  g_assert_true (kiosk_replica_put_employee (replica, &employee, &error));
  g_assert_true (kiosk_replica_put_employee (replica, &other, &error));
  g_assert_true (kiosk_replica_put_customer (replica, &customer, &error));
  g_assert_true (kiosk_replica_put_customer (replica, &bare, &error));
  g_assert_true (kiosk_replica_put_appointment (replica, &appt, &error));
  g_assert_true (kiosk_replica_put_appointment (replica, &orphan, &error));
  g_assert_true (kiosk_replica_put_appointment (replica, &next_day, &error));
  g_assert_true (kiosk_replica_put_walkin (replica, &walkin, &error));
  g_assert_true (kiosk_replica_put_walkin (replica, &walkin_early, &error));
  g_assert_true (kiosk_replica_put_point_entry (replica, &earned, &error));
  g_assert_true (kiosk_replica_put_point_entry (replica, &redeemed, &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);

  /* Read back through a fresh connection: this is what is on disk. */
  g_clear_object (&replica);
  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);

  salon_back = kiosk_replica_get_salon (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (salon_back->id, ==, "salon-1");
  g_assert_cmpstr (salon_back->name, ==, "Şık Kuaför İstanbul");
  g_assert_cmpstr (salon_back->address, ==, "Moda Cd. No:5");
  g_assert_cmpstr (salon_back->city, ==, "İstanbul");
  g_assert_cmpstr (salon_back->district, ==, "Kadıköy");
  g_assert_null (salon_back->phone);
  g_assert_cmpint (salon_back->opening_time, ==, 9 * 3600);
  g_assert_cmpint (salon_back->closing_time, ==, 20 * 3600 + 1800);
  g_assert_cmpstr (salon_back->timezone, ==, "Europe/Istanbul");
  g_assert_cmpint (salon_back->version, ==, 12);

  hours = kiosk_replica_list_working_hours (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hours->len, ==, 2);
  wh = g_ptr_array_index (hours, 0);
  g_assert_cmpstr (wh->id, ==, "salon-1:0");
  g_assert_cmpint (wh->day_of_week, ==, 0);
  g_assert_cmpint (wh->closing_time, ==, 19 * 3600);
  g_assert_false (wh->is_closed);
  g_assert_cmpint (wh->version, ==, 4);
  wh = g_ptr_array_index (hours, 1);
  g_assert_cmpint (wh->day_of_week, ==, 6);
  g_assert_true (wh->is_closed);

  categories = kiosk_replica_list_categories (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, ==, 1);
  g_assert_cmpstr (((KioskCategory *)g_ptr_array_index (categories, 0))->name, ==, "Saç Bakımı");
  g_assert_null (((KioskCategory *)g_ptr_array_index (categories, 0))->description);
  g_assert_null (((KioskCategory *)g_ptr_array_index (categories, 0))->icon);

  /* By category: the one with a category first. */
  service_list = kiosk_replica_list_services (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (service_list->len, ==, 2);
  svc = g_ptr_array_index (service_list, 0);
  g_assert_cmpstr (svc->id, ==, "svc-1");
  g_assert_cmpstr (svc->category, ==, "cat-1");
  g_assert_cmpstr (svc->name, ==, "Fön ve Şekillendirme");
  g_assert_cmpstr (svc->description, ==, "Yıkama dâhil");
  g_assert_cmpint (svc->price, ==, 35050);
  g_assert_cmpint (svc->duration, ==, 45);
  g_assert_true (svc->is_active);
  g_assert_cmpint (svc->version, ==, 2);
  svc = g_ptr_array_index (service_list, 1);
  g_assert_cmpstr (svc->id, ==, "svc-2");
  g_assert_null (svc->category);
  g_assert_null (svc->description);
  g_assert_false (svc->is_active);

  /* By name: Ayşe before Ümit. */
  employees = kiosk_replica_list_employees (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 2);
  emp = g_ptr_array_index (employees, 0);
  g_assert_cmpstr (emp->name, ==, "Ayşe Güneş");
  g_assert_cmpstr (emp->position, ==, "Usta");
  g_assert_false (emp->is_active);
  g_assert_nonnull (emp->services);
  g_assert_cmpuint (g_strv_length (emp->services), ==, 0);
  emp = g_ptr_array_index (employees, 1);
  g_assert_cmpstr (emp->name, ==, "Ümit Doğan");
  g_assert_null (emp->position);
  g_assert_cmpint (emp->version, ==, 5);
  g_assert_true (g_strv_equal ((const char * const *)emp->services, services));

  customer_back = kiosk_replica_get_customer (replica, "cus-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (customer_back->first_name, ==, "İğdır");
  g_assert_cmpstr (customer_back->last_name, ==, "Şahinoğlu");
  g_assert_cmpstr (customer_back->phone, ==, "+905321234567");
  g_assert_cmpint (customer_back->loyalty_level, ==, KIOSK_LEVEL_GOLD);
  g_assert_cmpint (customer_back->total_points, ==, 1234);
  g_assert_cmpint (customer_back->current_points, ==, 234);
  g_assert_cmpint (customer_back->total_spent, ==, 9876543);
  g_assert_cmpint (customer_back->total_visits, ==, 17);
  g_assert_cmpstr (customer_back->updated_at, ==, "2026-03-01T10:00:00+03:00");
  g_assert_cmpstr (customer_back->consent_at, ==, "2026-03-01T09:59:00+03:00");
  g_assert_cmpint (customer_back->version, ==, 44);
  g_assert_true (customer_back->pending);

  bare_back = kiosk_replica_get_customer (replica, "cus-2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bare_back->first_name, ==, "Çağrı");
  g_assert_null (bare_back->last_name);
  g_assert_null (bare_back->phone);
  g_assert_null (bare_back->updated_at);
  g_assert_null (bare_back->consent_at);
  g_assert_false (bare_back->pending);
  g_assert_cmpint (bare_back->version, ==, 0);

  g_assert_null (kiosk_replica_get_customer (replica, "yok", &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  by_phone = kiosk_replica_find_customer_by_phone (replica, "+905321234567", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_phone->id, ==, "cus-1");

  customers = kiosk_replica_list_customers (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, 2);
  g_assert_cmpstr (((KioskCustomer *)g_ptr_array_index (customers, 0))->id, ==, "cus-1");

  /* The day's rows, by time, with the names the desk shows. */
  rows = kiosk_replica_list_appointment_rows (replica, "2026-03-02", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->appointment.id, ==, "app-0");
  g_assert_null (row->customer_name);
  g_assert_cmpstr (row->service_name, ==, "Fön ve Şekillendirme");
  g_assert_null (row->employee_name);
  g_assert_null (row->appointment.employee);
  g_assert_null (row->appointment.notes);
  g_assert_cmpint (row->appointment.status, ==, KIOSK_APPOINTMENT_NO_SHOW);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row->appointment.id, ==, "app-1");
  g_assert_cmpstr (row->customer_name, ==, "İğdır Şahinoğlu");
  g_assert_cmpstr (row->employee_name, ==, "Ümit Doğan");
  g_assert_cmpstr (row->appointment.notes, ==, "Kısa kesim, ılık su");
  g_assert_cmpint (row->appointment.status, ==, KIOSK_APPOINTMENT_COMPLETED);
  g_assert_cmpint (row->appointment.appointment_time, ==, 14 * 3600);
  g_assert_cmpint (row->appointment.end_time, ==, 14 * 3600 + 2700);
  g_assert_cmpint (row->appointment.price, ==, 35050);
  g_assert_cmpstr (row->appointment.source, ==, "kiosk");
  g_assert_cmpstr (row->appointment.checked_in_at, ==, "2026-03-02T13:55:00+03:00");
  g_assert_cmpstr (row->appointment.created_at, ==, "2026-02-20T08:00:00+03:00");
  g_assert_cmpstr (row->appointment.updated_at, ==, "2026-03-02T15:00:00+03:00");
  g_assert_cmpint (row->appointment.version, ==, 9);
  g_assert_true (row->appointment.pending);

  appointments = kiosk_replica_list_appointments (replica, "2026-03-01", "2026-03-03", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (appointments->len, ==, 3);
  a = g_ptr_array_index (appointments, 2);
  g_assert_cmpstr (a->id, ==, "app-2");
  g_assert_cmpint (a->status, ==, KIOSK_APPOINTMENT_CANCELLED);
  g_clear_pointer (&appointments, g_ptr_array_unref);
  appointments = kiosk_replica_list_appointments (replica, "2026-03-03", "2026-03-10", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (appointments->len, ==, 1);

  appt_back = kiosk_replica_get_appointment (replica, "app-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (appt_back->customer, ==, "cus-1");

  /* The queue, in order of arrival. */
  walkins = kiosk_replica_list_walkins (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (walkins->len, ==, 2);
  w = g_ptr_array_index (walkins, 0);
  g_assert_cmpstr (w->id, ==, "walk-0");
  g_assert_cmpstr (w->name, ==, "Öykü");
  g_assert_cmpint (w->status, ==, KIOSK_WALKIN_LEFT);
  g_assert_null (w->customer);
  g_assert_null (w->phone);
  g_assert_null (w->service);
  w = g_ptr_array_index (walkins, 1);
  g_assert_cmpstr (w->name, ==, "Gökçe Işıl");
  g_assert_cmpstr (w->phone, ==, "+905301112233");
  g_assert_cmpstr (w->service, ==, "svc-1");
  g_assert_null (w->preferred_employee);
  g_assert_cmpstr (w->employee, ==, "emp-1");
  g_assert_cmpint (w->status, ==, KIOSK_WALKIN_IN_SERVICE);
  g_assert_cmpstr (w->called_at, ==, "2026-03-02T10:10:00+03:00");
  g_assert_null (w->finished_at);
  g_assert_cmpint (w->version, ==, 2);
  g_assert_true (w->pending);

  points = kiosk_replica_list_point_entries (replica, "cus-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 2);
  p = g_ptr_array_index (points, 0);
  g_assert_cmpstr (p->reason, ==, "Ziyaret: Fön");
  g_assert_cmpint (p->points, ==, 35);
  g_assert_false (p->pending);
  p = g_ptr_array_index (points, 1);
  g_assert_cmpint (p->points, ==, -20);
  g_assert_null (p->reason);
  g_assert_true (p->pending);
  g_clear_pointer (&points, g_ptr_array_unref);
  points = kiosk_replica_list_point_entries (replica, "cus-2", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 0);

  /* Upserts update in place: the server acknowledged the customer. */
  customer.version = 45;
  customer.pending = FALSE;
  customer.last_name = (char *)"Şahin";
  g_assert_true (kiosk_replica_put_customer (replica, &customer, &error));
  g_assert_no_error (error);
  g_clear_pointer (&customer_back, kiosk_customer_free);
  customer_back = kiosk_replica_get_customer (replica, "cus-1", &error);
  g_assert_cmpstr (customer_back->last_name, ==, "Şahin");
  g_assert_cmpint (customer_back->version, ==, 45);
  g_assert_false (customer_back->pending);
  g_assert_cmpint (count (replica, "customer"), ==, 2);

  /* An employee's service list is replaced, not added to. */
  employee.services = NULL;
  g_assert_true (kiosk_replica_put_employee (replica, &employee, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (replica, "employee_service"), ==, 0);
  g_assert_cmpint (count (replica, "employee"), ==, 2);
}

static void
test_meta (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (fixture->path, &error);
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  g_assert_null (kiosk_replica_get_meta (replica, "cursor"));
  g_assert_true (kiosk_replica_set_meta (replica, "cursor", "ilk", &error));
  g_assert_true (kiosk_replica_set_meta (replica, "cursor", "ikinci-İŞ", &error));
  g_assert_no_error (error);
  value = kiosk_replica_get_meta (replica, "cursor");
  g_assert_cmpstr (value, ==, "ikinci-İŞ");
  g_assert_cmpint (count (replica, "meta"), ==, 1);
  g_assert_true (kiosk_replica_set_meta (replica, "cursor", NULL, &error));
  g_assert_null (kiosk_replica_get_meta (replica, "cursor"));
}

static void
test_constraint (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (fixture->path, &error);
  g_autoptr(KioskAppointment) appt = make_appointment ("a-1", "c-1", "s-1", NULL, "bugün", 3600);
  g_autoptr(KioskCustomer) nameless = make_customer ("c-1", NULL, NULL, NULL);

  g_assert_no_error (error);
  g_assert_false (kiosk_replica_put_appointment (replica, appt, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_CONSTRAINT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "CHECK"));
  g_clear_error (&error);

  g_assert_false (kiosk_replica_put_customer (replica, nameless, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "first_name"));
  g_clear_error (&error);

  g_assert_cmpint (count (replica, "appointment"), ==, 0);
  g_assert_cmpint (count (replica, "customer"), ==, 0);
}

static void
test_count_known_tables (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (fixture->path, &error);

  g_assert_no_error (error);
  put_customers (replica, "c", 4);
  g_assert_cmpint (count (replica, "customer"), ==, 4);

  g_assert_cmpint (kiosk_replica_count (replica, "customer; DROP TABLE customer", &error), ==, -1);
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (kiosk_replica_count (replica, "sqlite_schema", &error), ==, -1);
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (count (replica, "customer"), ==, 4);
}

static void
test_row_state_and_delete (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (fixture->path, &error);
  g_autoptr(KioskCustomer) customer = make_customer ("c-1", "Oğuz", "Çınar", NULL);
  const char * const services[] = { "svc-1", "svc-2", NULL };
  KioskEmployee employee = {
    .id = (char *)"emp-1", .name = (char *)"Elif Yıldız", .is_active = TRUE, .services = (GStrv)services,
  };
  gint64 version = -1;
  gboolean pending = FALSE;

  g_assert_no_error (error);
  customer->version = 31;
  customer->pending = TRUE;
  g_assert_true (kiosk_replica_put_customer (replica, customer, &error));
  g_assert_true (kiosk_replica_put_employee (replica, &employee, &error));
  g_assert_no_error (error);

  g_assert_true (kiosk_replica_get_row_state (replica, "customer", "c-1", &version, &pending, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 31);
  g_assert_true (pending);

  g_assert_false (kiosk_replica_get_row_state (replica, "customer", "c-2", &version, &pending, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (kiosk_replica_get_row_state (replica, "outbox", "1", NULL, NULL, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (kiosk_replica_delete (replica, "customer WHERE 1; --", "c-1", &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count (replica, "customer"), ==, 1);

  /* A tombstone: the employee goes, and its service list with it. */
  g_assert_cmpint (count (replica, "employee_service"), ==, 2);
  g_assert_true (kiosk_replica_delete (replica, "employee", "emp-1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (replica, "employee"), ==, 0);
  g_assert_cmpint (count (replica, "employee_service"), ==, 0);
  /* Again: nothing left to remove, not an error. */
  g_assert_true (kiosk_replica_delete (replica, "employee", "emp-1", &error));
  g_assert_no_error (error);

  g_assert_true (kiosk_replica_delete (replica, "customer", "c-1", &error));
  g_assert_false (kiosk_replica_get_row_state (replica, "customer", "c-1", NULL, NULL, NULL));
}

/* The outbox */

static void
test_outbox (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (fixture->path, &error);
  g_autoptr(KioskOutboxEntry) first = NULL;
  g_autoptr(KioskOutboxEntry) second = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *sql = NULL;
  KioskOutboxEntry *entry;
  KioskOutboxEntry update;
  gint64 before = g_get_real_time ();
  gint64 after;

  g_assert_no_error (error);
  g_assert_true (kiosk_replica_outbox_add (replica, "customer.create", "c-1",
                                           "{\"id\": \"c-1\", \"first_name\": \"Şule\"}", &first, &error));
  g_assert_true (kiosk_replica_outbox_add (replica, "appointment.check_in", "a-1",
                                           "{\"checked_in_at\": \"2026-03-02T10:00:00+03:00\"}", &second, &error));
  g_assert_true (kiosk_replica_outbox_add (replica, "walkin.create", NULL, "{}", NULL, &error));
  g_assert_no_error (error);
  after = g_get_real_time ();

  g_assert_true (g_uuid_string_is_valid (first->idempotency_key));
  g_assert_true (g_uuid_string_is_valid (second->idempotency_key));
  g_assert_cmpstr (first->idempotency_key, !=, second->idempotency_key);
  g_assert_cmpint (first->id, <, second->id);
  g_assert_cmpint (first->state, ==, KIOSK_OUTBOX_PENDING);
  g_assert_cmpint (first->created_at, >=, before);
  g_assert_cmpint (first->created_at, <=, after);

  entries = kiosk_replica_outbox_list (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);
  for (guint i = 0; i < entries->len; i++)
    {
      entry = g_ptr_array_index (entries, i);
      g_assert_true (g_uuid_string_is_valid (entry->idempotency_key));
      g_assert_true (g_hash_table_add (keys, entry->idempotency_key));
      g_assert_cmpint (entry->state, ==, KIOSK_OUTBOX_PENDING);
      g_assert_cmpint (entry->attempts, ==, 0);
      g_assert_cmpint (entry->next_attempt_at, ==, 0);
      g_assert_cmpint (entry->last_status, ==, 0);
      g_assert_null (entry->last_reason);
      if (i > 0)
        g_assert_cmpint (entry->id, >, ((KioskOutboxEntry *)g_ptr_array_index (entries, i - 1))->id);
    }
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->idempotency_key, ==, first->idempotency_key);
  g_assert_cmpstr (entry->kind, ==, "customer.create");
  g_assert_cmpint (entry->known_kind, ==, KIOSK_OUTBOX_KIND_CUSTOMER_CREATE);
  g_assert_cmpint (((KioskOutboxEntry *)g_ptr_array_index (entries, 1))->known_kind, ==,
                   KIOSK_OUTBOX_KIND_APPOINTMENT_CHECK_IN);
  g_assert_null (entry->refusal_code);
  g_assert_cmpstr (entry->entity_id, ==, "c-1");
  g_assert_cmpstr (entry->payload, ==, "{\"id\": \"c-1\", \"first_name\": \"Şule\"}");
  g_assert_cmpint (entry->created_at, ==, first->created_at);
  g_assert_null (((KioskOutboxEntry *)g_ptr_array_index (entries, 2))->entity_id);

  /* A refusal is kept with the server's reason. */
  update = *first;
  update.state = KIOSK_OUTBOX_REFUSED;
  update.attempts = 3;
  update.next_attempt_at = after + 60 * G_USEC_PER_SEC;
  update.last_status = 409;
  update.last_reason = (char *)"Bu telefon numarası başka bir müşteride kayıtlı";
  update.refusal_code = (char *)"phone_exists";
  g_assert_true (kiosk_replica_outbox_update (replica, &update, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = kiosk_replica_outbox_list (replica, &error);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->state, ==, KIOSK_OUTBOX_REFUSED);
  g_assert_cmpint (entry->attempts, ==, 3);
  g_assert_cmpint (entry->next_attempt_at, ==, after + 60 * G_USEC_PER_SEC);
  g_assert_cmpint (entry->last_status, ==, 409);
  g_assert_cmpstr (entry->last_reason, ==, "Bu telefon numarası başka bir müşteride kayıtlı");
  g_assert_cmpstr (entry->refusal_code, ==, "phone_exists");
  /* The key never changes. */
  g_assert_cmpstr (entry->idempotency_key, ==, first->idempotency_key);
  g_assert_cmpint (((KioskOutboxEntry *)g_ptr_array_index (entries, 1))->state, ==, KIOSK_OUTBOX_PENDING);

  update.id = 999;
  g_assert_false (kiosk_replica_outbox_update (replica, &update, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Keys are unique in the file itself. */
  sql = g_strdup_printf ("INSERT INTO outbox (idempotency_key, kind, payload, created_at) "
                         "VALUES ('%s', 'x', '{}', 0)", first->idempotency_key);
  g_assert_false (kiosk_replica_exec_for_testing (replica, sql, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* The body must be JSON. */
  g_assert_false (kiosk_replica_outbox_add (replica, "customer.create", "c-2", "{yarım", NULL, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (count (replica, "outbox"), ==, 3);

  g_assert_cmpstr (kiosk_outbox_state_to_string (KIOSK_OUTBOX_IN_FLIGHT), ==, "in_flight");
  g_assert_cmpstr (kiosk_outbox_state_to_string (KIOSK_OUTBOX_HELD), ==, "held");
}

static void
test_outbox_with_write (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (fixture->path, &error);
  g_autoptr(KioskCustomer) customer = make_customer ("c-1", "Şeyma", "Ilgaz", "+905551234567");

  g_assert_no_error (error);
  customer->pending = TRUE;

  /* A local write and its outbox entry: both or neither. */
  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_put_customer (replica, customer, &error));
  g_assert_true (kiosk_replica_outbox_add (replica, "customer.create", "c-1", "{}", NULL, &error));
  kiosk_replica_rollback (replica);
  g_assert_cmpint (count (replica, "customer"), ==, 0);
  g_assert_cmpint (count (replica, "outbox"), ==, 0);

  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_put_customer (replica, customer, &error));
  g_assert_true (kiosk_replica_outbox_add (replica, "customer.create", "c-1", "{}", NULL, &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (replica, "customer"), ==, 1);
  g_assert_cmpint (count (replica, "outbox"), ==, 1);
}

/* Pairing with another salon forgets the old one entirely, but not what
 * belongs to the terminal. */
static void
test_clear_all (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (fixture->path, &error);
  g_autoptr(KioskCustomer) customer = make_customer ("c-1", "Şeyma", "Ilgaz", "+905551234567");
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *salon = NULL;
  g_autofree char *local = NULL;

  g_assert_no_error (error);
  customer->pending = TRUE;
  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_put_customer (replica, customer, &error));
  g_assert_true (kiosk_replica_outbox_add (replica, "customer.create", "c-1", "{}", NULL, &error));
  g_assert_true (kiosk_replica_set_meta (replica, "salon", "ad7c5547-1026-434d-a200-08dc7c539cb3", &error));
  g_assert_true (kiosk_replica_set_meta (replica, "cursor", "abc", &error));
  g_assert_true (kiosk_replica_set_meta (replica, KIOSK_REPLICA_LOCAL_META_PREFIX "pin-lock", "v1:3:0:0:0", &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);

  g_assert_true (kiosk_replica_clear_all (replica, &error));
  g_assert_no_error (error);
  g_clear_object (&replica);

  /* As a fresh kiosk would find it after a restart. */
  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (replica, "customer"), ==, 0);
  g_assert_cmpint (count (replica, "outbox"), ==, 0);
  outbox = kiosk_replica_outbox_list (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 0);
  salon = kiosk_replica_get_meta (replica, "salon");
  g_assert_null (salon);
  g_assert_null (kiosk_replica_get_meta (replica, "cursor"));
  local = kiosk_replica_get_meta (replica, KIOSK_REPLICA_LOCAL_META_PREFIX "pin-lock");
  g_assert_cmpstr (local, ==, "v1:3:0:0:0");
  g_assert_null (kiosk_replica_find_customer_by_phone (replica, "+905551234567", NULL));
}

/* Transactions */

static void
test_nested_rollback (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (fixture->path, &error);
  g_autoptr(KioskCustomer) a = make_customer ("c-a", "Ahmet", "Yılmaz", NULL);
  g_autoptr(KioskCustomer) b = make_customer ("c-b", "Büşra", "Kılıç", NULL);
  g_autoptr(KioskCustomer) c = make_customer ("c-c", "Cem", "Özdemir", NULL);
  g_autoptr(KioskCustomer) d = make_customer ("c-d", "Derya", "Aydın", NULL);
  g_autoptr(KioskCustomer) back = NULL;

  g_assert_no_error (error);

  g_assert_false (kiosk_replica_commit (replica, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_FAILED);
  g_clear_error (&error);

  /* Committed before: must survive everything below. */
  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_put_customer (replica, a, &error));
  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);

  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_put_customer (replica, b, &error));
  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_put_customer (replica, c, &error));
  kiosk_replica_rollback (replica);

  /* The outer transaction is doomed: no more writes, no begin … */
  g_assert_false (kiosk_replica_put_customer (replica, d, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (kiosk_replica_begin (replica, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_FAILED);
  g_clear_error (&error);
  /* … and its commit says so. */
  g_assert_false (kiosk_replica_commit (replica, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  g_assert_cmpint (count (replica, "customer"), ==, 1);
  back = kiosk_replica_get_customer (replica, "c-a", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->last_name, ==, "Yılmaz");

  /* Afterwards the replica works as before. */
  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_put_customer (replica, d, &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (replica, "customer"), ==, 2);

  /* And all of it is on disk. */
  g_clear_object (&replica);
  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (replica, "customer"), ==, 2);
}

static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (fixture->path, &error);
  g_autoptr(KioskCustomer) back = NULL;
  gboolean failed = FALSE;

  g_assert_no_error (error);
  put_customers (replica, "saved", 100);

  /* No room for a single new page. */
  g_assert_true (kiosk_replica_exec_for_testing (replica, "PRAGMA max_page_count = 1", &error));
  g_assert_no_error (error);

  g_assert_true (kiosk_replica_begin (replica, &error));
  for (guint i = 0; i < 100000 && !failed; i++)
    {
      g_autofree char *id = g_strdup_printf ("lost-%06u", i);
      g_autoptr(KioskCustomer) customer = make_customer (id, "Kaybolan", "Müşteri", NULL);

      failed = !kiosk_replica_put_customer (replica, customer, &error);
    }
  g_assert_true (failed);
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_FULL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_nonnull (strstr (error->message, sqlite3_errstr (SQLITE_FULL)));
  g_clear_error (&error);
  kiosk_replica_rollback (replica);

  /* What was committed before is all there, nothing of the failed batch. */
  g_assert_cmpint (count (replica, "customer"), ==, 100);
  back = kiosk_replica_get_customer (replica, "saved-00042", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->last_name, ==, "Öztürk");

  /* Space again: writes work. */
  g_assert_true (kiosk_replica_exec_for_testing (replica, "PRAGMA max_page_count = 1000000", &error));
  put_customers (replica, "later", 10);
  g_assert_cmpint (count (replica, "customer"), ==, 110);

  g_clear_object (&replica);
  replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_null (kiosk_replica_get_moved_aside_path (replica));
  g_assert_cmpint (count (replica, "customer"), ==, 110);
}

static void
test_refused_employee (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (fixture->path, &error);
  g_autoptr(KioskCustomer) customer = make_customer ("c-1", "Nilüfer", "Akgül", NULL);
  g_autoptr(GPtrArray) employees = NULL;
  const char * const before[] = { "svc-1", NULL };
  const char * const after[] = { "svc-2", "svc-3", NULL };
  KioskEmployee employee = {
    .id = (char *)"emp-1", .name = (char *)"Irmak Şen", .is_active = TRUE, .services = (GStrv)before,
  };
  KioskEmployee *back;

  g_assert_no_error (error);
  g_assert_true (kiosk_replica_put_employee (replica, &employee, &error));
  g_assert_no_error (error);

  /* A feed page: one bad employee row is refused, the rest goes in. */
  g_assert_true (kiosk_replica_begin (replica, &error));
  employee.name = NULL;
  employee.services = (GStrv)after;
  g_assert_false (kiosk_replica_put_employee (replica, &employee, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (kiosk_replica_put_customer (replica, customer, &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (replica, "customer"), ==, 1);
  employees = kiosk_replica_list_employees (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (employees->len, ==, 1);
  back = g_ptr_array_index (employees, 0);
  g_assert_cmpstr (back->name, ==, "Irmak Şen");
  g_assert_true (g_strv_equal ((const char * const *)back->services, before));
}

static void
test_day_rows_plan (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (fixture->path, &error);
  g_autofree char *plan = NULL;

  g_assert_no_error (error);
  /* The day's list is read through the (date, time) index, not a scan of
   * every appointment ever. */
  plan = kiosk_replica_explain_appointment_rows (replica);
  g_test_message ("plan:\n%s", plan);
  g_assert_nonnull (strstr (plan, "SEARCH a USING INDEX appointment_by_date_time"));
  g_assert_null (strstr (plan, "SCAN a"));
}

/* The day's rows by time, then (at the same time) by staff member's name as
 * people sort names (Turkish letters in their places when the locale is
 * Turkish), rows without a staff member last, then by id: the order the
 * SQL collation gave, made in C since the collation per comparison was
 * most of the day query's time. */
static void
test_day_rows_order (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct {
    const char *id;
    const char *name;   /* NULL: no employee row (not arrived yet) */
  } staff[] = {
    { "emp-1", "Şule Kaya" }, { "emp-2", "Can Er" }, { "emp-3", "Çağla Su" }, { "emp-4", "Ümit Ak" },
    { "emp-5", "ayşe Ünal" }, { "emp-6", "Can Er" }, { "emp-7", "İlknur Öz" }, { "emp-8", "Irmak Işık" },
    { "emp-9", NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (fixture->path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *old_collate = g_strdup (setlocale (LC_COLLATE, NULL));
  const char *locales[] = { "tr_TR.UTF-8", "en_US.UTF-8", "C.UTF-8" };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (locales) && setlocale (LC_COLLATE, locales[i]) == NULL; i++)
    ;
  g_test_message ("collation locale: %s", setlocale (LC_COLLATE, NULL));

  g_assert_no_error (error);
  g_assert_true (kiosk_replica_begin (replica, &error));
  for (guint i = 0; i < G_N_ELEMENTS (staff); i++)
    {
      KioskEmployee employee = { .id = (char *)staff[i].id, .name = (char *)staff[i].name, .is_active = TRUE };

      if (staff[i].name != NULL)
        g_assert_true (kiosk_replica_put_employee (replica, &employee, &error));
      /* Two bookings each at 10:00 (in reverse id order), one at 09:00. */
      for (guint k = 0; k < 3; k++)
        {
          g_autofree char *id = g_strdup_printf ("app-%c-%s", "zya"[k], staff[i].id);
          g_autoptr(KioskAppointment) appt = make_appointment (id, "cus-1", "svc-1", staff[i].id, "2026-03-02",
                                                               k == 2 ? 9 * 3600 : 10 * 3600);

          g_assert_true (kiosk_replica_put_appointment (replica, appt, &error));
          n++;
        }
    }
  /* Another day, not listed. */
  {
    g_autoptr(KioskAppointment) other = make_appointment ("app-other", "cus-1", "svc-1", "emp-1", "2026-03-03",
                                                          9 * 3600);

    g_assert_true (kiosk_replica_put_appointment (replica, other, &error));
  }
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);

  rows = kiosk_replica_list_appointment_rows (replica, "2026-03-02", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, n);
  for (guint i = 1; i < rows->len; i++)
    {
      const KioskAppointmentRow *a = g_ptr_array_index (rows, i - 1);
      const KioskAppointmentRow *b = g_ptr_array_index (rows, i);
      int cmp;

      g_test_message ("%02d:%02d %s %s", b->appointment.appointment_time / 3600,
                      b->appointment.appointment_time / 60 % 60, b->employee_name, b->appointment.id);
      g_assert_cmpint (a->appointment.appointment_time, <=, b->appointment.appointment_time);
      if (a->appointment.appointment_time != b->appointment.appointment_time)
        continue;
      /* Named staff first. */
      g_assert_false (a->employee_name == NULL && b->employee_name != NULL);
      if (a->employee_name == NULL || b->employee_name == NULL)
        {
          if (a->employee_name == NULL)
            g_assert_cmpstr (a->appointment.id, <, b->appointment.id);
          continue;
        }
      cmp = g_utf8_collate (a->employee_name, b->employee_name);
      if (cmp == 0)
        cmp = strcmp (a->employee_name, b->employee_name);
      g_assert_cmpint (cmp, <=, 0);
      if (cmp == 0)
        g_assert_cmpstr (a->appointment.id, <, b->appointment.id);
    }
  /* The first at 09:00 and the last at 10:00 (no staff member's name). */
  g_assert_cmpint (((KioskAppointmentRow *)g_ptr_array_index (rows, 0))->appointment.appointment_time, ==, 9 * 3600);
  g_assert_null (((KioskAppointmentRow *)g_ptr_array_index (rows, rows->len - 1))->employee_name);
  g_assert_cmpstr (((KioskAppointmentRow *)g_ptr_array_index (rows, rows->len - 1))->appointment.id, ==,
                   "app-z-emp-9");
  /* In a Turkish locale "Ç" sorts after "C" and before "D", "Ş" after "S":
   * the bytes would put both after every ASCII letter. */
  if (g_str_has_prefix (setlocale (LC_COLLATE, NULL), "tr_TR"))
    {
      const KioskAppointmentRow *first = g_ptr_array_index (rows, 0);
      const KioskAppointmentRow *third = g_ptr_array_index (rows, 2);

      g_assert_cmpstr (first->employee_name, ==, "ayşe Ünal");
      g_assert_cmpstr (third->employee_name, ==, "Can Er");
      g_assert_cmpstr (((KioskAppointmentRow *)g_ptr_array_index (rows, 3))->employee_name, ==, "Çağla Su");
    }

  setlocale (LC_COLLATE, old_collate);
}

/* The queue and the loyalty summary, as the front desk shows them. */
static void
test_open_walkins_and_levels (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskReplica) replica = kiosk_replica_open (fixture->path, &error);
  g_autoptr(GPtrArray) open = NULL;
  static const struct {
    const char        *id;
    KioskWalkinStatus  status;
    const char        *arrived_at;
  } walkins[] = {
    { "w-1", KIOSK_WALKIN_DONE,       "2026-03-02T09:00:00+03:00" },
    { "w-2", KIOSK_WALKIN_CALLED,     "2026-03-02T09:10:00+03:00" },
    { "w-3", KIOSK_WALKIN_WAITING,    "2026-03-02T09:05:00+03:00" },
    { "w-4", KIOSK_WALKIN_LEFT,       "2026-03-02T09:01:00+03:00" },
    { "w-5", KIOSK_WALKIN_IN_SERVICE, "2026-03-02T08:55:00+03:00" },
  };
  static const KioskLoyaltyLevel levels[] = {
    KIOSK_LEVEL_GOLD, KIOSK_LEVEL_BRONZE, KIOSK_LEVEL_GOLD, KIOSK_LEVEL_PLATINUM, KIOSK_LEVEL_GOLD,
  };
  gint64 counts[4] = { -1, -1, -1, -1 };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (walkins); i++)
    {
      KioskWalkin walkin = { .id = (char *)walkins[i].id, .name = (char *)"Gökçe", .status = walkins[i].status,
                             .arrived_at = (char *)walkins[i].arrived_at };

      g_assert_true (kiosk_replica_put_walkin (replica, &walkin, &error));
      g_assert_no_error (error);
    }
  open = kiosk_replica_list_open_walkins (replica, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 3);
  g_assert_cmpstr (((KioskWalkin *)g_ptr_array_index (open, 0))->id, ==, "w-5");
  g_assert_cmpstr (((KioskWalkin *)g_ptr_array_index (open, 1))->id, ==, "w-3");
  g_assert_cmpstr (((KioskWalkin *)g_ptr_array_index (open, 2))->id, ==, "w-2");
  g_assert_cmpint (((KioskWalkin *)g_ptr_array_index (open, 2))->status, ==, KIOSK_WALKIN_CALLED);

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autofree char *id = g_strdup_printf ("c-%u", i);
      g_autoptr(KioskCustomer) customer = make_customer (id, "Özge", "Işıl", NULL);

      customer->loyalty_level = levels[i];
      g_assert_true (kiosk_replica_put_customer (replica, customer, &error));
      g_assert_no_error (error);
    }
  g_assert_true (kiosk_replica_count_customers_by_level (replica, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts[KIOSK_LEVEL_BRONZE], ==, 1);
  g_assert_cmpint (counts[KIOSK_LEVEL_SILVER], ==, 0);
  g_assert_cmpint (counts[KIOSK_LEVEL_GOLD], ==, 3);
  g_assert_cmpint (counts[KIOSK_LEVEL_PLATINUM], ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_log_set_writer_func (catch_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/replica/migrate/from-empty", test_migrate_from_empty);
  ADD ("/replica/migrate/from-v1", test_migrate_from_v1);
  ADD ("/replica/migrate/from-v2", test_migrate_from_v2);
  ADD ("/replica/migrate/from-v3", test_migrate_from_v3);
  ADD ("/replica/migrate/from-v4", test_migrate_from_v4);
  ADD ("/replica/migrate/from-v6", test_migrate_from_v6);
  ADD ("/replica/migrate/too-new", test_too_new);
  ADD ("/replica/migrate/too-new-wal", test_too_new_wal);
  ADD ("/replica/file-mode", test_file_mode);
  ADD ("/replica/corrupt/garbage", test_corrupt_garbage);
  ADD ("/replica/corrupt/truncated", test_corrupt_truncated);
  ADD ("/replica/corrupt/header", test_corrupt_header);
  ADD ("/replica/round-trip", test_round_trip);
  ADD ("/replica/meta", test_meta);
  ADD ("/replica/constraint", test_constraint);
  ADD ("/replica/count", test_count_known_tables);
  ADD ("/replica/row-state-and-delete", test_row_state_and_delete);
  ADD ("/replica/outbox/add-list-update", test_outbox);
  ADD ("/replica/outbox/with-write", test_outbox_with_write);
  ADD ("/replica/clear-all", test_clear_all);
  ADD ("/replica/transaction/nested-rollback", test_nested_rollback);
  ADD ("/replica/error/disk-full", test_disk_full);
  ADD ("/replica/error/refused-employee", test_refused_employee);
  ADD ("/replica/appointment-rows/plan", test_day_rows_plan);
  ADD ("/replica/appointment-rows/order", test_day_rows_order);
  ADD ("/replica/open-walkins-and-levels", test_open_walkins_and_levels);

#undef ADD

  return g_test_run ();
}
