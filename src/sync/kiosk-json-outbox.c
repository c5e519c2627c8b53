/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The JSON the kiosk writes (kiosk-json.h): the contract's objects of
 * records (docs/kiosk-api.md §3.4), the bodies of its uploads (§3.3, §3.6)
 * and the lines of --dump-replica. Reading is kiosk-json.c's.
 */
#define G_LOG_DOMAIN "kiosk-json"

#include "config.h"

#include "kiosk-json.h"

#include "kiosk-money.h"
#include "kiosk-time.h"

/* ------------------------------------------------------- record writers */

static void
set_string (JsonObject *o,
            const char *field,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (o, field, value);
  else
    json_object_set_null_member (o, field);
}

/* Text the server keeps as a blank-able CharField: "" rather than null. */
static void
set_text (JsonObject *o,
          const char *field,
          const char *value)
{
  json_object_set_string_member (o, field, value != NULL ? value : "");
}

static void
set_time (JsonObject *o,
          const char *field,
          int         seconds)
{
  g_autofree char *text = kiosk_time_format (seconds);

  json_object_set_string_member (o, field, text);
}

static void
set_money (JsonObject *o,
           const char *field,
           gint64      kurus)
{
  g_autofree char *text = kiosk_money_to_decimal (kurus);

  json_object_set_string_member (o, field, text);
}

static JsonObject *
salon_to_json (const KioskSalon *s)
{
  JsonObject *o = json_object_new ();

  set_string (o, "id", s->id);
  set_string (o, "name", s->name);
  set_string (o, "address", s->address);
  set_string (o, "city", s->city);
  set_string (o, "district", s->district);
  set_string (o, "phone", s->phone);
  set_time (o, "opening_time", s->opening_time);
  set_time (o, "closing_time", s->closing_time);
  set_string (o, "timezone", s->timezone != NULL ? s->timezone : "Europe/Istanbul");
  return o;
}

static JsonObject *
working_hours_to_json (const KioskWorkingHours *h)
{
  JsonObject *o = json_object_new ();

  set_string (o, "id", h->id);
  json_object_set_int_member (o, "day_of_week", h->day_of_week);
  set_time (o, "opening_time", h->opening_time);
  set_time (o, "closing_time", h->closing_time);
  json_object_set_boolean_member (o, "is_closed", h->is_closed);
  return o;
}

static JsonObject *
category_to_json (const KioskCategory *c)
{
  JsonObject *o = json_object_new ();

  set_string (o, "id", c->id);
  set_string (o, "name", c->name);
  set_string (o, "description", c->description);
  set_string (o, "icon", c->icon);
  return o;
}

static JsonObject *
service_to_json (const KioskService *s)
{
  JsonObject *o = json_object_new ();

  set_string (o, "id", s->id);
  set_string (o, "category", s->category);
  set_string (o, "name", s->name);
  set_string (o, "description", s->description);
  set_money (o, "price", s->price);
  json_object_set_int_member (o, "duration", s->duration);
  json_object_set_boolean_member (o, "is_active", s->is_active);
  return o;
}

static JsonObject *
employee_to_json (const KioskEmployee *e)
{
  JsonObject *o = json_object_new ();
  JsonArray *services = json_array_new ();

  set_string (o, "id", e->id);
  set_string (o, "name", e->name);
  set_string (o, "position", e->position);
  json_object_set_boolean_member (o, "is_active", e->is_active);
  for (guint i = 0; e->services != NULL && e->services[i] != NULL; i++)
    json_array_add_string_element (services, e->services[i]);
  json_object_set_array_member (o, "services", services);
  return o;
}

/* §3.4 lists no consent (§3.6): it only travels in the create bodies. */
static JsonObject *
customer_to_json (const KioskCustomer *c)
{
  JsonObject *o = json_object_new ();

  set_string (o, "id", c->id);
  set_string (o, "first_name", c->first_name);
  set_string (o, "last_name", c->last_name);
  set_string (o, "phone", c->phone);
  set_string (o, "loyalty_level", kiosk_loyalty_level_to_string (c->loyalty_level));
  json_object_set_int_member (o, "total_points", c->total_points);
  json_object_set_int_member (o, "current_points", c->current_points);
  set_money (o, "total_spent", c->total_spent);
  json_object_set_int_member (o, "total_visits", c->total_visits);
  set_string (o, "updated_at", c->updated_at);
  return o;
}

static JsonObject *
appointment_to_json (const KioskAppointment *a)
{
  JsonObject *o = json_object_new ();

  set_string (o, "id", a->id);
  set_string (o, "customer", a->customer);
  set_string (o, "service", a->service);
  set_string (o, "employee", a->employee);
  set_string (o, "appointment_date", a->appointment_date);
  set_time (o, "appointment_time", a->appointment_time);
  set_time (o, "end_time", a->end_time);
  set_string (o, "status", kiosk_appointment_status_to_string (a->status));
  set_string (o, "notes", a->notes);
  set_money (o, "price", a->price);
  set_string (o, "source", a->source);
  set_string (o, "checked_in_at", a->checked_in_at);
  set_string (o, "created_at", a->created_at);
  set_string (o, "updated_at", a->updated_at);
  return o;
}

static JsonObject *
walkin_to_json (const KioskWalkin *w)
{
  JsonObject *o = json_object_new ();

  set_string (o, "id", w->id);
  set_string (o, "customer", w->customer);
  set_string (o, "name", w->name);
  set_string (o, "phone", w->phone);
  set_string (o, "service", w->service);
  set_string (o, "preferred_employee", w->preferred_employee);
  set_string (o, "employee", w->employee);
  set_string (o, "status", kiosk_walkin_status_to_string (w->status));
  set_string (o, "arrived_at", w->arrived_at);
  set_string (o, "called_at", w->called_at);
  set_string (o, "finished_at", w->finished_at);
  return o;
}

