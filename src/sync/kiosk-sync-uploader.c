/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The push: the outbox drained in dependency order, each entry sent by its
 * kind's route (kiosk-outbox.h) with its own Idempotency-Key, every answer
 * booked in one transaction.
 */
#define G_LOG_DOMAIN "kiosk-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kiosk-outbox.h"
#include "kiosk-sync-engine-private.h"

/* A transient failure of one entry: it goes again after a back-off (or
 * Retry-After), with the same key. */
static KioskSyncOutcome
entry_retry_later (KioskSyncWorker                 *w,
                   const KioskOutboxEntry *entry,
                   KioskSyncOutcome                 outcome,
                   guint                   status,
                   const char             *reason,
                   GError                **error)
{
  gint64 delay;
  g_autoptr(GError) local = NULL;

  if (outcome == KIOSK_SYNC_OUTCOME_THROTTLED)
    delay = (gint64) MAX (w->retry_after, 1) * G_USEC_PER_SEC;
  else
    {
      /* The cycle schedules itself by the same draw (kiosk_sync_worker_conclude). */
      w->failures++;
      delay = kiosk_sync_worker_backoff_us (w);
      w->planned_delay = delay;
    }
  if (!kiosk_replica_outbox_retry_later (w->replica, entry->id, (int) status, reason,
                                         g_get_real_time () + delay, &local))
    {
      g_clear_error (error);
      g_propagate_error (error, g_steal_pointer (&local));
      return KIOSK_SYNC_OUTCOME_LOCAL_ERROR;
    }
  return outcome;
}

static KioskSyncOutcome
handle_phone_exists (KioskSyncWorker                 *w,
                     const KioskOutboxEntry *entry,
                     const KioskSyncReply            *reply,
                     guint                  *touched,
                     GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(KioskCustomer) existing = NULL;
  JsonObject *object;
  JsonNode *member;
  KioskApplyResult result;

  root = kiosk_sync_parse_json (reply->body, &local);
  object = root ? json_node_get_object (root) : NULL;
  member = object ? json_object_get_member (object, "customer") : NULL;
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    existing = kiosk_json_to_record (KIOSK_ENTITY_CUSTOMER, json_node_get_object (member), 0, &local);
  if (existing == NULL || g_strcmp0 (existing->id, entry->entity_id) == 0)
    {
      if (!kiosk_outbox_refuse (w->replica, entry, reply->status, reply->body,
                                _("This phone number belongs to another customer"), error))
        return KIOSK_SYNC_OUTCOME_LOCAL_ERROR;
      *touched |= KIOSK_SYNC_ENTITY_BIT (KIOSK_ENTITY_CUSTOMER);
      return KIOSK_SYNC_OUTCOME_OK;
    }

  /* The existing customer is stored and our pending writes name it. */
  if (!kiosk_replica_begin (w->replica, error))
    return KIOSK_SYNC_OUTCOME_LOCAL_ERROR;
  if (!kiosk_replica_apply_upsert (w->replica, KIOSK_ENTITY_CUSTOMER, existing, &result, error) ||
      !kiosk_outbox_repoint_customer (w->replica, entry->id, entry->entity_id, existing->id, error) ||
      !kiosk_replica_commit (w->replica, error))
    {
      kiosk_replica_rollback (w->replica);
      return KIOSK_SYNC_OUTCOME_LOCAL_ERROR;
    }
  *touched |= KIOSK_SYNC_ENTITY_BIT (KIOSK_ENTITY_CUSTOMER) |
              KIOSK_SYNC_ENTITY_BIT (KIOSK_ENTITY_APPOINTMENT) |
              KIOSK_SYNC_ENTITY_BIT (KIOSK_ENTITY_WALKIN) |
              KIOSK_SYNC_ENTITY_BIT (KIOSK_ENTITY_POINT_ENTRY);
  return KIOSK_SYNC_OUTCOME_OK;
}

