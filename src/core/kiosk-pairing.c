/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-pairing"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kiosk-pairing.h"
#include "kiosk-replica-sync.h"
#include "kiosk-sync-engine.h"

#define NO_SUCH_DEVICE "00000000-0000-0000-0000-000000000000"

char *
kiosk_pairing_normalize_server_url (const char *url)
{
  g_autofree char *stripped = g_strstrip (g_strdup (url != NULL ? url : ""));
  gsize len = strlen (stripped);

  while (len > 0 && stripped[len - 1] == '/')
    stripped[--len] = '\0';
  return g_steal_pointer (&stripped);
}

static void
wipe_string (char **str)
{
  if (*str != NULL)
    {
      memset (*str, 0, strlen (*str));
      g_clear_pointer (str, g_free);
    }
}

KioskEnrollment *
kiosk_pairing_enroll (KioskCredentials  *credentials,
                      const char        *server_url,
                      const char        *salon,
                      const char        *pairing_code,
                      const char        *name,
                      const char        *ca_file,
                      const char        *old_server,
                      const char        *old_device,
                      guint             *retry_after,
                      GCancellable      *cancellable,
                      GError           **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(KioskEnrollment) enrollment = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *probe = NULL;

  g_return_val_if_fail (KIOSK_IS_CREDENTIALS (credentials), NULL);

  if (retry_after != NULL)
    *retry_after = 0;
  if (!kiosk_transport_check_url (server_url, error))
    return NULL;

  /* The pairing code is single use: find out that the token could not be
   * kept before spending it. NOT_FOUND is the expected answer. */
  probe = kiosk_credentials_lookup_token_sync (credentials, server_url, NO_SUCH_DEVICE, cancellable, &local);
  wipe_string (&probe);
  if (local != NULL && g_error_matches (local, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE))
    {
      g_set_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE,
                   _("No secret store (Secret Service) answers, so the device token could not be kept safely: %s. "
                     "Start the keyring (e.g. gnome-keyring) and pair again; the pairing code was not used."),
                   local->message);
      return NULL;
    }
  g_clear_error (&local);
  /* It answers, but can it keep the token without a person typing a
   * password? A locked keyring (a kiosk user logged in automatically: PAM
   * had no password to unlock it) would hold the store below on a prompt
   * nobody sees, after the code is spent. */
  if (!kiosk_credentials_check_storable_sync (credentials, server_url, KIOSK_CREDENTIALS_PROMPT_TIMEOUT_MS,
                                              cancellable, &local))
    {
      if (g_error_matches (local, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE))
        g_set_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE,
                     _("The device token cannot be kept without a person at this desk. %s "
                       "Then pair again; the pairing code was not used."), local->message);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  session = kiosk_transport_new_session (ca_file, error);
  if (session == NULL)
    return NULL;

  enrollment = kiosk_transport_enroll (session, server_url, salon, pairing_code, name,
                                       retry_after, cancellable, error);
  if (enrollment == NULL)
    return NULL;

  if (!kiosk_credentials_store_token_timeout_sync (credentials, server_url, enrollment->device, enrollment->token,
                                                   KIOSK_CREDENTIALS_PROMPT_TIMEOUT_MS, cancellable, &local))
    {
      wipe_string (&enrollment->token);
      if (g_error_matches (local, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE))
        g_set_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE,
                     _("The server paired this kiosk, but no secret store (Secret Service) could keep its token: %s. "
                       "Start the keyring and pair again with a new pairing code."),
                     local->message);
      else
        g_set_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_FAILED,
                     _("The server paired this kiosk, but its token could not be kept: %s. "
                       "Pair again with a new pairing code."), local->message);
      return NULL;
    }
  wipe_string (&enrollment->token);

  /* A previous enrollment: its token is of no more use. */
  if (old_server != NULL && *old_server != '\0' && old_device != NULL && *old_device != '\0' &&
      (g_strcmp0 (old_server, server_url) != 0 || g_strcmp0 (old_device, enrollment->device) != 0))
    {
      g_autoptr(GError) clear_error = NULL;

      if (!kiosk_credentials_clear_token_sync (credentials, old_server, old_device, cancellable, &clear_error))
        g_debug ("Cannot forget the previous token: %s", clear_error->message);
    }

  return g_steal_pointer (&enrollment);
}

