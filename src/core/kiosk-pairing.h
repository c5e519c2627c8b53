/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Pairing and unpairing (docs/kiosk-api.md §3.1), shared by `--enroll`, the
 * pairing screen and the settings page. No GTK.
 *
 * The screens use the first part: functions of the context, whose network
 * and Secret Service work runs in a GTask thread and whose replica work runs
 * on the thread that owns the context, with errors in KIOSK_PAIRING_ERROR.
 * This header includes nothing of the replica or sync rooms, so that the UI
 * room, which sees only core and domain, can include it.
 *
 * The second part is the blocking steps under it, for the command line and
 * the tests; their types are opaque here (kiosk-replica.h,
 * kiosk-credentials.h and kiosk-transport.h define them) and their errors
 * are KIOSK_TRANSPORT_ERROR and KIOSK_CREDENTIALS_ERROR.
 */
#pragma once

#include <gio/gio.h>

#include "kiosk-context.h"

G_BEGIN_DECLS

#define KIOSK_PAIRING_ERROR (kiosk_pairing_error_quark ())

/* The message of each says what happened; the screens add what to do.
 * A cancellation stays G_IO_ERROR_CANCELLED. */
typedef enum {
  KIOSK_PAIRING_ERROR_BAD_URL,         /* not an http(s) URL with a host */
  KIOSK_PAIRING_ERROR_INSECURE,        /* plain HTTP to a host that is not loopback */
  KIOSK_PAIRING_ERROR_CA_FILE,         /* the ca-file setting names a file that cannot be read */
  KIOSK_PAIRING_ERROR_UNTRUSTED,       /* the server's certificate is not trusted */
  KIOSK_PAIRING_ERROR_UNREACHABLE,     /* network, DNS, refused, time-out */
  KIOSK_PAIRING_ERROR_PAIRING_CODE,    /* wrong, used or expired pairing code */
  KIOSK_PAIRING_ERROR_THROTTLED,       /* 429: wait (the finish function says how long) */
  KIOSK_PAIRING_ERROR_UNAUTHORIZED,    /* 401 */
  KIOSK_PAIRING_ERROR_PROTOCOL,        /* the reply is not what the contract says */
  KIOSK_PAIRING_ERROR_REFUSED,         /* the server refused for another reason, given in the message */
  KIOSK_PAIRING_ERROR_SECRET_STORE,    /* the device token cannot be kept or read (no keyring, locked) */
  KIOSK_PAIRING_ERROR_NOT_PAIRED,      /* unpairing a kiosk that has no enrollment */
  KIOSK_PAIRING_ERROR_OLD_SALON_KEPT,  /* paired, but the previous salon's data could not be removed */
  KIOSK_PAIRING_ERROR_NOT_RECORDED,    /* the server (un)paired the kiosk; the replica could not record it */
} KioskPairingError;

GQuark           kiosk_pairing_error_quark          (void);

/* One spelling of a server URL ("https://x.example" without a trailing
 * slash), so that the token's "server" attribute and the replica's meta
 * always agree. */
char            *kiosk_pairing_normalize_server_url (const char        *url);

/* Whether the kiosk may speak to @server_url at all: BAD_URL or INSECURE
 * (plain HTTP to anything but loopback), with the reason for people. */
gboolean         kiosk_pairing_check_url            (const char        *server_url,
                                                     GError           **error);

/* The kiosk's enrollment as the replica records it, or NULL: the server
 * URL, the salon id (kept after unpairing, with the salon's rows), the
 * device id and the name given to this kiosk. */
char            *kiosk_pairing_dup_server_url       (KioskContext      *context);
char            *kiosk_pairing_dup_salon            (KioskContext      *context);
char            *kiosk_pairing_dup_device           (KioskContext      *context);
char            *kiosk_pairing_dup_device_name      (KioskContext      *context);
/* Whether the server refused the enrollment's device (its token got a
 * 401), as the replica recorded it, also before a restart; then when (ISO
 * 8601, UTC) and why (either out may be NULL; the reason may be NULL). */
gboolean         kiosk_pairing_get_revoked          (KioskContext      *context,
                                                     char             **revoked_at,
                                                     char             **reason);

