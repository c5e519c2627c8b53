/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The entities' tables (src/domain/kiosk-record-fields.c) against the
 * contract and the replica. For every entity, a record with every field set
 * to a value its type would not default to goes JSON -> record -> a real
 * replica file -> record -> JSON and comes back as the same JSON, whose
 * members are exactly §3.4's list in docs/kiosk-api.md, in its order; the
 * fields the contract does not carry (the KVKK consent, §3.6), the version
 * and `pending` survive the file too. The row is read back both by the
 * tables and by the readers the screens use (kiosk-replica.h), so neither
 * can drift from the other; every reader of the screens and the desk
 * (kiosk-replica-desk.h) gives the whole record, consent and pending
 * included, and an appointment's row of the day its joined names.
 */
#define G_LOG_DOMAIN "test-record-tables"

#include <glib/gstdio.h>
#include <string.h>

#include "kiosk-json.h"
#include "kiosk-record-fields.h"
#include "kiosk-replica.h"
#include "kiosk-replica-desk.h"
#include "kiosk-replica-private.h"
#include "kiosk-replica-records-private.h"

#define VERSION 4242

/* ------------------------------------------------------------ the contract */

/* §3.4's fields of @entity as docs/kiosk-api.md lists them: the names in
 * the backquotes of its row, in order (examples such as `+90…` left out). */
static GStrv
contract_fields (KioskEntity entity)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *row_start = g_strdup_printf ("\n| %s | ", kiosk_entity_to_string (entity));
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GRegex) word = g_regex_new ("^[a-z_]+$", 0, 0, NULL);
  const char *section, *row, *end;
  g_auto(GStrv) quoted = NULL;
  g_autofree char *line = NULL;

  g_file_get_contents (KIOSK_API_DOC, &text, NULL, &error);
  g_assert_no_error (error);
  section = strstr (text, "\n### 3.4 ");
  g_assert_nonnull (section);
  row = strstr (section, row_start);
  g_assert_nonnull (row);
  row += strlen (row_start);
  end = strchr (row, '\n');
  line = g_strndup (row, end - row);

  /* Every other piece between backquotes is quoted. */
  quoted = g_strsplit (line, "`", -1);
  for (guint i = 1; quoted[i] != NULL; i += 2)
    {
      g_auto(GStrv) parts = g_strsplit (quoted[i], ",", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_strstrip (parts[j]);
          if (g_regex_match (word, parts[j], 0, NULL))
            g_strv_builder_add (names, parts[j]);
        }
    }
  return g_strv_builder_end (names);
}

/* ---------------------------------------------------------- full records */

static gboolean
is_text (KioskFieldType type)
{
  return type == KIOSK_FIELD_ID || type == KIOSK_FIELD_STRING || type == KIOSK_FIELD_UUID ||
         type == KIOSK_FIELD_DATE || type == KIOSK_FIELD_INSTANT;
}

static char *
make_uuid (KioskEntity entity,
           guint       index,
           guint       n)
{
  return g_strdup_printf ("%08x-%04x-4%03x-8%03x-%012x", 0xc0ffee00 + (guint) entity, index, n, index, 0xabcde + n);
}

/* A text no field would default to, for field @i of @entity. */
static char *
make_text (KioskEntity             entity,
           const KioskRecordField *field,
           guint                   i)
{
  switch (field->type)
    {
    case KIOSK_FIELD_ID:
      {
        g_autofree char *uuid = make_uuid (entity, i, 0);

        /* Day 6 in the id, as day_of_week is 6 (make_object()). */
        if (kiosk_record_type_get (entity)->id_form == KIOSK_ID_SALON_DAY)
          return g_strdup_printf ("%s:6", uuid);
        return g_steal_pointer (&uuid);
      }
    case KIOSK_FIELD_UUID:
      return make_uuid (entity, i, 1);
    case KIOSK_FIELD_DATE:
      return g_strdup_printf ("2026-03-%02u", 1 + i);
    case KIOSK_FIELD_INSTANT:
      return g_strdup_printf ("2026-03-01T10:%02u:00.601253+03:00", i);
    case KIOSK_FIELD_STRING:
      return g_strdup_printf ("%s of the %s: Şükrü «İğdeşçiöü» \"%u\"\n",
                              field->name, kiosk_entity_to_string (entity), i);
    case KIOSK_FIELD_TIME:
    case KIOSK_FIELD_INT:
    case KIOSK_FIELD_INT64:
    case KIOSK_FIELD_MONEY:
    case KIOSK_FIELD_BOOL:
    case KIOSK_FIELD_ENUM:
    case KIOSK_FIELD_ID_LIST:
    default:
      g_assert_not_reached ();
    }
}