gboolean
kiosk_pairing_record (KioskReplica           *replica,
                      const char             *server_url,
                      const KioskEnrollment  *enrollment,
                      GError                **error)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (enrollment != NULL, FALSE);

  if (!kiosk_replica_begin (replica, error))
    return FALSE;
  if (!kiosk_replica_set_meta (replica, KIOSK_META_SERVER_URL, server_url, error) ||
      !kiosk_replica_set_meta (replica, KIOSK_META_SALON, enrollment->salon, error) ||
      !kiosk_replica_set_meta (replica, KIOSK_META_DEVICE, enrollment->device, error) ||
      !kiosk_replica_set_meta (replica, KIOSK_META_DEVICE_NAME, enrollment->name, error) ||
      /* A new device: the old one's revocation is history. */
      !kiosk_replica_clear_revoked (replica, error) ||
      !kiosk_replica_commit (replica, error))
    {
      kiosk_replica_rollback (replica);
      return FALSE;
    }
  return TRUE;
}

gboolean
kiosk_pairing_unenroll (KioskCredentials  *credentials,
                        const char        *server_url,
                        const char        *device,
                        const char        *ca_file,
                        GCancellable      *cancellable,
                        GError           **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *token = NULL;

  g_return_val_if_fail (KIOSK_IS_CREDENTIALS (credentials), FALSE);
  g_return_val_if_fail (server_url != NULL && device != NULL, FALSE);

  token = kiosk_credentials_lookup_token_sync (credentials, server_url, device, cancellable, &local);
  if (token == NULL)
    {
      if (g_error_matches (local, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND))
        return TRUE;   /* nothing the server would still accept */
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  session = kiosk_transport_new_session (ca_file, error);
  if (session == NULL ||
      (!kiosk_transport_unenroll (session, server_url, token, cancellable, &local) &&
       !g_error_matches (local, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_UNAUTHORIZED)))
    {
      wipe_string (&token);
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  wipe_string (&token);
  g_clear_error (&local);

  if (!kiosk_credentials_clear_token_sync (credentials, server_url, device, cancellable, &local))
    g_debug ("Cannot forget the token: %s", local->message);
  return TRUE;
}

gboolean
kiosk_pairing_forget (KioskReplica  *replica,
                      GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_REPLICA (replica), FALSE);

  /* The salon id stays: the rows and pending changes are that salon's, and
   * pairing with another one must not upload them there. */
  if (!kiosk_replica_begin (replica, error))
    return FALSE;
  if (!kiosk_replica_set_meta (replica, KIOSK_META_SERVER_URL, NULL, error) ||
      !kiosk_replica_set_meta (replica, KIOSK_META_DEVICE, NULL, error) ||
      !kiosk_replica_set_meta (replica, KIOSK_META_DEVICE_NAME, NULL, error) ||
      !kiosk_replica_clear_revoked (replica, error) ||
      !kiosk_replica_commit (replica, error))
    {
      kiosk_replica_rollback (replica);
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_unsent (const KioskOutboxEntry *entry)
{
  return entry->state != KIOSK_OUTBOX_DONE;
}

guint
kiosk_pairing_count_unsent (KioskReplica *replica)
{
  g_autoptr(GPtrArray) entries = kiosk_replica_outbox_list (replica, NULL);
  guint n = 0;

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    if (is_unsent (g_ptr_array_index (entries, i)))
      n++;
  return n;
}

char *
kiosk_pairing_export_unsent (KioskReplica  *replica,
                             const char    *dir,
                             GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *salon = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *file_stamp = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  entries = kiosk_replica_outbox_list (replica, error);
  if (entries == NULL)
    return NULL;

  salon = kiosk_replica_get_meta (replica, KIOSK_META_SALON);
  stamp = g_date_time_format_iso8601 (now);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "salon");
  if (salon != NULL)
    json_builder_add_string_value (builder, salon);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "exported_at");
  json_builder_add_string_value (builder, stamp);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      const KioskOutboxEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(JsonNode) body = NULL;
      g_autoptr(GDateTime) created = NULL;
      g_autofree char *created_text = NULL;

      if (!is_unsent (entry))
        continue;
      body = json_from_string (entry->payload, NULL);
      created = g_date_time_new_from_unix_utc (entry->created_at / G_USEC_PER_SEC);
      created_text = created != NULL ? g_date_time_format_iso8601 (created) : NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, entry->kind);
      json_builder_set_member_name (builder, "entity_id");
      json_builder_add_string_value (builder, entry->entity_id);
      json_builder_set_member_name (builder, "idempotency_key");
      json_builder_add_string_value (builder, entry->idempotency_key);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, kiosk_outbox_state_to_string (entry->state));
      json_builder_set_member_name (builder, "created_at");
      json_builder_add_string_value (builder, created_text);
      json_builder_set_member_name (builder, "last_reason");
      json_builder_add_string_value (builder, entry->last_reason);
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
  text = json_generator_to_data (generator, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  file_stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  basename = g_strdup_printf ("salonity-kiosk-pending-%s.json", file_stamp);
  path = g_build_filename (dir, basename, NULL);
  /* Customers' names and phones are in it: for staff only. */
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return NULL;
  return g_steal_pointer (&path);
}
