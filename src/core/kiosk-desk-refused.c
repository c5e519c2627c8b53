/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the server refused (kiosk-desk-refused.h): each refused change, and
 * each change held behind one, in words staff understand, with the actions
 * that fit. The engine keeps the server's reason (its `detail`) and the
 * refusal's code (the body's, else what docs/kiosk-api.md §3.3 says the
 * status means for the endpoint: kiosk-outbox.h); what a change's body says
 * is read through the sync side too, so nothing here knows the wire format.
 *
 * Names stay private: a customer is "Ayşe Y." here, never a phone number.
 */
#define G_LOG_DOMAIN "kiosk-desk"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kiosk-time.h"
#include "kiosk-desk-private.h"
#include "kiosk-desk-refused.h"
#include "kiosk-outbox.h"

/* How far kiosk_slots_next_free() looks after a slot_taken. */
#define NEXT_SLOT_DAYS 14

void
kiosk_refused_change_free (KioskRefusedChange *self)
{
  if (self == NULL)
    return;
  g_free (self->what);
  g_free (self->reason);
  g_free (self->code);
  g_clear_pointer (&self->next_slot, kiosk_slot_free);
  g_free (self->existing_customer);
  g_free (self);
}

/* ---- words -------------------------------------------------------------- */

/* @code: the refusal's (the entry's refusal_code), NULL for a held one. */
static char *
reason_in_words (const KioskOutboxEntry *entry,
                 const char             *code)
{
  const char *sentence;
  const char *detail;

  if (entry->state == KIOSK_OUTBOX_HELD)
    return g_strdup (_("It waits for an earlier change that the server refused. Decide on that one first."));

  /* The server's own words, kept apart from the code. */
  detail = entry->last_reason != NULL && *entry->last_reason != '\0' ? entry->last_reason : NULL;
  if (g_strcmp0 (code, "slot_taken") == 0)
    sentence = _("Someone else booked this time first.");
  else if (g_strcmp0 (code, "invalid_status") == 0)
    sentence = kiosk_outbox_kind_entity (entry->known_kind) == KIOSK_ENTITY_WALKIN
               ? _("This walk-in had already moved on in the queue.")
               : _("This booking had already changed (cancelled, completed or missed).");
  else if (g_strcmp0 (code, "insufficient_points") == 0)
    sentence = _("The customer does not have enough points any more.");
  else if (g_strcmp0 (code, "phone_exists") == 0)
    sentence = _("Another customer already has this phone number.");
  /* idempotency_key_reused (§3.3): the key came again with another body,
   * which the server did not take, as it does not take invalid details. */
  else if (g_strcmp0 (code, "validation") == 0 || g_strcmp0 (code, "idempotency_key_reused") == 0)
    sentence = _("The server did not accept the details.");
  else
    sentence = _("The server refused this change.");

  if (detail == NULL)
    return g_strdup (sentence);
  /* TRANSLATORS: a sentence, then the server's own words. */
  return g_strdup_printf (_("%s The server said: “%s”"), sentence, detail);
}

/* "Ayşe Y.": the first name and the surname's initial, upper-cased the
 * Turkish way. */
static char *
short_name (const char *first,
            const char *last)
{
  g_autofree char *initial = NULL;
  gunichar c;
  char buffer[8] = { 0 };

  if (first == NULL || *first == '\0')
    return g_strdup (_("someone"));
  if (last == NULL || !g_utf8_validate (last, -1, NULL))
    return g_strdup (first);
  while (*last == ' ')
    last++;
  if (*last == '\0')
    return g_strdup (first);
  c = g_utf8_get_char (last);
  c = c == 'i' ? 0x0130 : c == 0x0131 ? 'I' : g_unichar_toupper (c);
  g_unichar_to_utf8 (c, buffer);
  return g_strdup_printf ("%s %s.", first, buffer);
}

