/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The device token, kept only in the Secret Service through libsecret
 * (inside Flatpak: the Secret portal). Never in GSettings, the replica, a
 * log or a command line. Schema "com.salonity.Kiosk.Token", attributes
 * "server" (the server URL) and "device" (the device id).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KIOSK_CREDENTIALS_ERROR (kiosk_credentials_error_quark ())

typedef enum {
  KIOSK_CREDENTIALS_ERROR_UNAVAILABLE,  /* no secret store answers: work on, upload nothing */
  KIOSK_CREDENTIALS_ERROR_NOT_FOUND,    /* no token for this server and device */
  KIOSK_CREDENTIALS_ERROR_FAILED,
} KioskCredentialsError;

GQuark kiosk_credentials_error_quark (void);

#define KIOSK_TYPE_CREDENTIALS (kiosk_credentials_get_type ())
G_DECLARE_FINAL_TYPE (KioskCredentials, kiosk_credentials, KIOSK, CREDENTIALS, GObject)

KioskCredentials *kiosk_credentials_new                (void);

/* Blocking forms, for the sync thread and the command line. */
gboolean          kiosk_credentials_store_token_sync   (KioskCredentials  *self,
                                                        const char        *server,
                                                        const char        *device,
                                                        const char        *token,
                                                        GCancellable      *cancellable,
                                                        GError           **error);
/* Storing never waits for a prompt nobody answers (an unlock dialog on a
 * kiosk): after @timeout_ms it is given up, UNAVAILABLE. */
#define KIOSK_CREDENTIALS_PROMPT_TIMEOUT_MS 5000
gboolean          kiosk_credentials_store_token_timeout_sync (KioskCredentials  *self,
                                                              const char        *server,
                                                              const char        *device,
                                                              const char        *token,
                                                              guint              timeout_ms,
                                                              GCancellable      *cancellable,
                                                              GError           **error);
/* Whether a token for @server can be stored now without anyone typing a
 * password, before a single-use pairing code is spent: UNAVAILABLE, saying
 * what to do, when the default keyring is locked or missing (no prompt is
 * started) or a probe store takes longer than @timeout_ms. */
gboolean          kiosk_credentials_check_storable_sync (KioskCredentials  *self,
                                                         const char        *server,
                                                         guint              timeout_ms,
                                                         GCancellable      *cancellable,
                                                         GError           **error);
char             *kiosk_credentials_lookup_token_sync  (KioskCredentials  *self,
                                                        const char        *server,
                                                        const char        *device,
                                                        GCancellable      *cancellable,
                                                        GError           **error);
gboolean          kiosk_credentials_clear_token_sync   (KioskCredentials  *self,
                                                        const char        *server,
                                                        const char        *device,
                                                        GCancellable      *cancellable,
                                                        GError           **error);

/* The same for the main thread. */
void              kiosk_credentials_lookup_token_async  (KioskCredentials    *self,
                                                         const char          *server,
                                                         const char          *device,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
char             *kiosk_credentials_lookup_token_finish (KioskCredentials    *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
