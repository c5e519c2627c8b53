/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The contract's JSON and the records. The feed reader is on the hot path
 * of a snapshot (a million rows or more), so records are filled straight
 * from the parser's nodes, and the raw text of a change is generated only
 * when the change has to be quarantined. What the kiosk writes is in
 * kiosk-json-write.c.
 */
#define G_LOG_DOMAIN "kiosk-json"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "kiosk-json.h"
#include "kiosk-json-private.h"

#include "kiosk-money.h"
#include "kiosk-time.h"

/* json-glib's parser recurses once per nesting level: a hostile body of a
 * million '[' would blow the stack. Nothing in the contract nests deeper
 * than a handful of levels. */
#define MAX_DEPTH 64

/* Server texts end up in the UI and the quarantine; keep them readable. */
#define MAX_REASON_CHARS 400

G_DEFINE_QUARK (kiosk-json-error-quark, kiosk_json_error)

/* ------------------------------------------------------------ parsing */

static gint
hex4 (const char *p,
      const char *end)
{
  gint value = 0;

  if (end - p < 4)
    return -1;
  for (int i = 0; i < 4; i++)
    {
      gint digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* At a "\u": a surrogate that is not one half of a pair, i.e. a low half
 * on its own, or a high half not followed by a \u escape of a low half
 * (the text's end included). json-glib 1.6 leaks memory on every one of
 * them, and on a \u without four hex digits it reads on past the string's
 * end into the same trap (fuzzer findings): it never gets to see them.
 * *@pair: a whole pair starts here (its low half needs no second look). */
static gboolean
surrogate_broken (const char *p,
                  const char *end,
                  gboolean   *pair)
{
  gint code = hex4 (p + 2, end);
  gint low;

  *pair = FALSE;
  if (code >= 0xDC00 && code <= 0xDFFF)
    return TRUE;
  if (code < 0xD800 || code > 0xDBFF)
    return FALSE;
  if (end - p < 12 || p[6] != '\\' || p[7] != 'u')
    return TRUE;
  low = hex4 (p + 8, end);
  if (low < 0xDC00 || low > 0xDFFF)
    return TRUE;
  *pair = TRUE;
  return FALSE;
}

/* json-glib 1.6 recurses once per nesting level, and it accepts "[1] [2]"
 * as [1] while leaking the second value. One pass before parsing refuses
 * both: more than MAX_DEPTH levels, and anything but blanks after the
 * first complete value. NULL when the text may go to the parser. */
static const char *
check_shape (const char *body,
             gsize       length)
{
  const char *end = body + length;
  gboolean in_string = FALSE;
  gboolean in_scalar = FALSE;
  gboolean closed = FALSE;
  int depth = 0;

  for (const char *p = body; p < end; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p + 1 < end)
            {
              gboolean pair = FALSE;

              if (p[1] == 'u' && (hex4 (p + 2, end) < 0 || surrogate_broken (p, end, &pair)))
                return _("The reply has a broken \\u escape");
              if (pair)
                p += 6;   /* past the high half: the low one is not an escape of its own */
              p++;
            }
          else if (*p == '"')
            {
              in_string = FALSE;
              closed = depth == 0;
            }
          continue;
        }
      if (g_ascii_isspace (*p))
        {
          if (in_scalar)
            closed = TRUE;
          continue;
        }
      if (closed)
        return _("The reply has data after its end");
      if (depth == 0 && *p != '[' && *p != '{' && *p != '"')
        {
          /* A bare number or word at the top. */
          in_scalar = TRUE;
          continue;
        }
      if (in_scalar)
        return _("The reply has data after its end");
      switch (*p)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > MAX_DEPTH)
            return _("The reply is nested too deeply");
          break;
        case ']':
        case '}':
          if (--depth == 0)
            closed = TRUE;
          break;
        default:
          break;
        }
    }
  return NULL;
}

gboolean
kiosk_json_check_body (const char  *body,
                       gsize        length,
                       GError     **error)
{
  const char *why;

  if (!g_utf8_validate_len (body, length, NULL))
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_MALFORMED,
                           _("The reply is not valid UTF-8"));
      return FALSE;
    }
  if ((why = check_shape (body, length)) != NULL)
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_MALFORMED, why);
      return FALSE;
    }
  return TRUE;
}

