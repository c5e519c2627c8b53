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

static gint64
feed_compare_record_version (KioskEntity   entity,
                             gconstpointer record)
{
  switch (entity)
    {
    case KIOSK_ENTITY_SALON:         return ((const KioskSalon *) record)->version;
    case KIOSK_ENTITY_WORKING_HOURS: return ((const KioskWorkingHours *) record)->version;
    case KIOSK_ENTITY_CATEGORY:      return ((const KioskCategory *) record)->version;
    case KIOSK_ENTITY_SERVICE:       return ((const KioskService *) record)->version;
    case KIOSK_ENTITY_EMPLOYEE:      return ((const KioskEmployee *) record)->version;
    case KIOSK_ENTITY_CUSTOMER:      return ((const KioskCustomer *) record)->version;
    case KIOSK_ENTITY_APPOINTMENT:   return ((const KioskAppointment *) record)->version;
    case KIOSK_ENTITY_WALKIN:        return ((const KioskWalkin *) record)->version;
    case KIOSK_ENTITY_POINT_ENTRY:   return ((const KioskPointEntry *) record)->version;
    case KIOSK_ENTITY_UNKNOWN:
    default:
      return -1;
    }
}

/* NULL when the two changes are the same, else what differs. */
static char *
feed_compare_changes (const KioskChange *a,
                      const KioskChange *b)
{
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;

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
  if (feed_compare_record_version (a->entity, a->record) != feed_compare_record_version (b->entity, b->record))
    return g_strdup ("record version");
  dump_a = kiosk_json_dump_line (a->entity, a->record, a->version, FALSE);
  dump_b = kiosk_json_dump_line (b->entity, b->record, b->version, FALSE);
  if (g_strcmp0 (dump_a, dump_b) != 0)
    return g_strdup_printf ("record %s / %s", dump_a, dump_b);
  /* The only field the dump leaves out. */
  if (a->entity == KIOSK_ENTITY_CUSTOMER &&
      g_strcmp0 (((const KioskCustomer *) a->record)->consent_at,
                 ((const KioskCustomer *) b->record)->consent_at) != 0)
    return g_strdup ("consent_at");
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
