/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The outbox's routes (src/sync/kiosk-outbox.h) against the contract: every
 * mutation endpoint of docs/kiosk-api.md §3.3 has exactly one kind, whose
 * method and path are the table's and whose 409 means what the table says;
 * a queued change carries the body, the row and the customer it waits for;
 * its body reads back; re-pointing a customer leaves a body byte for byte
 * as SQLite's json_set () would; and the file of unsent changes holds them.
 */
#define G_LOG_DOMAIN "test-outbox"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "kiosk-json.h"
#include "kiosk-outbox.h"
#include "kiosk-replica-sync.h"

#define ROW_ID      "00000000-0000-4000-8000-000000000042"
#define NEW_MEMBER  "00000000-0000-4000-8000-000000000301"
#define KNOWN       "00000000-0000-4000-8000-000000000302"

/* ---- the contract ---------------------------------------------------------- */

/* The rows of §3.3's table: "| `POST /api/kiosk/v1/…` | body | success |
 * refusals |", each as its line. */
static GPtrArray *
contract_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  const char *section, *end, *row;

  g_file_get_contents (KIOSK_API_DOC, &text, NULL, &error);
  g_assert_no_error (error);
  section = strstr (text, "\n### 3.3 ");
  g_assert_nonnull (section);
  end = g_strstr_len (section + 1, -1, "\n### ");  /* not strstr: GCC 12 under ASan misreads the bounds */
  g_assert_nonnull (end);
  for (row = strstr (section, "\n| `"); row != NULL && row < end; row = strstr (row + 1, "\n| `"))
    g_ptr_array_add (rows, g_strndup (row + 1, strchr (row + 1, '\n') - (row + 1)));
  return g_steal_pointer (&rows);
}

/* "409 `slot_taken`" in @row: the code, or NULL when the row has no 409. */
static char *
conflict_code (const char *row)
{
  const char *at = strstr (row, "409 `");

  if (at == NULL)
    return NULL;
  at += strlen ("409 `");
  return g_strndup (at, strchr (at, '`') - at);
}

static void
test_routes_are_the_contract (void)
{
  g_autoptr(GPtrArray) rows = contract_rows ();
  guint matched = 0;

  g_assert_cmpuint (rows->len, >, 0);
  g_assert_null (kiosk_outbox_method (KIOSK_OUTBOX_KIND_UNKNOWN));
  g_assert_null (kiosk_outbox_path (KIOSK_OUTBOX_KIND_UNKNOWN, ROW_ID));

  for (guint kind = 1; kind < KIOSK_N_OUTBOX_KINDS; kind++)
    {
      g_autofree char *path = kiosk_outbox_path (kind, ROW_ID);
      g_autofree char *pattern = NULL;
      g_autofree char *cell = NULL;
      const char *found = NULL;

      g_test_message ("%s", kiosk_outbox_kind_to_string (kind));
      g_assert_nonnull (path);
      /* The table writes the row's id as {id}. */
      if (strstr (path, ROW_ID) != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (path, ROW_ID, 2);

          pattern = g_strconcat (parts[0], "{id}", parts[1], NULL);
        }
      else
        pattern = g_strdup (path);
      cell = g_strdup_printf ("| `%s /api/kiosk/v1/%s` |", kiosk_outbox_method (kind), pattern);
      for (guint i = 0; i < rows->len && found == NULL; i++)
        if (g_str_has_prefix (g_ptr_array_index (rows, i), cell))
          found = g_ptr_array_index (rows, i);
      g_assert_nonnull (found);
      matched++;

      {
        g_autofree char *code = conflict_code (found);

        g_assert_cmpstr (kiosk_outbox_refusal_code (kind, 409, NULL), ==, code);
      }
      /* What the entry writes is the entity the endpoint answers with. */
      g_assert_cmpint (kiosk_outbox_kind_entity (kind), !=, KIOSK_ENTITY_UNKNOWN);
      g_assert_cmpint (kiosk_outbox_kind_from_string (kiosk_outbox_kind_to_string (kind)), ==, kind);
    }
  /* And no endpoint without a kind. */
  g_assert_cmpuint (matched, ==, rows->len);

  /* An id is one path segment, whatever it holds. */
  {
    g_autofree char *odd = kiosk_outbox_path (KIOSK_OUTBOX_KIND_WALKIN_STATUS, "a/b c");

    g_assert_cmpstr (odd, ==, "walkins/a%2Fb%20c/status/");
  }
}