static JsonNode *
parse_body (const char  *body,
            gssize       length,
            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len;
  JsonNode *root;

  if (body == NULL)
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_MALFORMED,
                           _("The reply is empty"));
      return NULL;
    }
  len = length < 0 ? strlen (body) : (gsize)length;
  if (!kiosk_json_check_body (body, len, error))
    return NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, body, (gssize)len, &local_error))
    {
      g_set_error (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_MALFORMED,
                   _("The reply is not JSON: %s"), local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_MALFORMED,
                           _("The reply is empty"));
      return NULL;
    }
  return json_node_ref (root);
}

/* ------------------------------------------------------- record readers */

typedef enum {
  OPTIONAL,
  REQUIRED,
} Need;

static gboolean
invalid (GError     **error,
         const char  *field,
         const char  *what)
{
  g_set_error (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_INVALID, "%s: %s", field, what);
  return FALSE;
}

static const char *
node_kind (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT: return _("an object");
    case JSON_NODE_ARRAY:  return _("an array");
    case JSON_NODE_NULL:   return _("null");
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:  return _("a string");
        case G_TYPE_BOOLEAN: return _("a boolean");
        case G_TYPE_DOUBLE:  return _("a fractional number");
        default:             return _("a number");
        }
    default:
      return _("something else");
    }
}

static gboolean
wrong_type (GError     **error,
            const char  *field,
            const char  *expected,
            JsonNode    *node)
{
  g_autofree char *what = g_strdup_printf (_("expected %s, got %s"), expected, node_kind (node));

  return invalid (error, field, what);
}

/* The member, or NULL when it is missing or null. FALSE when a required
 * member is missing or null. */
static gboolean
get_member (JsonObject  *o,
            const char  *field,
            Need         need,
            JsonNode   **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (o, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      if (need == REQUIRED)
        return invalid (error, field, node ? _("must not be null") : _("is missing"));
      return TRUE;
    }
  *out = node;
  return TRUE;
}

