/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Inside the replica: the migrations, the helpers its files share, and
 * hooks for the tests. Nothing in here is for the UI.
 */
#pragma once

#include <sqlite3.h>

#include "kiosk-replica.h"
#include "kiosk-replica-records-private.h"

G_BEGIN_DECLS

/* kiosk-replica-schema.c: brings @db from its user_version up to @target,
 * one transaction per step. Returns the SQLite result code of the first
 * failure (SQLITE_OK on success); *failed_step is the version that failed. */
int          kiosk_replica_schema_migrate           (sqlite3       *db,
                                                     int            target,
                                                     int           *failed_step);
/* The secondary indexes a snapshot into an empty replica drops and builds
 * once at its end (kiosk-replica-sync.c): { name, CREATE INDEX IF NOT
 * EXISTS … } pairs, as the migrations define them, NULL-terminated. A file
 * without them is still complete; the sync side builds them again. */
typedef struct {
  const char *name;
  const char *create_sql;
} KioskDeferredIndex;

extern const KioskDeferredIndex kiosk_replica_deferred_indexes[];

/* PRAGMA user_version into *out. */
int          kiosk_replica_schema_read_version      (sqlite3       *db,
                                                     int           *out);
/* Checks that the objects of schema @version are all present. */
int          kiosk_replica_schema_check             (sqlite3       *db,
                                                     int            version,
                                                     gboolean      *complete);

/* Shared by the kiosk-replica*.c files (kiosk-replica.c and
 * kiosk-replica-rows.c define them). */

/* A cached statement is lent out and must go back reset and unbound, on
 * every path: g_autoptr(KioskCachedStmt) does that. */
typedef sqlite3_stmt KioskCachedStmt;

void          kiosk_cached_stmt_release              (KioskCachedStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KioskCachedStmt, kiosk_cached_stmt_release)

/* Turns a row of a query into a record. */
typedef gpointer (*ReadRow) (sqlite3_stmt *stmt);

sqlite3         *kiosk_replica_get_db               (KioskReplica     *self);
/* After a failed statement: sets @error, and notices when SQLite rolled
 * the whole transaction back by itself. */
void             kiosk_replica_fail                 (KioskReplica     *self,
                                                     int               rc,
                                                     GError          **error);
/* FALSE while a failed transaction waits for its outermost end. */
gboolean         kiosk_replica_check_usable         (KioskReplica     *self,
                                                     GError          **error);
/* @sql must be a static string: the cache is keyed by its address. */
KioskCachedStmt *kiosk_replica_prepare              (KioskReplica     *self,
                                                     const char       *sql,
                                                     GError          **error);
gboolean         kiosk_replica_run                  (KioskReplica     *self,
                                                     KioskCachedStmt  *stmt,
                                                     GError          **error);
gboolean         kiosk_replica_next                 (KioskReplica     *self,
                                                     KioskCachedStmt  *stmt,
                                                     gboolean         *has_row,
                                                     GError          **error);
gboolean         kiosk_replica_exec                 (KioskReplica     *self,
                                                     const char       *sql,
                                                     GError          **error);
void             kiosk_replica_bind_text            (sqlite3_stmt     *stmt,
                                                     int               index,
                                                     const char       *text);
char            *kiosk_replica_column_text          (sqlite3_stmt     *stmt,
                                                     int               index);
/* Runs a bound query into a list that frees its rows with @free_func. */
GPtrArray       *kiosk_replica_collect_rows         (KioskReplica     *self,
                                                     KioskCachedStmt  *stmt,
                                                     ReadRow           read,
                                                     GDestroyNotify    free_func,
                                                     GError          **error);
/* The first row; NULL and *found FALSE when there is none. */
gpointer         kiosk_replica_collect_one          (KioskReplica     *self,
                                                     KioskCachedStmt  *stmt,
                                                     ReadRow           read,
                                                     gboolean         *found,
                                                     GError          **error);

/* A walk-in row as a record: a row of kiosk_replica_record_sql()
 * (kiosk-replica-records-private.h), which names the columns from the
 * entity's table. */
gpointer         kiosk_replica_read_walkin          (sqlite3_stmt     *stmt);

/* The start of a writing function: @stmt prepared from @sql, or return. */
#define BEGIN_PUT(sql)                                                  \
  g_autoptr(KioskCachedStmt) stmt = NULL;                               \
  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);                \
  if (!kiosk_replica_check_usable (self, error))                        \
    return FALSE;                                                       \
  stmt = kiosk_replica_prepare (self, sql, error);                      \
  if (stmt == NULL)                                                     \
    return FALSE

