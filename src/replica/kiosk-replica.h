/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The local SQLite replica of one salon's data. All SQL of the program lives
 * behind this API (src/replica/). One KioskReplica wraps one connection and
 * must be used from one thread at a time; the sync engine opens its own.
 */
#pragma once

#include <glib-object.h>

#include "kiosk-records.h"
#include "kiosk-outbox-kind.h"

G_BEGIN_DECLS

#define KIOSK_REPLICA_ERROR (kiosk_replica_error_quark ())

typedef enum {
  KIOSK_REPLICA_ERROR_IO,          /* cannot create, open or write the file */
  KIOSK_REPLICA_ERROR_FULL,        /* the disk is full */
  KIOSK_REPLICA_ERROR_CORRUPT,     /* not a database, or damaged */
  KIOSK_REPLICA_ERROR_TOO_NEW,     /* made by a newer kiosk: left untouched */
  KIOSK_REPLICA_ERROR_CONSTRAINT,  /* a row breaks a rule of the schema */
  KIOSK_REPLICA_ERROR_NOT_FOUND,
  KIOSK_REPLICA_ERROR_FAILED,
} KioskReplicaError;

/* The schema version this build creates and migrates to. */
#define KIOSK_REPLICA_SCHEMA_VERSION 7

/* A change made at the desk, waiting to be uploaded (docs/kiosk-api.md
 * §3.3). */
typedef struct {
  gint64            id;               /* local order */
  char             *idempotency_key;  /* UUID, made once, sent on every retry */
  char             *kind;             /* as stored: kiosk_outbox_kind_to_string() of a kind */
  KioskOutboxKind   known_kind;       /* @kind as this build knows it, else KIOSK_OUTBOX_KIND_UNKNOWN */
  char             *entity_id;
  char             *payload;          /* JSON body as it will be sent */
  KioskOutboxState  state;
  int               attempts;
  gint64            next_attempt_at;  /* g_get_real_time () µs, 0 = now */
  int               last_status;      /* HTTP status of the last try, 0 if none */
  char             *last_reason;      /* the server's words for a refusal, or why the last try failed */
  char             *refusal_code;     /* a refusal's code ("slot_taken", "validation", …), else NULL */
  gint64            created_at;       /* µs since the epoch, local clock */
} KioskOutboxEntry;

void kiosk_outbox_entry_free (KioskOutboxEntry *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskOutboxEntry, kiosk_outbox_entry_free)

#define KIOSK_TYPE_REPLICA (kiosk_replica_get_type ())
G_DECLARE_FINAL_TYPE (KioskReplica, kiosk_replica, KIOSK, REPLICA, GObject)

GQuark        kiosk_replica_error_quark          (void);

/* Opens (creating with mode 0600 and migrating as needed) the replica at
 * @path. A file that is corrupt or not a database is renamed to
 * "<path>.corrupt-<UTC time>" (never deleted) and a fresh replica is made;
 * kiosk_replica_get_moved_aside_path() then tells where it went. */
KioskReplica *kiosk_replica_open                 (const char    *path,
                                                  GError       **error);
const char   *kiosk_replica_get_path             (KioskReplica  *self);
const char   *kiosk_replica_get_moved_aside_path (KioskReplica  *self);
int           kiosk_replica_get_schema_version   (KioskReplica  *self);

/* Nested calls are counted; only the outermost commit writes. */
gboolean      kiosk_replica_begin                (KioskReplica  *self,
                                                  GError       **error);
gboolean      kiosk_replica_commit               (KioskReplica  *self,
                                                  GError       **error);
void          kiosk_replica_rollback             (KioskReplica  *self);

/* Key/value facts: cursor, device id, salon id, … */
char         *kiosk_replica_get_meta             (KioskReplica  *self,
                                                  const char    *key);
gboolean      kiosk_replica_set_meta             (KioskReplica  *self,
                                                  const char    *key,
                                                  const char    *value,
                                                  GError       **error);

/* Upserts keep the record's version and pending flag as given. */
gboolean kiosk_replica_put_salon          (KioskReplica *self, const KioskSalon        *salon,   GError **error);
gboolean kiosk_replica_put_working_hours  (KioskReplica *self, const KioskWorkingHours *hours,   GError **error);
gboolean kiosk_replica_put_category       (KioskReplica *self, const KioskCategory     *category,GError **error);
gboolean kiosk_replica_put_service        (KioskReplica *self, const KioskService      *service, GError **error);
gboolean kiosk_replica_put_employee       (KioskReplica *self, const KioskEmployee     *employee,GError **error);
gboolean kiosk_replica_put_customer       (KioskReplica *self, const KioskCustomer     *customer,GError **error);
gboolean kiosk_replica_put_appointment    (KioskReplica *self, const KioskAppointment  *appt,    GError **error);
gboolean kiosk_replica_put_walkin         (KioskReplica *self, const KioskWalkin       *walkin,  GError **error);
gboolean kiosk_replica_put_point_entry    (KioskReplica *self, const KioskPointEntry   *entry,   GError **error);

