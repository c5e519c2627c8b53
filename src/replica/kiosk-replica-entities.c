/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Records and their rows, by the entities' tables (kiosk-record-fields.h):
 * the upserts (typed, and by entity for the sync side), a row read back as
 * a record, and rows by entity name for the sync engine (state, delete,
 * count, quarantine).
 */
#define G_LOG_DOMAIN "kiosk-replica"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-replica-private.h"
#include "kiosk-replica-records-private.h"

/* The SQL of each entity, made once from its table (kiosk-record-fields.h).
 * The statement cache is keyed by the text's address, so these strings
 * live as long as the program. */
typedef struct {
  char *columns;     /* id, …, version, pending */
  guint n_columns;
  char *upsert;      /* ?1 … in the order of `columns` */
  char *select;      /* ?1 id -> `columns` */
  char *state;       /* ?1 id -> version, pending */
  char *delete;      /* ?1 id */
  char *count;
  char *all;         /* every row, by id */
} EntitySql;

static char *
make_upsert (const KioskRecordType *type)
{
  GString *sql = g_string_new (NULL);
  guint n = 0;

  g_string_append_printf (sql, "INSERT INTO %s (", type->table);
  for (guint i = 0; i < type->n_fields; i++)
    if (type->fields[i].column != NULL)
      g_string_append_printf (sql, "%s, ", type->fields[i].column);
  g_string_append (sql, "version, pending) VALUES (");
  for (guint i = 0; i < type->n_fields; i++)
    if (type->fields[i].column != NULL)
      g_string_append_printf (sql, "?%u, ", ++n);
  g_string_append_printf (sql, "?%u, ?%u) ON CONFLICT (id) DO UPDATE SET ", n + 1, n + 2);
  for (guint i = 1; i < type->n_fields; i++)
    {
      const char *column = type->fields[i].column;

      if (column == NULL)
        continue;
      /* The consent is this kiosk's knowledge, never the feed's (§3.6): a
       * server copy without it keeps what the desk recorded. */
      if ((type->fields[i].flags & KIOSK_FIELD_KEEP_LOCAL) != 0)
        g_string_append_printf (sql, "%s = coalesce (excluded.%s, %s), ", column, column, column);
      else
        g_string_append_printf (sql, "%s = excluded.%s, ", column, column);
    }
  g_string_append (sql, "version = excluded.version, pending = excluded.pending");
  return g_string_free (sql, FALSE);
}

static const EntitySql *
get_entity_sql (KioskEntity entity)
{
  static EntitySql all[KIOSK_N_ENTITIES];
  static gsize made = 0;

  g_return_val_if_fail ((guint)entity < KIOSK_N_ENTITIES, NULL);

  if (g_once_init_enter (&made))
    {
      for (guint e = 0; e < KIOSK_N_ENTITIES; e++)
        {
          const KioskRecordType *type = kiosk_record_type_get ((KioskEntity)e);
          GString *columns = g_string_new (NULL);

          for (guint i = 0; i < type->n_fields; i++)
            if (type->fields[i].column != NULL)
              {
                g_string_append_printf (columns, "%s, ", type->fields[i].column);
                all[e].n_columns++;
              }
          g_string_append (columns, "version, pending");
          all[e].n_columns += 2;
          all[e].columns = g_string_free (columns, FALSE);
          all[e].upsert = make_upsert (type);
          all[e].select = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?1", all[e].columns, type->table);
          all[e].state = g_strdup_printf ("SELECT version, pending FROM %s WHERE id = ?1", type->table);
          all[e].delete = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", type->table);
          all[e].count = g_strdup_printf ("SELECT count(*) FROM %s", type->table);
          all[e].all = g_strdup_printf ("SELECT %s FROM %s ORDER BY id", all[e].columns, type->table);
        }
      g_once_init_leave (&made, 1);
    }
  return &all[entity];
}

const char *
kiosk_replica_record_columns (KioskEntity entity)
{
  const EntitySql *sql = get_entity_sql (entity);

  return sql != NULL ? sql->columns : NULL;
}

