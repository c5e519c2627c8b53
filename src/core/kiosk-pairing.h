/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Pairing and unpairing, shared by `--enroll` and the pairing screen. The
 * network and Secret Service parts block (the screen runs them in a GTask
 * thread); the replica parts run on the replica's own thread. No GTK.
 */
#pragma once

#include <gio/gio.h>

#include "kiosk-replica.h"
#include "kiosk-credentials.h"
#include "kiosk-transport.h"

G_BEGIN_DECLS

/* One spelling of a server URL ("https://x.example" without a trailing
 * slash), so that the token's "server" attribute and the replica's meta
 * always agree. */
char            *kiosk_pairing_normalize_server_url (const char        *url);

/* Blocking. Checks that a secret store answers and can keep the token
 * without a prompt (before spending the single-use code; a locked keyring
 * is refused at once, a store never waits for a prompt beyond
 * KIOSK_CREDENTIALS_PROMPT_TIMEOUT_MS), enrolls, keeps the token in
 * @credentials and forgets
 * the token of the previous enrollment (@old_server/@old_device, may be
 * NULL). The result's token is already wiped. Errors: KIOSK_TRANSPORT_ERROR
 * (with @retry_after on THROTTLED) or KIOSK_CREDENTIALS_ERROR, each with a
 * message that says what to do. */
KioskEnrollment *kiosk_pairing_enroll               (KioskCredentials  *credentials,
                                                     const char        *server_url,
                                                     const char        *salon,
                                                     const char        *pairing_code,
                                                     const char        *name,
                                                     const char        *ca_file,
                                                     const char        *old_server,
                                                     const char        *old_device,
                                                     guint             *retry_after,
                                                     GCancellable      *cancellable,
                                                     GError           **error);

/* Writes the enrollment to the replica's meta (server, salon, device,
 * device name) in one transaction. */
gboolean         kiosk_pairing_record               (KioskReplica      *replica,
                                                     const char        *server_url,
                                                     const KioskEnrollment *enrollment,
                                                     GError           **error);

/* Blocking: DELETE devices/me with the kept token, then forget the token.
 * A token the server already revoked (401), or none kept, counts as done.
 * FALSE (and the token kept) when the server cannot be told. */
gboolean         kiosk_pairing_unenroll             (KioskCredentials  *credentials,
                                                     const char        *server_url,
                                                     const char        *device,
                                                     const char        *ca_file,
                                                     GCancellable      *cancellable,
                                                     GError           **error);

/* Forgets the enrollment in the replica (server, device, device name) but
 * keeps the salon id, its rows and every pending change. */
gboolean         kiosk_pairing_forget               (KioskReplica      *replica,
                                                     GError           **error);

/* Changes made here that the server has not acknowledged (pending, in
 * flight, held or refused). */
guint            kiosk_pairing_count_unsent         (KioskReplica      *replica);

/* Writes those changes as one JSON document to
 * @dir/salonity-kiosk-pending-<UTC time>.json (mode 0600) and returns the
 * path. */
char            *kiosk_pairing_export_unsent        (KioskReplica      *replica,
                                                     const char        *dir,
                                                     GError           **error);

G_END_DECLS
