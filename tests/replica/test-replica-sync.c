/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the sync engine asks of the replica (kiosk-replica-sync.h): the feed
 * never undoes a desk change, snapshots end with exactly the server's rows
 * plus the desk's own, and the outbox goes out in order, holding only what
 * depends on a refusal.
 */
#define G_LOG_DOMAIN "test-replica-sync"

#include "config.h"

#include <glib/gstdio.h>

#include "kiosk-outbox.h"
#include "kiosk-replica.h"
#include "kiosk-replica-private.h"
#include "kiosk-replica-sync.h"

typedef struct {
  char         *dir;
  char         *path;
  KioskReplica *replica;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("kiosk-replica-sync-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "replica.db", NULL);
  fixture->replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->replica);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);
      g_assert_no_errno (g_unlink (child));
    }
  g_assert_no_errno (g_rmdir (fixture->dir));
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->replica);
  fixture->replica = kiosk_replica_open (fixture->path, &error);
  g_assert_no_error (error);
}

static KioskCustomer *
make_customer (const char *id,
               const char *first_name,
               const char *phone,
               gint64      version)
{
  KioskCustomer *customer = g_new0 (KioskCustomer, 1);

  customer->id = g_strdup (id);
  customer->first_name = g_strdup (first_name);
  customer->last_name = g_strdup ("Yılmaz");
  customer->phone = g_strdup (phone);
  customer->version = version;
  return customer;
}

static KioskAppointment *
make_appointment (const char *id,
                  const char *customer,
                  const char *notes,
                  gint64      version)
{
  KioskAppointment *appt = g_new0 (KioskAppointment, 1);

  appt->id = g_strdup (id);
  appt->customer = g_strdup (customer);
  appt->service = g_strdup ("svc-1");
  appt->appointment_date = g_strdup ("2026-03-02");
  appt->appointment_time = 10 * 3600;
  appt->end_time = 11 * 3600;
  appt->status = KIOSK_APPOINTMENT_CONFIRMED;
  appt->notes = g_strdup (notes);
  appt->version = version;
  return appt;
}

static KioskApplyResult
upsert (KioskReplica  *replica,
        KioskEntity    entity,
        gconstpointer  record)
{
  g_autoptr(GError) error = NULL;
  KioskApplyResult result = -1;

  g_assert_true (kiosk_replica_apply_upsert (replica, entity, record, &result, &error));
  g_assert_no_error (error);
  return result;
}

static KioskCustomer *
get_customer (KioskReplica *replica,
              const char   *id)
{
  g_autoptr(GError) error = NULL;
  KioskCustomer *customer = kiosk_replica_get_customer (replica, id, &error);

  g_assert_no_error (error);
  return customer;
}

static KioskAppointment *
get_appointment (KioskReplica *replica,
                 const char   *id)
{
  g_autoptr(GError) error = NULL;
  KioskAppointment *appt = kiosk_replica_get_appointment (replica, id, &error);

  g_assert_no_error (error);
  return appt;
}

/* A desk change: the row (pending) and its outbox entry in one transaction. */
static gint64
desk_customer (KioskReplica *replica,
               const char   *id,
               const char   *first_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskCustomer) customer = make_customer (id, first_name, "+905551112233", 0);
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autofree char *payload = g_strdup_printf ("{\"id\": \"%s\", \"first_name\": \"%s\"}", id, first_name);

  customer->pending = TRUE;
  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_put_customer (replica, customer, &error));
  g_assert_true (kiosk_replica_outbox_add (replica, "customer.create", id, payload, &entry, &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
  return entry->id;
}

static gint64
desk_appointment (KioskReplica *replica,
                  const char   *id,
                  const char   *customer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskAppointment) appt = make_appointment (id, customer, "masadan", 0);
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autofree char *payload = g_strdup_printf ("{\"id\": \"%s\", \"customer\": \"%s\", \"service\": \"svc-1\"}",
                                              id, customer);
  const char * const refs[] = { customer, NULL };

  appt->pending = TRUE;
  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_put_appointment (replica, appt, &error));
  g_assert_true (kiosk_replica_outbox_add_with_refs (replica, "appointment.create", id, payload, refs,
                                                     &entry, &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);
  return entry->id;
}

static gint64
add_entry (KioskReplica *replica,
           const char   *kind,
           const char   *entity_id,
           const char   *payload)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskOutboxEntry) entry = NULL;

  g_assert_true (kiosk_replica_outbox_add_with_refs (replica, kind, entity_id, payload, NULL, &entry, &error));
  g_assert_no_error (error);
  return entry->id;
}

/* The ids of the entries due now, as "1,2,3". */
static char *
due_ids (KioskReplica *replica,
         gint64        now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = kiosk_replica_outbox_due (replica, now, 100, &error);
  GString *ids = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < due->len; i++)
    {
      KioskOutboxEntry *entry = g_ptr_array_index (due, i);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", entry->id);
    }
  return g_string_free (ids, FALSE);
}

static KioskOutboxEntry *
find_entry (KioskReplica *replica,
            gint64        id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = kiosk_replica_outbox_list (replica, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      KioskOutboxEntry *entry = g_ptr_array_index (all, i);

      if (entry->id == id)
        return g_ptr_array_steal_index (all, i);
    }
  g_assert_not_reached ();
}