static KioskSyncOutcome
worker_push_one (KioskSyncWorker           *w,
                 KioskOutboxEntry *entry,
                 guint            *touched,
                 GError          **error)
{
  KioskEntity entity = kiosk_outbox_kind_entity (entry->known_kind);
  const char *method = kiosk_outbox_method (entry->known_kind);
  g_autofree char *path = kiosk_outbox_path (entry->known_kind, entry->entity_id);
  g_autofree char *code = NULL;
  g_auto(KioskSyncReply) reply = { 0 };
  g_autoptr(GError) local = NULL;
  const char *data;
  gsize len = 0;
  KioskSyncOutcome outcome;

  if (method == NULL)
    {
      /* Kept for staff: nothing is dropped, but it cannot be sent. */
      if (!kiosk_replica_outbox_refuse (w->replica, entry->id, 0, NULL,
                                        _("This kind of change is unknown to this version"), error))
        return KIOSK_SYNC_OUTCOME_LOCAL_ERROR;
      return KIOSK_SYNC_OUTCOME_OK;
    }

  entry->state = KIOSK_OUTBOX_IN_FLIGHT;
  if (!kiosk_replica_outbox_update (w->replica, entry, error))
    return KIOSK_SYNC_OUTCOME_LOCAL_ERROR;

  outcome = kiosk_sync_worker_http (w, method, path, entry->payload, entry->idempotency_key, &reply, &local);
  if (outcome == KIOSK_SYNC_OUTCOME_CANCELLED || outcome == KIOSK_SYNC_OUTCOME_LOCAL_ERROR)
    {
      /* In flight counts as pending next time: the key makes it safe. */
      g_propagate_error (error, g_steal_pointer (&local));
      return outcome;
    }
  if (outcome != KIOSK_SYNC_OUTCOME_OK)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return entry_retry_later (w, entry, outcome, 0, "network", error);
    }

  data = g_bytes_get_data (reply.body, &len);
  if (reply.status >= 200 && reply.status < 300)
    {
      g_autoptr(JsonNode) root = kiosk_sync_parse_json (reply.body, &local);
      gpointer record = NULL;
      gboolean ok;

      if (root != NULL)
        record = kiosk_json_to_record (entity, json_node_get_object (root), 0, &local);
      if (record == NULL)
        {
          /* Not acknowledged: the retry with the same key gets the replay. */
          g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                       _("The server's reply cannot be read: %s"), local->message);
          return entry_retry_later (w, entry, KIOSK_SYNC_OUTCOME_FAILING, reply.status, "malformed reply", error);
        }
      ok = kiosk_replica_outbox_acknowledge (w->replica, entry->id, (int) reply.status,
                                             entity, record, error);
      kiosk_record_free (entity, record);
      if (!ok)
        return KIOSK_SYNC_OUTCOME_LOCAL_ERROR;
      w->sent++;
      *touched |= KIOSK_SYNC_ENTITY_BIT (entity);
      return KIOSK_SYNC_OUTCOME_OK;
    }

  if (reply.status == SOUP_STATUS_UNAUTHORIZED)
    {
      /* Nothing is dropped: back to pending, as it was. */
      entry->state = KIOSK_OUTBOX_PENDING;
      if (!kiosk_replica_outbox_update (w->replica, entry, error))
        return KIOSK_SYNC_OUTCOME_LOCAL_ERROR;
      return kiosk_sync_classify_failure (&reply, w, error);
    }
  if (reply.status == STATUS_TOO_MANY_REQUESTS)
    {
      outcome = kiosk_sync_classify_failure (&reply, w, error);
      return entry_retry_later (w, entry, outcome, reply.status, NULL, error);
    }

  if (reply.status >= 400 && reply.status < 500)
    {
      code = kiosk_json_error_code (data ? data : "", (gssize) len);
      if (reply.status == SOUP_STATUS_CONFLICT && g_strcmp0 (code, "request_in_progress") == 0)
        {
          g_set_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_PROTOCOL,
                       _("The server is still working on an earlier try"));
          return entry_retry_later (w, entry, KIOSK_SYNC_OUTCOME_FAILING, reply.status, "request in progress", error);
        }
      if (reply.status == SOUP_STATUS_CONFLICT && g_strcmp0 (code, "phone_exists") == 0 &&
          entry->known_kind == KIOSK_OUTBOX_KIND_CUSTOMER_CREATE)
        return handle_phone_exists (w, entry, &reply, touched, error);

      /* The code apart from the server's words, so the desk knows the
       * refusal exactly (slot_taken offers the next slot). */
      if (!kiosk_outbox_refuse (w->replica, entry, reply.status, reply.body, NULL, error))
        return KIOSK_SYNC_OUTCOME_LOCAL_ERROR;
      *touched |= KIOSK_SYNC_ENTITY_BIT (entity);
      return KIOSK_SYNC_OUTCOME_OK;
    }

  /* 5xx and anything else unexpected: the server is failing. */
  outcome = kiosk_sync_classify_failure (&reply, w, error);
  return entry_retry_later (w, entry, outcome, reply.status, NULL, error);
}

KioskSyncOutcome
kiosk_sync_worker_push (KioskSyncWorker  *w,
                        gboolean ignore_backoff,
                        GError **error)
{
  g_autoptr(GHashTable) tried = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (;;)
    {
      g_autoptr(GPtrArray) due = NULL;
      gboolean progress = FALSE;

      due = kiosk_replica_outbox_due (w->replica, ignore_backoff ? G_MAXINT64 : g_get_real_time (),
                                      DUE_BATCH, error);
      if (due == NULL)
        return KIOSK_SYNC_OUTCOME_LOCAL_ERROR;
      for (guint i = 0; i < due->len; i++)
        {
          KioskOutboxEntry *entry = g_ptr_array_index (due, i);
          guint touched = 0;
          KioskSyncOutcome outcome;

          /* Each entry once a cycle: an answer always moves it on. */
          if (g_hash_table_contains (tried, &entry->id))
            continue;
          g_hash_table_add (tried, g_memdup2 (&entry->id, sizeof entry->id));
          progress = TRUE;

          outcome = worker_push_one (w, entry, &touched, error);
          kiosk_sync_worker_update_counts (w);
          kiosk_sync_worker_publish (w, touched);
          if (outcome != KIOSK_SYNC_OUTCOME_OK)
            return outcome;
          if (g_cancellable_set_error_if_cancelled (w->cancellable, error))
            return KIOSK_SYNC_OUTCOME_CANCELLED;
        }
      if (!progress)
        return KIOSK_SYNC_OUTCOME_OK;
    }
}
