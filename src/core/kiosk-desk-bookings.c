/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Bookings at the desk (kiosk-desk-bookings.h): today's bookings by phone,
 * check-in, statuses, free slots and new bookings. The replica's pending
 * bookings count as taken, so the kiosk never offers a time it gave away
 * while offline.
 */
#define G_LOG_DOMAIN "kiosk-desk"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-phone.h"
#include "kiosk-time.h"
#include "kiosk-desk-private.h"
#include "kiosk-desk-bookings.h"
#include "kiosk-outbox.h"

#define DEFAULT_LATE_THRESHOLD 15   /* minutes, as the GSettings default */
#define DEFAULT_CHECKIN_OPENS  60   /* minutes, as the GSettings default */

static gboolean
is_closed_status (KioskAppointmentStatus status)
{
  return status == KIOSK_APPOINTMENT_CANCELLED || status == KIOSK_APPOINTMENT_COMPLETED ||
         status == KIOSK_APPOINTMENT_NO_SHOW;
}

GPtrArray *
kiosk_desk_find_bookings_today (KioskContext  *context,
                                const char    *phone_input,
                                GError       **error)
{
  g_autoptr(KioskCustomer) customer = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *today = NULL;
  KioskReplica *replica;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  phone = kiosk_phone_normalize (phone_input != NULL ? phone_input : "", &local);
  if (phone == NULL)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID, local->message);
      return NULL;
    }

  result = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_appointment_row_free);
  replica = kiosk_context_get_replica (context);
  customer = kiosk_replica_find_customer_by_phone (replica, phone, &local);
  if (customer == NULL)
    {
      if (g_error_matches (local, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND))
        return g_steal_pointer (&result);
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                   _("Bookings cannot be read on this kiosk (%s)."), local->message);
      return NULL;
    }

  today = kiosk_context_dup_today (context);
  rows = kiosk_replica_list_appointment_rows (replica, today, &local);
  if (rows == NULL)
    {
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                   _("Bookings cannot be read on this kiosk (%s)."), local->message);
      return NULL;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      KioskAppointmentRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->appointment.customer, customer->id) != 0 ||
          is_closed_status (row->appointment.status))
        continue;
      g_ptr_array_add (result, row);
      rows->pdata[i] = NULL;   /* now the result's */
    }
  return g_steal_pointer (&result);
}

static guint
late_threshold (KioskContext *context)
{
  GSettings *settings = kiosk_context_get_settings (context);

  return settings != NULL ? g_settings_get_uint (settings, "late-threshold") : DEFAULT_LATE_THRESHOLD;
}

/* The arrival at @at (seconds since the salon's midnight) for a booking at
 * @start. */
static void
judge_arrival (KioskContext *context,
               int           at,
               int           start,
               KioskArrival *arrival,
               int          *minutes_off)
{
  int threshold = (int)late_threshold (context) * 60;
  int off = at - start;

  if (arrival != NULL)
    *arrival = off > threshold ? KIOSK_ARRIVAL_LATE :
               off < -threshold ? KIOSK_ARRIVAL_EARLY : KIOSK_ARRIVAL_ON_TIME;
  if (minutes_off != NULL)
    *minutes_off = ABS (off) / 60;
}

static KioskAppointment *
get_booking (KioskReplica  *replica,
             const char    *appointment_id,
             GError       **error)
{
  g_autoptr(GError) local = NULL;
  KioskAppointment *appt = NULL;

  if (appointment_id != NULL)
    appt = kiosk_replica_get_appointment (replica, appointment_id, &local);
  if (appt != NULL)
    return appt;
  if (local != NULL && !g_error_matches (local, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND))
    g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                 _("The booking cannot be read on this kiosk (%s)."), local->message);
  else
    g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NOT_FOUND,
                         _("This booking is not known on this kiosk."));
  return NULL;
}

/* Writes @appt (changed, pending) and its outbox entry of @kind in one
 * transaction. */
static gboolean
write_booking_change (KioskContext      *context,
                      KioskAppointment  *appt,
                      KioskOutboxKind    kind,
                      GError           **error)
{
  KioskReplica *replica = kiosk_context_get_replica (context);
  g_autoptr(GError) local = NULL;

  appt->pending = TRUE;
  if (!kiosk_replica_begin (replica, &local) ||
      !_kiosk_desk_end_write (replica,
                                   kiosk_replica_desk_keep_server_row (replica, KIOSK_ENTITY_APPOINTMENT,
                                                                       appt->id, &local) &&
                                   kiosk_replica_put_appointment (replica, appt, &local) &&
                                   kiosk_outbox_enqueue (replica, kind, appt, &local),
                                   &local))
    {
      if (kind == KIOSK_OUTBOX_KIND_APPOINTMENT_CHECK_IN)
        _kiosk_desk_fail (error, local, appt->id,
                               _("The check-in could not be saved on this kiosk (%s). Please ask at the desk."),
                               local->message);
      else
        _kiosk_desk_fail (error, local, appt->id,
                               _("The booking's new state could not be saved on this kiosk (%s)."),
                               local->message);
      return FALSE;
    }
  g_debug ("Booking %s: %s waits to upload", appt->id, kiosk_outbox_kind_to_string (kind));
  _kiosk_desk_changed (context);
  return TRUE;
}

