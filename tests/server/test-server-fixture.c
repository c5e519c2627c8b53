/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The contract server's tests' fixture and HTTP client (test-server-fixture.h).
 */
#define G_LOG_DOMAIN "test-server"

#include <string.h>
#include <glib/gstdio.h>

#include "test-server-fixture.h"

void
reply_free (Reply *r)
{
  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_error (&r->error);
  g_clear_pointer (&r->headers, soup_message_headers_unref);
  g_clear_pointer (&r->json, json_node_unref);
  g_free (r);
}

void
put (Fixture *f, const char *entity, const char *json)
{
  g_autoptr(GError) error = NULL;
  g_assert_cmpint (kiosk_test_server_put (f->server, entity, json, &error), >, 0);
  g_assert_no_error (error);
}

char *
date_from_today (int days)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);
  return g_date_time_format (then, "%Y-%m-%d");
}

void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("kiosk-test-server-XXXXXX", &error);
  g_assert_no_error (error);
  f->server = kiosk_test_server_new (f->dir, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_test_server_listen (f->server, 0, &error));
  g_assert_no_error (error);
  f->session = soup_session_new ();
  f->tomorrow = date_from_today (1);
  f->yesterday = date_from_today (-1);

  put (f, "salon", "{\"id\": \"" SALON "\", \"name\": \"Moda Kuaför\", \"address\": \"Moda Cad. 1\","
                   " \"city\": \"İstanbul\", \"district\": \"Kadıköy\", \"phone\": \"+902161234567\","
                   " \"opening_time\": \"09:00:00\", \"closing_time\": \"19:00:00\", \"timezone\": \"Europe/Istanbul\"}");
  for (int day = 0; day < 7; day++)
    {
      g_autofree char *wh = g_strdup_printf ("{\"id\": \"%s:%d\", \"day_of_week\": %d, \"opening_time\": \"09:00:00\","
                                             " \"closing_time\": \"19:00:00\", \"is_closed\": false}", SALON, day, day);
      put (f, "working_hours", wh);
    }
  put (f, "category", "{\"id\": \"" CATEGORY "\", \"name\": \"Saç\", \"description\": \"Kesim ve boya\", \"icon\": \"scissors\"}");
  put (f, "service", "{\"id\": \"" HAIRCUT "\", \"category\": \"" CATEGORY "\", \"name\": \"Saç kesimi\","
                     " \"description\": \"\", \"price\": \"250.00\", \"duration\": 60, \"is_active\": true}");
  put (f, "service", "{\"id\": \"" COLOR "\", \"category\": \"" CATEGORY "\", \"name\": \"Boya\","
                     " \"description\": \"\", \"price\": \"1200.00\", \"duration\": 90, \"is_active\": true}");
  put (f, "employee", "{\"id\": \"" AYSE "\", \"name\": \"Ayşe Yılmaz\", \"position\": \"Usta\", \"is_active\": true,"
                      " \"services\": [\"" HAIRCUT "\", \"" COLOR "\"]}");
  put (f, "employee", "{\"id\": \"" MEHMET "\", \"name\": \"Mehmet Öz\", \"position\": \"Kalfa\", \"is_active\": true,"
                      " \"services\": [\"" HAIRCUT "\"]}");
  put (f, "customer", "{\"id\": \"" SULE "\", \"first_name\": \"Şule\", \"last_name\": \"Çelik\", \"phone\": \"+905551112233\","
                      " \"loyalty_level\": \"bronze\", \"total_points\": 30, \"current_points\": 30,"
                      " \"total_spent\": \"150.00\", \"total_visits\": 2, \"updated_at\": \"2026-01-02T10:00:00.000000+03:00\"}");
}

void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_dir_close (dir);
  g_rmdir (path);
}

void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->token);
  g_free (f->tomorrow);
  g_free (f->yesterday);
}

/* ------------------------------------------------------------ requests */

typedef struct {
  Reply    *reply;
  gboolean  done;
} Wait;

static void
send_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;
  w->reply->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &w->reply->error);
  w->done = TRUE;
}

SoupMessage *
make_message (Fixture *f, const char *method, const char *path, const char *body,
              const char *token, const char *idem_key)
{
  g_autofree char *url = g_strconcat (kiosk_test_server_get_uri (f->server), path, NULL);
  SoupMessage *msg = soup_message_new (method, url);
  SoupMessageHeaders *h = soup_message_get_request_headers (msg);

  g_assert_nonnull (msg);
  if (token)
    {
      g_autofree char *auth = g_strdup_printf ("Token %s", token);
      soup_message_headers_replace (h, "Authorization", auth);
    }
  if (idem_key)
    soup_message_headers_replace (h, "Idempotency-Key", idem_key);
  if (body)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  return msg;
}