static KioskOutboxState
entry_state (KioskReplica *replica,
             gint64        id)
{
  g_autoptr(KioskOutboxEntry) entry = find_entry (replica, id);

  return entry->state;
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

/* The feed */

static void
test_versions (Fixture       *fixture,
               gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskCustomer) v5 = make_customer ("c-1", "Ayşe", "+905550000001", 5);
  g_autoptr(KioskCustomer) v4 = make_customer ("c-1", "Eski Ayşe", "+905550000001", 4);
  g_autoptr(KioskCustomer) v6 = make_customer ("c-1", "Ayşe Gül", "+905550000001", 6);
  g_autoptr(KioskCustomer) back = NULL;
  KioskApplyResult result = -1;

  g_assert_cmpint (kiosk_replica_get_row_version (replica, KIOSK_ENTITY_CUSTOMER, "c-1"), ==, -1);
  g_assert_cmpint (upsert (replica, KIOSK_ENTITY_CUSTOMER, v5), ==, KIOSK_APPLY_APPLIED);
  g_assert_cmpint (kiosk_replica_get_row_version (replica, KIOSK_ENTITY_CUSTOMER, "c-1"), ==, 5);

  /* Same version again, and an older one: replays, nothing changes. */
  g_assert_cmpint (upsert (replica, KIOSK_ENTITY_CUSTOMER, v5), ==, KIOSK_APPLY_REPLAY);
  g_assert_cmpint (upsert (replica, KIOSK_ENTITY_CUSTOMER, v4), ==, KIOSK_APPLY_REPLAY);
  back = get_customer (replica, "c-1");
  g_assert_cmpstr (back->first_name, ==, "Ayşe");
  g_clear_pointer (&back, kiosk_customer_free);

  g_assert_cmpint (upsert (replica, KIOSK_ENTITY_CUSTOMER, v6), ==, KIOSK_APPLY_APPLIED);
  back = get_customer (replica, "c-1");
  g_assert_cmpstr (back->first_name, ==, "Ayşe Gül");
  g_assert_cmpint (back->version, ==, 6);
  g_assert_false (back->pending);

  /* A stale tombstone is a replay; a newer one removes the row. */
  g_assert_true (kiosk_replica_apply_delete (replica, KIOSK_ENTITY_CUSTOMER, "c-1", 6, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, KIOSK_APPLY_REPLAY);
  g_assert_cmpint (count (replica, "customer"), ==, 1);
  g_assert_true (kiosk_replica_apply_delete (replica, KIOSK_ENTITY_CUSTOMER, "c-1", 7, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, KIOSK_APPLY_APPLIED);
  g_assert_cmpint (count (replica, "customer"), ==, 0);
  g_assert_cmpint (kiosk_replica_get_row_version (replica, KIOSK_ENTITY_CUSTOMER, "c-1"), ==, -1);

  /* A tombstone for a row never held: nothing to do, no error. */
  g_assert_true (kiosk_replica_apply_delete (replica, KIOSK_ENTITY_WALKIN, "w-yok", 3, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, KIOSK_APPLY_APPLIED);
}

/* An invalid record fails alone: the page's transaction goes on. */
static void
test_invalid_record_in_page (Fixture       *fixture,
                             gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskAppointment) bad = make_appointment ("a-bad", "c-1", NULL, 3);
  g_autoptr(KioskAppointment) good = make_appointment ("a-good", "c-1", NULL, 4);
  KioskApplyResult result = -1;

  g_free (bad->appointment_date);
  bad->appointment_date = g_strdup ("dün");

  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_false (kiosk_replica_apply_upsert (replica, KIOSK_ENTITY_APPOINTMENT, bad, &result, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (kiosk_replica_quarantine_add (replica, "appointment", "a-bad", "bad date", "{}", &error));
  g_assert_cmpint (upsert (replica, KIOSK_ENTITY_APPOINTMENT, good), ==, KIOSK_APPLY_APPLIED);
  g_assert_true (kiosk_replica_set_meta (replica, KIOSK_META_CURSOR, "c42", &error));
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count (replica, "appointment"), ==, 1);
  g_assert_cmpint (kiosk_replica_quarantine_count (replica), ==, 1);
  {
    g_autofree char *cursor = kiosk_replica_get_meta (replica, KIOSK_META_CURSOR);
    g_assert_cmpstr (cursor, ==, "c42");
  }
}

static void
test_pending_kept_then_acknowledged (Fixture       *fixture,
                                     gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskAppointment) server = make_appointment ("a-1", "c-1", "sunucu", 10);
  g_autoptr(KioskAppointment) desk = NULL;
  g_autoptr(KioskAppointment) feed = make_appointment ("a-1", "c-1", "başka cihaz", 11);
  g_autoptr(KioskAppointment) reply = make_appointment ("a-1", "c-1", "sunucu", 12);
  g_autoptr(KioskAppointment) later = make_appointment ("a-1", "c-1", "sonra", 13);
  g_autoptr(KioskAppointment) back = NULL;
  gint64 check_in;

  g_assert_cmpint (upsert (replica, KIOSK_ENTITY_APPOINTMENT, server), ==, KIOSK_APPLY_APPLIED);

  /* The desk checks the person in. */
  desk = get_appointment (replica, "a-1");
  desk->checked_in_at = g_strdup ("2026-03-02T09:55:00+03:00");
  desk->pending = TRUE;
  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_replica_put_appointment (replica, desk, &error));
  check_in = add_entry (replica, "appointment.check_in", "a-1",
                        "{\"checked_in_at\": \"2026-03-02T09:55:00+03:00\"}");
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);

  /* Another device's change arrives: the desk's row is kept. */
  g_assert_cmpint (upsert (replica, KIOSK_ENTITY_APPOINTMENT, feed), ==, KIOSK_APPLY_KEPT_LOCAL);
  back = get_appointment (replica, "a-1");
  g_assert_true (back->pending);
  g_assert_cmpstr (back->checked_in_at, ==, "2026-03-02T09:55:00+03:00");
  g_assert_cmpstr (back->notes, ==, "sunucu");
  g_clear_pointer (&back, kiosk_appointment_free);
  g_assert_cmpint (kiosk_replica_get_row_version (replica, KIOSK_ENTITY_APPOINTMENT, "a-1"), ==, 11);
  /* And the same change again is a replay. */
  g_assert_cmpint (upsert (replica, KIOSK_ENTITY_APPOINTMENT, feed), ==, KIOSK_APPLY_REPLAY);

  /* The acknowledgement brings the server's copy; nothing left pending. */
  reply->checked_in_at = g_strdup ("2026-03-02T09:55:00+03:00");
  g_assert_true (kiosk_replica_outbox_acknowledge (replica, check_in, 200, KIOSK_ENTITY_APPOINTMENT, reply, &error));
  g_assert_no_error (error);
  back = get_appointment (replica, "a-1");
  g_assert_false (back->pending);
  g_assert_cmpint (back->version, ==, 12);
  g_assert_cmpstr (back->checked_in_at, ==, "2026-03-02T09:55:00+03:00");
  g_clear_pointer (&back, kiosk_appointment_free);
  g_assert_cmpint (entry_state (replica, check_in), ==, KIOSK_OUTBOX_DONE);
  g_assert_cmpint (count (replica, "server_copy"), ==, 0);

  /* From now on the feed applies as usual. */
  g_assert_cmpint (upsert (replica, KIOSK_ENTITY_APPOINTMENT, later), ==, KIOSK_APPLY_APPLIED);
  back = get_appointment (replica, "a-1");
  g_assert_cmpstr (back->notes, ==, "sonra");
}

