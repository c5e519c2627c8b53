/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The entities of the contract (docs/kiosk-api.md §3.4) to records and back,
 * walking their tables (domain/kiosk-record-fields.h): the `data` of a feed
 * upsert or a 2xx reply into a record, a record into the contract's object,
 * and the lines of --dump-replica. The feed's fast path
 * (kiosk-feed-reader.c) walks the same tables and must accept nothing these
 * readers refuse.
 */
#define G_LOG_DOMAIN "kiosk-json"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-json.h"
#include "kiosk-json-private.h"

#include "kiosk-money.h"
#include "kiosk-time.h"

/* ------------------------------------------------------- record readers */

static gboolean
read_money (JsonObject     *o,
            const char     *field,
            KioskJsonNeed   need,
            gint64         *out,
            GError        **error)
{
  JsonNode *node;

  *out = 0;
  if (!kiosk_json_get_member (o, field, need, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  /* A number is refused even when it looks whole: money must never have
   * passed through a float on the way here. */
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
    return kiosk_json_wrong_type (error, field, _("a decimal string"), node);
  if (!kiosk_money_parse (json_node_get_string (node), out))
    return kiosk_json_invalid (error, field, _("is not an amount of money with at most two decimals"));
  return TRUE;
}

static gboolean
read_bool (JsonObject     *o,
           const char     *field,
           KioskJsonNeed   need,
           gboolean        fallback,
           gboolean       *out,
           GError        **error)
{
  JsonNode *node;

  *out = fallback;
  if (!kiosk_json_get_member (o, field, need, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return kiosk_json_wrong_type (error, field, _("true or false"), node);
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
read_uuid_list (JsonObject     *o,
                const char     *field,
                KioskJsonNeed   need,
                GStrv          *out,
                GError        **error)
{
  JsonNode *node;
  JsonArray *array;
  guint n;
  GStrv list;

  if (!kiosk_json_get_member (o, field, need, &node, error))
    return FALSE;
  if (node == NULL)
    {
      /* Consumers walk the list: an empty one rather than NULL. */
      *out = g_new0 (char *, 1);
      return TRUE;
    }
  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    return kiosk_json_wrong_type (error, field, _("an array of ids"), node);

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
          return kiosk_json_invalid (error, field, _("must be an array of UUIDs"));
        }
      list[i] = g_strdup (json_node_get_string (element));
    }
  *out = list;
  return TRUE;
}

/* One field of @record from @o, by its type (kiosk-record-fields.h). */
static gboolean
read_field (JsonObject              *o,
            KioskEntity              entity,
            const KioskRecordField  *field,
            KioskJsonNeed            need,
            gpointer                 record,
            GError                 **error)
{
  const char *name = field->name;
  const char *text;
  gint64 value;
  GDate date;

  switch (field->type)
    {
    case KIOSK_FIELD_ID:
      if (!kiosk_json_peek_string (o, name, need, &text, error))
        return FALSE;
      if (!kiosk_record_id_is_valid (entity, text))
        return kiosk_json_invalid (error, name, kiosk_json_id_form_invalid (entity));
      *kiosk_record_field_text (field, record) = g_strdup (text);
      return TRUE;

    case KIOSK_FIELD_STRING:
    case KIOSK_FIELD_INSTANT:
      if (!kiosk_json_peek_string (o, name, need, &text, error))
        return FALSE;
      *kiosk_record_field_text (field, record) = g_strdup (text != NULL ? text : field->fallback_text);
      return TRUE;

    case KIOSK_FIELD_UUID:
      if (!kiosk_json_peek_string (o, name, need, &text, error))
        return FALSE;
      if (text != NULL && !g_uuid_string_is_valid (text))
        return kiosk_json_invalid (error, name, _("is not a UUID"));
      *kiosk_record_field_text (field, record) = g_strdup (text);
      return TRUE;

    case KIOSK_FIELD_DATE:
      if (!kiosk_json_peek_string (o, name, need, &text, error))
        return FALSE;
      if (text != NULL && !kiosk_date_parse (text, &date))
        return kiosk_json_invalid (error, name, _("is not a date (YYYY-MM-DD)"));
      *kiosk_record_field_text (field, record) = g_strdup (text);
      return TRUE;

    case KIOSK_FIELD_TIME:
      if (!kiosk_json_peek_string (o, name, need, &text, error))
        return FALSE;
      *kiosk_record_field_int (field, record) = 0;
      if (text != NULL && !kiosk_time_parse (text, kiosk_record_field_int (field, record)))
        return kiosk_json_invalid (error, name, _("is not a time of day (HH:MM or HH:MM:SS)"));
      return TRUE;

    case KIOSK_FIELD_INT:
      if (!kiosk_json_read_int (o, name, need, field->min, field->max, &value, error))
        return FALSE;
      *kiosk_record_field_int (field, record) = (int) value;
      return TRUE;

    case KIOSK_FIELD_INT64:
      return kiosk_json_read_int (o, name, need, field->min, field->max,
                                  kiosk_record_field_int64 (field, record), error);

    case KIOSK_FIELD_MONEY:
      return read_money (o, name, need, kiosk_record_field_int64 (field, record), error);

    case KIOSK_FIELD_BOOL:
      return read_bool (o, name, need, field->fallback, kiosk_record_field_int (field, record), error);

    case KIOSK_FIELD_ENUM:
      if (!kiosk_json_peek_string (o, name, need, &text, error))
        return FALSE;
      *kiosk_record_field_int (field, record) = 0;
      if (text != NULL && !kiosk_enum_from_string (field->enum_type, text, kiosk_record_field_int (field, record)))
        return kiosk_json_invalid (error, name, _(field->enum_type->invalid));
      return TRUE;

    case KIOSK_FIELD_ID_LIST:
      return read_uuid_list (o, name, need, kiosk_record_field_list (field, record), error);

    default:
      g_return_val_if_reached (FALSE);
    }
}

/* The fields in the table's order, but those whose need depends on others
 * (@required_if: working hours' times, optional on a closed day) after
 * the rest. */
static gpointer
record_from_json (KioskEntity   entity,
                  JsonObject   *o,
                  GError      **error)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);
  gpointer record = kiosk_record_new (entity);

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < type->n_fields; i++)
      {
        const KioskRecordField *field = &type->fields[i];
        KioskJsonNeed need;
        gboolean ok;

        if ((field->flags & KIOSK_FIELD_NO_JSON) != 0 || (pass == 1) != (field->required_if != NULL))
          continue;
        if (field->required_if != NULL)
          need = field->required_if (record) ? KIOSK_JSON_REQUIRED : KIOSK_JSON_OPTIONAL;
        else
          need = (field->flags & KIOSK_FIELD_REQUIRED) != 0 ? KIOSK_JSON_REQUIRED : KIOSK_JSON_OPTIONAL;

        ok = read_field (o, entity, field, need, record, error);
        if (ok && field->check != NULL && !field->check (record))
          ok = kiosk_json_invalid (error, field->name, _(field->check_invalid));
        if (!ok)
          {
            kiosk_record_free (entity, record);
            return NULL;
          }
      }
  return record;
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
  if (kiosk_record_type_get (entity) == NULL)
    {
      g_set_error_literal (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_INVALID,
                           _("entity: not one this kiosk knows"));
      return NULL;
    }

  record = record_from_json (entity, data, error);
  if (record != NULL)
    kiosk_record_set_version (entity, record, version);
  return record;
}

