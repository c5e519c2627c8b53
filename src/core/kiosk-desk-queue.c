/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The walk-in queue (kiosk-desk-queue.h). Estimates are never stored: each
 * call reads today from the replica and runs the estimator again.
 */
#define G_LOG_DOMAIN "kiosk-desk"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "kiosk-kvkk.h"
#include "kiosk-phone.h"
#include "kiosk-time.h"
#include "kiosk-desk-private.h"
#include "kiosk-desk-queue.h"
#include "kiosk-replica-sync.h"
#include "kiosk-outbox.h"

/* ---- the queue ----------------------------------------------------------- */

void
kiosk_queue_item_free (KioskQueueItem *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->walkin, kiosk_walkin_free);
  g_free (self->service_name);
  g_free (self->employee_name);
  g_free (self->preferred_name);
  g_clear_pointer (&self->estimate, kiosk_wait_estimate_free);
  g_free (self);
}

static char *
dup_employee_name (const KioskDeskDay *day,
                   const char         *id)
{
  const KioskEmployee *employee = kiosk_desk_day_employee (day, id);

  return employee != NULL ? g_strdup (employee->name) : NULL;
}

static int
seconds_waited (const KioskWalkin *walkin,
                GDateTime         *now)
{
  g_autoptr(GDateTime) arrived = NULL;
  GTimeSpan span;

  if (walkin->arrived_at == NULL)
    return 0;
  arrived = g_date_time_new_from_iso8601 (walkin->arrived_at, g_date_time_get_timezone (now));
  if (arrived == NULL)
    return 0;
  span = g_date_time_difference (now, arrived) / G_TIME_SPAN_SECOND;
  return (int)CLAMP (span, 0, G_MAXINT);
}

static KioskQueueItem *
make_item (KioskDeskDay *day,
           guint         index,
           GPtrArray    *estimates,
           GDateTime    *now)
{
  KioskQueueItem *item = g_new0 (KioskQueueItem, 1);
  KioskWalkin *walkin = g_ptr_array_index (day->walkins, index);
  const KioskService *service = kiosk_desk_day_service (day, walkin->service);

  item->service_name = service != NULL ? g_strdup (service->name) : NULL;
  item->employee_name = dup_employee_name (day, walkin->employee);
  item->preferred_name = dup_employee_name (day, walkin->preferred_employee);
  item->waited = seconds_waited (walkin, now);
  for (guint i = 0; estimates != NULL && i < estimates->len; i++)
    {
      KioskWaitEstimate *estimate = g_ptr_array_index (estimates, i);

      if (estimate != NULL && g_strcmp0 (estimate->walkin_id, walkin->id) == 0)
        {
          item->estimate = g_ptr_array_steal_index (estimates, i);
          break;
        }
    }
  /* The item owns the record from now on. */
  item->walkin = walkin;
  day->walkins->pdata[index] = NULL;
  return item;
}