guint
kiosk_replica_record_n_columns (KioskEntity entity)
{
  const EntitySql *sql = get_entity_sql (entity);

  return sql != NULL ? sql->n_columns : 0;
}

const char *
kiosk_replica_record_sql (char        **sql,
                          KioskEntity   entity,
                          const char   *alias,
                          const char   *extra,
                          const char   *rest)
{
  g_return_val_if_fail (sql != NULL, NULL);

  /* After the first call, one atomic read: the screens' hot queries
   * (a day's appointments, a customer per search hit) come here each time. */
  if (g_once_init_enter (sql))
    {
      const KioskRecordType *type = kiosk_record_type_get (entity);
      const char *prefix = alias != NULL ? alias : "";
      const char *dot = alias != NULL ? "." : "";
      GString *text = g_string_new ("SELECT ");

      g_assert (type != NULL);
      for (guint i = 0; i < type->n_fields; i++)
        if (type->fields[i].column != NULL)
          g_string_append_printf (text, "%s%s%s, ", prefix, dot, type->fields[i].column);
      g_string_append_printf (text, "%s%sversion, %s%spending", prefix, dot, prefix, dot);
      if (extra != NULL)
        g_string_append_printf (text, ", %s", extra);
      g_string_append_printf (text, " FROM %s", type->table);
      if (alias != NULL)
        g_string_append_printf (text, " %s", alias);
      if (rest != NULL)
        g_string_append_printf (text, " %s", rest);
      /* Never freed: the statement cache holds its address. */
      g_once_init_leave (sql, g_string_free (text, FALSE));
    }
  return *sql;
}

/* Lists live in link tables. The employee's services are the only list
 * (employee_service: employee, service, position), so that table is named
 * here rather than in the entity's table. */
