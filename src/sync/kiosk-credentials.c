/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-credentials"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "kiosk-credentials.h"

struct _KioskCredentials
{
  GObject parent_instance;
};

G_DEFINE_TYPE (KioskCredentials, kiosk_credentials, G_TYPE_OBJECT)

G_DEFINE_QUARK (kiosk-credentials-error-quark, kiosk_credentials_error)

#define TOKEN_LABEL "Salonity Kiosk device token"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "com.salonity.Kiosk.Token",
    SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "device", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
kiosk_credentials_class_init (KioskCredentialsClass *klass)
{
}

static void
kiosk_credentials_init (KioskCredentials *self)
{
}

KioskCredentials *
kiosk_credentials_new (void)
{
  return g_object_new (KIOSK_TYPE_CREDENTIALS, NULL);
}

static gboolean
check_ids (const char  *server,
           const char  *device,
           GError     **error)
{
  if (server == NULL || *server == '\0' || device == NULL || *device == '\0')
    {
      g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_FAILED,
                           _("The device token needs both a server address and a device id."));
      return FALSE;
    }
  return TRUE;
}

static GHashTable *
token_attributes (const char *server,
                  const char *device)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  /* The table borrows the strings: the caller's outlive every use. */
  g_hash_table_insert (attributes, (gpointer) "server", (gpointer) server);
  g_hash_table_insert (attributes, (gpointer) "device", (gpointer) device);
  return attributes;
}

/* Turns libsecret's and GDBus's errors into the three cases the kiosk acts
 * on. Whatever keeps the secret store from answering (no bus, no service,
 * a locked keyring nobody can unlock here, a dismissed prompt) is
 * UNAVAILABLE: the kiosk works on and uploads nothing. A cancellation the
 * caller asked for stays G_IO_ERROR_CANCELLED. */
static void
propagate_secret_error (GError       **error,
                        GError        *in,
                        GCancellable  *cancellable)
{
  g_autoptr(GError) local = in;
  g_autofree char *remote = NULL;

  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      g_cancellable_is_cancelled (cancellable))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return;
    }

  remote = g_dbus_error_get_remote_error (local);
  g_dbus_error_strip_remote_error (local);

  if (g_error_matches (local, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (local, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
      g_error_matches (local, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND) ||
      g_error_matches (local, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_INVALID) ||
      g_error_matches (local, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED) ||
      g_error_matches (local, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CHILD_EXITED))
    g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE,
                         _("No secret store (keyring) is running in this session. "
                           "The kiosk keeps working, but uploads nothing until one is available."));
  else if (g_error_matches (local, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
           g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* An unanswered or impossible unlock prompt ends as "cancelled". */
    g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE,
                         _("The keyring is locked and cannot be unlocked here. "
                           "Unlock it (for example by logging in to the desktop) so that the kiosk can upload again."));
  else if (local->domain == G_DBUS_ERROR || local->domain == G_IO_ERROR ||
           (remote != NULL && g_str_has_prefix (remote, "org.freedesktop.DBus.")))
    g_set_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE,
                 _("The secret store (keyring) cannot be reached: %s. "
                   "The kiosk keeps working, but uploads nothing until it answers."),
                 local->message);
  else
    g_set_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_FAILED,
                 _("The secret store (keyring) refused the device token: %s"),
                 local->message);
}

static SecretService *
get_service (GCancellable  *cancellable,
             GError       **error)
{
  GError *local = NULL;
  SecretService *service;

  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, cancellable, &local);
  if (service == NULL)
    propagate_secret_error (error, local, cancellable);
  return service;
}

gboolean
kiosk_credentials_store_token_sync (KioskCredentials  *self,
                                    const char        *server,
                                    const char        *device,
                                    const char        *token,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  GError *local = NULL;

  g_return_val_if_fail (KIOSK_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_ids (server, device, error))
    return FALSE;
  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_FAILED,
                           _("The server gave an empty device token."));
      return FALSE;
    }

  if ((service = get_service (cancellable, error)) == NULL)
    return FALSE;

  attributes = token_attributes (server, device);
  value = secret_value_new (token, -1, "text/plain");
  /* Replaces an older token for the same server and device. */
  if (!secret_service_store_sync (service, token_schema (), attributes,
                                  SECRET_COLLECTION_DEFAULT, TOKEN_LABEL, value,
                                  cancellable, &local))
    {
      propagate_secret_error (error, local, cancellable);
      return FALSE;
    }
  return TRUE;
}