/* The contract's object for @entity with every field it reads, each set to
 * a value that is not its type's default and differs from its
 * neighbours'. */
static JsonObject *
make_object (KioskEntity entity)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);
  JsonObject *o = json_object_new ();

  for (guint i = 0; i < type->n_fields; i++)
    {
      const KioskRecordField *field = &type->fields[i];
      const char *name = field->name;

      if ((field->flags & KIOSK_FIELD_NO_JSON) != 0)
        continue;
      switch (field->type)
        {
        case KIOSK_FIELD_ID:
        case KIOSK_FIELD_STRING:
        case KIOSK_FIELD_UUID:
        case KIOSK_FIELD_DATE:
        case KIOSK_FIELD_INSTANT:
          {
            g_autofree char *text = make_text (entity, field, i);

            json_object_set_string_member (o, name, text);
          }
          break;
        case KIOSK_FIELD_TIME:
          {
            g_autofree char *text = g_strdup_printf ("%02u:%02u:%02u", 7 + i, (7 * i) % 60, (13 * i + 1) % 60);

            json_object_set_string_member (o, name, text);
          }
          break;
        case KIOSK_FIELD_INT:
          /* In every range of the contract, and the id's day. */
          g_assert_cmpint (field->min, <=, 6);
          g_assert_cmpint (field->max, >=, 6);
          json_object_set_int_member (o, name, 6);
          break;
        case KIOSK_FIELD_INT64:
          json_object_set_int_member (o, name, G_GINT64_CONSTANT (1000000000000) + 1001 * i);
          break;
        case KIOSK_FIELD_MONEY:
          {
            g_autofree char *text = g_strdup_printf ("%u.%02u", 1234 + i, 56 + i);

            json_object_set_string_member (o, name, text);
          }
          break;
        case KIOSK_FIELD_BOOL:
          json_object_set_boolean_member (o, name, !field->fallback);
          break;
        case KIOSK_FIELD_ENUM:
          json_object_set_string_member (o, name, field->enum_type->words[field->enum_type->n_words - 1]);
          break;
        case KIOSK_FIELD_ID_LIST:
          {
            JsonArray *array = json_array_new ();
            g_autofree char *first = make_uuid (entity, i, 2);
            g_autofree char *second = make_uuid (entity, i, 3);

            json_array_add_string_element (array, first);
            json_array_add_string_element (array, second);
            json_object_set_array_member (o, name, array);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return o;
}

static char *
node_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

static char *
record_json (KioskEntity   entity,
             gconstpointer record)
{
  g_autoptr(JsonNode) node = kiosk_json_from_record (entity, record);

  g_assert_nonnull (node);
  return node_text (node);
}

/* Every field of the record, those JSON leaves out included, with its
 * version and pending. */
static char *
record_fields (KioskEntity   entity,
               gconstpointer record)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < type->n_fields; i++)
    {
      const KioskRecordField *field = &type->fields[i];

      g_string_append_printf (out, "%s=", field->name);
      if (is_text (field->type))
        g_string_append (out, *kiosk_record_field_text (field, record) ?: "(null)");
      else if (field->type == KIOSK_FIELD_INT64 || field->type == KIOSK_FIELD_MONEY)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, *kiosk_record_field_int64 (field, record));
      else if (field->type == KIOSK_FIELD_ID_LIST)
        {
          g_autofree char *list = g_strjoinv (",", *kiosk_record_field_list (field, record));

          g_string_append (out, list);
        }
      else
        g_string_append_printf (out, "%d", *kiosk_record_field_int (field, record));
      g_string_append (out, "; ");
    }
  g_string_append_printf (out, "version=%" G_GINT64_FORMAT "; pending=%d",
                          kiosk_record_get_version (entity, record), kiosk_record_get_pending (entity, record));
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------- the replica file */

