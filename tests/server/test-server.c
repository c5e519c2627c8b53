/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The contract server, spoken to over real HTTP on loopback as a kiosk
 * would: enrollment, auth, the change feed, mutations with their
 * Idempotency-Key rules and server rules, throttling, the events socket,
 * and every scripted fault as a client observes it.
 */
#define G_LOG_DOMAIN "test-server"

#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-server-fixture.h"

/* --------------------------------------------------------------- tests */

static void
test_public_endpoints (Fixture *f, gconstpointer data)
{
  g_autoptr(Reply) page1 = NULL;
  g_autoptr(Reply) page2 = NULL;
  g_autoptr(Reply) search = NULL;
  g_autoptr(Reply) detail = NULL;
  g_autoptr(Reply) missing = NULL;
  g_autoptr(Reply) cats = NULL;
  g_autoptr(Reply) services = NULL;
  g_autoptr(Reply) bad_page = NULL;
  g_autofree char *next = NULL;
  g_autofree char *expected_next = NULL;
  JsonObject *first;
  JsonArray *hours;

  for (int i = 0; i < 24; i++)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *json = g_strdup_printf ("{\"id\": \"%s\", \"name\": \"Şişli Salon %02d\", \"address\": \"Halaskargazi Cad.\","
                                               " \"city\": \"İstanbul\", \"district\": \"Şişli\", \"phone\": \"+902120000000\","
                                               " \"opening_time\": \"10:00:00\", \"closing_time\": \"20:00:00\", \"timezone\": \"Europe/Istanbul\"}",
                                               id, i);
      put (f, "salon", json);
    }
  page1 = request (f, "GET", "/api/salons/", NULL, NULL, NULL);
  g_assert_cmpuint (page1->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (obj (page1), "count"), ==, 25);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (page1), "results")), ==, 20);
  g_assert_true (json_object_get_null_member (obj (page1), "previous"));
  expected_next = g_strdup_printf ("%s/api/salons/?page=2", kiosk_test_server_get_uri (f->server));
  g_assert_cmpstr (str (page1, "next"), ==, expected_next);
  first = json_array_get_object_element (json_object_get_array_member (obj (page1), "results"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Moda Kuaför");
  g_assert_true (json_object_has_member (first, "salon_type_display"));
  g_assert_true (json_object_has_member (first, "is_verified"));

  page2 = request (f, "GET", "/api/salons/?page=2", NULL, NULL, NULL);
  g_assert_cmpuint (page2->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (page2), "results")), ==, 5);
  g_assert_true (json_object_get_null_member (obj (page2), "next"));
  g_assert_nonnull (str (page2, "previous"));

  bad_page = request (f, "GET", "/api/salons/?page=9", NULL, NULL, NULL);
  g_assert_cmpuint (bad_page->status, ==, 404);
  g_assert_nonnull (str (bad_page, "detail"));

  /* Turkish case folding: "MODA" finds "Moda". */
  search = request (f, "GET", "/api/salons/?search=MODA", NULL, NULL, NULL);
  g_assert_cmpuint (search->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (obj (search), "count"), ==, 1);

  detail = request (f, "GET", "/api/salons/" SALON "/", NULL, NULL, NULL);
  g_assert_cmpuint (detail->status, ==, 200);
  hours = json_object_get_array_member (obj (detail), "working_hours");
  g_assert_cmpuint (json_array_get_length (hours), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (hours, 1), "day_name"), ==, "Salı");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (detail), "employees")), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (detail), "services")), ==, 2);
  first = json_array_get_object_element (json_object_get_array_member (obj (detail), "services"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Boya");
  g_assert_cmpstr (json_object_get_string_member (first, "price"), ==, "1200.00");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "category"), "name"), ==, "Saç");

  missing = request (f, "GET", "/api/salons/5f0c1e2a-9999-4a5b-8c9d-000000000001/", NULL, NULL, NULL);
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpstr (str (missing, "detail"), ==, "Bulunamadı.");

  cats = request (f, "GET", "/api/services/categories/", NULL, NULL, NULL);
  g_assert_cmpuint (cats->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (obj (cats), "count"), ==, 1);

  services = request (f, "GET", "/api/services/salon/" SALON "/", NULL, NULL, NULL);
  g_assert_cmpuint (services->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (obj (services), "count"), ==, 2);
}

static void
test_enrollment (Fixture *f, gconstpointer data)
{
  const char *body = "{\"salon\": \"" SALON "\", \"pairing_code\": \"" CODE "\", \"name\": \"Ön masa 1\"}";
  g_autoptr(Reply) wrong = NULL;
  g_autoptr(Reply) good = NULL;
  g_autoptr(Reply) reuse = NULL;
  g_autoptr(Reply) expired = NULL;
  g_autoptr(Reply) me = NULL;
  g_autoptr(Reply) del = NULL;
  g_autoptr(Reply) after = NULL;
  const char *token;

  kiosk_test_server_add_pairing_code (f->server, CODE, 600);
  kiosk_test_server_add_pairing_code (f->server, "111111", 0);

  wrong = request (f, "POST", "/api/kiosk/v1/devices/",
                   "{\"salon\": \"" SALON "\", \"pairing_code\": \"000000\", \"name\": \"Ön masa 1\"}", NULL, NULL);
  g_assert_cmpuint (wrong->status, ==, 400);
  g_assert_nonnull (field_error (wrong, "pairing_code"));

  expired = request (f, "POST", "/api/kiosk/v1/devices/",
                     "{\"salon\": \"" SALON "\", \"pairing_code\": \"111111\", \"name\": \"Ön masa 1\"}", NULL, NULL);
  g_assert_cmpuint (expired->status, ==, 400);
  g_assert_nonnull (field_error (expired, "pairing_code"));

  good = request (f, "POST", "/api/kiosk/v1/devices/", body, NULL, NULL);
  g_assert_cmpuint (good->status, ==, 201);
  token = str (good, "token");
  g_assert_cmpuint (strlen (token), ==, 40);
  for (const char *p = token; *p; p++)
    g_assert_true (g_ascii_isxdigit (*p));
  g_assert_cmpstr (str (good, "salon"), ==, SALON);
  g_assert_cmpstr (str (good, "name"), ==, "Ön masa 1");
  g_assert_true (g_uuid_string_is_valid (str (good, "device")));
  f->token = g_strdup (token);

  /* Single use. */
  reuse = request (f, "POST", "/api/kiosk/v1/devices/", body, NULL, NULL);
  g_assert_cmpuint (reuse->status, ==, 400);
  g_assert_nonnull (field_error (reuse, "pairing_code"));

  me = get (f, "/api/kiosk/v1/devices/me/");
  g_assert_cmpuint (me->status, ==, 200);
  g_assert_cmpstr (str (me, "device"), ==, str (good, "device"));
  g_assert_cmpstr (str (me, "salon"), ==, SALON);

  del = request (f, "DELETE", "/api/kiosk/v1/devices/me/", NULL, f->token, NULL);
  g_assert_cmpuint (del->status, ==, 204);
  after = get (f, "/api/kiosk/v1/devices/me/");
  g_assert_cmpuint (after->status, ==, 401);
  g_assert_cmpstr (soup_message_headers_get_one (after->headers, "WWW-Authenticate"), ==, "Token");
  g_assert_cmpstr (str (after, "detail"), ==, "Geçersiz token.");
}