static gboolean
put_links (KioskReplica         *self,
           const KioskEmployee  *employee,
           GError              **error)
{
  g_autoptr(KioskCachedStmt) clear = NULL;
  g_autoptr(KioskCachedStmt) link = NULL;

  clear = kiosk_replica_prepare (self, "DELETE FROM employee_service WHERE employee = ?1", error);
  if (clear == NULL)
    return FALSE;
  link = kiosk_replica_prepare (self,
                                "INSERT INTO employee_service (employee, service, position) "
                                "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                                error);
  if (link == NULL)
    return FALSE;

  kiosk_replica_bind_text (clear, 1, employee->id);
  if (!kiosk_replica_run (self, clear, error))
    return FALSE;
  for (guint i = 0; employee->services != NULL && employee->services[i] != NULL; i++)
    {
      sqlite3_reset (link);
      kiosk_replica_bind_text (link, 1, employee->id);
      kiosk_replica_bind_text (link, 2, employee->services[i]);
      sqlite3_bind_int (link, 3, (int)i);
      if (!kiosk_replica_run (self, link, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_links (const KioskRecordType *type)
{
  for (guint i = 0; i < type->n_fields; i++)
    if (type->fields[i].type == KIOSK_FIELD_ID_LIST)
      return TRUE;
  return FALSE;
}

/* Binds @record to an upsert of its table, by its fields' types. */
static void
bind_record (sqlite3_stmt          *stmt,
             const KioskRecordType *type,
             gconstpointer          record,
             gboolean               as_server)
{
  int n = 0;

  for (guint i = 0; i < type->n_fields; i++)
    {
      const KioskRecordField *field = &type->fields[i];

      if (field->column == NULL)
        continue;
      n++;
      switch (field->type)
        {
        case KIOSK_FIELD_ID:
        case KIOSK_FIELD_STRING:
        case KIOSK_FIELD_UUID:
        case KIOSK_FIELD_DATE:
        case KIOSK_FIELD_INSTANT:
          {
            const char *text = *kiosk_record_field_text (field, record);

            kiosk_replica_bind_text (stmt, n, text != NULL ? text : field->fallback_text);
          }
          break;
        case KIOSK_FIELD_TIME:
        case KIOSK_FIELD_INT:
          sqlite3_bind_int (stmt, n, *kiosk_record_field_int (field, record));
          break;
        case KIOSK_FIELD_BOOL:
          sqlite3_bind_int (stmt, n, *kiosk_record_field_int (field, record) ? 1 : 0);
          break;
        case KIOSK_FIELD_INT64:
        case KIOSK_FIELD_MONEY:
          sqlite3_bind_int64 (stmt, n, *kiosk_record_field_int64 (field, record));
          break;
        case KIOSK_FIELD_ENUM:
          kiosk_replica_bind_text (stmt, n, kiosk_enum_to_string (field->enum_type,
                                                                  *kiosk_record_field_int (field, record)));
          break;
        case KIOSK_FIELD_ID_LIST:
        default:
          g_assert_not_reached ();
        }
    }
  sqlite3_bind_int64 (stmt, n + 1, kiosk_record_get_version (type->entity, record));
  sqlite3_bind_int (stmt, n + 2, !as_server && kiosk_record_get_pending (type->entity, record) ? 1 : 0);
}

gboolean
kiosk_replica_put_record (KioskReplica   *self,
                          KioskEntity     entity,
                          gconstpointer   record,
                          gboolean        as_server,
                          GError        **error)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);
  sqlite3 *db;

  g_return_val_if_fail (type != NULL, FALSE);

  {
    BEGIN_PUT (get_entity_sql (entity)->upsert);

    g_return_val_if_fail (record != NULL && kiosk_record_get_id (entity, record) != NULL, FALSE);

    bind_record (stmt, type, record, as_server);
    if (!has_links (type))
      return kiosk_replica_run (self, stmt, error);
    g_assert (entity == KIOSK_ENTITY_EMPLOYEE);   /* put_links() knows its table only */

    /* The row and its links change together or not at all. A savepoint,
     * not kiosk_replica_begin(): a refused employee must not doom the
     * caller's whole transaction (a feed page goes on without it). */
    if (!kiosk_replica_exec (self, "SAVEPOINT put_employee", error))
      return FALSE;
    if (kiosk_replica_run (self, stmt, error) &&
        put_links (self, record, error) &&
        kiosk_replica_exec (self, "RELEASE put_employee", error))
      return TRUE;
  }

  /* Unless SQLite already rolled everything back (disk full). */
  db = kiosk_replica_get_db (self);
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK TO put_employee; RELEASE put_employee", NULL, NULL, NULL);
  return FALSE;
}

void
kiosk_replica_read_record_into (KioskEntity   entity,
                                sqlite3_stmt *stmt,
                                gpointer      record)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);
  int n = 0;

  g_return_if_fail (type != NULL && record != NULL);

  for (guint i = 0; i < type->n_fields; i++)
    {
      const KioskRecordField *field = &type->fields[i];

      if (field->column == NULL)
        continue;
      switch (field->type)
        {
        case KIOSK_FIELD_ID:
        case KIOSK_FIELD_STRING:
        case KIOSK_FIELD_UUID:
        case KIOSK_FIELD_DATE:
        case KIOSK_FIELD_INSTANT:
          *kiosk_record_field_text (field, record) = kiosk_replica_column_text (stmt, n);
          break;
        case KIOSK_FIELD_TIME:
        case KIOSK_FIELD_INT:
          *kiosk_record_field_int (field, record) = sqlite3_column_int (stmt, n);
          break;
        case KIOSK_FIELD_BOOL:
          *kiosk_record_field_int (field, record) = sqlite3_column_int (stmt, n) != 0;
          break;
        case KIOSK_FIELD_INT64:
        case KIOSK_FIELD_MONEY:
          *kiosk_record_field_int64 (field, record) = sqlite3_column_int64 (stmt, n);
          break;
        case KIOSK_FIELD_ENUM:
          /* The schema's CHECKs keep the word known; the first value if it
           * ever is not. */
          *kiosk_record_field_int (field, record) = 0;
          kiosk_enum_from_string (field->enum_type, (const char *)sqlite3_column_text (stmt, n),
                                  kiosk_record_field_int (field, record));
          break;
        case KIOSK_FIELD_ID_LIST:
        default:
          g_assert_not_reached ();
        }
      n++;
    }
  kiosk_record_set_version (entity, record, sqlite3_column_int64 (stmt, n));
  kiosk_record_set_pending (entity, record, sqlite3_column_int (stmt, n + 1) != 0);
}

gpointer
kiosk_replica_read_record (KioskEntity   entity,
                           sqlite3_stmt *stmt)
{
  gpointer record;

  g_return_val_if_fail (kiosk_record_type_get (entity) != NULL, NULL);

  record = kiosk_record_new (entity);
  kiosk_replica_read_record_into (entity, stmt, record);
  return record;
}

GPtrArray *
kiosk_replica_collect_records (KioskReplica     *self,
                               sqlite3_stmt     *stmt,
                               KioskEntity       entity,
                               GDestroyNotify    free_func,
                               GError          **error)
{
  GPtrArray *rows = g_ptr_array_new ();
  gboolean has_row = FALSE;

  for (;;)
    {
      /* Freed by the entity's table: @free_func may be NULL. */
      if (!kiosk_replica_next (self, stmt, &has_row, error))
        {
          kiosk_replica_free_records (entity, rows);
          return NULL;
        }
      if (!has_row)
        break;
      g_ptr_array_add (rows, kiosk_replica_read_record (entity, stmt));
    }
  g_ptr_array_set_free_func (rows, free_func);
  return rows;
}

gpointer
kiosk_replica_collect_record (KioskReplica     *self,
                              sqlite3_stmt     *stmt,
                              KioskEntity       entity,
                              gboolean         *found,
                              GError          **error)
{
  *found = FALSE;
  if (!kiosk_replica_next (self, stmt, found, error) || !*found)
    return NULL;
  return kiosk_replica_read_record (entity, stmt);
}

/* The employee's services, in their order (put_links()). */
static gboolean
get_links (KioskReplica   *self,
           KioskEmployee  *employee,
           GError        **error)
{
  g_autoptr(KioskCachedStmt) links = NULL;
  g_autoptr(GStrvBuilder) services = g_strv_builder_new ();
  gboolean has_row = FALSE;

  links = kiosk_replica_prepare (self,
                                 "SELECT service FROM employee_service WHERE employee = ?1 "
                                 "ORDER BY position",
                                 error);
  if (links == NULL)
    return FALSE;
  kiosk_replica_bind_text (links, 1, employee->id);
  for (;;)
    {
      if (!kiosk_replica_next (self, links, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      g_strv_builder_add (services, (const char *)sqlite3_column_text (links, 0));
    }
  g_strfreev (employee->services);
  employee->services = g_strv_builder_end (services);
  return TRUE;
}

gpointer
kiosk_replica_get_record (KioskReplica  *self,
                          KioskEntity    entity,
                          const char    *id,
                          GError       **error)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean has_row = FALSE;
  gpointer record;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (type != NULL && id != NULL, NULL);

  stmt = kiosk_replica_prepare (self, get_entity_sql (entity)->select, error);
  if (stmt == NULL)
    return NULL;
  kiosk_replica_bind_text (stmt, 1, id);
  if (!kiosk_replica_next (self, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                   _("No %s %s in the local database"), type->table, id);
      return NULL;
    }
  record = kiosk_replica_read_record (entity, stmt);
  g_assert (!has_links (type) || entity == KIOSK_ENTITY_EMPLOYEE);
  if (has_links (type) && !get_links (self, record, error))
    {
      kiosk_record_free (entity, record);
      return NULL;
    }
  return record;
}

GPtrArray *
kiosk_replica_list_records (KioskReplica  *self,
                            KioskEntity    entity,
                            GError       **error)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);
  g_autoptr(KioskCachedStmt) stmt = NULL;
  GPtrArray *records;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), NULL);
  g_return_val_if_fail (type != NULL, NULL);

  stmt = kiosk_replica_prepare (self, get_entity_sql (entity)->all, error);
  if (stmt == NULL)
    return NULL;
  records = kiosk_replica_collect_records (self, stmt, entity, NULL, error);
  if (records == NULL)
    return NULL;
  g_assert (!has_links (type) || entity == KIOSK_ENTITY_EMPLOYEE);
  for (guint i = 0; has_links (type) && i < records->len; i++)
    if (!get_links (self, g_ptr_array_index (records, i), error))
      {
        kiosk_replica_free_records (entity, records);
        return NULL;
      }
  return records;
}