/* A retried key replays the first, older reply, while the feed already
 * said something newer: the row takes the newer. */
static void
test_stale_reply (Fixture       *fixture,
                  gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskCustomer) feed = make_customer ("c-1", "Çağla", "+905551112233", 8);
  g_autoptr(KioskCustomer) reply = make_customer ("c-1", "Çağla", "+905551112233", 7);
  g_autoptr(KioskCustomer) back = NULL;
  gint64 create = desk_customer (replica, "c-1", "Çağla");

  feed->loyalty_level = KIOSK_LEVEL_SILVER;
  feed->total_points = 120;
  g_assert_cmpint (upsert (replica, KIOSK_ENTITY_CUSTOMER, feed), ==, KIOSK_APPLY_KEPT_LOCAL);
  g_assert_true (kiosk_replica_outbox_acknowledge (replica, create, 201, KIOSK_ENTITY_CUSTOMER, reply, &error));
  g_assert_no_error (error);

  back = get_customer (replica, "c-1");
  g_assert_false (back->pending);
  g_assert_cmpint (back->version, ==, 8);
  g_assert_cmpint (back->loyalty_level, ==, KIOSK_LEVEL_SILVER);
  g_assert_cmpint (back->total_points, ==, 120);
}

/* Two desk changes to one row: the first reply waits aside until the
 * second is acknowledged too. */
static void
test_two_changes_one_row (Fixture       *fixture,
                          gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskAppointment) reply = make_appointment ("a-1", "c-1", "masadan", 3);
  g_autoptr(KioskAppointment) back = NULL;
  gint64 create = desk_appointment (replica, "a-1", "c-1");
  gint64 cancel = add_entry (replica, "appointment.status", "a-1", "{\"status\": \"cancelled\"}");
  g_autofree char *due = NULL;

  /* The desk's row says cancelled. */
  back = get_appointment (replica, "a-1");
  back->status = KIOSK_APPOINTMENT_CANCELLED;
  g_assert_true (kiosk_replica_put_appointment (replica, back, &error));
  g_clear_pointer (&back, kiosk_appointment_free);

  due = due_ids (replica, g_get_real_time ());
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, create);
    g_assert_cmpstr (due, ==, expected);   /* the status change waits for the creation */
  }

  g_assert_true (kiosk_replica_outbox_acknowledge (replica, create, 201, KIOSK_ENTITY_APPOINTMENT, reply, &error));
  g_assert_no_error (error);
  back = get_appointment (replica, "a-1");
  g_assert_true (back->pending);
  g_assert_cmpint (back->status, ==, KIOSK_APPOINTMENT_CANCELLED);
  g_assert_cmpint (kiosk_replica_get_row_version (replica, KIOSK_ENTITY_APPOINTMENT, "a-1"), ==, 3);
  g_clear_pointer (&back, kiosk_appointment_free);

  reply->status = KIOSK_APPOINTMENT_CANCELLED;
  reply->version = 4;
  g_assert_true (kiosk_replica_outbox_acknowledge (replica, cancel, 200, KIOSK_ENTITY_APPOINTMENT, reply, &error));
  g_assert_no_error (error);
  back = get_appointment (replica, "a-1");
  g_assert_false (back->pending);
  g_assert_cmpint (back->version, ==, 4);
  g_assert_cmpint (back->status, ==, KIOSK_APPOINTMENT_CANCELLED);
}