static void
test_refusal_codes (void)
{
  /* The body's code first (§1: 409 and 422 carry one). */
  g_assert_cmpstr (kiosk_outbox_refusal_code (KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE, 409, "slot_taken"), ==,
                   "slot_taken");
  g_assert_cmpstr (kiosk_outbox_refusal_code (KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE, 422, "idempotency_key_reused"),
                   ==, "idempotency_key_reused");
  /* Else what the status means. */
  g_assert_cmpstr (kiosk_outbox_refusal_code (KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE, 409, ""), ==, "slot_taken");
  g_assert_cmpstr (kiosk_outbox_refusal_code (KIOSK_OUTBOX_KIND_WALKIN_CREATE, 400, NULL), ==, "validation");
  g_assert_cmpstr (kiosk_outbox_refusal_code (KIOSK_OUTBOX_KIND_LOYALTY_REDEEM, 422, NULL), ==, "validation");
  g_assert_null (kiosk_outbox_refusal_code (KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE, 403, NULL));
  g_assert_null (kiosk_outbox_refusal_code (KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE, 404, NULL));
  g_assert_null (kiosk_outbox_refusal_code (KIOSK_OUTBOX_KIND_UNKNOWN, 409, NULL));
}

/* ---- queueing --------------------------------------------------------------- */

