/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-desk"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-kvkk.h"
#include "kiosk-phone.h"
#include "kiosk-desk.h"
#include "kiosk-desk-private.h"
#include "kiosk-outbox.h"

G_DEFINE_QUARK (kiosk-desk-error-quark, kiosk_desk_error)


KioskCustomer *
kiosk_desk_find_self (KioskContext  *context,
                      const char    *phone_input,
                      GError       **error)
{
  g_autofree char *phone = NULL;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  /* Only the whole number finds anyone: no prefix, no name, no list. */
  phone = kiosk_phone_normalize (phone_input != NULL ? phone_input : "", error);
  if (phone == NULL)
    return NULL;
  return kiosk_replica_find_customer_by_phone (kiosk_context_get_replica (context), phone, error);
}

char *
kiosk_desk_mask_surname (const char *last_name)
{
  g_autofree char *stripped = NULL;
  gunichar first;
  char buffer[8] = { 0 };

  if (last_name == NULL || !g_utf8_validate (last_name, -1, NULL))
    return g_strdup ("");
  stripped = g_strstrip (g_strdup (last_name));
  if (*stripped == '\0')
    return g_strdup ("");

  first = g_utf8_get_char (stripped);
  /* Turkish casing: i has the dotted capital İ, ı the plain I. */
  if (first == 'i')
    first = 0x0130;
  else if (first == 0x0131)
    first = 'I';
  else
    first = g_unichar_toupper (first);
  g_unichar_to_utf8 (first, buffer);
  return g_strconcat (buffer, "****", NULL);
}

char *
kiosk_desk_register_customer (KioskContext  *context,
                              const char    *first_name,
                              const char    *last_name,
                              const char    *phone_input,
                              GDateTime     *consent_time,
                              GError       **error)
{
  g_autoptr(KioskCustomer) customer = NULL;
  g_autoptr(KioskCustomer) existing = NULL;
  g_autoptr(GDateTime) consent_utc = NULL;
  g_autoptr(GError) local = NULL;
  KioskReplica *replica;
  KioskSyncEngine *engine;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  if (consent_time == NULL)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NO_CONSENT,
                           _("Please read the privacy notice and tick the box to agree."));
      return NULL;
    }

  customer = g_new0 (KioskCustomer, 1);
  customer->first_name = _kiosk_desk_clean_name (first_name, _("Please write your first name."),
                                     _("Your first name is too long (at most 100 letters)."), error);
  if (customer->first_name == NULL)
    return NULL;
  customer->last_name = _kiosk_desk_clean_name (last_name, _("Please write your last name."),
                                    _("Your last name is too long (at most 100 letters)."), error);
  if (customer->last_name == NULL)
    return NULL;
  customer->phone = kiosk_phone_normalize (phone_input != NULL ? phone_input : "", &local);
  if (customer->phone == NULL)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID, local->message);
      return NULL;
    }

  replica = kiosk_context_get_replica (context);
  existing = kiosk_replica_find_customer_by_phone (replica, customer->phone, NULL);
  if (existing != NULL)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_EXISTS,
                           _("This phone number is already a member. Look up your points with it on the Loyalty page."));
      return NULL;
    }

  consent_utc = g_date_time_to_utc (consent_time);
  customer->id = g_uuid_string_random ();
  customer->loyalty_level = KIOSK_LEVEL_BRONZE;
  customer->consent_at = g_date_time_format_iso8601 (consent_utc);
  /* The customer record's notice, whether the member read it on the
   * loyalty page or staff at the booking panel ticked that the customer
   * has (domain/kiosk-kvkk.h, docs/kiosk-api.md §3.6). */
  customer->consent_notice = g_strdup (KIOSK_KVKK_NOTICE_MEMBER);
  customer->updated_at = g_strdup (customer->consent_at);
  customer->pending = TRUE;

  if (!kiosk_replica_begin (replica, &local) ||
      !_kiosk_desk_end_write (replica,
                                   kiosk_replica_put_customer (replica, customer, &local) &&
                                   kiosk_outbox_enqueue (replica, KIOSK_OUTBOX_KIND_CUSTOMER_CREATE, customer, &local),
                                   &local))
    {
      /* The id only: never a name or a phone in a log. */
      g_warning ("Cannot record new member %s: %s", customer->id, local->message);
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                   _("Your membership could not be saved on this kiosk (%s). Please ask at the desk."),
                   local->message);
      return NULL;
    }
  g_debug ("New member %s waits to upload", customer->id);

  engine = kiosk_context_get_sync_engine (context);
  if (engine != NULL)
    kiosk_sync_engine_nudge (engine);
  kiosk_context_notify_replica_changed (context);

  return g_strdup (customer->id);
}