/* Changes made here that the server has not acknowledged (pending, in
 * flight, held or refused). */
guint            kiosk_pairing_count_unsent_changes (KioskContext      *context);
/* Writes them as one JSON document to
 * @dir/salonity-kiosk-pending-<UTC time>.json (mode 0600) and returns the
 * path. */
char            *kiosk_pairing_export_unsent_changes (KioskContext     *context,
                                                      const char       *dir,
                                                      GError          **error);

/* One salon of the server's list (docs/kiosk-api.md §2), for the salon
 * picker. */
typedef struct {
  char *id;
  char *name;
  char *city;      /* may be "" */
  char *district;  /* may be "" */
} KioskPairingSalon;

void             kiosk_pairing_salon_free           (KioskPairingSalon *salon);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskPairingSalon, kiosk_pairing_salon_free)

/* Asks @server_url for its active salons matching @search (the first page,
 * in the server's order), over the context's ca-file setting. The result
 * is a GPtrArray of KioskPairingSalon (empty when none matches). */
void             kiosk_pairing_list_salons_async    (KioskContext        *context,
                                                     const char          *server_url,
                                                     const char          *search,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray       *kiosk_pairing_list_salons_finish   (KioskContext        *context,
                                                     GAsyncResult        *result,
                                                     GError             **error);

typedef enum {
  KIOSK_PAIRING_ENROLL_NONE          = 0,
  /* The replica holds another salon's data: remove it (with its unsent
   * changes, which must never reach the new salon's server) once paired. */
  KIOSK_PAIRING_ENROLL_REPLACE_SALON = 1 << 0,
} KioskPairingEnrollFlags;

/* Pairs this kiosk with @salon at @server_url (normalised) with the
 * single-use @pairing_code, as kiosk_pairing_enroll() (the secret store is
 * checked before the code is spent, the token kept, the previous
 * enrollment's token forgotten), sets @staff_pin as the salon's staff PIN,
 * then records the enrollment in the replica (named @name when the server
 * gives no name), after removing the previous salon's data when @flags say
 * so. The caller then calls kiosk_context_reload_enrollment() and
 * kiosk_context_notify_replica_changed(). */
void             kiosk_pairing_enroll_async         (KioskContext             *context,
                                                     const char               *server_url,
                                                     const char               *salon,
                                                     const char               *pairing_code,
                                                     const char               *name,
                                                     const char               *staff_pin,
                                                     KioskPairingEnrollFlags   flags,
                                                     GCancellable             *cancellable,
                                                     GAsyncReadyCallback       callback,
                                                     gpointer                  user_data);
/* TRUE when paired and recorded. The kiosk is paired even when the staff
 * PIN could not be kept: @pin_problem (may be NULL) then gets why, else
 * NULL. On THROTTLED, @retry_after (may be NULL) gets the seconds to wait
 * (0 when the server did not say); else 0. */
gboolean         kiosk_pairing_enroll_finish        (KioskContext             *context,
                                                     GAsyncResult             *result,
                                                     char                    **pin_problem,
                                                     guint                    *retry_after,
                                                     GError                  **error);

/* Tells the server to forget this device, forgets its token (as
 * kiosk_pairing_unenroll()), then forgets the enrollment in the replica (as
 * kiosk_pairing_forget(): the salon's rows and every pending change stay).
 * NOT_PAIRED when there is no enrollment; NOT_RECORDED when the server
 * forgot the device but the replica could not record it. The caller then
 * calls kiosk_context_reload_enrollment(). */
void             kiosk_pairing_unpair_async         (KioskContext        *context,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean         kiosk_pairing_unpair_finish        (KioskContext        *context,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* ---- the blocking steps, for the command line and the tests ---------------- */

typedef struct _KioskReplica     KioskReplica;
typedef struct _KioskCredentials KioskCredentials;
typedef struct _KioskEnrollment  KioskEnrollment;

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

/* kiosk_pairing_count_unsent_changes() and
 * kiosk_pairing_export_unsent_changes() on a replica. */
guint            kiosk_pairing_count_unsent         (KioskReplica      *replica);
char            *kiosk_pairing_export_unsent        (KioskReplica      *replica,
                                                     const char        *dir,
                                                     GError           **error);

G_END_DECLS