/* A walk-in's one name field "Ayşe Yılmaz" the same way. */
static char *
short_full_name (const char *name)
{
  g_autofree char *copy = NULL;
  char *space;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return short_name (NULL, NULL);
  copy = g_strstrip (g_strdup (name));
  space = strrchr (copy, ' ');
  if (space == NULL)
    return short_name (copy, NULL);
  *space = '\0';
  g_strstrip (copy);
  {
    g_autofree char *first = g_strdup (copy);
    char *first_space = strchr (first, ' ');

    if (first_space != NULL)
      *first_space = '\0';
    return short_name (first, space + 1);
  }
}

static char *
customer_short_name (KioskReplica *replica,
                     const char   *customer_id)
{
  g_autoptr(KioskCustomer) customer = NULL;

  if (customer_id != NULL)
    customer = kiosk_replica_get_customer (replica, customer_id, NULL);
  if (customer == NULL)
    return short_name (NULL, NULL);
  return short_name (customer->first_name, customer->last_name);
}

static const char *
service_name (const KioskDeskDay *day,
              const char         *id)
{
  const KioskService *service = kiosk_desk_day_service (day, id);

  return service != NULL ? service->name : _("a service");
}

/* "26 Kasım 14:00" in the salon's words. */
static char *
when_text (const char *date,
           int         time)
{
  GDate parsed;
  g_autoptr(GDateTime) at = NULL;

  if (date == NULL || !kiosk_date_parse (date, &parsed))
    return g_strdup ("?");
  /* Only a wall-clock reading to format: any zone without shifts will do. */
  at = g_date_time_new_utc (g_date_get_year (&parsed), g_date_get_month (&parsed),
                            g_date_get_day (&parsed), time / 3600, (time / 60) % 60, 0);
  if (at == NULL)
    return g_strdup (date);
  return g_date_time_format (at, "%-d %B %H:%M");
}

static const char *
appointment_status_words (const char *status)
{
  KioskAppointmentStatus value;

  if (!kiosk_appointment_status_from_string (status, &value))
    return status != NULL ? status : "?";
  switch (value)
    {
    case KIOSK_APPOINTMENT_PENDING:   return _("waiting for confirmation");
    case KIOSK_APPOINTMENT_CONFIRMED: return _("confirmed");
    case KIOSK_APPOINTMENT_COMPLETED: return _("completed");
    case KIOSK_APPOINTMENT_CANCELLED: return _("cancelled");
    case KIOSK_APPOINTMENT_NO_SHOW:   return _("missed");
    default:                          return status;
    }
}

static const char *
walkin_status_words (const char *status)
{
  KioskWalkinStatus value;

  if (!kiosk_walkin_status_from_string (status, &value))
    return status != NULL ? status : "?";
  switch (value)
    {
    case KIOSK_WALKIN_WAITING:    return _("waiting");
    case KIOSK_WALKIN_CALLED:     return _("called");
    case KIOSK_WALKIN_IN_SERVICE: return _("being served");
    case KIOSK_WALKIN_DONE:       return _("done");
    case KIOSK_WALKIN_LEFT:       return _("left");
    default:                      return status;
    }
}

/* What a body without some member (or no body at all) says. */
static const KioskOutboxBody no_body = { 0 };

