/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Inside the replica: records in and out of their tables by the entities'
 * tables (domain/kiosk-record-fields.h), kiosk-replica-entities.c. A row's
 * columns are the table's fields that have one, in the table's order, then
 * `version` and `pending`.
 */
#pragma once

#include <sqlite3.h>

#include "kiosk-replica.h"
#include "kiosk-record-fields.h"

G_BEGIN_DECLS

/* Writes @record over its row (an upsert). @as_server: the server's copy,
 * never pending; otherwise the record's own `pending` (0 for the entities
 * the desk never edits). KEEP_LOCAL columns keep the row's value when the
 * record has none. */
gboolean     kiosk_replica_put_record          (KioskReplica   *self,
                                                KioskEntity     entity,
                                                gconstpointer   record,
                                                gboolean        as_server,
                                                GError        **error);

/* The row @id of @entity as a record (free with kiosk_record_free()), the
 * employee's services included; NULL with KIOSK_REPLICA_ERROR_NOT_FOUND
 * when there is none. */
gpointer     kiosk_replica_get_record          (KioskReplica   *self,
                                                KioskEntity     entity,
                                                const char     *id,
                                                GError        **error);

/* Every row of @entity as records, by id, the employee's services
 * included. The array does not free them: kiosk_replica_free_records(). */
GPtrArray   *kiosk_replica_list_records        (KioskReplica   *self,
                                                KioskEntity     entity,
                                                GError        **error);
/* Frees @records (of @entity) and the array. */
void         kiosk_replica_free_records        (KioskEntity     entity,
                                                GPtrArray      *records);

/* The SQL of @entity's row made once from its table; static for the
 * statement cache (keyed by address). */
/* "id, name, …, version, pending": the columns kiosk_replica_read_record()
 * reads, from column 0. */
const char  *kiosk_replica_record_columns      (KioskEntity     entity);
/* How many they are: the first column a query adds after them. */
guint        kiosk_replica_record_n_columns    (KioskEntity     entity);
/* A query that reads @entity's rows, made on the first call into *@sql, a
 * static of the caller's (`static char *sql;`): "SELECT <the columns>
 * [, @extra] FROM <the table> [@alias] [@rest]", each column as
 * "<alias>.<column>" when @alias is not NULL. The text is never freed, as
 * the statement cache is keyed by its address; each call site therefore
 * makes one text once, and a field of the entity is named only in its
 * table. @extra and @rest: what the query adds (joined columns, after
 * kiosk_replica_record_n_columns(); WHERE, ORDER BY). */
const char  *kiosk_replica_record_sql          (char          **sql,
                                                KioskEntity     entity,
                                                const char     *alias,
                                                const char     *extra,
                                                const char     *rest);
/* A row of SELECT kiosk_replica_record_columns() as a record, without the
 * employee's services (a link table). */
gpointer     kiosk_replica_read_record         (KioskEntity     entity,
                                                sqlite3_stmt   *stmt);
/* The same into a zeroed @record (one inside a larger struct). */
void         kiosk_replica_read_record_into    (KioskEntity     entity,
                                                sqlite3_stmt   *stmt,
                                                gpointer        record);
/* kiosk_replica_collect_rows() and _collect_one() (kiosk-replica-private.h)
 * for a query of kiosk_replica_record_sql(). */
GPtrArray   *kiosk_replica_collect_records     (KioskReplica   *self,
                                                sqlite3_stmt   *stmt,
                                                KioskEntity     entity,
                                                GDestroyNotify  free_func,
                                                GError        **error);
gpointer     kiosk_replica_collect_record      (KioskReplica   *self,
                                                sqlite3_stmt   *stmt,
                                                KioskEntity     entity,
                                                gboolean       *found,
                                                GError        **error);

G_END_DECLS