typedef struct {
  char         *dir;
  char         *path;
  KioskReplica *replica;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("kiosk-record-tables-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "replica.db", NULL);
  f->replica = kiosk_replica_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->replica);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gpointer
find_by_id (KioskEntity   entity,
            GPtrArray    *rows,
            const char   *id)
{
  g_assert_nonnull (rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (kiosk_record_get_id (entity, g_ptr_array_index (rows, i)), id))
      return g_ptr_array_steal_index (rows, i);
  return NULL;
}

/* The row as the screens read it (kiosk-replica.h). */
static gpointer
read_as_screens_do (KioskReplica *replica,
                    KioskEntity   entity,
                    const char   *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gpointer record = NULL;

  switch (entity)
    {
    case KIOSK_ENTITY_SALON:
      record = kiosk_replica_get_salon (replica, &error);
      break;
    case KIOSK_ENTITY_WORKING_HOURS:
      rows = kiosk_replica_list_working_hours (replica, &error);
      break;
    case KIOSK_ENTITY_CATEGORY:
      rows = kiosk_replica_list_categories (replica, &error);
      break;
    case KIOSK_ENTITY_SERVICE:
      rows = kiosk_replica_list_services (replica, &error);
      break;
    case KIOSK_ENTITY_EMPLOYEE:
      rows = kiosk_replica_list_employees (replica, &error);
      break;
    case KIOSK_ENTITY_CUSTOMER:
      record = kiosk_replica_get_customer (replica, id, &error);
      break;
    case KIOSK_ENTITY_APPOINTMENT:
      record = kiosk_replica_get_appointment (replica, id, &error);
      break;
    case KIOSK_ENTITY_WALKIN:
      rows = kiosk_replica_list_walkins (replica, &error);
      break;
    case KIOSK_ENTITY_POINT_ENTRY:
      rows = kiosk_replica_list_point_entries (replica, NULL, &error);
      break;
    case KIOSK_ENTITY_UNKNOWN:
    default:
      g_assert_not_reached ();
    }
  g_assert_no_error (error);
  if (rows != NULL)
    record = find_by_id (entity, rows, id);
  g_assert_nonnull (record);
  return record;
}

/* The record of @object, with what JSON does not carry set by hand (it
 * must survive the file) and pending. */
static gpointer
make_record (KioskEntity  entity,
             JsonObject  *object)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);
  g_autoptr(GError) error = NULL;
  gpointer record;

  record = kiosk_json_to_record (entity, object, VERSION, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);

  for (guint i = 0; i < type->n_fields; i++)
    if ((type->fields[i].flags & KIOSK_FIELD_NO_JSON) != 0)
      {
        g_assert_true (is_text (type->fields[i].type));
        *kiosk_record_field_text (&type->fields[i], record) = make_text (entity, &type->fields[i], i);
      }
  kiosk_record_set_pending (entity, record, TRUE);
  return record;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  KioskEntity entity = GPOINTER_TO_INT (data);
  const KioskRecordType *type = kiosk_record_type_get (entity);
  g_autoptr(JsonObject) object = make_object (entity);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) contract = contract_fields (entity);
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *back_json = NULL;
  g_autofree char *back_fields = NULL;
  g_autofree char *screens_json = NULL;
  g_autoptr(GList) members = NULL;
  gpointer record, back, screens;
  guint n = 0;

  record = make_record (entity, object);
  fields = record_fields (entity, record);

  /* JSON -> record -> JSON: every field the contract lists, unchanged. */
  for (guint i = 0; i < type->n_fields; i++)
    if ((type->fields[i].flags & KIOSK_FIELD_NOT_WRITTEN) != 0)
      json_object_remove_member (object, type->fields[i].name);
  json_node_set_object (node, object);
  expected = node_text (node);
  written = record_json (entity, record);
  g_assert_cmpstr (written, ==, expected);

  /* … and exactly §3.4's fields, in §3.4's order. */
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next, n++)
    {
      g_assert_nonnull (contract[n]);
      g_assert_cmpstr (l->data, ==, contract[n]);
    }
  g_assert_null (contract[n]);

  /* -> a real file, closed and opened again -> record -> JSON. */
  g_assert_true (kiosk_replica_put_record (f->replica, entity, record, FALSE, &error));
  g_assert_no_error (error);
  g_clear_object (&f->replica);
  f->replica = kiosk_replica_open (f->path, &error);
  g_assert_no_error (error);

  back = kiosk_replica_get_record (f->replica, entity, kiosk_record_get_id (entity, record), &error);
  g_assert_no_error (error);
  back_json = record_json (entity, back);
  back_fields = record_fields (entity, back);
  g_assert_cmpstr (back_json, ==, written);
  if (type->pending_offset >= 0)
    g_assert_cmpstr (back_fields, ==, fields);
  else
    {
      /* These are never pending: the row says so whatever the record did. */
      g_autofree char *never = g_strdup_printf ("%.*s0", (int) strlen (fields) - 1, fields);

      g_assert_cmpstr (back_fields, ==, never);
    }

  screens = read_as_screens_do (f->replica, entity, kiosk_record_get_id (entity, record));
  screens_json = record_json (entity, screens);
  g_assert_cmpstr (screens_json, ==, written);
  g_assert_cmpint (kiosk_record_get_version (entity, screens), ==, VERSION);

  kiosk_record_free (entity, screens);
  kiosk_record_free (entity, back);
  kiosk_record_free (entity, record);
}

