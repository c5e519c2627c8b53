/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#include "kiosk-records.h"

void
kiosk_salon_free (KioskSalon *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self->address);
  g_free (self->city);
  g_free (self->district);
  g_free (self->phone);
  g_free (self->timezone);
  g_free (self);
}

void
kiosk_working_hours_free (KioskWorkingHours *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self);
}

void
kiosk_category_free (KioskCategory *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_free (self->icon);
  g_free (self);
}

void
kiosk_service_free (KioskService *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->category);
  g_free (self->name);
  g_free (self->description);
  g_free (self);
}

void
kiosk_employee_free (KioskEmployee *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->name);
  g_free (self->position);
  g_strfreev (self->services);
  g_free (self);
}

void
kiosk_customer_free (KioskCustomer *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->phone);
  g_free (self->updated_at);
  g_free (self->consent_at);
  g_free (self->consent_notice);
  g_free (self);
}

void
kiosk_appointment_clear (KioskAppointment *self)
{
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->customer, g_free);
  g_clear_pointer (&self->service, g_free);
  g_clear_pointer (&self->employee, g_free);
  g_clear_pointer (&self->appointment_date, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->checked_in_at, g_free);
  g_clear_pointer (&self->created_at, g_free);
  g_clear_pointer (&self->updated_at, g_free);
}

void
kiosk_appointment_free (KioskAppointment *self)
{
  if (self == NULL)
    return;
  kiosk_appointment_clear (self);
  g_free (self);
}

void
kiosk_walkin_free (KioskWalkin *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->customer);
  g_free (self->name);
  g_free (self->phone);
  g_free (self->service);
  g_free (self->preferred_employee);
  g_free (self->employee);
  g_free (self->arrived_at);
  g_free (self->called_at);
  g_free (self->finished_at);
  g_free (self->consent_at);
  g_free (self->consent_notice);
  g_free (self);
}

void
kiosk_point_entry_free (KioskPointEntry *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->customer);
  g_free (self->reason);
  g_free (self->created_at);
  g_free (self);
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

static const char * const level_names[] = { "bronze", "silver", "gold", "platinum" };
static const char * const appointment_status_names[] = { "pending", "confirmed", "completed", "cancelled", "no_show" };
static const char * const walkin_status_names[] = { "waiting", "called", "in_service", "done", "left" };

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *str,
             int                *out)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (g_str_equal (names[i], str))
      {
        *out = (int)i;
        return TRUE;
      }
  return FALSE;
}

const char *
kiosk_loyalty_level_to_string (KioskLoyaltyLevel level)
{
  g_return_val_if_fail ((guint)level < G_N_ELEMENTS (level_names), NULL);
  return level_names[level];
}

gboolean
kiosk_loyalty_level_from_string (const char        *str,
                                 KioskLoyaltyLevel *out)
{
  int value;

  if (!lookup_name (level_names, G_N_ELEMENTS (level_names), str, &value))
    return FALSE;
  *out = (KioskLoyaltyLevel)value;
  return TRUE;
}

const char *
kiosk_appointment_status_to_string (KioskAppointmentStatus status)
{
  g_return_val_if_fail ((guint)status < G_N_ELEMENTS (appointment_status_names), NULL);
  return appointment_status_names[status];
}

gboolean
kiosk_appointment_status_from_string (const char             *str,
                                      KioskAppointmentStatus *out)
{
  int value;

  if (!lookup_name (appointment_status_names, G_N_ELEMENTS (appointment_status_names), str, &value))
    return FALSE;
  *out = (KioskAppointmentStatus)value;
  return TRUE;
}

const char *
kiosk_walkin_status_to_string (KioskWalkinStatus status)
{
  g_return_val_if_fail ((guint)status < G_N_ELEMENTS (walkin_status_names), NULL);
  return walkin_status_names[status];
}

gboolean
kiosk_walkin_status_from_string (const char        *str,
                                 KioskWalkinStatus *out)
{
  int value;

  if (!lookup_name (walkin_status_names, G_N_ELEMENTS (walkin_status_names), str, &value))
    return FALSE;
  *out = (KioskWalkinStatus)value;
  return TRUE;
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

  if (!lookup_name (entity_names, G_N_ELEMENTS (entity_names), str, &value))
    return KIOSK_ENTITY_UNKNOWN;
  return (KioskEntity)value;
}

void
kiosk_record_free (KioskEntity entity,
                   gpointer    record)
{
  switch (entity)
    {
    case KIOSK_ENTITY_SALON:         kiosk_salon_free (record); break;
    case KIOSK_ENTITY_WORKING_HOURS: kiosk_working_hours_free (record); break;
    case KIOSK_ENTITY_CATEGORY:      kiosk_category_free (record); break;
    case KIOSK_ENTITY_SERVICE:       kiosk_service_free (record); break;
    case KIOSK_ENTITY_EMPLOYEE:      kiosk_employee_free (record); break;
    case KIOSK_ENTITY_CUSTOMER:      kiosk_customer_free (record); break;
    case KIOSK_ENTITY_APPOINTMENT:   kiosk_appointment_free (record); break;
    case KIOSK_ENTITY_WALKIN:        kiosk_walkin_free (record); break;
    case KIOSK_ENTITY_POINT_ENTRY:   kiosk_point_entry_free (record); break;
    case KIOSK_ENTITY_UNKNOWN:
    default:
      g_return_if_reached ();
    }
}

const char *
kiosk_record_get_id (KioskEntity   entity,
                     gconstpointer record)
{
  g_return_val_if_fail (record != NULL, NULL);

  /* Every record starts with its id: see kiosk-records.h. The appointment
   * row embeds an appointment first, so the same holds there. */
  switch (entity)
    {
    case KIOSK_ENTITY_SALON:         return ((const KioskSalon *)record)->id;
    case KIOSK_ENTITY_WORKING_HOURS: return ((const KioskWorkingHours *)record)->id;
    case KIOSK_ENTITY_CATEGORY:      return ((const KioskCategory *)record)->id;
    case KIOSK_ENTITY_SERVICE:       return ((const KioskService *)record)->id;
    case KIOSK_ENTITY_EMPLOYEE:      return ((const KioskEmployee *)record)->id;
    case KIOSK_ENTITY_CUSTOMER:      return ((const KioskCustomer *)record)->id;
    case KIOSK_ENTITY_APPOINTMENT:   return ((const KioskAppointment *)record)->id;
    case KIOSK_ENTITY_WALKIN:        return ((const KioskWalkin *)record)->id;
    case KIOSK_ENTITY_POINT_ENTRY:   return ((const KioskPointEntry *)record)->id;
    case KIOSK_ENTITY_UNKNOWN:
    default:
      g_return_val_if_reached (NULL);
    }
}
