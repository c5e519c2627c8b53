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

/* The SQL of @entity's row made once from its table; static for the
 * statement cache (keyed by address). */
/* "id, name, …, version, pending": the columns kiosk_replica_read_record()
 * reads, from column 0. */
const char  *kiosk_replica_record_columns      (KioskEntity     entity);
/* A row of SELECT kiosk_replica_record_columns() as a record, without the
 * employee's services (a link table). */
gpointer     kiosk_replica_read_record         (KioskEntity     entity,
                                                sqlite3_stmt   *stmt);

G_END_DECLS