static void
free_record (gpointer record,
             gpointer entity)
{
  kiosk_record_free (GPOINTER_TO_INT (entity), record);
}

void
kiosk_replica_free_records (KioskEntity  entity,
                            GPtrArray   *records)
{
  if (records == NULL)
    return;
  g_ptr_array_foreach (records, free_record, GINT_TO_POINTER (entity));
  g_ptr_array_unref (records);
}

/* The typed upserts of kiosk-replica.h. */

gboolean
kiosk_replica_put_salon (KioskReplica      *self,
                         const KioskSalon  *salon,
                         GError           **error)
{
  return kiosk_replica_put_record (self, KIOSK_ENTITY_SALON, salon, FALSE, error);
}

gboolean
kiosk_replica_put_working_hours (KioskReplica             *self,
                                 const KioskWorkingHours  *hours,
                                 GError                  **error)
{
  return kiosk_replica_put_record (self, KIOSK_ENTITY_WORKING_HOURS, hours, FALSE, error);
}

gboolean
kiosk_replica_put_category (KioskReplica         *self,
                            const KioskCategory  *category,
                            GError              **error)
{
  return kiosk_replica_put_record (self, KIOSK_ENTITY_CATEGORY, category, FALSE, error);
}

gboolean
kiosk_replica_put_service (KioskReplica        *self,
                           const KioskService  *service,
                           GError             **error)
{
  return kiosk_replica_put_record (self, KIOSK_ENTITY_SERVICE, service, FALSE, error);
}

