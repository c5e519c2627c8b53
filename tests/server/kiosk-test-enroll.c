/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-test-enroll"

#include "config.h"

#include "kiosk-test-enroll.h"
#include "kiosk-sync-engine.h"

typedef struct {
  char            *url;
  char            *salon;
  const char      *code;
  const char      *name;
  KioskEnrollment *enrollment;
  GError          *error;
  gint             done;
} EnrollCall;

static gpointer
enroll_thread (gpointer data)
{
  EnrollCall *call = data;
  g_autoptr(SoupSession) session = kiosk_transport_new_session (NULL, &call->error);

  if (session != NULL)
    call->enrollment = kiosk_transport_enroll (session, call->url, call->salon, call->code,
                                               call->name, NULL, NULL, &call->error);
  g_atomic_int_set (&call->done, 1);
  g_main_context_wakeup (NULL);
  return NULL;
}

KioskEnrollment *
kiosk_test_enroll_on_thread (KioskTestServer  *server,
                             const char       *code,
                             const char       *name,
                             guint             timeout_s,
                             GError          **error)
{
  EnrollCall call = { 0 };
  gint64 end = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;
  GThread *thread;

  call.url = g_strdup (kiosk_test_server_get_uri (server));
  call.salon = g_strdup (kiosk_test_server_get_salon_id (server));
  call.code = code;
  call.name = name;
  thread = g_thread_new ("enroll", enroll_thread, &call);
  /* The server answers from this loop. */
  while (!g_atomic_int_get (&call.done))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Timed out after %u s waiting for the enrollment", timeout_s);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  g_thread_join (thread);
  g_free (call.url);
  g_free (call.salon);
  if (call.error != NULL)
    g_propagate_error (error, call.error);
  return call.enrollment;
}

gboolean
kiosk_test_enroll_write_meta (KioskReplica           *replica,
                              const char             *url,
                              const KioskEnrollment  *enrollment,
                              GError                **error)
{
  return kiosk_replica_set_meta (replica, KIOSK_META_SERVER_URL, url, error) &&
         kiosk_replica_set_meta (replica, KIOSK_META_DEVICE, enrollment->device, error) &&
         kiosk_replica_set_meta (replica, KIOSK_META_SALON, enrollment->salon, error);
}

gboolean
kiosk_test_enroll_save (KioskCredentials       *credentials,
                        KioskReplica           *replica,
                        const char             *url,
                        const KioskEnrollment  *enrollment,
                        GError                **error)
{
  return kiosk_credentials_store_token_sync (credentials, url, enrollment->device, enrollment->token,
                                             NULL, error) &&
         kiosk_test_enroll_write_meta (replica, url, enrollment, error);
}
