/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The snapshot's bulk path in the replica: a first sync into an empty
 * replica goes without the secondary indexes and builds them at its end; a
 * file left in between (a crash, a power cut) still opens, keeps its data,
 * and gets its indexes back.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "kiosk-replica-private.h"
#include "kiosk-replica-sync.h"

#define APPT_ID  "6b4f2e8a-1c7d-4e5a-9f2b-8d3c5a7e2f36"
#define APPT_ID2 "7c5a3f9b-2d8e-4f6b-8a3c-9e4d6b8f3a47"

static char *
make_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kiosk-ingest-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "replica.db", NULL);
}

static void
remove_replica (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *dir = g_path_get_dirname (path);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

static gboolean
uses_date_index (KioskReplica *replica)
{
  g_autofree char *plan = kiosk_replica_explain_appointment_rows (replica);

  return strstr (plan, "appointment_by_date_time") != NULL;
}

static void
apply_appointment (KioskReplica *replica,
                   const char   *id,
                   gint64        version)
{
  g_autoptr(GError) error = NULL;
  KioskAppointment a = {
    .id = (char *) id,
    .customer = (char *) "5a3e1d7f-9b6c-4d4f-8e1a-7c2b4f6d1e25",
    .service = (char *) "2d9b7a4c-6e3f-4a1c-9b5d-1e7f3a9c5b42",
    .appointment_date = (char *) "2026-01-01",
    .appointment_time = 10 * 3600,
    .end_time = 11 * 3600,
    .status = KIOSK_APPOINTMENT_CONFIRMED,
    .source = (char *) "app",
    .version = version,
  };
  KioskApplyResult result = KIOSK_APPLY_REPLAY;

  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_apply_upsert (replica, KIOSK_ENTITY_APPOINTMENT, &a, &result, &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_cmpint (result, ==, KIOSK_APPLY_APPLIED);
}

static void
test_first_snapshot_builds_indexes_at_end (void)
{
  g_autofree char *path = make_path ();
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GError) error = NULL;

  replica = kiosk_replica_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (uses_date_index (replica));

  g_assert_true (kiosk_replica_snapshot_begin (replica, &error));
  g_assert_no_error (error);
  g_assert_false (uses_date_index (replica));
  apply_appointment (replica, APPT_ID, 3);

  /* Built again when the snapshot ends, with the rows in them. */
  g_assert_true (kiosk_replica_snapshot_finish (replica, &error));
  g_assert_no_error (error);
  g_assert_true (uses_date_index (replica));
  g_assert_cmpint (kiosk_replica_count (replica, "appointment", NULL), ==, 1);
  g_assert_cmpint (kiosk_replica_get_row_version (replica, KIOSK_ENTITY_APPOINTMENT, APPT_ID), ==, 3);

  /* A snapshot into a replica with rows keeps its indexes throughout. */
  g_assert_true (kiosk_replica_snapshot_begin (replica, &error));
  g_assert_true (uses_date_index (replica));
  apply_appointment (replica, APPT_ID2, 4);
  g_assert_true (kiosk_replica_snapshot_finish (replica, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_replica_count (replica, "appointment", NULL), ==, 1);
  g_assert_cmpint (kiosk_replica_get_row_version (replica, KIOSK_ENTITY_APPOINTMENT, APPT_ID), ==, -1);

  g_clear_object (&replica);
  remove_replica (path);
}

static void
test_interrupted_snapshot_reopens (void)
{
  g_autofree char *path = make_path ();
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(GError) error = NULL;

  replica = kiosk_replica_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_replica_snapshot_begin (replica, &error));
  apply_appointment (replica, APPT_ID, 3);
  g_clear_object (&replica);

  /* Without its indexes the file is whole: it opens, data and all, and the
   * snapshot is still under way (its indexes still left out). */
  replica = kiosk_replica_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_replica_in_snapshot (replica));
  g_assert_cmpint (kiosk_replica_get_row_version (replica, KIOSK_ENTITY_APPOINTMENT, APPT_ID), ==, 3);
  g_assert_true (kiosk_replica_restore_indexes (replica, &error));
  g_assert_false (uses_date_index (replica));

  /* Stopped between the end of the snapshot and the indexes: the next
   * start builds them. */
  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_snapshot_finish (replica, &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
  g_assert_false (uses_date_index (replica));
  g_clear_object (&replica);

  replica = kiosk_replica_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (kiosk_replica_in_snapshot (replica));
  g_assert_true (kiosk_replica_restore_indexes (replica, &error));
  g_assert_no_error (error);
  g_assert_true (uses_date_index (replica));
  g_assert_cmpint (kiosk_replica_get_row_version (replica, KIOSK_ENTITY_APPOINTMENT, APPT_ID), ==, 3);

  g_clear_object (&replica);
  remove_replica (path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ingest/first-snapshot-builds-indexes-at-end", test_first_snapshot_builds_indexes_at_end);
  g_test_add_func ("/ingest/interrupted-snapshot-reopens", test_interrupted_snapshot_reopens);

  return g_test_run ();
}