/* The feed deletes a row the desk has changed: the row stays until its
 * outbox is empty, then goes unless the server's reply is newer. */
static void
test_pending_tombstone (Fixture       *fixture,
                        gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GError) error = NULL;
  gint64 create = desk_customer (replica, "c-1", "Şule");
  KioskApplyResult result = -1;

  g_assert_true (kiosk_replica_apply_delete (replica, KIOSK_ENTITY_CUSTOMER, "c-1", 9, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, KIOSK_APPLY_KEPT_LOCAL);
  g_assert_cmpint (count (replica, "customer"), ==, 1);

  /* Acknowledged with no body: the server's last word, the tombstone, wins. */
  g_assert_true (kiosk_replica_outbox_acknowledge (replica, create, 201, KIOSK_ENTITY_CUSTOMER, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (replica, "customer"), ==, 0);
  g_assert_cmpint (count (replica, "server_copy"), ==, 0);
}

/* Snapshots */

static void
fill_server_rows (KioskReplica *replica)
{
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("c-%u", i);
      g_autoptr(KioskCustomer) customer = make_customer (id, "İlker", NULL, 5);

      g_assert_cmpint (upsert (replica, KIOSK_ENTITY_CUSTOMER, customer), ==, KIOSK_APPLY_APPLIED);
    }
}

static void
check_after_snapshot (KioskReplica *replica)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskCustomer) gone = NULL;
  g_autoptr(KioskCustomer) kept = NULL;

  /* c-1 came again (a replay counts), c-2 came newer, c-3 did not come;
   * c-desk is the desk's own, not acknowledged yet. */
  g_assert_cmpint (count (replica, "customer"), ==, 3);
  gone = kiosk_replica_get_customer (replica, "c-3", &error);
  g_assert_null (gone);
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND);
  kept = get_customer (replica, "c-desk");
  g_assert_true (kept->pending);
  g_assert_cmpint (kiosk_replica_get_row_version (replica, KIOSK_ENTITY_CUSTOMER, "c-2"), ==, 6);
  g_assert_false (kiosk_replica_in_snapshot (replica));
  g_assert_cmpint (count (replica, "snapshot_seen"), ==, 0);
}

