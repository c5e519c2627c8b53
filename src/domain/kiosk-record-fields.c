/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The entities' tables (kiosk-record-fields.h): docs/kiosk-api.md §3.4 as
 * data. A new field of an entity is one line here (and its member in
 * kiosk-records.h, its column in the replica's schema).
 */
#define G_LOG_DOMAIN "kiosk-records"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "kiosk-record-fields.h"

/* Enum members are read and written as int. */
G_STATIC_ASSERT (sizeof (KioskLoyaltyLevel) == sizeof (int));
G_STATIC_ASSERT (sizeof (KioskAppointmentStatus) == sizeof (int));
G_STATIC_ASSERT (sizeof (KioskWalkinStatus) == sizeof (int));
G_STATIC_ASSERT (sizeof (gboolean) == sizeof (int));

/* A field whose contract name, column and struct member are one name. */
#define FIELD(T, member, type_, flags_, ...)                                   \
  { .name = #member, .column = #member, .type = KIOSK_FIELD_##type_,           \
    .flags = (flags_), .offset = G_STRUCT_OFFSET (T, member), __VA_ARGS__ }
/* A list: in the contract's object, a link table in the replica. */
#define LIST_FIELD(T, member, flags_)                                          \
  { .name = #member, .column = NULL, .type = KIOSK_FIELD_ID_LIST,              \
    .flags = (flags_), .offset = G_STRUCT_OFFSET (T, member) }

#define REQUIRED    KIOSK_FIELD_REQUIRED
#define OPTIONAL    0
/* The consent given at this kiosk (§3.6): not in §3.4's objects. */
#define CONSENT     (KIOSK_FIELD_NO_JSON | KIOSK_FIELD_KEEP_LOCAL)
#define ANY_COUNT   .min = 0, .max = G_MAXINT64

/* Working hours: the day in the id is the day of the week, and a closed
 * day may come without hours. */
static gboolean
day_matches_id (gconstpointer record)
{
  const KioskWorkingHours *hours = record;

  return hours->id[37] - '0' == hours->day_of_week;
}

static gboolean
is_open (gconstpointer record)
{
  return !((const KioskWorkingHours *) record)->is_closed;
}

static const KioskRecordField salon_fields[] = {
  FIELD (KioskSalon, id, ID, REQUIRED),
  FIELD (KioskSalon, name, STRING, REQUIRED),
  FIELD (KioskSalon, address, STRING, OPTIONAL),
  FIELD (KioskSalon, city, STRING, OPTIONAL),
  FIELD (KioskSalon, district, STRING, OPTIONAL),
  FIELD (KioskSalon, phone, STRING, OPTIONAL),
  FIELD (KioskSalon, opening_time, TIME, REQUIRED),
  FIELD (KioskSalon, closing_time, TIME, REQUIRED),
  /* The contract's default when the server leaves it out. */
  FIELD (KioskSalon, timezone, STRING, OPTIONAL, .fallback_text = "Europe/Istanbul"),
};

static const KioskRecordField working_hours_fields[] = {
  FIELD (KioskWorkingHours, id, ID, REQUIRED),
  FIELD (KioskWorkingHours, day_of_week, INT, REQUIRED, .min = 0, .max = 6,
         .check = day_matches_id, .check_invalid = N_("does not match the day in the id")),
  FIELD (KioskWorkingHours, opening_time, TIME, OPTIONAL, .required_if = is_open),
  FIELD (KioskWorkingHours, closing_time, TIME, OPTIONAL, .required_if = is_open),
  FIELD (KioskWorkingHours, is_closed, BOOL, REQUIRED),
};

static const KioskRecordField category_fields[] = {
  FIELD (KioskCategory, id, ID, REQUIRED),
  FIELD (KioskCategory, name, STRING, REQUIRED),
  FIELD (KioskCategory, description, STRING, OPTIONAL),
  FIELD (KioskCategory, icon, STRING, OPTIONAL),
};

static const KioskRecordField service_fields[] = {
  FIELD (KioskService, id, ID, REQUIRED),
  FIELD (KioskService, category, UUID, OPTIONAL),
  FIELD (KioskService, name, STRING, REQUIRED),
  FIELD (KioskService, description, STRING, OPTIONAL),
  FIELD (KioskService, price, MONEY, REQUIRED),
  FIELD (KioskService, duration, INT, REQUIRED, .min = 0, .max = 24 * 60),
  FIELD (KioskService, is_active, BOOL, OPTIONAL, .fallback = TRUE),
};

static const KioskRecordField employee_fields[] = {
  FIELD (KioskEmployee, id, ID, REQUIRED),
  FIELD (KioskEmployee, name, STRING, REQUIRED),
  FIELD (KioskEmployee, position, STRING, OPTIONAL),
  FIELD (KioskEmployee, is_active, BOOL, OPTIONAL, .fallback = TRUE),
  /* In the replica: employee_service (employee, service, position). */
  LIST_FIELD (KioskEmployee, services, OPTIONAL),
};

static const KioskRecordField customer_fields[] = {
  FIELD (KioskCustomer, id, ID, REQUIRED),
  FIELD (KioskCustomer, first_name, STRING, REQUIRED),
  FIELD (KioskCustomer, last_name, STRING, OPTIONAL),
  FIELD (KioskCustomer, phone, STRING, REQUIRED),
  FIELD (KioskCustomer, loyalty_level, ENUM, REQUIRED, .enum_type = &kiosk_loyalty_level_enum),
  FIELD (KioskCustomer, total_points, INT64, REQUIRED, ANY_COUNT),
  FIELD (KioskCustomer, current_points, INT64, REQUIRED, ANY_COUNT),
  FIELD (KioskCustomer, total_spent, MONEY, REQUIRED),
  FIELD (KioskCustomer, total_visits, INT64, REQUIRED, ANY_COUNT),
  FIELD (KioskCustomer, updated_at, INSTANT, OPTIONAL),
  /* A reply may echo the consent: it is read, but §3.4 does not list it. */
  FIELD (KioskCustomer, consent_at, INSTANT, KIOSK_FIELD_NOT_WRITTEN | KIOSK_FIELD_KEEP_LOCAL),
  FIELD (KioskCustomer, consent_notice, STRING, CONSENT),
};

static const KioskRecordField appointment_fields[] = {
  FIELD (KioskAppointment, id, ID, REQUIRED),
  FIELD (KioskAppointment, customer, UUID, REQUIRED),
  FIELD (KioskAppointment, service, UUID, REQUIRED),
  FIELD (KioskAppointment, employee, UUID, OPTIONAL),
  FIELD (KioskAppointment, appointment_date, DATE, REQUIRED),
  FIELD (KioskAppointment, appointment_time, TIME, REQUIRED),
  FIELD (KioskAppointment, end_time, TIME, REQUIRED),
  FIELD (KioskAppointment, status, ENUM, REQUIRED, .enum_type = &kiosk_appointment_status_enum),
  FIELD (KioskAppointment, notes, STRING, OPTIONAL),
  FIELD (KioskAppointment, price, MONEY, REQUIRED),
  FIELD (KioskAppointment, source, STRING, OPTIONAL),
  FIELD (KioskAppointment, checked_in_at, INSTANT, OPTIONAL),
  FIELD (KioskAppointment, created_at, INSTANT, OPTIONAL),
  FIELD (KioskAppointment, updated_at, INSTANT, OPTIONAL),
};

static const KioskRecordField walkin_fields[] = {
  FIELD (KioskWalkin, id, ID, REQUIRED),
  FIELD (KioskWalkin, customer, UUID, OPTIONAL),
  FIELD (KioskWalkin, name, STRING, OPTIONAL),
  FIELD (KioskWalkin, phone, STRING, OPTIONAL),
  FIELD (KioskWalkin, service, UUID, REQUIRED),
  FIELD (KioskWalkin, preferred_employee, UUID, OPTIONAL),
  FIELD (KioskWalkin, employee, UUID, OPTIONAL),
  FIELD (KioskWalkin, status, ENUM, REQUIRED, .enum_type = &kiosk_walkin_status_enum),
  FIELD (KioskWalkin, arrived_at, INSTANT, OPTIONAL),
  FIELD (KioskWalkin, called_at, INSTANT, OPTIONAL),
  FIELD (KioskWalkin, finished_at, INSTANT, OPTIONAL),
  FIELD (KioskWalkin, consent_at, INSTANT, CONSENT),
  FIELD (KioskWalkin, consent_notice, STRING, CONSENT),
};

static const KioskRecordField point_entry_fields[] = {
  FIELD (KioskPointEntry, id, ID, REQUIRED),
  FIELD (KioskPointEntry, customer, UUID, REQUIRED),
  /* Negative for redemptions. */
  FIELD (KioskPointEntry, points, INT64, REQUIRED, .min = G_MININT64, .max = G_MAXINT64),
  FIELD (KioskPointEntry, reason, STRING, OPTIONAL),
  FIELD (KioskPointEntry, created_at, INSTANT, OPTIONAL),
};

#define RECORD_TYPE(entity_, table_, T, id_form_, fields_, pending_)           \
  [entity_] = { .entity = entity_, .table = table_, .size = sizeof (T),       \
                .id_form = id_form_, .fields = fields_,                       \
                .n_fields = G_N_ELEMENTS (fields_),                           \
                .version_offset = G_STRUCT_OFFSET (T, version),               \
                .pending_offset = pending_ }
#define PENDING(T) G_STRUCT_OFFSET (T, pending)
#define NEVER_PENDING (-1)

/* In KioskEntity order. */
static const KioskRecordType record_types[] = {
  RECORD_TYPE (KIOSK_ENTITY_SALON, "salon", KioskSalon, KIOSK_ID_UUID,
               salon_fields, NEVER_PENDING),
  RECORD_TYPE (KIOSK_ENTITY_WORKING_HOURS, "working_hours", KioskWorkingHours, KIOSK_ID_SALON_DAY,
               working_hours_fields, NEVER_PENDING),
  RECORD_TYPE (KIOSK_ENTITY_CATEGORY, "category", KioskCategory, KIOSK_ID_UUID,
               category_fields, NEVER_PENDING),
  RECORD_TYPE (KIOSK_ENTITY_SERVICE, "service", KioskService, KIOSK_ID_UUID,
               service_fields, NEVER_PENDING),
  RECORD_TYPE (KIOSK_ENTITY_EMPLOYEE, "employee", KioskEmployee, KIOSK_ID_UUID,
               employee_fields, NEVER_PENDING),
  RECORD_TYPE (KIOSK_ENTITY_CUSTOMER, "customer", KioskCustomer, KIOSK_ID_UUID,
               customer_fields, PENDING (KioskCustomer)),
  RECORD_TYPE (KIOSK_ENTITY_APPOINTMENT, "appointment", KioskAppointment, KIOSK_ID_UUID,
               appointment_fields, PENDING (KioskAppointment)),
  RECORD_TYPE (KIOSK_ENTITY_WALKIN, "walkin", KioskWalkin, KIOSK_ID_UUID,
               walkin_fields, PENDING (KioskWalkin)),
  RECORD_TYPE (KIOSK_ENTITY_POINT_ENTRY, "point_entry", KioskPointEntry, KIOSK_ID_UUID,
               point_entry_fields, PENDING (KioskPointEntry)),
};

G_STATIC_ASSERT (G_N_ELEMENTS (record_types) == KIOSK_N_ENTITIES);

const KioskRecordType *
kiosk_record_type_get (KioskEntity entity)
{
  if ((guint) entity >= KIOSK_N_ENTITIES)
    return NULL;
  return &record_types[entity];
}

const char *
kiosk_enum_to_string (const KioskEnumType *type,
                      int                  value)
{
  g_return_val_if_fail ((guint) value < type->n_words, NULL);
  return type->words[value];
}

gboolean
kiosk_enum_from_string (const KioskEnumType *type,
                        const char          *word,
                        int                 *out)
{
  if (word == NULL)
    return FALSE;
  for (guint i = 0; i < type->n_words; i++)
    if (strcmp (type->words[i], word) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

gpointer
kiosk_record_new (KioskEntity entity)
{
  g_return_val_if_fail ((guint) entity < KIOSK_N_ENTITIES, NULL);
  return g_malloc0 (record_types[entity].size);
}

void
kiosk_record_clear (KioskEntity entity,
                    gpointer    record)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);

  g_return_if_fail (type != NULL);

  for (guint i = 0; i < type->n_fields; i++)
    {
      const KioskRecordField *field = &type->fields[i];

      switch (field->type)
        {
        case KIOSK_FIELD_ID:
        case KIOSK_FIELD_STRING:
        case KIOSK_FIELD_UUID:
        case KIOSK_FIELD_DATE:
        case KIOSK_FIELD_INSTANT:
          g_clear_pointer (kiosk_record_field_text (field, record), g_free);
          break;
        case KIOSK_FIELD_ID_LIST:
          g_clear_pointer (kiosk_record_field_list (field, record), g_strfreev);
          break;
        case KIOSK_FIELD_TIME:
        case KIOSK_FIELD_INT:
        case KIOSK_FIELD_INT64:
        case KIOSK_FIELD_MONEY:
        case KIOSK_FIELD_BOOL:
        case KIOSK_FIELD_ENUM:
        default:
          break;
        }
    }
}

gint64
kiosk_record_get_version (KioskEntity   entity,
                          gconstpointer record)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);

  g_return_val_if_fail (type != NULL && record != NULL, 0);
  return G_STRUCT_MEMBER (gint64, record, type->version_offset);
}

