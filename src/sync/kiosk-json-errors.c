/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Error replies (docs/kiosk-api.md §1): the machine `code` of a 409, 410 or
 * 422, and the first message of a DRF 400 or the `detail`, shortened for
 * the UI and the quarantine.
 */
#define G_LOG_DOMAIN "kiosk-json"

#include "config.h"

#include "kiosk-json.h"
#include "kiosk-json-private.h"

/* Server texts end up in the UI and the quarantine; keep them readable. */
#define MAX_REASON_CHARS 400

static JsonObject *
parse_error_object (const char *body,
                    gssize      length,
                    JsonNode  **root_out)
{
  JsonNode *root;

  *root_out = NULL;
  if (body == NULL || length == 0)
    return NULL;
  root = kiosk_json_parse_body (body, length, NULL);
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
  code = kiosk_json_node_string (json_object_get_member (o, "code"));
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

  if ((text = kiosk_json_node_string (node)) != NULL)
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

  detail = kiosk_json_node_string (json_object_get_member (o, "detail"));
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