static JsonObject *
point_entry_to_json (const KioskPointEntry *p)
{
  JsonObject *o = json_object_new ();

  set_string (o, "id", p->id);
  set_string (o, "customer", p->customer);
  json_object_set_int_member (o, "points", p->points);
  set_string (o, "reason", p->reason);
  set_string (o, "created_at", p->created_at);
  return o;
}

static JsonObject *
record_to_object (KioskEntity   entity,
                  gconstpointer record)
{
  switch (entity)
    {
    case KIOSK_ENTITY_SALON:         return salon_to_json (record);
    case KIOSK_ENTITY_WORKING_HOURS: return working_hours_to_json (record);
    case KIOSK_ENTITY_CATEGORY:      return category_to_json (record);
    case KIOSK_ENTITY_SERVICE:       return service_to_json (record);
    case KIOSK_ENTITY_EMPLOYEE:      return employee_to_json (record);
    case KIOSK_ENTITY_CUSTOMER:      return customer_to_json (record);
    case KIOSK_ENTITY_APPOINTMENT:   return appointment_to_json (record);
    case KIOSK_ENTITY_WALKIN:        return walkin_to_json (record);
    case KIOSK_ENTITY_POINT_ENTRY:   return point_entry_to_json (record);
    case KIOSK_ENTITY_UNKNOWN:
    default:
      g_return_val_if_reached (NULL);
    }
}

JsonNode *
kiosk_json_from_record (KioskEntity   entity,
                        gconstpointer record)
{
  JsonObject *o;
  JsonNode *node;

  g_return_val_if_fail (record != NULL, NULL);

  o = record_to_object (entity, record);
  if (o == NULL)
    return NULL;
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, o);
  return node;
}

static char *
object_to_string (JsonObject *o)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, o);
  return json_to_string (node, FALSE);
}

/* --------------------------------------------------------- mutation bodies */

/* Every upload of a person's data carries the consent they gave (§3.6):
 * the desk records both when the person ticks the box, so a body lacks
 * them only for a record the kiosk did not make. */
char *
kiosk_json_customer_create_body (const KioskCustomer *customer)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (customer != NULL, NULL);

  set_string (o, "id", customer->id);
  set_text (o, "first_name", customer->first_name);
  set_text (o, "last_name", customer->last_name);
  set_string (o, "phone", customer->phone);
  set_string (o, "consent_at", customer->consent_at);
  set_string (o, "consent_notice", customer->consent_notice);
  return object_to_string (o);
}

char *
kiosk_json_appointment_create_body (const KioskAppointment *appointment)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (appointment != NULL, NULL);

  set_string (o, "id", appointment->id);
  set_string (o, "customer", appointment->customer);
  set_string (o, "service", appointment->service);
  set_string (o, "employee", appointment->employee);
  set_string (o, "appointment_date", appointment->appointment_date);
  set_time (o, "appointment_time", appointment->appointment_time);
  set_text (o, "notes", appointment->notes);
  set_string (o, "source", appointment->source != NULL ? appointment->source : "kiosk");
  return object_to_string (o);
}

char *
kiosk_json_check_in_body (const char *checked_in_at)
{
  JsonObject *o = json_object_new ();

  set_string (o, "checked_in_at", checked_in_at);
  return object_to_string (o);
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
  return object_to_string (o);
}

char *
kiosk_json_walkin_create_body (const KioskWalkin *walkin)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (walkin != NULL, NULL);

  set_string (o, "id", walkin->id);
  set_string (o, "customer", walkin->customer);
  set_text (o, "name", walkin->name);
  set_text (o, "phone", walkin->phone);
  set_string (o, "service", walkin->service);
  set_string (o, "preferred_employee", walkin->preferred_employee);
  set_string (o, "arrived_at", walkin->arrived_at);
  set_string (o, "consent_at", walkin->consent_at);
  set_string (o, "consent_notice", walkin->consent_notice);
  return object_to_string (o);
}

/* The entry holds the negative points of a redemption; the endpoint wants
 * how many points to take, a positive number. */
char *
kiosk_json_redemption_body (const KioskPointEntry *entry)
{
  JsonObject *o = json_object_new ();

  g_return_val_if_fail (entry != NULL, NULL);

  set_string (o, "id", entry->id);
  set_string (o, "customer", entry->customer);
  json_object_set_int_member (o, "points", entry->points < 0 ? -entry->points : entry->points);
  set_text (o, "reason", entry->reason);
  return object_to_string (o);
}

/* ------------------------------------------------------------------ dump */

char *
kiosk_json_dump_line (KioskEntity   entity,
                      gconstpointer record,
                      gint64        version,
                      gboolean      pending)
{
  JsonObject *o;
  JsonObject *data;

  g_return_val_if_fail (record != NULL, NULL);

  data = record_to_object (entity, record);
  if (data == NULL)
    return NULL;

  o = json_object_new ();
  json_object_set_string_member (o, "entity", kiosk_entity_to_string (entity));
  set_string (o, "id", kiosk_record_get_id (entity, record));
  json_object_set_int_member (o, "version", version);
  json_object_set_object_member (o, "data", data);
  if (pending)
    json_object_set_boolean_member (o, "pending", TRUE);
  return object_to_string (o);
}