static void
test_auth (Fixture *f, gconstpointer data)
{
  g_autoptr(Reply) none = NULL;
  g_autoptr(Reply) bad = NULL;
  g_autoptr(Reply) post_none = NULL;

  none = request (f, "GET", "/api/kiosk/v1/changes/", NULL, NULL, NULL);
  g_assert_cmpuint (none->status, ==, 401);
  g_assert_cmpstr (soup_message_headers_get_one (none->headers, "WWW-Authenticate"), ==, "Token");
  g_assert_cmpstr (str (none, "detail"), ==, "Kimlik bilgileri verilmedi.");

  bad = request (f, "GET", "/api/kiosk/v1/changes/", NULL, "0123456789012345678901234567890123456789", NULL);
  g_assert_cmpuint (bad->status, ==, 401);
  g_assert_cmpstr (str (bad, "detail"), ==, "Geçersiz token.");

  post_none = request (f, "POST", "/api/kiosk/v1/customers/", "{}", NULL, "\"" SULE "\"");
  g_assert_cmpuint (post_none->status, ==, 401);
}

static void
test_enrollment_throttle (Fixture *f, gconstpointer data)
{
  const char *body = "{\"salon\": \"" SALON "\", \"pairing_code\": \"000000\", \"name\": \"x\"}";
  g_autoptr(Reply) a = NULL;
  g_autoptr(Reply) b = NULL;
  g_autoptr(Reply) c = NULL;
  const char *ra;

  kiosk_test_server_set_throttle (f->server, "enrollment", 2, 60);
  a = request (f, "POST", "/api/kiosk/v1/devices/", body, NULL, NULL);
  b = request (f, "POST", "/api/kiosk/v1/devices/", body, NULL, NULL);
  c = request (f, "POST", "/api/kiosk/v1/devices/", body, NULL, NULL);
  g_assert_cmpuint (a->status, ==, 400);
  g_assert_cmpuint (b->status, ==, 400);
  g_assert_cmpuint (c->status, ==, 429);
  ra = soup_message_headers_get_one (c->headers, "Retry-After");
  g_assert_nonnull (ra);
  g_assert_cmpint (atoi (ra), >=, 1);
  g_assert_cmpint (atoi (ra), <=, 60);
  g_assert_nonnull (str (c, "detail"));
}

static void
test_snapshot (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonArray) all = NULL;
  g_autofree char *cursor = NULL;
  guint pages = 0;
  gint64 expected = 0;
  const char *entities[] = { "salon", "working_hours", "category", "service", "employee", "customer" };
  g_autoptr(Reply) junk = NULL;
  g_autoptr(Reply) zero = NULL;
  g_autoptr(Reply) big = NULL;
  g_autoptr(Reply) bad_cursor = NULL;
  g_autoptr(Reply) tail = NULL;
  g_autofree char *tail_path = NULL;
  g_autofree char *esc = NULL;

  enroll (f);
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    expected += kiosk_test_server_count (f->server, entities[i]);
  g_assert_cmpint (expected, ==, 14);

  all = pull_all (f, NULL, 4, &cursor, &pages);
  g_assert_cmpuint (json_array_get_length (all), ==, (guint) expected);
  g_assert_cmpuint (pages, ==, 4);
  /* Parents before children: the salon comes first, customers last. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (all, 0), "entity"), ==, "salon");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (all, 13), "entity"), ==, "customer");
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *c = json_array_get_object_element (all, i);
      g_assert_cmpstr (json_object_get_string_member (c, "op"), ==, "upsert");
      g_assert_cmpint (json_object_get_int_member (c, "version"), >, 0);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (c, "data")));
    }
  {
    JsonObject *svc = json_object_get_object_member (find_change (all, "service", HAIRCUT, "upsert"), "data");
    g_assert_cmpstr (json_object_get_string_member (svc, "price"), ==, "250.00");
  }

  /* Up to date: nothing more, has_more false. */
  esc = g_uri_escape_string (cursor, NULL, FALSE);
  tail_path = g_strdup_printf ("/api/kiosk/v1/changes/?since=%s", esc);
  tail = get (f, tail_path);
  g_assert_cmpuint (tail->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (tail), "changes")), ==, 0);
  g_assert_false (json_object_get_boolean_member (obj (tail), "has_more"));

  junk = get (f, "/api/kiosk/v1/changes/?limit=abc");
  g_assert_cmpuint (junk->status, ==, 400);
  g_assert_nonnull (field_error (junk, "limit"));
  zero = get (f, "/api/kiosk/v1/changes/?limit=0");
  g_assert_cmpuint (zero->status, ==, 400);
  big = get (f, "/api/kiosk/v1/changes/?limit=1001");
  g_assert_cmpuint (big->status, ==, 400);
  bad_cursor = get (f, "/api/kiosk/v1/changes/?since=%21%21not-a-cursor");
  g_assert_cmpuint (bad_cursor->status, ==, 400);
  g_assert_nonnull (field_error (bad_cursor, "since"));
}

static void
test_incremental (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonArray) snap = NULL;
  g_autoptr(JsonArray) live = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *cursor2 = NULL;
  g_autoptr(Reply) r = NULL;
  JsonObject *change;
  gint64 old_version;

  enroll (f);
  snap = pull_all (f, NULL, 100, &cursor, NULL);
  old_version = json_object_get_int_member (find_change (snap, "customer", SULE, "upsert"), "version");

  r = post (f, "/api/kiosk/v1/customers/",
            "{\"id\": \"5f0c1e2a-5555-4a5b-8c9d-0000000000aa\", \"first_name\": \"İlkay\", \"last_name\": \"Güneş\","
            " \"phone\": \"+905329998877\", \"consent_at\": \"2026-03-01T10:00:00+03:00\","
            " \"consent_notice\": \"kiosk-kvkk-member-2026-1\"}");
  g_assert_cmpuint (r->status, ==, 201);
  g_assert_cmpstr (str (r, "loyalty_level"), ==, "bronze");
  g_assert_cmpstr (str (r, "total_spent"), ==, "0.00");

  live = pull_all (f, cursor, 100, &cursor2, NULL);
  g_assert_cmpuint (json_array_get_length (live), ==, 1);
  change = json_array_get_object_element (live, 0);
  g_assert_cmpstr (json_object_get_string_member (change, "entity"), ==, "customer");
  g_assert_cmpstr (json_object_get_string_member (change, "id"), ==, "5f0c1e2a-5555-4a5b-8c9d-0000000000aa");
  g_assert_cmpint (json_object_get_int_member (change, "version"), >, old_version);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "data"), "first_name"), ==, "İlkay");
  g_assert_cmpstr (cursor2, !=, cursor);
}

static void
test_tombstone (Fixture *f, gconstpointer data)
{
  const char *walkin = "5f0c1e2a-6666-4a5b-8c9d-000000000001";
  g_autoptr(Reply) created = NULL;
  g_autoptr(Reply) called = NULL;
  g_autoptr(JsonArray) snap = NULL;
  g_autoptr(JsonArray) live = NULL;
  g_autoptr(JsonArray) live2 = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *cursor2 = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *c;

  enroll (f);
  snap = pull_all (f, NULL, 100, &cursor, NULL);
  created = post (f, "/api/kiosk/v1/walkins/",
                  "{\"id\": \"5f0c1e2a-6666-4a5b-8c9d-000000000001\", \"customer\": null, \"name\": \"Gül Şahin\","
                  " \"phone\": \"+905551230000\", \"service\": \"" HAIRCUT "\", \"preferred_employee\": null,"
                  " \"arrived_at\": \"2026-03-01T10:00:00+03:00\", \"consent_at\": \"2026-03-01T09:59:40+03:00\","
                  " \"consent_notice\": \"kiosk-kvkk-walkin-2026-1\"}");
  g_assert_cmpuint (created->status, ==, 201);
  g_assert_cmpstr (str (created, "status"), ==, "waiting");
  called = post (f, "/api/kiosk/v1/walkins/5f0c1e2a-6666-4a5b-8c9d-000000000001/status/",
                 "{\"status\": \"called\", \"employee\": \"" MEHMET "\"}");
  g_assert_cmpuint (called->status, ==, 200);
  g_assert_cmpstr (str (called, "employee"), ==, MEHMET);
  g_assert_nonnull (str (called, "called_at"));

  live = pull_all (f, cursor, 100, &cursor2, NULL);
  g_assert_cmpuint (json_array_get_length (live), ==, 2);
  c = json_array_get_object_element (live, 1);
  g_assert_cmpstr (json_object_get_string_member (c, "op"), ==, "upsert");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (c, "data"), "status"), ==, "called");

  g_assert_cmpint (kiosk_test_server_delete (f->server, "walkin", walkin, &error), >, 0);
  g_assert_no_error (error);
  live2 = pull_all (f, cursor2, 100, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (live2), ==, 1);
  c = json_array_get_object_element (live2, 0);
  g_assert_cmpstr (json_object_get_string_member (c, "op"), ==, "delete");
  g_assert_cmpstr (json_object_get_string_member (c, "id"), ==, walkin);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (c, "data")));
  g_assert_cmpint (json_object_get_int_member (c, "version"), >,
                   json_object_get_int_member (json_array_get_object_element (live, 1), "version"));
  g_assert_cmpint (kiosk_test_server_count (f->server, "walkin"), ==, 0);
}

