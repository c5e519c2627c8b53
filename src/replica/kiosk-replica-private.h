/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Inside the replica: the migrations, and hooks for the tests. Nothing in
 * here is for the UI.
 */
#pragma once

#include <sqlite3.h>

#include "kiosk-replica.h"

G_BEGIN_DECLS

/* kiosk-replica-schema.c: brings @db from its user_version up to @target,
 * one transaction per step. Returns the SQLite result code of the first
 * failure (SQLITE_OK on success); *failed_step is the version that failed. */
int          kiosk_replica_schema_migrate           (sqlite3       *db,
                                                     int            target,
                                                     int           *failed_step);
/* PRAGMA user_version into *out. */
int          kiosk_replica_schema_read_version      (sqlite3       *db,
                                                     int           *out);
/* Checks that the objects of schema @version are all present. */
int          kiosk_replica_schema_check             (sqlite3       *db,
                                                     int            version,
                                                     gboolean      *complete);

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