/* ------------------------------------------------- every reader of a row */

/* @found, as a reader gave it, is the whole record: every field, those
 * JSON leaves out included, its version and pending. */
static void
check_read (KioskEntity  entity,
            const char  *reader,
            gpointer     found,
            const char  *expected)
{
  g_autofree char *fields = NULL;

  if (found == NULL)
    g_error ("%s: %s found nothing", kiosk_entity_to_string (entity), reader);
  fields = record_fields (entity, found);
  if (g_strcmp0 (fields, expected) != 0)
    g_error ("%s: %s read\n  %s\ninstead of\n  %s", kiosk_entity_to_string (entity), reader, fields, expected);
  kiosk_record_free (entity, found);
}

/* The same for the row @id among @rows (which it frees). */
static void
check_in_rows (KioskEntity  entity,
               const char  *reader,
               GPtrArray   *rows,
               const char  *id,
               const char  *expected)
{
  if (rows == NULL)
    g_error ("%s: %s failed", kiosk_entity_to_string (entity), reader);
  check_read (entity, reader, find_by_id (entity, rows, id), expected);
  g_ptr_array_unref (rows);
}

/* A record of @other made from the contract's object, with the id @id
 * and @name as its name (the names an appointment's row joins). */
static void
put_named (KioskReplica *replica,
           KioskEntity   other,
           const char   *id,
           const char   *name)
{
  g_autoptr(JsonObject) object = make_object (other);
  g_autoptr(GError) error = NULL;
  gpointer record;

  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, other == KIOSK_ENTITY_CUSTOMER ? "first_name" : "name", name);
  if (other == KIOSK_ENTITY_CUSTOMER)
    json_object_set_string_member (object, "last_name", "Öztürk");
  record = kiosk_json_to_record (other, object, VERSION, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_replica_put_record (replica, other, record, FALSE, &error));
  g_assert_no_error (error);
  kiosk_record_free (other, record);
}