typedef struct {
  char         *dir;
  KioskReplica *replica;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("kiosk-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "replica.db", NULL);
  f->replica = kiosk_replica_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->replica);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (f->dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GPtrArray *
outbox (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = kiosk_replica_outbox_list (f->replica, &error);

  g_assert_no_error (error);
  return entries;
}

static const KioskOutboxEntry *
entry_at (GPtrArray *entries,
          guint      i)
{
  g_assert_cmpuint (i, <, entries->len);
  return g_ptr_array_index (entries, i);
}

/* Every kind queued for a member made at this desk: each carries its body
 * as kiosk-json-outbox.c builds it and its row, and each one that names the
 * member waits for it, so refusing the member holds them all. */
static void
test_enqueue (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  KioskCustomer member = {
    .id = (char *)NEW_MEMBER, .first_name = (char *)"Şule", .last_name = (char *)"Güneş",
    .phone = (char *)"+905321112233", .consent_at = (char *)"2026-09-14T07:00:00Z",
    .consent_notice = (char *)"kiosk-kvkk-member-2026-1",
  };
  KioskAppointment booking = {
    .id = (char *)ROW_ID, .customer = (char *)NEW_MEMBER, .service = (char *)"s-1", .employee = NULL,
    .appointment_date = (char *)"2026-09-15", .appointment_time = 14 * 3600, .notes = (char *)"Kısa \"olsun\"",
    .source = (char *)"kiosk", .status = KIOSK_APPOINTMENT_CANCELLED,
    .checked_in_at = (char *)"2026-09-15T13:55:00+03:00",
  };
  KioskWalkin walkin = {
    .id = (char *)"w-1", .customer = (char *)NEW_MEMBER, .name = (char *)"Şule Güneş",
    .phone = (char *)"+905321112233", .service = (char *)"s-1", .employee = (char *)"e-1",
    .status = KIOSK_WALKIN_CALLED, .arrived_at = (char *)"2026-09-14T10:00:00+03:00",
  };
  KioskPointEntry redemption = {
    .id = (char *)"p-1", .customer = (char *)NEW_MEMBER, .points = -50, .reason = (char *)"Boya",
  };
  struct {
    KioskOutboxKind  kind;
    gconstpointer    record;
    const char      *row;
    char            *body;
  } queued[] = {
    { KIOSK_OUTBOX_KIND_CUSTOMER_CREATE, &member, NEW_MEMBER, kiosk_json_customer_create_body (&member) },
    { KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE, &booking, ROW_ID, kiosk_json_appointment_create_body (&booking) },
    { KIOSK_OUTBOX_KIND_APPOINTMENT_CHECK_IN, &booking, ROW_ID, kiosk_json_check_in_body (booking.checked_in_at) },
    { KIOSK_OUTBOX_KIND_APPOINTMENT_STATUS, &booking, ROW_ID, kiosk_json_status_body ("cancelled", NULL) },
    { KIOSK_OUTBOX_KIND_WALKIN_CREATE, &walkin, "w-1", kiosk_json_walkin_create_body (&walkin) },
    { KIOSK_OUTBOX_KIND_WALKIN_STATUS, &walkin, "w-1", kiosk_json_status_body ("called", "e-1") },
    { KIOSK_OUTBOX_KIND_LOYALTY_REDEEM, &redemption, "p-1", kiosk_json_redemption_body (&redemption) },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (queued) == KIOSK_N_OUTBOX_KINDS - 1);

  for (guint i = 0; i < G_N_ELEMENTS (queued); i++)
    {
      g_assert_true (kiosk_outbox_enqueue (f->replica, queued[i].kind, queued[i].record, &error));
      g_assert_no_error (error);
    }
  entries = outbox (f);
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (queued));
  for (guint i = 0; i < G_N_ELEMENTS (queued); i++)
    {
      const KioskOutboxEntry *entry = entry_at (entries, i);

      g_assert_cmpint (entry->known_kind, ==, queued[i].kind);
      g_assert_cmpstr (entry->kind, ==, kiosk_outbox_kind_to_string (queued[i].kind));
      g_assert_cmpstr (entry->entity_id, ==, queued[i].row);
      g_assert_cmpstr (entry->payload, ==, queued[i].body);
      g_assert_cmpint (entry->state, ==, KIOSK_OUTBOX_PENDING);
      g_free (queued[i].body);
    }

  /* The member refused: whatever names them waits on staff. */
  g_assert_true (kiosk_replica_outbox_refuse (f->replica, entry_at (entries, 0)->id, 400, "validation",
                                              "phone: Geçersiz.", &error));
  g_assert_no_error (error);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = outbox (f);
  g_assert_cmpstr (entry_at (entries, 0)->refusal_code, ==, "validation");
  for (guint i = 1; i < entries->len; i++)
    g_assert_cmpint (entry_at (entries, i)->state, ==, KIOSK_OUTBOX_HELD);
}

/* The server's refusal booked from its answer. */
static void
test_refuse_from_reply (Fixture       *f,
                        gconstpointer  data)
{
  static const char slot_taken[] = "{\"code\": \"slot_taken\", \"detail\": \"Bu saat dolu.\", \"conflicts\": []}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static (slot_taken, strlen (slot_taken));
  g_autoptr(GBytes) html = g_bytes_new_static ("<h1>409</h1>", 12);
  KioskAppointment booking = {
    .id = (char *)ROW_ID, .customer = (char *)KNOWN, .service = (char *)"s-1",
    .appointment_date = (char *)"2026-09-15", .appointment_time = 14 * 3600,
  };
  KioskCustomer member = { .id = (char *)NEW_MEMBER, .first_name = (char *)"Şule" };

  g_assert_true (kiosk_outbox_enqueue (f->replica, KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE, &booking, &error));
  g_assert_true (kiosk_outbox_enqueue (f->replica, KIOSK_OUTBOX_KIND_CUSTOMER_CREATE, &member, &error));
  g_assert_no_error (error);
  entries = outbox (f);
  g_assert_true (kiosk_outbox_refuse (f->replica, entry_at (entries, 0), 409, body, NULL, &error));
  g_assert_true (kiosk_outbox_refuse (f->replica, entry_at (entries, 1), 409, html,
                                      "Bu telefon numarası kayıtlı.", &error));
  g_assert_no_error (error);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = outbox (f);
  g_assert_cmpint (entry_at (entries, 0)->state, ==, KIOSK_OUTBOX_REFUSED);
  g_assert_cmpint (entry_at (entries, 0)->last_status, ==, 409);
  g_assert_cmpstr (entry_at (entries, 0)->refusal_code, ==, "slot_taken");
  g_assert_cmpstr (entry_at (entries, 0)->last_reason, ==, "Bu saat dolu.");
  /* No code in the body: the endpoint's 409, and the caller's words. */
  g_assert_cmpstr (entry_at (entries, 1)->refusal_code, ==, "phone_exists");
  g_assert_cmpstr (entry_at (entries, 1)->last_reason, ==, "Bu telefon numarası kayıtlı.");
}

/* ---- bodies ------------------------------------------------------------------ */

static void
test_body_read (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(KioskOutboxBody) appointment = NULL;
  g_autoptr(KioskOutboxBody) redemption = NULL;
  g_autoptr(KioskOutboxBody) array = NULL;
  KioskAppointment booking = {
    .id = (char *)ROW_ID, .customer = (char *)KNOWN, .service = (char *)"s-1", .employee = (char *)"e-1",
    .appointment_date = (char *)"2026-09-15", .appointment_time = 14 * 3600 + 30 * 60,
    .notes = (char *)"Kısa olsun",
  };
  KioskPointEntry points = { .id = (char *)"p-1", .customer = (char *)KNOWN, .points = -50 };

  g_assert_true (kiosk_outbox_enqueue (f->replica, KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE, &booking, &error));
  g_assert_true (kiosk_outbox_enqueue (f->replica, KIOSK_OUTBOX_KIND_LOYALTY_REDEEM, &points, &error));
  g_assert_true (kiosk_replica_outbox_add (f->replica, "appointment.create", "a-2", "[1, 2]", NULL, &error));
  g_assert_no_error (error);
  entries = outbox (f);

  appointment = kiosk_outbox_body_read (entry_at (entries, 0));
  g_assert_nonnull (appointment);
  g_assert_cmpstr (appointment->customer, ==, KNOWN);
  g_assert_cmpstr (appointment->service, ==, "s-1");
  g_assert_cmpstr (appointment->employee, ==, "e-1");
  g_assert_cmpstr (appointment->appointment_date, ==, "2026-09-15");
  g_assert_cmpstr (appointment->appointment_time, ==, "14:30:00");
  g_assert_cmpstr (appointment->notes, ==, "Kısa olsun");
  g_assert_null (appointment->phone);
  g_assert_cmpint (appointment->points, ==, 0);

  /* The endpoint takes how many points, a positive number. */
  redemption = kiosk_outbox_body_read (entry_at (entries, 1));
  g_assert_cmpint (redemption->points, ==, 50);
  g_assert_cmpstr (redemption->customer, ==, KNOWN);

  array = kiosk_outbox_body_read (entry_at (entries, 2));
  g_assert_null (array);
}

/* A body queued before the merge is sent after it with only the customer
 * changed: the very bytes SQLite's json_set () makes of it, as earlier
 * builds re-pointed it, whatever the text holds. */
static void
test_repoint_bytes (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GString) notes = g_string_new ("Saç \"kısa\" \\ / ✂ 😀 İıŞş\u2028");
  g_autofree char *expected = NULL;
  KioskCustomer member = { .id = (char *)NEW_MEMBER, .first_name = (char *)"Şule" };
  KioskAppointment booking = {
    .id = (char *)ROW_ID, .customer = (char *)NEW_MEMBER, .service = (char *)"s-1",
    .appointment_date = (char *)"2026-09-15", .appointment_time = 14 * 3600,
  };
  KioskAppointment other = booking;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* Every control character json-glib escapes (it writes 0x1f as is, which
   * the outbox would refuse as no JSON). */
  for (int c = 1; c < 0x20; c++)
    if (c != 0x1f)
      g_string_append_c (notes, (char)c);
  booking.notes = notes->str;
  other.id = (char *)"00000000-0000-4000-8000-000000000043";
  other.customer = (char *)"someone-else";

  g_assert_true (kiosk_outbox_enqueue (f->replica, KIOSK_OUTBOX_KIND_CUSTOMER_CREATE, &member, &error));
  g_assert_true (kiosk_outbox_enqueue (f->replica, KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE, &booking, &error));
  g_assert_true (kiosk_outbox_enqueue (f->replica, KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE, &other, &error));
  g_assert_no_error (error);
  entries = outbox (f);

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT json_set (?1, '$.customer', ?2)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, entry_at (entries, 1)->payload, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, KNOWN, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  expected = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_true (kiosk_outbox_repoint_customer (f->replica, entry_at (entries, 0)->id, NEW_MEMBER, KNOWN, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) after = outbox (f);

    g_assert_cmpint (entry_at (after, 0)->state, ==, KIOSK_OUTBOX_DONE);
    g_assert_cmpstr (entry_at (after, 1)->payload, ==, expected);
    g_assert_nonnull (strstr (entry_at (after, 1)->payload, KNOWN));
    g_assert_cmpstr (entry_at (after, 2)->payload, ==, entry_at (entries, 2)->payload);
  }
}

