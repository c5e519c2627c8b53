/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-secret"

#include "config.h"

#include "kiosk-secret-private.h"

/* Turns libsecret's and GDBus's errors into the cases the kiosk acts on
 * and has the caller word them. A cancellation the caller asked for stays
 * G_IO_ERROR_CANCELLED. */
static void
propagate_secret_error (GError              **error,
                        GError               *in,
                        KioskSecretSetError   set_error,
                        GCancellable         *cancellable)
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
    set_error (error, KIOSK_SECRET_NO_SERVICE, NULL);
  else if (g_error_matches (local, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
           g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* An unanswered or impossible unlock prompt ends as "cancelled". */
    set_error (error, KIOSK_SECRET_LOCKED, NULL);
  else if (local->domain == G_DBUS_ERROR || local->domain == G_IO_ERROR ||
           (remote != NULL && g_str_has_prefix (remote, "org.freedesktop.DBus.")))
    set_error (error, KIOSK_SECRET_UNREACHABLE, local->message);
  else
    set_error (error, KIOSK_SECRET_REFUSED, local->message);
}

static SecretService *
get_service (KioskSecretSetError   set_error,
             GCancellable         *cancellable,
             GError              **error)
{
  GError *local = NULL;
  SecretService *service;

  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, cancellable, &local);
  if (service == NULL)
    propagate_secret_error (error, local, set_error, cancellable);
  return service;
}

gboolean
kiosk_secret_store_sync (const SecretSchema   *schema,
                         GHashTable           *attributes,
                         const char           *label,
                         SecretValue          *value,
                         KioskSecretSetError   set_error,
                         GCancellable         *cancellable,
                         GError              **error)
{
  g_autoptr(SecretService) service = NULL;
  GError *local = NULL;

  if ((service = get_service (set_error, cancellable, error)) == NULL)
    return FALSE;
  if (!secret_service_store_sync (service, schema, attributes, SECRET_COLLECTION_DEFAULT, label, value,
                                  cancellable, &local))
    {
      propagate_secret_error (error, local, set_error, cancellable);
      return FALSE;
    }
  return TRUE;
}

char *
kiosk_secret_lookup_sync (const SecretSchema   *schema,
                          GHashTable           *attributes,
                          KioskSecretSetError   set_error,
                          GCancellable         *cancellable,
                          GError              **error)
{
  g_autoptr(SecretService) service = NULL;
  gboolean saw_locked = FALSE;
  char *text = NULL;
  GError *local = NULL;
  GList *items;

  if ((service = get_service (set_error, cancellable, error)) == NULL)
    return NULL;

  /* A search rather than secret_password_lookup(): it tells a locked item
   * (cannot work here) from no item at all. */
  items = secret_service_search_sync (service, schema, attributes,
                                      SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                      cancellable, &local);
  if (local != NULL)
    {
      propagate_secret_error (error, local, set_error, cancellable);
      return NULL;
    }

  for (GList *l = items; l != NULL && text == NULL; l = l->next)
    {
      SecretItem *item = l->data;
      g_autoptr(SecretValue) value = NULL;
      const char *stored;

      if (secret_item_get_locked (item))
        {
          saw_locked = TRUE;
          continue;
        }
      value = secret_item_get_secret (item);
      if (value != NULL && (stored = secret_value_get_text (value)) != NULL && *stored != '\0')
        text = g_strdup (stored);
    }
  g_list_free_full (items, g_object_unref);

  if (text == NULL)
    set_error (error, saw_locked ? KIOSK_SECRET_LOCKED : KIOSK_SECRET_NOT_FOUND, NULL);
  return text;
}

gboolean
kiosk_secret_clear_sync (const SecretSchema   *schema,
                         GHashTable           *attributes,
                         KioskSecretSetError   set_error,
                         GCancellable         *cancellable,
                         GError              **error)
{
  g_autoptr(SecretService) service = NULL;
  GError *local = NULL;

  if ((service = get_service (set_error, cancellable, error)) == NULL)
    return FALSE;
  /* FALSE without an error means there was nothing to clear: that is the
   * state the caller wants. */
  if (!secret_service_clear_sync (service, schema, attributes, cancellable, &local) && local != NULL)
    {
      propagate_secret_error (error, local, set_error, cancellable);
      return FALSE;
    }
  return TRUE;
}
