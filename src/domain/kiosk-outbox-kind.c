/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The outbox's vocabulary (kiosk-outbox-kind.h).
 */
#define G_LOG_DOMAIN "kiosk-outbox"

#include "config.h"

#include "kiosk-outbox-kind.h"

static const char * const state_names[] = {
  [KIOSK_OUTBOX_PENDING]   = "pending",
  [KIOSK_OUTBOX_IN_FLIGHT] = "in_flight",
  [KIOSK_OUTBOX_DONE]      = "done",
  [KIOSK_OUTBOX_REFUSED]   = "refused",
  [KIOSK_OUTBOX_HELD]      = "held",
};

G_STATIC_ASSERT (G_N_ELEMENTS (state_names) == KIOSK_N_OUTBOX_STATES);

const char *
kiosk_outbox_state_to_string (KioskOutboxState state)
{
  g_return_val_if_fail ((guint)state < G_N_ELEMENTS (state_names), NULL);

  return state_names[state];
}

gboolean
kiosk_outbox_state_from_string (const char       *str,
                                KioskOutboxState *out)
{
  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (state_names[i], str))
      {
        *out = (KioskOutboxState)i;
        return TRUE;
      }
  return FALSE;
}

/* The strings are the ones every earlier build stored: never change one. */
static const struct {
  const char  *name;
  KioskEntity  entity;
} kinds[] = {
  [KIOSK_OUTBOX_KIND_UNKNOWN]              = { NULL,                   KIOSK_ENTITY_UNKNOWN },
  [KIOSK_OUTBOX_KIND_CUSTOMER_CREATE]      = { "customer.create",      KIOSK_ENTITY_CUSTOMER },
  [KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE]   = { "appointment.create",   KIOSK_ENTITY_APPOINTMENT },
  [KIOSK_OUTBOX_KIND_APPOINTMENT_CHECK_IN] = { "appointment.check_in", KIOSK_ENTITY_APPOINTMENT },
  [KIOSK_OUTBOX_KIND_APPOINTMENT_STATUS]   = { "appointment.status",   KIOSK_ENTITY_APPOINTMENT },
  [KIOSK_OUTBOX_KIND_WALKIN_CREATE]        = { "walkin.create",        KIOSK_ENTITY_WALKIN },
  [KIOSK_OUTBOX_KIND_WALKIN_STATUS]        = { "walkin.status",        KIOSK_ENTITY_WALKIN },
  [KIOSK_OUTBOX_KIND_LOYALTY_REDEEM]       = { "loyalty.redeem",       KIOSK_ENTITY_POINT_ENTRY },
};

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == KIOSK_N_OUTBOX_KINDS);

const char *
kiosk_outbox_kind_to_string (KioskOutboxKind kind)
{
  g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (kinds), NULL);

  return kinds[kind].name;
}

KioskOutboxKind
kiosk_outbox_kind_from_string (const char *str)
{
  if (str == NULL)
    return KIOSK_OUTBOX_KIND_UNKNOWN;
  for (guint i = 1; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, str))
      return (KioskOutboxKind)i;
  return KIOSK_OUTBOX_KIND_UNKNOWN;
}

KioskEntity
kiosk_outbox_kind_entity (KioskOutboxKind kind)
{
  g_return_val_if_fail ((guint)kind < G_N_ELEMENTS (kinds), KIOSK_ENTITY_UNKNOWN);

  return kinds[kind].entity;
}
