/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The contract's JSON (docs/kiosk-api.md §1, §3.4) to records and back.
 * Only the sync layer (and the dump of the replica) speaks JSON.
 *
 * kiosk-json.c          checking and parsing bodies, reading and writing
 *                       one member (shared: kiosk-json-private.h)
 * kiosk-json-records.c  the entities, by their tables (kiosk-record-fields.h),
 *                       and the dump's lines
 * kiosk-json-feed.c     pages of the change feed (json-glib; the streaming
 *                       reader is kiosk-feed-reader.c)
 * kiosk-json-errors.c   error replies
 * kiosk-json-outbox.c   the bodies of the uploads (the outbox's)
 *
 * Parsing is strict about what matters and lenient about what DRF does:
 * unknown fields are ignored, a missing optional field is NULL, money must
 * be a decimal string with at most two places, ids must be UUIDs, times
 * "HH:MM[:SS]", dates "YYYY-MM-DD". A record that breaks these is refused
 * with KIOSK_JSON_ERROR_INVALID and a reason naming the field, so that the
 * engine can quarantine it and apply the rest of the page.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kiosk-records.h"

G_BEGIN_DECLS

#define KIOSK_JSON_ERROR (kiosk_json_error_quark ())

typedef enum {
  KIOSK_JSON_ERROR_MALFORMED,   /* not JSON, truncated */
  KIOSK_JSON_ERROR_INVALID,     /* JSON, but not what the contract says */
} KioskJsonError;

GQuark    kiosk_json_error_quark   (void);

/* A Kiosk<Entity> record (free with kiosk_record_free()) from the `data` of
 * a feed upsert or the body of a 2xx reply. @version is stored in the
 * record (the feed carries it beside `data`). */
gpointer  kiosk_json_to_record     (KioskEntity    entity,
                                    JsonObject    *data,
                                    gint64         version,
                                    GError       **error);
/* The contract's object for a record, all §3.4 fields, in contract names. */
JsonNode *kiosk_json_from_record   (KioskEntity    entity,
                                    gconstpointer  record);

/* One change of the feed. */
typedef struct {
  KioskEntity  entity;        /* KIOSK_ENTITY_UNKNOWN: skip (forward compatibility) */
  char        *entity_name;   /* as sent */
  char        *id;
  gint64       version;
  gboolean     is_delete;
  gpointer     record;        /* upsert: the record; NULL for a delete or when invalid */
  char        *invalid_reason;/* non-NULL when the change could not be read: quarantine it */
  char        *raw_json;      /* the change as sent, kept for the quarantine */
} KioskChange;

void kiosk_change_free (KioskChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskChange, kiosk_change_free)

typedef struct {
  GPtrArray *changes;         /* of KioskChange */
  char      *cursor;
  gboolean   has_more;
} KioskFeedPage;

void kiosk_feed_page_free (KioskFeedPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskFeedPage, kiosk_feed_page_free)

/* The longest cursor the kiosk stores. Cursors are opaque, but a server's
 * are short (DRF's are under 200 bytes); a page whose cursor is longer is
 * broken, and is refused rather than written into the replica. */
#define KIOSK_FEED_MAX_CURSOR 4096

/* Parses a 200 body of GET /changes/. A malformed page, or one without a
 * string cursor (of at most KIOSK_FEED_MAX_CURSOR bytes) / boolean has_more /
 * array of changes, is an error (the whole page is retried); a single bad
 * change is kept with invalid_reason. */
KioskFeedPage *kiosk_json_parse_feed_page (const char  *body,
                                           gssize       length,
                                           GError     **error);

/* ------------------------------------------------------------------------
 * Bodies of the mutation endpoints (§3.3): the outbox's, kiosk-json-outbox.c.
 * Ready to send and to keep in the outbox. A new customer's and a walk-in's
 * carry the record's consent_at and consent_notice (§3.6), null when the
 * record has none. Each kind's route (kiosk-outbox.h) names the one it is
 * built with; the desk queues through the route, not with these.
 * ------------------------------------------------------------------------ */
char *kiosk_json_customer_create_body    (const KioskCustomer    *customer);
char *kiosk_json_appointment_create_body (const KioskAppointment *appointment);
char *kiosk_json_check_in_body           (const char             *checked_in_at);
char *kiosk_json_status_body             (const char             *status,
                                          const char             *employee);  /* employee: walk-ins only, may be NULL */
char *kiosk_json_walkin_create_body      (const KioskWalkin      *walkin);
char *kiosk_json_redemption_body         (const KioskPointEntry  *entry);

/* Error replies (§1): the `code` of a 409/410/422, the first message of a
 * DRF 400 (field name and text), or the `detail`. NULL when none. A
 * refusal keeps both apart (kiosk_outbox_refuse()). */
char *kiosk_json_error_code   (const char *body, gssize length);
char *kiosk_json_error_reason (const char *body, gssize length);

/* One line of --dump-replica: {"entity","id","version","data"[,"pending":true]}. */
char *kiosk_json_dump_line    (KioskEntity    entity,
                               gconstpointer  record,
                               gint64         version,
                               gboolean       pending);

G_END_DECLS
