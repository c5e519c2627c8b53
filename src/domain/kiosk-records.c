/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-records"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-records.h"
#include "kiosk-record-fields.h"

/* What a record owns is in its table (kiosk-record-fields.c). */

void
kiosk_salon_free (KioskSalon *self)
{
  kiosk_record_free (KIOSK_ENTITY_SALON, self);
}

void
kiosk_working_hours_free (KioskWorkingHours *self)
{
  kiosk_record_free (KIOSK_ENTITY_WORKING_HOURS, self);
}

void
kiosk_category_free (KioskCategory *self)
{
  kiosk_record_free (KIOSK_ENTITY_CATEGORY, self);
}

void
kiosk_service_free (KioskService *self)
{
  kiosk_record_free (KIOSK_ENTITY_SERVICE, self);
}

void
kiosk_employee_free (KioskEmployee *self)
{
  kiosk_record_free (KIOSK_ENTITY_EMPLOYEE, self);
}

void
kiosk_customer_free (KioskCustomer *self)
{
  kiosk_record_free (KIOSK_ENTITY_CUSTOMER, self);
}

void
kiosk_appointment_clear (KioskAppointment *self)
{
  kiosk_record_clear (KIOSK_ENTITY_APPOINTMENT, self);
}

void
kiosk_appointment_free (KioskAppointment *self)
{
  kiosk_record_free (KIOSK_ENTITY_APPOINTMENT, self);
}

void
kiosk_walkin_free (KioskWalkin *self)
{
  kiosk_record_free (KIOSK_ENTITY_WALKIN, self);
}

void
kiosk_point_entry_free (KioskPointEntry *self)
{
  kiosk_record_free (KIOSK_ENTITY_POINT_ENTRY, self);
}

void
kiosk_appointment_row_free (KioskAppointmentRow *self)
{
  if (self == NULL)
    return;
  kiosk_appointment_clear (&self->appointment);
  g_free (self->customer_name);
  g_free (self->service_name);
  g_free (self->employee_name);
  g_free (self);
}

/* Tables indexed by the enums; the contract's spelling. */
static const char * const entity_names[] = {
  "salon", "working_hours", "category", "service", "employee",
  "customer", "appointment", "walkin", "point_entry",
};
G_STATIC_ASSERT (G_N_ELEMENTS (entity_names) == KIOSK_N_ENTITIES);
static const KioskEnumType entity_enum = { entity_names, G_N_ELEMENTS (entity_names), NULL };

static const char * const level_names[] = { "bronze", "silver", "gold", "platinum" };
static const char * const appointment_status_names[] = { "pending", "confirmed", "completed", "cancelled", "no_show" };
static const char * const walkin_status_names[] = { "waiting", "called", "in_service", "done", "left" };

/* The enums as the entities' tables see them (kiosk-record-fields.h). */
const KioskEnumType kiosk_loyalty_level_enum = {
  level_names, G_N_ELEMENTS (level_names), N_("is not a loyalty level"),
};
const KioskEnumType kiosk_appointment_status_enum = {
  appointment_status_names, G_N_ELEMENTS (appointment_status_names), N_("is not an appointment status"),
};
const KioskEnumType kiosk_walkin_status_enum = {
  walkin_status_names, G_N_ELEMENTS (walkin_status_names), N_("is not a walk-in status"),
};

const char *
kiosk_loyalty_level_to_string (KioskLoyaltyLevel level)
{
  return kiosk_enum_to_string (&kiosk_loyalty_level_enum, (int)level);
}

gboolean
kiosk_loyalty_level_from_string (const char        *str,
                                 KioskLoyaltyLevel *out)
{
  return kiosk_enum_from_string (&kiosk_loyalty_level_enum, str, (int *)out);
}

const char *
kiosk_appointment_status_to_string (KioskAppointmentStatus status)
{
  return kiosk_enum_to_string (&kiosk_appointment_status_enum, (int)status);
}

gboolean
kiosk_appointment_status_from_string (const char             *str,
                                      KioskAppointmentStatus *out)
{
  return kiosk_enum_from_string (&kiosk_appointment_status_enum, str, (int *)out);
}

const char *
kiosk_walkin_status_to_string (KioskWalkinStatus status)
{
  return kiosk_enum_to_string (&kiosk_walkin_status_enum, (int)status);
}

gboolean
kiosk_walkin_status_from_string (const char        *str,
                                 KioskWalkinStatus *out)
{
  return kiosk_enum_from_string (&kiosk_walkin_status_enum, str, (int *)out);
}

const char *
kiosk_entity_to_string (KioskEntity entity)
{
  g_return_val_if_fail ((guint)entity < KIOSK_N_ENTITIES, NULL);
  return entity_names[entity];
}

KioskEntity
kiosk_entity_from_string (const char *str)
{
  int value;

  if (!kiosk_enum_from_string (&entity_enum, str, &value))
    return KIOSK_ENTITY_UNKNOWN;
  return (KioskEntity)value;
}

void
kiosk_record_free (KioskEntity entity,
                   gpointer    record)
{
  g_return_if_fail ((guint)entity < KIOSK_N_ENTITIES);

  if (record == NULL)
    return;
  kiosk_record_clear (entity, record);
  g_free (record);
}

const char *
kiosk_record_get_id (KioskEntity   entity,
                     gconstpointer record)
{
  const KioskRecordType *type = kiosk_record_type_get (entity);

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (type != NULL, NULL);

  /* Every record starts with its id: see kiosk-records.h. The appointment
   * row embeds an appointment first, so the same holds there. */
  return *kiosk_record_field_text (&type->fields[0], record);
}
