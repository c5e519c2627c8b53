/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The contract server: docs/kiosk-api.md §2 and §3 as DRF 3.14 would answer.
 * Test code, so raw sqlite3 calls are fine here; the app's SQL stays in
 * src/replica/.
 */
#define G_LOG_DOMAIN "kiosk-test-server"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "kiosk-time.h"
#include "kiosk-test-server.h"
#include "kiosk-test-server-private.h"

#define EVENTS_PATH  "/api/kiosk/v1/events/"
#define PAGE_SIZE    20
#define HUGE_DEFAULT (20 * 1024 * 1024)

typedef struct {
  guint   num;
  guint   period_s;
  GHashTable *history;   /* ident -> GArray of gint64 monotonic µs, newest first */
} Throttle;

typedef struct {
  char       *method;
  char       *prefix;
  KioskFault  fault;
} QueuedFault;

typedef struct {
  SoupWebsocketConnection *conn;
  char                    *device;
} Socket;

struct _KioskTestServer
{
  GObject     parent_instance;

  char       *data_dir;
  sqlite3    *db;
  SoupServer *server;
  char       *uri;
  guint       port;
  char       *salon_id;
  GTimeZone  *tz;

  Throttle    throttles[3];
  GQueue      faults;
  GPtrArray  *sockets;
  GPtrArray  *requests;   /* in-flight paused requests */
  guint       ping_interval;
  gint64      clock_offset_s;   /* added to the Date header of every reply */
  GTimeSpan   test_clock;       /* KIOSK_TEST_CLOCK_OFFSET: the salon's "now" moved, as the kiosk's */
  gboolean    demo_open_every_day;
  int         tx_depth;
  gboolean    notify_pending;
  guint       refuse_upgrades;  /* every upgrade on the events path answered with it; 0: none */
  gint        n_upgrades;       /* atomic: requests on the events path */

  /* Arrival times of requests, for load measurements (any thread reads). */
  GMutex      log_lock;
  GArray     *request_times;   /* gint64 monotonic µs */
};

G_DEFINE_FINAL_TYPE (KioskTestServer, kiosk_test_server, G_TYPE_OBJECT)

enum { THROTTLE_ENROLLMENT, THROTTLE_APPOINTMENTS, THROTTLE_WRITES };

static const char * const entity_order[] = {
  "salon", "working_hours", "category", "service", "employee",
  "customer", "appointment", "walkin", "point_entry",
};

/* ---------------------------------------------------------------- SQLite */