/* Sends and spins the main loop (the server lives on this thread too). */
Reply *
send_message (SoupSession *session, SoupMessage *msg)
{
  Reply *r = g_new0 (Reply, 1);
  Wait w = { r, FALSE };
  gint64 start = g_get_monotonic_time ();

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, send_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  r->elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  r->status = soup_message_get_status (msg);
  r->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (r->body && g_bytes_get_size (r->body) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize len;
      const char *data = g_bytes_get_data (r->body, &len);
      if (json_parser_load_from_data (parser, data, (gssize) len, NULL))
        r->json = json_node_ref (json_parser_get_root (parser));
    }
  return r;
}

Reply *
request (Fixture *f, const char *method, const char *path, const char *body,
         const char *token, const char *idem_key)
{
  g_autoptr(SoupMessage) msg = make_message (f, method, path, body, token, idem_key);
  return send_message (f->session, msg);
}

Reply *
get (Fixture *f, const char *path)
{
  return request (f, "GET", path, NULL, f->token, NULL);
}

/* A mutation with a fresh Idempotency-Key. */
Reply *
post (Fixture *f, const char *path, const char *body)
{
  g_autofree char *key = g_uuid_string_random ();
  return request (f, "POST", path, body, f->token, key);
}

JsonObject *
obj (Reply *r)
{
  g_assert_nonnull (r->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (r->json));
  return json_node_get_object (r->json);
}

const char *
str (Reply *r, const char *member)
{
  return json_object_get_string_member (obj (r), member);
}

char *
body_text (Reply *r)
{
  gsize len = 0;
  const char *data = r->body ? g_bytes_get_data (r->body, &len) : NULL;
  return g_strndup (data ? data : "", len);
}

/* The first message of a DRF field error. */
const char *
field_error (Reply *r, const char *field)
{
  JsonObject *o = obj (r);
  g_assert_true (json_object_has_member (o, field));
  return json_array_get_string_element (json_object_get_array_member (o, field), 0);
}

void
enroll (Fixture *f)
{
  g_autoptr(Reply) r = NULL;

  kiosk_test_server_add_pairing_code (f->server, CODE, 600);
  r = request (f, "POST", "/api/kiosk/v1/devices/",
               "{\"salon\": \"" SALON "\", \"pairing_code\": \"" CODE "\", \"name\": \"Ön masa 1\"}", NULL, NULL);
  g_assert_cmpuint (r->status, ==, 201);
  g_free (f->token);
  f->token = g_strdup (str (r, "token"));
}

char *
appointment_body (Fixture *f, const char *id, const char *customer, const char *service,
                  const char *employee, const char *date, const char *time)
{
  g_autofree char *emp = employee ? g_strdup_printf ("\"%s\"", employee) : g_strdup ("null");
  return g_strdup_printf ("{\"id\": \"%s\", \"customer\": \"%s\", \"service\": \"%s\", \"employee\": %s,"
                          " \"appointment_date\": \"%s\", \"appointment_time\": \"%s\", \"notes\": \"\","
                          " \"source\": \"kiosk\"}", id, customer, service, emp, date, time);
}

Reply *
book (Fixture *f, const char *id, const char *service, const char *employee, const char *date, const char *time)
{
  g_autofree char *body = appointment_body (f, id, SULE, service, employee, date, time);
  return post (f, "/api/kiosk/v1/appointments/", body);
}

/* Pulls the feed from @since (NULL: snapshot) to the end. */
JsonArray *
pull_all (Fixture *f, const char *since, int limit, char **out_cursor, guint *out_pages)
{
  JsonArray *all = json_array_new ();
  g_autofree char *cursor = g_strdup (since);
  gboolean more = TRUE;
  guint pages = 0;

  while (more)
    {
      g_autofree char *esc = cursor ? g_uri_escape_string (cursor, NULL, FALSE) : NULL;
      g_autofree char *path = esc ? g_strdup_printf ("/api/kiosk/v1/changes/?since=%s&limit=%d", esc, limit)
                                  : g_strdup_printf ("/api/kiosk/v1/changes/?limit=%d", limit);
      g_autoptr(Reply) r = get (f, path);
      JsonArray *changes;

      g_assert_cmpuint (r->status, ==, 200);
      changes = json_object_get_array_member (obj (r), "changes");
      g_assert_cmpuint (json_array_get_length (changes), <=, (guint) limit);
      for (guint i = 0; i < json_array_get_length (changes); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (changes, i)));
      g_free (cursor);
      cursor = g_strdup (str (r, "cursor"));
      more = json_object_get_boolean_member (obj (r), "has_more");
      g_assert_cmpuint (++pages, <, 10000);
    }
  if (out_cursor)
    *out_cursor = g_steal_pointer (&cursor);
  if (out_pages)
    *out_pages = pages;
  return all;
}

JsonObject *
find_change (JsonArray *changes, const char *entity, const char *id, const char *op)
{
  JsonObject *found = NULL;

  /* The last one wins, as the kiosk would apply them. */
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);
      if (g_str_equal (json_object_get_string_member (c, "entity"), entity) &&
          g_str_equal (json_object_get_string_member (c, "id"), id) &&
          (op == NULL || g_str_equal (json_object_get_string_member (c, "op"), op)))
        found = c;
    }
  return found;
}
