/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The outbox's bodies: what the kiosk sends to the mutation endpoints
 * (docs/kiosk-api.md §3.3, with the consent of §3.6), built when the desk
 * makes the change and kept, byte for byte, for every retry. One function
 * per kind of upload; kiosk-json.h lists them under "Bodies of the
 * mutation endpoints".
 */
#define G_LOG_DOMAIN "kiosk-json"

#include "config.h"

#include "kiosk-json.h"
#include "kiosk-json-private.h"

/* --------------------------------------------------------- mutation bodies */

/* Every upload of a person's data carries the consent they gave (§3.6):
 * the desk records both when the person ticks the box, so a body lacks
 * them only for a record the kiosk did not make. */
char *
kiosk_json_customer_create_body (const KioskCustomer *customer)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (customer != NULL, NULL);

  kiosk_json_set_string (o, "id", customer->id);
  kiosk_json_set_text (o, "first_name", customer->first_name);
  kiosk_json_set_text (o, "last_name", customer->last_name);
  kiosk_json_set_string (o, "phone", customer->phone);
  kiosk_json_set_string (o, "consent_at", customer->consent_at);
  kiosk_json_set_string (o, "consent_notice", customer->consent_notice);
  return kiosk_json_object_to_string (o);
}

char *
kiosk_json_appointment_create_body (const KioskAppointment *appointment)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (appointment != NULL, NULL);

  kiosk_json_set_string (o, "id", appointment->id);
  kiosk_json_set_string (o, "customer", appointment->customer);
  kiosk_json_set_string (o, "service", appointment->service);
  kiosk_json_set_string (o, "employee", appointment->employee);
  kiosk_json_set_string (o, "appointment_date", appointment->appointment_date);
  kiosk_json_set_time (o, "appointment_time", appointment->appointment_time);
  kiosk_json_set_text (o, "notes", appointment->notes);
  kiosk_json_set_string (o, "source", appointment->source != NULL ? appointment->source : "kiosk");
  return kiosk_json_object_to_string (o);
}

char *
kiosk_json_check_in_body (const char *checked_in_at)
{
  JsonObject *o = json_object_new ();

  kiosk_json_set_string (o, "checked_in_at", checked_in_at);
  return kiosk_json_object_to_string (o);
}

/* Appointments take {"status"}; walk-ins {"status", "employee"}, where a
 * missing employee reads as null. One helper for both, so the employee is
 * written only when there is one. */
char *
kiosk_json_status_body (const char *status,
                        const char *employee)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (status != NULL, NULL);

  json_object_set_string_member (o, "status", status);
  if (employee != NULL)
    json_object_set_string_member (o, "employee", employee);
  return kiosk_json_object_to_string (o);
}

char *
kiosk_json_walkin_create_body (const KioskWalkin *walkin)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (walkin != NULL, NULL);

  kiosk_json_set_string (o, "id", walkin->id);
  kiosk_json_set_string (o, "customer", walkin->customer);
  kiosk_json_set_text (o, "name", walkin->name);
  kiosk_json_set_text (o, "phone", walkin->phone);
  kiosk_json_set_string (o, "service", walkin->service);
  kiosk_json_set_string (o, "preferred_employee", walkin->preferred_employee);
  kiosk_json_set_string (o, "arrived_at", walkin->arrived_at);
  kiosk_json_set_string (o, "consent_at", walkin->consent_at);
  kiosk_json_set_string (o, "consent_notice", walkin->consent_notice);
  return kiosk_json_object_to_string (o);
}

/* The entry holds the negative points of a redemption; the endpoint wants
 * how many points to take, a positive number. */
char *
kiosk_json_redemption_body (const KioskPointEntry *entry)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (entry != NULL, NULL);

  kiosk_json_set_string (o, "id", entry->id);
  kiosk_json_set_string (o, "customer", entry->customer);
  json_object_set_int_member (o, "points", entry->points < 0 ? -entry->points : entry->points);
  kiosk_json_set_text (o, "reason", entry->reason);
  return kiosk_json_object_to_string (o);
}