static gboolean
db_exec (KioskTestServer *self, const char *sql, GError **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", sql, msg);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
db_prepare (KioskTestServer *self, const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("SQL %s: %s", sql, sqlite3_errmsg (self->db));
  return stmt;
}

static void
db_bind_text (sqlite3_stmt *stmt, int i, const char *text)
{
  if (text)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

static char *
db_dup_text (sqlite3_stmt *stmt, int col)
{
  const unsigned char *t = sqlite3_column_text (stmt, col);
  return t ? g_strdup ((const char *) t) : NULL;
}

static void
db_step_done (KioskTestServer *self, sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    g_error ("SQL step: %s", sqlite3_errmsg (self->db));
  sqlite3_finalize (stmt);
}

static char *
meta_get (KioskTestServer *self, const char *key)
{
  sqlite3_stmt *stmt = db_prepare (self, "SELECT value FROM meta WHERE key = ?");
  char *value = NULL;

  db_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = db_dup_text (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
meta_set (KioskTestServer *self, const char *key, const char *value)
{
  sqlite3_stmt *stmt = db_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
  db_bind_text (stmt, 1, key);
  db_bind_text (stmt, 2, value);
  db_step_done (self, stmt);
}

static gint64
db_int (KioskTestServer *self, const char *sql)
{
  sqlite3_stmt *stmt = db_prepare (self, sql);
  gint64 v = 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static void notify_sockets (KioskTestServer *self);

static void
tx_begin (KioskTestServer *self)
{
  if (self->tx_depth++ == 0)
    db_exec (self, "BEGIN IMMEDIATE", NULL);
}

static void
tx_commit (KioskTestServer *self)
{
  g_assert (self->tx_depth > 0);
  if (--self->tx_depth == 0)
    {
      g_autoptr(GError) error = NULL;
      if (!db_exec (self, "COMMIT", &error))
        g_error ("%s", error->message);
      if (self->notify_pending)
        {
          self->notify_pending = FALSE;
          notify_sockets (self);
        }
    }
}

static void
tx_rollback (KioskTestServer *self)
{
  g_assert (self->tx_depth > 0);
  if (--self->tx_depth == 0)
    {
      db_exec (self, "ROLLBACK", NULL);
      self->notify_pending = FALSE;
    }
}

/* ------------------------------------------------------------------ JSON */

static JsonNode *
json_parse_text (const char *text, gssize len, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, len, error))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

static JsonObject *
json_parse_object (const char *text)
{
  g_autoptr(JsonNode) node = json_parse_text (text, -1, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

static char *
json_object_to_text (JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), obj);
  return json_to_string (node, FALSE);
}

/* A string member, NULL when missing, null or not a string. */
static const char *
obj_str (JsonObject *obj, const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
obj_is_null (JsonObject *obj, const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

static void
obj_set_str_or_null (JsonObject *obj, const char *member, const char *value)
{
  if (value)
    json_object_set_string_member (obj, member, value);
  else
    json_object_set_null_member (obj, member);
}

static JsonObject *
errors_field (const char *field, const char *message)
{
  JsonObject *obj = json_object_new ();
  JsonArray *arr = json_array_new ();

  json_array_add_string_element (arr, message);
  json_object_set_array_member (obj, field, arr);
  return obj;
}

static JsonObject *
error_detail (const char *detail)
{
  JsonObject *obj = json_object_new ();
  json_object_set_string_member (obj, "detail", detail);
  return obj;
}

static JsonObject *
error_code (const char *code, const char *detail)
{
  JsonObject *obj = error_detail (detail);
  json_object_set_string_member (obj, "code", code);
  return obj;
}

/* ---------------------------------------------------------------- times */

static GDateTime *
server_now (KioskTestServer *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (self->tz);

  /* The Date header stays real: a moved test clock is not a skew. */
  return g_date_time_add (now, self->test_clock);
}

GDateTime *
kiosk_test_server_dup_now (KioskTestServer *self)
{
  g_return_val_if_fail (KIOSK_IS_TEST_SERVER (self), NULL);
  return server_now (self);
}

static char *
format_instant (GDateTime *dt)
{
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S.%f%:z");
}

static char *
now_iso (KioskTestServer *self)
{
  g_autoptr(GDateTime) now = server_now (self);
  return format_instant (now);
}

static char *
today_string (KioskTestServer *self)
{
  g_autoptr(GDateTime) now = server_now (self);
  return g_date_time_format (now, "%Y-%m-%d");
}

static gboolean
parse_date (const char *text, GDate *out)
{
  int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 ||
      sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

/* "HH:MM" or "HH:MM:SS" to seconds since midnight, -1 when invalid. */
static int
parse_time (const char *text)
{
  int h, m, s = 0;
  gsize len = text ? strlen (text) : 0;

  if (len == 5 && sscanf (text, "%2d:%2d", &h, &m) == 2)
    ;
  else if (len == 8 && sscanf (text, "%2d:%2d:%2d", &h, &m, &s) == 3)
    ;
  else
    return -1;
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59 ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[3]))
    return -1;
  return h * 3600 + m * 60 + s;
}

static char *
format_time (int seconds)
{
  return g_strdup_printf ("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

/* ---------------------------------------------------------------- money */

/* "123.45" (or "123", "123.4") to kuruş; FALSE on anything else. */
static gboolean
parse_money (const char *text, gint64 *out)
{
  gint64 lira = 0, kurus = 0;
  int digits = 0;
  const char *p = text;
  gboolean neg = FALSE;

  if (p == NULL || *p == '\0')
    return FALSE;
  if (*p == '-')
    {
      neg = TRUE;
      p++;
    }
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    lira = lira * 10 + (*p - '0');
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p) && digits < 2; p++, digits++)
      kurus = kurus * 10 + (*p - '0');
  if (*p != '\0')
    return FALSE;
  if (digits == 1)
    kurus *= 10;
  *out = (lira * 100 + kurus) * (neg ? -1 : 1);
  return TRUE;
}

char *
kiosk_test_format_money (gint64 kurus)
{
  gint64 a = kurus < 0 ? -kurus : kurus;
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", kurus < 0 ? "-" : "",
                          a / 100, (int) (a % 100));
}

char *
kiosk_test_format_time (int seconds)
{
  return format_time (seconds);
}

/* ------------------------------------------------------------------ rows */

static int
entity_rank (const char *entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (entity_order); i++)
    if (g_str_equal (entity_order[i], entity))
      return (int) i;
  return (int) G_N_ELEMENTS (entity_order);
}

static JsonObject *
row_get (KioskTestServer *self, const char *entity, const char *id)
{
  sqlite3_stmt *stmt;
  JsonObject *obj = NULL;

  if (id == NULL)
    return NULL;
  stmt = db_prepare (self, "SELECT data FROM rows WHERE entity = ? AND id = ? AND deleted = 0");
  db_bind_text (stmt, 1, entity);
  db_bind_text (stmt, 2, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    obj = json_parse_object ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return obj;
}

static gboolean
row_exists_any (KioskTestServer *self, const char *entity, const char *id)
{
  sqlite3_stmt *stmt = db_prepare (self, "SELECT 1 FROM rows WHERE entity = ? AND id = ?");
  gboolean found;

  db_bind_text (stmt, 1, entity);
  db_bind_text (stmt, 2, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

/* Appends the change and writes the row; the seq is the new version. */
static gint64
row_write (KioskTestServer *self, const char *entity, const char *id, JsonObject *data)
{
  g_autofree char *text = data ? json_object_to_text (data) : NULL;
  sqlite3_stmt *stmt;
  gint64 version;

  tx_begin (self);
  stmt = db_prepare (self, "INSERT INTO changes (entity, id, op, data) VALUES (?, ?, ?, ?)");
  db_bind_text (stmt, 1, entity);
  db_bind_text (stmt, 2, id);
  db_bind_text (stmt, 3, data ? "upsert" : "delete");
  db_bind_text (stmt, 4, text);
  db_step_done (self, stmt);
  version = sqlite3_last_insert_rowid (self->db);

  stmt = db_prepare (self, "UPDATE changes SET version = seq WHERE seq = ?");
  sqlite3_bind_int64 (stmt, 1, version);
  db_step_done (self, stmt);

  stmt = db_prepare (self,
                     "INSERT INTO rows (entity, id, rank, version, data, deleted) VALUES (?, ?, ?, ?, ?, ?) "
                     "ON CONFLICT (entity, id) DO UPDATE SET version = excluded.version, "
                     "data = excluded.data, deleted = excluded.deleted");
  db_bind_text (stmt, 1, entity);
  db_bind_text (stmt, 2, id);
  sqlite3_bind_int (stmt, 3, entity_rank (entity));
  sqlite3_bind_int64 (stmt, 4, version);
  db_bind_text (stmt, 5, text ? text : "null");
  sqlite3_bind_int (stmt, 6, data ? 0 : 1);
  db_step_done (self, stmt);

  self->notify_pending = TRUE;
  tx_commit (self);
  return version;
}

static gint64
row_put (KioskTestServer *self, const char *entity, JsonObject *data)
{
  return row_write (self, entity, obj_str (data, "id"), data);
}

/* --------------------------------------------------------------- cursors */

typedef struct {
  gboolean snapshot;
  gint64   seq;        /* live: after this seq; snapshot: live start */
  int      rank;       /* snapshot: after (rank, id) */
  char    *id;
} Cursor;

static char *
cursor_encode (const Cursor *c)
{
  g_autofree char *raw = NULL;

  if (c->snapshot)
    raw = g_strdup_printf ("v1:s:%" G_GINT64_FORMAT ":%d:%s", c->seq, c->rank, c->id ? c->id : "");
  else
    raw = g_strdup_printf ("v1:%" G_GINT64_FORMAT, c->seq);
  return g_base64_encode ((const guchar *) raw, strlen (raw));
}

static gboolean
cursor_decode (const char *text, Cursor *c)
{
  g_autofree guchar *raw = NULL;
  g_autofree char *str = NULL;
  g_auto(GStrv) parts = NULL;
  gsize len = 0;
  char *end = NULL;

  memset (c, 0, sizeof *c);
  if (text == NULL || *text == '\0' || strspn (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") != strlen (text))
    return FALSE;
  raw = g_base64_decode (text, &len);
  str = g_strndup ((const char *) raw, len);
  parts = g_strsplit (str, ":", 5);
  if (g_strv_length (parts) == 2 && g_str_equal (parts[0], "v1"))
    {
      c->seq = g_ascii_strtoll (parts[1], &end, 10);
      return end && *end == '\0' && end != parts[1] && c->seq >= 0;
    }
  if (g_strv_length (parts) == 5 && g_str_equal (parts[0], "v1") && g_str_equal (parts[1], "s"))
    {
      c->snapshot = TRUE;
      c->seq = g_ascii_strtoll (parts[2], &end, 10);
      if (!end || *end != '\0' || c->seq < 0)
        return FALSE;
      c->rank = (int) g_ascii_strtoll (parts[3], &end, 10);
      if (!end || *end != '\0')
        return FALSE;
      c->id = g_strdup (parts[4]);
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------- websockets */

static void
socket_free (gpointer data)
{
  Socket *s = data;
  g_signal_handlers_disconnect_by_data (s->conn, s);
  if (soup_websocket_connection_get_state (s->conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (s->conn, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
  g_object_unref (s->conn);
  g_free (s->device);
  g_free (s);
}

static char *
current_cursor (KioskTestServer *self)
{
  Cursor c = { FALSE, db_int (self, "SELECT IFNULL(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'changes'"), 0, NULL };
  return cursor_encode (&c);
}

static void
notify_sockets (KioskTestServer *self)
{
  g_autofree char *cursor = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) obj = NULL;

  if (self->sockets->len == 0)
    return;
  cursor = current_cursor (self);
  obj = json_object_new ();
  json_object_set_string_member (obj, "type", "changes");
  json_object_set_string_member (obj, "cursor", cursor);
  text = json_object_to_text (obj);
  for (guint i = 0; i < self->sockets->len; i++)
    {
      Socket *s = g_ptr_array_index (self->sockets, i);
      if (soup_websocket_connection_get_state (s->conn) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_send_text (s->conn, text);
    }
}

static void
socket_closed_cb (SoupWebsocketConnection *conn, Socket *s)
{
  KioskTestServer *self = g_object_get_data (G_OBJECT (conn), "kiosk-server");
  g_ptr_array_remove (self->sockets, s);
}

static void
close_device_sockets (KioskTestServer *self, const char *device)
{
  for (guint i = self->sockets->len; i > 0; i--)
    {
      Socket *s = g_ptr_array_index (self->sockets, i - 1);
      if (g_strcmp0 (s->device, device) == 0)
        g_ptr_array_remove_index (self->sockets, i - 1);
    }
}

static void
websocket_cb (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *conn,
              gpointer                 user_data)
{
  KioskTestServer *self = user_data;
  Socket *s = g_new0 (Socket, 1);

  s->conn = g_object_ref (conn);
  s->device = g_strdup (g_object_get_data (G_OBJECT (msg), "kiosk-device"));
  g_object_set_data (G_OBJECT (conn), "kiosk-server", self);
  soup_websocket_connection_set_keepalive_interval (conn, self->ping_interval);
  g_signal_connect (conn, "closed", G_CALLBACK (socket_closed_cb), s);
  g_ptr_array_add (self->sockets, s);
}

/* -------------------------------------------------------------- requests */

typedef struct {
  KioskTestServer   *self;
  SoupServerMessage *msg;
  char              *method;
  char              *path;
  GHashTable        *query;
  GBytes            *body;
  char              *device;
  char              *idem_key;
  char              *idem_hash;
  gboolean           idem_claimed;
  gboolean           answered;
  gboolean           paused;
  gboolean           gone;       /* the client hung up while we held the reply */
  gboolean           has_fault;
  KioskFault         fault;
  guint              source_id;
} Request;

static void
request_free (Request *req)
{
  g_clear_handle_id (&req->source_id, g_source_remove);
  if (req->msg)
    g_signal_handlers_disconnect_by_data (req->msg, req);
  g_clear_object (&req->msg);
  g_free (req->method);
  g_free (req->path);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->device);
  g_free (req->idem_key);
  g_free (req->idem_hash);
  g_free (req);
}

static void
respond_bytes (Request *req, guint status, const char *content_type, char *body, gsize len)
{
  /* set_response() appends to a body already set: replace it. */
  soup_message_body_truncate (soup_server_message_get_response_body (req->msg));
  soup_server_message_set_status (req->msg, status, NULL);
  soup_server_message_set_response (req->msg, content_type, SOUP_MEMORY_TAKE, body, len);
  req->answered = TRUE;
}

static void
respond (Request *req, guint status, JsonObject *obj)
{
  g_autoptr(JsonObject) owned = obj;

  if (obj == NULL)
    {
      soup_server_message_set_status (req->msg, status, NULL);
      soup_server_message_set_response (req->msg, NULL, SOUP_MEMORY_STATIC, NULL, 0);
      req->answered = TRUE;
    }
  else
    {
      char *text = json_object_to_text (owned);
      respond_bytes (req, status, "application/json", text, strlen (text));
    }
}

static void
respond_401 (Request *req, const char *detail)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "WWW-Authenticate", "Token");
  respond (req, 401, error_detail (detail));
}

static void
respond_429 (Request *req, guint retry_after)
{
  g_autofree char *ra = g_strdup_printf ("%u", retry_after);
  g_autofree char *detail = g_strdup_printf ("İstek kısıtlandı. %u saniye içinde tekrar deneyin.", retry_after);

  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Retry-After", ra);
  respond (req, 429, error_detail (detail));
}

static void
respond_404 (Request *req)
{
  respond (req, 404, error_detail ("Bulunamadı."));
}

static void
respond_405 (Request *req, const char *allow)
{
  g_autofree char *detail = g_strdup_printf ("\"%s\" metoduna izin verilmiyor.", req->method);
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Allow", allow);
  respond (req, 405, error_detail (detail));
}

/* Authenticates the Token header; answers 401 and returns FALSE otherwise. */
static gboolean
authenticate (Request *req)
{
  KioskTestServer *self = req->self;
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                                     "Authorization");
  g_auto(GStrv) parts = NULL;
  sqlite3_stmt *stmt;

  if (header == NULL || g_ascii_strncasecmp (header, "Token", 5) != 0 ||
      (header[5] != '\0' && header[5] != ' '))
    {
      respond_401 (req, "Kimlik bilgileri verilmedi.");
      return FALSE;
    }
  parts = g_strsplit (header, " ", -1);
  {
    /* DRF: "Token" alone or with spaces inside the key is a malformed header. */
    g_autoptr(GPtrArray) words = g_ptr_array_new ();
    for (guint i = 0; parts[i]; i++)
      if (*parts[i])
        g_ptr_array_add (words, parts[i]);
    if (words->len == 1)
      {
        respond_401 (req, "Geçersiz token başlığı. Kimlik bilgisi sağlanmadı.");
        return FALSE;
      }
    if (words->len > 2)
      {
        respond_401 (req, "Geçersiz token başlığı. Token dizesi boşluk karakteri içermemeli.");
        return FALSE;
      }
    stmt = db_prepare (self, "SELECT id FROM devices WHERE token = ? AND revoked = 0");
    db_bind_text (stmt, 1, g_ptr_array_index (words, 1));
    if (sqlite3_step (stmt) == SQLITE_ROW)
      req->device = db_dup_text (stmt, 0);
    sqlite3_finalize (stmt);
  }
  if (req->device == NULL)
    {
      respond_401 (req, "Geçersiz token.");
      return FALSE;
    }
  return TRUE;
}

/* DRF's SimpleRateThrottle: a sliding window of request times per ident. */
static gboolean
throttle_allow (Request *req, int scope, const char *ident)
{
  Throttle *t = &req->self->throttles[scope];
  gint64 now = g_get_monotonic_time ();
  gint64 window = (gint64) t->period_s * G_USEC_PER_SEC;
  GArray *history = g_hash_table_lookup (t->history, ident);

  if (history == NULL)
    {
      history = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (t->history, g_strdup (ident), history);
    }
  while (history->len > 0 && g_array_index (history, gint64, history->len - 1) <= now - window)
    g_array_set_size (history, history->len - 1);
  if (history->len >= t->num)
    {
      gint64 oldest = g_array_index (history, gint64, history->len - 1);
      gint64 remaining = window - (now - oldest);
      guint wait = (guint) ((remaining + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
      respond_429 (req, MAX (wait, 1));
      return FALSE;
    }
  g_array_prepend_val (history, now);
  return TRUE;
}

static JsonObject *
parse_body_object (Request *req)
{
  const char *ct = soup_message_headers_get_content_type (soup_server_message_get_request_headers (req->msg), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize len = 0;
  const char *data = g_bytes_get_data (req->body, &len);

  if (ct == NULL || g_ascii_strcasecmp (ct, "application/json") != 0)
    {
      g_autofree char *detail = g_strdup_printf ("İstekteki \"%s\" ortam türü desteklenmiyor.", ct ? ct : "");
      respond (req, 415, error_detail (detail));
      return NULL;
    }
  node = json_parse_text (data ? data : "", (gssize) len, &error);
  if (node == NULL || len == 0)
    {
      g_autofree char *detail = g_strdup_printf ("JSON ayrıştırma hatası - %s",
                                                 error ? error->message : "boş gövde");
      respond (req, 400, error_detail (detail));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      respond (req, 400, errors_field ("non_field_errors", "Geçersiz veri. Sözlük beklendi."));
      return NULL;
    }
  return json_object_ref (json_node_get_object (node));
}

/* ---------------------------------------------------------- §2 endpoints */

static char *
absolute_url (Request *req, const char *path, const char *search, int page)
{
  GUri *uri = soup_server_message_get_uri (req->msg);
  GString *s = g_string_new (NULL);
  gboolean first = TRUE;

  g_string_append_printf (s, "http://%s:%d%s", g_uri_get_host (uri), g_uri_get_port (uri), path);
  if (page > 1)
    {
      g_string_append_printf (s, "?page=%d", page);
      first = FALSE;
    }
  if (search)
    {
      g_autofree char *esc = g_uri_escape_string (search, NULL, FALSE);
      g_string_append_printf (s, "%ssearch=%s", first ? "?" : "&", esc);
    }
  return g_string_free (s, FALSE);
}

/* PageNumberPagination over @items (a JsonArray it takes). */
static void
respond_page (Request *req, JsonArray *items_in, const char *search)
{
  g_autoptr(JsonArray) items = items_in;
  const char *page_str = req->query ? g_hash_table_lookup (req->query, "page") : NULL;
  guint count = json_array_get_length (items);
  int n_pages = MAX (1, (int) ((count + PAGE_SIZE - 1) / PAGE_SIZE));
  int page = 1;
  JsonObject *obj;
  JsonArray *results;

  if (page_str && g_str_equal (page_str, "last"))
    page = n_pages;
  else if (page_str)
    {
      char *end = NULL;
      gint64 v = g_ascii_strtoll (page_str, &end, 10);
      if (end == page_str || *end != '\0' || v < 1 || v > n_pages)
        {
          respond (req, 404, error_detail ("Geçersiz sayfa."));
          return;
        }
      page = (int) v;
    }
  obj = json_object_new ();
  json_object_set_int_member (obj, "count", count);
  if (page < n_pages)
    {
      g_autofree char *next = absolute_url (req, req->path, search, page + 1);
      json_object_set_string_member (obj, "next", next);
    }
  else
    json_object_set_null_member (obj, "next");
  if (page > 1)
    {
      g_autofree char *prev = absolute_url (req, req->path, search, page - 1);
      json_object_set_string_member (obj, "previous", prev);
    }
  else
    json_object_set_null_member (obj, "previous");
  results = json_array_new ();
  for (guint i = (guint) (page - 1) * PAGE_SIZE; i < count && i < (guint) page * PAGE_SIZE; i++)
    json_array_add_element (results, json_node_copy (json_array_get_element (items, i)));
  json_object_set_array_member (obj, "results", results);
  respond (req, 200, obj);
}

/* Live rows of @entity ordered by id. */
static GPtrArray *
rows_list (KioskTestServer *self, const char *entity)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt = db_prepare (self, "SELECT data FROM rows WHERE entity = ? AND deleted = 0 ORDER BY id");

  db_bind_text (stmt, 1, entity);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *o = json_parse_object ((const char *) sqlite3_column_text (stmt, 0));
      if (o)
        g_ptr_array_add (list, o);
    }
  sqlite3_finalize (stmt);
  return list;
}

static int
cmp_by_name (gconstpointer a, gconstpointer b)
{
  JsonObject *oa = *(JsonObject **) a, *ob = *(JsonObject **) b;
  int r = g_utf8_collate (obj_str (oa, "name") ? obj_str (oa, "name") : "",
                          obj_str (ob, "name") ? obj_str (ob, "name") : "");
  return r ? r : g_strcmp0 (obj_str (oa, "id"), obj_str (ob, "id"));
}

static void
copy_member (JsonObject *dst, JsonObject *src, const char *member)
{
  JsonNode *node = json_object_get_member (src, member);
  json_object_set_member (dst, member, node ? json_node_copy (node) : json_node_new (JSON_NODE_NULL));
}

static void
copy_member_or (JsonObject *dst, JsonObject *src, const char *member, const char *fallback)
{
  if (json_object_has_member (src, member))
    copy_member (dst, src, member);
  else
    json_object_set_string_member (dst, member, fallback);
}

static JsonObject *
salon_summary (JsonObject *salon)
{
  JsonObject *o = json_object_new ();

  copy_member (o, salon, "id");
  copy_member (o, salon, "name");
  copy_member_or (o, salon, "salon_type", "hair_salon");
  copy_member_or (o, salon, "salon_type_display", "Kuaför");
  copy_member (o, salon, "address");
  copy_member (o, salon, "city");
  copy_member (o, salon, "district");
  copy_member_or (o, salon, "rating", "4.80");
  if (!json_object_has_member (salon, "total_reviews"))
    json_object_set_int_member (o, "total_reviews", 0);
  else
    copy_member (o, salon, "total_reviews");
  json_object_set_null_member (o, "logo");
  json_object_set_boolean_member (o, "is_verified", TRUE);
  return o;
}

static gboolean
contains_folded (const char *haystack, const char *folded_needle)
{
  g_autofree char *h = NULL;

  if (haystack == NULL)
    return FALSE;
  h = g_utf8_casefold (haystack, -1);
  return strstr (h, folded_needle) != NULL;
}

static void
handle_salons (Request *req)
{
  const char *search = req->query ? g_hash_table_lookup (req->query, "search") : NULL;
  g_autoptr(GPtrArray) salons = rows_list (req->self, "salon");
  g_autofree char *needle = search && *search ? g_utf8_casefold (search, -1) : NULL;
  JsonArray *items = json_array_new ();

  g_ptr_array_sort (salons, cmp_by_name);
  for (guint i = 0; i < salons->len; i++)
    {
      JsonObject *s = g_ptr_array_index (salons, i);
      if (needle && !contains_folded (obj_str (s, "name"), needle) &&
          !contains_folded (obj_str (s, "description"), needle) &&
          !contains_folded (obj_str (s, "address"), needle))
        continue;
      json_array_add_object_element (items, salon_summary (s));
    }
  respond_page (req, items, search && *search ? search : NULL);
}

static JsonObject *
public_category (KioskTestServer *self, const char *id)
{
  g_autoptr(JsonObject) cat = row_get (self, "category", id);
  JsonObject *o;

  if (cat == NULL)
    return NULL;
  o = json_object_new ();
  copy_member (o, cat, "id");
  copy_member (o, cat, "name");
  copy_member (o, cat, "description");
  copy_member (o, cat, "icon");
  return o;
}

static JsonObject *
public_service (KioskTestServer *self, JsonObject *svc)
{
  JsonObject *o = json_object_new ();
  JsonObject *cat = public_category (self, obj_str (svc, "category"));

  copy_member (o, svc, "id");
  copy_member (o, svc, "name");
  copy_member (o, svc, "description");
  copy_member (o, svc, "price");
  copy_member (o, svc, "duration");
  json_object_set_null_member (o, "image");
  /* DRF leaves out a nested field whose source is a null relation. */
  if (cat)
    json_object_set_object_member (o, "category", cat);
  return o;
}

static GPtrArray *
active_services (KioskTestServer *self)
{
  GPtrArray *services = rows_list (self, "service");

  for (guint i = services->len; i > 0; i--)
    {
      JsonObject *s = g_ptr_array_index (services, i - 1);
      if (json_object_has_member (s, "is_active") && !json_object_get_boolean_member (s, "is_active"))
        g_ptr_array_remove_index (services, i - 1);
    }
  g_ptr_array_sort (services, cmp_by_name);
  return services;
}

static void
handle_salon_detail (Request *req, const char *salon_id)
{
  static const char * const day_names[] = {
    "Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar",
  };
  KioskTestServer *self = req->self;
  g_autoptr(JsonObject) salon = row_get (self, "salon", salon_id);
  g_autoptr(GPtrArray) hours = NULL;
  g_autoptr(GPtrArray) employees = NULL;
  g_autoptr(GPtrArray) services = NULL;
  JsonObject *o;
  JsonArray *arr;

  if (salon == NULL)
    {
      respond_404 (req);
      return;
    }
  o = salon_summary (salon);
  copy_member_or (o, salon, "description", "");
  copy_member (o, salon, "phone");
  copy_member_or (o, salon, "email", "");
  copy_member_or (o, salon, "website", "");
  copy_member (o, salon, "opening_time");
  copy_member (o, salon, "closing_time");
  json_object_set_boolean_member (o, "is_active", TRUE);
  json_object_set_null_member (o, "cover_image");
  copy_member_or (o, salon, "instagram", "");
  copy_member_or (o, salon, "facebook", "");

  arr = json_array_new ();
  hours = rows_list (self, "working_hours");
  for (guint i = 0; i < hours->len; i++)
    {
      JsonObject *h = g_ptr_array_index (hours, i);
      JsonObject *w = json_object_new ();
      gint64 day = json_object_get_int_member_with_default (h, "day_of_week", 0);
      json_object_set_int_member (w, "day_of_week", day);
      json_object_set_string_member (w, "day_name", day_names[CLAMP (day, 0, 6)]);
      copy_member (w, h, "opening_time");
      copy_member (w, h, "closing_time");
      copy_member (w, h, "is_closed");
      json_array_add_object_element (arr, w);
    }
  json_object_set_array_member (o, "working_hours", arr);

  arr = json_array_new ();
  employees = rows_list (self, "employee");
  g_ptr_array_sort (employees, cmp_by_name);
  for (guint i = 0; i < employees->len; i++)
    {
      JsonObject *e = g_ptr_array_index (employees, i);
      JsonObject *w;
      if (json_object_has_member (e, "is_active") && !json_object_get_boolean_member (e, "is_active"))
        continue;
      w = json_object_new ();
      copy_member (w, e, "id");
      copy_member (w, e, "name");
      copy_member (w, e, "position");
      json_object_set_null_member (w, "photo");
      json_object_set_string_member (w, "bio", "");
      json_array_add_object_element (arr, w);
    }
  json_object_set_array_member (o, "employees", arr);

  arr = json_array_new ();
  services = active_services (self);
  for (guint i = 0; i < services->len; i++)
    json_array_add_object_element (arr, public_service (self, g_ptr_array_index (services, i)));
  json_object_set_array_member (o, "services", arr);
  copy_member_or (o, salon, "created_at", "2024-01-15T10:00:00.000000+03:00");
  respond (req, 200, o);
}

static void
handle_categories (Request *req)
{
  g_autoptr(GPtrArray) cats = rows_list (req->self, "category");
  JsonArray *items = json_array_new ();

  g_ptr_array_sort (cats, cmp_by_name);
  for (guint i = 0; i < cats->len; i++)
    json_array_add_object_element (items, public_category (req->self, obj_str (g_ptr_array_index (cats, i), "id")));
  respond_page (req, items, NULL);
}

static void
handle_salon_services (Request *req, const char *salon_id)
{
  g_autoptr(JsonObject) salon = row_get (req->self, "salon", salon_id);
  g_autoptr(GPtrArray) services = NULL;
  JsonArray *items = json_array_new ();

  /* An unknown salon simply has no services, as a filtered queryset. */
  if (salon)
    {
      services = active_services (req->self);
      for (guint i = 0; i < services->len; i++)
        json_array_add_object_element (items, public_service (req->self, g_ptr_array_index (services, i)));
    }
  respond_page (req, items, NULL);
}

/* ----------------------------------------------------------- enrollment */

static char *
make_token (void)
{
  GString *s = g_string_new (NULL);
  while (s->len < 40)
    g_string_append_printf (s, "%08x", g_random_int ());
  g_string_truncate (s, 40);
  return g_string_free (s, FALSE);
}

static void
handle_enroll (Request *req)
{
  KioskTestServer *self = req->self;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) errors = json_object_new ();
  const char *salon, *code, *name;
  const char *host = soup_server_message_get_remote_host (req->msg);
  sqlite3_stmt *stmt;
  gboolean code_ok = FALSE;
  g_autofree char *device = NULL;
  g_autofree char *token = NULL;
  JsonObject *o;

  if (!throttle_allow (req, THROTTLE_ENROLLMENT, host ? host : "?"))
    return;
  if ((body = parse_body_object (req)) == NULL)
    return;
  salon = obj_str (body, "salon");
  code = obj_str (body, "pairing_code");
  name = obj_str (body, "name");
  if (salon == NULL)
    {
      json_object_set_array_member (errors, "salon", json_array_new ());
      json_array_add_string_element (json_object_get_array_member (errors, "salon"), "Bu alan zorunludur.");
    }
  else if (!g_uuid_string_is_valid (salon) || !row_exists_any (self, "salon", salon))
    {
      g_autofree char *m = g_strdup_printf ("Geçersiz pk \"%s\" - obje mevcut değil.", salon);
      json_object_set_array_member (errors, "salon", json_array_new ());
      json_array_add_string_element (json_object_get_array_member (errors, "salon"), m);
    }
  if (name == NULL || *name == '\0')
    {
      json_object_set_array_member (errors, "name", json_array_new ());
      json_array_add_string_element (json_object_get_array_member (errors, "name"),
                                     name ? "Bu alan boş bırakılamaz." : "Bu alan zorunludur.");
    }
  if (code != NULL && salon != NULL)
    {
      stmt = db_prepare (self, "SELECT 1 FROM pairing_codes WHERE code = ? AND salon = ? AND used = 0 AND expires_at > ?");
      db_bind_text (stmt, 1, code);
      db_bind_text (stmt, 2, salon);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
      code_ok = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_finalize (stmt);
    }
  if (!code_ok)
    {
      json_object_set_array_member (errors, "pairing_code", json_array_new ());
      json_array_add_string_element (json_object_get_array_member (errors, "pairing_code"),
                                     code == NULL ? "Bu alan zorunludur."
                                                  : "Eşleştirme kodu geçersiz ya da süresi dolmuş.");
    }
  if (json_object_get_size (errors) > 0)
    {
      respond (req, 400, g_steal_pointer (&errors));
      return;
    }

  device = g_uuid_string_random ();
  token = make_token ();
  tx_begin (self);
  stmt = db_prepare (self, "UPDATE pairing_codes SET used = 1 WHERE code = ? AND salon = ?");
  db_bind_text (stmt, 1, code);
  db_bind_text (stmt, 2, salon);
  db_step_done (self, stmt);
  stmt = db_prepare (self, "INSERT INTO devices (id, token, salon, name, revoked) VALUES (?, ?, ?, ?, 0)");
  db_bind_text (stmt, 1, device);
  db_bind_text (stmt, 2, token);
  db_bind_text (stmt, 3, salon);
  db_bind_text (stmt, 4, name);
  db_step_done (self, stmt);
  tx_commit (self);

  o = json_object_new ();
  json_object_set_string_member (o, "device", device);
  json_object_set_string_member (o, "token", token);
  json_object_set_string_member (o, "salon", salon);
  json_object_set_string_member (o, "name", name);
  respond (req, 201, o);
}

static void
handle_device_me (Request *req)
{
  KioskTestServer *self = req->self;
  sqlite3_stmt *stmt;

  if (g_str_equal (req->method, "DELETE"))
    {
      stmt = db_prepare (self, "UPDATE devices SET revoked = 1 WHERE id = ?");
      db_bind_text (stmt, 1, req->device);
      db_step_done (self, stmt);
      close_device_sockets (self, req->device);
      respond (req, 204, NULL);
      return;
    }
  stmt = db_prepare (self, "SELECT id, salon, name FROM devices WHERE id = ?");
  db_bind_text (stmt, 1, req->device);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      JsonObject *o = json_object_new ();
      json_object_set_string_member (o, "device", (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (o, "salon", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_string_member (o, "name", (const char *) sqlite3_column_text (stmt, 2));
      respond (req, 200, o);
    }
  else
    respond_404 (req);
  sqlite3_finalize (stmt);
}

/* ---------------------------------------------------------- change feed */

static void
add_change (JsonArray *changes, const char *entity, const char *op, const char *id,
            gint64 version, const char *data)
{
  JsonObject *c = json_object_new ();
  JsonNode *node = data ? json_parse_text (data, -1, NULL) : NULL;

  json_object_set_string_member (c, "entity", entity);
  json_object_set_string_member (c, "op", op);
  json_object_set_string_member (c, "id", id);
  json_object_set_int_member (c, "version", version);
  json_object_set_member (c, "data", node && g_str_equal (op, "upsert") ? node : json_node_new (JSON_NODE_NULL));
  if (node && !g_str_equal (op, "upsert"))
    json_node_unref (node);
  json_array_add_object_element (changes, c);
}

static void
respond_cursor_expired (Request *req)
{
  respond (req, 410, error_code ("cursor_expired", "Bu imleç artık geçerli değil; tam eşitleme gerekli."));
}

static void
handle_changes (Request *req)
{
  KioskTestServer *self = req->self;
  const char *since = req->query ? g_hash_table_lookup (req->query, "since") : NULL;
  const char *limit_str = req->query ? g_hash_table_lookup (req->query, "limit") : NULL;
  gint64 limit = 100, trimmed, room;
  Cursor c = { 0 };
  JsonArray *changes;
  gboolean has_more = FALSE;
  g_autofree char *cursor_text = NULL;
  sqlite3_stmt *stmt;
  JsonObject *o;

  if (limit_str)
    {
      char *end = NULL;
      limit = g_ascii_strtoll (limit_str, &end, 10);
      if (end == limit_str || *end != '\0')
        {
          respond (req, 400, errors_field ("limit", "Geçerli bir tam sayı girin."));
          return;
        }
      if (limit < 1 || limit > 1000)
        {
          respond (req, 400, errors_field ("limit", limit < 1 ? "Bu değerin 1 değerinden büyük ya da eşit olduğundan emin olun."
                                                              : "Bu değerin 1000 değerinden küçük ya da eşit olduğundan emin olun."));
          return;
        }
    }
  if (since == NULL)
    {
      c.snapshot = TRUE;
      c.seq = db_int (self, "SELECT IFNULL(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'changes'");
      c.rank = -1;
      c.id = g_strdup ("");
    }
  else if (!cursor_decode (since, &c))
    {
      g_free (c.id);
      respond (req, 400, errors_field ("since", "Geçersiz imleç."));
      return;
    }
  {
    g_autofree char *t = meta_get (self, "trimmed_upto");
    trimmed = t ? g_ascii_strtoll (t, NULL, 10) : 0;
  }
  /* A snapshot started before the trim only needs the log after its start. */
  if (c.seq < trimmed)
    {
      g_free (c.id);
      respond_cursor_expired (req);
      return;
    }

  changes = json_array_new ();
  room = limit;
  if (c.snapshot)
    {
      int n = 0;
      stmt = db_prepare (self,
                         "SELECT entity, id, version, data, rank FROM rows WHERE deleted = 0 AND "
                         "(rank, id) > (?1, ?2) ORDER BY rank, id LIMIT ?3");
      sqlite3_bind_int (stmt, 1, c.rank);
      db_bind_text (stmt, 2, c.id);
      sqlite3_bind_int64 (stmt, 3, room + 1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          if (n == room)
            {
              has_more = TRUE;
              break;
            }
          add_change (changes, (const char *) sqlite3_column_text (stmt, 0), "upsert",
                      (const char *) sqlite3_column_text (stmt, 1), sqlite3_column_int64 (stmt, 2),
                      (const char *) sqlite3_column_text (stmt, 3));
          g_free (c.id);
          c.id = db_dup_text (stmt, 1);
          c.rank = sqlite3_column_int (stmt, 4);
          n++;
        }
      sqlite3_finalize (stmt);
      room -= n;
      if (!has_more)
        c.snapshot = FALSE;
    }
  if (!c.snapshot)
    {
      gint64 n = 0;
      stmt = db_prepare (self, "SELECT seq, entity, id, version, op, data FROM changes WHERE seq > ? ORDER BY seq LIMIT ?");
      sqlite3_bind_int64 (stmt, 1, c.seq);
      sqlite3_bind_int64 (stmt, 2, room + 1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          if (n == room)
            {
              has_more = TRUE;
              break;
            }
          add_change (changes, (const char *) sqlite3_column_text (stmt, 1),
                      (const char *) sqlite3_column_text (stmt, 4),
                      (const char *) sqlite3_column_text (stmt, 2), sqlite3_column_int64 (stmt, 3),
                      (const char *) sqlite3_column_text (stmt, 5));
          c.seq = sqlite3_column_int64 (stmt, 0);
          n++;
        }
      sqlite3_finalize (stmt);
    }
  cursor_text = cursor_encode (&c);
  g_free (c.id);

  o = json_object_new ();
  json_object_set_array_member (o, "changes", changes);
  json_object_set_string_member (o, "cursor", cursor_text);
  json_object_set_boolean_member (o, "has_more", has_more);
  respond (req, 200, o);
}

/* ------------------------------------------------------------ mutations */

typedef struct {
  JsonObject *errors;
} Errors;

static void
err_add (Errors *e, const char *field, const char *message)
{
  JsonArray *arr;

  if (e->errors == NULL)
    e->errors = json_object_new ();
  if (!json_object_has_member (e->errors, field))
    json_object_set_array_member (e->errors, field, json_array_new ());
  arr = json_object_get_array_member (e->errors, field);
  json_array_add_string_element (arr, message);
}

static gboolean
err_respond (Request *req, Errors *e)
{
  if (e->errors == NULL)
    return FALSE;
  respond (req, 400, g_steal_pointer (&e->errors));
  return TRUE;
}

/* A required UUID member; NULL with an error added when missing or bad. */
static const char *
want_uuid (JsonObject *body, const char *field, gboolean nullable, Errors *e)
{
  const char *v = obj_str (body, field);

  if (v == NULL)
    {
      if (nullable && json_object_has_member (body, field) && obj_is_null (body, field))
        return NULL;
      if (json_object_has_member (body, field) && !obj_is_null (body, field))
        err_add (e, field, "Geçerli bir UUID girin.");
      else if (nullable && !json_object_has_member (body, field))
        return NULL;
      else
        err_add (e, field, json_object_has_member (body, field) ? "Bu alan boş bırakılamaz." : "Bu alan zorunludur.");
      return NULL;
    }
  if (!g_uuid_string_is_valid (v))
    {
      err_add (e, field, "Geçerli bir UUID girin.");
      return NULL;
    }
  return v;
}

static JsonObject *
want_row (KioskTestServer *self, const char *entity, const char *id, const char *field, Errors *e)
{
  JsonObject *row;

  if (id == NULL)
    return NULL;
  row = row_get (self, entity, id);
  if (row == NULL)
    {
      g_autofree char *m = g_strdup_printf ("Geçersiz pk \"%s\" - obje mevcut değil.", id);
      err_add (e, field, m);
    }
  return row;
}

static gboolean
want_instant (JsonObject *body, const char *field, gboolean required, Errors *e, GDateTime **out)
{
  const char *v = obj_str (body, field);

  *out = NULL;
  if (v == NULL)
    {
      if (required)
        err_add (e, field, "Bu alan zorunludur.");
      return !required;
    }
  *out = g_date_time_new_from_iso8601 (v, NULL);
  if (*out == NULL)
    {
      err_add (e, field, "Datetime hatalı biçimde. Şunlardan birini kullanın: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].");
      return FALSE;
    }
  return TRUE;
}

static gboolean
new_id_taken (KioskTestServer *self, const char *entity, const char *id, Errors *e)
{
  if (id && row_exists_any (self, entity, id))
    {
      err_add (e, "id", "Bu id ile bir kayıt zaten var.");
      return TRUE;
    }
  return FALSE;
}

static const char *
level_for_spent (gint64 kurus)
{
  if (kurus >= 100000)
    return "platinum";
  if (kurus >= 50000)
    return "gold";
  if (kurus >= 20000)
    return "silver";
  return "bronze";
}

static JsonObject *
find_customer_by_phone (KioskTestServer *self, const char *phone)
{
  sqlite3_stmt *stmt = db_prepare (self,
                                   "SELECT data FROM rows WHERE entity = 'customer' AND deleted = 0 "
                                   "AND json_extract(data, '$.phone') = ? LIMIT 1");
  JsonObject *o = NULL;

  db_bind_text (stmt, 1, phone);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    o = json_parse_object ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return o;
}

static void
handle_customer_create (Request *req, JsonObject *body)
{
  KioskTestServer *self = req->self;
  Errors e = { NULL };
  const char *id = want_uuid (body, "id", FALSE, &e);
  const char *first = obj_str (body, "first_name");
  const char *last = obj_str (body, "last_name");
  const char *phone = obj_str (body, "phone");
  g_autoptr(JsonObject) existing = NULL;
  g_autofree char *now = now_iso (self);
  JsonObject *c;

  {
    g_autofree char *dup = first ? g_strstrip (g_strdup (first)) : NULL;
    if (dup == NULL || *dup == '\0')
      err_add (&e, "first_name", first ? "Bu alan boş bırakılamaz." : "Bu alan zorunludur.");
  }
  if (last == NULL && json_object_has_member (body, "last_name") && !obj_is_null (body, "last_name"))
    err_add (&e, "last_name", "Geçerli bir metin girin.");
  if (phone == NULL)
    err_add (&e, "phone", "Bu alan zorunludur.");
  else if (!kiosk_test_phone_is_e164 (phone))
    err_add (&e, "phone", "Geçerli bir telefon numarası girin.");
  kiosk_test_consent_check (body, TRUE, &e.errors);
  new_id_taken (self, "customer", id, &e);
  if (err_respond (req, &e))
    return;

  if ((existing = find_customer_by_phone (self, phone)) != NULL)
    {
      JsonObject *o = error_code ("phone_exists", "Bu telefon numarasıyla kayıtlı bir müşteri var.");
      json_object_set_object_member (o, "customer", json_object_ref (existing));
      respond (req, 409, o);
      return;
    }
  c = json_object_new ();
  json_object_set_string_member (c, "id", id);
  json_object_set_string_member (c, "first_name", first);
  json_object_set_string_member (c, "last_name", last ? last : "");
  json_object_set_string_member (c, "phone", phone);
  json_object_set_string_member (c, "loyalty_level", "bronze");
  json_object_set_int_member (c, "total_points", 0);
  json_object_set_int_member (c, "current_points", 0);
  json_object_set_string_member (c, "total_spent", "0.00");
  json_object_set_int_member (c, "total_visits", 0);
  json_object_set_string_member (c, "updated_at", now);
  tx_begin (self);
  row_put (self, "customer", c);
  kiosk_test_consent_keep (self->db, "customer", id, req->device, body);
  tx_commit (self);
  respond (req, 201, c);
}

/* Opening hours of @date's weekday; FALSE when the salon is closed. */
static gboolean
salon_hours (KioskTestServer *self, const GDate *date, int *open, int *close)
{
  int dow = (int) g_date_get_weekday (date) - 1;   /* Monday = 0 */
  g_autofree char *id = g_strdup_printf ("%s:%d", self->salon_id ? self->salon_id : "", dow);
  g_autoptr(JsonObject) wh = row_get (self, "working_hours", id);
  g_autoptr(JsonObject) salon = row_get (self, "salon", self->salon_id);

  if (wh)
    {
      if (json_object_get_boolean_member_with_default (wh, "is_closed", FALSE))
        return FALSE;
      *open = parse_time (obj_str (wh, "opening_time"));
      *close = parse_time (obj_str (wh, "closing_time"));
    }
  else if (salon)
    {
      *open = parse_time (obj_str (salon, "opening_time"));
      *close = parse_time (obj_str (salon, "closing_time"));
    }
  else
    return FALSE;
  return *open >= 0 && *close > *open;
}

static gboolean
employee_does (JsonObject *employee, const char *service)
{
  JsonArray *arr;

  if (!json_object_get_boolean_member_with_default (employee, "is_active", TRUE))
    return FALSE;
  if (!json_object_has_member (employee, "services") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (employee, "services")))
    return FALSE;
  arr = json_object_get_array_member (employee, "services");
  for (guint i = 0; i < json_array_get_length (arr); i++)
    if (g_strcmp0 (json_array_get_string_element (arr, i), service) == 0)
      return TRUE;
  return FALSE;
}

/* Ids of live appointments of @employee overlapping [start, end) on @date. */
static GPtrArray *
conflicts_for (KioskTestServer *self, const char *employee, const char *date,
               const char *start, const char *end)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = db_prepare (self,
      "SELECT id FROM rows WHERE entity = 'appointment' AND deleted = 0 "
      "AND json_extract(data, '$.employee') = ?1 AND json_extract(data, '$.appointment_date') = ?2 "
      "AND json_extract(data, '$.status') IN ('pending', 'confirmed', 'completed') "
      "AND json_extract(data, '$.appointment_time') < ?4 AND json_extract(data, '$.end_time') > ?3 "
      "ORDER BY id");

  db_bind_text (stmt, 1, employee);
  db_bind_text (stmt, 2, date);
  db_bind_text (stmt, 3, start);
  db_bind_text (stmt, 4, end);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, db_dup_text (stmt, 0));
  sqlite3_finalize (stmt);
  return ids;
}

static void
handle_appointment_create (Request *req, JsonObject *body)
{
  KioskTestServer *self = req->self;
  Errors e = { NULL };
  const char *id = want_uuid (body, "id", FALSE, &e);
  const char *customer_id = want_uuid (body, "customer", FALSE, &e);
  const char *service_id = want_uuid (body, "service", FALSE, &e);
  const char *employee_id = want_uuid (body, "employee", TRUE, &e);
  const char *date_str = obj_str (body, "appointment_date");
  const char *time_str = obj_str (body, "appointment_time");
  const char *notes = obj_str (body, "notes");
  const char *source = obj_str (body, "source");
  g_autoptr(JsonObject) customer = want_row (self, "customer", customer_id, "customer", &e);
  g_autoptr(JsonObject) service = want_row (self, "service", service_id, "service", &e);
  g_autoptr(JsonObject) employee = want_row (self, "employee", employee_id, "employee", &e);
  g_autoptr(GPtrArray) all_conflicts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *today = today_string (self);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *now = NULL;
  g_autofree char *picked = NULL;
  GDate date;
  int t = parse_time (time_str), open = 0, close = 0;
  gint64 duration = 0;
  JsonObject *a;

  if (!parse_date (date_str, &date))
    err_add (&e, "appointment_date", date_str ? "Tarih hatalı biçimde. Şunlardan birini kullanın: YYYY-MM-DD."
                                              : "Bu alan zorunludur.");
  else if (g_strcmp0 (date_str, today) < 0)
    err_add (&e, "appointment_date", "Geçmiş bir tarihe randevu alınamaz.");
  if (t < 0)
    err_add (&e, "appointment_time", time_str ? "Zaman hatalı biçimde. Şunlardan birini kullanın: hh:mm[:ss[.uuuuuu]]."
                                              : "Bu alan zorunludur.");
  if (source == NULL && json_object_has_member (body, "source") && !obj_is_null (body, "source"))
    err_add (&e, "source", "Geçerli bir metin girin.");
  else if (source && !g_str_equal (source, "kiosk") && !g_str_equal (source, "walk_in"))
    {
      g_autofree char *m = g_strdup_printf ("\"%s\" geçerli bir seçim değil.", source);
      err_add (&e, "source", m);
    }
  if (service && !json_object_get_boolean_member_with_default (service, "is_active", TRUE))
    err_add (&e, "service", "Bu hizmet artık verilmiyor.");
  if (employee && service && !employee_does (employee, service_id))
    err_add (&e, "employee", "Bu çalışan bu hizmeti vermiyor.");
  new_id_taken (self, "appointment", id, &e);
  if (service)
    duration = json_object_get_int_member_with_default (service, "duration", 0);
  if (e.errors == NULL)
    {
      if (!salon_hours (self, &date, &open, &close) || t < open || t + duration * 60 > close)
        err_add (&e, "non_field_errors", "Salon bu saatte açık değil.");
    }
  if (err_respond (req, &e))
    return;

  start = format_time (t);
  end = format_time (t + (int) duration * 60);
  if (employee_id)
    {
      g_autoptr(GPtrArray) conflicts = conflicts_for (self, employee_id, date_str, start, end);
      if (conflicts->len > 0)
        g_ptr_array_extend_and_steal (all_conflicts, g_steal_pointer (&conflicts));
      else
        picked = g_strdup (employee_id);
    }
  else
    {
      g_autoptr(GPtrArray) employees = rows_list (self, "employee");
      gboolean anyone = FALSE;

      g_ptr_array_sort (employees, cmp_by_name);
      for (guint i = 0; i < employees->len && picked == NULL; i++)
        {
          JsonObject *emp = g_ptr_array_index (employees, i);
          g_autoptr(GPtrArray) conflicts = NULL;
          if (!employee_does (emp, service_id))
            continue;
          anyone = TRUE;
          conflicts = conflicts_for (self, obj_str (emp, "id"), date_str, start, end);
          if (conflicts->len == 0)
            picked = g_strdup (obj_str (emp, "id"));
          else
            g_ptr_array_extend_and_steal (all_conflicts, g_steal_pointer (&conflicts));
        }
      if (!anyone)
        {
          err_add (&e, "employee", "Bu hizmeti verebilecek bir çalışan yok.");
          err_respond (req, &e);
          return;
        }
    }
  if (picked == NULL)
    {
      JsonObject *o = error_code ("slot_taken", "Bu saat dolu.");
      JsonArray *arr = json_array_new ();
      for (guint i = 0; i < all_conflicts->len; i++)
        json_array_add_string_element (arr, g_ptr_array_index (all_conflicts, i));
      json_object_set_array_member (o, "conflicts", arr);
      respond (req, 409, o);
      return;
    }

  now = now_iso (self);
  a = json_object_new ();
  json_object_set_string_member (a, "id", id);
  json_object_set_string_member (a, "customer", customer_id);
  json_object_set_string_member (a, "service", service_id);
  json_object_set_string_member (a, "employee", picked);
  json_object_set_string_member (a, "appointment_date", date_str);
  json_object_set_string_member (a, "appointment_time", start);
  json_object_set_string_member (a, "end_time", end);
  json_object_set_string_member (a, "status", "confirmed");
  json_object_set_string_member (a, "notes", notes ? notes : "");
  copy_member (a, service, "price");
  json_object_set_string_member (a, "source", source ? source : "kiosk");
  json_object_set_null_member (a, "checked_in_at");
  json_object_set_string_member (a, "created_at", now);
  json_object_set_string_member (a, "updated_at", now);
  row_put (self, "appointment", a);
  respond (req, 201, a);
}

static void
respond_invalid_status (Request *req, const char *current)
{
  g_autofree char *detail = g_strdup_printf ("Bu işlem \"%s\" durumunda yapılamaz.", current ? current : "");
  JsonObject *o = error_code ("invalid_status", detail);
  obj_set_str_or_null (o, "status", current);
  respond (req, 409, o);
}

static void
handle_check_in (Request *req, const char *appt_id, JsonObject *body)
{
  KioskTestServer *self = req->self;
  g_autoptr(JsonObject) a = row_get (self, "appointment", appt_id);
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) now = server_now (self);
  g_autofree char *at_text = NULL;
  g_autofree char *now_text = NULL;
  Errors e = { NULL };
  const char *status;

  if (a == NULL)
    {
      respond_404 (req);
      return;
    }
  if (!want_instant (body, "checked_in_at", TRUE, &e, &at) && err_respond (req, &e))
    return;
  status = obj_str (a, "status");
  if (g_strcmp0 (status, "pending") != 0 && g_strcmp0 (status, "confirmed") != 0)
    {
      respond_invalid_status (req, status);
      return;
    }
  /* An offline check-in arrives late and keeps its time; one from the
   * future (a kiosk clock running ahead) is clamped to now. */
  if (g_date_time_compare (at, now) > 0)
    at_text = format_instant (now);
  else
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (at, self->tz);
      at_text = format_instant (local);
    }
  now_text = format_instant (now);
  json_object_set_string_member (a, "checked_in_at", at_text);
  json_object_set_string_member (a, "updated_at", now_text);
  row_put (self, "appointment", a);
  respond (req, 200, g_steal_pointer (&a));
}

static void
handle_appointment_status (Request *req, const char *appt_id, JsonObject *body)
{
  KioskTestServer *self = req->self;
  g_autoptr(JsonObject) a = row_get (self, "appointment", appt_id);
  const char *to = obj_str (body, "status");
  const char *from;
  g_autofree char *now = now_iso (self);
  gboolean ok;

  if (a == NULL)
    {
      respond_404 (req);
      return;
    }
  if (to == NULL || !(g_str_equal (to, "confirmed") || g_str_equal (to, "completed") ||
                      g_str_equal (to, "cancelled") || g_str_equal (to, "no_show")))
    {
      g_autofree char *m = to ? g_strdup_printf ("\"%s\" geçerli bir seçim değil.", to) : g_strdup ("Bu alan zorunludur.");
      respond (req, 400, errors_field ("status", m));
      return;
    }
  from = obj_str (a, "status");
  if (g_str_equal (to, "confirmed"))
    ok = g_strcmp0 (from, "pending") == 0;
  else
    ok = g_strcmp0 (from, "pending") == 0 || g_strcmp0 (from, "confirmed") == 0;
  if (!ok)
    {
      respond_invalid_status (req, from);
      return;
    }

  tx_begin (self);
  json_object_set_string_member (a, "status", to);
  json_object_set_string_member (a, "updated_at", now);
  row_put (self, "appointment", a);
  if (g_str_equal (to, "completed"))
    {
      g_autoptr(JsonObject) c = row_get (self, "customer", obj_str (a, "customer"));
      gint64 price = 0, spent = 0, points;

      parse_money (obj_str (a, "price"), &price);
      points = price / 1000;   /* one point per 10 TRY */
      if (c)
        {
          g_autofree char *spent_text = NULL;
          parse_money (obj_str (c, "total_spent"), &spent);
          spent += price;
          spent_text = kiosk_test_format_money (spent);
          json_object_set_string_member (c, "total_spent", spent_text);
          json_object_set_int_member (c, "total_visits", json_object_get_int_member_with_default (c, "total_visits", 0) + 1);
          json_object_set_int_member (c, "total_points", json_object_get_int_member_with_default (c, "total_points", 0) + points);
          json_object_set_int_member (c, "current_points", json_object_get_int_member_with_default (c, "current_points", 0) + points);
          json_object_set_string_member (c, "loyalty_level", level_for_spent (spent));
          json_object_set_string_member (c, "updated_at", now);
          row_put (self, "customer", c);
          if (points > 0)
            {
              g_autoptr(JsonObject) pe = json_object_new ();
              g_autofree char *pid = g_uuid_string_random ();
              g_autoptr(JsonObject) svc = row_get (self, "service", obj_str (a, "service"));
              g_autofree char *reason = g_strdup_printf ("Randevu: %s", svc && obj_str (svc, "name") ? obj_str (svc, "name") : "hizmet");
              json_object_set_string_member (pe, "id", pid);
              json_object_set_string_member (pe, "customer", obj_str (c, "id"));
              json_object_set_int_member (pe, "points", points);
              json_object_set_string_member (pe, "reason", reason);
              json_object_set_string_member (pe, "created_at", now);
              row_put (self, "point_entry", pe);
            }
        }
    }
  tx_commit (self);
  respond (req, 200, g_steal_pointer (&a));
}

static void
handle_walkin_create (Request *req, JsonObject *body)
{
  KioskTestServer *self = req->self;
  Errors e = { NULL };
  const char *id = want_uuid (body, "id", FALSE, &e);
  const char *customer_id = want_uuid (body, "customer", TRUE, &e);
  const char *service_id = want_uuid (body, "service", FALSE, &e);
  const char *pref_id = want_uuid (body, "preferred_employee", TRUE, &e);
  const char *name = obj_str (body, "name");
  const char *phone = obj_str (body, "phone");
  g_autoptr(JsonObject) customer = want_row (self, "customer", customer_id, "customer", &e);
  g_autoptr(JsonObject) service = want_row (self, "service", service_id, "service", &e);
  g_autoptr(JsonObject) pref = want_row (self, "employee", pref_id, "preferred_employee", &e);
  g_autoptr(GDateTime) arrived = NULL;
  g_autofree char *arrived_text = NULL;
  JsonObject *w;

  if ((name == NULL || *name == '\0') && customer == NULL)
    err_add (&e, "name", name ? "Bu alan boş bırakılamaz." : "Bu alan zorunludur.");
  if (phone && *phone && !kiosk_test_phone_is_e164 (phone))
    err_add (&e, "phone", "Geçerli bir telefon numarası girin.");
  want_instant (body, "arrived_at", TRUE, &e, &arrived);
  kiosk_test_consent_check (body, customer_id == NULL, &e.errors);
  new_id_taken (self, "walkin", id, &e);
  if (err_respond (req, &e))
    return;

  {
    g_autoptr(GDateTime) local = g_date_time_to_timezone (arrived, self->tz);
    arrived_text = format_instant (local);
  }
  w = json_object_new ();
  json_object_set_string_member (w, "id", id);
  obj_set_str_or_null (w, "customer", customer_id);
  json_object_set_string_member (w, "name", name ? name : "");
  json_object_set_string_member (w, "phone", phone ? phone : "");
  json_object_set_string_member (w, "service", service_id);
  obj_set_str_or_null (w, "preferred_employee", pref_id);
  json_object_set_null_member (w, "employee");
  json_object_set_string_member (w, "status", "waiting");
  json_object_set_string_member (w, "arrived_at", arrived_text);
  json_object_set_null_member (w, "called_at");
  json_object_set_null_member (w, "finished_at");
  tx_begin (self);
  row_put (self, "walkin", w);
  kiosk_test_consent_keep (self->db, "walkin", id, req->device, body);
  tx_commit (self);
  respond (req, 201, w);
}

static void
handle_walkin_status (Request *req, const char *walkin_id, JsonObject *body)
{
  static const struct { const char *from, *to; } allowed[] = {
    { "waiting", "called" }, { "waiting", "in_service" }, { "waiting", "left" },
    { "called", "in_service" }, { "called", "left" },
    { "in_service", "done" },
  };
  KioskTestServer *self = req->self;
  g_autoptr(JsonObject) w = row_get (self, "walkin", walkin_id);
  g_autoptr(JsonObject) employee = NULL;
  g_autofree char *now = now_iso (self);
  Errors e = { NULL };
  const char *to = obj_str (body, "status");
  const char *emp_id = want_uuid (body, "employee", TRUE, &e);
  const char *from;
  gboolean ok = FALSE;

  if (w == NULL)
    {
      respond_404 (req);
      return;
    }
  if (to == NULL || !(g_str_equal (to, "called") || g_str_equal (to, "in_service") ||
                      g_str_equal (to, "done") || g_str_equal (to, "left")))
    {
      g_autofree char *m = to ? g_strdup_printf ("\"%s\" geçerli bir seçim değil.", to) : g_strdup ("Bu alan zorunludur.");
      err_add (&e, "status", m);
    }
  employee = want_row (self, "employee", emp_id, "employee", &e);
  if (err_respond (req, &e))
    return;
  from = obj_str (w, "status");
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (g_strcmp0 (from, allowed[i].from) == 0 && g_str_equal (to, allowed[i].to))
      ok = TRUE;
  if (!ok)
    {
      respond_invalid_status (req, from);
      return;
    }
  json_object_set_string_member (w, "status", to);
  if (emp_id)
    json_object_set_string_member (w, "employee", emp_id);
  if (g_str_equal (to, "called"))
    json_object_set_string_member (w, "called_at", now);
  if (g_str_equal (to, "done") || g_str_equal (to, "left"))
    json_object_set_string_member (w, "finished_at", now);
  row_put (self, "walkin", w);
  respond (req, 200, g_steal_pointer (&w));
}

static void
handle_redemption (Request *req, JsonObject *body)
{
  KioskTestServer *self = req->self;
  Errors e = { NULL };
  const char *id = want_uuid (body, "id", FALSE, &e);
  const char *customer_id = want_uuid (body, "customer", FALSE, &e);
  const char *reason = obj_str (body, "reason");
  g_autoptr(JsonObject) c = want_row (self, "customer", customer_id, "customer", &e);
  JsonNode *pn = json_object_get_member (body, "points");
  g_autofree char *now = now_iso (self);
  gint64 points = 0, current;
  JsonObject *pe;

  if (pn == NULL || JSON_NODE_TYPE (pn) != JSON_NODE_VALUE || json_node_get_value_type (pn) != G_TYPE_INT64)
    err_add (&e, "points", pn ? "Geçerli bir tam sayı girin." : "Bu alan zorunludur.");
  else if ((points = json_node_get_int (pn)) < 1)
    err_add (&e, "points", "Bu değerin 1 değerinden büyük ya da eşit olduğundan emin olun.");
  if (reason == NULL || *reason == '\0')
    err_add (&e, "reason", reason ? "Bu alan boş bırakılamaz." : "Bu alan zorunludur.");
  new_id_taken (self, "point_entry", id, &e);
  if (err_respond (req, &e))
    return;
  current = json_object_get_int_member_with_default (c, "current_points", 0);
  if (current < points)
    {
      JsonObject *o = error_code ("insufficient_points", "Yeterli puan yok.");
      json_object_set_int_member (o, "current_points", current);
      respond (req, 409, o);
      return;
    }
  tx_begin (self);
  json_object_set_int_member (c, "current_points", current - points);
  json_object_set_string_member (c, "updated_at", now);
  row_put (self, "customer", c);
  pe = json_object_new ();
  json_object_set_string_member (pe, "id", id);
  json_object_set_string_member (pe, "customer", customer_id);
  json_object_set_int_member (pe, "points", -points);
  json_object_set_string_member (pe, "reason", reason);
  json_object_set_string_member (pe, "created_at", now);
  row_put (self, "point_entry", pe);
  tx_commit (self);
  respond (req, 201, pe);
}

/* --------------------------------------------------------- idempotency */

/* Claims the key for this request, or answers (replay, 409, 422, 400). */
static gboolean
idempotency_begin (Request *req)
{
  KioskTestServer *self = req->self;
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg),
                                                     "Idempotency-Key");
  g_autofree char *key = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize len = 0;
  const guchar *data = g_bytes_get_data (req->body, &len);
  sqlite3_stmt *stmt;

  if (header == NULL)
    {
      respond (req, 400, errors_field ("idempotency_key", "Idempotency-Key başlığı zorunludur."));
      return FALSE;
    }
  key = g_strstrip (g_strdup (header));
  if (key[0] == '"' && strlen (key) >= 2 && key[strlen (key) - 1] == '"')
    {
      char *inner = g_strndup (key + 1, strlen (key) - 2);
      g_free (key);
      key = inner;
    }
  if (!g_uuid_string_is_valid (key))
    {
      respond (req, 400, errors_field ("idempotency_key", "Idempotency-Key geçerli bir UUID olmalı."));
      return FALSE;
    }
  g_checksum_update (sum, (const guchar *) req->method, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) req->path, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  if (data)
    g_checksum_update (sum, data, (gssize) len);
  req->idem_hash = g_strdup (g_checksum_get_string (sum));
  req->idem_key = g_ascii_strdown (key, -1);

  stmt = db_prepare (self, "SELECT hash, state, status, body FROM idempotency WHERE device = ? AND key = ?");
  db_bind_text (stmt, 1, req->device);
  db_bind_text (stmt, 2, req->idem_key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *hash = (const char *) sqlite3_column_text (stmt, 0);
      const char *state = (const char *) sqlite3_column_text (stmt, 1);
      if (!g_str_equal (hash, req->idem_hash))
        respond (req, 422, error_code ("idempotency_key_reused",
                                       "Bu Idempotency-Key başka bir istekte kullanıldı."));
      else if (g_str_equal (state, "processing"))
        respond (req, 409, error_code ("request_in_progress",
                                       "Bu istek hâlâ işleniyor; daha sonra tekrar deneyin."));
      else
        {
          int status = sqlite3_column_int (stmt, 2);
          int blen = sqlite3_column_bytes (stmt, 3);
          const void *blob = sqlite3_column_blob (stmt, 3);
          if (blen > 0)
            respond_bytes (req, (guint) status, "application/json", g_memdup2 (blob, (gsize) blen), (gsize) blen);
          else
            respond (req, (guint) status, NULL);
        }
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  stmt = db_prepare (self, "INSERT INTO idempotency (device, key, hash, state, created_at) VALUES (?, ?, ?, 'processing', ?)");
  db_bind_text (stmt, 1, req->device);
  db_bind_text (stmt, 2, req->idem_key);
  db_bind_text (stmt, 3, req->idem_hash);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time ());
  db_step_done (self, stmt);
  req->idem_claimed = TRUE;
  return TRUE;
}

static void
idempotency_end (Request *req)
{
  KioskTestServer *self = req->self;
  guint status = soup_server_message_get_status (req->msg);
  sqlite3_stmt *stmt;

  if (!req->idem_claimed)
    return;
  req->idem_claimed = FALSE;
  if (status >= 500 || status == 0)
    {
      stmt = db_prepare (self, "DELETE FROM idempotency WHERE device = ? AND key = ?");
      db_bind_text (stmt, 1, req->device);
      db_bind_text (stmt, 2, req->idem_key);
    }
  else
    {
      SoupMessageBody *rb = soup_server_message_get_response_body (req->msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (rb);
      gsize len = 0;
      const void *data = g_bytes_get_data (bytes, &len);

      stmt = db_prepare (self, "UPDATE idempotency SET state = 'done', status = ?, body = ? WHERE device = ? AND key = ?");
      sqlite3_bind_int (stmt, 1, (int) status);
      sqlite3_bind_blob (stmt, 2, data ? data : "", (int) len, SQLITE_TRANSIENT);
      db_bind_text (stmt, 3, req->device);
      db_bind_text (stmt, 4, req->idem_key);
    }
  db_step_done (self, stmt);
}

/* --------------------------------------------------------------- router */

#define KIOSK_PREFIX "/api/kiosk/v1/"

static gboolean
match_id_path (const char *path, const char *prefix, const char *suffix, char **out_id)
{
  gsize plen = strlen (prefix), slen = strlen (suffix), len = strlen (path);
  g_autofree char *id = NULL;

  if (len <= plen + slen || !g_str_has_prefix (path, prefix) || !g_str_has_suffix (path, suffix))
    return FALSE;
  id = g_strndup (path + plen, len - plen - slen);
  if (strchr (id, '/'))
    return FALSE;
  *out_id = g_steal_pointer (&id);
  return TRUE;
}

static gboolean
is_mutation (Request *req)
{
  return g_str_equal (req->method, "POST") && g_str_has_prefix (req->path, KIOSK_PREFIX) &&
         !g_str_equal (req->path, KIOSK_PREFIX "devices/");
}

/* Authentication, throttling and the idempotency claim: DRF's initial(). */
static void
request_prelude (Request *req)
{
  if (!g_str_has_prefix (req->path, KIOSK_PREFIX) || g_str_equal (req->path, KIOSK_PREFIX "devices/"))
    return;
  if (!authenticate (req))
    return;
  if (is_mutation (req))
    {
      int scope = g_str_equal (req->path, KIOSK_PREFIX "appointments/") ? THROTTLE_APPOINTMENTS : THROTTLE_WRITES;
      if (!throttle_allow (req, scope, req->device))
        return;
      idempotency_begin (req);
    }
}

static void
request_dispatch (Request *req)
{
  const char *p = req->path;
  g_autofree char *id = NULL;
  g_autoptr(JsonObject) body = NULL;
  gboolean get = g_str_equal (req->method, "GET") || g_str_equal (req->method, "HEAD");
  gboolean post = g_str_equal (req->method, "POST");

  if (g_str_equal (p, "/api/salons/"))
    get ? handle_salons (req) : respond_405 (req, "GET, HEAD, OPTIONS");
  else if (match_id_path (p, "/api/salons/", "/", &id))
    get ? handle_salon_detail (req, id) : respond_405 (req, "GET, HEAD, OPTIONS");
  else if (g_str_equal (p, "/api/services/categories/"))
    get ? handle_categories (req) : respond_405 (req, "GET, HEAD, OPTIONS");
  else if (match_id_path (p, "/api/services/salon/", "/", &id))
    get ? handle_salon_services (req, id) : respond_405 (req, "GET, HEAD, OPTIONS");
  else if (g_str_equal (p, KIOSK_PREFIX "devices/"))
    post ? handle_enroll (req) : respond_405 (req, "POST, OPTIONS");
  else if (g_str_equal (p, KIOSK_PREFIX "devices/me/"))
    (get || g_str_equal (req->method, "DELETE")) ? handle_device_me (req)
                                                 : respond_405 (req, "GET, DELETE, HEAD, OPTIONS");
  else if (g_str_equal (p, KIOSK_PREFIX "changes/"))
    get ? handle_changes (req) : respond_405 (req, "GET, HEAD, OPTIONS");
  else if (!g_str_has_prefix (p, KIOSK_PREFIX))
    respond_404 (req);
  else if (!post)
    {
      if (g_str_equal (p, KIOSK_PREFIX "customers/") || g_str_equal (p, KIOSK_PREFIX "appointments/") ||
          g_str_equal (p, KIOSK_PREFIX "walkins/") || g_str_equal (p, KIOSK_PREFIX "loyalty/redemptions/") ||
          g_str_has_suffix (p, "/status/") || g_str_has_suffix (p, "/check-in/"))
        respond_405 (req, "POST, OPTIONS");
      else
        respond_404 (req);
    }
  else if ((body = parse_body_object (req)) == NULL)
    ;
  else if (g_str_equal (p, KIOSK_PREFIX "customers/"))
    handle_customer_create (req, body);
  else if (g_str_equal (p, KIOSK_PREFIX "appointments/"))
    handle_appointment_create (req, body);
  else if (match_id_path (p, KIOSK_PREFIX "appointments/", "/check-in/", &id))
    handle_check_in (req, id, body);
  else if (match_id_path (p, KIOSK_PREFIX "appointments/", "/status/", &id))
    handle_appointment_status (req, id, body);
  else if (g_str_equal (p, KIOSK_PREFIX "walkins/"))
    handle_walkin_create (req, body);
  else if (match_id_path (p, KIOSK_PREFIX "walkins/", "/status/", &id))
    handle_walkin_status (req, id, body);
  else if (g_str_equal (p, KIOSK_PREFIX "loyalty/redemptions/"))
    handle_redemption (req, body);
  else
    respond_404 (req);
}

/* ---------------------------------------------------------------- faults */

static gboolean
fault_pop (KioskTestServer *self, const char *method, const char *path, KioskFault *out)
{
  for (GList *l = self->faults.head; l; l = l->next)
    {
      QueuedFault *q = l->data;
      if ((q->method == NULL || g_str_equal (q->method, method)) &&
          (q->prefix == NULL || g_str_has_prefix (path, q->prefix)))
        {
          *out = q->fault;
          g_queue_delete_link (&self->faults, l);
          g_free (q->method);
          g_free (q->prefix);
          g_free (q);
          return TRUE;
        }
    }
  return FALSE;
}

static void
respond_fault_status (Request *req, guint status)
{
  switch (status)
    {
    case 401:
      respond_401 (req, "Geçersiz token.");
      break;
    case 410:
      respond_cursor_expired (req);
      break;
    case 429:
      respond_429 (req, req->fault.retry_after ? req->fault.retry_after : 1);
      break;
    case 500:
      {
        const char *html = "<!doctype html>\n<html lang=\"en\">\n<head><title>Server Error (500)</title></head>\n"
                           "<body><h1>Server Error (500)</h1><p></p></body>\n</html>\n";
        respond_bytes (req, 500, "text/html", g_strdup (html), strlen (html));
      }
      break;
    case 502:
      {
        const char *html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                           "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        respond_bytes (req, 502, "text/html", g_strdup (html), strlen (html));
      }
      break;
    case 503:
      respond (req, 503, NULL);
      break;
    default:
      respond (req, status, error_detail ("Hata."));
      break;
    }
}

static void
respond_huge (Request *req, gsize size)
{
  const char *head = "{\"changes\": [], \"cursor\": \"";
  const char *tail = "\", \"has_more\": false}";
  gsize hl = strlen (head), tl = strlen (tail);
  char *body;

  size = MAX (size, hl + tl + 1);
  body = g_malloc (size);
  memcpy (body, head, hl);
  memset (body + hl, 'A', size - hl - tl);
  memcpy (body + size - tl, tail, tl);
  respond_bytes (req, 200, "application/json", body, size);
}

static JsonNode *
wrong_type_of (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_init_array (json_node_alloc (), json_array_new ());
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_node_init_string (json_node_alloc (), "[]");
  if (JSON_NODE_HOLDS_NULL (node))
    return json_node_init_boolean (json_node_alloc (), TRUE);
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return json_node_init_int (json_node_alloc (), 12345);
    case G_TYPE_BOOLEAN:
      return json_node_init_string (json_node_alloc (), json_node_get_boolean (node) ? "true" : "false");
    default:
      return json_node_init_string (json_node_alloc (), "12345");
    }
}

/* Spoils the reply after the request was applied. */
static void
apply_body_fault (Request *req)
{
  SoupMessageBody *rb = soup_server_message_get_response_body (req->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (rb);
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  guint status = soup_server_message_get_status (req->msg);

  switch (req->fault.kind)
    {
    case KIOSK_FAULT_TRUNCATED_JSON:
      respond_bytes (req, status, "application/json", g_strndup (data ? data : "{", MAX (len / 2, 1)), MAX (len / 2, 1));
      break;
    case KIOSK_FAULT_MALFORMED_JSON:
      {
        const char *bad = "{\"changes\": [{\"entity\": \"customer\",, \"op\": upsert}]";
        respond_bytes (req, status, "application/json", g_strdup (bad), strlen (bad));
      }
      break;
    case KIOSK_FAULT_WRONG_TYPES:
      {
        g_autoptr(JsonNode) node = data ? json_parse_text (data, (gssize) len, NULL) : NULL;
        g_autoptr(JsonObject) out = json_object_new ();
        if (node && JSON_NODE_HOLDS_OBJECT (node))
          {
            JsonObjectIter iter;
            const char *name;
            JsonNode *member;
            json_object_iter_init (&iter, json_node_get_object (node));
            while (json_object_iter_next (&iter, &name, &member))
              json_object_set_member (out, name, wrong_type_of (member));
          }
        else
          json_object_set_int_member (out, "detail", 12345);
        respond (req, status, g_steal_pointer (&out));
      }
      break;
    case KIOSK_FAULT_STATUS:
    case KIOSK_FAULT_RESET:
    case KIOSK_FAULT_SLOW:
    case KIOSK_FAULT_COMMIT_THEN_DROP:
    case KIOSK_FAULT_HUGE_BODY:
    case KIOSK_FAULT_REFUSE_UPGRADE:
    default:
      break;
    }
}

/* Takes the connection away from libsoup: closes it (drop) or writes a
 * partial answer and resets it. Runs outside libsoup's callbacks. */
static void
kill_connection (Request *req)
{
  g_autoptr(GSocket) sock = g_object_ref (soup_server_message_get_socket (req->msg));
  g_autoptr(GIOStream) stream = NULL;

  if (req->fault.kind == KIOSK_FAULT_RESET)
    {
      SoupMessageBody *rb = soup_server_message_get_response_body (req->msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (rb);
      gsize len = 0;
      const char *data = g_bytes_get_data (bytes, &len);
      g_autofree char *head = g_strdup_printf ("HTTP/1.1 %u %s\r\nContent-Type: application/json\r\n"
                                               "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                                               soup_server_message_get_status (req->msg),
                                               soup_status_get_phrase (soup_server_message_get_status (req->msg)),
                                               len + 100);
      struct linger lg = { 1, 0 };

      g_socket_set_blocking (sock, TRUE);
      g_socket_send (sock, head, strlen (head), NULL, NULL);
      if (data && len > 0)
        g_socket_send (sock, data, len / 2 + 1, NULL, NULL);
      /* Linger 0: close() sends RST instead of FIN. */
      setsockopt (g_socket_get_fd (sock), SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    }
  stream = soup_server_message_steal_connection (req->msg);
  g_socket_close (sock, NULL);
  if (stream)
    g_io_stream_close (stream, NULL, NULL);
}

static void request_finish (Request *req);
static void request_gone_cb (SoupServerMessage *msg, Request *req);

static gboolean
kill_idle_cb (gpointer data)
{
  Request *req = data;

  req->source_id = 0;
  if (!req->gone)
    kill_connection (req);
  req->paused = FALSE;   /* stolen: nothing left for libsoup to resume */
  g_ptr_array_remove (req->self->requests, req);
  return G_SOURCE_REMOVE;
}

/* Stores the idempotent result and applies any reply fault. */
static void
request_finish (Request *req)
{
  gboolean kill;

  idempotency_end (req);
  if (req->has_fault)
    apply_body_fault (req);
  kill = req->has_fault && (req->fault.kind == KIOSK_FAULT_RESET || req->fault.kind == KIOSK_FAULT_COMMIT_THEN_DROP);
  if (kill)
    {
      if (!req->paused)
        {
          soup_server_message_pause (req->msg);
          req->paused = TRUE;
        }
      if (!g_ptr_array_find (req->self->requests, req, NULL))
        g_ptr_array_add (req->self->requests, req);
      req->source_id = g_idle_add (kill_idle_cb, req);
      return;
    }
  if (req->paused)
    {
      if (req->gone)
        req->paused = FALSE;
      else
        soup_server_message_unpause (req->msg);
      g_ptr_array_remove (req->self->requests, req);
    }
  else
    request_free (req);
}

static void
request_gone_cb (SoupServerMessage *msg, Request *req)
{
  req->gone = TRUE;
}

static gboolean
slow_cb (gpointer data)
{
  Request *req = data;

  req->source_id = 0;
  if (!req->answered)
    request_dispatch (req);
  request_finish (req);
  return G_SOURCE_REMOVE;
}

static void
log_request (KioskTestServer *self)
{
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&self->log_lock);
  g_array_append_val (self->request_times, now);
  g_mutex_unlock (&self->log_lock);
}

/* A server whose clock is off (kiosk_test_server_set_clock_offset()):
 * libsoup set Date before the handler ran; this replaces it. */
static void
skew_date_header (KioskTestServer   *self,
                  SoupServerMessage *msg)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) skewed = NULL;
  g_autofree char *date = NULL;

  if (self->clock_offset_s == 0)
    return;
  now = g_date_time_new_now_utc ();
  skewed = g_date_time_add_seconds (now, (gdouble) self->clock_offset_s);
  date = soup_date_time_to_string (skewed, SOUP_DATE_HTTP);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Date", date);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  KioskTestServer *self = user_data;
  Request *req = g_new0 (Request, 1);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  req->self = self;
  req->msg = g_object_ref (msg);
  req->method = g_strdup (soup_server_message_get_method (msg));
  req->path = g_strdup (path);
  req->query = query ? g_hash_table_ref (query) : NULL;
  req->body = soup_message_body_flatten (body);
  req->has_fault = fault_pop (self, req->method, path, &req->fault);
  log_request (self);
  skew_date_header (self, msg);

  if (req->has_fault)
    {
      switch (req->fault.kind)
        {
        case KIOSK_FAULT_STATUS:
          respond_fault_status (req, req->fault.status ? req->fault.status : 500);
          req->has_fault = FALSE;
          request_free (req);
          return;
        case KIOSK_FAULT_HUGE_BODY:
          respond_huge (req, req->fault.size ? req->fault.size : HUGE_DEFAULT);
          request_free (req);
          return;
        case KIOSK_FAULT_REFUSE_UPGRADE:
          respond_fault_status (req, req->fault.status ? req->fault.status : 404);
          request_free (req);
          return;
        case KIOSK_FAULT_RESET:
        case KIOSK_FAULT_TRUNCATED_JSON:
        case KIOSK_FAULT_MALFORMED_JSON:
        case KIOSK_FAULT_WRONG_TYPES:
        case KIOSK_FAULT_SLOW:
        case KIOSK_FAULT_COMMIT_THEN_DROP:
        default:
          break;
        }
    }

  request_prelude (req);
  if (req->has_fault && req->fault.kind == KIOSK_FAULT_SLOW)
    {
      soup_server_message_pause (msg);
      req->paused = TRUE;
      g_signal_connect (msg, "disconnected", G_CALLBACK (request_gone_cb), req);
      g_ptr_array_add (self->requests, req);
      req->source_id = g_timeout_add (req->fault.delay_ms, slow_cb, req);
      return;
    }
  if (!req->answered)
    request_dispatch (req);
  request_finish (req);
}

/* The normal handler of the events path runs before the upgrade: refusing
 * here (status set) stops it. */
static void
events_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  KioskTestServer *self = user_data;
  Request *req = g_new0 (Request, 1);

  req->self = self;
  req->msg = g_object_ref (msg);
  req->method = g_strdup (soup_server_message_get_method (msg));
  req->path = g_strdup (path);
  log_request (self);
  g_atomic_int_inc (&self->n_upgrades);
  if (fault_pop (self, req->method, path, &req->fault))
    {
      guint status = req->fault.status;
      if (status == 0)
        status = req->fault.kind == KIOSK_FAULT_REFUSE_UPGRADE ? 404 : 500;
      respond_fault_status (req, status);
    }
  else if (self->refuse_upgrades != 0)
    respond_fault_status (req, self->refuse_upgrades);
  else if (authenticate (req))
    g_object_set_data_full (G_OBJECT (msg), "kiosk-device", g_strdup (req->device), g_free);
  request_free (req);
}

/* ----------------------------------------------------------------- setup */

static const char *schema =
  "PRAGMA journal_mode = WAL;"
  "PRAGMA synchronous = NORMAL;"
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);"
  "CREATE TABLE IF NOT EXISTS rows (entity TEXT NOT NULL, id TEXT NOT NULL, rank INTEGER NOT NULL,"
  "  version INTEGER NOT NULL, data TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (entity, id));"
  "CREATE INDEX IF NOT EXISTS rows_snapshot ON rows (rank, id) WHERE deleted = 0;"
  "CREATE TABLE IF NOT EXISTS changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL,"
  "  id TEXT NOT NULL, version INTEGER, op TEXT NOT NULL, data TEXT);"
  "CREATE TABLE IF NOT EXISTS devices (id TEXT PRIMARY KEY, token TEXT UNIQUE NOT NULL,"
  "  salon TEXT NOT NULL, name TEXT NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS pairing_codes (code TEXT NOT NULL, salon TEXT NOT NULL,"
  "  expires_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE IF NOT EXISTS idempotency (device TEXT NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL,"
  "  state TEXT NOT NULL, status INTEGER, body BLOB, created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (device, key));"
  KIOSK_TEST_CONSENT_SCHEMA
  /* A restart forgets requests that were being processed. */
  "DELETE FROM idempotency WHERE state = 'processing';";

static void
kiosk_test_server_dispose (GObject *object)
{
  KioskTestServer *self = (KioskTestServer *) object;

  if (self->server)
    soup_server_disconnect (self->server);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
  g_clear_pointer (&self->sockets, g_ptr_array_unref);
  g_clear_object (&self->server);
  G_OBJECT_CLASS (kiosk_test_server_parent_class)->dispose (object);
}

static void
queued_fault_free (gpointer data)
{
  QueuedFault *q = data;
  g_free (q->method);
  g_free (q->prefix);
  g_free (q);
}

static void
kiosk_test_server_finalize (GObject *object)
{
  KioskTestServer *self = (KioskTestServer *) object;

  g_queue_clear_full (&self->faults, queued_fault_free);
  for (guint i = 0; i < G_N_ELEMENTS (self->throttles); i++)
    g_clear_pointer (&self->throttles[i].history, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->data_dir);
  g_free (self->uri);
  g_free (self->salon_id);
  g_clear_pointer (&self->request_times, g_array_unref);
  g_mutex_clear (&self->log_lock);
  G_OBJECT_CLASS (kiosk_test_server_parent_class)->finalize (object);
}

static void
kiosk_test_server_class_init (KioskTestServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_test_server_dispose;
  object_class->finalize = kiosk_test_server_finalize;
}

static void
paused_request_free (gpointer data)
{
  Request *req = data;

  /* Disposed while a reply was held back: let libsoup finish it. */
  if (req->paused && req->msg && !req->gone)
    {
      idempotency_end (req);
      soup_server_message_unpause (req->msg);
    }
  request_free (req);
}

static void
kiosk_test_server_init (KioskTestServer *self)
{
  static const guint defaults[][2] = { { 10, 60 }, { 10, 60 }, { 120, 60 } };

  self->sockets = g_ptr_array_new_with_free_func (socket_free);
  self->requests = g_ptr_array_new_with_free_func (paused_request_free);
  self->ping_interval = 30;
  g_mutex_init (&self->log_lock);
  self->request_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_queue_init (&self->faults);
  for (guint i = 0; i < G_N_ELEMENTS (self->throttles); i++)
    {
      self->throttles[i].num = defaults[i][0];
      self->throttles[i].period_s = defaults[i][1];
      self->throttles[i].history = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_array_unref);
    }
  self->tz = g_time_zone_new_identifier ("Europe/Istanbul");
  if (self->tz == NULL)
    self->tz = g_time_zone_new_offset (3 * 3600);
}

KioskTestServer *
kiosk_test_server_new (const char *data_dir, GError **error)
{
  g_autoptr(KioskTestServer) self = g_object_new (KIOSK_TYPE_TEST_SERVER, NULL);
  g_autofree char *path = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create %s: %s", data_dir, g_strerror (saved));
      return NULL;
    }
  self->data_dir = g_strdup (data_dir);
  if (!kiosk_time_parse_clock_offset (g_getenv ("KIOSK_TEST_CLOCK_OFFSET"), &self->test_clock))
    g_warning ("KIOSK_TEST_CLOCK_OFFSET is not a number of seconds; the clock is not moved");
  path = g_build_filename (data_dir, "server.sqlite3", NULL);
  if (sqlite3_open (path, &self->db) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot open %s: %s", path, sqlite3_errmsg (self->db));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  if (!db_exec (self, schema, error))
    return NULL;
  self->salon_id = meta_get (self, "salon_id");

  self->server = soup_server_new ("server-header", "WSGIServer/0.2 CPython/3.11 salonity-test", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  soup_server_add_handler (self->server, EVENTS_PATH, events_cb, self, NULL);
  soup_server_add_websocket_handler (self->server, EVENTS_PATH, NULL, NULL, websocket_cb, self, NULL);
  return g_steal_pointer (&self);
}

gboolean
kiosk_test_server_listen (KioskTestServer *self, guint port, GError **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new (loopback, (guint16) port);
  GSList *uris;

  g_return_val_if_fail (KIOSK_IS_TEST_SERVER (self), FALSE);

  if (!soup_server_listen (self->server, addr, 0, error))
    return FALSE;
  uris = soup_server_get_uris (self->server);
  if (uris)
    {
      self->port = (guint) g_uri_get_port (uris->data);
      g_free (self->uri);
      self->uri = g_strdup_printf ("http://127.0.0.1:%u", self->port);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self->uri != NULL;
}

const char *
kiosk_test_server_get_uri (KioskTestServer *self)
{
  g_return_val_if_fail (KIOSK_IS_TEST_SERVER (self), NULL);
  return self->uri;
}

guint
kiosk_test_server_get_port (KioskTestServer *self)
{
  g_return_val_if_fail (KIOSK_IS_TEST_SERVER (self), 0);
  return self->port;
}

const char *
kiosk_test_server_get_salon_id (KioskTestServer *self)
{
  g_return_val_if_fail (KIOSK_IS_TEST_SERVER (self), NULL);
  return self->salon_id;
}

gint64
kiosk_test_server_put (KioskTestServer *self,
                       const char      *entity,
                       const char      *json,
                       GError         **error)
{
  g_autoptr(JsonObject) obj = NULL;
  const char *id;

  g_return_val_if_fail (KIOSK_IS_TEST_SERVER (self), 0);
  g_return_val_if_fail (entity != NULL && json != NULL, 0);

  obj = json_parse_object (json);
  if (obj == NULL || (id = obj_str (obj, "id")) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not a JSON object with an \"id\": %s", json);
      return 0;
    }
  if (g_str_equal (entity, "salon") && self->salon_id == NULL)
    {
      self->salon_id = g_strdup (id);
      meta_set (self, "salon_id", id);
    }
  return row_put (self, entity, obj);
}

gint64
kiosk_test_server_delete (KioskTestServer *self,
                          const char      *entity,
                          const char      *id,
                          GError         **error)
{
  g_autoptr(JsonObject) row = NULL;

  g_return_val_if_fail (KIOSK_IS_TEST_SERVER (self), 0);

  row = row_get (self, entity, id);
  if (row == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No %s %s", entity, id);
      return 0;
    }
  return row_write (self, entity, id, NULL);
}

char *
kiosk_test_server_get (KioskTestServer *self, const char *entity, const char *id)
{
  g_autoptr(JsonObject) row = NULL;

  g_return_val_if_fail (KIOSK_IS_TEST_SERVER (self), NULL);
  row = row_get (self, entity, id);
  return row ? json_object_to_text (row) : NULL;
}

gint64
kiosk_test_server_count (KioskTestServer *self, const char *entity)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (KIOSK_IS_TEST_SERVER (self), 0);
  stmt = db_prepare (self, "SELECT COUNT(*) FROM rows WHERE entity = ? AND deleted = 0");
  db_bind_text (stmt, 1, entity);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

void
kiosk_test_server_add_pairing_code (KioskTestServer *self, const char *code, int valid_seconds)
{
  sqlite3_stmt *stmt;

  g_return_if_fail (KIOSK_IS_TEST_SERVER (self));
  g_return_if_fail (code != NULL);
  g_return_if_fail (self->salon_id != NULL);

  stmt = db_prepare (self, "INSERT INTO pairing_codes (code, salon, expires_at, used) VALUES (?, ?, ?, 0)");
  db_bind_text (stmt, 1, code);
  db_bind_text (stmt, 2, self->salon_id);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () + (gint64) valid_seconds * G_USEC_PER_SEC);
  db_step_done (self, stmt);
}

void
kiosk_test_server_trim_log (KioskTestServer *self)
{
  gint64 upto;
  g_autofree char *text = NULL;

  g_return_if_fail (KIOSK_IS_TEST_SERVER (self));
  upto = db_int (self, "SELECT IFNULL(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'changes'");
  text = g_strdup_printf ("%" G_GINT64_FORMAT, upto);
  tx_begin (self);
  db_exec (self, "DELETE FROM changes", NULL);
  meta_set (self, "trimmed_upto", text);
  tx_commit (self);
}

void
kiosk_test_server_set_throttle (KioskTestServer *self,
                                const char      *scope,
                                guint            num_requests,
                                guint            period_seconds)
{
  int i;

  g_return_if_fail (KIOSK_IS_TEST_SERVER (self));
  if (g_strcmp0 (scope, "enrollment") == 0)
    i = THROTTLE_ENROLLMENT;
  else if (g_strcmp0 (scope, "appointments") == 0)
    i = THROTTLE_APPOINTMENTS;
  else if (g_strcmp0 (scope, "writes") == 0)
    i = THROTTLE_WRITES;
  else
    g_return_if_reached ();
  self->throttles[i].num = num_requests;
  self->throttles[i].period_s = MAX (period_seconds, 1);
  g_hash_table_remove_all (self->throttles[i].history);
}

void
kiosk_test_server_set_clock_offset (KioskTestServer *self, gint64 seconds)
{
  g_return_if_fail (KIOSK_IS_TEST_SERVER (self));
  self->clock_offset_s = seconds;
}

void
kiosk_test_server_set_ping_interval (KioskTestServer *self, guint seconds)
{
  g_return_if_fail (KIOSK_IS_TEST_SERVER (self));
  self->ping_interval = seconds;
}

void
kiosk_test_server_set_refuse_upgrades (KioskTestServer *self,
                                       guint            status)
{
  g_return_if_fail (KIOSK_IS_TEST_SERVER (self));
  self->refuse_upgrades = status;
}

guint
kiosk_test_server_get_n_upgrade_requests (KioskTestServer *self)
{
  g_return_val_if_fail (KIOSK_IS_TEST_SERVER (self), 0);
  return (guint) g_atomic_int_get (&self->n_upgrades);
}

guint
kiosk_test_server_get_n_websockets (KioskTestServer *self)
{
  g_return_val_if_fail (KIOSK_IS_TEST_SERVER (self), 0);
  return self->sockets->len;
}

void
kiosk_test_server_disconnect (KioskTestServer *self)
{
  g_return_if_fail (KIOSK_IS_TEST_SERVER (self));

  /* WebSockets are stolen connections: soup_server_disconnect() does not
   * know them. */
  g_ptr_array_set_size (self->sockets, 0);
  soup_server_disconnect (self->server);
}

GArray *
kiosk_test_server_take_request_times (KioskTestServer *self)
{
  GArray *times;

  g_return_val_if_fail (KIOSK_IS_TEST_SERVER (self), NULL);

  g_mutex_lock (&self->log_lock);
  times = g_steal_pointer (&self->request_times);
  self->request_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_mutex_unlock (&self->log_lock);
  return times;
}

void
kiosk_test_server_push_fault (KioskTestServer  *self,
                              const char       *method,
                              const char       *path_prefix,
                              const KioskFault *fault)
{
  QueuedFault *q;

  g_return_if_fail (KIOSK_IS_TEST_SERVER (self));
  g_return_if_fail (fault != NULL);

  q = g_new0 (QueuedFault, 1);
  q->method = g_strdup (method);
  q->prefix = g_strdup (path_prefix);
  q->fault = *fault;
  g_queue_push_tail (&self->faults, q);
}

guint
kiosk_test_server_get_n_faults (KioskTestServer *self)
{
  g_return_val_if_fail (KIOSK_IS_TEST_SERVER (self), 0);
  return self->faults.length;
}

/* Used by the demo seeding (kiosk-test-server-demo.c). */
void
kiosk_test_server_begin_bulk (KioskTestServer *self)
{
  tx_begin (self);
}

void
kiosk_test_server_end_bulk (KioskTestServer *self, gboolean commit)
{
  if (commit)
    tx_commit (self);
  else
    tx_rollback (self);
}

gint64
kiosk_test_server_put_object (KioskTestServer *self, const char *entity, JsonObject *obj)
{
  if (g_str_equal (entity, "salon") && self->salon_id == NULL)
    {
      self->salon_id = g_strdup (obj_str (obj, "id"));
      meta_set (self, "salon_id", self->salon_id);
    }
  return row_put (self, entity, obj);
}

gboolean
kiosk_test_server_is_empty (KioskTestServer *self)
{
  return db_int (self, "SELECT COUNT(*) FROM rows") == 0;
}

GTimeZone *
kiosk_test_server_get_timezone (KioskTestServer *self)
{
  return self->tz;
}

const char *
kiosk_test_server_get_data_dir (KioskTestServer *self)
{
  return self->data_dir;
}

void
kiosk_test_server_set_demo_open_every_day (KioskTestServer *self,
                                           gboolean         open)
{
  g_return_if_fail (KIOSK_IS_TEST_SERVER (self));
  self->demo_open_every_day = open;
}

gboolean
kiosk_test_server_get_demo_open_every_day (KioskTestServer *self)
{
  g_return_val_if_fail (KIOSK_IS_TEST_SERVER (self), FALSE);
  return self->demo_open_every_day;
}