/* kiosk-replica-queries.c: an employee row as a record, without the
 * services (kiosk-replica-desk.c reads them from the column after,
 * KIOSK_N_EMPLOYEE_COLUMNS). */
#define KIOSK_N_EMPLOYEE_COLUMNS ((int) kiosk_replica_record_n_columns (KIOSK_ENTITY_EMPLOYEE))
gpointer         kiosk_replica_read_employee        (sqlite3_stmt     *stmt);

/* kiosk-replica-outbox.c: an outbox row, SELECT KIOSK_OUTBOX_COLUMNS FROM
 * outbox …, read by kiosk_replica_read_outbox_entry() (the sync engine's
 * lists and staff's, kiosk-replica-desk.c). */
#define KIOSK_OUTBOX_COLUMNS                                                  \
  "id, idempotency_key, kind, entity_id, payload, state, attempts, "          \
  "next_attempt_at, last_status, last_reason, created_at, refusal_code"
gpointer         kiosk_replica_read_outbox_entry    (sqlite3_stmt     *stmt);
/* *open: some entry for the row @entity_id is not done (refused and held
 * ones count: staff has not decided on them). */
gboolean         kiosk_replica_outbox_row_is_open   (KioskReplica     *self,
                                                     const char       *entity_id,
                                                     gboolean         *open,
                                                     GError          **error);
/* NOT_FOUND: no outbox entry @entry_id. */
void             kiosk_replica_set_no_outbox_entry  (GError          **error,
                                                     gint64            entry_id);

/* kiosk-replica-errors.c: a failed SQLite call (@rc, and @detail as
 * sqlite3_errmsg() says it) as a KioskReplicaError about the file @path. */
void             kiosk_replica_set_sqlite_error     (GError          **error,
                                                     int               rc,
                                                     const char       *detail,
                                                     const char       *path);
/* The file is not a database, or is damaged. */
gboolean         kiosk_replica_is_corruption        (int               rc);

/* kiosk-replica-files.c: the database file on disk. */

/* Makes @path, mode 0600 (an orphaned -wal or -shm is moved aside first). */
gboolean         kiosk_replica_file_create          (const char       *path,
                                                     GError          **error);
/* Makes @path and its -wal and -shm private again. */
void             kiosk_replica_file_tighten_mode    (const char       *path);
/* Renames @path and its journal to "<path>.<what>-<UTC time>[-N]…";
 * returns that name, or NULL with @error set. */
char            *kiosk_replica_file_move_aside      (const char       *path,
                                                     const char       *what,
                                                     GError          **error);

/* kiosk-replica-sync.c, for the outbox's acknowledgements. */

/* The table of @entity ("customer", …). */
const char      *kiosk_replica_entity_table         (KioskEntity       entity);
/* Writes @record as the server's row, not pending. */
gboolean         kiosk_replica_put_server_record    (KioskReplica     *self,
                                                     KioskEntity       entity,
                                                     gconstpointer     record,
                                                     GError          **error);
/* Keeps @record as the server copy of a pending row (unless a newer one is
 * kept); the row keeps the desk's content. */
gboolean         kiosk_replica_keep_server_copy     (KioskReplica     *self,
                                                     KioskEntity       entity,
                                                     gconstpointer     record,
                                                     GError          **error);
/* A row whose outbox is empty takes the newest of @record (may be NULL)
 * and its kept server copy, and stops being pending. */
gboolean         kiosk_replica_settle_row           (KioskReplica     *self,
                                                     KioskEntity       entity,
                                                     const char       *id,
                                                     gconstpointer     record,
                                                     GError          **error);

/* Test hooks. */

/* Like kiosk_replica_open(), but migrates only up to @version (1 …
 * KIOSK_REPLICA_SCHEMA_VERSION), to make files of an earlier build. */
KioskReplica *kiosk_replica_open_at_version         (const char    *path,
                                                     int            version,
                                                     GError       **error);
/* Runs @sql (which may be several statements) on the connection. */
gboolean      kiosk_replica_exec_for_testing        (KioskReplica  *self,
                                                     const char    *sql,
                                                     GError       **error);
/* The query plan of kiosk_replica_list_appointment_rows(), one step a line. */
char         *kiosk_replica_explain_appointment_rows (KioskReplica *self);

G_END_DECLS
