/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-booking-format"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-booking-format.h"
#include "kiosk-format.h"
#include "kiosk-time.h"

char *
kiosk_booking_format_service (const KioskService *service)
{
  g_autofree char *duration = kiosk_format_duration (service->duration);
  g_autofree char *price = kiosk_format_money (service->price);

  /* Translators: "<duration> · <price>", e.g. "45 dk · ₺350,00". */
  return g_strdup_printf (_("%s · %s"), duration, price);
}

char *
kiosk_booking_format_date (KioskContext *context,
                           const char   *date)
{
  g_autoptr(GDateTime) now = kiosk_context_dup_now (context);
  g_autoptr(GDateTime) noon = NULL;
  GDate parsed;

  /* At noon: the day's name whatever the clock changes do that day. */
  if (date == NULL || !kiosk_date_parse (date, &parsed))
    noon = g_date_time_ref (now);
  else
    noon = g_date_time_new (g_date_time_get_timezone (now),
                            g_date_get_year (&parsed), g_date_get_month (&parsed), g_date_get_day (&parsed),
                            12, 0, 0);
  return kiosk_format_long_date (noon);
}

char *
kiosk_booking_format_slot (const KioskSlot *slot,
                           const char      *employee_name)
{
  g_autofree char *time = kiosk_format_time (slot->start);

  /* Translators: a free time and who is free then, "14:30 with Ayşe Kaya". */
  return g_strdup_printf (_("%s with %s"), time, employee_name);
}

char *
kiosk_booking_format_customer (const KioskCustomer *customer)
{
  g_autofree char *name = g_strdup_printf ("%s %s",
                                           customer->first_name != NULL ? customer->first_name : "",
                                           customer->last_name != NULL ? customer->last_name : "");

  g_strstrip (name);
  if (*name == '\0')
    return g_strdup (_("Guest"));
  return g_steal_pointer (&name);
}