/* Typed queries. Lists are GPtrArrays that free their elements. A get by id
 * that finds nothing returns NULL with KIOSK_REPLICA_ERROR_NOT_FOUND. */
/* NULL without an error when the replica has no salon yet (not paired). */
KioskSalon        *kiosk_replica_get_salon             (KioskReplica *self, GError **error);
GPtrArray         *kiosk_replica_list_working_hours    (KioskReplica *self, GError **error);
GPtrArray         *kiosk_replica_list_categories       (KioskReplica *self, GError **error);
GPtrArray         *kiosk_replica_list_services         (KioskReplica *self, GError **error);  /* by category, name */
GPtrArray         *kiosk_replica_list_employees        (KioskReplica *self, GError **error);  /* by name */
KioskCustomer     *kiosk_replica_get_customer          (KioskReplica *self, const char *id, GError **error);
GPtrArray         *kiosk_replica_list_customers        (KioskReplica *self, GError **error);  /* all, by id */
/* The customer with this phone (E.164, as stored), or NULL and NOT_FOUND. */
KioskCustomer     *kiosk_replica_find_customer_by_phone (KioskReplica *self, const char *phone, GError **error);
KioskAppointment  *kiosk_replica_get_appointment       (KioskReplica *self, const char *id, GError **error);
/* Appointments of one salon day (YYYY-MM-DD), by time then employee name. */
GPtrArray         *kiosk_replica_list_appointment_rows (KioskReplica *self, const char *date, GError **error);
/* Appointments from @from_date to @to_date inclusive, by date, time, id. */
GPtrArray         *kiosk_replica_list_appointments     (KioskReplica *self, const char *from_date, const char *to_date, GError **error);
GPtrArray         *kiosk_replica_list_walkins          (KioskReplica *self, GError **error);
/* Walk-ins still in the queue (waiting, called, in service), by arrival. */
GPtrArray         *kiosk_replica_list_open_walkins     (KioskReplica *self, GError **error);
/* How many customers each KioskLoyaltyLevel has, in one query. */
gboolean           kiosk_replica_count_customers_by_level (KioskReplica *self, gint64 counts[4], GError **error);
/* A customer's point history by time; with @customer NULL every entry, by id. */
GPtrArray         *kiosk_replica_list_point_entries    (KioskReplica *self, const char *customer, GError **error);

gint64             kiosk_replica_count                 (KioskReplica *self, const char *table, GError **error);

/* By entity name of docs/kiosk-api.md §3.4 ("customer", "appointment", …),
 * for the sync engine. get_row_state: the version and pending flag the replica
 * holds for a row, FALSE and NOT_FOUND when it holds none. delete: removes
 * the row if present (an employee takes its service list along). */
gboolean           kiosk_replica_get_row_state         (KioskReplica *self,
                                                        const char   *entity,
                                                        const char   *id,
                                                        gint64       *out_version,
                                                        gboolean     *out_pending,
                                                        GError      **error);
gboolean           kiosk_replica_delete                (KioskReplica *self,
                                                        const char   *entity,
                                                        const char   *id,
                                                        GError      **error);

/* The sync engine's quarantine: a feed row it could not store, kept as sent
 * (@id may be NULL when the row had none). */
gboolean           kiosk_replica_quarantine_add        (KioskReplica *self,
                                                        const char   *entity,
                                                        const char   *id,
                                                        const char   *reason,
                                                        const char   *raw_json,
                                                        GError      **error);

/* The outbox. A local write and its outbox entry belong in one transaction:
 * wrap both in kiosk_replica_begin()/commit(). The key is made here. @kind
 * is stored as given: the desk queues through the sync side's routes
 * (kiosk_outbox_enqueue()), which give kiosk_outbox_kind_to_string(). */
gboolean   kiosk_replica_outbox_add       (KioskReplica      *self,
                                           const char        *kind,
                                           const char        *entity_id,
                                           const char        *payload,
                                           KioskOutboxEntry **out_entry,
                                           GError           **error);
GPtrArray *kiosk_replica_outbox_list      (KioskReplica      *self,
                                           GError           **error);  /* by id */
gboolean   kiosk_replica_outbox_update    (KioskReplica      *self,
                                           const KioskOutboxEntry *entry,
                                           GError           **error);  /* state, attempts, next, status, reason, code */

/* Forgets the salon: every entity row, the outbox, the quarantine and the
 * sync bookkeeping, and every meta key except those starting with
 * KIOSK_REPLICA_LOCAL_META_PREFIX (facts about this terminal, such as the
 * staff PIN lock-out, that outlive a salon). One transaction. For pairing
 * with another salon after the old one's pending changes were exported. */
#define KIOSK_REPLICA_LOCAL_META_PREFIX "local."
gboolean   kiosk_replica_clear_all        (KioskReplica      *self,
                                           GError           **error);

G_END_DECLS