static void
test_trim (Fixture *f, gconstpointer data)
{
  g_autoptr(JsonArray) snap = NULL;
  g_autoptr(JsonArray) again = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *esc = NULL;
  g_autofree char *path = NULL;
  g_autoptr(Reply) r = NULL;
  g_autoptr(Reply) gone = NULL;

  enroll (f);
  snap = pull_all (f, NULL, 100, &cursor, NULL);
  r = book (f, "5f0c1e2a-7777-4a5b-8c9d-000000000001", HAIRCUT, AYSE, f->tomorrow, "10:00");
  g_assert_cmpuint (r->status, ==, 201);
  kiosk_test_server_trim_log (f->server);

  esc = g_uri_escape_string (cursor, NULL, FALSE);
  path = g_strdup_printf ("/api/kiosk/v1/changes/?since=%s", esc);
  gone = get (f, path);
  g_assert_cmpuint (gone->status, ==, 410);
  g_assert_cmpstr (str (gone, "code"), ==, "cursor_expired");

  /* A fresh snapshot still works and now holds the appointment. */
  again = pull_all (f, NULL, 5, NULL, NULL);
  g_assert_nonnull (find_change (again, "appointment", "5f0c1e2a-7777-4a5b-8c9d-000000000001", "upsert"));
}

static void
test_idempotency (Fixture *f, gconstpointer data)
{
  const char *key = "8e03978e-40d5-43e8-bc93-6894a57f9324";
  const char *body = "{\"id\": \"5f0c1e2a-5555-4a5b-8c9d-0000000000bb\", \"first_name\": \"Çağrı\", \"last_name\": \"Öztürk\","
                     " \"phone\": \"+905320001122\", \"consent_at\": \"2026-03-01T10:00:00+03:00\","
                     " \"consent_notice\": \"kiosk-kvkk-member-2026-1\"}";
  const char *other = "{\"id\": \"5f0c1e2a-5555-4a5b-8c9d-0000000000cc\", \"first_name\": \"Deniz\", \"last_name\": \"Ak\","
                      " \"phone\": \"+905320001133\", \"consent_at\": \"2026-03-01T10:00:00+03:00\","
                      " \"consent_notice\": \"kiosk-kvkk-member-2026-1\"}";
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", key);
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) replay = NULL;
  g_autoptr(Reply) reused = NULL;
  g_autoptr(Reply) missing = NULL;
  g_autoptr(Reply) refusal = NULL;
  g_autoptr(Reply) refusal_again = NULL;
  g_autoptr(Reply) second_device = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *token1 = NULL;
  gint64 customers;

  enroll (f);
  customers = kiosk_test_server_count (f->server, "customer");
  first = request (f, "POST", "/api/kiosk/v1/customers/", body, f->token, quoted);
  g_assert_cmpuint (first->status, ==, 201);
  /* Same key without the quotes, same body: the first answer again. */
  replay = request (f, "POST", "/api/kiosk/v1/customers/", body, f->token, key);
  g_assert_cmpuint (replay->status, ==, 201);
  a = body_text (first);
  b = body_text (replay);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpint (kiosk_test_server_count (f->server, "customer"), ==, customers + 1);

  reused = request (f, "POST", "/api/kiosk/v1/customers/", other, f->token, quoted);
  g_assert_cmpuint (reused->status, ==, 422);
  g_assert_cmpstr (str (reused, "code"), ==, "idempotency_key_reused");
  g_assert_cmpint (kiosk_test_server_count (f->server, "customer"), ==, customers + 1);

  missing = request (f, "POST", "/api/kiosk/v1/customers/", other, f->token, NULL);
  g_assert_cmpuint (missing->status, ==, 400);

  /* A refusal is an answer too, and replays as such. */
  refusal = request (f, "POST", "/api/kiosk/v1/loyalty/redemptions/",
                     "{\"id\": \"5f0c1e2a-8888-4a5b-8c9d-000000000001\", \"customer\": \"" SULE "\", \"points\": 500, \"reason\": \"Hediye\"}",
                     f->token, "\"5f0c1e2a-9999-4a5b-8c9d-000000000001\"");
  g_assert_cmpuint (refusal->status, ==, 409);
  refusal_again = request (f, "POST", "/api/kiosk/v1/loyalty/redemptions/",
                           "{\"id\": \"5f0c1e2a-8888-4a5b-8c9d-000000000001\", \"customer\": \"" SULE "\", \"points\": 500, \"reason\": \"Hediye\"}",
                           f->token, "\"5f0c1e2a-9999-4a5b-8c9d-000000000001\"");
  g_assert_cmpuint (refusal_again->status, ==, 409);
  g_assert_cmpstr (str (refusal_again, "code"), ==, "insufficient_points");

  /* Keys belong to a device: another kiosk may use the same key. */
  token1 = g_strdup (f->token);
  enroll (f);
  g_assert_cmpstr (token1, !=, f->token);
  second_device = request (f, "POST", "/api/kiosk/v1/customers/", other, f->token, quoted);
  g_assert_cmpuint (second_device->status, ==, 201);
}

typedef struct {
  Reply   *reply;
  gboolean done;
  SoupMessage *msg;
} Pending;

static void
pending_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Pending *p = data;
  p->reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &p->reply->error);
  p->reply->status = soup_message_get_status (p->msg);
  p->done = TRUE;
}