/* A borrowed string member, NULL when optional and absent. */
static gboolean
peek_string (JsonObject   *o,
             const char   *field,
             Need          need,
             const char  **out,
             GError      **error)
{
  JsonNode *node;
  const char *text;

  *out = NULL;
  if (!get_member (o, field, need, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (error, field, _("a string"), node);
  text = json_node_get_string (node);
  /* A lone surrogate escape ("\ud800") comes out of json-glib as bytes that
   * are not UTF-8; nothing downstream must ever see those. */
  if (!g_utf8_validate (text, -1, NULL))
    return invalid (error, field, _("is not valid UTF-8"));
  *out = text;
  return TRUE;
}

static gboolean
read_string (JsonObject  *o,
             const char  *field,
             Need         need,
             char       **out,
             GError     **error)
{
  const char *text;

  if (!peek_string (o, field, need, &text, error))
    return FALSE;
  *out = g_strdup (text);
  return TRUE;
}

static gboolean
id_is_valid (KioskEntity  entity,
             const char  *id)
{
  if (entity == KIOSK_ENTITY_WORKING_HOURS)
    {
      /* "<salon uuid>:<day>" */
      g_autofree char *salon = NULL;

      if (strlen (id) != 38 || id[36] != ':' || id[37] < '0' || id[37] > '6')
        return FALSE;
      salon = g_strndup (id, 36);
      return g_uuid_string_is_valid (salon);
    }
  return g_uuid_string_is_valid (id);
}

static gboolean
read_uuid (JsonObject  *o,
           const char  *field,
           Need         need,
           char       **out,
           GError     **error)
{
  const char *text;

  if (!peek_string (o, field, need, &text, error))
    return FALSE;
  if (text != NULL && !g_uuid_string_is_valid (text))
    return invalid (error, field, _("is not a UUID"));
  *out = g_strdup (text);
  return TRUE;
}

static gboolean
read_date (JsonObject  *o,
           const char  *field,
           Need         need,
           char       **out,
           GError     **error)
{
  const char *text;
  GDate date;

  if (!peek_string (o, field, need, &text, error))
    return FALSE;
  if (text != NULL && !kiosk_date_parse (text, &date))
    return invalid (error, field, _("is not a date (YYYY-MM-DD)"));
  *out = g_strdup (text);
  return TRUE;
}

static gboolean
read_time (JsonObject  *o,
           const char  *field,
           Need         need,
           int         *out,
           GError     **error)
{
  const char *text;

  if (!peek_string (o, field, need, &text, error))
    return FALSE;
  if (text == NULL)
    {
      *out = 0;
      return TRUE;
    }
  if (!kiosk_time_parse (text, out))
    return invalid (error, field, _("is not a time of day (HH:MM or HH:MM:SS)"));
  return TRUE;
}

static gboolean
read_money (JsonObject  *o,
            const char  *field,
            Need         need,
            gint64      *out,
            GError     **error)
{
  JsonNode *node;

  *out = 0;
  if (!get_member (o, field, need, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  /* A number is refused even when it looks whole: money must never have
   * passed through a float on the way here. */
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (error, field, _("a decimal string"), node);
  if (!kiosk_money_parse (json_node_get_string (node), out))
    return invalid (error, field, _("is not an amount of money with at most two decimals"));
  return TRUE;
}

/* json-glib wraps integers that do not fit in 64 bits (99999999999999999999
 * reads as -1), so counters that cannot be negative are checked for it. */
static gboolean
read_int (JsonObject  *o,
          const char  *field,
          Need         need,
          gint64       min,
          gint64       max,
          gint64      *out,
          GError     **error)
{
  JsonNode *node;
  gint64 value;

  *out = 0;
  if (!get_member (o, field, need, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_INT64)
    return wrong_type (error, field, _("a whole number"), node);
  value = json_node_get_int (node);
  if (value < min || value > max)
    return invalid (error, field, _("is out of range"));
  *out = value;
  return TRUE;
}

static gboolean
read_int32 (JsonObject  *o,
            const char  *field,
            Need         need,
            int          min,
            int          max,
            int         *out,
            GError     **error)
{
  gint64 value;

  if (!read_int (o, field, need, min, max, &value, error))
    return FALSE;
  *out = (int)value;
  return TRUE;
}

static gboolean
read_bool (JsonObject  *o,
           const char  *field,
           Need         need,
           gboolean     fallback,
           gboolean    *out,
           GError     **error)
{
  JsonNode *node;

  *out = fallback;
  if (!get_member (o, field, need, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (error, field, _("true or false"), node);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_uuid_list (JsonObject  *o,
                const char  *field,
                GStrv       *out,
                GError     **error)
{
  JsonNode *node;
  JsonArray *array;
  guint n;
  GStrv list;

  if (!get_member (o, field, OPTIONAL, &node, error))
    return FALSE;
  if (node == NULL)
    {
      /* Consumers walk the list: an empty one rather than NULL. */
      *out = g_new0 (char *, 1);
      return TRUE;
    }
  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    return wrong_type (error, field, _("an array of ids"), node);

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  list = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_TYPE (element) != JSON_NODE_VALUE ||
          json_node_get_value_type (element) != G_TYPE_STRING ||
          !g_uuid_string_is_valid (json_node_get_string (element)))
        {
          g_strfreev (list);
          return invalid (error, field, _("must be an array of UUIDs"));
        }
      list[i] = g_strdup (json_node_get_string (element));
    }
  *out = list;
  return TRUE;
}

static gboolean
read_id (JsonObject   *o,
         KioskEntity   entity,
         char        **out,
         GError      **error)
{
  const char *text;

  if (!peek_string (o, "id", REQUIRED, &text, error))
    return FALSE;
  if (!id_is_valid (entity, text))
    return invalid (error, "id", entity == KIOSK_ENTITY_WORKING_HOURS
                                   ? _("is not \"<salon UUID>:<day>\"")
                                   : _("is not a UUID"));
  *out = g_strdup (text);
  return TRUE;
}

static gpointer
salon_from_json (JsonObject  *o,
                 GError     **error)
{
  g_autoptr(KioskSalon) s = g_new0 (KioskSalon, 1);

  if (!read_id (o, KIOSK_ENTITY_SALON, &s->id, error) ||
      !read_string (o, "name", REQUIRED, &s->name, error) ||
      !read_string (o, "address", OPTIONAL, &s->address, error) ||
      !read_string (o, "city", OPTIONAL, &s->city, error) ||
      !read_string (o, "district", OPTIONAL, &s->district, error) ||
      !read_string (o, "phone", OPTIONAL, &s->phone, error) ||
      !read_time (o, "opening_time", REQUIRED, &s->opening_time, error) ||
      !read_time (o, "closing_time", REQUIRED, &s->closing_time, error) ||
      !read_string (o, "timezone", OPTIONAL, &s->timezone, error))
    return NULL;
  /* The contract's default when the server leaves it out. */
  if (s->timezone == NULL)
    s->timezone = g_strdup ("Europe/Istanbul");
  return g_steal_pointer (&s);
}

static gpointer
working_hours_from_json (JsonObject  *o,
                         GError     **error)
{
  g_autoptr(KioskWorkingHours) h = g_new0 (KioskWorkingHours, 1);
  Need times;

  if (!read_id (o, KIOSK_ENTITY_WORKING_HOURS, &h->id, error) ||
      !read_int32 (o, "day_of_week", REQUIRED, 0, 6, &h->day_of_week, error))
    return NULL;
  if (h->id[37] - '0' != h->day_of_week)
    {
      invalid (error, "day_of_week", _("does not match the day in the id"));
      return NULL;
    }
  if (!read_bool (o, "is_closed", REQUIRED, FALSE, &h->is_closed, error))
    return NULL;
  /* A closed day may come without hours. */
  times = h->is_closed ? OPTIONAL : REQUIRED;
  if (!read_time (o, "opening_time", times, &h->opening_time, error) ||
      !read_time (o, "closing_time", times, &h->closing_time, error))
    return NULL;
  return g_steal_pointer (&h);
}

static gpointer
category_from_json (JsonObject  *o,
                    GError     **error)
{
  g_autoptr(KioskCategory) c = g_new0 (KioskCategory, 1);

  if (!read_id (o, KIOSK_ENTITY_CATEGORY, &c->id, error) ||
      !read_string (o, "name", REQUIRED, &c->name, error) ||
      !read_string (o, "description", OPTIONAL, &c->description, error) ||
      !read_string (o, "icon", OPTIONAL, &c->icon, error))
    return NULL;
  return g_steal_pointer (&c);
}

static gpointer
service_from_json (JsonObject  *o,
                   GError     **error)
{
  g_autoptr(KioskService) s = g_new0 (KioskService, 1);

  if (!read_id (o, KIOSK_ENTITY_SERVICE, &s->id, error) ||
      !read_uuid (o, "category", OPTIONAL, &s->category, error) ||
      !read_string (o, "name", REQUIRED, &s->name, error) ||
      !read_string (o, "description", OPTIONAL, &s->description, error) ||
      !read_money (o, "price", REQUIRED, &s->price, error) ||
      !read_int32 (o, "duration", REQUIRED, 0, 24 * 60, &s->duration, error) ||
      !read_bool (o, "is_active", OPTIONAL, TRUE, &s->is_active, error))
    return NULL;
  return g_steal_pointer (&s);
}

static gpointer
employee_from_json (JsonObject  *o,
                    GError     **error)
{
  g_autoptr(KioskEmployee) e = g_new0 (KioskEmployee, 1);

  if (!read_id (o, KIOSK_ENTITY_EMPLOYEE, &e->id, error) ||
      !read_string (o, "name", REQUIRED, &e->name, error) ||
      !read_string (o, "position", OPTIONAL, &e->position, error) ||
      !read_bool (o, "is_active", OPTIONAL, TRUE, &e->is_active, error) ||
      !read_uuid_list (o, "services", &e->services, error))
    return NULL;
  return g_steal_pointer (&e);
}

static gpointer
customer_from_json (JsonObject  *o,
                    GError     **error)
{
  g_autoptr(KioskCustomer) c = g_new0 (KioskCustomer, 1);
  const char *level;

  if (!read_id (o, KIOSK_ENTITY_CUSTOMER, &c->id, error) ||
      !read_string (o, "first_name", REQUIRED, &c->first_name, error) ||
      !read_string (o, "last_name", OPTIONAL, &c->last_name, error) ||
      !read_string (o, "phone", REQUIRED, &c->phone, error) ||
      !peek_string (o, "loyalty_level", REQUIRED, &level, error))
    return NULL;
  if (!kiosk_loyalty_level_from_string (level, &c->loyalty_level))
    {
      invalid (error, "loyalty_level", _("is not a loyalty level"));
      return NULL;
    }
  if (!read_int (o, "total_points", REQUIRED, 0, G_MAXINT64, &c->total_points, error) ||
      !read_int (o, "current_points", REQUIRED, 0, G_MAXINT64, &c->current_points, error) ||
      !read_money (o, "total_spent", REQUIRED, &c->total_spent, error) ||
      !read_int (o, "total_visits", REQUIRED, 0, G_MAXINT64, &c->total_visits, error) ||
      !read_string (o, "updated_at", OPTIONAL, &c->updated_at, error) ||
      !read_string (o, "consent_at", OPTIONAL, &c->consent_at, error))
    return NULL;
  return g_steal_pointer (&c);
}

static gpointer
appointment_from_json (JsonObject  *o,
                       GError     **error)
{
  g_autoptr(KioskAppointment) a = g_new0 (KioskAppointment, 1);
  const char *status;

  if (!read_id (o, KIOSK_ENTITY_APPOINTMENT, &a->id, error) ||
      !read_uuid (o, "customer", REQUIRED, &a->customer, error) ||
      !read_uuid (o, "service", REQUIRED, &a->service, error) ||
      !read_uuid (o, "employee", OPTIONAL, &a->employee, error) ||
      !read_date (o, "appointment_date", REQUIRED, &a->appointment_date, error) ||
      !read_time (o, "appointment_time", REQUIRED, &a->appointment_time, error) ||
      !read_time (o, "end_time", REQUIRED, &a->end_time, error) ||
      !peek_string (o, "status", REQUIRED, &status, error))
    return NULL;
  if (!kiosk_appointment_status_from_string (status, &a->status))
    {
      invalid (error, "status", _("is not an appointment status"));
      return NULL;
    }
  if (!read_string (o, "notes", OPTIONAL, &a->notes, error) ||
      !read_money (o, "price", REQUIRED, &a->price, error) ||
      !read_string (o, "source", OPTIONAL, &a->source, error) ||
      !read_string (o, "checked_in_at", OPTIONAL, &a->checked_in_at, error) ||
      !read_string (o, "created_at", OPTIONAL, &a->created_at, error) ||
      !read_string (o, "updated_at", OPTIONAL, &a->updated_at, error))
    return NULL;
  return g_steal_pointer (&a);
}

static gpointer
walkin_from_json (JsonObject  *o,
                  GError     **error)
{
  g_autoptr(KioskWalkin) w = g_new0 (KioskWalkin, 1);
  const char *status;

  if (!read_id (o, KIOSK_ENTITY_WALKIN, &w->id, error) ||
      !read_uuid (o, "customer", OPTIONAL, &w->customer, error) ||
      !read_string (o, "name", OPTIONAL, &w->name, error) ||
      !read_string (o, "phone", OPTIONAL, &w->phone, error) ||
      !read_uuid (o, "service", REQUIRED, &w->service, error) ||
      !read_uuid (o, "preferred_employee", OPTIONAL, &w->preferred_employee, error) ||
      !read_uuid (o, "employee", OPTIONAL, &w->employee, error) ||
      !peek_string (o, "status", REQUIRED, &status, error))
    return NULL;
  if (!kiosk_walkin_status_from_string (status, &w->status))
    {
      invalid (error, "status", _("is not a walk-in status"));
      return NULL;
    }
  if (!read_string (o, "arrived_at", OPTIONAL, &w->arrived_at, error) ||
      !read_string (o, "called_at", OPTIONAL, &w->called_at, error) ||
      !read_string (o, "finished_at", OPTIONAL, &w->finished_at, error))
    return NULL;
  return g_steal_pointer (&w);
}

static gpointer
point_entry_from_json (JsonObject  *o,
                       GError     **error)
{
  g_autoptr(KioskPointEntry) p = g_new0 (KioskPointEntry, 1);

  if (!read_id (o, KIOSK_ENTITY_POINT_ENTRY, &p->id, error) ||
      !read_uuid (o, "customer", REQUIRED, &p->customer, error) ||
      !read_int (o, "points", REQUIRED, G_MININT64, G_MAXINT64, &p->points, error) ||
      !read_string (o, "reason", OPTIONAL, &p->reason, error) ||
      !read_string (o, "created_at", OPTIONAL, &p->created_at, error))
    return NULL;
  return g_steal_pointer (&p);
}

static void
set_version (KioskEntity entity,
             gpointer    record,
             gint64      version)
{
  switch (entity)
    {
    case KIOSK_ENTITY_SALON:         ((KioskSalon *)record)->version = version; break;
    case KIOSK_ENTITY_WORKING_HOURS: ((KioskWorkingHours *)record)->version = version; break;
    case KIOSK_ENTITY_CATEGORY:      ((KioskCategory *)record)->version = version; break;
    case KIOSK_ENTITY_SERVICE:       ((KioskService *)record)->version = version; break;
    case KIOSK_ENTITY_EMPLOYEE:      ((KioskEmployee *)record)->version = version; break;
    case KIOSK_ENTITY_CUSTOMER:      ((KioskCustomer *)record)->version = version; break;
    case KIOSK_ENTITY_APPOINTMENT:   ((KioskAppointment *)record)->version = version; break;
    case KIOSK_ENTITY_WALKIN:        ((KioskWalkin *)record)->version = version; break;
    case KIOSK_ENTITY_POINT_ENTRY:   ((KioskPointEntry *)record)->version = version; break;
    case KIOSK_ENTITY_UNKNOWN:
    default:
      break;
    }
}

gpointer
kiosk_json_to_record (KioskEntity    entity,
                      JsonObject    *data,
                      gint64         version,
                      GError       **error)
{
  gpointer record;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_INVALID,
                           _("data: expected an object"));
      return NULL;
    }

  switch (entity)
    {
    case KIOSK_ENTITY_SALON:         record = salon_from_json (data, error); break;
    case KIOSK_ENTITY_WORKING_HOURS: record = working_hours_from_json (data, error); break;
    case KIOSK_ENTITY_CATEGORY:      record = category_from_json (data, error); break;
    case KIOSK_ENTITY_SERVICE:       record = service_from_json (data, error); break;
    case KIOSK_ENTITY_EMPLOYEE:      record = employee_from_json (data, error); break;
    case KIOSK_ENTITY_CUSTOMER:      record = customer_from_json (data, error); break;
    case KIOSK_ENTITY_APPOINTMENT:   record = appointment_from_json (data, error); break;
    case KIOSK_ENTITY_WALKIN:        record = walkin_from_json (data, error); break;
    case KIOSK_ENTITY_POINT_ENTRY:   record = point_entry_from_json (data, error); break;
    case KIOSK_ENTITY_UNKNOWN:
    default:
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_INVALID,
                           _("entity: not one this kiosk knows"));
      return NULL;
    }

  if (record != NULL)
    set_version (entity, record, version);
  return record;
}

/* ------------------------------------------------------------------ feed */

void
kiosk_change_free (KioskChange *change)
{
  if (change == NULL)
    return;
  if (change->record != NULL)
    kiosk_record_free (change->entity, change->record);
  g_free (change->entity_name);
  g_free (change->id);
  g_free (change->invalid_reason);
  g_free (change->raw_json);
  g_free (change);
}

void
kiosk_feed_page_free (KioskFeedPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->changes, g_ptr_array_unref);
  g_free (page->cursor);
  g_free (page);
}

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Fills @change from one element of `changes`; FALSE with the reason when
 * it cannot be applied. */
static gboolean
read_change (JsonNode     *node,
             KioskChange  *change,
             GError      **error)
{
  JsonObject *o;
  JsonNode *data;
  const char *entity_name, *op, *id;
  gint64 version;

  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    return wrong_type (error, "change", _("an object"), node);
  o = json_node_get_object (node);

  if (!peek_string (o, "entity", REQUIRED, &entity_name, error))
    return FALSE;
  change->entity_name = g_strdup (entity_name);
  change->entity = kiosk_entity_from_string (entity_name);

  /* Kept for the quarantine even when the rest is bad. */
  id = node_string (json_object_get_member (o, "id"));
  if (id != NULL && g_utf8_validate (id, -1, NULL))
    change->id = g_strdup (id);

  /* An entity from a newer server is skipped whatever it carries: its ops
   * and ids may follow rules this kiosk does not know yet. */
  if (change->entity == KIOSK_ENTITY_UNKNOWN)
    {
      JsonNode *version_node = json_object_get_member (o, "version");

      if (version_node != NULL && JSON_NODE_TYPE (version_node) == JSON_NODE_VALUE &&
          json_node_get_value_type (version_node) == G_TYPE_INT64)
        change->version = json_node_get_int (version_node);
      change->is_delete = g_strcmp0 (node_string (json_object_get_member (o, "op")), "delete") == 0;
      return TRUE;
    }

  if (!peek_string (o, "op", REQUIRED, &op, error) ||
      !read_int (o, "version", REQUIRED, 1, G_MAXINT64, &version, error))
    return FALSE;
  change->version = version;
  if (g_str_equal (op, "delete"))
    change->is_delete = TRUE;
  else if (!g_str_equal (op, "upsert"))
    return invalid (error, "op", _("is neither \"upsert\" nor \"delete\""));

  if (!peek_string (o, "id", REQUIRED, &id, error))
    return FALSE;
  if (!id_is_valid (change->entity, id))
    return invalid (error, "id", change->entity == KIOSK_ENTITY_WORKING_HOURS
                                   ? _("is not \"<salon UUID>:<day>\"")
                                   : _("is not a UUID"));
  if (change->is_delete)
    return TRUE;

  data = json_object_get_member (o, "data");
  if (data == NULL || JSON_NODE_TYPE (data) != JSON_NODE_OBJECT)
    return data == NULL ? invalid (error, "data", _("is missing"))
                        : wrong_type (error, "data", _("an object"), data);

  change->record = kiosk_json_to_record (change->entity, json_node_get_object (data), version, error);
  if (change->record == NULL)
    return FALSE;
  if (!g_str_equal (kiosk_record_get_id (change->entity, change->record), id))
    {
      kiosk_record_free (change->entity, g_steal_pointer (&change->record));
      return invalid (error, "id", _("differs from the id of the change"));
    }
  return TRUE;
}

static KioskChange *
change_from_node (JsonNode *element)
{
  KioskChange *change = g_new0 (KioskChange, 1);
  g_autoptr(GError) change_error = NULL;

  change->entity = KIOSK_ENTITY_UNKNOWN;
  if (!read_change (element, change, &change_error))
    {
      /* A change we could not read is never skipped silently: the
       * engine quarantines it, so an unknown entity only counts as
       * "skip" when the change itself was well formed. */
      if (change->record != NULL)
        kiosk_record_free (change->entity, g_steal_pointer (&change->record));
      change->invalid_reason = g_strdup (change_error->message);
      change->raw_json = json_to_string (element, FALSE);
    }
  return change;
}

KioskFeedPage *
kiosk_json_parse_feed_page (const char  *body,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(KioskFeedPage) page = NULL;
  JsonObject *o;
  JsonNode *changes, *cursor, *has_more;
  JsonArray *array;
  guint n;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = parse_body (body, length, error);
  if (root == NULL)
    return NULL;
  if (JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_INVALID,
                           _("The page of changes is not an object"));
      return NULL;
    }
  o = json_node_get_object (root);

  changes = json_object_get_member (o, "changes");
  cursor = json_object_get_member (o, "cursor");
  has_more = json_object_get_member (o, "has_more");
  if (changes == NULL || JSON_NODE_TYPE (changes) != JSON_NODE_ARRAY)
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_INVALID,
                           _("The page of changes has no list of changes"));
      return NULL;
    }
  if (node_string (cursor) == NULL || !g_utf8_validate (node_string (cursor), -1, NULL))
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_INVALID,
                           _("The page of changes has no cursor"));
      return NULL;
    }
  if (strlen (node_string (cursor)) > KIOSK_FEED_MAX_CURSOR)
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_INVALID,
                           _("The page of changes has a cursor too long to be one"));
      return NULL;
    }
  if (has_more == NULL || JSON_NODE_TYPE (has_more) != JSON_NODE_VALUE ||
      json_node_get_value_type (has_more) != G_TYPE_BOOLEAN)
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_INVALID,
                           _("The page of changes does not say whether more follow"));
      return NULL;
    }

  array = json_node_get_array (changes);
  n = json_array_get_length (array);

  page = g_new0 (KioskFeedPage, 1);
  page->changes = g_ptr_array_new_full (n, (GDestroyNotify)kiosk_change_free);
  page->cursor = g_strdup (json_node_get_string (cursor));
  page->has_more = json_node_get_boolean (has_more);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (page->changes, change_from_node (json_array_get_element (array, i)));

  return g_steal_pointer (&page);
}