gboolean
kiosk_desk_check_in (KioskContext  *context,
                     const char    *appointment_id,
                     KioskArrival  *arrival,
                     int           *minutes_off,
                     GError       **error)
{
  g_autoptr(KioskAppointment) appt = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;
  int at;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), FALSE);

  appt = get_booking (kiosk_context_get_replica (context), appointment_id, error);
  if (appt == NULL)
    return FALSE;

  switch (appt->status)
    {
    case KIOSK_APPOINTMENT_CANCELLED:
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED,
                           _("This booking was cancelled, so it cannot be checked in. Please ask at the desk."));
      return FALSE;
    case KIOSK_APPOINTMENT_COMPLETED:
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED,
                           _("This booking is already completed, so it cannot be checked in again."));
      return FALSE;
    case KIOSK_APPOINTMENT_NO_SHOW:
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED,
                           _("This booking was marked as missed, so it cannot be checked in. Please ask at the desk."));
      return FALSE;
    case KIOSK_APPOINTMENT_PENDING:
    case KIOSK_APPOINTMENT_CONFIRMED:
    default:
      break;
    }

  now = kiosk_context_dup_now (context);
  today = g_date_time_format (now, "%Y-%m-%d");
  if (g_strcmp0 (appt->appointment_date, today) != 0)
    {
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED,
                   _("This booking is for another day (%s), not today. Please ask at the desk."),
                   appt->appointment_date);
      return FALSE;
    }

  at = _kiosk_desk_seconds_of_day (now);
  if (appt->checked_in_at != NULL)
    {
      /* Already in: judged by when it happened, and nothing new queued. */
      kiosk_wait_instant_to_seconds (appt->checked_in_at, today, g_date_time_get_timezone (now), &at);
      judge_arrival (context, at, appt->appointment_time, arrival, minutes_off);
      return TRUE;
    }

  judge_arrival (context, at, appt->appointment_time, arrival, minutes_off);
  appt->checked_in_at = _kiosk_desk_instant (now);
  return write_booking_change (context, appt, KIOSK_OUTBOX_KIND_APPOINTMENT_CHECK_IN, error);
}

gboolean
kiosk_desk_check_in_is_open (KioskContext           *context,
                             const KioskAppointment *appointment,
                             int                    *opens_at)
{
  GSettings *settings;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;
  guint before;
  int from;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (appointment != NULL, FALSE);

  settings = kiosk_context_get_settings (context);
  before = settings != NULL ? g_settings_get_uint (settings, "checkin-opens-before") : DEFAULT_CHECKIN_OPENS;
  from = MAX (0, appointment->appointment_time - (int) MIN (before, 24 * 60) * 60);
  if (opens_at != NULL)
    *opens_at = from;

  /* Another day's booking is refused by the check-in itself, in its words. */
  now = kiosk_context_dup_now (context);
  today = g_date_time_format (now, "%Y-%m-%d");
  if (g_strcmp0 (appointment->appointment_date, today) != 0)
    return TRUE;
  return _kiosk_desk_seconds_of_day (now) >= from;
}

gboolean
kiosk_desk_check_in_self (KioskContext  *context,
                          const char    *appointment_id,
                          KioskArrival  *arrival,
                          int           *minutes_off,
                          GError       **error)
{
  g_autoptr(KioskAppointment) appt = NULL;
  int opens_at;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), FALSE);

  appt = get_booking (kiosk_context_get_replica (context), appointment_id, error);
  if (appt == NULL)
    return FALSE;

  /* A booking already checked in, or one that cannot be, is answered by
   * kiosk_desk_check_in() as at the desk. */
  if (appt->checked_in_at == NULL &&
      (appt->status == KIOSK_APPOINTMENT_PENDING || appt->status == KIOSK_APPOINTMENT_CONFIRMED) &&
      !kiosk_desk_check_in_is_open (context, appt, &opens_at))
    {
      g_autofree char *from = kiosk_time_format_short (opens_at);

      /* Translators: %s is a time of day, "12:30": an hour before the booking, as the salon set it. */
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED,
                   _("You can check in from %s."), from);
      return FALSE;
    }
  return kiosk_desk_check_in (context, appointment_id, arrival, minutes_off, error);
}

