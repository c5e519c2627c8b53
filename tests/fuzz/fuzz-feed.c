/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * libFuzzer target for everything the kiosk reads off the wire: pages of
 * the change feed, 2xx replies (read as each entity in turn) and error
 * bodies. Besides "never crash", it checks one property: a record the
 * reader accepts is written back to JSON that the reader accepts again,
 * unchanged (so the dump, the outbox and the replica never disagree); and
 * the streaming feed reader (kiosk-feed-reader.c) reads every page exactly
 * as the json-glib one does.
 */
#define G_LOG_DOMAIN "fuzz-feed"

#include <stdlib.h>
#include <string.h>

#include "kiosk-json.h"
#include "kiosk-json-private.h"

#include "feed-compare.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check_round_trip (KioskEntity   entity,
                  gconstpointer record,
                  gint64        version)
{
  g_autoptr(JsonNode) node = kiosk_json_from_record (entity, record);
  g_autofree char *line = kiosk_json_dump_line (entity, record, version, TRUE);
  g_autofree char *line_again = NULL;
  g_autoptr(GError) error = NULL;
  gpointer again;

  if (node == NULL || line == NULL)
    abort ();
  again = kiosk_json_to_record (entity, json_node_get_object (node), version, &error);
  if (again == NULL)
    {
      g_printerr ("accepted %s does not read back: %s\n", kiosk_entity_to_string (entity), error->message);
      abort ();
    }
  line_again = kiosk_json_dump_line (entity, again, version, TRUE);
  if (strcmp (line, line_again) != 0)
    {
      g_printerr ("round trip changed the record:\n%s\n%s\n", line, line_again);
      abort ();
    }

  /* The bodies built from records the desk may hold. */
  switch (entity)
    {
    case KIOSK_ENTITY_CUSTOMER:    g_free (kiosk_json_customer_create_body (record)); break;
    case KIOSK_ENTITY_APPOINTMENT: g_free (kiosk_json_appointment_create_body (record)); break;
    case KIOSK_ENTITY_WALKIN:      g_free (kiosk_json_walkin_create_body (record)); break;
    case KIOSK_ENTITY_POINT_ENTRY: g_free (kiosk_json_redemption_body (record)); break;
    case KIOSK_ENTITY_SALON:
    case KIOSK_ENTITY_WORKING_HOURS:
    case KIOSK_ENTITY_CATEGORY:
    case KIOSK_ENTITY_SERVICE:
    case KIOSK_ENTITY_EMPLOYEE:
    case KIOSK_ENTITY_UNKNOWN:
    default:
      break;
    }
  kiosk_record_free (entity, again);
}

static void
fuzz_records (const guint8 *data,
              size_t        size)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  /* The library's own guard for json-glib 1.6 (deep nesting, data after
   * the end, broken \u escapes, on which it recurses or leaks). */
  if (!kiosk_json_check_body ((const char *)data, size, NULL))
    return;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, (const char *)data, (gssize)size, NULL))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  for (KioskEntity entity = 0; entity < KIOSK_N_ENTITIES; entity++)
    {
      g_autoptr(GError) error = NULL;
      gpointer record = kiosk_json_to_record (entity, json_node_get_object (root), 3, &error);

      if (record == NULL)
        {
          if (error == NULL || error->domain != KIOSK_JSON_ERROR || error->message == NULL)
            abort ();
          continue;
        }
      check_round_trip (entity, record, 3);
      kiosk_record_free (entity, record);
    }
}

static void
fuzz_page (const guint8 *data,
           size_t        size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskFeedPage) page = kiosk_json_parse_feed_page ((const char *)data, (gssize)size, &error);
  g_autofree char *why = NULL;

  /* The streaming reader the engine uses must read every body exactly as
   * the json-glib one does. */
  why = feed_compare_readers ((const char *)data, (gssize)size);
  if (why != NULL)
    {
      g_printerr ("the feed readers disagree: %s\n", why);
      abort ();
    }

  if (page == NULL)
    {
      if (error == NULL || error->domain != KIOSK_JSON_ERROR)
        abort ();
      return;
    }
  if (page->cursor == NULL || !g_utf8_validate (page->cursor, -1, NULL))
    abort ();
  for (guint i = 0; i < page->changes->len; i++)
    {
      KioskChange *change = g_ptr_array_index (page->changes, i);

      if (change->invalid_reason != NULL)
        {
          /* A quarantined change keeps its text and never a record. */
          if (change->raw_json == NULL || change->record != NULL ||
              !g_utf8_validate (change->invalid_reason, -1, NULL))
            abort ();
          continue;
        }
      if (change->entity == KIOSK_ENTITY_UNKNOWN || change->is_delete)
        {
          if (change->record != NULL)
            abort ();
          continue;
        }
      if (change->record == NULL || change->version < 1 ||
          g_strcmp0 (kiosk_record_get_id (change->entity, change->record), change->id) != 0)
        abort ();
      check_round_trip (change->entity, change->record, change->version);
    }
}

static void
fuzz_errors (const guint8 *data,
             size_t        size)
{
  g_autofree char *code = kiosk_json_error_code ((const char *)data, (gssize)size);
  g_autofree char *reason = kiosk_json_error_reason ((const char *)data, (gssize)size);

  if ((code != NULL && !g_utf8_validate (code, -1, NULL)) ||
      (reason != NULL && !g_utf8_validate (reason, -1, NULL)))
    abort ();
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* The inputs are not NUL-terminated: every reader must honour @size. */
  fuzz_page (data, size);
  fuzz_errors (data, size);
  fuzz_records (data, size);
  return 0;
}
