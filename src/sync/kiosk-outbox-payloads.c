/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The outbox's bodies once queued (kiosk-outbox.h): read back for the
 * refused-changes screen, re-pointed to another customer after a
 * phone_exists (docs/kiosk-api.md §3.3), and written out for staff before
 * the replica takes another salon.
 */
#define G_LOG_DOMAIN "kiosk-sync"

#include "config.h"

#include <json-glib/json-glib.h>

#include "kiosk-outbox.h"
#include "kiosk-replica-sync.h"

/* A body as a JSON object, or NULL. */
static JsonNode *
parse_payload (const char *payload)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (payload == NULL || !json_parser_load_from_data (parser, payload, -1, NULL))
    return NULL;
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_parser_steal_root (parser);
}

static char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static gint64
member_int (JsonObject *o,
            const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

void
kiosk_outbox_body_free (KioskOutboxBody *body)
{
  if (body == NULL)
    return;
  g_free (body->customer);
  g_free (body->service);
  g_free (body->employee);
  g_free (body->appointment_date);
  g_free (body->appointment_time);
  g_free (body->notes);
  g_free (body->status);
  g_free (body->name);
  g_free (body->first_name);
  g_free (body->last_name);
  g_free (body->phone);
  g_free (body);
}

KioskOutboxBody *
kiosk_outbox_body_read (const KioskOutboxEntry *entry)
{
  g_autoptr(JsonNode) root = NULL;
  KioskOutboxBody *body;
  JsonObject *o;

  g_return_val_if_fail (entry != NULL, NULL);

  root = parse_payload (entry->payload);
  if (root == NULL)
    return NULL;
  o = json_node_get_object (root);
  body = g_new0 (KioskOutboxBody, 1);
  body->customer = member_string (o, "customer");
  body->service = member_string (o, "service");
  body->employee = member_string (o, "employee");
  body->appointment_date = member_string (o, "appointment_date");
  body->appointment_time = member_string (o, "appointment_time");
  body->notes = member_string (o, "notes");
  body->status = member_string (o, "status");
  body->name = member_string (o, "name");
  body->first_name = member_string (o, "first_name");
  body->last_name = member_string (o, "last_name");
  body->phone = member_string (o, "phone");
  body->points = member_int (o, "points");
  return body;
}

/* ---- re-pointing a customer ---------------------------------------------- */

/* @payload naming @to_id where it named @from_id as its customer, or NULL
 * when it does not name @from_id. The bodies are json-glib's, so writing
 * one again gives the same bytes but for the customer: the retry of an
 * entry already sent still matches its key (§3.3). */
static char *
repointed_payload (const char *payload,
                   const char *from_id,
                   const char *to_id)
{
  g_autoptr(JsonNode) root = parse_payload (payload);
  g_autofree char *customer = NULL;
  JsonObject *o;

  if (root == NULL)
    return NULL;
  o = json_node_get_object (root);
  customer = member_string (o, "customer");
  if (g_strcmp0 (customer, from_id) != 0)
    return NULL;
  json_object_set_string_member (o, "customer", to_id);
  return json_to_string (root, FALSE);
}

gboolean
kiosk_outbox_repoint_customer (KioskReplica  *replica,
                               gint64         create_entry_id,
                               const char    *from_id,
                               const char    *to_id,
                               GError       **error)
{
  g_autoptr(GPtrArray) open = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (from_id != NULL && to_id != NULL, FALSE);

  if (!kiosk_replica_begin (replica, error))
    return FALSE;
  open = kiosk_replica_outbox_list_open (replica, error);
  if (open == NULL)
    goto failed;
  for (guint i = 0; i < open->len; i++)
    {
      const KioskOutboxEntry *entry = g_ptr_array_index (open, i);
      g_autofree char *payload = NULL;

      if (entry->id == create_entry_id)
        continue;
      payload = repointed_payload (entry->payload, from_id, to_id);
      if (payload != NULL && !kiosk_replica_outbox_set_payload (replica, entry->id, payload, error))
        goto failed;
    }
  if (!kiosk_replica_repoint_customer (replica, create_entry_id, from_id, to_id, error))
    goto failed;
  return kiosk_replica_commit (replica, error);

failed:
  kiosk_replica_rollback (replica);
  return FALSE;
}

/* ---- another salon's unsent changes ---------------------------------------- */

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

char *
kiosk_outbox_export_document (const char *salon,
                              GDateTime  *exported_at,
                              GPtrArray  *entries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *stamp = NULL;

  g_return_val_if_fail (exported_at != NULL, NULL);
  g_return_val_if_fail (entries != NULL, NULL);

  stamp = g_date_time_format_iso8601 (exported_at);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "salon");
  if (salon != NULL)
    json_builder_add_string_value (builder, salon);
  else
    json_builder_add_null_value (builder);
  add_string_member (builder, "exported_at", stamp);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      const KioskOutboxEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(JsonNode) body = NULL;
      g_autoptr(GDateTime) created = NULL;
      g_autofree char *created_text = NULL;

      body = json_from_string (entry->payload, NULL);
      created = g_date_time_new_from_unix_utc (entry->created_at / G_USEC_PER_SEC);
      created_text = created != NULL ? g_date_time_format_iso8601 (created) : NULL;

      json_builder_begin_object (builder);
      add_string_member (builder, "kind", entry->kind);
      add_string_member (builder, "entity_id", entry->entity_id);
      add_string_member (builder, "idempotency_key", entry->idempotency_key);
      add_string_member (builder, "state", kiosk_outbox_state_to_string (entry->state));
      add_string_member (builder, "created_at", created_text);
      add_string_member (builder, "last_reason", entry->last_reason);
      /* Refused ones: what the server's refusal was, beside its words. */
      add_string_member (builder, "refusal_code", entry->refusal_code);
      json_builder_set_member_name (builder, "body");
      if (body != NULL)
        json_builder_add_value (builder, g_steal_pointer (&body));
      else
        json_builder_add_string_value (builder, entry->payload);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