static char *
describe (KioskReplica           *replica,
          const KioskDeskDay     *day,
          const KioskOutboxEntry *entry,
          const KioskOutboxBody  *payload)
{
  KioskOutboxKind kind = entry->known_kind;

  if (kind == KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE)
    {
      g_autofree char *who = customer_short_name (replica, payload->customer);
      g_autofree char *when = NULL;
      int time = 0;

      kiosk_time_parse (payload->appointment_time, &time);
      when = when_text (payload->appointment_date, time);
      /* TRANSLATORS: customer, service, date and time */
      return g_strdup_printf (_("Booking: %s, %s, %s"), who,
                              service_name (day, payload->service), when);
    }
  if (kind == KIOSK_OUTBOX_KIND_APPOINTMENT_CHECK_IN || kind == KIOSK_OUTBOX_KIND_APPOINTMENT_STATUS)
    {
      g_autoptr(KioskAppointment) appt = NULL;
      g_autofree char *who = NULL;
      g_autofree char *when = NULL;

      if (entry->entity_id != NULL)
        appt = kiosk_replica_get_appointment (replica, entry->entity_id, NULL);
      who = customer_short_name (replica, appt != NULL ? appt->customer : NULL);
      when = appt != NULL ? when_text (appt->appointment_date, appt->appointment_time) : g_strdup ("?");
      if (kind == KIOSK_OUTBOX_KIND_APPOINTMENT_CHECK_IN)
        /* TRANSLATORS: customer, service, date and time */
        return g_strdup_printf (_("Check-in: %s, %s, %s"), who,
                                service_name (day, appt != NULL ? appt->service : NULL), when);
      /* TRANSLATORS: the new state ("cancelled"), customer, date and time */
      return g_strdup_printf (_("Booking marked %s: %s, %s"),
                              appointment_status_words (payload->status), who, when);
    }
  if (kind == KIOSK_OUTBOX_KIND_WALKIN_CREATE)
    {
      g_autofree char *who = short_full_name (payload->name);

      /* TRANSLATORS: person, service */
      return g_strdup_printf (_("Walk-in: %s, %s"), who, service_name (day, payload->service));
    }
  if (kind == KIOSK_OUTBOX_KIND_WALKIN_STATUS)
    {
      g_autoptr(KioskWalkin) walkin = NULL;
      g_autofree char *who = NULL;

      if (entry->entity_id != NULL)
        walkin = kiosk_replica_get_walkin (replica, entry->entity_id, NULL);
      who = short_full_name (walkin != NULL ? walkin->name : NULL);
      /* TRANSLATORS: person, the new state ("called") */
      return g_strdup_printf (_("Walk-in %s: %s"), who,
                              walkin_status_words (payload->status));
    }
  if (kind == KIOSK_OUTBOX_KIND_CUSTOMER_CREATE)
    {
      g_autofree char *who = short_name (payload->first_name, payload->last_name);

      return g_strdup_printf (_("New member: %s"), who);
    }
  if (kind == KIOSK_OUTBOX_KIND_LOYALTY_REDEEM)
    {
      g_autofree char *who = customer_short_name (replica, payload->customer);
      gint64 points = payload->points;

      int shown = (int)CLAMP (ABS (points), 0, G_MAXINT);

      /* TRANSLATORS: how many points, the customer */
      return g_strdup_printf (ngettext ("Redemption: %d point, %s", "Redemption: %d points, %s", (gulong)shown),
                              shown, who);
    }
  return g_strdup_printf (_("A change of kind “%s”"), entry->kind != NULL ? entry->kind : "");
}

/* The next free slot for a booking the server found taken. */
static KioskSlot *
next_slot_for (KioskContext          *context,
               const KioskOutboxBody *payload)
{
  g_autoptr(KioskDeskDay) days = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *to_date = NULL;
  KioskSlotData data;
  KioskSlotsReason reason;
  GDate from;
  const char *date = payload->appointment_date;
  const char *service = payload->service;
  int time = 0;

  if (date == NULL || service == NULL || !kiosk_date_parse (date, &from) ||
      !kiosk_time_parse (payload->appointment_time, &time))
    return NULL;
  now = kiosk_context_dup_now (context);
  last = g_date_time_new (g_date_time_get_timezone (now), g_date_get_year (&from),
                          g_date_get_month (&from), g_date_get_day (&from), 12, 0, 0);
  if (last == NULL)
    return NULL;
  {
    g_autoptr(GDateTime) later = g_date_time_add_days (last, NEXT_SLOT_DAYS);

    to_date = g_date_time_format (later, "%Y-%m-%d");
  }
  days = kiosk_replica_desk_load_days (kiosk_context_get_replica (context), date, to_date, NULL);
  if (days == NULL)
    return NULL;
  _kiosk_desk_slot_data (&data, days, now);
  return kiosk_slots_next_free (&data, service, date, time, payload->employee,
                                now, NEXT_SLOT_DAYS, &reason, NULL);
}