static void
test_in_progress (Fixture *f, gconstpointer data)
{
  const char *key = "\"5f0c1e2a-9999-4a5b-8c9d-0000000000aa\"";
  const char *body = "{\"id\": \"5f0c1e2a-5555-4a5b-8c9d-0000000000dd\", \"first_name\": \"Ece\", \"last_name\": \"Kaya\","
                     " \"phone\": \"+905320004455\", \"consent_at\": \"2026-03-01T10:00:00+03:00\","
                     " \"consent_notice\": \"kiosk-kvkk-member-2026-1\"}";
  KioskFault slow = { .kind = KIOSK_FAULT_SLOW, .delay_ms = 700 };
  g_autoptr(SoupSession) other_session = soup_session_new ();
  g_autoptr(SoupMessage) first_msg = NULL;
  g_autoptr(Reply) during = NULL;
  g_autoptr(Reply) after = NULL;
  Pending p = { g_new0 (Reply, 1), FALSE, NULL };

  enroll (f);
  kiosk_test_server_push_fault (f->server, "POST", "/api/kiosk/v1/customers/", &slow);
  first_msg = make_message (f, "POST", "/api/kiosk/v1/customers/", body, f->token, key);
  p.msg = first_msg;
  soup_session_send_and_read_async (f->session, first_msg, G_PRIORITY_DEFAULT, NULL, pending_cb, &p);
  /* Let the first request reach the server and take its key. */
  while (kiosk_test_server_get_n_faults (f->server) > 0)
    g_main_context_iteration (NULL, TRUE);

  {
    g_autoptr(SoupMessage) msg = make_message (f, "POST", "/api/kiosk/v1/customers/", body, f->token, key);
    during = send_message (other_session, msg);
  }
  g_assert_cmpuint (during->status, ==, 409);
  g_assert_cmpstr (str (during, "code"), ==, "request_in_progress");
  g_assert_false (p.done);

  while (!p.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (p.reply->error);
  g_assert_cmpuint (p.reply->status, ==, 201);

  after = request (f, "POST", "/api/kiosk/v1/customers/", body, f->token, key);
  g_assert_cmpuint (after->status, ==, 201);
  reply_free (p.reply);
}

static void
test_rules (Fixture *f, gconstpointer data)
{
  g_autoptr(Reply) a1 = NULL;
  g_autoptr(Reply) clash = NULL;
  g_autoptr(Reply) any = NULL;
  g_autoptr(Reply) full = NULL;
  g_autoptr(Reply) past = NULL;
  g_autoptr(Reply) early = NULL;
  g_autoptr(Reply) late = NULL;
  g_autoptr(Reply) stranger = NULL;
  g_autoptr(Reply) cannot = NULL;
  g_autofree char *past_body = NULL;
  g_autofree char *stranger_body = NULL;

  enroll (f);
  a1 = book (f, "5f0c1e2a-7777-4a5b-8c9d-000000000001", HAIRCUT, AYSE, f->tomorrow, "10:00");
  g_assert_cmpuint (a1->status, ==, 201);
  g_assert_cmpstr (str (a1, "status"), ==, "confirmed");
  g_assert_cmpstr (str (a1, "price"), ==, "250.00");
  g_assert_cmpstr (str (a1, "appointment_time"), ==, "10:00:00");
  g_assert_cmpstr (str (a1, "end_time"), ==, "11:00:00");
  g_assert_cmpstr (str (a1, "employee"), ==, AYSE);

  /* Ayşe is busy 10:00–11:00; 10:30 overlaps. */
  clash = book (f, "5f0c1e2a-7777-4a5b-8c9d-000000000002", HAIRCUT, AYSE, f->tomorrow, "10:30:00");
  g_assert_cmpuint (clash->status, ==, 409);
  g_assert_cmpstr (str (clash, "code"), ==, "slot_taken");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (obj (clash), "conflicts"), 0), ==,
                   "5f0c1e2a-7777-4a5b-8c9d-000000000001");

  /* "Anyone" picks Mehmet, who does haircuts and is free. */
  any = book (f, "5f0c1e2a-7777-4a5b-8c9d-000000000003", HAIRCUT, NULL, f->tomorrow, "10:30");
  g_assert_cmpuint (any->status, ==, 201);
  g_assert_cmpstr (str (any, "employee"), ==, MEHMET);

  /* Now both are busy at 10:45. */
  full = book (f, "5f0c1e2a-7777-4a5b-8c9d-000000000004", HAIRCUT, NULL, f->tomorrow, "10:45");
  g_assert_cmpuint (full->status, ==, 409);
  g_assert_cmpstr (str (full, "code"), ==, "slot_taken");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj (full), "conflicts")), ==, 2);

  past_body = appointment_body (f, "5f0c1e2a-7777-4a5b-8c9d-000000000005", SULE, HAIRCUT, AYSE, f->yesterday, "12:00");
  past = post (f, "/api/kiosk/v1/appointments/", past_body);
  g_assert_cmpuint (past->status, ==, 400);
  g_assert_nonnull (field_error (past, "appointment_date"));

  early = book (f, "5f0c1e2a-7777-4a5b-8c9d-000000000006", HAIRCUT, AYSE, f->tomorrow, "08:00");
  g_assert_cmpuint (early->status, ==, 400);
  g_assert_nonnull (field_error (early, "non_field_errors"));
  /* Starts in hours but the 90 minutes run past closing. */
  late = book (f, "5f0c1e2a-7777-4a5b-8c9d-000000000007", COLOR, AYSE, f->tomorrow, "18:00");
  g_assert_cmpuint (late->status, ==, 400);

  stranger_body = appointment_body (f, "5f0c1e2a-7777-4a5b-8c9d-000000000008", "5f0c1e2a-5555-4a5b-8c9d-00000000ffff",
                                    HAIRCUT, AYSE, f->tomorrow, "15:00");
  stranger = post (f, "/api/kiosk/v1/appointments/", stranger_body);
  g_assert_cmpuint (stranger->status, ==, 400);
  g_assert_nonnull (field_error (stranger, "customer"));

  cannot = book (f, "5f0c1e2a-7777-4a5b-8c9d-000000000009", COLOR, MEHMET, f->tomorrow, "15:00");
  g_assert_cmpuint (cannot->status, ==, 400);
  g_assert_nonnull (field_error (cannot, "employee"));
  g_assert_cmpint (kiosk_test_server_count (f->server, "appointment"), ==, 2);
}

