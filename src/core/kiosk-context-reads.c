/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The read side of KioskContext (kiosk-context-reads.h): each call is the
 * replica's query, with its error in the desk's domain, so that the pages
 * can tell "not there" from "cannot be read" without seeing the replica.
 */
#define G_LOG_DOMAIN "kiosk-context"

#include "config.h"

#include <string.h>

#include "kiosk-context-reads.h"
#include "kiosk-context-private.h"
#include "kiosk-desk.h"
#include "kiosk-replica.h"
#include "kiosk-replica-sync.h"

/* Moves @local into @error in KIOSK_DESK_ERROR; returns @result. */
static gpointer
as_desk_error (gpointer  result,
               GError   *local,
               GError  **error)
{
  if (local != NULL)
    {
      int code = g_error_matches (local, KIOSK_REPLICA_ERROR, KIOSK_REPLICA_ERROR_NOT_FOUND)
                 ? KIOSK_DESK_ERROR_NOT_FOUND : KIOSK_DESK_ERROR_FAILED;

      g_set_error_literal (error, KIOSK_DESK_ERROR, code, local->message);
      g_error_free (local);
    }
  return result;
}

KioskSalon *
kiosk_context_get_salon (KioskContext  *self,
                         GError       **error)
{
  KioskSalon *result;
  GError *local = NULL;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  result = kiosk_replica_get_salon (kiosk_context_get_replica (self), &local);
  return as_desk_error (result, local, error);
}

GPtrArray *
kiosk_context_list_working_hours (KioskContext  *self,
                                  GError       **error)
{
  GPtrArray *result;
  GError *local = NULL;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  result = kiosk_replica_list_working_hours (kiosk_context_get_replica (self), &local);
  return as_desk_error (result, local, error);
}

GPtrArray *
kiosk_context_list_categories (KioskContext  *self,
                               GError       **error)
{
  GPtrArray *result;
  GError *local = NULL;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  result = kiosk_replica_list_categories (kiosk_context_get_replica (self), &local);
  return as_desk_error (result, local, error);
}

GPtrArray *
kiosk_context_list_services (KioskContext  *self,
                             GError       **error)
{
  GPtrArray *result;
  GError *local = NULL;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  result = kiosk_replica_list_services (kiosk_context_get_replica (self), &local);
  return as_desk_error (result, local, error);
}

GPtrArray *
kiosk_context_list_employees (KioskContext  *self,
                              GError       **error)
{
  GPtrArray *result;
  GError *local = NULL;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  result = kiosk_replica_list_employees (kiosk_context_get_replica (self), &local);
  return as_desk_error (result, local, error);
}

KioskCustomer *
kiosk_context_get_customer (KioskContext  *self,
                            const char    *id,
                            GError       **error)
{
  KioskCustomer *result;
  GError *local = NULL;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  result = kiosk_replica_get_customer (kiosk_context_get_replica (self), id, &local);
  return as_desk_error (result, local, error);
}

KioskAppointment *
kiosk_context_get_appointment (KioskContext  *self,
                               const char    *id,
                               GError       **error)
{
  KioskAppointment *result;
  GError *local = NULL;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  result = kiosk_replica_get_appointment (kiosk_context_get_replica (self), id, &local);
  return as_desk_error (result, local, error);
}

GPtrArray *
kiosk_context_list_appointment_rows (KioskContext  *self,
                                     const char    *date,
                                     GError       **error)
{
  GPtrArray *result;
  GError *local = NULL;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  result = kiosk_replica_list_appointment_rows (kiosk_context_get_replica (self), date, &local);
  return as_desk_error (result, local, error);
}

GPtrArray *
kiosk_context_list_open_walkins (KioskContext  *self,
                                 GError       **error)
{
  GPtrArray *result;
  GError *local = NULL;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), NULL);
  result = kiosk_replica_list_open_walkins (kiosk_context_get_replica (self), &local);
  return as_desk_error (result, local, error);
}

gboolean
kiosk_context_count_customers_by_level (KioskContext *self,
                                        gint64        counts[4],
                                        GError      **error)
{
  GError *local = NULL;
  gboolean ok;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), FALSE);
  ok = kiosk_replica_count_customers_by_level (kiosk_context_get_replica (self), counts, &local);
  as_desk_error (NULL, local, error);
  return ok;
}

gboolean
kiosk_context_count_outbox (KioskContext  *self,
                            gint64        *waiting,
                            gint64        *refused,
                            GError       **error)
{
  gint64 counts[5] = { 0, };
  GError *local = NULL;
  gboolean ok;

  g_return_val_if_fail (KIOSK_IS_CONTEXT (self), FALSE);
  ok = kiosk_replica_outbox_counts (kiosk_context_get_replica (self), counts, &local);
  as_desk_error (NULL, local, error);
  if (!ok)
    memset (counts, 0, sizeof counts);
  if (waiting != NULL)
    *waiting = counts[KIOSK_OUTBOX_PENDING] + counts[KIOSK_OUTBOX_IN_FLIGHT];
  if (refused != NULL)
    *refused = counts[KIOSK_OUTBOX_REFUSED];
  return ok;
}
