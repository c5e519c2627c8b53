/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-credentials"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "kiosk-credentials.h"
#include "kiosk-secret-private.h"

struct _KioskCredentials
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (KioskCredentials, kiosk_credentials, G_TYPE_OBJECT)

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

/* The words for each case of kiosk-secret-private.h: whatever keeps the
 * secret store from answering is UNAVAILABLE, and the kiosk works on and
 * uploads nothing. */
static void
set_token_error (GError             **error,
                 KioskSecretProblem   problem,
                 const char          *detail)
{
  switch (problem)
    {
    case KIOSK_SECRET_NO_SERVICE:
      g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE,
                           _("No secret store (keyring) is running in this session. "
                             "The kiosk keeps working, but uploads nothing until one is available."));
      break;
    case KIOSK_SECRET_LOCKED:
      g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE,
                           _("The keyring is locked and cannot be unlocked here. "
                             "Unlock it (for example by logging in to the desktop) so that the kiosk can upload again."));
      break;
    case KIOSK_SECRET_UNREACHABLE:
      g_set_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE,
                   _("The secret store (keyring) cannot be reached: %s. "
                     "The kiosk keeps working, but uploads nothing until it answers."),
                   detail);
      break;
    case KIOSK_SECRET_NEEDS_PROMPT:
      g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_UNAVAILABLE,
                           _("The keyring is locked (or there is none yet), and opening it needs a password "
                             "typed into a prompt, which nobody does on a kiosk. Give the kiosk's user a keyring "
                             "that opens by itself at login (see “Deploying as a kiosk” in the README)."));
      break;
    case KIOSK_SECRET_NOT_FOUND:
      g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_NOT_FOUND,
                           _("This kiosk has no device token for this server. Pair it with the salon again."));
      break;
    case KIOSK_SECRET_REFUSED:
    default:
      g_set_error (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_FAILED,
                   _("The secret store (keyring) refused the device token: %s"),
                   detail);
      break;
    }
}

gboolean
kiosk_credentials_store_token_sync (KioskCredentials  *self,
                                    const char        *server,
                                    const char        *device,
                                    const char        *token,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;

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

  attributes = token_attributes (server, device);
  value = secret_value_new (token, -1, "text/plain");
  /* Replaces an older token for the same server and device. */
  return kiosk_secret_store_sync (token_schema (), attributes, TOKEN_LABEL, value,
                                  set_token_error, cancellable, error);
}

gboolean
kiosk_credentials_store_token_timeout_sync (KioskCredentials  *self,
                                            const char        *server,
                                            const char        *device,
                                            const char        *token,
                                            guint              timeout_ms,
                                            GCancellable      *cancellable,
                                            GError           **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;

  g_return_val_if_fail (KIOSK_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (timeout_ms > 0, FALSE);

  if (!check_ids (server, device, error))
    return FALSE;
  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, KIOSK_CREDENTIALS_ERROR, KIOSK_CREDENTIALS_ERROR_FAILED,
                           _("The server gave an empty device token."));
      return FALSE;
    }
  attributes = token_attributes (server, device);
  value = secret_value_new (token, -1, "text/plain");
  return kiosk_secret_store_timeout_sync (token_schema (), attributes, TOKEN_LABEL, value, timeout_ms,
                                          set_token_error, cancellable, error);
}

/* The probe's device: no real device has it (ids are random UUIDs). */
#define PROBE_DEVICE "00000000-0000-0000-0000-00000000c0de"

gboolean
kiosk_credentials_check_storable_sync (KioskCredentials  *self,
                                       const char        *server,
                                       guint              timeout_ms,
                                       GCancellable      *cancellable,
                                       GError           **error)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_val_if_fail (KIOSK_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (timeout_ms > 0, FALSE);

  if (!check_ids (server, PROBE_DEVICE, error))
    return FALSE;
  attributes = token_attributes (server, PROBE_DEVICE);
  return kiosk_secret_check_storable_sync (token_schema (), attributes, TOKEN_LABEL, timeout_ms,
                                           set_token_error, cancellable, error);
}

char *
kiosk_credentials_lookup_token_sync (KioskCredentials  *self,
                                     const char        *server,
                                     const char        *device,
                                     GCancellable      *cancellable,
                                     GError           **error)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_val_if_fail (KIOSK_IS_CREDENTIALS (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_ids (server, device, error))
    return NULL;
  attributes = token_attributes (server, device);
  return kiosk_secret_lookup_sync (token_schema (), attributes, set_token_error, cancellable, error);
}

gboolean
kiosk_credentials_clear_token_sync (KioskCredentials  *self,
                                    const char        *server,
                                    const char        *device,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_val_if_fail (KIOSK_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_ids (server, device, error))
    return FALSE;
  attributes = token_attributes (server, device);
  return kiosk_secret_clear_sync (token_schema (), attributes, set_token_error, cancellable, error);
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
