/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Do the two feed readers (kiosk_json_parse_feed_page(), json-glib, and
 * kiosk_feed_reader_parse_page(), streaming) agree on a body? Shared by
 * tests/sync/test-feed-reader.c and the fuzzer. Header-only: the fuzzer is
 * built apart with clang.
 */
#pragma once

#include <string.h>

#include "kiosk-feed-reader.h"
#include "kiosk-json.h"
#include "kiosk-record-fields.h"

/* NULL when the fields of @a and @b that the dump line leaves out (§3.4
 * does not list them) are the same, else the first that differs. */
static const char *
feed_compare_unwritten_fields (KioskEntity   entity,
                               gconstpointer a,
                               gconstpointer b)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);

  for (guint i = 0; i < type->n_fields; i++)
    {
      const KioskRecordField *field = &type->fields[i];

      if ((field->flags & (KIOSK_FIELD_NO_JSON | KIOSK_FIELD_NOT_WRITTEN)) == 0)
        continue;
      switch (field->type)
        {
        case KIOSK_FIELD_ID:
        case KIOSK_FIELD_STRING:
        case KIOSK_FIELD_UUID:
        case KIOSK_FIELD_DATE:
        case KIOSK_FIELD_INSTANT:
          if (g_strcmp0 (*kiosk_record_field_text (field, a), *kiosk_record_field_text (field, b)) != 0)
            return field->name;
          break;
        case KIOSK_FIELD_INT64:
        case KIOSK_FIELD_MONEY:
          if (*kiosk_record_field_int64 (field, a) != *kiosk_record_field_int64 (field, b))
            return field->name;
          break;
        case KIOSK_FIELD_TIME:
        case KIOSK_FIELD_INT:
        case KIOSK_FIELD_BOOL:
        case KIOSK_FIELD_ENUM:
          if (*kiosk_record_field_int (field, a) != *kiosk_record_field_int (field, b))
            return field->name;
          break;
        case KIOSK_FIELD_ID_LIST:
        default:
          if (!g_strv_equal ((const char * const *) *kiosk_record_field_list (field, a),
                             (const char * const *) *kiosk_record_field_list (field, b)))
            return field->name;
          break;
        }
    }
  return NULL;
}

/* NULL when the two changes are the same, else what differs. */
static char *
feed_compare_changes (const KioskChange *a,
                      const KioskChange *b)
{
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  const char *unwritten;

  if (a->entity != b->entity)
    return g_strdup_printf ("entity %d / %d", a->entity, b->entity);
  if (g_strcmp0 (a->entity_name, b->entity_name) != 0)
    return g_strdup_printf ("entity_name %s / %s", a->entity_name, b->entity_name);
  if (g_strcmp0 (a->id, b->id) != 0)
    return g_strdup_printf ("id %s / %s", a->id, b->id);
  if (a->version != b->version)
    return g_strdup_printf ("version %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT, a->version, b->version);
  if (a->is_delete != b->is_delete)
    return g_strdup ("is_delete");
  if (g_strcmp0 (a->invalid_reason, b->invalid_reason) != 0)
    return g_strdup_printf ("invalid_reason %s / %s", a->invalid_reason, b->invalid_reason);
  if (g_strcmp0 (a->raw_json, b->raw_json) != 0)
    return g_strdup_printf ("raw_json %s / %s", a->raw_json, b->raw_json);
  if ((a->record == NULL) != (b->record == NULL))
    return g_strdup_printf ("record %p / %p", a->record, b->record);
  if (a->record == NULL)
    return NULL;
  if (kiosk_record_get_version (a->entity, a->record) != kiosk_record_get_version (b->entity, b->record))
    return g_strdup ("record version");
  dump_a = kiosk_json_dump_line (a->entity, a->record, a->version, FALSE);
  dump_b = kiosk_json_dump_line (b->entity, b->record, b->version, FALSE);
  if (g_strcmp0 (dump_a, dump_b) != 0)
    return g_strdup_printf ("record %s / %s", dump_a, dump_b);
  unwritten = feed_compare_unwritten_fields (a->entity, a->record, b->record);
  if (unwritten != NULL)
    return g_strdup (unwritten);
  return NULL;
}

/* NULL when both readers read @body the same (the same page, or the same
 * error), else what differs. */
static char *
feed_compare_readers (const char *body,
                      gssize      length)
{
  g_autoptr(GError) error_a = NULL;
  g_autoptr(GError) error_b = NULL;
  g_autoptr(KioskFeedPage) a = kiosk_json_parse_feed_page (body, length, &error_a);
  g_autoptr(KioskFeedPage) b = kiosk_feed_reader_parse_page (body, length, &error_b);

  if ((a == NULL) != (b == NULL))
    return g_strdup_printf ("json-glib: %s, streaming: %s",
                            a ? "a page" : error_a->message, b ? "a page" : error_b->message);
  if (a == NULL)
    {
      if (error_a->domain != error_b->domain || error_a->code != error_b->code ||
          g_strcmp0 (error_a->message, error_b->message) != 0)
        return g_strdup_printf ("errors: %s / %s", error_a->message, error_b->message);
      return NULL;
    }
  if (g_strcmp0 (a->cursor, b->cursor) != 0)
    return g_strdup_printf ("cursor %s / %s", a->cursor, b->cursor);
  if (a->has_more != b->has_more)
    return g_strdup ("has_more");
  if (a->changes->len != b->changes->len)
    return g_strdup_printf ("%u / %u changes", a->changes->len, b->changes->len);
  for (guint i = 0; i < a->changes->len; i++)
    {
      char *why = feed_compare_changes (g_ptr_array_index (a->changes, i), g_ptr_array_index (b->changes, i));

      if (why != NULL)
        {
          char *where = g_strdup_printf ("change %u: %s", i, why);

          g_free (why);
          return where;
        }
    }
  return NULL;
}