static void
test_status_and_loyalty (Fixture *f, gconstpointer data)
{
  g_autoptr(Reply) a = NULL;
  g_autoptr(Reply) b = NULL;
  g_autoptr(Reply) checked = NULL;
  g_autoptr(Reply) done = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(Reply) cancel = NULL;
  g_autoptr(Reply) late_check_in = NULL;
  g_autoptr(Reply) redeem = NULL;
  g_autoptr(Reply) too_much = NULL;
  g_autoptr(Reply) dup_phone = NULL;
  g_autoptr(Reply) bad_walkin = NULL;
  g_autoptr(Reply) walkin = NULL;
  g_autofree char *customer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *c;

  enroll (f);
  a = book (f, "5f0c1e2a-7777-4a5b-8c9d-000000000001", HAIRCUT, AYSE, f->tomorrow, "10:00");
  g_assert_cmpuint (a->status, ==, 201);

  /* An offline check-in keeps its own (earlier) time. */
  checked = post (f, "/api/kiosk/v1/appointments/5f0c1e2a-7777-4a5b-8c9d-000000000001/check-in/",
                  "{\"checked_in_at\": \"2026-01-05T09:55:00+03:00\"}");
  g_assert_cmpuint (checked->status, ==, 200);
  g_assert_true (g_str_has_prefix (str (checked, "checked_in_at"), "2026-01-05T09:55:00"));

  done = post (f, "/api/kiosk/v1/appointments/5f0c1e2a-7777-4a5b-8c9d-000000000001/status/", "{\"status\": \"completed\"}");
  g_assert_cmpuint (done->status, ==, 200);
  g_assert_cmpstr (str (done, "status"), ==, "completed");

  /* 250 TRY: 25 points; spent 150 + 250 = 400 TRY, silver. */
  customer = kiosk_test_server_get (f->server, "customer", SULE);
  g_assert_true (json_parser_load_from_data (parser, customer, -1, NULL));
  c = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (c, "current_points"), ==, 55);
  g_assert_cmpint (json_object_get_int_member (c, "total_points"), ==, 55);
  g_assert_cmpstr (json_object_get_string_member (c, "total_spent"), ==, "400.00");
  g_assert_cmpint (json_object_get_int_member (c, "total_visits"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (c, "loyalty_level"), ==, "silver");
  g_assert_cmpint (kiosk_test_server_count (f->server, "point_entry"), ==, 1);

  again = post (f, "/api/kiosk/v1/appointments/5f0c1e2a-7777-4a5b-8c9d-000000000001/status/", "{\"status\": \"cancelled\"}");
  g_assert_cmpuint (again->status, ==, 409);
  g_assert_cmpstr (str (again, "code"), ==, "invalid_status");

  b = book (f, "5f0c1e2a-7777-4a5b-8c9d-000000000002", HAIRCUT, AYSE, f->tomorrow, "12:00");
  g_assert_cmpuint (b->status, ==, 201);
  cancel = post (f, "/api/kiosk/v1/appointments/5f0c1e2a-7777-4a5b-8c9d-000000000002/status/", "{\"status\": \"cancelled\"}");
  g_assert_cmpuint (cancel->status, ==, 200);
  late_check_in = post (f, "/api/kiosk/v1/appointments/5f0c1e2a-7777-4a5b-8c9d-000000000002/check-in/",
                        "{\"checked_in_at\": \"2026-01-05T11:55:00+03:00\"}");
  g_assert_cmpuint (late_check_in->status, ==, 409);
  g_assert_cmpstr (str (late_check_in, "code"), ==, "invalid_status");

  too_much = post (f, "/api/kiosk/v1/loyalty/redemptions/",
                   "{\"id\": \"5f0c1e2a-8888-4a5b-8c9d-000000000001\", \"customer\": \"" SULE "\", \"points\": 56, \"reason\": \"Hediye\"}");
  g_assert_cmpuint (too_much->status, ==, 409);
  g_assert_cmpstr (str (too_much, "code"), ==, "insufficient_points");
  g_assert_cmpint (json_object_get_int_member (obj (too_much), "current_points"), ==, 55);
  redeem = post (f, "/api/kiosk/v1/loyalty/redemptions/",
                 "{\"id\": \"5f0c1e2a-8888-4a5b-8c9d-000000000002\", \"customer\": \"" SULE "\", \"points\": 50, \"reason\": \"Ücretsiz fön\"}");
  g_assert_cmpuint (redeem->status, ==, 201);
  g_assert_cmpint (json_object_get_int_member (obj (redeem), "points"), ==, -50);

  dup_phone = post (f, "/api/kiosk/v1/customers/",
                    "{\"id\": \"5f0c1e2a-5555-4a5b-8c9d-0000000000ee\", \"first_name\": \"Şule\", \"last_name\": \"Ç.\","
                    " \"phone\": \"+905551112233\", \"consent_at\": \"2026-03-01T10:00:00+03:00\","
                    " \"consent_notice\": \"kiosk-kvkk-member-2026-1\"}");
  g_assert_cmpuint (dup_phone->status, ==, 409);
  g_assert_cmpstr (str (dup_phone, "code"), ==, "phone_exists");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj (dup_phone), "customer"), "id"), ==, SULE);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (obj (dup_phone), "customer"), "current_points"), ==, 5);

  walkin = post (f, "/api/kiosk/v1/walkins/",
                 "{\"id\": \"5f0c1e2a-6666-4a5b-8c9d-000000000001\", \"customer\": \"" SULE "\", \"name\": \"Şule Çelik\","
                 " \"phone\": \"+905551112233\", \"service\": \"" HAIRCUT "\", \"preferred_employee\": \"" AYSE "\","
                 " \"arrived_at\": \"2026-03-01T10:00:00+03:00\"}");
  g_assert_cmpuint (walkin->status, ==, 201);
  bad_walkin = post (f, "/api/kiosk/v1/walkins/5f0c1e2a-6666-4a5b-8c9d-000000000001/status/", "{\"status\": \"done\", \"employee\": null}");
  g_assert_cmpuint (bad_walkin->status, ==, 409);
  g_assert_cmpstr (str (bad_walkin, "code"), ==, "invalid_status");
}

static void
test_write_throttle (Fixture *f, gconstpointer data)
{
  g_autoptr(Reply) a = NULL;
  g_autoptr(Reply) b = NULL;
  g_autoptr(Reply) c = NULL;
  g_autoptr(Reply) other = NULL;

  enroll (f);
  kiosk_test_server_set_throttle (f->server, "appointments", 2, 60);
  a = book (f, "5f0c1e2a-7777-4a5b-8c9d-000000000001", HAIRCUT, AYSE, f->tomorrow, "10:00");
  b = book (f, "5f0c1e2a-7777-4a5b-8c9d-000000000002", HAIRCUT, AYSE, f->tomorrow, "11:00");
  c = book (f, "5f0c1e2a-7777-4a5b-8c9d-000000000003", HAIRCUT, AYSE, f->tomorrow, "12:00");
  g_assert_cmpuint (a->status, ==, 201);
  g_assert_cmpuint (b->status, ==, 201);
  g_assert_cmpuint (c->status, ==, 429);
  g_assert_cmpint (atoi (soup_message_headers_get_one (c->headers, "Retry-After")), >=, 1);
  g_assert_cmpint (kiosk_test_server_count (f->server, "appointment"), ==, 2);
  /* Other writes have their own scope. */
  other = post (f, "/api/kiosk/v1/appointments/5f0c1e2a-7777-4a5b-8c9d-000000000001/status/", "{\"status\": \"cancelled\"}");
  g_assert_cmpuint (other->status, ==, 200);
}

/* ----------------------------------------------------------- websocket */

typedef struct {
  SoupWebsocketConnection *conn;
  GError                  *error;
  gboolean                 done;
  char                    *last_text;
} WsWait;

static void
ws_connect_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  WsWait *w = data;
  w->conn = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &w->error);
  w->done = TRUE;
}

static void
ws_message_cb (SoupWebsocketConnection *conn, int type, GBytes *message, gpointer data)
{
  WsWait *w = data;
  gsize len;
  const char *text = g_bytes_get_data (message, &len);
  g_free (w->last_text);
  w->last_text = g_strndup (text, len);
}

