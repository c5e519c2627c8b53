/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * A page of the change feed (docs/kiosk-api.md §3.2) through json-glib:
 * the reader of record for every change the streaming reader
 * (kiosk-feed-reader.c) is not sure about, and for pages it cannot read.
 * A change that cannot be applied keeps its reason and raw text for the
 * quarantine; the text is generated only then.
 */
#define G_LOG_DOMAIN "kiosk-json"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "kiosk-json.h"
#include "kiosk-json-private.h"

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
    return kiosk_json_wrong_type (error, "change", _("an object"), node);
  o = json_node_get_object (node);

  if (!kiosk_json_peek_string (o, "entity", KIOSK_JSON_REQUIRED, &entity_name, error))
    return FALSE;
  change->entity_name = g_strdup (entity_name);
  change->entity = kiosk_entity_from_string (entity_name);

  /* Kept for the quarantine even when the rest is bad. */
  id = kiosk_json_node_string (json_object_get_member (o, "id"));
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
      change->is_delete = g_strcmp0 (kiosk_json_node_string (json_object_get_member (o, "op")), "delete") == 0;
      return TRUE;
    }

  if (!kiosk_json_peek_string (o, "op", KIOSK_JSON_REQUIRED, &op, error) ||
      !kiosk_json_read_int (o, "version", KIOSK_JSON_REQUIRED, 1, G_MAXINT64, &version, error))
    return FALSE;
  change->version = version;
  if (g_str_equal (op, "delete"))
    change->is_delete = TRUE;
  else if (!g_str_equal (op, "upsert"))
    return kiosk_json_invalid (error, "op", _("is neither \"upsert\" nor \"delete\""));

  if (!kiosk_json_peek_string (o, "id", KIOSK_JSON_REQUIRED, &id, error))
    return FALSE;
  if (!kiosk_record_id_is_valid (change->entity, id))
    return kiosk_json_invalid (error, "id", kiosk_json_id_form_invalid (change->entity));
  if (change->is_delete)
    return TRUE;

  data = json_object_get_member (o, "data");
  if (data == NULL || JSON_NODE_TYPE (data) != JSON_NODE_OBJECT)
    return data == NULL ? kiosk_json_invalid (error, "data", _("is missing"))
                        : kiosk_json_wrong_type (error, "data", _("an object"), data);

  change->record = kiosk_json_to_record (change->entity, json_node_get_object (data), version, error);
  if (change->record == NULL)
    return FALSE;
  if (!g_str_equal (kiosk_record_get_id (change->entity, change->record), id))
    {
      kiosk_record_free (change->entity, g_steal_pointer (&change->record));
      return kiosk_json_invalid (error, "id", _("differs from the id of the change"));
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

  root = kiosk_json_parse_body (body, length, error);
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
  if (kiosk_json_node_string (cursor) == NULL || !g_utf8_validate (kiosk_json_node_string (cursor), -1, NULL))
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_INVALID,
                           _("The page of changes has no cursor"));
      return NULL;
    }
  if (strlen (kiosk_json_node_string (cursor)) > KIOSK_FEED_MAX_CURSOR)
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