static void
test_snapshot (Fixture       *fixture,
               gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskCustomer) c1 = make_customer ("c-1", "İlker", NULL, 5);
  g_autoptr(KioskCustomer) c2 = make_customer ("c-2", "İlker", NULL, 6);

  fill_server_rows (replica);
  desk_customer (replica, "c-desk", "Ömer");
  g_assert_true (kiosk_replica_set_meta (replica, KIOSK_META_CURSOR, "eski", &error));

  /* Finishing what never began deletes nothing. */
  g_assert_false (kiosk_replica_snapshot_finish (replica, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (count (replica, "customer"), ==, 4);

  g_assert_true (kiosk_replica_snapshot_begin (replica, &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_replica_in_snapshot (replica));
  g_assert_null (kiosk_replica_get_meta (replica, KIOSK_META_CURSOR));

  g_assert_cmpint (upsert (replica, KIOSK_ENTITY_CUSTOMER, c1), ==, KIOSK_APPLY_REPLAY);
  g_assert_cmpint (upsert (replica, KIOSK_ENTITY_CUSTOMER, c2), ==, KIOSK_APPLY_APPLIED);
  g_assert_true (kiosk_replica_snapshot_finish (replica, &error));
  g_assert_no_error (error);

  check_after_snapshot (replica);
}

static void
test_snapshot_restart (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskCustomer) c1 = make_customer ("c-1", "İlker", NULL, 5);
  g_autoptr(KioskCustomer) c2 = make_customer ("c-2", "İlker", NULL, 6);

  fill_server_rows (fixture->replica);
  desk_customer (fixture->replica, "c-desk", "Ömer");

  g_assert_true (kiosk_replica_snapshot_begin (fixture->replica, &error));
  g_assert_cmpint (upsert (fixture->replica, KIOSK_ENTITY_CUSTOMER, c1), ==, KIOSK_APPLY_REPLAY);
  g_assert_true (kiosk_replica_begin (fixture->replica, &error));
  g_assert_true (kiosk_replica_set_meta (fixture->replica, KIOSK_META_CURSOR, "sayfa-1", &error));
  g_assert_true (kiosk_replica_commit (fixture->replica, &error));
  g_assert_no_error (error);

  /* The kiosk stops here (a crash, a power cut). */
  reopen (fixture);
  g_assert_true (kiosk_replica_in_snapshot (fixture->replica));
  g_assert_cmpint (count (fixture->replica, "customer"), ==, 4);

  /* Resumed from the stored cursor: the marks made before still count. */
  g_assert_cmpint (upsert (fixture->replica, KIOSK_ENTITY_CUSTOMER, c2), ==, KIOSK_APPLY_APPLIED);
  g_assert_true (kiosk_replica_snapshot_finish (fixture->replica, &error));
  g_assert_no_error (error);
  check_after_snapshot (fixture->replica);

  /* Or started again from the top: the same end. */
  {
    g_autoptr(KioskCustomer) c3 = make_customer ("c-3", "İlker", NULL, 5);

    g_assert_cmpint (upsert (fixture->replica, KIOSK_ENTITY_CUSTOMER, c3), ==, KIOSK_APPLY_APPLIED);
    g_assert_cmpint (count (fixture->replica, "customer"), ==, 4);
  }
  g_assert_true (kiosk_replica_snapshot_begin (fixture->replica, &error));
  g_assert_cmpint (upsert (fixture->replica, KIOSK_ENTITY_CUSTOMER, c1), ==, KIOSK_APPLY_REPLAY);
  reopen (fixture);
  g_assert_true (kiosk_replica_in_snapshot (fixture->replica));
  g_assert_true (kiosk_replica_snapshot_begin (fixture->replica, &error));
  g_assert_cmpint (upsert (fixture->replica, KIOSK_ENTITY_CUSTOMER, c1), ==, KIOSK_APPLY_REPLAY);
  g_assert_cmpint (upsert (fixture->replica, KIOSK_ENTITY_CUSTOMER, c2), ==, KIOSK_APPLY_REPLAY);
  g_assert_true (kiosk_replica_snapshot_finish (fixture->replica, &error));
  g_assert_no_error (error);
  check_after_snapshot (fixture->replica);
}

/* A first snapshot into an empty replica keeps no marks (a million rows
 * would each cost an index insert), and ends with every row it brought and
 * the desk's own; a restart resumes it the same way. A snapshot begun on
 * a replica with rows (a 410) marks again, and drops what did not come. */
static void
test_snapshot_fresh (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskCustomer) c1 = make_customer ("c-1", "İlker", NULL, 5);
  g_autoptr(KioskCustomer) c2 = make_customer ("c-2", "İlker", NULL, 6);

  g_assert_true (kiosk_replica_snapshot_begin (fixture->replica, &error));
  g_assert_no_error (error);
  g_assert_cmpint (upsert (fixture->replica, KIOSK_ENTITY_CUSTOMER, c1), ==, KIOSK_APPLY_APPLIED);
  desk_customer (fixture->replica, "c-desk", "Ömer");
  g_assert_cmpint (count (fixture->replica, "snapshot_seen"), ==, 0);

  reopen (fixture);
  g_assert_true (kiosk_replica_in_snapshot (fixture->replica));
  g_assert_cmpint (upsert (fixture->replica, KIOSK_ENTITY_CUSTOMER, c2), ==, KIOSK_APPLY_APPLIED);
  g_assert_cmpint (count (fixture->replica, "snapshot_seen"), ==, 0);
  g_assert_true (kiosk_replica_snapshot_finish (fixture->replica, &error));
  g_assert_no_error (error);
  g_assert_false (kiosk_replica_in_snapshot (fixture->replica));
  g_assert_cmpint (count (fixture->replica, "customer"), ==, 3);

  /* Later, a resync that brings c-2 only: c-1 is gone on the server. */
  g_assert_true (kiosk_replica_snapshot_begin (fixture->replica, &error));
  g_assert_cmpint (upsert (fixture->replica, KIOSK_ENTITY_CUSTOMER, c2), ==, KIOSK_APPLY_REPLAY);
  g_assert_cmpint (count (fixture->replica, "snapshot_seen"), ==, 1);
  g_assert_true (kiosk_replica_snapshot_finish (fixture->replica, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture->replica, "customer"), ==, 2);
  {
    g_autoptr(KioskCustomer) desk = get_customer (fixture->replica, "c-desk");

    g_assert_true (desk->pending);
  }
  g_assert_cmpint (kiosk_replica_get_row_version (fixture->replica, KIOSK_ENTITY_CUSTOMER, "c-1"), ==, -1);
}

/* The outbox */

static void
test_dependency_order (Fixture       *fixture,
                       gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskCustomer) reply = make_customer ("c-1", "Fatma", "+905551112233", 1);
  gint64 now = g_get_real_time ();
  gint64 customer = desk_customer (replica, "c-1", "Fatma");
  gint64 appointment = desk_appointment (replica, "a-1", "c-1");
  gint64 walkin = add_entry (replica, "walkin.create", "w-1", "{\"id\": \"w-1\", \"name\": \"Gökhan\"}");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *expected_first = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, customer, walkin);
  g_autofree char *expected_second = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, appointment, walkin);

  g_assert_cmpint (count (replica, "outbox_ref"), ==, 1);

  /* The appointment waits for its customer's creation. */
  first = due_ids (replica, now);
  g_assert_cmpstr (first, ==, expected_first);

  g_assert_true (kiosk_replica_outbox_acknowledge (replica, customer, 201, KIOSK_ENTITY_CUSTOMER, reply, &error));
  g_assert_no_error (error);
  second = due_ids (replica, now);
  g_assert_cmpstr (second, ==, expected_second);
}