GPtrArray *
kiosk_desk_list_queue (KioskContext  *context,
                       GError       **error)
{
  g_autoptr(KioskDeskDay) day = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GPtrArray) estimates = NULL;
  g_autoptr(GPtrArray) items = NULL;
  KioskWaitInput input;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  day = _kiosk_desk_load_today (context, &now, &today, error);
  if (day == NULL)
    return NULL;
  _kiosk_desk_wait_input (&input, day, today, now);
  estimates = kiosk_wait_estimate_queue (&input);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_queue_item_free);
  /* Called and in service first, then those waiting; each in arrival order. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < day->walkins->len; i++)
      {
        KioskWalkin *walkin = g_ptr_array_index (day->walkins, i);

        if (walkin == NULL || (walkin->status == KIOSK_WALKIN_WAITING) != (pass == 1))
          continue;
        g_ptr_array_add (items, make_item (day, i, estimates, now));
      }
  return g_steal_pointer (&items);
}

/* Whole sentences per case, so that translations read naturally. */
static gboolean
check_service (const KioskDeskDay  *day,
               const char          *service_id,
               GError             **error)
{
  const KioskService *service = kiosk_desk_day_service (day, service_id);

  if (service == NULL || !service->is_active)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID,
                           _("Please choose one of the salon's services."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_employee (const KioskDeskDay  *day,
                const char          *employee_id,
                GError             **error)
{
  if (employee_id == NULL || kiosk_desk_day_employee (day, employee_id) != NULL)
    return TRUE;
  g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID,
                       _("This staff member is not known on this kiosk. Please choose someone else, or anyone."));
  return FALSE;
}

KioskWaitEstimate *
kiosk_desk_estimate_join (KioskContext  *context,
                          const char    *service_id,
                          const char    *preferred_employee_id,
                          GError       **error)
{
  g_autoptr(KioskDeskDay) day = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;
  KioskWaitInput input;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  day = _kiosk_desk_load_today (context, &now, &today, error);
  if (day == NULL)
    return NULL;
  if (!check_service (day, service_id, error) || !check_employee (day, preferred_employee_id, error))
    return NULL;
  _kiosk_desk_wait_input (&input, day, today, now);
  return kiosk_wait_estimate_newcomer (&input, service_id, preferred_employee_id);
}

char *
kiosk_desk_join_queue (KioskContext  *context,
                       const char    *name,
                       const char    *phone_input,
                       const char    *service_id,
                       const char    *preferred_employee_id,
                       GDateTime     *consent_time,
                       GError       **error)
{
  g_autoptr(KioskWalkin) walkin = NULL;
  g_autoptr(KioskCustomer) customer = NULL;
  g_autoptr(GPtrArray) same_phone = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) consent_local = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *today = NULL;
  KioskReplica *replica;
  gboolean active = FALSE;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  if (consent_time == NULL)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NO_CONSENT,
                           _("Please read the privacy notice and tick the box to agree."));
      return NULL;
    }

  walkin = g_new0 (KioskWalkin, 1);
  walkin->name = _kiosk_desk_clean_name (name, _("Please write your name."),
                                        _("Your name is too long (at most 100 letters)."), error);
  if (walkin->name == NULL)
    return NULL;
  walkin->phone = kiosk_phone_normalize (phone_input != NULL ? phone_input : "", &local);
  if (walkin->phone == NULL)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID, local->message);
      return NULL;
    }

  /* A few small reads, not the whole day: joining must stay quick. */
  replica = kiosk_context_get_replica (context);
  now = kiosk_context_dup_now (context);
  if (!kiosk_replica_desk_service_active (replica, service_id, &active, &local))
    {
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                   _("Today's data cannot be read on this kiosk (%s)."), local->message);
      return NULL;
    }
  if (!active)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID,
                           _("Please choose one of the salon's services."));
      return NULL;
    }
  if (preferred_employee_id != NULL &&
      !kiosk_replica_get_row_state (replica, "employee", preferred_employee_id, NULL, NULL, NULL))
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID,
                           _("This staff member is not known on this kiosk. Please choose someone else, or anyone."));
      return NULL;
    }

  /* Joining twice would count the person twice in everyone's wait. */
  same_phone = kiosk_replica_desk_open_walkins_by_phone (replica, walkin->phone, &local);
  if (same_phone == NULL)
    {
      g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                   _("Today's data cannot be read on this kiosk (%s)."), local->message);
      return NULL;
    }
  today = g_date_time_format (now, "%Y-%m-%d");
  for (guint i = 0; i < same_phone->len; i++)
    if (_kiosk_desk_arrived_today (g_ptr_array_index (same_phone, i), today, g_date_time_get_timezone (now)))
      {
        g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_EXISTS,
                             _("This phone number is already in today's queue."));
        return NULL;
      }

  customer = kiosk_replica_find_customer_by_phone (replica, walkin->phone, NULL);

  walkin->id = g_uuid_string_random ();
  walkin->customer = customer != NULL ? g_strdup (customer->id) : NULL;
  walkin->service = g_strdup (service_id);
  walkin->preferred_employee = g_strdup (preferred_employee_id);
  walkin->status = KIOSK_WALKIN_WAITING;
  walkin->arrived_at = _kiosk_desk_instant (now);
  /* Kept with the row and sent with it (docs/kiosk-api.md §3.6): the
   * person's own tap, on the kiosk's clock, written in the salon's time as
   * arrived_at is, and the notice they read. */
  consent_local = g_date_time_to_timezone (consent_time, g_date_time_get_timezone (now));
  walkin->consent_at = _kiosk_desk_instant (consent_local);
  walkin->consent_notice = g_strdup (KIOSK_KVKK_NOTICE_WALKIN);
  walkin->pending = TRUE;

  /* A customer who just registered here is created first (the walk-in's
   * route names its customer). */
  if (!kiosk_replica_begin (replica, &local) ||
      !_kiosk_desk_end_write (replica,
                                   kiosk_replica_put_walkin (replica, walkin, &local) &&
                                   kiosk_outbox_enqueue (replica, KIOSK_OUTBOX_KIND_WALKIN_CREATE, walkin, &local),
                                   &local))
    {
      _kiosk_desk_fail (error, local, walkin->id,
                             _("Your place in the queue could not be saved on this kiosk (%s). Please ask at the desk."), local->message);
      return NULL;
    }
  g_debug ("Walk-in %s joined the queue", walkin->id);
  _kiosk_desk_changed (context);
  return g_strdup (walkin->id);
}

/* The moves the server allows (docs/kiosk-api.md §3.3, walkins/{id}/status/). */
static gboolean
walkin_move_allowed (KioskWalkinStatus from,
                     KioskWalkinStatus to)
{
  switch (to)
    {
    case KIOSK_WALKIN_CALLED:
      return from == KIOSK_WALKIN_WAITING;
    case KIOSK_WALKIN_IN_SERVICE:
    case KIOSK_WALKIN_LEFT:
      return from == KIOSK_WALKIN_WAITING || from == KIOSK_WALKIN_CALLED;
    case KIOSK_WALKIN_DONE:
      return from == KIOSK_WALKIN_IN_SERVICE;
    case KIOSK_WALKIN_WAITING:
    default:
      return FALSE;
    }
}