gboolean
kiosk_desk_get_opening (KioskContext  *context,
                        KioskOpening  *opening,
                        GError       **error)
{
  KioskReplica *replica;
  g_autoptr(KioskSalon) salon = NULL;
  g_autoptr(GPtrArray) hours = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) local = NULL;
  KioskSlotData data = { 0 };

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (opening != NULL, FALSE);

  replica = kiosk_context_get_replica (context);
  salon = kiosk_replica_get_salon (replica, &local);
  /* No salon (not paired yet) is no error: nothing is known to be open. */
  if (salon == NULL && local != NULL)
    {
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                   _("The salon's hours cannot be read on this kiosk (%s)."), local->message);
      return FALSE;
    }
  hours = kiosk_replica_list_working_hours (replica, &local);
  if (hours == NULL)
    {
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                   _("The salon's hours cannot be read on this kiosk (%s)."), local->message);
      return FALSE;
    }

  now = kiosk_context_dup_now (context);
  data.salon = salon;
  data.working_hours = hours;
  data.time_zone = g_date_time_get_timezone (now);
  kiosk_slots_opening (&data, now, opening);
  return TRUE;
}

gboolean
kiosk_desk_set_appointment_status (KioskContext            *context,
                                   const char              *appointment_id,
                                   KioskAppointmentStatus   status,
                                   GError                 **error)
{
  g_autoptr(KioskAppointment) appt = NULL;
  gboolean allowed;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), FALSE);

  appt = get_booking (kiosk_context_get_replica (context), appointment_id, error);
  if (appt == NULL)
    return FALSE;

  /* As the server allows (docs/kiosk-api.md §3.3,
   * appointments/{id}/status/). */
  if (status == KIOSK_APPOINTMENT_CONFIRMED)
    allowed = appt->status == KIOSK_APPOINTMENT_PENDING;
  else if (status == KIOSK_APPOINTMENT_PENDING)
    allowed = FALSE;
  else
    allowed = appt->status == KIOSK_APPOINTMENT_PENDING || appt->status == KIOSK_APPOINTMENT_CONFIRMED;
  if (!allowed)
    {
      const char *message;

      if (is_closed_status (appt->status))
        message = appt->status == KIOSK_APPOINTMENT_CANCELLED ? _("This booking was already cancelled.") :
                  appt->status == KIOSK_APPOINTMENT_COMPLETED ? _("This booking is already completed.") :
                  _("This booking was already marked as missed.");
      else if (status == KIOSK_APPOINTMENT_CONFIRMED)
        message = _("This booking is already confirmed.");
      else
        message = _("A booking cannot go back to waiting for confirmation.");
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED, message);
      return FALSE;
    }

  appt->status = status;
  return write_booking_change (context, appt, KIOSK_OUTBOX_KIND_APPOINTMENT_STATUS, error);
}

/* The free slots of one day, with the replica's bookings (pending too). */
static GPtrArray *
find_slots (KioskContext      *context,
            const char        *service_id,
            const char        *date,
            const char        *employee_id,
            KioskSlotsReason  *reason,
            GError           **error)
{
  g_autoptr(KioskDeskDay) day = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) local = NULL;
  KioskSlotData data;
  KioskSlotsReason ignored;
  GPtrArray *slots;

  if (date == NULL || !kiosk_date_parse (date, &(GDate) { 0 }))
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID,
                           _("Please choose a day."));
      return NULL;
    }
  day = kiosk_replica_desk_load_days (kiosk_context_get_replica (context), date, date, &local);
  if (day == NULL)
    {
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                   _("The calendar cannot be read on this kiosk (%s)."), local->message);
      return NULL;
    }
  now = kiosk_context_dup_now (context);
  _kiosk_desk_slot_data (&data, day, now);
  slots = kiosk_slots_find (&data, service_id != NULL ? service_id : "", date, employee_id, now,
                            reason != NULL ? reason : &ignored, &local);
  if (slots == NULL)
    g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID, local->message);
  return slots;
}

GPtrArray *
kiosk_desk_find_slots (KioskContext      *context,
                       const char        *service_id,
                       const char        *date,
                       const char        *employee_id,
                       KioskSlotsReason  *reason,
                       GError           **error)
{
  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  return find_slots (context, service_id, date, employee_id, reason, error);
}

