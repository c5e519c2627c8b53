/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-pairing"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kiosk-context-private.h"
#include "kiosk-context-private.h"
#include "kiosk-credentials.h"
#include "kiosk-outbox.h"
#include "kiosk-pairing.h"
#include "kiosk-replica-sync.h"
#include "kiosk-staff-lock.h"
#include "kiosk-sync-engine.h"
#include "kiosk-transport.h"

#define NO_SUCH_DEVICE "00000000-0000-0000-0000-000000000000"

G_DEFINE_QUARK (kiosk-pairing-error-quark, kiosk_pairing_error)

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
  g_autoptr(GPtrArray) unsent = g_ptr_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *salon = NULL;
  g_autofree char *file_stamp = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (KIOSK_IS_REPLICA (replica), NULL);
  g_return_val_if_fail (dir != NULL, NULL);

  entries = kiosk_replica_outbox_list (replica, error);
  if (entries == NULL)
    return NULL;
  for (guint i = 0; i < entries->len; i++)
    if (is_unsent (g_ptr_array_index (entries, i)))
      g_ptr_array_add (unsent, g_ptr_array_index (entries, i));

  /* The document is the sync side's: it knows the bodies' format. */
  salon = kiosk_replica_get_meta (replica, KIOSK_META_SALON);
  text = kiosk_outbox_export_document (salon, now, unsent);

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

/* ---- what the screens use ------------------------------------------------ */

/* The sync room's errors in the pairing's terms, with the same messages:
 * the screens tell them apart without seeing libsoup or libsecret. Other
 * errors (a cancellation) pass as they are. Takes @in. */
static GError *
to_pairing_error (GError *in)
{
  g_autoptr(GError) local = in;
  KioskPairingError code;

  if (local->domain == KIOSK_CREDENTIALS_ERROR)
    code = KIOSK_PAIRING_ERROR_SECRET_STORE;
  else if (local->domain == KIOSK_TRANSPORT_ERROR)
    switch ((KioskTransportError) local->code)
      {
      case KIOSK_TRANSPORT_ERROR_BAD_URL:
        code = KIOSK_PAIRING_ERROR_BAD_URL;
        break;
      case KIOSK_TRANSPORT_ERROR_INSECURE:
        code = KIOSK_PAIRING_ERROR_INSECURE;
        break;
      case KIOSK_TRANSPORT_ERROR_CA_FILE:
        code = KIOSK_PAIRING_ERROR_CA_FILE;
        break;
      case KIOSK_TRANSPORT_ERROR_UNTRUSTED:
        code = KIOSK_PAIRING_ERROR_UNTRUSTED;
        break;
      case KIOSK_TRANSPORT_ERROR_UNREACHABLE:
        code = KIOSK_PAIRING_ERROR_UNREACHABLE;
        break;
      case KIOSK_TRANSPORT_ERROR_PAIRING_CODE:
        code = KIOSK_PAIRING_ERROR_PAIRING_CODE;
        break;
      case KIOSK_TRANSPORT_ERROR_THROTTLED:
        code = KIOSK_PAIRING_ERROR_THROTTLED;
        break;
      case KIOSK_TRANSPORT_ERROR_UNAUTHORIZED:
        code = KIOSK_PAIRING_ERROR_UNAUTHORIZED;
        break;
      case KIOSK_TRANSPORT_ERROR_REFUSED:
        code = KIOSK_PAIRING_ERROR_REFUSED;
        break;
      case KIOSK_TRANSPORT_ERROR_PROTOCOL:
      default:
        code = KIOSK_PAIRING_ERROR_PROTOCOL;
        break;
      }
  else
    return g_steal_pointer (&local);

  return g_error_new_literal (KIOSK_PAIRING_ERROR, code, local->message);
}

gboolean
kiosk_pairing_check_url (const char  *server_url,
                         GError     **error)
{
  GError *local = NULL;

  if (kiosk_transport_check_url (server_url, &local))
    return TRUE;
  g_propagate_error (error, to_pairing_error (local));
  return FALSE;
}