static void
test_refusal_holds_dependents (Fixture       *fixture,
                               gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskOutboxEntry) refused = NULL;
  gint64 now = g_get_real_time ();
  gint64 customer = desk_customer (replica, "c-1", "Fatma");
  gint64 appointment = desk_appointment (replica, "a-1", "c-1");
  gint64 check_in = add_entry (replica, "appointment.check_in", "a-1", "{\"checked_in_at\": null}");
  gint64 walkin = add_entry (replica, "walkin.create", "w-1", "{\"id\": \"w-1\", \"name\": \"Gökhan\"}");
  gint64 other = desk_customer (replica, "c-2", "Hülya");
  g_autofree char *due = NULL;
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, walkin, other);
  gint64 counts[5];

  g_assert_true (kiosk_replica_outbox_refuse (replica, customer, 400, "validation", "Telefon numarası geçersiz", &error));
  g_assert_no_error (error);

  refused = find_entry (replica, customer);
  g_assert_cmpint (refused->state, ==, KIOSK_OUTBOX_REFUSED);
  g_assert_cmpint (refused->last_status, ==, 400);
  g_assert_cmpstr (refused->last_reason, ==, "Telefon numarası geçersiz");
  g_assert_cmpstr (refused->refusal_code, ==, "validation");
  g_assert_cmpint (refused->known_kind, ==, KIOSK_OUTBOX_KIND_CUSTOMER_CREATE);
  /* The appointment names the customer; the check-in changes the appointment. */
  g_assert_cmpint (entry_state (replica, appointment), ==, KIOSK_OUTBOX_HELD);
  g_assert_cmpint (entry_state (replica, check_in), ==, KIOSK_OUTBOX_HELD);
  g_assert_cmpint (entry_state (replica, walkin), ==, KIOSK_OUTBOX_PENDING);
  g_assert_cmpint (entry_state (replica, other), ==, KIOSK_OUTBOX_PENDING);

  due = due_ids (replica, now);
  g_assert_cmpstr (due, ==, expected);

  g_assert_true (kiosk_replica_outbox_counts (replica, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts[KIOSK_OUTBOX_PENDING], ==, 2);
  g_assert_cmpint (counts[KIOSK_OUTBOX_IN_FLIGHT], ==, 0);
  g_assert_cmpint (counts[KIOSK_OUTBOX_DONE], ==, 0);
  g_assert_cmpint (counts[KIOSK_OUTBOX_REFUSED], ==, 1);
  g_assert_cmpint (counts[KIOSK_OUTBOX_HELD], ==, 2);

  /* The refused customer's row keeps the desk's content for staff to see. */
  {
    g_autoptr(KioskCustomer) row = get_customer (replica, "c-1");
    g_assert_true (row->pending);
  }
}