/* ------------------------------------------------------- record writers */

/* The contract's object: every field the table writes, in its order. */
static JsonObject *
record_to_object (KioskEntity   entity,
                  gconstpointer record)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);
  JsonObject *o;

  g_return_val_if_fail (type != NULL, NULL);

  o = json_object_new ();
  for (guint i = 0; i < type->n_fields; i++)
    {
      const KioskRecordField *field = &type->fields[i];
      const char *name = field->name;

      if ((field->flags & (KIOSK_FIELD_NO_JSON | KIOSK_FIELD_NOT_WRITTEN)) != 0)
        continue;
      switch (field->type)
        {
        case KIOSK_FIELD_ID:
        case KIOSK_FIELD_STRING:
        case KIOSK_FIELD_UUID:
        case KIOSK_FIELD_DATE:
        case KIOSK_FIELD_INSTANT:
          {
            const char *text = *kiosk_record_field_text (field, record);

            kiosk_json_set_string (o, name, text != NULL ? text : field->fallback_text);
          }
          break;
        case KIOSK_FIELD_TIME:
          kiosk_json_set_time (o, name, *kiosk_record_field_int (field, record));
          break;
        case KIOSK_FIELD_INT:
          json_object_set_int_member (o, name, *kiosk_record_field_int (field, record));
          break;
        case KIOSK_FIELD_INT64:
          json_object_set_int_member (o, name, *kiosk_record_field_int64 (field, record));
          break;
        case KIOSK_FIELD_MONEY:
          kiosk_json_set_money (o, name, *kiosk_record_field_int64 (field, record));
          break;
        case KIOSK_FIELD_BOOL:
          json_object_set_boolean_member (o, name, *kiosk_record_field_int (field, record));
          break;
        case KIOSK_FIELD_ENUM:
          kiosk_json_set_string (o, name, kiosk_enum_to_string (field->enum_type,
                                                                *kiosk_record_field_int (field, record)));
          break;
        case KIOSK_FIELD_ID_LIST:
          {
            GStrv list = *kiosk_record_field_list (field, record);
            JsonArray *array = json_array_new ();

            for (guint j = 0; list != NULL && list[j] != NULL; j++)
              json_array_add_string_element (array, list[j]);
            json_object_set_array_member (o, name, array);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return o;
}

JsonNode *
kiosk_json_from_record (KioskEntity   entity,
                        gconstpointer record)
{
  JsonObject *o;
  JsonNode *node;

  g_return_val_if_fail (record != NULL, NULL);

  o = record_to_object (entity, record);
  if (o == NULL)
    return NULL;
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, o);
  return node;
}

/* ------------------------------------------------------------------ dump */

char *
kiosk_json_dump_line (KioskEntity   entity,
                      gconstpointer record,
                      gint64        version,
                      gboolean      pending)
{
  JsonObject *o;
  JsonObject *data;

  g_return_val_if_fail (record != NULL, NULL);

  data = record_to_object (entity, record);
  if (data == NULL)
    return NULL;

  o = json_object_new ();
  json_object_set_string_member (o, "entity", kiosk_entity_to_string (entity));
  kiosk_json_set_string (o, "id", kiosk_record_get_id (entity, record));
  json_object_set_int_member (o, "version", version);
  json_object_set_object_member (o, "data", data);
  if (pending)
    json_object_set_boolean_member (o, "pending", TRUE);
  return kiosk_json_object_to_string (o);
}