gboolean
kiosk_replica_put_employee (KioskReplica         *self,
                            const KioskEmployee  *employee,
                            GError              **error)
{
  return kiosk_replica_put_record (self, KIOSK_ENTITY_EMPLOYEE, employee, FALSE, error);
}

gboolean
kiosk_replica_put_customer (KioskReplica         *self,
                            const KioskCustomer  *customer,
                            GError              **error)
{
  return kiosk_replica_put_record (self, KIOSK_ENTITY_CUSTOMER, customer, FALSE, error);
}

gboolean
kiosk_replica_put_appointment (KioskReplica            *self,
                               const KioskAppointment  *appt,
                               GError                 **error)
{
  return kiosk_replica_put_record (self, KIOSK_ENTITY_APPOINTMENT, appt, FALSE, error);
}

gboolean
kiosk_replica_put_walkin (KioskReplica       *self,
                          const KioskWalkin  *walkin,
                          GError            **error)
{
  return kiosk_replica_put_record (self, KIOSK_ENTITY_WALKIN, walkin, FALSE, error);
}

gboolean
kiosk_replica_put_point_entry (KioskReplica           *self,
                               const KioskPointEntry  *entry,
                               GError                **error)
{
  return kiosk_replica_put_record (self, KIOSK_ENTITY_POINT_ENTRY, entry, FALSE, error);
}

/* Only these names ever reach SQL: the text comes from this list or the
 * entities' tables, never from the caller. The entities' own tables are
 * get_entity_sql()'s. */
static const struct {
  const char *table;
  const char *sql;
} count_queries[] = {
  { "employee_service", "SELECT count(*) FROM employee_service" },
  { "outbox",           "SELECT count(*) FROM outbox" },
  { "meta",             "SELECT count(*) FROM meta" },
  { "quarantine",       "SELECT count(*) FROM quarantine" },
  { "outbox_ref",       "SELECT count(*) FROM outbox_ref" },
  { "snapshot_seen",    "SELECT count(*) FROM snapshot_seen" },
  { "server_copy",      "SELECT count(*) FROM server_copy" },
};

/* The entity whose table is @table, or KIOSK_ENTITY_UNKNOWN. */
static KioskEntity
entity_of_table (const char *table)
{
  for (guint e = 0; e < KIOSK_N_ENTITIES; e++)
    if (g_str_equal (kiosk_record_type_get ((KioskEntity)e)->table, table))
      return (KioskEntity)e;
  return KIOSK_ENTITY_UNKNOWN;
}