static KioskRefusedChange *
make_change (KioskContext           *context,
             const KioskDeskDay     *day,
             const KioskOutboxEntry *entry)
{
  KioskReplica *replica = kiosk_context_get_replica (context);
  KioskRefusedChange *change = g_new0 (KioskRefusedChange, 1);
  g_autoptr(KioskOutboxBody) body = kiosk_outbox_body_read (entry);
  const KioskOutboxBody *payload = body != NULL ? body : &no_body;

  change->entry_id = entry->id;
  change->kind = entry->known_kind;
  change->state = entry->state;
  change->created_at = entry->created_at;
  change->code = entry->state == KIOSK_OUTBOX_REFUSED ? g_strdup (entry->refusal_code) : NULL;
  change->what = describe (replica, day, entry, payload);
  change->reason = reason_in_words (entry, change->code);
  change->actions = KIOSK_REFUSED_ACTION_DISMISS;

  if (entry->state != KIOSK_OUTBOX_REFUSED)
    return change;

  if (g_strcmp0 (change->code, "slot_taken") == 0 && entry->known_kind == KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE)
    {
      change->next_slot = next_slot_for (context, payload);
      if (change->next_slot != NULL)
        change->actions |= KIOSK_REFUSED_ACTION_BOOK_NEXT_SLOT;
    }
  if (entry->known_kind == KIOSK_OUTBOX_KIND_CUSTOMER_CREATE && payload->phone != NULL)
    {
      g_autoptr(KioskCustomer) existing =
        kiosk_replica_desk_find_other_customer (replica, payload->phone, entry->entity_id, NULL);

      if (existing != NULL)
        {
          change->existing_customer = g_strdup (existing->id);
          change->actions |= KIOSK_REFUSED_ACTION_MERGE_CUSTOMER;
        }
    }
  return change;
}

GPtrArray *
kiosk_desk_list_refused (KioskContext  *context,
                         GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(KioskDeskDay) day = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  entries = kiosk_replica_desk_list_attention (kiosk_context_get_replica (context), &local);
  if (entries == NULL)
    {
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                   _("The refused changes cannot be read on this kiosk (%s)."), local->message);
      return NULL;
    }
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_refused_change_free);
  if (entries->len == 0)
    return g_steal_pointer (&changes);

  /* For the names of services only: any day will do. */
  day = _kiosk_desk_load_today (context, NULL, NULL, error);
  if (day == NULL)
    return NULL;
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (changes, make_change (context, day, g_ptr_array_index (entries, i)));
  return g_steal_pointer (&changes);
}

/* One refused entry, or NULL and a desk error. */
static KioskOutboxEntry *
get_refused (KioskContext  *context,
             gint64         entry_id,
             GError       **error)
{
  g_autoptr(GError) local = NULL;
  KioskOutboxEntry *entry;

  entry = kiosk_replica_outbox_get (kiosk_context_get_replica (context), entry_id, &local);
  if (entry == NULL)
    {
      if (g_error_matches (local, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND))
        g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NOT_FOUND,
                             _("This change is no longer on this kiosk."));
      else
        g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                     _("The refused changes cannot be read on this kiosk (%s)."), local->message);
      return NULL;
    }
  if (entry->state != KIOSK_OUTBOX_REFUSED && entry->state != KIOSK_OUTBOX_HELD)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED,
                           _("This change no longer waits for a decision."));
      kiosk_outbox_entry_free (entry);
      return NULL;
    }
  return entry;
}

gboolean
kiosk_desk_refused_book_next (KioskContext  *context,
                              gint64         entry_id,
                              GError       **error)
{
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autoptr(KioskOutboxBody) payload = NULL;
  g_autoptr(KioskSlot) slot = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *id = NULL;
  KioskReplica *replica;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), FALSE);

  entry = get_refused (context, entry_id, error);
  if (entry == NULL)
    return FALSE;
  payload = kiosk_outbox_body_read (entry);
  if (entry->state != KIOSK_OUTBOX_REFUSED || entry->known_kind != KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE ||
      payload == NULL)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED,
                           _("Only a refused booking can be booked again at the next free time."));
      return FALSE;
    }
  slot = next_slot_for (context, payload);
  if (slot == NULL)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED,
                           _("There is no free time for this service in the next two weeks."));
      return FALSE;
    }

  replica = kiosk_context_get_replica (context);
  if (!kiosk_replica_begin (replica, &local))
    {
      _kiosk_desk_fail (error, local, entry->entity_id,
                             _("The new booking could not be saved on this kiosk (%s)."), local->message);
      return FALSE;
    }
  /* The slot's own employee: "anyone" was already resolved by the finder. */
  id = _kiosk_desk_book_locked (context, payload->customer, payload->service,
                                payload->employee != NULL ? slot->employee : NULL,
                                slot->date, slot->start, payload->notes, error);
  if (id == NULL)
    {
      kiosk_replica_rollback (replica);
      return FALSE;
    }
  if (!_kiosk_desk_end_write (replica,
                                   kiosk_replica_outbox_dismiss (replica, entry_id,
                                                                 _("Booked again at the next free time."),
                                                                 NULL, &local),
                                   &local))
    {
      _kiosk_desk_fail (error, local, entry->entity_id,
                             _("The new booking could not be saved on this kiosk (%s)."), local->message);
      return FALSE;
    }
  g_debug ("Refused booking %s booked again as %s", entry->entity_id, id);
  _kiosk_desk_changed (context);
  return TRUE;
}