static void
test_readers (Fixture       *f,
              gconstpointer  data)
{
  KioskEntity entity = GPOINTER_TO_INT (data);
  const KioskRecordType *type = kiosk_record_type_get (entity);
  g_autoptr(JsonObject) object = make_object (entity);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskDeskDay) day = NULL;
  g_autofree char *expected = NULL;
  gpointer record;
  const char *id;

  record = make_record (entity, object);
  /* The queue's readers read the open walk-ins only. */
  if (entity == KIOSK_ENTITY_WALKIN)
    ((KioskWalkin *) record)->status = KIOSK_WALKIN_WAITING;
  g_assert_true (kiosk_replica_put_record (f->replica, entity, record, FALSE, &error));
  g_assert_no_error (error);
  /* Never pending: the row says so whatever the record did. */
  if (type->pending_offset < 0)
    kiosk_record_set_pending (entity, record, FALSE);
  expected = record_fields (entity, record);
  id = kiosk_record_get_id (entity, record);

  check_read (entity, "kiosk_replica_get_record()", kiosk_replica_get_record (f->replica, entity, id, &error),
              expected);
  g_assert_no_error (error);
  check_read (entity, "the screens' reader", read_as_screens_do (f->replica, entity, id), expected);

  switch (entity)
    {
    case KIOSK_ENTITY_SALON:
      day = kiosk_replica_desk_load_days (f->replica, "2026-03-01", "2026-03-01", &error);
      g_assert_no_error (error);
      check_read (entity, "kiosk_replica_desk_load_days()", g_steal_pointer (&day->salon), expected);
      break;
    case KIOSK_ENTITY_WORKING_HOURS:
      day = kiosk_replica_desk_load_days (f->replica, "2026-03-01", "2026-03-01", &error);
      g_assert_no_error (error);
      check_in_rows (entity, "kiosk_replica_desk_load_days()", g_steal_pointer (&day->working_hours), id,
                     expected);
      break;
    case KIOSK_ENTITY_CATEGORY:
      break;
    case KIOSK_ENTITY_SERVICE:
      day = kiosk_replica_desk_load_days (f->replica, "2026-03-01", "2026-03-01", &error);
      g_assert_no_error (error);
      check_in_rows (entity, "kiosk_replica_desk_load_days()", g_steal_pointer (&day->services), id, expected);
      break;
    case KIOSK_ENTITY_EMPLOYEE:
      day = kiosk_replica_desk_load_days (f->replica, "2026-03-01", "2026-03-01", &error);
      g_assert_no_error (error);
      check_in_rows (entity, "kiosk_replica_desk_load_days()", g_steal_pointer (&day->employees), id, expected);
      break;
    case KIOSK_ENTITY_CUSTOMER:
      {
        const KioskCustomer *customer = record;

        check_read (entity, "kiosk_replica_find_customer_by_phone()",
                    kiosk_replica_find_customer_by_phone (f->replica, customer->phone, &error), expected);
        g_assert_no_error (error);
        check_in_rows (entity, "kiosk_replica_list_customers()",
                       kiosk_replica_list_customers (f->replica, &error), id, expected);
        g_assert_no_error (error);
      }
      break;
    case KIOSK_ENTITY_APPOINTMENT:
      {
        const KioskAppointment *appt = record;
        const char *date = appt->appointment_date;
        g_autoptr(GPtrArray) rows = NULL;
        KioskAppointmentRow *row;

        check_in_rows (entity, "kiosk_replica_list_appointments()",
                       kiosk_replica_list_appointments (f->replica, date, date, &error), id, expected);
        g_assert_no_error (error);
        day = kiosk_replica_desk_load_days (f->replica, date, date, &error);
        g_assert_no_error (error);
        check_in_rows (entity, "kiosk_replica_desk_load_days()", g_steal_pointer (&day->appointments), id,
                       expected);

        /* The day's row: the appointment, then the names it joins. */
        put_named (f->replica, KIOSK_ENTITY_CUSTOMER, appt->customer, "Şükran");
        put_named (f->replica, KIOSK_ENTITY_SERVICE, appt->service, "Fön");
        put_named (f->replica, KIOSK_ENTITY_EMPLOYEE, appt->employee, "İpek");
        rows = kiosk_replica_list_appointment_rows (f->replica, date, &error);
        g_assert_no_error (error);
        g_assert_nonnull (rows);
        g_assert_cmpuint (rows->len, ==, 1);
        row = g_ptr_array_index (rows, 0);
        g_assert_cmpstr (row->customer_name, ==, "Şükran Öztürk");
        g_assert_cmpstr (row->service_name, ==, "Fön");
        g_assert_cmpstr (row->employee_name, ==, "İpek");
        {
          g_autofree char *fields = record_fields (entity, &row->appointment);

          g_assert_cmpstr (fields, ==, expected);
        }
      }
      break;
    case KIOSK_ENTITY_WALKIN:
      {
        const KioskWalkin *walkin = record;

        check_read (entity, "kiosk_replica_get_walkin()", kiosk_replica_get_walkin (f->replica, id, &error),
                    expected);
        g_assert_no_error (error);
        check_in_rows (entity, "kiosk_replica_list_open_walkins()",
                       kiosk_replica_list_open_walkins (f->replica, &error), id, expected);
        g_assert_no_error (error);
        check_in_rows (entity, "kiosk_replica_desk_open_walkins_by_phone()",
                       kiosk_replica_desk_open_walkins_by_phone (f->replica, walkin->phone, &error), id, expected);
        g_assert_no_error (error);
        day = kiosk_replica_desk_load_days (f->replica, "2026-03-01", "2026-03-01", &error);
        g_assert_no_error (error);
        check_in_rows (entity, "kiosk_replica_desk_load_days()", g_steal_pointer (&day->walkins), id, expected);
      }
      break;
    case KIOSK_ENTITY_POINT_ENTRY:
      check_in_rows (entity, "kiosk_replica_list_point_entries() of its customer",
                     kiosk_replica_list_point_entries (f->replica, ((KioskPointEntry *) record)->customer, &error),
                     id, expected);
      g_assert_no_error (error);
      break;
    case KIOSK_ENTITY_UNKNOWN:
    default:
      g_assert_not_reached ();
    }

  kiosk_record_free (entity, record);
}

