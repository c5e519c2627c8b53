/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The contract's JSON (kiosk-json.h): what the other kiosk-json-*.c files
 * share. Checking and parsing a body (json-glib 1.6 must never see some of
 * what a server may send), reading one member with the contract's rules
 * (docs/kiosk-api.md §1), and writing one. The entities are
 * kiosk-json-records.c's, the feed kiosk-json-feed.c's, error replies
 * kiosk-json-errors.c's and the bodies of uploads kiosk-json-outbox.c's.
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

JsonNode *
kiosk_json_parse_body (const char  *body,
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

/* -------------------------------------------------------- reading members */

gboolean
kiosk_json_invalid (GError     **error,
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

gboolean
kiosk_json_wrong_type (GError     **error,
                       const char  *field,
                       const char  *expected,
                       JsonNode    *node)
{
  g_autofree char *what = g_strdup_printf (_("expected %s, got %s"), expected, node_kind (node));

  return kiosk_json_invalid (error, field, what);
}

const char *
kiosk_json_node_string (JsonNode *node)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
kiosk_json_get_member (JsonObject     *o,
                       const char     *field,
                       KioskJsonNeed   need,
                       JsonNode      **out,
                       GError        **error)
{
  JsonNode *node = json_object_get_member (o, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *out = NULL;
      if (need == KIOSK_JSON_REQUIRED)
        return kiosk_json_invalid (error, field, node ? _("must not be null") : _("is missing"));
      return TRUE;
    }
  *out = node;
  return TRUE;
}

gboolean
kiosk_json_peek_string (JsonObject     *o,
                        const char     *field,
                        KioskJsonNeed   need,
                        const char    **out,
                        GError        **error)
{
  JsonNode *node;
  const char *text;

  *out = NULL;
  if (!kiosk_json_get_member (o, field, need, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
    return kiosk_json_wrong_type (error, field, _("a string"), node);
  text = json_node_get_string (node);
  /* A lone surrogate escape ("\ud800") comes out of json-glib as bytes that
   * are not UTF-8; nothing downstream must ever see those. */
  if (!g_utf8_validate (text, -1, NULL))
    return kiosk_json_invalid (error, field, _("is not valid UTF-8"));
  *out = text;
  return TRUE;
}

/* json-glib wraps integers that do not fit in 64 bits (99999999999999999999
 * reads as -1), so counters that cannot be negative are checked for it. */
gboolean
kiosk_json_read_int (JsonObject     *o,
                     const char     *field,
                     KioskJsonNeed   need,
                     gint64          min,
                     gint64          max,
                     gint64         *out,
                     GError        **error)
{
  JsonNode *node;
  gint64 value;

  *out = 0;
  if (!kiosk_json_get_member (o, field, need, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_INT64)
    return kiosk_json_wrong_type (error, field, _("a whole number"), node);
  value = json_node_get_int (node);
  if (value < min || value > max)
    return kiosk_json_invalid (error, field, _("is out of range"));
  *out = value;
  return TRUE;
}

const char *
kiosk_json_id_form_invalid (KioskEntity entity)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);

  return type != NULL && type->id_form == KIOSK_ID_SALON_DAY
         ? _("is not \"<salon UUID>:<day>\"")
         : _("is not a UUID");
}

/* -------------------------------------------------------- writing members */

void
kiosk_json_set_string (JsonObject *o,
                       const char *field,
                       const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, field, value);
  else
    json_object_set_null_member (o, field);
}

/* Text the server keeps as a blank-able CharField: "" rather than null. */
void
kiosk_json_set_text (JsonObject *o,
                     const char *field,
                     const char *value)
{
  json_object_set_string_member (o, field, value != NULL ? value : "");
}

void
kiosk_json_set_time (JsonObject *o,
                     const char *field,
                     int         seconds)
{
  g_autofree char *text = kiosk_time_format (seconds);

  json_object_set_string_member (o, field, text);
}

void
kiosk_json_set_money (JsonObject *o,
                      const char *field,
                      gint64      kurus)
{
  g_autofree char *text = kiosk_money_to_decimal (kurus);

  json_object_set_string_member (o, field, text);
}

char *
kiosk_json_object_to_string (JsonObject *o)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, o);
  return json_to_string (node, FALSE);
}