gboolean
kiosk_desk_refused_merge (KioskContext  *context,
                          gint64         entry_id,
                          GError       **error)
{
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autoptr(KioskOutboxBody) payload = NULL;
  g_autoptr(KioskCustomer) existing = NULL;
  g_autoptr(GError) local = NULL;
  KioskReplica *replica;
  const char *phone;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), FALSE);

  entry = get_refused (context, entry_id, error);
  if (entry == NULL)
    return FALSE;
  payload = kiosk_outbox_body_read (entry);
  phone = payload != NULL ? payload->phone : NULL;
  replica = kiosk_context_get_replica (context);
  if (entry->state == KIOSK_OUTBOX_REFUSED && entry->known_kind == KIOSK_OUTBOX_KIND_CUSTOMER_CREATE && phone != NULL)
    existing = kiosk_replica_desk_find_other_customer (replica, phone, entry->entity_id, NULL);
  if (existing == NULL)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED,
                           _("There is no other customer with this phone number on this kiosk to merge with."));
      return FALSE;
    }

  if (!kiosk_replica_begin (replica, &local) ||
      !_kiosk_desk_end_write (replica,
                                   kiosk_outbox_repoint_customer (replica, entry_id, entry->entity_id,
                                                                  existing->id, &local) &&
                                   kiosk_replica_outbox_release_held (replica, &local),
                                   &local))
    {
      _kiosk_desk_fail (error, local, entry->entity_id,
                             _("The merge could not be saved on this kiosk (%s)."), local->message);
      return FALSE;
    }
  g_debug ("Customer %s merged into %s", entry->entity_id, existing->id);
  _kiosk_desk_changed (context);
  return TRUE;
}

gboolean
kiosk_desk_refused_dismiss (KioskContext  *context,
                            gint64         entry_id,
                            const char    *note,
                            GError       **error)
{
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *clean_note = NULL;
  guint closed = 0;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), FALSE);

  entry = get_refused (context, entry_id, error);
  if (entry == NULL)
    return FALSE;
  if (note != NULL && g_utf8_validate (note, -1, NULL))
    {
      clean_note = g_strstrip (g_strdup (note));
      if (*clean_note == '\0')
        g_clear_pointer (&clean_note, g_free);
    }
  if (!kiosk_replica_outbox_dismiss (kiosk_context_get_replica (context), entry_id, clean_note, &closed, &local))
    {
      _kiosk_desk_fail (error, local, entry->entity_id,
                             _("The decision could not be saved on this kiosk (%s)."), local->message);
      return FALSE;
    }
  g_debug ("Outbox entry %" G_GINT64_FORMAT " dismissed with %u change(s)", entry_id, closed);
  _kiosk_desk_changed (context);
  return TRUE;
}

gboolean
kiosk_desk_count_waiting (KioskContext  *context,
                          gint64        *waiting,
                          gint64        *oldest_created_at,
                          GError       **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), FALSE);

  if (!kiosk_replica_desk_count_waiting (kiosk_context_get_replica (context), waiting, oldest_created_at, &local))
    {
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                   _("The changes waiting to upload cannot be counted (%s)."), local->message);
      return FALSE;
    }
  return TRUE;
}