static char *
dup_meta (KioskContext *context,
          const char   *key)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  return kiosk_replica_get_meta (kiosk_context_get_replica (context), key);
}

char *
kiosk_pairing_dup_server_url (KioskContext *context)
{
  return dup_meta (context, KIOSK_META_SERVER_URL);
}

char *
kiosk_pairing_dup_salon (KioskContext *context)
{
  return dup_meta (context, KIOSK_META_SALON);
}

char *
kiosk_pairing_dup_device (KioskContext *context)
{
  return dup_meta (context, KIOSK_META_DEVICE);
}

char *
kiosk_pairing_dup_device_name (KioskContext *context)
{
  return dup_meta (context, KIOSK_META_DEVICE_NAME);
}

gboolean
kiosk_pairing_get_revoked (KioskContext  *context,
                           char         **revoked_at,
                           char         **reason)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), FALSE);

  return kiosk_replica_get_revoked (kiosk_context_get_replica (context), NULL, revoked_at, reason);
}

guint
kiosk_pairing_count_unsent_changes (KioskContext *context)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), 0);

  return kiosk_pairing_count_unsent (kiosk_context_get_replica (context));
}

char *
kiosk_pairing_export_unsent_changes (KioskContext  *context,
                                     const char    *dir,
                                     GError       **error)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  return kiosk_pairing_export_unsent (kiosk_context_get_replica (context), dir, error);
}

/* The private CA of the ca-file setting, or NULL for the system's. */
static char *
dup_ca_file (KioskContext *context)
{
  GSettings *settings = kiosk_context_get_settings (context);
  g_autofree char *ca_file = settings != NULL ? g_settings_get_string (settings, "ca-file") : NULL;

  return ca_file != NULL && *ca_file != '\0' ? g_steal_pointer (&ca_file) : NULL;
}

/* ---- the salon picker ---------------------------------------------------- */

void
kiosk_pairing_salon_free (KioskPairingSalon *salon)
{
  if (salon == NULL)
    return;
  g_free (salon->id);
  g_free (salon->name);
  g_free (salon->city);
  g_free (salon->district);
  g_free (salon);
}

typedef struct {
  char *server;
  char *search;
  char *ca_file;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->server);
  g_free (data->search);
  g_free (data->ca_file);
  g_free (data);
}

static void
list_salons_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ListData *data = task_data;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) salons = NULL;
  GError *error = NULL;

  session = kiosk_transport_new_session (data->ca_file, &error);
  if (session != NULL)
    hits = kiosk_transport_list_salons (session, data->server, data->search, cancellable, &error);
  if (hits == NULL)
    {
      g_task_return_error (task, to_pairing_error (error));
      return;
    }

  salons = g_ptr_array_new_full (hits->len, (GDestroyNotify) kiosk_pairing_salon_free);
  for (guint i = 0; i < hits->len; i++)
    {
      const KioskSalonHit *hit = g_ptr_array_index (hits, i);
      KioskPairingSalon *salon = g_new0 (KioskPairingSalon, 1);

      salon->id = g_strdup (hit->id);
      salon->name = g_strdup (hit->name);
      salon->city = g_strdup (hit->city != NULL ? hit->city : "");
      salon->district = g_strdup (hit->district != NULL ? hit->district : "");
      g_ptr_array_add (salons, salon);
    }
  g_task_return_pointer (task, g_steal_pointer (&salons), (GDestroyNotify) g_ptr_array_unref);
}

void
kiosk_pairing_list_salons_async (KioskContext        *context,
                                 const char          *server_url,
                                 const char          *search,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (KIOSK_IS_CONTEXT (context));
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ListData, 1);
  data->server = kiosk_pairing_normalize_server_url (server_url);
  data->search = g_strdup (search != NULL ? search : "");
  data->ca_file = dup_ca_file (context);

  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_pairing_list_salons_async);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  g_task_run_in_thread (task, list_salons_thread);
}

