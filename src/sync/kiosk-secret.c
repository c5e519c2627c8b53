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

/* A store in flight, shared with its callback: when the store is given up
 * (a prompt nobody answers), the callback keeps it. */
typedef struct
{
  GAsyncResult *result;
  gboolean      expired;
} Pending;

static void
pending_clear (gpointer data)
{
  Pending *pending = data;

  g_clear_object (&pending->result);
}

static void
pending_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Pending *pending = data;

  pending->result = g_object_ref (result);
  g_atomic_rc_box_release_full (pending, pending_clear);
}

static gboolean
pending_expired (gpointer data)
{
  Pending *pending = data;

  pending->expired = TRUE;
  return G_SOURCE_REMOVE;
}

static void
cancel_other (GCancellable *cancellable,
              gpointer      other)
{
  g_cancellable_cancel (other);
}

/* Runs the context until the store is done or @timeout_ms pass. */
static void
pending_wait (Pending      *pending,
              GMainContext *context,
              guint         timeout_ms)
{
  GSource *timer = g_timeout_source_new (timeout_ms);

  pending->expired = FALSE;
  g_source_set_callback (timer, pending_expired, pending, NULL);
  g_source_attach (timer, context);
  while (pending->result == NULL && !pending->expired)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timer);
  g_source_unref (timer);
}

gboolean
kiosk_secret_store_timeout_sync (const SecretSchema   *schema,
                                 GHashTable           *attributes,
                                 const char           *label,
                                 SecretValue          *value,
                                 guint                 timeout_ms,
                                 KioskSecretSetError   set_error,
                                 GCancellable         *cancellable,
                                 GError              **error)
{
  g_autoptr(SecretService) service = NULL;
  /* The store's own: the caller's cancels it only while this waits (a
   * later cancellation would dismiss a prompt left alone, see below). */
  g_autoptr(GCancellable) call = g_cancellable_new ();
  g_autoptr(GMainContext) context = NULL;
  GError *local = NULL;
  Pending *pending;
  gulong handler = 0;
  gboolean ok = FALSE;

  if ((service = get_service (set_error, cancellable, error)) == NULL)
    return FALSE;

  /* secret_service_store_sync() runs its own loop with no end: this one
   * has a deadline, on a context of its own as libsecret's sync calls do. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_other), g_object_ref (call), g_object_unref);
  pending = g_atomic_rc_box_new0 (Pending);
  secret_service_store (service, schema, attributes, SECRET_COLLECTION_DEFAULT, label, value, call,
                        pending_done, g_atomic_rc_box_acquire (pending));
  pending_wait (pending, context, timeout_ms);
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);
  if (pending->result == NULL)
    {
      /* Waiting for a prompt. It is left alone rather than cancelled:
       * dismissing an unlock prompt makes gnome-keyring 42 abort (and
       * libsecret then never finishes). It goes with this process's
       * connection, or stays for whoever sees it; this context is not run
       * again, so nothing of it reaches the caller. */
      g_main_context_pop_thread_default (context);
      g_atomic_rc_box_release_full (pending, pending_clear);
      set_error (error, KIOSK_SECRET_NEEDS_PROMPT, NULL);
      return FALSE;
    }
  ok = secret_service_store_finish (service, pending->result, &local);
  g_main_context_pop_thread_default (context);
  g_atomic_rc_box_release_full (pending, pending_clear);
  if (!ok)
    propagate_secret_error (error, local, set_error, cancellable);
  return ok;
}

/* gnome-keyring opens a keyring whose password is empty (the way a kiosk
 * user's login keyring opens with automatic login) without a prompt, and
 * keeps it locked until asked. Asks, but never runs the prompt that the
 * service returns for any other keyring: nobody would answer it. */
static gboolean
unlock_without_prompt (SecretService    *service,
                       SecretCollection *collection,
                       guint             timeout_ms,
                       GCancellable     *cancellable)
{
  const char *path = g_dbus_proxy_get_object_path (G_DBUS_PROXY (collection));
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) unlocked = NULL;
  g_autoptr(GError) error = NULL;
  const char *prompt = NULL;

  reply = g_dbus_proxy_call_sync (G_DBUS_PROXY (service), "Unlock",
                                  g_variant_new ("(@ao)", g_variant_new_objv (&path, 1)),
                                  G_DBUS_CALL_FLAGS_NO_AUTO_START, (int) timeout_ms, cancellable, &error);
  if (reply == NULL || !g_variant_is_of_type (reply, G_VARIANT_TYPE ("(aoo)")))
    {
      g_debug ("Cannot unlock the default keyring: %s", error != NULL ? error->message : "unexpected reply");
      return FALSE;
    }
  g_variant_get (reply, "(@ao&o)", &unlocked, &prompt);
  for (gsize i = 0; i < g_variant_n_children (unlocked); i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (unlocked, i);

      if (g_strcmp0 (g_variant_get_string (child, NULL), path) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
kiosk_secret_check_storable_sync (const SecretSchema   *schema,
                                  GHashTable           *attributes,
                                  const char           *label,
                                  guint                 timeout_ms,
                                  KioskSecretSetError   set_error,
                                  GCancellable         *cancellable,
                                  GError              **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GError) clear_error = NULL;
  GError *local = NULL;

  if ((service = get_service (set_error, cancellable, error)) == NULL)
    return FALSE;

  /* A missing default keyring needs a password to be made, and a locked
   * one (unless its password is empty) to be opened: say so before any
   * prompt starts (a kiosk with automatic login has nobody to type it, and
   * PAM had none to unlock it with). */
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT, SECRET_COLLECTION_NONE,
                                                 cancellable, &local);
  if (local != NULL)
    {
      propagate_secret_error (error, local, set_error, cancellable);
      return FALSE;
    }
  if (collection == NULL ||
      (secret_collection_get_locked (collection) &&
       !unlock_without_prompt (service, collection, timeout_ms, cancellable)))
    {
      set_error (error, KIOSK_SECRET_NEEDS_PROMPT, NULL);
      return FALSE;
    }

  /* And a service that would prompt for other reasons is found out here. */
  value = secret_value_new ("probe", -1, "text/plain");
  if (!kiosk_secret_store_timeout_sync (schema, attributes, label, value, timeout_ms, set_error, cancellable, error))
    return FALSE;
  if (!kiosk_secret_clear_sync (schema, attributes, set_error, cancellable, &clear_error))
    g_debug ("Cannot remove the secret store's probe item: %s", clear_error->message);
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