gint64
kiosk_replica_count (KioskReplica  *self,
                     const char    *table,
                     GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean has_row = FALSE;
  const char *sql = NULL;
  KioskEntity entity;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), -1);
  g_return_val_if_fail (table != NULL, -1);

  entity = entity_of_table (table);
  if (entity != KIOSK_ENTITY_UNKNOWN)
    sql = get_entity_sql (entity)->count;
  for (guint i = 0; i < G_N_ELEMENTS (count_queries); i++)
    if (g_str_equal (count_queries[i].table, table))
      sql = count_queries[i].sql;
  if (sql == NULL)
    {
      g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                   _("No table %s in the local database"), table);
      return -1;
    }

  stmt = kiosk_replica_prepare (self, sql, error);
  if (stmt == NULL || !kiosk_replica_next (self, stmt, &has_row, error))
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* Rows by entity name (the table's), for the sync engine. As in
 * kiosk_replica_count(), the SQL comes from the entities' tables only. */
static const EntitySql *
find_entity (const char  *entity,
             GError     **error)
{
  KioskEntity found = entity_of_table (entity);

  if (found != KIOSK_ENTITY_UNKNOWN)
    return get_entity_sql (found);
  g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
               _("No kind of record called %s in the local database"), entity);
  return NULL;
}

gboolean
kiosk_replica_get_row_state (KioskReplica  *self,
                             const char    *entity,
                             const char    *id,
                             gint64        *out_version,
                             gboolean      *out_pending,
                             GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  gboolean has_row = FALSE;
  const EntitySql *sql;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (entity != NULL && id != NULL, FALSE);

  sql = find_entity (entity, error);
  if (sql == NULL)
    return FALSE;
  stmt = kiosk_replica_prepare (self, sql->state, error);
  if (stmt == NULL)
    return FALSE;
  kiosk_replica_bind_text (stmt, 1, id);
  if (!kiosk_replica_next (self, stmt, &has_row, error))
    return FALSE;
  if (!has_row)
    {
      g_set_error (error, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND,
                   _("No %s %s in the local database"), entity, id);
      return FALSE;
    }
  if (out_version != NULL)
    *out_version = sqlite3_column_int64 (stmt, 0);
  if (out_pending != NULL)
    *out_pending = sqlite3_column_int (stmt, 1) != 0;
  return TRUE;
}

gboolean
kiosk_replica_delete (KioskReplica  *self,
                      const char    *entity,
                      const char    *id,
                      GError       **error)
{
  g_autoptr(KioskCachedStmt) stmt = NULL;
  const EntitySql *sql;

  g_return_val_if_fail (KIOSK_IS_REPLICA (self), FALSE);
  g_return_val_if_fail (entity != NULL && id != NULL, FALSE);

  if (!kiosk_replica_check_usable (self, error))
    return FALSE;
  sql = find_entity (entity, error);
  if (sql == NULL)
    return FALSE;
  stmt = kiosk_replica_prepare (self, sql->delete, error);
  if (stmt == NULL)
    return FALSE;
  kiosk_replica_bind_text (stmt, 1, id);
  return kiosk_replica_run (self, stmt, error);
}

/* Quarantine */

gboolean
kiosk_replica_quarantine_add (KioskReplica  *self,
                              const char    *entity,
                              const char    *id,
                              const char    *reason,
                              const char    *raw_json,
                              GError       **error)
{
  BEGIN_PUT ("INSERT INTO quarantine (entity, id, reason, raw_json, received_at) "
             "VALUES (?1, ?2, ?3, ?4, ?5)");

  g_return_val_if_fail (entity != NULL && reason != NULL && raw_json != NULL, FALSE);

  kiosk_replica_bind_text (stmt, 1, entity);
  kiosk_replica_bind_text (stmt, 2, id);
  kiosk_replica_bind_text (stmt, 3, reason);
  kiosk_replica_bind_text (stmt, 4, raw_json);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time ());
  return kiosk_replica_run (self, stmt, error);
}