static void
test_retry_later (Fixture       *fixture,
                  gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskOutboxEntry) entry = NULL;
  gint64 now = 1000000000000;
  gint64 first = add_entry (replica, "walkin.create", "w-1", "{\"id\": \"w-1\"}");
  gint64 second = add_entry (replica, "walkin.create", "w-2", "{\"id\": \"w-2\"}");
  g_autofree char *due_now = NULL;
  g_autofree char *due_later = NULL;
  g_autofree char *expected_now = g_strdup_printf ("%" G_GINT64_FORMAT, second);
  g_autofree char *expected_later = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, first, second);
  g_autoptr(GPtrArray) one = NULL;

  g_assert_cmpint (kiosk_replica_outbox_next_due (replica), >, 0);
  g_assert_cmpint (kiosk_replica_outbox_next_due (replica), <=, now);

  g_assert_true (kiosk_replica_outbox_retry_later (replica, first, 503, "Hizmet geçici olarak kullanılamıyor",
                                                   now + 4 * G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_replica_outbox_retry_later (replica, first, 429, NULL, now + 8 * G_USEC_PER_SEC, &error));
  g_assert_no_error (error);

  entry = find_entry (replica, first);
  g_assert_cmpint (entry->state, ==, KIOSK_OUTBOX_PENDING);
  g_assert_cmpint (entry->attempts, ==, 2);
  g_assert_cmpint (entry->last_status, ==, 429);
  g_assert_cmpint (entry->next_attempt_at, ==, now + 8 * G_USEC_PER_SEC);

  due_now = due_ids (replica, now);
  g_assert_cmpstr (due_now, ==, expected_now);
  due_later = due_ids (replica, now + 8 * G_USEC_PER_SEC);
  g_assert_cmpstr (due_later, ==, expected_later);

  one = kiosk_replica_outbox_due (replica, now + 8 * G_USEC_PER_SEC, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one->len, ==, 1);

  g_assert_true (kiosk_replica_outbox_acknowledge (replica, second, 201, KIOSK_ENTITY_UNKNOWN, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_replica_outbox_next_due (replica), ==, now + 8 * G_USEC_PER_SEC);
  g_assert_true (kiosk_replica_outbox_acknowledge (replica, first, 201, KIOSK_ENTITY_UNKNOWN, NULL, &error));
  g_assert_cmpint (kiosk_replica_outbox_next_due (replica), ==, 0);

  g_assert_false (kiosk_replica_outbox_retry_later (replica, 9999, 500, NULL, now, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND);
}

/* An entry left in flight by a crash goes again, with its key. */
static void
test_in_flight_after_crash (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autoptr(GPtrArray) due = NULL;
  gint64 id = add_entry (fixture->replica, "walkin.create", "w-1", "{\"id\": \"w-1\"}");
  gint64 counts[5];

  entry = find_entry (fixture->replica, id);
  entry->state = KIOSK_OUTBOX_IN_FLIGHT;
  g_assert_true (kiosk_replica_outbox_update (fixture->replica, entry, &error));
  g_assert_no_error (error);
  reopen (fixture);

  due = kiosk_replica_outbox_due (fixture->replica, g_get_real_time (), 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (((KioskOutboxEntry *)g_ptr_array_index (due, 0))->idempotency_key, ==, entry->idempotency_key);
  g_assert_cmpint (kiosk_replica_outbox_next_due (fixture->replica), >, 0);
  g_assert_true (kiosk_replica_outbox_counts (fixture->replica, counts, &error));
  g_assert_cmpint (counts[KIOSK_OUTBOX_IN_FLIGHT], ==, 1);
}

static void
test_repoint_customer (Fixture       *fixture,
                       gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskCustomer) existing = make_customer ("c-server", "Fatma", "+905551112233", 40);
  g_autoptr(KioskOutboxEntry) appt_entry = NULL;
  g_autoptr(KioskOutboxEntry) redeem_entry = NULL;
  g_autoptr(KioskAppointment) appt = NULL;
  g_autoptr(KioskCustomer) gone = NULL;
  gint64 create = desk_customer (replica, "c-desk", "Fatma");
  gint64 appointment = desk_appointment (replica, "a-1", "c-desk");
  gint64 redeem;
  gint64 unrelated = desk_appointment (replica, "a-2", "c-other");
  g_autofree char *due = NULL;
  g_autofree char *expected = NULL;

  {
    const char * const refs[] = { "c-desk", NULL };
    g_autoptr(KioskOutboxEntry) e = NULL;

    g_assert_true (kiosk_replica_outbox_add_with_refs (replica, "loyalty.redemption", "p-1",
                                                       "{\"id\": \"p-1\", \"customer\": \"c-desk\", \"points\": 50}",
                                                       refs, &e, &error));
    g_assert_no_error (error);
    redeem = e->id;
  }

  /* phone_exists: the server knows this person as c-server. */
  g_assert_true (kiosk_replica_begin (replica, &error));
  g_assert_true (kiosk_outbox_repoint_customer (replica, create, "c-desk", "c-server", &error));
  g_assert_cmpint (upsert (replica, KIOSK_ENTITY_CUSTOMER, existing), ==, KIOSK_APPLY_APPLIED);
  g_assert_true (kiosk_replica_commit (replica, &error));
  g_assert_no_error (error);

  g_assert_cmpint (entry_state (replica, create), ==, KIOSK_OUTBOX_DONE);
  {
    g_autoptr(KioskOutboxEntry) merged = find_entry (replica, create);
    g_assert_cmpstr (merged->refusal_code, ==, "phone_exists");
  }
  appt_entry = find_entry (replica, appointment);
  g_assert_cmpstr (appt_entry->payload, ==, "{\"id\":\"a-1\",\"customer\":\"c-server\",\"service\":\"svc-1\"}");
  redeem_entry = find_entry (replica, redeem);
  g_assert_cmpstr (redeem_entry->payload, ==, "{\"id\":\"p-1\",\"customer\":\"c-server\",\"points\":50}");
  {
    g_autoptr(KioskOutboxEntry) other = find_entry (replica, unrelated);
    g_assert_cmpstr (other->payload, ==, "{\"id\": \"a-2\", \"customer\": \"c-other\", \"service\": \"svc-1\"}");
  }

  appt = get_appointment (replica, "a-1");
  g_assert_cmpstr (appt->customer, ==, "c-server");
  g_assert_true (appt->pending);
  gone = kiosk_replica_get_customer (replica, "c-desk", &error);
  g_assert_null (gone);
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing waits on the desk's customer any more. */
  due = due_ids (replica, g_get_real_time ());
  expected = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                              appointment, unrelated, redeem);
  g_assert_cmpstr (due, ==, expected);
}

/* A server copy that breaks a rule fails the acknowledgement whole: the
 * entry stays pending and the row keeps the desk's content. */
static void
test_acknowledge_atomic (Fixture       *fixture,
                         gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskAppointment) bad = make_appointment ("a-1", "c-1", "sunucu", 5);
  g_autoptr(KioskAppointment) good = make_appointment ("a-1", "c-1", "sunucu", 5);
  g_autoptr(KioskAppointment) back = NULL;
  g_autoptr(KioskOutboxEntry) entry = NULL;
  gint64 create = desk_appointment (replica, "a-1", "c-1");

  bad->end_time = 90000;  /* past midnight: the schema refuses it */
  g_assert_false (kiosk_replica_outbox_acknowledge (replica, create, 201, KIOSK_ENTITY_APPOINTMENT, bad, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_CONSTRAINT);
  g_clear_error (&error);

  entry = find_entry (replica, create);
  g_assert_cmpint (entry->state, ==, KIOSK_OUTBOX_PENDING);
  g_assert_cmpint (entry->attempts, ==, 0);
  back = get_appointment (replica, "a-1");
  g_assert_true (back->pending);
  g_assert_cmpstr (back->notes, ==, "masadan");
  g_assert_cmpint (back->version, ==, 0);
  g_clear_pointer (&back, kiosk_appointment_free);

  /* An unknown entry: nothing written either. */
  g_assert_false (kiosk_replica_outbox_acknowledge (replica, 9999, 201, KIOSK_ENTITY_APPOINTMENT, good, &error));
  g_assert_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  back = get_appointment (replica, "a-1");
  g_assert_cmpstr (back->notes, ==, "masadan");
  g_clear_pointer (&back, kiosk_appointment_free);

  /* And the replica is usable afterwards. */
  g_assert_true (kiosk_replica_outbox_acknowledge (replica, create, 201, KIOSK_ENTITY_APPOINTMENT, good, &error));
  g_assert_no_error (error);
  back = get_appointment (replica, "a-1");
  g_assert_false (back->pending);
  g_assert_cmpstr (back->notes, ==, "sunucu");
}

/* Employees carry their service list through the server copy. */
static void
test_pending_employee (Fixture       *fixture,
                       gconstpointer  data)
{
  KioskReplica *replica = fixture->replica;
  g_autoptr(GError) error = NULL;
  const char * const desk_services[] = { "svc-1", "svc-2", NULL };
  const char * const server_services[] = { "svc-3", NULL };
  KioskEmployee desk = { .id = (char *)"e-1", .name = (char *)"Şenay", .is_active = TRUE,
                         .services = (GStrv)desk_services, .version = 2 };
  KioskEmployee server = { .id = (char *)"e-1", .name = (char *)"Şenay Kılıç", .is_active = TRUE,
                           .services = (GStrv)server_services, .version = 3 };
  g_autoptr(GPtrArray) employees = NULL;
  KioskEmployee *back;
  gint64 change;

  g_assert_true (kiosk_replica_put_employee (replica, &desk, &error));
  g_assert_true (kiosk_replica_exec_for_testing (replica, "UPDATE employee SET pending = 1", &error));
  change = add_entry (replica, "employee.update", "e-1", "{}");

  g_assert_cmpint (upsert (replica, KIOSK_ENTITY_EMPLOYEE, &server), ==, KIOSK_APPLY_KEPT_LOCAL);
  employees = kiosk_replica_list_employees (replica, &error);
  g_assert_no_error (error);
  back = g_ptr_array_index (employees, 0);
  g_assert_cmpstr (back->name, ==, "Şenay");
  g_assert_cmpuint (g_strv_length (back->services), ==, 2);
  g_clear_pointer (&employees, g_ptr_array_unref);

  g_assert_true (kiosk_replica_outbox_acknowledge (replica, change, 200, KIOSK_ENTITY_EMPLOYEE, NULL, &error));
  g_assert_no_error (error);
  employees = kiosk_replica_list_employees (replica, &error);
  back = g_ptr_array_index (employees, 0);
  g_assert_cmpstr (back->name, ==, "Şenay Kılıç");
  g_assert_cmpuint (g_strv_length (back->services), ==, 1);
  g_assert_cmpstr (back->services[0], ==, "svc-3");
  g_assert_cmpint (back->version, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/replica-sync/feed/versions", test_versions);
  ADD ("/replica-sync/feed/invalid-record", test_invalid_record_in_page);
  ADD ("/replica-sync/feed/pending-kept-then-acknowledged", test_pending_kept_then_acknowledged);
  ADD ("/replica-sync/feed/stale-reply", test_stale_reply);
  ADD ("/replica-sync/feed/two-changes-one-row", test_two_changes_one_row);
  ADD ("/replica-sync/feed/pending-tombstone", test_pending_tombstone);
  ADD ("/replica-sync/feed/pending-employee", test_pending_employee);
  ADD ("/replica-sync/snapshot/finish", test_snapshot);
  ADD ("/replica-sync/snapshot/restart", test_snapshot_restart);
  ADD ("/replica-sync/snapshot/fresh", test_snapshot_fresh);
  ADD ("/replica-sync/outbox/dependency-order", test_dependency_order);
  ADD ("/replica-sync/outbox/refusal-holds-dependents", test_refusal_holds_dependents);
  ADD ("/replica-sync/outbox/retry-later", test_retry_later);
  ADD ("/replica-sync/outbox/in-flight-after-crash", test_in_flight_after_crash);
  ADD ("/replica-sync/outbox/repoint-customer", test_repoint_customer);
  ADD ("/replica-sync/outbox/acknowledge-atomic", test_acknowledge_atomic);

#undef ADD

  return g_test_run ();
}