static const char *
walkin_refusal (KioskWalkinStatus from,
                KioskWalkinStatus to)
{
  if (from == KIOSK_WALKIN_DONE || from == KIOSK_WALKIN_LEFT)
    return _("This person has already left the queue.");
  switch (to)
    {
    case KIOSK_WALKIN_CALLED:
      return _("Only someone who is waiting can be called.");
    case KIOSK_WALKIN_IN_SERVICE:
      return _("This person is already being served.");
    case KIOSK_WALKIN_DONE:
      return _("Only someone who is being served can be marked done.");
    case KIOSK_WALKIN_LEFT:
      return _("Someone who is being served cannot leave the queue: mark them done instead.");
    case KIOSK_WALKIN_WAITING:
    default:
      return _("Nobody can be put back to waiting.");
    }
}

gboolean
kiosk_desk_set_walkin_status (KioskContext      *context,
                              const char        *walkin_id,
                              KioskWalkinStatus  status,
                              const char        *employee_id,
                              GError           **error)
{
  g_autoptr(KioskWalkin) walkin = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) local = NULL;
  KioskReplica *replica;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), FALSE);

  replica = kiosk_context_get_replica (context);
  walkin = walkin_id != NULL ? kiosk_replica_get_walkin (replica, walkin_id, &local) : NULL;
  if (walkin == NULL)
    {
      if (local != NULL && !g_error_matches (local, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND))
        g_set_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_FAILED,
                     _("The queue cannot be read on this kiosk (%s)."), local->message);
      else
        g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NOT_FOUND,
                             _("This person is no longer in the queue."));
      return FALSE;
    }
  if (!walkin_move_allowed (walkin->status, status))
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED,
                           walkin_refusal (walkin->status, status));
      return FALSE;
    }
  if (employee_id != NULL &&
      !kiosk_replica_get_row_state (replica, "employee", employee_id, NULL, NULL, NULL))
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_INVALID,
                           _("This staff member is not known on this kiosk. Please choose someone else."));
      return FALSE;
    }

  now = kiosk_context_dup_now (context);
  walkin->status = status;
  if (employee_id != NULL)
    {
      g_free (walkin->employee);
      walkin->employee = g_strdup (employee_id);
    }
  /* As the server does: called_at when called, finished_at when gone. */
  if (status == KIOSK_WALKIN_CALLED)
    {
      g_free (walkin->called_at);
      walkin->called_at = _kiosk_desk_instant (now);
    }
  if (status == KIOSK_WALKIN_DONE || status == KIOSK_WALKIN_LEFT)
    {
      g_free (walkin->finished_at);
      walkin->finished_at = _kiosk_desk_instant (now);
    }
  walkin->pending = TRUE;

  /* The walk-in's own creation goes first anyway (same row); a customer
   * registered here must exist before the server links them (the route
   * names the customer). The body carries the employee. */
  if (!kiosk_replica_begin (replica, &local) ||
      !_kiosk_desk_end_write (replica,
                                   kiosk_replica_desk_keep_server_row (replica, KIOSK_ENTITY_WALKIN,
                                                                       walkin->id, &local) &&
                                   kiosk_replica_put_walkin (replica, walkin, &local) &&
                                   kiosk_outbox_enqueue (replica, KIOSK_OUTBOX_KIND_WALKIN_STATUS, walkin, &local),
                                   &local))
    {
      _kiosk_desk_fail (error, local, walkin->id,
                             _("The change to the queue could not be saved on this kiosk (%s)."), local->message);
      return FALSE;
    }
  g_debug ("Walk-in %s is now %s", walkin->id, kiosk_walkin_status_to_string (status));
  _kiosk_desk_changed (context);
  return TRUE;
}

char *
kiosk_desk_call_next (KioskContext  *context,
                      const char    *employee_id,
                      GError       **error)
{
  g_autoptr(KioskDeskDay) day = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GPtrArray) estimates = NULL;
  const KioskWaitEstimate *first = NULL;
  KioskWaitInput input;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (context), NULL);

  day = _kiosk_desk_load_today (context, &now, &today, error);
  if (day == NULL)
    return NULL;
  _kiosk_desk_wait_input (&input, day, today, now);
  estimates = kiosk_wait_estimate_queue (&input);
  for (guint i = 0; i < estimates->len; i++)
    {
      const KioskWaitEstimate *estimate = g_ptr_array_index (estimates, i);

      if (estimate->position == 1)
        first = estimate;
    }
  if (first == NULL)
    {
      g_set_error_literal (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_NOT_FOUND,
                           _("Nobody is waiting."));
      return NULL;
    }
  if (!kiosk_desk_set_walkin_status (context, first->walkin_id, KIOSK_WALKIN_CALLED,
                                     employee_id != NULL ? employee_id : first->employee, error))
    return NULL;
  return g_strdup (first->walkin_id);
}
