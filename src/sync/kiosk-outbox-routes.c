/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The outbox's routes (kiosk-outbox.h): one per kind of change, the
 * mutation endpoints of docs/kiosk-api.md §3.3. The desk queues by kind,
 * the uploader sends by kind, and a refusal is booked with the code the
 * server gave, or the one the contract gives the status.
 */
#define G_LOG_DOMAIN "kiosk-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-json.h"
#include "kiosk-outbox.h"
#include "kiosk-replica-sync.h"

typedef struct {
  const char  *method;
  const char  *path;       /* under /api/kiosk/v1/; "{id}" is the changed row's id */
  const char  *conflict;   /* what its 409 means (§3.3 gives each endpoint one code), NULL: none */
  char       *(*body)  (gconstpointer record);
  const char *(*names) (gconstpointer record);  /* the row it names besides its own, or NULL */
} Route;

/* The bodies (kiosk-json-outbox.c) from the kind's record. */

static char *
customer_create_body (gconstpointer record)
{
  return kiosk_json_customer_create_body (record);
}

static char *
appointment_create_body (gconstpointer record)
{
  return kiosk_json_appointment_create_body (record);
}

static char *
check_in_body (gconstpointer record)
{
  const KioskAppointment *appointment = record;

  return kiosk_json_check_in_body (appointment->checked_in_at);
}

static char *
appointment_status_body (gconstpointer record)
{
  const KioskAppointment *appointment = record;

  return kiosk_json_status_body (kiosk_appointment_status_to_string (appointment->status), NULL);
}

static char *
walkin_create_body (gconstpointer record)
{
  return kiosk_json_walkin_create_body (record);
}

/* The walk-in's employee goes along: the server makes it the walk-in's. */
static char *
walkin_status_body (gconstpointer record)
{
  const KioskWalkin *walkin = record;

  return kiosk_json_status_body (kiosk_walkin_status_to_string (walkin->status), walkin->employee);
}

static char *
redemption_body (gconstpointer record)
{
  return kiosk_json_redemption_body (record);
}

/* The customer a change names: created at this kiosk, it must reach the
 * server first, and a refusal of it holds the change. */

static const char *
appointment_customer (gconstpointer record)
{
  return ((const KioskAppointment *)record)->customer;
}

static const char *
walkin_customer (gconstpointer record)
{
  return ((const KioskWalkin *)record)->customer;
}

static const char *
point_entry_customer (gconstpointer record)
{
  return ((const KioskPointEntry *)record)->customer;
}

static const Route routes[] = {
  [KIOSK_OUTBOX_KIND_UNKNOWN] = { NULL },
  [KIOSK_OUTBOX_KIND_CUSTOMER_CREATE] =
    { "POST", "customers/", "phone_exists", customer_create_body, NULL },
  [KIOSK_OUTBOX_KIND_APPOINTMENT_CREATE] =
    { "POST", "appointments/", "slot_taken", appointment_create_body, appointment_customer },
  [KIOSK_OUTBOX_KIND_APPOINTMENT_CHECK_IN] =
    { "POST", "appointments/{id}/check-in/", "invalid_status", check_in_body, appointment_customer },
  [KIOSK_OUTBOX_KIND_APPOINTMENT_STATUS] =
    { "POST", "appointments/{id}/status/", "invalid_status", appointment_status_body, appointment_customer },
  [KIOSK_OUTBOX_KIND_WALKIN_CREATE] =
    { "POST", "walkins/", NULL, walkin_create_body, walkin_customer },
  [KIOSK_OUTBOX_KIND_WALKIN_STATUS] =
    { "POST", "walkins/{id}/status/", "invalid_status", walkin_status_body, walkin_customer },
  [KIOSK_OUTBOX_KIND_LOYALTY_REDEEM] =
    { "POST", "loyalty/redemptions/", "insufficient_points", redemption_body, point_entry_customer },
};

G_STATIC_ASSERT (G_N_ELEMENTS (routes) == KIOSK_N_OUTBOX_KINDS);

#define ID_PLACEHOLDER "{id}"

static const Route *
route_for (KioskOutboxKind kind)
{
  if ((guint)kind >= G_N_ELEMENTS (routes) || routes[kind].method == NULL)
    return NULL;
  return &routes[kind];
}

const char *
kiosk_outbox_method (KioskOutboxKind kind)
{
  const Route *route = route_for (kind);

  return route != NULL ? route->method : NULL;
}

char *
kiosk_outbox_path (KioskOutboxKind  kind,
                   const char      *entity_id)
{
  const Route *route = route_for (kind);
  const char *at;
  g_autofree char *id = NULL;

  if (route == NULL)
    return NULL;
  at = strstr (route->path, ID_PLACEHOLDER);
  if (at == NULL)
    return g_strdup (route->path);
  id = g_uri_escape_string (entity_id != NULL ? entity_id : "", NULL, FALSE);
  return g_strdup_printf ("%.*s%s%s", (int)(at - route->path), route->path, id,
                          at + strlen (ID_PLACEHOLDER));
}

gboolean
kiosk_outbox_enqueue (KioskReplica     *replica,
                      KioskOutboxKind   kind,
                      gconstpointer     record,
                      GError          **error)
{
  const Route *route = route_for (kind);
  KioskEntity entity = kiosk_outbox_kind_entity (kind);
  g_autofree char *body = NULL;
  const char *refs[2] = { NULL, NULL };

  g_return_val_if_fail (KIOSK_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (route != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  body = route->body (record);
  if (route->names != NULL)
    refs[0] = route->names (record);
  return kiosk_replica_outbox_add_with_refs (replica, kiosk_outbox_kind_to_string (kind),
                                             kiosk_record_get_id (entity, record), body, refs,
                                             NULL, error);
}

const char *
kiosk_outbox_refusal_code (KioskOutboxKind  kind,
                           guint            status,
                           const char      *body_code)
{
  const Route *route = route_for (kind);

  if (body_code != NULL && *body_code != '\0')
    return body_code;
  if (status == 409)
    return route != NULL ? route->conflict : NULL;
  if (status == 400 || status == 422)
    return "validation";
  return NULL;
}

gboolean
kiosk_outbox_refuse (KioskReplica           *replica,
                     const KioskOutboxEntry *entry,
                     guint                   status,
                     GBytes                 *body,
                     const char             *fallback_reason,
                     GError                **error)
{
  g_autofree char *body_code = NULL;
  g_autofree char *reason = NULL;
  const char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (KIOSK_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  if (body != NULL)
    data = g_bytes_get_data (body, &length);
  body_code = kiosk_json_error_code (data != NULL ? data : "", (gssize)length);
  reason = kiosk_json_error_reason (data != NULL ? data : "", (gssize)length);
  if (reason == NULL && fallback_reason != NULL)
    reason = g_strdup (fallback_reason);
  if (reason == NULL)
    reason = g_strdup_printf (_("The server refused the change (HTTP %u)"), status);
  return kiosk_replica_outbox_refuse (replica, entry->id, (int)status,
                                      kiosk_outbox_refusal_code (entry->known_kind, status, body_code),
                                      reason, error);
}