char *
kiosk_credentials_lookup_token_sync (KioskCredentials  *self,
                                     const char        *server,
                                     const char        *device,
                                     GCancellable      *cancellable,
                                     GError           **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  GList *items;
  gboolean saw_locked = FALSE;
  char *token = NULL;
  GError *local = NULL;

  g_return_val_if_fail (KIOSK_IS_CREDENTIALS (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_ids (server, device, error))
    return NULL;
  if ((service = get_service (cancellable, error)) == NULL)
    return NULL;

  attributes = token_attributes (server, device);
  /* The search rather than secret_password_lookup(): it tells a locked
   * item (cannot work here) from no item at all (not enrolled). */
  items = secret_service_search_sync (service, token_schema (), attributes,
                                      SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                      cancellable, &local);
  if (local != NULL)
    {
      propagate_secret_error (error, local, cancellable);
      return NULL;
    }

  for (GList *l = items; l != NULL && token == NULL; l = l->next)
    {
      SecretItem *item = l->data;
      g_autoptr(SecretValue) value = NULL;
      const char *text;

      if (secret_item_get_locked (item))
        {
          saw_locked = TRUE;
          continue;
        }
      value = secret_item_get_secret (item);
      if (value != NULL && (text = secret_value_get_text (value)) != NULL && *text != '\0')
        token = g_strdup (text);
    }
  g_list_free_full (items, g_object_unref);

  if (token != NULL)
    return token;

  if (saw_locked)
    g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE,
                         _("The keyring is locked and cannot be unlocked here. "
                           "Unlock it (for example by logging in to the desktop) so that the kiosk can upload again."));
  else
    g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND,
                         _("This kiosk has no device token for this server. Pair it with the salon again."));
  return NULL;
}

gboolean
kiosk_credentials_clear_token_sync (KioskCredentials  *self,
                                    const char        *server,
                                    const char        *device,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  GError *local = NULL;

  g_return_val_if_fail (KIOSK_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_ids (server, device, error))
    return FALSE;
  if ((service = get_service (cancellable, error)) == NULL)
    return FALSE;

  attributes = token_attributes (server, device);
  /* FALSE without an error means there was nothing to clear: that is the
   * state the caller wants, so it is a success. */
  if (!secret_service_clear_sync (service, token_schema (), attributes, cancellable, &local) &&
      local != NULL)
    {
      propagate_secret_error (error, local, cancellable);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char *server;
  char *device;
} LookupData;

static void
lookup_data_free (gpointer data)
{
  LookupData *lookup = data;

  g_free (lookup->server);
  g_free (lookup->device);
  g_free (lookup);
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LookupData *lookup = task_data;
  GError *error = NULL;
  char *token;

  token = kiosk_credentials_lookup_token_sync (source_object, lookup->server, lookup->device,
                                               cancellable, &error);
  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_free);
}

void
kiosk_credentials_lookup_token_async (KioskCredentials    *self,
                                      const char          *server,
                                      const char          *device,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LookupData *lookup;

  g_return_if_fail (KIOSK_IS_CREDENTIALS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_credentials_lookup_token_async);
  lookup = g_new0 (LookupData, 1);
  lookup->server = g_strdup (server);
  lookup->device = g_strdup (device);
  g_task_set_task_data (task, lookup, lookup_data_free);
  /* libsecret's own async calls may prompt on the main context; a worker
   * thread with the blocking form keeps the UI responsive either way. */
  g_task_run_in_thread (task, lookup_thread);
}

char *
kiosk_credentials_lookup_token_finish (KioskCredentials  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (KIOSK_IS_CREDENTIALS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