static void
ws_connect (Fixture *f, const char *token, WsWait *w)
{
  g_autoptr(SoupMessage) msg = make_message (f, "GET", "/api/kiosk/v1/events/", NULL, token, NULL);

  soup_session_websocket_connect_async (f->session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL, ws_connect_cb, w);
  while (!w->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_websocket (Fixture *f, gconstpointer data)
{
  WsWait ok = { 0 }, anon = { 0 }, refused = { 0 };
  KioskFault refuse = { .kind = KIOSK_FAULT_REFUSE_UPGRADE, .status = 404 };
  g_autoptr(Reply) r = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(Reply) feed = NULL;
  g_autofree char *path = NULL;
  g_autofree char *esc = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(JsonArray) snap = NULL;
  JsonObject *nudge;
  gint64 deadline;

  enroll (f);
  snap = pull_all (f, NULL, 100, &cursor, NULL);

  ws_connect (f, NULL, &anon);
  g_assert_null (anon.conn);
  g_assert_nonnull (anon.error);

  kiosk_test_server_push_fault (f->server, "GET", "/api/kiosk/v1/events/", &refuse);
  ws_connect (f, f->token, &refused);
  g_assert_null (refused.conn);
  g_assert_nonnull (refused.error);

  ws_connect (f, f->token, &ok);
  g_assert_no_error (ok.error);
  g_assert_nonnull (ok.conn);
  g_signal_connect (ok.conn, "message", G_CALLBACK (ws_message_cb), &ok);
  g_assert_cmpuint (kiosk_test_server_get_n_websockets (f->server), ==, 1);

  r = book (f, "5f0c1e2a-7777-4a5b-8c9d-000000000001", HAIRCUT, AYSE, f->tomorrow, "10:00");
  g_assert_cmpuint (r->status, ==, 201);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (ok.last_text == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (ok.last_text);
  g_assert_true (json_parser_load_from_data (parser, ok.last_text, -1, NULL));
  nudge = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (nudge, "type"), ==, "changes");

  /* The nudge's cursor is where the feed is after the booking. */
  esc = g_uri_escape_string (cursor, NULL, FALSE);
  path = g_strdup_printf ("/api/kiosk/v1/changes/?since=%s", esc);
  feed = get (f, path);
  g_assert_cmpuint (feed->status, ==, 200);
  g_assert_cmpstr (str (feed, "cursor"), ==, json_object_get_string_member (nudge, "cursor"));

  soup_websocket_connection_close (ok.conn, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (kiosk_test_server_get_n_websockets (f->server) > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (kiosk_test_server_get_n_websockets (f->server), ==, 0);
  g_clear_object (&ok.conn);
  g_free (ok.last_text);
  g_clear_error (&anon.error);
  g_clear_error (&refused.error);
}

/* -------------------------------------------------------------- faults */

static void
test_fault_statuses (Fixture *f, gconstpointer data)
{
  const guint statuses[] = { 500, 502, 503, 429, 410, 401 };

  enroll (f);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      KioskFault fault = { .kind = KIOSK_FAULT_STATUS, .status = statuses[i], .retry_after = 7 };
      g_autoptr(Reply) r = NULL;
      g_autoptr(Reply) retry = NULL;
      g_autofree char *key = g_strdup_printf ("\"5f0c1e2a-9999-4a5b-8c9d-00000000000%u\"", i);
      g_autofree char *id = g_strdup_printf ("5f0c1e2a-8888-4a5b-8c9d-00000000000%u", i);
      g_autofree char *body = g_strdup_printf ("{\"id\": \"%s\", \"customer\": \"" SULE "\", \"points\": 1, \"reason\": \"x\"}", id);

      kiosk_test_server_push_fault (f->server, "POST", "/api/kiosk/v1/loyalty/", &fault);
      r = request (f, "POST", "/api/kiosk/v1/loyalty/redemptions/", body, f->token, key);
      g_assert_no_error (r->error);
      g_assert_cmpuint (r->status, ==, statuses[i]);
      g_assert_null (kiosk_test_server_get (f->server, "point_entry", id));
      if (statuses[i] == 429)
        g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Retry-After"), ==, "7");
      if (statuses[i] == 401)
        g_assert_cmpstr (soup_message_headers_get_one (r->headers, "WWW-Authenticate"), ==, "Token");
      if (statuses[i] == 410)
        g_assert_cmpstr (str (r, "code"), ==, "cursor_expired");
      if (statuses[i] >= 500)
        g_assert_null (r->json);

      /* A fault is never the remembered answer of the key. */
      retry = request (f, "POST", "/api/kiosk/v1/loyalty/redemptions/", body, f->token, key);
      g_assert_cmpuint (retry->status, ==, 201);
    }
  g_assert_cmpuint (kiosk_test_server_get_n_faults (f->server), ==, 0);
}

static void
test_fault_reset (Fixture *f, gconstpointer data)
{
  KioskFault fault = { .kind = KIOSK_FAULT_RESET };
  g_autoptr(Reply) r = NULL;
  g_autoptr(Reply) after = NULL;

  enroll (f);
  kiosk_test_server_push_fault (f->server, "GET", "/api/kiosk/v1/changes/", &fault);
  r = get (f, "/api/kiosk/v1/changes/");
  g_assert_nonnull (r->error);
  g_assert_true (r->error->domain == G_IO_ERROR);
  /* The server carries on. */
  after = get (f, "/api/kiosk/v1/changes/");
  g_assert_no_error (after->error);
  g_assert_cmpuint (after->status, ==, 200);
}

static void
test_fault_bodies (Fixture *f, gconstpointer data)
{
  KioskFault truncated = { .kind = KIOSK_FAULT_TRUNCATED_JSON };
  KioskFault malformed = { .kind = KIOSK_FAULT_MALFORMED_JSON };
  KioskFault wrong = { .kind = KIOSK_FAULT_WRONG_TYPES };
  KioskFault huge = { .kind = KIOSK_FAULT_HUGE_BODY };
  KioskFault slow = { .kind = KIOSK_FAULT_SLOW, .delay_ms = 400 };
  g_autoptr(Reply) t = NULL;
  g_autoptr(Reply) m = NULL;
  g_autoptr(Reply) w = NULL;
  g_autoptr(Reply) h = NULL;
  g_autoptr(Reply) s = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data_;

  enroll (f);
  kiosk_test_server_push_fault (f->server, "GET", "/api/kiosk/v1/changes/", &truncated);
  t = get (f, "/api/kiosk/v1/changes/");
  g_assert_no_error (t->error);
  g_assert_cmpuint (t->status, ==, 200);
  data_ = g_bytes_get_data (t->body, &len);
  g_assert_cmpuint (len, >, 0);
  g_assert_false (json_parser_load_from_data (parser, data_, (gssize) len, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  kiosk_test_server_push_fault (f->server, "GET", "/api/kiosk/v1/changes/", &malformed);
  m = get (f, "/api/kiosk/v1/changes/");
  g_assert_cmpuint (m->status, ==, 200);
  data_ = g_bytes_get_data (m->body, &len);
  g_assert_false (json_parser_load_from_data (parser, data_, (gssize) len, &error));
  g_assert_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_BAREWORD);
  g_clear_error (&error);

  kiosk_test_server_push_fault (f->server, "GET", "/api/kiosk/v1/changes/", &wrong);
  w = get (f, "/api/kiosk/v1/changes/");
  g_assert_cmpuint (w->status, ==, 200);
  g_assert_nonnull (w->json);
  g_assert_false (JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj (w), "changes")));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (obj (w), "cursor")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (obj (w), "has_more")), ==, G_TYPE_STRING);

  kiosk_test_server_push_fault (f->server, "GET", "/api/kiosk/v1/changes/", &huge);
  h = get (f, "/api/kiosk/v1/changes/");
  g_assert_cmpuint (h->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (h->body), ==, 20 * 1024 * 1024);

  kiosk_test_server_push_fault (f->server, "GET", "/api/kiosk/v1/changes/", &slow);
  s = get (f, "/api/kiosk/v1/changes/");
  g_assert_cmpuint (s->status, ==, 200);
  g_assert_cmpint (s->elapsed_ms, >=, 400);
}

/* A client that gives up on a slow reply: the server still applies the
 * change, and the retry with the same key gets the answer. */