char *
_kiosk_desk_book_locked (KioskContext  *context,
                              const char    *customer_id,
                              const char    *service_id,
                              const char    *employee_id,
                              const char    *date,
                              int            time,
                              const char    *notes,
                              GError       **error)
{
  KioskReplica *replica = kiosk_context_get_replica (context);
  g_autoptr(KioskCustomer) customer = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *clean_notes = NULL;
  KioskAppointment appt = { 0 };
  const KioskService *service = NULL;
  const KioskSlot *slot = NULL;
  KioskSlotsReason reason = KIOSK_SLOTS_AVAILABLE;
  gboolean queued = FALSE;
  char *id;

  customer = customer_id != NULL ? kiosk_replica_get_customer (replica, customer_id, &local) : NULL;
  if (customer == NULL)
    {
      if (local != NULL && !g_error_matches (local, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND))
        g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                     _("The customer cannot be read on this kiosk (%s)."), local->message);
      else
        g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NOT_FOUND,
                             _("This customer is not known on this kiosk."));
      return NULL;
    }

  slots = find_slots (context, service_id, date, employee_id, &reason, error);
  if (slots == NULL)
    return NULL;
  for (guint i = 0; i < slots->len && slot == NULL; i++)
    {
      const KioskSlot *candidate = g_ptr_array_index (slots, i);

      /* Sorted by start, then in the order "anyone" picks employees. */
      if (candidate->start == time &&
          (employee_id == NULL || g_strcmp0 (candidate->employee, employee_id) == 0))
        slot = candidate;
    }
  if (slot == NULL)
    {
      if (reason == KIOSK_SLOTS_AVAILABLE || reason == KIOSK_SLOTS_FULL || reason == KIOSK_SLOTS_PAST)
        g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED,
                             _("This time is no longer free. Please choose another one."));
      else
        g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED,
                             kiosk_slots_reason_describe (reason));
      return NULL;
    }

  services = kiosk_replica_list_services (replica, &local);
  for (guint i = 0; services != NULL && i < services->len; i++)
    if (g_strcmp0 (((KioskService *)g_ptr_array_index (services, i))->id, service_id) == 0)
      service = g_ptr_array_index (services, i);

  if (notes != NULL && g_utf8_validate (notes, -1, NULL))
    {
      clean_notes = g_strstrip (g_strdup (notes));
      if (*clean_notes == '\0')
        g_clear_pointer (&clean_notes, g_free);
    }

  now = kiosk_context_dup_now (context);
  id = g_uuid_string_random ();
  appt.id = id;
  appt.customer = customer->id;
  appt.service = (char *)service_id;
  appt.employee = slot->employee;
  appt.appointment_date = (char *)date;
  appt.appointment_time = slot->start;
  appt.end_time = slot->end;
  appt.status = KIOSK_APPOINTMENT_CONFIRMED;
  appt.notes = clean_notes;
  appt.price = service != NULL ? service->price : 0;
  appt.source = (char *)"kiosk";
  appt.created_at = _kiosk_desk_instant (now);
  appt.updated_at = appt.created_at;
  appt.pending = TRUE;

  if (kiosk_replica_put_appointment (replica, &appt, &local))
    {
      /* "Anyone" stays anyone for the server, which picks whoever is free
       * there; the desk writes down the employee it would pick meanwhile. */
      appt.employee = (char *)employee_id;
      queued = kiosk_outbox_enqueue (replica, KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE, &appt, &local);
      appt.employee = slot->employee;
    }
  if (!queued)
    {
      g_free (appt.created_at);
      _kiosk_desk_fail (error, local, id,
                             _("The booking could not be saved on this kiosk (%s)."), local->message);
      g_free (id);
      return NULL;
    }
  g_free (appt.created_at);
  return id;
}

char *
kiosk_desk_book (KioskContext  *context,
                 const char    *customer_id,
                 const char    *service_id,
                 const char    *employee_id,
                 const char    *date,
                 int            time,
                 const char    *notes,
                 GError       **error)
{
  KioskReplica *replica;
  g_autoptr(GError) local = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  replica = kiosk_context_get_replica (context);
  /* The check and the write in one transaction: nothing books the slot
   * in between. */
  if (!kiosk_replica_begin (replica, &local))
    {
      _kiosk_desk_fail (error, local, NULL,
                             _("The booking could not be saved on this kiosk (%s)."), local->message);
      return NULL;
    }
  id = _kiosk_desk_book_locked (context, customer_id, service_id, employee_id, date, time, notes, error);
  if (id == NULL)
    {
      kiosk_replica_rollback (replica);
      return NULL;
    }
  if (!kiosk_replica_commit (replica, &local))
    {
      _kiosk_desk_fail (error, local, id,
                             _("The booking could not be saved on this kiosk (%s)."), local->message);
      return NULL;
    }
  g_debug ("Booking %s waits to upload", id);
  _kiosk_desk_changed (context);
  return g_steal_pointer (&id);
}