KioskChange *
kiosk_json_read_change_text (const char *text,
                             gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  KioskChange *change;

  if (!json_parser_load_from_data (parser, text, (gssize)length, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      /* Cannot happen for text the streaming reader checked; say so
       * rather than crash if it ever does. */
      change = g_new0 (KioskChange, 1);
      change->entity = KIOSK_ENTITY_UNKNOWN;
      change->invalid_reason = g_strdup (local_error ? local_error->message : _("The change is empty"));
      change->raw_json = g_strndup (text, length);
      return change;
    }
  return change_from_node (json_parser_get_root (parser));
}

/* ---------------------------------------------------------------- errors */

static JsonObject *
parse_error_object (const char *body,
                    gssize      length,
                    JsonNode  **root_out)
{
  JsonNode *root;

  *root_out = NULL;
  if (body == NULL || length == 0)
    return NULL;
  root = parse_body (body, length, NULL);
  if (root == NULL)
    return NULL;
  *root_out = root;
  if (JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
    return NULL;
  return json_node_get_object (root);
}

char *
kiosk_json_error_code (const char *body,
                       gssize      length)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o = parse_error_object (body, length, &root);
  const char *code;

  if (o == NULL)
    return NULL;
  code = node_string (json_object_get_member (o, "code"));
  if (code == NULL || *code == '\0' || !g_utf8_validate (code, -1, NULL))
    return NULL;
  return g_strdup (code);
}

static char *
shorten (const char *text)
{
  const char *end;

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;
  if (g_utf8_strlen (text, -1) <= MAX_REASON_CHARS)
    return g_strdup (text);
  end = g_utf8_offset_to_pointer (text, MAX_REASON_CHARS);
  return g_strdup_printf ("%.*s…", (int)(end - text), text);
}

/* The first message of a DRF error value: "msg", ["msg", …], or a nested
 * serializer's {"field": ["msg"]}. @prefix is the field path so far. */
static char *
first_message (JsonNode   *node,
               const char *prefix,
               int         depth)
{
  const char *text;

  if (depth > 8)
    return NULL;

  if ((text = node_string (node)) != NULL)
    {
      g_autofree char *message = NULL;

      if (*text == '\0')
        return NULL;
      message = prefix != NULL ? g_strdup_printf ("%s: %s", prefix, text) : g_strdup (text);
      return shorten (message);
    }

  if (JSON_NODE_TYPE (node) == JSON_NODE_ARRAY)
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          char *message = first_message (json_array_get_element (array, i), prefix, depth + 1);

          if (message != NULL)
            return message;
        }
      return NULL;
    }

  if (JSON_NODE_TYPE (node) == JSON_NODE_OBJECT)
    {
      JsonObject *o = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (o);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          g_autofree char *path = NULL;
          char *message;

          if (!g_utf8_validate (name, -1, NULL))
            continue;
          /* Errors not tied to a field read best without a prefix. */
          if (g_str_equal (name, "non_field_errors") || g_str_equal (name, "detail"))
            path = g_strdup (prefix);
          else
            path = prefix != NULL ? g_strdup_printf ("%s.%s", prefix, name) : g_strdup (name);
          message = first_message (json_object_get_member (o, name), path, depth + 1);
          if (message != NULL)
            return message;
        }
    }

  return NULL;
}

char *
kiosk_json_error_reason (const char *body,
                         gssize      length)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o = parse_error_object (body, length, &root);
  const char *detail;

  if (root == NULL)
    return NULL;
  /* A bare list: DRF's ValidationError raised without a field. */
  if (o == NULL)
    return JSON_NODE_TYPE (root) == JSON_NODE_ARRAY ? first_message (root, NULL, 0) : NULL;

  detail = node_string (json_object_get_member (o, "detail"));
  if (detail != NULL && *detail != '\0')
    return shorten (detail);

  /* The extension's errors ({"code", "detail", "conflicts": [...]}) carry
   * data beside the code, not field messages. */
  if (json_object_has_member (o, "code"))
    return NULL;

  {
    g_autoptr(GList) members = json_object_get_members (o);

    for (const GList *l = members; l != NULL; l = l->next)
      {
        const char *name = l->data;
        char *message;

        if (!g_utf8_validate (name, -1, NULL) || g_str_equal (name, "detail"))
          continue;
        message = first_message (json_object_get_member (o, name),
                                 g_str_equal (name, "non_field_errors") ? NULL : name, 1);
        if (message != NULL)
          return message;
      }
  }
  return NULL;
}