GPtrArray *
kiosk_pairing_list_salons_finish (KioskContext  *context,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kiosk_pairing_list_salons_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- pairing ------------------------------------------------------------- */

typedef struct {
  KioskCredentials        *credentials;
  KioskStaffLock          *lock;
  char                    *server;
  char                    *salon;
  char                    *code;
  char                    *name;
  char                    *pin;
  char                    *ca_file;
  char                    *old_server;
  char                    *old_device;
  KioskPairingEnrollFlags  flags;
  guint                    retry_after;
  KioskEnrollment         *enrollment;
  char                    *pin_problem;   /* paired, but the PIN could not be kept */
} EnrollData;

static void
enroll_data_free (EnrollData *data)
{
  g_clear_object (&data->credentials);
  g_clear_object (&data->lock);
  g_free (data->server);
  g_free (data->salon);
  g_free (data->code);
  g_free (data->name);
  wipe_string (&data->pin);
  g_free (data->ca_file);
  g_free (data->old_server);
  g_free (data->old_device);
  g_clear_pointer (&data->enrollment, kiosk_enrollment_free);
  g_free (data->pin_problem);
  g_free (data);
}

/* The network and the secret store, in a worker thread. */
static void
enroll_thread (GTask        *worker,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  EnrollData *data = task_data;
  g_autoptr(GError) pin_error = NULL;
  GError *error = NULL;

  data->enrollment = kiosk_pairing_enroll (data->credentials, data->server, data->salon, data->code,
                                           data->name, data->ca_file, data->old_server, data->old_device,
                                           &data->retry_after, cancellable, &error);
  if (data->enrollment == NULL)
    {
      g_task_return_error (worker, error);
      return;
    }
  /* The device is paired whatever happens to the PIN: the staff PIN pad
   * offers to choose one when none is kept. */
  if (!kiosk_staff_lock_set_pin (data->lock, data->pin, cancellable, &pin_error))
    data->pin_problem = g_strdup (pin_error->message);
  g_task_return_boolean (worker, TRUE);
}

/* Back on the context's thread, which owns the replica. */
static void
on_enrolled (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KioskContext *context = KIOSK_CONTEXT (source);
  KioskReplica *replica = kiosk_context_get_replica (context);
  EnrollData *data = g_task_get_task_data (task);
  GError *error = NULL;

  /* A cancellation (the screen went away) records nothing. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, to_pairing_error (error));
      return;
    }

  if (data->enrollment->name == NULL || *data->enrollment->name == '\0')
    {
      g_free (data->enrollment->name);
      data->enrollment->name = g_strdup (data->name);
    }

  /* Another salon: its pending changes were exported when the person
   * agreed; they must never reach this salon's server. */
  if ((data->flags & KIOSK_PAIRING_ENROLL_REPLACE_SALON) != 0 && !kiosk_replica_clear_all (replica, &error))
    {
      g_task_return_new_error (task, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_OLD_SALON_KEPT, "%s", error->message);
      g_error_free (error);
      return;
    }
  if (!kiosk_pairing_record (replica, data->server, data->enrollment, &error))
    {
      g_task_return_new_error (task, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_NOT_RECORDED, "%s", error->message);
      g_error_free (error);
      return;
    }
  g_info ("Paired as device %s", data->enrollment->device);
  g_task_return_boolean (task, TRUE);
}

void
kiosk_pairing_enroll_async (KioskContext             *context,
                            const char               *server_url,
                            const char               *salon,
                            const char               *pairing_code,
                            const char               *name,
                            const char               *staff_pin,
                            KioskPairingEnrollFlags   flags,
                            GCancellable             *cancellable,
                            GAsyncReadyCallback       callback,
                            gpointer                  user_data)
{
  KioskReplica *replica;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  EnrollData *data;

  g_return_if_fail (KIOSK_IS_CONTEXT (context));
  g_return_if_fail (server_url != NULL && salon != NULL && pairing_code != NULL);
  g_return_if_fail (name != NULL && staff_pin != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  replica = kiosk_context_get_replica (context);
  data = g_new0 (EnrollData, 1);
  data->credentials = g_object_ref (kiosk_context_get_credentials (context));
  /* Made here: it opens its own connection to the replica's file. */
  data->lock = kiosk_staff_lock_new (replica, salon);
  data->server = kiosk_pairing_normalize_server_url (server_url);
  data->salon = g_strdup (salon);
  data->code = g_strdup (pairing_code);
  data->name = g_strdup (name);
  data->pin = g_strdup (staff_pin);
  data->ca_file = dup_ca_file (context);
  data->old_server = kiosk_replica_get_meta (replica, KIOSK_META_SERVER_URL);
  data->old_device = kiosk_replica_get_meta (replica, KIOSK_META_DEVICE);
  data->flags = flags;

  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_pairing_enroll_async);
  g_task_set_task_data (task, data, (GDestroyNotify) enroll_data_free);

  /* The worker shares the data; @task owns it and outlives the worker. */
  worker = g_task_new (context, cancellable, on_enrolled, g_object_ref (task));
  g_task_set_source_tag (worker, enroll_thread);
  g_task_set_task_data (worker, data, NULL);
  g_task_run_in_thread (worker, enroll_thread);
}

gboolean
kiosk_pairing_enroll_finish (KioskContext  *context,
                             GAsyncResult  *result,
                             char         **pin_problem,
                             guint         *retry_after,
                             GError       **error)
{
  EnrollData *data;

  g_return_val_if_fail (g_task_is_valid (result, context), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kiosk_pairing_enroll_async, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (pin_problem != NULL)
    *pin_problem = NULL;
  if (retry_after != NULL)
    *retry_after = 0;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    {
      if (retry_after != NULL)
        *retry_after = data->retry_after;
      return FALSE;
    }
  if (pin_problem != NULL)
    *pin_problem = g_strdup (data->pin_problem);
  return TRUE;
}

/* ---- unpairing ----------------------------------------------------------- */

typedef struct {
  KioskCredentials *credentials;
  char             *server;
  char             *device;
  char             *ca_file;
} UnpairData;

static void
unpair_data_free (UnpairData *data)
{
  g_clear_object (&data->credentials);
  g_free (data->server);
  g_free (data->device);
  g_free (data->ca_file);
  g_free (data);
}

static void
unpair_thread (GTask        *worker,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  UnpairData *data = task_data;
  GError *error = NULL;

  if (kiosk_pairing_unenroll (data->credentials, data->server, data->device, data->ca_file, cancellable, &error))
    g_task_return_boolean (worker, TRUE);
  else
    g_task_return_error (worker, error);
}

static void
on_unenrolled (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KioskContext *context = KIOSK_CONTEXT (source);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, to_pairing_error (error));
      return;
    }
  /* The server forgot the device: forget the enrollment here too, but keep
   * the salon's rows and every change that waits (pairing again uploads
   * them). */
  if (!kiosk_pairing_forget (kiosk_context_get_replica (context), &error))
    {
      g_task_return_new_error (task, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_NOT_RECORDED, "%s", error->message);
      g_error_free (error);
      return;
    }
  g_info ("Unpaired; pending changes are kept");
  g_task_return_boolean (task, TRUE);
}

void
kiosk_pairing_unpair_async (KioskContext        *context,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  UnpairData *data;

  g_return_if_fail (KIOSK_IS_CONTEXT (context));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (context, cancellable, callback, user_data);
  g_task_set_source_tag (task, kiosk_pairing_unpair_async);

  data = g_new0 (UnpairData, 1);
  data->server = kiosk_pairing_dup_server_url (context);
  data->device = kiosk_pairing_dup_device (context);
  data->ca_file = dup_ca_file (context);
  data->credentials = g_object_ref (kiosk_context_get_credentials (context));
  g_task_set_task_data (task, data, (GDestroyNotify) unpair_data_free);
  if (data->server == NULL || data->device == NULL)
    {
      g_task_return_new_error (task, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_NOT_PAIRED,
                               "%s", _("This kiosk is not paired."));
      return;
    }

  worker = g_task_new (context, cancellable, on_unenrolled, g_object_ref (task));
  g_task_set_source_tag (worker, unpair_thread);
  g_task_set_task_data (worker, data, NULL);
  g_task_run_in_thread (worker, unpair_thread);
}

gboolean
kiosk_pairing_unpair_finish (KioskContext  *context,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, context), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kiosk_pairing_unpair_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