/* A struct member left out of its table would be missing from every
 * mapping at once: the members the table names (and version, pending)
 * must tile the struct, gaps only where alignment puts them. */
static void
test_tables_cover_records (void)
{
  for (guint e = 0; e < KIOSK_N_ENTITIES; e++)
    {
      const KioskRecordType *type = kiosk_record_type_get ((KioskEntity) e);
      gsize sizes[64] = { 0 };   /* by offset / 4 */
      gsize end = 0;

      g_assert_cmpuint (type->size / 4, <, G_N_ELEMENTS (sizes));
      for (guint i = 0; i < type->n_fields; i++)
        {
          KioskFieldType t = type->fields[i].type;

          g_assert_cmpuint (sizes[type->fields[i].offset / 4], ==, 0);
          sizes[type->fields[i].offset / 4] = is_text (t) || t == KIOSK_FIELD_ID_LIST ||
                                              t == KIOSK_FIELD_INT64 || t == KIOSK_FIELD_MONEY ? 8 : 4;
        }
      sizes[type->version_offset / 4] = 8;
      if (type->pending_offset >= 0)
        sizes[type->pending_offset / 4] = 4;

      for (gsize offset = 0; offset < type->size; offset += 4)
        {
          gsize size = sizes[offset / 4];

          if (size == 0)
            continue;
          /* Up to the next multiple of the member's size: padding. */
          g_assert_cmpuint (offset, ==, (end + size - 1) / size * size);
          end = offset + size;
        }
      g_assert_cmpuint ((end + 7) / 8 * 8, ==, type->size);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record-tables/cover-records", test_tables_cover_records);
  for (guint e = 0; e < KIOSK_N_ENTITIES; e++)
    {
      g_autofree char *path = g_strdup_printf ("/record-tables/round-trip/%s", kiosk_entity_to_string (e));

      g_test_add (path, Fixture, GINT_TO_POINTER (e), fixture_set_up, test_round_trip, fixture_tear_down);
    }
  for (guint e = 0; e < KIOSK_N_ENTITIES; e++)
    {
      g_autofree char *path = g_strdup_printf ("/record-tables/readers/%s", kiosk_entity_to_string (e));

      g_test_add (path, Fixture, GINT_TO_POINTER (e), fixture_set_up, test_readers, fixture_tear_down);
    }
  return g_test_run ();
}