/* ---- the file of unsent changes ------------------------------------------ */

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_utc (2026, 9, 14, 7, 0, 0);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  KioskCustomer member = { .id = (char *)NEW_MEMBER, .first_name = (char *)"Şule", .last_name = (char *)"Güneş" };
  KioskWalkin walkin = { .id = (char *)"w-1", .name = (char *)"Ali", .service = (char *)"s-1" };
  JsonObject *o;
  JsonArray *changes;
  JsonObject *first;

  g_assert_true (kiosk_outbox_enqueue (f->replica, KIOSK_OUTBOX_KIND_CUSTOMER_CREATE, &member, &error));
  g_assert_true (kiosk_outbox_enqueue (f->replica, KIOSK_OUTBOX_KIND_WALKIN_CREATE, &walkin, &error));
  g_assert_no_error (error);
  entries = outbox (f);
  g_assert_true (kiosk_replica_outbox_refuse (f->replica, entry_at (entries, 0)->id, 409, "phone_exists",
                                              "Bu telefon kayıtlı.", &error));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = outbox (f);

  text = kiosk_outbox_export_document (NULL, at, entries);
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  o = json_node_get_object (root);
  g_assert_true (json_node_is_null (json_object_get_member (o, "salon")));
  g_assert_cmpstr (json_object_get_string_member (o, "exported_at"), ==, "2026-09-14T07:00:00Z");
  changes = json_object_get_array_member (o, "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 2);
  first = json_array_get_object_element (changes, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "customer.create");
  g_assert_cmpstr (json_object_get_string_member (first, "entity_id"), ==, NEW_MEMBER);
  g_assert_cmpstr (json_object_get_string_member (first, "idempotency_key"), ==, entry_at (entries, 0)->idempotency_key);
  g_assert_cmpstr (json_object_get_string_member (first, "state"), ==, "refused");
  g_assert_cmpstr (json_object_get_string_member (first, "last_reason"), ==, "Bu telefon kayıtlı.");
  g_assert_cmpstr (json_object_get_string_member (first, "refusal_code"), ==, "phone_exists");
  /* The body as an object, as it would be sent. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "body"), "first_name"),
                   ==, "Şule");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 1), "state"), ==,
                   "pending");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outbox/routes/contract", test_routes_are_the_contract);
  g_test_add_func ("/outbox/routes/refusal-codes", test_refusal_codes);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/outbox/enqueue", test_enqueue);
  ADD ("/outbox/refuse-from-reply", test_refuse_from_reply);
  ADD ("/outbox/body-read", test_body_read);
  ADD ("/outbox/repoint-bytes", test_repoint_bytes);
  ADD ("/outbox/export", test_export);
#undef ADD
  return g_test_run ();
}
