/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * How the kiosk speaks HTTP: HTTPS with certificate checks for every host
 * but loopback, an optional private CA, a user agent naming the kiosk, and
 * time-outs. Also enrollment (docs/kiosk-api.md §3.1) and the clock-skew
 * estimate from the Date header (§4).
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define KIOSK_TRANSPORT_ERROR (kiosk_transport_error_quark ())

typedef enum {
  KIOSK_TRANSPORT_ERROR_BAD_URL,        /* not an http(s) URL with a host */
  KIOSK_TRANSPORT_ERROR_INSECURE,       /* plain HTTP to a host that is not loopback */
  KIOSK_TRANSPORT_ERROR_CA_FILE,        /* the CA file cannot be read */
  KIOSK_TRANSPORT_ERROR_UNTRUSTED,      /* the server's certificate is not trusted */
  KIOSK_TRANSPORT_ERROR_UNREACHABLE,    /* network, DNS, refused, time-out */
  KIOSK_TRANSPORT_ERROR_PAIRING_CODE,   /* 400 on enrollment: wrong or expired code */
  KIOSK_TRANSPORT_ERROR_THROTTLED,      /* 429: wait (retry_after is in the message) */
  KIOSK_TRANSPORT_ERROR_UNAUTHORIZED,   /* 401 */
  KIOSK_TRANSPORT_ERROR_PROTOCOL,       /* the reply is not what the contract says */
  KIOSK_TRANSPORT_ERROR_REFUSED,        /* 400 on enrollment other than the code (or bad input): reason in the message */
} KioskTransportError;

/* I/O time-out (connect, send, wait for the reply) of kiosk_transport_new_session(). */
#define KIOSK_TRANSPORT_TIMEOUT_SECONDS 30

GQuark       kiosk_transport_error_quark (void);

/* Refuses URLs the kiosk must not speak to, with a reason for people. */
gboolean     kiosk_transport_check_url   (const char   *url,
                                          GError      **error);

/* A session for the sync thread or the command line: user agent
 * "SalonityKiosk/<version>", connect and I/O time-outs, TLS database from
 * @ca_file when given (else the system's). Created and used on one thread. */
SoupSession *kiosk_transport_new_session (const char   *ca_file,
                                          GError      **error);
/* The same with another I/O time-out (tests; 0: none). */
SoupSession *kiosk_transport_new_session_full (const char  *ca_file,
                                               guint        timeout_seconds,
                                               GError     **error);

/* Sends @message (blocking) after checking its URL with
 * kiosk_transport_check_url(), and reads at most @max_bytes of the reply
 * (more is KIOSK_TRANSPORT_ERROR_PROTOCOL). Any HTTP status is a success
 * here: look at soup_message_get_status(). Network and TLS failures come
 * back as KIOSK_TRANSPORT_ERROR_UNREACHABLE / _UNTRUSTED with a message for
 * people; a cancellation stays G_IO_ERROR_CANCELLED. Never NULL on success. */
GBytes      *kiosk_transport_send        (SoupSession   *session,
                                          SoupMessage   *message,
                                          gsize          max_bytes,
                                          GCancellable  *cancellable,
                                          GError       **error);

/* Maps an error of soup_session_send*() or of reading its stream (also
 * soup_session_websocket_connect*()) as kiosk_transport_send() does. Takes
 * @in. @message may be NULL. */
void         kiosk_transport_propagate_error (GError       **error,
                                              GError        *in,
                                              SoupMessage   *message,
                                              GCancellable  *cancellable);

/* Seconds to wait from a 429's Retry-After (whole seconds or an HTTP
 * date), at least 1; @fallback when missing or unreadable. */
guint        kiosk_transport_retry_after (SoupMessage  *message,
                                          guint         fallback);

/* The server clock minus the local clock, from the reply's Date header, in
 * µs; FALSE when the reply had none. */
gboolean     kiosk_transport_clock_skew  (SoupMessage  *message,
                                          gint64        local_now_us,
                                          gint64       *skew_us);

/* Tagged so that core's kiosk-pairing.h can name it without this header. */
typedef struct _KioskEnrollment {
  char *device;
  char *token;     /* hand to KioskCredentials at once, then clear */
  char *salon;
  char *name;
} KioskEnrollment;

void kiosk_enrollment_free (KioskEnrollment *enrollment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskEnrollment, kiosk_enrollment_free)

/* POST /api/kiosk/v1/devices/ (blocking; for the command line and the
 * pairing screen's worker thread). @retry_after (may be NULL) gets the
 * seconds to wait on KIOSK_TRANSPORT_ERROR_THROTTLED. */
KioskEnrollment *kiosk_transport_enroll (SoupSession   *session,
                                         const char    *server_url,
                                         const char    *salon,
                                         const char    *pairing_code,
                                         const char    *name,
                                         guint         *retry_after,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* One salon of GET /api/salons/?search= (docs/kiosk-api.md §2), for the
 * pairing screen's picker. */
typedef struct {
  char *id;
  char *name;
  char *city;      /* may be "" */
  char *district;  /* may be "" */
} KioskSalonHit;

void kiosk_salon_hit_free (KioskSalonHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskSalonHit, kiosk_salon_hit_free)

/* GET /api/salons/?search=@search (blocking; run it in a worker thread):
 * the first page of matching active salons, as KioskSalonHit, in the
 * server's order. Entries without a UUID id or a name are skipped. */
GPtrArray *kiosk_transport_list_salons (SoupSession   *session,
                                        const char    *server_url,
                                        const char    *search,
                                        GCancellable  *cancellable,
                                        GError       **error);

/* DELETE /api/kiosk/v1/devices/me/ with @token (blocking). TRUE on 204.
 * A 401 (the token is already revoked) is KIOSK_TRANSPORT_ERROR_UNAUTHORIZED:
 * callers that unpair may take it as done. */
gboolean   kiosk_transport_unenroll    (SoupSession   *session,
                                        const char    *server_url,
                                        const char    *token,
                                        GCancellable  *cancellable,
                                        GError       **error);

G_END_DECLS
