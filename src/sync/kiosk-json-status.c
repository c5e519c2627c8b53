/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * --status --json (kiosk-json-status.h).
 */
#define G_LOG_DOMAIN "kiosk-json"

#include "config.h"

#include <json-glib/json-glib.h>

#include "kiosk-json-status.h"

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

char *
kiosk_json_status_report (const KioskStatusReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "enrolled");
  json_builder_add_boolean_value (builder, report->enrolled);
  add_string_or_null (builder, "server", report->server);
  add_string_or_null (builder, "salon", report->salon);
  add_string_or_null (builder, "salon_name", report->salon_name);
  add_string_or_null (builder, "device", report->device);
  add_string_or_null (builder, "device_name", report->device_name);
  add_string_or_null (builder, "token", report->token);
  add_string_or_null (builder, "revoked_at", report->revoked_at);
  add_string_or_null (builder, "revoked_reason", report->revoked_reason);
  json_builder_set_member_name (builder, "has_cursor");
  json_builder_add_boolean_value (builder, report->has_cursor);
  add_string_or_null (builder, "last_pull", report->last_pull);
  json_builder_set_member_name (builder, "cursor_age_seconds");
  if (report->cursor_age_seconds >= 0)
    json_builder_add_int_value (builder, report->cursor_age_seconds);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "outbox");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (report->outbox); i++)
    {
      json_builder_set_member_name (builder, kiosk_outbox_state_to_string ((KioskOutboxState)i));
      json_builder_add_int_value (builder, report->outbox[i]);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "quarantined");
  json_builder_add_int_value (builder, report->quarantined);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