static void
test_fault_slow_timeout (Fixture *f, gconstpointer data)
{
  KioskFault slow = { .kind = KIOSK_FAULT_SLOW, .delay_ms = 1500 };
  const char *key = "\"5f0c1e2a-9999-4a5b-8c9d-0000000000ab\"";
  const char *body = "{\"id\": \"5f0c1e2a-8888-4a5b-8c9d-0000000000ab\", \"customer\": \"" SULE "\", \"points\": 10, \"reason\": \"Hediye\"}";
  g_autoptr(SoupSession) impatient = soup_session_new_with_options ("timeout", 1, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(Reply) lost = NULL;
  g_autoptr(Reply) retry = NULL;
  gint64 deadline;

  enroll (f);
  kiosk_test_server_push_fault (f->server, "POST", "/api/kiosk/v1/loyalty/", &slow);
  msg = make_message (f, "POST", "/api/kiosk/v1/loyalty/redemptions/", body, f->token, key);
  lost = send_message (impatient, msg);
  g_assert_error (lost->error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (kiosk_test_server_count (f->server, "point_entry") == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (kiosk_test_server_count (f->server, "point_entry"), ==, 1);

  retry = request (f, "POST", "/api/kiosk/v1/loyalty/redemptions/", body, f->token, key);
  g_assert_cmpuint (retry->status, ==, 201);
  g_assert_cmpint (json_object_get_int_member (obj (retry), "points"), ==, -10);
  g_assert_cmpint (kiosk_test_server_count (f->server, "point_entry"), ==, 1);
}

static void
test_fault_commit_then_drop (Fixture *f, gconstpointer data)
{
  KioskFault drop = { .kind = KIOSK_FAULT_COMMIT_THEN_DROP };
  const char *key = "\"5f0c1e2a-9999-4a5b-8c9d-0000000000ff\"";
  g_autofree char *body = appointment_body (f, "5f0c1e2a-7777-4a5b-8c9d-000000000001", SULE, HAIRCUT, AYSE, f->tomorrow, "10:00");
  g_autoptr(SoupSession) fresh = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(Reply) lost = NULL;
  g_autoptr(Reply) retry = NULL;
  g_autofree char *row = NULL;

  enroll (f);
  kiosk_test_server_push_fault (f->server, "POST", "/api/kiosk/v1/appointments/", &drop);
  msg = make_message (f, "POST", "/api/kiosk/v1/appointments/", body, f->token, key);
  lost = send_message (fresh, msg);
  g_assert_nonnull (lost->error);
  g_assert_true (lost->error->domain == G_IO_ERROR);
  /* It was applied all the same. */
  row = kiosk_test_server_get (f->server, "appointment", "5f0c1e2a-7777-4a5b-8c9d-000000000001");
  g_assert_nonnull (row);

  /* The retry with the same key gets the answer that was lost. */
  retry = request (f, "POST", "/api/kiosk/v1/appointments/", body, f->token, key);
  g_assert_cmpuint (retry->status, ==, 201);
  g_assert_cmpstr (str (retry, "id"), ==, "5f0c1e2a-7777-4a5b-8c9d-000000000001");
  g_assert_cmpint (kiosk_test_server_count (f->server, "appointment"), ==, 1);
}

static void
test_demo_seed (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kiosk-test-server-demo-XXXXXX", &error);
  g_autoptr(KioskTestServer) demo = NULL;
  g_autoptr(JsonArray) all = NULL;
  g_autoptr(Reply) r = NULL;
  g_autoptr(KioskTestServer) keep = NULL;
  gint64 rows = 0;
  const char *entities[] = { "salon", "working_hours", "category", "service", "employee",
                             "customer", "appointment", "walkin", "point_entry" };

  g_assert_no_error (error);
  demo = kiosk_test_server_new (dir, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_test_server_seed_demo (demo, "2026-03-02", &error));
  g_assert_no_error (error);
  g_assert_nonnull (kiosk_test_server_get_salon_id (demo));
  g_assert_cmpint (kiosk_test_server_count (demo, "salon"), ==, 1);
  g_assert_cmpint (kiosk_test_server_count (demo, "working_hours"), ==, 7);
  g_assert_cmpint (kiosk_test_server_count (demo, "customer"), >=, 100);
  g_assert_cmpint (kiosk_test_server_count (demo, "appointment"), >, 0);
  /* A second seeding of a filled server is refused. */
  g_assert_false (kiosk_test_server_seed_demo (demo, "2026-03-02", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* The snapshot of the demo salon over HTTP holds every row. */
  g_assert_true (kiosk_test_server_listen (demo, 0, &error));
  kiosk_test_server_add_pairing_code (demo, "654321", 600);
  keep = g_steal_pointer (&f->server);
  f->server = g_object_ref (demo);
  {
    g_autofree char *enroll_body = g_strdup_printf ("{\"salon\": \"%s\", \"pairing_code\": \"654321\", \"name\": \"Demo\"}",
                                                    kiosk_test_server_get_salon_id (demo));
    r = request (f, "POST", "/api/kiosk/v1/devices/", enroll_body, NULL, NULL);
  }
  g_assert_cmpuint (r->status, ==, 201);
  f->token = g_strdup (str (r, "token"));
  all = pull_all (f, NULL, 1000, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    rows += kiosk_test_server_count (demo, entities[i]);
  g_assert_cmpuint (json_array_get_length (all), ==, (guint) rows);
  {
    JsonObject *salon = json_object_get_object_member (json_array_get_object_element (all, 0), "data");
    g_assert_cmpstr (json_object_get_string_member (salon, "timezone"), ==, "Europe/Istanbul");
    g_assert_nonnull (strchr (json_object_get_string_member (salon, "opening_time"), ':'));
  }
  g_clear_object (&f->server);
  f->server = g_steal_pointer (&keep);
  g_clear_object (&demo);
  remove_tree (dir);
}

/* ------------------------------------------------------ outage and load */

/* An outage refuses connections and ends the live sockets; listening again
 * on the same port brings the same server back. Every request is logged
 * with its arrival time. */
static void
test_outage_and_request_log (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = kiosk_test_server_take_request_times (f->server);
  g_autoptr(GArray) times = NULL;
  g_autoptr(GArray) after = NULL;
  guint port = kiosk_test_server_get_port (f->server);
  gint64 start = g_get_monotonic_time ();

  {
    g_autoptr(Reply) a = request (f, "GET", "/api/salons/", NULL, NULL, NULL);
    g_autoptr(Reply) b = request (f, "GET", "/api/kiosk/v1/changes/", NULL, NULL, NULL);
    g_assert_cmpuint (a->status, ==, 200);
    g_assert_cmpuint (b->status, ==, 401);
  }
  times = kiosk_test_server_take_request_times (f->server);
  g_assert_cmpuint (times->len, ==, 2);
  g_assert_cmpint (g_array_index (times, gint64, 0), >=, start);
  g_assert_cmpint (g_array_index (times, gint64, 1), >=, g_array_index (times, gint64, 0));
  g_assert_cmpint (g_array_index (times, gint64, 1), <=, g_get_monotonic_time ());

  kiosk_test_server_disconnect (f->server);
  {
    g_autoptr(Reply) refused = request (f, "GET", "/api/salons/", NULL, NULL, NULL);
    g_assert_error (refused->error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  }
  after = kiosk_test_server_take_request_times (f->server);
  g_assert_cmpuint (after->len, ==, 0);

  g_assert_true (kiosk_test_server_listen (f->server, port, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kiosk_test_server_get_port (f->server), ==, port);
  {
    g_autoptr(Reply) back = request (f, "GET", "/api/salons/", NULL, NULL, NULL);
    g_assert_no_error (back->error);
    g_assert_cmpuint (back->status, ==, 200);
  }
  g_clear_pointer (&after, g_array_unref);
  after = kiosk_test_server_take_request_times (f->server);
  g_assert_cmpuint (after->len, ==, 1);
  /* The fixture wrote its rows directly: no request before this test. */
  g_assert_cmpuint (before->len, ==, 0);
}

/* ------------------------------------------------------------- consent */

#define NEW_CUSTOMER "5f0c1e2a-5555-4a5b-8c9d-000000000010"
#define CUSTOMER_2 "5f0c1e2a-5555-4a5b-8c9d-000000000011"
#define WALKIN_NEW   "5f0c1e2a-6666-4a5b-8c9d-000000000010"
#define WALKIN_SULE  "5f0c1e2a-6666-4a5b-8c9d-000000000011"
#define WALKIN_SULE2 "5f0c1e2a-6666-4a5b-8c9d-000000000012"

static char *
customer_body (const char *id, const char *phone, const char *consent)
{
  return g_strdup_printf ("{\"id\": \"%s\", \"first_name\": \"Gönül\", \"last_name\": \"Işık\","
                          " \"phone\": \"%s\"%s%s}", id, phone, consent ? ", " : "", consent ? consent : "");
}

static char *
walkin_body (const char *id, const char *customer, const char *consent)
{
  g_autofree char *who = customer ? g_strdup_printf ("\"%s\"", customer) : g_strdup ("null");
  return g_strdup_printf ("{\"id\": \"%s\", \"customer\": %s, \"name\": \"Oğuz Kaya\","
                          " \"phone\": \"+905320001122\", \"service\": \"" HAIRCUT "\","
                          " \"preferred_employee\": null, \"arrived_at\": \"2026-03-01T10:00:00+03:00\"%s%s}",
                          id, who, consent ? ", " : "", consent ? consent : "");
}

/* What the server keeps of a record's consent, read from its SQLite file:
 * "consent_at|consent_notice|device", NULL when it keeps none. */
static char *
kept_consent (Fixture *f, const char *entity, const char *id)
{
  g_autofree char *path = g_build_filename (f->dir, "server.sqlite3", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *kept = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT consent_at, consent_notice, device "
                                           "FROM consent WHERE entity = ?1 AND id = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    kept = g_strdup_printf ("%s|%s|%s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return kept;
}

static void
assert_refused (Fixture *f, const char *path, const char *body, const char *field)
{
  g_autoptr(Reply) r = post (f, path, body);

  g_assert_cmpuint (r->status, ==, 400);
  g_test_message ("%s: %s", field, field_error (r, field));
  g_assert_nonnull (field_error (r, field));
}

/* docs/kiosk-api.md §3.6: a new customer and a walk-in without one come
 * with the person's consent (when and which notice), which the server keeps
 * per record with the device; without it they are refused. */
static void
test_consent (Fixture *f, gconstpointer data)
{
  const char *customers = "/api/kiosk/v1/customers/";
  const char *walkins = "/api/kiosk/v1/walkins/";
  const char *agreed = "\"consent_at\": \"2026-03-01T09:59:40+03:00\", \"consent_notice\": \"kiosk-kvkk-walkin-2026-1\"";
  g_autofree char *device = NULL;
  g_autofree char *body = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(Reply) me = NULL;
  g_autoptr(Reply) created = NULL;
  g_autoptr(Reply) replay = NULL;
  g_autofree char *key = g_uuid_string_random ();
  gint64 customers_before = kiosk_test_server_count (f->server, "customer");

  enroll (f);
  me = get (f, "/api/kiosk/v1/devices/me/");
  device = g_strdup (str (me, "device"));

  /* Refused without a consent, or with one that is not one; nothing kept. */
  body = customer_body (NEW_CUSTOMER, "+905320004400", NULL);
  assert_refused (f, customers, body, "consent_at");
  g_clear_pointer (&body, g_free);
  body = customer_body (NEW_CUSTOMER, "+905320004400", "\"consent_at\": null, \"consent_notice\": \"kiosk-kvkk-member-2026-1\"");
  assert_refused (f, customers, body, "consent_at");
  g_clear_pointer (&body, g_free);
  body = walkin_body (WALKIN_NEW, NULL, NULL);
  assert_refused (f, walkins, body, "consent_at");
  g_clear_pointer (&body, g_free);
  body = walkin_body (WALKIN_NEW, NULL, "\"consent_at\": \"dün akşam\", \"consent_notice\": \"kiosk-kvkk-walkin-2026-1\"");
  assert_refused (f, walkins, body, "consent_at");
  g_clear_pointer (&body, g_free);
  body = walkin_body (WALKIN_NEW, NULL, "\"consent_at\": \"2026-03-01T09:59:40+03:00\", \"consent_notice\": 1");
  assert_refused (f, walkins, body, "consent_notice");
  g_assert_cmpint (kiosk_test_server_count (f->server, "customer"), ==, customers_before);
  g_assert_null (kiosk_test_server_get (f->server, "walkin", WALKIN_NEW));
  g_assert_null (kept_consent (f, "customer", NEW_CUSTOMER));
  g_assert_null (kept_consent (f, "walkin", WALKIN_NEW));

  /* A walk-in with no customer record: kept with who, when, which notice
   * and from which device; a replay of its key keeps it once. */
  g_clear_pointer (&body, g_free);
  body = walkin_body (WALKIN_NEW, NULL, agreed);
  created = request (f, "POST", walkins, body, f->token, key);
  g_assert_cmpuint (created->status, ==, 201);
  replay = request (f, "POST", walkins, body, f->token, key);
  g_assert_cmpuint (replay->status, ==, 201);
  kept = kept_consent (f, "walkin", WALKIN_NEW);
  expected = g_strdup_printf ("2026-03-01T09:59:40+03:00|kiosk-kvkk-walkin-2026-1|%s", device);
  g_assert_cmpstr (kept, ==, expected);
  /* The feed's walk-in has no consent (§3.4). */
  g_assert_false (json_object_has_member (obj (created), "consent_at"));

  /* A new customer with the member notice. */
  g_clear_pointer (&body, g_free);
  body = customer_body (NEW_CUSTOMER, "+905320004400",
                        "\"consent_at\": \"2026-03-01T07:01:02Z\", \"consent_notice\": \"kiosk-kvkk-member-2026-1\"");
  g_clear_pointer (&created, reply_free);
  created = post (f, customers, body);
  g_assert_cmpuint (created->status, ==, 201);
  g_clear_pointer (&kept, g_free);
  g_clear_pointer (&expected, g_free);
  kept = kept_consent (f, "customer", NEW_CUSTOMER);
  expected = g_strdup_printf ("2026-03-01T07:01:02Z|kiosk-kvkk-member-2026-1|%s", device);
  g_assert_cmpstr (kept, ==, expected);

  /* A consent names its notice: a time alone, or a notice alone, is not one. */
  g_clear_pointer (&body, g_free);
  body = customer_body (CUSTOMER_2, "+905320004411", "\"consent_at\": \"2026-02-27T18:30:00+03:00\"");
  assert_refused (f, customers, body, "consent_notice");
  g_clear_pointer (&body, g_free);
  body = walkin_body (WALKIN_SULE, SULE, "\"consent_notice\": \"kiosk-kvkk-walkin-2026-1\"");
  assert_refused (f, walkins, body, "consent_at");
  g_assert_null (kept_consent (f, "customer", CUSTOMER_2));

  /* A walk-in of a known customer needs none, and keeps one when sent. */
  g_clear_pointer (&body, g_free);
  body = walkin_body (WALKIN_SULE, SULE, NULL);
  g_clear_pointer (&created, reply_free);
  created = post (f, walkins, body);
  g_assert_cmpuint (created->status, ==, 201);
  g_assert_null (kept_consent (f, "walkin", WALKIN_SULE));
  g_clear_pointer (&body, g_free);
  body = walkin_body (WALKIN_SULE2, SULE, agreed);
  g_clear_pointer (&created, reply_free);
  created = post (f, walkins, body);
  g_assert_cmpuint (created->status, ==, 201);
  g_clear_pointer (&kept, g_free);
  kept = kept_consent (f, "walkin", WALKIN_SULE2);
  g_assert_nonnull (kept);
  g_assert_true (g_str_has_prefix (kept, "2026-03-01T09:59:40+03:00|kiosk-kvkk-walkin-2026-1|"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, fn) g_test_add ("/server/" name, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("public-endpoints", test_public_endpoints);
  ADD ("enrollment", test_enrollment);
  ADD ("auth", test_auth);
  ADD ("enrollment-throttle", test_enrollment_throttle);
  ADD ("snapshot", test_snapshot);
  ADD ("incremental", test_incremental);
  ADD ("tombstone", test_tombstone);
  ADD ("trim", test_trim);
  ADD ("idempotency", test_idempotency);
  ADD ("in-progress", test_in_progress);
  ADD ("rules", test_rules);
  ADD ("status-and-loyalty", test_status_and_loyalty);
  ADD ("consent", test_consent);
  ADD ("write-throttle", test_write_throttle);
  ADD ("websocket", test_websocket);
  ADD ("fault/statuses", test_fault_statuses);
  ADD ("fault/reset", test_fault_reset);
  ADD ("fault/bodies", test_fault_bodies);
  ADD ("fault/commit-then-drop", test_fault_commit_then_drop);
  ADD ("fault/slow-timeout", test_fault_slow_timeout);
  ADD ("demo-seed", test_demo_seed);
  ADD ("outage-and-request-log", test_outage_and_request_log);
#undef ADD

  return g_test_run ();
}