void
kiosk_record_set_version (KioskEntity entity,
                          gpointer    record,
                          gint64      version)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);

  g_return_if_fail (type != NULL && record != NULL);
  G_STRUCT_MEMBER (gint64, record, type->version_offset) = version;
}

gboolean
kiosk_record_get_pending (KioskEntity   entity,
                          gconstpointer record)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);

  g_return_val_if_fail (type != NULL && record != NULL, FALSE);
  if (type->pending_offset < 0)
    return FALSE;
  return G_STRUCT_MEMBER (gboolean, record, type->pending_offset);
}

void
kiosk_record_set_pending (KioskEntity entity,
                          gpointer    record,
                          gboolean    pending)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);

  g_return_if_fail (type != NULL && record != NULL);
  if (type->pending_offset >= 0)
    G_STRUCT_MEMBER (gboolean, record, type->pending_offset) = pending;
}

gboolean
kiosk_record_id_is_valid (KioskEntity  entity,
                          const char  *id)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);
  char salon[37];

  g_return_val_if_fail (type != NULL, FALSE);

  if (id == NULL)
    return FALSE;
  if (type->id_form == KIOSK_ID_UUID)
    return g_uuid_string_is_valid (id);

  /* "<salon uuid>:<day>" */
  if (strlen (id) != 38 || id[36] != ':' || id[37] < '0' || id[37] > '6')
    return FALSE;
  memcpy (salon, id, 36);
  salon[36] = '\0';
  return g_uuid_string_is_valid (salon);
}
