/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The contract's JSON (docs/kiosk-api.md §1, §3): what the kiosk reads from the
 * feed and replies, what it sends, and what it dumps.
 */
#define G_LOG_DOMAIN "test-json"

#include <string.h>

#include "kiosk-json.h"
#include "kiosk-json-status.h"

#define SALON_ID    "0b7f5e2a-4c1d-4e8a-9f3b-2d6c8a1e5f70"
#define CATEGORY_ID "1c8a6f3b-5d2e-4f9b-8a4c-3e7d9b2f6a81"
#define SERVICE_ID  "2d9b7a4c-6e3f-4a1c-9b5d-4f8e1c3a7b92"
#define EMPLOYEE_ID "3e1c8b5d-7f4a-4b2d-8c6e-5a9f2d4b8c03"
#define SERVICE_2   "4f2d9c6e-8a5b-4c3e-9d7f-6b1a3e5c9d14"
#define CUSTOMER_ID "5a3e1d7f-9b6c-4d4f-8e1a-7c2b4f6d1e25"
#define APPT_ID     "6b4f2e8a-1c7d-4e5a-9f2b-8d3c5a7e2f36"
#define WALKIN_ID   "7c5a3f9b-2d8e-4f6b-8a3c-9e4d6b8f3a47"
#define ENTRY_ID    "8d6b4a1c-3e9f-4a7c-9b4d-1f5e7c9a4b58"

/* ------------------------------------------------------------ helpers */

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Record -> contract JSON text -> record. */
static gpointer
round_trip (KioskEntity   entity,
            gconstpointer record,
            gint64        version,
            char        **text_out)
{
  g_autoptr(JsonNode) node = kiosk_json_from_record (entity, record);
  g_autoptr(JsonObject) back_object = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gpointer back;

  g_assert_nonnull (node);
  text = json_to_string (node, FALSE);
  /* Through text, as the server would see it. */
  back_object = parse_object (text);
  back = kiosk_json_to_record (entity, back_object, version, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  if (text_out != NULL)
    *text_out = g_steal_pointer (&text);
  return back;
}

/* Reads @json as a record of @entity, expecting a refusal naming @field. */
static void
assert_invalid (KioskEntity  entity,
                const char  *json,
                const char  *field)
{
  g_autoptr(JsonObject) o = parse_object (json);
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s:", field);
  gpointer record;

  record = kiosk_json_to_record (entity, o, 1, &error);
  if (record != NULL)
    {
      kiosk_record_free (entity, record);
      g_error ("accepted %s: %s", kiosk_entity_to_string (entity), json);
    }
  g_assert_error (error, KIOSK_JSON_ERROR, KIOSK_JSON_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("reason \"%s\" does not name \"%s\" (%s)", error->message, field, json);
}

/* ------------------------------------------------------- round trips */

static void
test_round_trip_salon (void)
{
  KioskSalon salon = {
    .id = (char *)SALON_ID, .name = (char *)"Güzellik Salonu Şişli", .address = (char *)"Halaskârgazi Cd. No:1",
    .city = (char *)"İstanbul", .district = NULL, .phone = NULL,
    .opening_time = 9 * 3600, .closing_time = 20 * 3600 + 30 * 60, .timezone = (char *)"Europe/Istanbul",
  };
  g_autofree char *text = NULL;
  g_autoptr(KioskSalon) back = round_trip (KIOSK_ENTITY_SALON, &salon, 7, &text);

  g_assert_cmpstr (text, ==,
                   "{\"id\":\"" SALON_ID "\",\"name\":\"Güzellik Salonu Şişli\","
                   "\"address\":\"Halaskârgazi Cd. No:1\",\"city\":\"İstanbul\",\"district\":null,"
                   "\"phone\":null,\"opening_time\":\"09:00:00\",\"closing_time\":\"20:30:00\","
                   "\"timezone\":\"Europe/Istanbul\"}");
  g_assert_cmpstr (back->id, ==, SALON_ID);
  g_assert_cmpstr (back->name, ==, "Güzellik Salonu Şişli");
  g_assert_cmpstr (back->city, ==, "İstanbul");
  g_assert_null (back->district);
  g_assert_null (back->phone);
  g_assert_cmpint (back->opening_time, ==, 9 * 3600);
  g_assert_cmpint (back->closing_time, ==, 20 * 3600 + 30 * 60);
  g_assert_cmpstr (back->timezone, ==, "Europe/Istanbul");
  g_assert_cmpint (back->version, ==, 7);
}

static void
test_round_trip_working_hours (void)
{
  KioskWorkingHours open_day = {
    .id = (char *)SALON_ID ":2", .day_of_week = 2, .opening_time = 10 * 3600, .closing_time = 19 * 3600,
  };
  KioskWorkingHours closed_day = { .id = (char *)SALON_ID ":6", .day_of_week = 6, .is_closed = TRUE };
  g_autoptr(KioskWorkingHours) back = round_trip (KIOSK_ENTITY_WORKING_HOURS, &open_day, 3, NULL);
  g_autoptr(KioskWorkingHours) closed_back = round_trip (KIOSK_ENTITY_WORKING_HOURS, &closed_day, 4, NULL);
  g_autoptr(JsonObject) no_hours = parse_object ("{\"id\": \"" SALON_ID ":0\", \"day_of_week\": 0,"
                                                 " \"opening_time\": null, \"closing_time\": null, \"is_closed\": true}");
  g_autoptr(KioskWorkingHours) closed_without_hours = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (back->id, ==, SALON_ID ":2");
  g_assert_cmpint (back->day_of_week, ==, 2);
  g_assert_cmpint (back->opening_time, ==, 10 * 3600);
  g_assert_cmpint (back->closing_time, ==, 19 * 3600);
  g_assert_false (back->is_closed);
  g_assert_cmpint (back->version, ==, 3);
  g_assert_true (closed_back->is_closed);
  g_assert_cmpint (closed_back->day_of_week, ==, 6);

  /* A closed day may come without hours. */
  closed_without_hours = kiosk_json_to_record (KIOSK_ENTITY_WORKING_HOURS, no_hours, 1, &error);
  g_assert_no_error (error);
  g_assert_true (closed_without_hours->is_closed);
}

static void
test_round_trip_category_service (void)
{
  KioskCategory category = {
    .id = (char *)CATEGORY_ID, .name = (char *)"Saç Bakımı", .description = NULL, .icon = (char *)"✂",
  };
  KioskService service = {
    .id = (char *)SERVICE_ID, .category = NULL, .name = (char *)"Fön & Şekillendirme",
    .description = (char *)"Uzun saç için ılık fön", .price = 150050, .duration = 45, .is_active = FALSE,
  };
  g_autofree char *text = NULL;
  g_autoptr(KioskCategory) category_back = round_trip (KIOSK_ENTITY_CATEGORY, &category, 1, NULL);
  g_autoptr(KioskService) service_back = round_trip (KIOSK_ENTITY_SERVICE, &service, 12, &text);

  g_assert_cmpstr (category_back->name, ==, "Saç Bakımı");
  g_assert_null (category_back->description);
  g_assert_cmpstr (category_back->icon, ==, "✂");

  /* Money leaves as a decimal string with two places. */
  g_assert_nonnull (strstr (text, "\"price\":\"1500.50\""));
  g_assert_nonnull (strstr (text, "\"category\":null"));
  g_assert_null (service_back->category);
  g_assert_cmpstr (service_back->name, ==, "Fön & Şekillendirme");
  g_assert_cmpstr (service_back->description, ==, "Uzun saç için ılık fön");
  g_assert_cmpint (service_back->price, ==, 150050);
  g_assert_cmpint (service_back->duration, ==, 45);
  g_assert_false (service_back->is_active);
  g_assert_cmpint (service_back->version, ==, 12);
}

static void
test_round_trip_employee (void)
{
  const char *services[] = { SERVICE_ID, SERVICE_2, NULL };
  KioskEmployee employee = {
    .id = (char *)EMPLOYEE_ID, .name = (char *)"Gülşen Öztürk", .position = NULL, .is_active = TRUE,
    .services = (GStrv)services,
  };
  KioskEmployee idle = { .id = (char *)SERVICE_2, .name = (char *)"Ilgın Çağ", .services = NULL };
  g_autofree char *text = NULL;
  g_autoptr(KioskEmployee) back = round_trip (KIOSK_ENTITY_EMPLOYEE, &employee, 2, &text);
  g_autoptr(KioskEmployee) idle_back = round_trip (KIOSK_ENTITY_EMPLOYEE, &idle, 2, NULL);

  g_assert_nonnull (strstr (text, "\"services\":[\"" SERVICE_ID "\",\"" SERVICE_2 "\"]"));
  g_assert_cmpstr (back->name, ==, "Gülşen Öztürk");
  g_assert_null (back->position);
  g_assert_true (back->is_active);
  g_assert_cmpuint (g_strv_length (back->services), ==, 2);
  g_assert_cmpstr (back->services[0], ==, SERVICE_ID);
  g_assert_cmpstr (back->services[1], ==, SERVICE_2);
  g_assert_false (idle_back->is_active);
  g_assert_nonnull (idle_back->services);
  g_assert_cmpuint (g_strv_length (idle_back->services), ==, 0);
}

static void
test_round_trip_customer (void)
{
  KioskCustomer customer = {
    .id = (char *)CUSTOMER_ID, .first_name = (char *)"İpek", .last_name = (char *)"Şahinoğlu",
    .phone = (char *)"+905551234567", .loyalty_level = KIOSK_LEVEL_GOLD, .total_points = 73,
    .current_points = 21, .total_spent = 73099, .total_visits = 9, .updated_at = NULL,
  };
  KioskCustomer bare = {
    .id = (char *)CUSTOMER_ID, .first_name = (char *)"Ümit", .last_name = NULL,
    .phone = (char *)"+905320001122", .loyalty_level = KIOSK_LEVEL_BRONZE,
    .updated_at = (char *)"2026-03-01T10:00:00.601253+03:00",
  };
  g_autofree char *text = NULL;
  g_autoptr(KioskCustomer) back = round_trip (KIOSK_ENTITY_CUSTOMER, &customer, 5, &text);
  g_autoptr(KioskCustomer) bare_back = round_trip (KIOSK_ENTITY_CUSTOMER, &bare, 5, NULL);

  g_assert_cmpstr (text, ==,
                   "{\"id\":\"" CUSTOMER_ID "\",\"first_name\":\"İpek\",\"last_name\":\"Şahinoğlu\","
                   "\"phone\":\"+905551234567\",\"loyalty_level\":\"gold\",\"total_points\":73,"
                   "\"current_points\":21,\"total_spent\":\"730.99\",\"total_visits\":9,\"updated_at\":null}");
  g_assert_cmpstr (back->first_name, ==, "İpek");
  g_assert_cmpstr (back->last_name, ==, "Şahinoğlu");
  g_assert_cmpint (back->loyalty_level, ==, KIOSK_LEVEL_GOLD);
  g_assert_cmpint (back->total_points, ==, 73);
  g_assert_cmpint (back->current_points, ==, 21);
  g_assert_cmpint (back->total_spent, ==, 73099);
  g_assert_cmpint (back->total_visits, ==, 9);
  g_assert_null (back->updated_at);
  g_assert_null (bare_back->last_name);
  g_assert_cmpstr (bare_back->updated_at, ==, "2026-03-01T10:00:00.601253+03:00");
}

static void
test_round_trip_appointment (void)
{
  KioskAppointment appointment = {
    .id = (char *)APPT_ID, .customer = (char *)CUSTOMER_ID, .service = (char *)SERVICE_ID,
    .employee = NULL, .appointment_date = (char *)"2026-03-02", .appointment_time = 14 * 3600 + 30 * 60,
    .end_time = 15 * 3600 + 15 * 60, .status = KIOSK_APPOINTMENT_NO_SHOW, .notes = (char *)"Çiğdem Hanım geç kalabilir",
    .price = 45000, .source = (char *)"walk_in", .checked_in_at = NULL,
    .created_at = (char *)"2026-03-01T09:00:00+03:00", .updated_at = NULL,
  };
  g_autofree char *text = NULL;
  g_autoptr(KioskAppointment) back = round_trip (KIOSK_ENTITY_APPOINTMENT, &appointment, 1842, &text);

  g_assert_cmpstr (text, ==,
                   "{\"id\":\"" APPT_ID "\",\"customer\":\"" CUSTOMER_ID "\",\"service\":\"" SERVICE_ID "\","
                   "\"employee\":null,\"appointment_date\":\"2026-03-02\",\"appointment_time\":\"14:30:00\","
                   "\"end_time\":\"15:15:00\",\"status\":\"no_show\",\"notes\":\"Çiğdem Hanım geç kalabilir\","
                   "\"price\":\"450.00\",\"source\":\"walk_in\",\"checked_in_at\":null,"
                   "\"created_at\":\"2026-03-01T09:00:00+03:00\",\"updated_at\":null}");
  g_assert_null (back->employee);
  g_assert_cmpstr (back->appointment_date, ==, "2026-03-02");
  g_assert_cmpint (back->appointment_time, ==, 14 * 3600 + 30 * 60);
  g_assert_cmpint (back->end_time, ==, 15 * 3600 + 15 * 60);
  g_assert_cmpint (back->status, ==, KIOSK_APPOINTMENT_NO_SHOW);
  g_assert_cmpstr (back->notes, ==, "Çiğdem Hanım geç kalabilir");
  g_assert_cmpint (back->price, ==, 45000);
  g_assert_cmpstr (back->source, ==, "walk_in");
  g_assert_null (back->checked_in_at);
  g_assert_cmpstr (back->created_at, ==, "2026-03-01T09:00:00+03:00");
  g_assert_null (back->updated_at);
  g_assert_cmpint (back->version, ==, 1842);
}

static void
test_round_trip_walkin_point_entry (void)
{
  KioskWalkin walkin = {
    .id = (char *)WALKIN_ID, .customer = NULL, .name = (char *)"Şükrü Çelik", .phone = NULL,
    .service = (char *)SERVICE_ID, .preferred_employee = (char *)EMPLOYEE_ID, .employee = NULL,
    .status = KIOSK_WALKIN_IN_SERVICE, .arrived_at = (char *)"2026-03-02T10:05:00+03:00",
  };
  KioskPointEntry entry = {
    .id = (char *)ENTRY_ID, .customer = (char *)CUSTOMER_ID, .points = -40,
    .reason = (char *)"Ödül: ücretsiz fön", .created_at = NULL,
  };
  g_autoptr(KioskWalkin) walkin_back = round_trip (KIOSK_ENTITY_WALKIN, &walkin, 8, NULL);
  g_autofree char *text = NULL;
  g_autoptr(KioskPointEntry) entry_back = round_trip (KIOSK_ENTITY_POINT_ENTRY, &entry, 9, &text);

  g_assert_null (walkin_back->customer);
  g_assert_cmpstr (walkin_back->name, ==, "Şükrü Çelik");
  g_assert_null (walkin_back->phone);
  g_assert_cmpstr (walkin_back->preferred_employee, ==, EMPLOYEE_ID);
  g_assert_null (walkin_back->employee);
  g_assert_cmpint (walkin_back->status, ==, KIOSK_WALKIN_IN_SERVICE);
  g_assert_cmpstr (walkin_back->arrived_at, ==, "2026-03-02T10:05:00+03:00");
  g_assert_null (walkin_back->called_at);
  g_assert_null (walkin_back->finished_at);

  g_assert_cmpstr (text, ==,
                   "{\"id\":\"" ENTRY_ID "\",\"customer\":\"" CUSTOMER_ID "\",\"points\":-40,"
                   "\"reason\":\"Ödül: ücretsiz fön\",\"created_at\":null}");
  g_assert_cmpint (entry_back->points, ==, -40);
  g_assert_cmpstr (entry_back->reason, ==, "Ödül: ücretsiz fön");
  g_assert_null (entry_back->created_at);
}

/* ------------------------------------------------------ DRF's habits */

static void
test_drf_leniency (void)
{
  /* No employee (the serializer left it out), an unknown field, a time
   * without seconds, upper-case hex in an id. */
  g_autoptr(JsonObject) o = parse_object (
    "{\"id\": \"" APPT_ID "\", \"customer\": \"" CUSTOMER_ID "\", \"service\": \"2D9B7A4C-6E3F-4A1C-9B5D-4F8E1C3A7B92\","
    " \"appointment_date\": \"2026-03-02\", \"appointment_time\": \"14:30\", \"end_time\": \"15:00:00\","
    " \"status\": \"confirmed\", \"price\": \"100\", \"employee_name\": \"Ayşe\", \"salon\": {\"nested\": [1, 2]}}");
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskAppointment) a = kiosk_json_to_record (KIOSK_ENTITY_APPOINTMENT, o, 3, &error);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) salon_o = parse_object (
    "{\"id\": \"" SALON_ID "\", \"name\": \"Kuaför Ilgaz\", \"opening_time\": \"09:00\", \"closing_time\": \"18:00\","
    " \"rating\": 4.5}");
  g_autoptr(KioskSalon) salon = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (a);
  g_assert_null (a->employee);
  g_assert_null (a->notes);
  g_assert_null (a->source);
  g_assert_null (a->checked_in_at);
  g_assert_cmpint (a->appointment_time, ==, 14 * 3600 + 30 * 60);
  g_assert_cmpint (a->price, ==, 10000);

  /* Written back with seconds, and with every §3.4 field. */
  node = kiosk_json_from_record (KIOSK_ENTITY_APPOINTMENT, a);
  text = json_to_string (node, FALSE);
  g_assert_nonnull (strstr (text, "\"appointment_time\":\"14:30:00\""));
  g_assert_nonnull (strstr (text, "\"employee\":null"));
  g_assert_null (strstr (text, "employee_name"));

  /* The salon's time zone defaults to the contract's. */
  salon = kiosk_json_to_record (KIOSK_ENTITY_SALON, salon_o, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (salon->timezone, ==, "Europe/Istanbul");
  g_assert_null (salon->address);
  g_assert_cmpint (salon->closing_time, ==, 18 * 3600);
}

static void
test_invalid_records (void)
{
  /* One valid service, then the same with one thing wrong. */
#define SERVICE_FIELDS(price) \
  "{\"id\": \"" SERVICE_ID "\", \"category\": null, \"name\": \"Manikür\", \"description\": \"\"," \
  " \"price\": " price ", \"duration\": 30, \"is_active\": true}"
  g_autoptr(JsonObject) valid = parse_object (SERVICE_FIELDS ("\"100.50\""));
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskService) service = kiosk_json_to_record (KIOSK_ENTITY_SERVICE, valid, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpint (service->price, ==, 10050);

  /* Money that went through a float, or is not money at all. */
  assert_invalid (KIOSK_ENTITY_SERVICE, SERVICE_FIELDS ("100.5"), "price");
  assert_invalid (KIOSK_ENTITY_SERVICE, SERVICE_FIELDS ("100"), "price");
  assert_invalid (KIOSK_ENTITY_SERVICE, SERVICE_FIELDS ("\"abc\""), "price");
  assert_invalid (KIOSK_ENTITY_SERVICE, SERVICE_FIELDS ("\"1.005\""), "price");
  assert_invalid (KIOSK_ENTITY_SERVICE, SERVICE_FIELDS ("\"99999999999999999999.00\""), "price");
  assert_invalid (KIOSK_ENTITY_SERVICE, SERVICE_FIELDS ("null"), "price");
#undef SERVICE_FIELDS

  /* Ids. */
  assert_invalid (KIOSK_ENTITY_CATEGORY, "{\"id\": \"not-a-uuid\", \"name\": \"Saç\"}", "id");
  assert_invalid (KIOSK_ENTITY_CATEGORY, "{\"id\": 42, \"name\": \"Saç\"}", "id");
  assert_invalid (KIOSK_ENTITY_CATEGORY, "{\"name\": \"Saç\"}", "id");
  assert_invalid (KIOSK_ENTITY_SERVICE,
                  "{\"id\": \"" SERVICE_ID "\", \"category\": \"6b4f2e8a-1c7d\", \"name\": \"x\","
                  " \"price\": \"1.00\", \"duration\": 30, \"is_active\": true}", "category");
  assert_invalid (KIOSK_ENTITY_WORKING_HOURS,
                  "{\"id\": \"" SALON_ID "\", \"day_of_week\": 1, \"opening_time\": \"09:00\","
                  " \"closing_time\": \"18:00\", \"is_closed\": false}", "id");
  assert_invalid (KIOSK_ENTITY_WORKING_HOURS,
                  "{\"id\": \"" SALON_ID ":3\", \"day_of_week\": 1, \"opening_time\": \"09:00\","
                  " \"closing_time\": \"18:00\", \"is_closed\": false}", "day_of_week");
  assert_invalid (KIOSK_ENTITY_WORKING_HOURS,
                  "{\"id\": \"" SALON_ID ":1\", \"day_of_week\": 1, \"opening_time\": null,"
                  " \"closing_time\": \"18:00\", \"is_closed\": false}", "opening_time");
  assert_invalid (KIOSK_ENTITY_EMPLOYEE,
                  "{\"id\": \"" EMPLOYEE_ID "\", \"name\": \"Ali\", \"is_active\": true, \"services\": [\"x\"]}",
                  "services");
  assert_invalid (KIOSK_ENTITY_EMPLOYEE,
                  "{\"id\": \"" EMPLOYEE_ID "\", \"name\": \"Ali\", \"is_active\": true, \"services\": \"" SERVICE_ID "\"}",
                  "services");

  /* Dates and times. */
#define APPOINTMENT(date, time, status, customer) \
  "{\"id\": \"" APPT_ID "\", \"customer\": " customer ", \"service\": \"" SERVICE_ID "\"," \
  " \"appointment_date\": " date ", \"appointment_time\": " time ", \"end_time\": \"15:00:00\"," \
  " \"status\": " status ", \"price\": \"100.00\"}"
  assert_invalid (KIOSK_ENTITY_APPOINTMENT, APPOINTMENT ("\"2026-02-30\"", "\"14:00\"", "\"confirmed\"", "\"" CUSTOMER_ID "\""), "appointment_date");
  assert_invalid (KIOSK_ENTITY_APPOINTMENT, APPOINTMENT ("\"2026-3-2\"", "\"14:00\"", "\"confirmed\"", "\"" CUSTOMER_ID "\""), "appointment_date");
  assert_invalid (KIOSK_ENTITY_APPOINTMENT, APPOINTMENT ("\"02.03.2026\"", "\"14:00\"", "\"confirmed\"", "\"" CUSTOMER_ID "\""), "appointment_date");
  assert_invalid (KIOSK_ENTITY_APPOINTMENT, APPOINTMENT ("20260302", "\"14:00\"", "\"confirmed\"", "\"" CUSTOMER_ID "\""), "appointment_date");
  assert_invalid (KIOSK_ENTITY_APPOINTMENT, APPOINTMENT ("\"2026-03-02\"", "\"25:00\"", "\"confirmed\"", "\"" CUSTOMER_ID "\""), "appointment_time");
  assert_invalid (KIOSK_ENTITY_APPOINTMENT, APPOINTMENT ("\"2026-03-02\"", "\"2pm\"", "\"confirmed\"", "\"" CUSTOMER_ID "\""), "appointment_time");
  assert_invalid (KIOSK_ENTITY_APPOINTMENT, APPOINTMENT ("\"2026-03-02\"", "51000", "\"confirmed\"", "\"" CUSTOMER_ID "\""), "appointment_time");
  /* Enums, and a required relation that is null. */
  assert_invalid (KIOSK_ENTITY_APPOINTMENT, APPOINTMENT ("\"2026-03-02\"", "\"14:00\"", "\"done\"", "\"" CUSTOMER_ID "\""), "status");
  assert_invalid (KIOSK_ENTITY_APPOINTMENT, APPOINTMENT ("\"2026-03-02\"", "\"14:00\"", "1", "\"" CUSTOMER_ID "\""), "status");
  assert_invalid (KIOSK_ENTITY_APPOINTMENT, APPOINTMENT ("\"2026-03-02\"", "\"14:00\"", "\"confirmed\"", "null"), "customer");
  assert_invalid (KIOSK_ENTITY_APPOINTMENT, APPOINTMENT ("\"2026-03-02\"", "\"14:00\"", "\"confirmed\"", "[]"), "customer");
#undef APPOINTMENT

  /* Wrong types elsewhere. */
#define CUSTOMER(first, points, level) \
  "{\"id\": \"" CUSTOMER_ID "\", \"first_name\": " first ", \"last_name\": \"Kılıç\", \"phone\": \"+905551234567\"," \
  " \"loyalty_level\": " level ", \"total_points\": " points ", \"current_points\": 0, \"total_spent\": \"0.00\"," \
  " \"total_visits\": 0, \"updated_at\": null}"
  assert_invalid (KIOSK_ENTITY_CUSTOMER, CUSTOMER ("null", "0", "\"bronze\""), "first_name");
  assert_invalid (KIOSK_ENTITY_CUSTOMER, CUSTOMER ("{\"tr\": \"Işık\"}", "0", "\"bronze\""), "first_name");
  assert_invalid (KIOSK_ENTITY_CUSTOMER, CUSTOMER ("\"Işık\"", "\"12\"", "\"bronze\""), "total_points");
  assert_invalid (KIOSK_ENTITY_CUSTOMER, CUSTOMER ("\"Işık\"", "1.5", "\"bronze\""), "total_points");
  assert_invalid (KIOSK_ENTITY_CUSTOMER, CUSTOMER ("\"Işık\"", "99999999999999999999", "\"bronze\""), "total_points");
  assert_invalid (KIOSK_ENTITY_CUSTOMER, CUSTOMER ("\"Işık\"", "0", "\"diamond\""), "loyalty_level");
#undef CUSTOMER
  assert_invalid (KIOSK_ENTITY_SERVICE,
                  "{\"id\": \"" SERVICE_ID "\", \"name\": \"x\", \"price\": \"1.00\", \"duration\": 30, \"is_active\": \"yes\"}",
                  "is_active");
  assert_invalid (KIOSK_ENTITY_WALKIN,
                  "{\"id\": \"" WALKIN_ID "\", \"service\": \"" SERVICE_ID "\", \"status\": \"waiting\", \"notes\": 1,"
                  " \"name\": [\"Şule\"]}", "name");
  assert_invalid (KIOSK_ENTITY_POINT_ENTRY,
                  "{\"id\": \"" ENTRY_ID "\", \"customer\": \"" CUSTOMER_ID "\", \"points\": \"10\"}", "points");
  /* A lone surrogate escape would turn into bytes that are not UTF-8. */
  assert_invalid (KIOSK_ENTITY_CATEGORY, "{\"id\": \"" CATEGORY_ID "\", \"name\": \"\\ud800x\"}", "name");
}

/* --------------------------------------------------------------- feed */

static KioskFeedPage *
parse_page (const char *text)
{
  g_autoptr(GError) error = NULL;
  KioskFeedPage *page = kiosk_json_parse_feed_page (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (page);
  return page;
}

static void
assert_page_refused (const char *text,
                     int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskFeedPage) page = kiosk_json_parse_feed_page (text, -1, &error);

  g_assert_null (page);
  g_assert_error (error, KIOSK_JSON_ERROR, code);
}

static void
test_feed_valid (void)
{
  g_autoptr(KioskFeedPage) page = parse_page (
    "{\"changes\": ["
    "  {\"entity\": \"category\", \"op\": \"upsert\", \"id\": \"" CATEGORY_ID "\", \"version\": 1841,"
    "   \"data\": {\"id\": \"" CATEGORY_ID "\", \"name\": \"Cilt Bakımı\", \"description\": \"Yüz\", \"icon\": null}},"
    "  {\"entity\": \"walkin\", \"op\": \"delete\", \"id\": \"" WALKIN_ID "\", \"version\": 1843, \"data\": null},"
    "  {\"entity\": \"gift_card\", \"op\": \"upsert\", \"id\": \"whatever\", \"version\": 1844, \"data\": {\"x\": 1}},"
    "  {\"entity\": \"voucher\", \"op\": \"patch\", \"id\": 7, \"version\": \"v2\"},"
    "  {\"entity\": \"working_hours\", \"op\": \"upsert\", \"id\": \"" SALON_ID ":4\", \"version\": 1845,"
    "   \"data\": {\"id\": \"" SALON_ID ":4\", \"day_of_week\": 4, \"opening_time\": \"09:00:00\","
    "              \"closing_time\": \"21:00\", \"is_closed\": false, \"day_name\": \"Cuma\"}}"
    "], \"cursor\": \"opaque:1845\", \"has_more\": true, \"extra\": 1}");
  KioskChange *change;

  g_assert_cmpstr (page->cursor, ==, "opaque:1845");
  g_assert_true (page->has_more);
  g_assert_cmpuint (page->changes->len, ==, 5);

  change = g_ptr_array_index (page->changes, 0);
  g_assert_cmpint (change->entity, ==, KIOSK_ENTITY_CATEGORY);
  g_assert_cmpstr (change->entity_name, ==, "category");
  g_assert_cmpstr (change->id, ==, CATEGORY_ID);
  g_assert_cmpint (change->version, ==, 1841);
  g_assert_false (change->is_delete);
  g_assert_null (change->invalid_reason);
  g_assert_null (change->raw_json);
  g_assert_cmpstr (((KioskCategory *)change->record)->name, ==, "Cilt Bakımı");
  g_assert_cmpint (((KioskCategory *)change->record)->version, ==, 1841);

  /* A tombstone: no record, and nothing wrong with it. */
  change = g_ptr_array_index (page->changes, 1);
  g_assert_cmpint (change->entity, ==, KIOSK_ENTITY_WALKIN);
  g_assert_true (change->is_delete);
  g_assert_null (change->record);
  g_assert_null (change->invalid_reason);
  g_assert_cmpstr (change->id, ==, WALKIN_ID);
  g_assert_cmpint (change->version, ==, 1843);

  /* An entity from a newer server is kept as UNKNOWN, to be skipped. */
  change = g_ptr_array_index (page->changes, 2);
  g_assert_cmpint (change->entity, ==, KIOSK_ENTITY_UNKNOWN);
  g_assert_cmpstr (change->entity_name, ==, "gift_card");
  g_assert_null (change->record);
  g_assert_null (change->invalid_reason);
  g_assert_cmpstr (change->id, ==, "whatever");
  g_assert_cmpint (change->version, ==, 1844);

  /* Even when its shape is one this kiosk does not know. */
  change = g_ptr_array_index (page->changes, 3);
  g_assert_cmpint (change->entity, ==, KIOSK_ENTITY_UNKNOWN);
  g_assert_cmpstr (change->entity_name, ==, "voucher");
  g_assert_null (change->record);
  g_assert_null (change->invalid_reason);

  change = g_ptr_array_index (page->changes, 4);
  g_assert_cmpint (change->entity, ==, KIOSK_ENTITY_WORKING_HOURS);
  g_assert_null (change->invalid_reason);
  g_assert_cmpint (((KioskWorkingHours *)change->record)->closing_time, ==, 21 * 3600);
}

static void
test_feed_bad_changes (void)
{
  g_autoptr(KioskFeedPage) page = parse_page (
    "{\"changes\": ["
    "  {\"entity\": \"service\", \"op\": \"upsert\", \"id\": \"" SERVICE_ID "\", \"version\": 5,"
    "   \"data\": {\"id\": \"" SERVICE_ID "\", \"name\": \"Ağda\", \"price\": 100.5, \"duration\": 20, \"is_active\": true}},"
    "  {\"entity\": \"category\", \"op\": \"upsert\", \"id\": \"" CATEGORY_ID "\", \"version\": 99999999999999999999,"
    "   \"data\": {\"id\": \"" CATEGORY_ID "\", \"name\": \"x\"}},"
    "  {\"entity\": \"category\", \"op\": \"merge\", \"id\": \"" CATEGORY_ID "\", \"version\": 6, \"data\": null},"
    "  {\"entity\": \"category\", \"op\": \"upsert\", \"id\": \"" CATEGORY_ID "\", \"version\": 7, \"data\": null},"
    "  {\"entity\": \"category\", \"op\": \"upsert\", \"id\": \"" CATEGORY_ID "\", \"version\": 8,"
    "   \"data\": {\"id\": \"" SERVICE_ID "\", \"name\": \"x\"}},"
    "  {\"entity\": \"walkin\", \"op\": \"delete\", \"id\": \"bad\", \"version\": 9, \"data\": null},"
    "  \"not a change\","
    "  {\"entity\": 3, \"op\": \"upsert\", \"id\": \"" CATEGORY_ID "\", \"version\": 10},"
    "  {\"entity\": \"category\", \"op\": \"upsert\", \"id\": \"" CATEGORY_ID "\", \"version\": 11,"
    "   \"data\": {\"id\": \"" CATEGORY_ID "\", \"name\": \"Sağlam\"}}"
    "], \"cursor\": \"c2\", \"has_more\": false}");
  const struct { const char *field; const char *raw_part; } expected[] = {
    { "price", "100.5" },
    { "version", NULL /* json-glib has already wrapped the number */ },
    { "op", "merge" },
    { "data", CATEGORY_ID },
    { "id", SERVICE_ID },
    { "id", "bad" },
    { "change", "not a change" },
    { "entity", CATEGORY_ID },
  };
  KioskChange *change;

  g_assert_false (page->has_more);
  g_assert_cmpuint (page->changes->len, ==, 9);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s:", expected[i].field);

      change = g_ptr_array_index (page->changes, i);
      g_assert_null (change->record);
      g_assert_nonnull (change->invalid_reason);
      if (!g_str_has_prefix (change->invalid_reason, prefix))
        g_error ("change %u: reason \"%s\" does not name \"%s\"", i, change->invalid_reason, expected[i].field);
      g_assert_nonnull (change->raw_json);
      if (expected[i].raw_part != NULL)
        g_assert_nonnull (strstr (change->raw_json, expected[i].raw_part));
    }

  /* The quarantine keeps what it can of the change. */
  change = g_ptr_array_index (page->changes, 0);
  g_assert_cmpint (change->entity, ==, KIOSK_ENTITY_SERVICE);
  g_assert_cmpstr (change->entity_name, ==, "service");
  g_assert_cmpstr (change->id, ==, SERVICE_ID);
  g_assert_nonnull (strstr (change->raw_json, "\"Ağda\""));

  /* The good change after the bad ones still applies. */
  change = g_ptr_array_index (page->changes, 8);
  g_assert_null (change->invalid_reason);
  g_assert_cmpstr (((KioskCategory *)change->record)->name, ==, "Sağlam");
}

static void
test_feed_refused_pages (void)
{
  const char *deep;
  g_autoptr(GString) nested = g_string_new ("{\"changes\": ");

  assert_page_refused ("", KIOSK_JSON_ERROR_MALFORMED);
  assert_page_refused ("<html><body>502 Bad Gateway</body></html>", KIOSK_JSON_ERROR_MALFORMED);
  assert_page_refused ("{\"changes\": [{\"entity\": \"salon\", \"op\": \"ups", KIOSK_JSON_ERROR_MALFORMED);
  assert_page_refused ("{\"changes\": [], \"cursor\": \"c\", \"has_more\": false", KIOSK_JSON_ERROR_MALFORMED);
  assert_page_refused ("{\"changes\": [], \"cursor\": \"\xff\", \"has_more\": false}", KIOSK_JSON_ERROR_MALFORMED);
  /* Two pages glued together (json-glib alone would take the first). */
  assert_page_refused ("{\"changes\": [], \"cursor\": \"c\", \"has_more\": false} {\"changes\": []}",
                       KIOSK_JSON_ERROR_MALFORMED);
  assert_page_refused ("var page = {\"changes\": [], \"cursor\": \"c\", \"has_more\": false};",
                       KIOSK_JSON_ERROR_MALFORMED);
  assert_page_refused ("[]", KIOSK_JSON_ERROR_INVALID);
  assert_page_refused ("{\"changes\": [], \"has_more\": false}", KIOSK_JSON_ERROR_INVALID);
  assert_page_refused ("{\"changes\": [], \"cursor\": null, \"has_more\": false}", KIOSK_JSON_ERROR_INVALID);
  assert_page_refused ("{\"changes\": [], \"cursor\": 17, \"has_more\": false}", KIOSK_JSON_ERROR_INVALID);
  assert_page_refused ("{\"changes\": [], \"cursor\": \"c\"}", KIOSK_JSON_ERROR_INVALID);
  assert_page_refused ("{\"changes\": [], \"cursor\": \"c\", \"has_more\": \"false\"}", KIOSK_JSON_ERROR_INVALID);
  assert_page_refused ("{\"changes\": [], \"cursor\": \"c\", \"has_more\": 0}", KIOSK_JSON_ERROR_INVALID);
  assert_page_refused ("{\"cursor\": \"c\", \"has_more\": false}", KIOSK_JSON_ERROR_INVALID);
  assert_page_refused ("{\"changes\": {}, \"cursor\": \"c\", \"has_more\": false}", KIOSK_JSON_ERROR_INVALID);

  /* A hostile nesting depth is refused, not recursed into. */
  for (int i = 0; i < 100000; i++)
    g_string_append_c (nested, '[');
  deep = nested->str;
  assert_page_refused (deep, KIOSK_JSON_ERROR_MALFORMED);

  /* Bounded length: only the first @length bytes count. */
  {
    const char *text = "{\"changes\": [], \"cursor\": \"c9\", \"has_more\": false}GARBAGE";
    g_autoptr(GError) error = NULL;
    g_autoptr(KioskFeedPage) page = kiosk_json_parse_feed_page (text, (gssize)strlen (text) - 7, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (page->cursor, ==, "c9");
    g_assert_cmpuint (page->changes->len, ==, 0);
  }
}

static void
test_feed_empty_page_with_more (void)
{
  /* Fewer changes than asked for, even none, with has_more: fine. */
  g_autoptr(KioskFeedPage) page = parse_page ("{\"changes\": [], \"cursor\": \"Ş\", \"has_more\": true}");

  g_assert_cmpuint (page->changes->len, ==, 0);
  g_assert_true (page->has_more);
  g_assert_cmpstr (page->cursor, ==, "Ş");
}

/* ------------------------------------------------------------- bodies */

static void
test_mutation_bodies (void)
{
  KioskCustomer customer = {
    .id = (char *)CUSTOMER_ID, .first_name = (char *)"Gökçe", .last_name = NULL, .phone = (char *)"+905551234567",
    .consent_at = (char *)"2026-03-02T10:00:00+03:00", .consent_notice = (char *)"kiosk-kvkk-member-2026-1",
    .total_points = 50,
  };
  KioskAppointment appointment = {
    .id = (char *)APPT_ID, .customer = (char *)CUSTOMER_ID, .service = (char *)SERVICE_ID, .employee = NULL,
    .appointment_date = (char *)"2026-03-03", .appointment_time = 11 * 3600, .notes = NULL,
    .source = (char *)"kiosk", .price = 999,
  };
  KioskWalkin walkin = {
    .id = (char *)WALKIN_ID, .customer = NULL, .name = (char *)"Oğuz", .phone = (char *)"+905320001122",
    .service = (char *)SERVICE_ID, .preferred_employee = NULL, .arrived_at = (char *)"2026-03-02T10:05:00+03:00",
    .consent_at = (char *)"2026-03-02T10:04:58+03:00", .consent_notice = (char *)"kiosk-kvkk-walkin-2026-1",
  };
  KioskPointEntry entry = {
    .id = (char *)ENTRY_ID, .customer = (char *)CUSTOMER_ID, .points = -40, .reason = (char *)"Ücretsiz fön",
  };
  g_autofree char *c = kiosk_json_customer_create_body (&customer);
  g_autofree char *a = NULL;
  g_autofree char *a_any = kiosk_json_appointment_create_body (&appointment);
  g_autofree char *w = kiosk_json_walkin_create_body (&walkin);
  g_autofree char *r = kiosk_json_redemption_body (&entry);
  g_autofree char *check_in = kiosk_json_check_in_body ("2026-03-03T10:58:00+03:00");
  g_autofree char *status = kiosk_json_status_body ("cancelled", NULL);
  g_autofree char *walkin_status = kiosk_json_status_body ("called", EMPLOYEE_ID);

  /* A person's data goes with their consent and the notice they read (§3.6). */
  g_assert_cmpstr (c, ==,
                   "{\"id\":\"" CUSTOMER_ID "\",\"first_name\":\"Gökçe\",\"last_name\":\"\","
                   "\"phone\":\"+905551234567\",\"consent_at\":\"2026-03-02T10:00:00+03:00\","
                   "\"consent_notice\":\"kiosk-kvkk-member-2026-1\"}");
  g_assert_cmpstr (a_any, ==,
                   "{\"id\":\"" APPT_ID "\",\"customer\":\"" CUSTOMER_ID "\",\"service\":\"" SERVICE_ID "\","
                   "\"employee\":null,\"appointment_date\":\"2026-03-03\",\"appointment_time\":\"11:00:00\","
                   "\"notes\":\"\",\"source\":\"kiosk\"}");
  appointment.employee = (char *)EMPLOYEE_ID;
  appointment.notes = (char *)"İlk ziyaret";
  appointment.source = (char *)"walk_in";
  a = kiosk_json_appointment_create_body (&appointment);
  g_assert_cmpstr (a, ==,
                   "{\"id\":\"" APPT_ID "\",\"customer\":\"" CUSTOMER_ID "\",\"service\":\"" SERVICE_ID "\","
                   "\"employee\":\"" EMPLOYEE_ID "\",\"appointment_date\":\"2026-03-03\",\"appointment_time\":\"11:00:00\","
                   "\"notes\":\"İlk ziyaret\",\"source\":\"walk_in\"}");
  g_assert_cmpstr (w, ==,
                   "{\"id\":\"" WALKIN_ID "\",\"customer\":null,\"name\":\"Oğuz\",\"phone\":\"+905320001122\","
                   "\"service\":\"" SERVICE_ID "\",\"preferred_employee\":null,\"arrived_at\":\"2026-03-02T10:05:00+03:00\","
                   "\"consent_at\":\"2026-03-02T10:04:58+03:00\",\"consent_notice\":\"kiosk-kvkk-walkin-2026-1\"}");
  /* The endpoint takes the points to redeem, a positive number. */
  g_assert_cmpstr (r, ==,
                   "{\"id\":\"" ENTRY_ID "\",\"customer\":\"" CUSTOMER_ID "\",\"points\":40,\"reason\":\"Ücretsiz fön\"}");
  g_assert_cmpstr (check_in, ==, "{\"checked_in_at\":\"2026-03-03T10:58:00+03:00\"}");
  g_assert_cmpstr (status, ==, "{\"status\":\"cancelled\"}");
  g_assert_cmpstr (walkin_status, ==, "{\"status\":\"called\",\"employee\":\"" EMPLOYEE_ID "\"}");
}

/* The 2xx reply of a create is read like a feed record. */
static void
test_reply_body (void)
{
  const char *reply =
    "{\"id\": \"" CUSTOMER_ID "\", \"first_name\": \"Gökçe\", \"last_name\": \"\", \"phone\": \"+905551234567\","
    " \"loyalty_level\": \"bronze\", \"total_points\": 0, \"current_points\": 0, \"total_spent\": \"0.00\","
    " \"total_visits\": 0, \"updated_at\": \"2026-03-02T10:00:01.123456+03:00\"}";
  g_autoptr(JsonObject) o = parse_object (reply);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskCustomer) customer = kiosk_json_to_record (KIOSK_ENTITY_CUSTOMER, o, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (customer->last_name, ==, "");
  g_assert_cmpint (customer->total_spent, ==, 0);
  g_assert_null (customer->consent_at);
}

/* ------------------------------------------------------------- errors */

static void
assert_reason (const char *body,
               const char *expected)
{
  g_autofree char *reason = kiosk_json_error_reason (body, -1);

  g_assert_cmpstr (reason, ==, expected);
}

static void
test_error_bodies (void)
{
  g_autofree char *code_409 = kiosk_json_error_code ("{\"code\": \"slot_taken\", \"detail\": \"Bu saat dolu.\","
                                                     " \"conflicts\": [\"" APPT_ID "\"]}", -1);
  g_autofree char *code_410 = kiosk_json_error_code ("{\"code\": \"cursor_expired\"}", -1);
  g_autofree char *code_400 = kiosk_json_error_code ("{\"phone\": [\"Geçerli bir telefon numarası girin.\"]}", -1);
  g_autofree char *code_html = kiosk_json_error_code ("<html><h1>Server Error (500)</h1></html>", -1);
  g_autofree char *code_empty = kiosk_json_error_code ("", 0);
  g_autofree char *code_null = kiosk_json_error_code (NULL, -1);
  g_autofree char *code_type = kiosk_json_error_code ("{\"code\": 409}", -1);
  g_autofree char *code_len = kiosk_json_error_code ("{\"code\": \"phone_exists\"}{{{", 24);

  g_assert_cmpstr (code_409, ==, "slot_taken");
  g_assert_cmpstr (code_410, ==, "cursor_expired");
  g_assert_null (code_400);
  g_assert_null (code_html);
  g_assert_null (code_empty);
  g_assert_null (code_null);
  g_assert_null (code_type);
  g_assert_cmpstr (code_len, ==, "phone_exists");

  /* 400: the first field and its first message. */
  assert_reason ("{\"appointment_date\": [\"Geçmiş bir tarihe randevu alınamaz.\", \"İkinci\"],"
                 " \"employee\": [\"Bu çalışan bu hizmeti vermiyor.\"]}",
                 "appointment_date: Geçmiş bir tarihe randevu alınamaz.");
  assert_reason ("{\"non_field_errors\": [\"Salon bu saatte açık değil.\"]}", "Salon bu saatte açık değil.");
  assert_reason ("{\"customer\": {\"phone\": [\"Geçersiz.\"]}}", "customer.phone: Geçersiz.");
  assert_reason ("[\"Işıklar kapalı.\"]", "Işıklar kapalı.");
  /* 401/403/404/429, and 409 with a detail. */
  assert_reason ("{\"detail\": \"Geçersiz token.\"}", "Geçersiz token.");
  assert_reason ("{\"code\": \"insufficient_points\", \"detail\": \"Yeterli puan yok.\", \"current_points\": 12}",
                 "Yeterli puan yok.");
  /* Codes without a text, and bodies that are no DRF error. */
  assert_reason ("{\"code\": \"slot_taken\", \"conflicts\": [\"" APPT_ID "\"]}", NULL);
  assert_reason ("{\"detail\": 12345}", NULL);
  assert_reason ("{\"phone\": []}", NULL);
  assert_reason ("<!DOCTYPE html><title>500</title>", NULL);
  assert_reason ("", NULL);
  assert_reason ("null", NULL);
  assert_reason ("\"\"", NULL);

  /* A novel from the server is cut to something a screen can show. */
  {
    g_autoptr(GString) body = g_string_new ("{\"detail\": \"");
    g_autofree char *reason = NULL;

    for (int i = 0; i < 5000; i++)
      g_string_append (body, "ş");
    g_string_append (body, "\"}");
    reason = kiosk_json_error_reason (body->str, (gssize)body->len);
    g_assert_nonnull (reason);
    g_assert_true (g_utf8_validate (reason, -1, NULL));
    g_assert_cmpint (g_utf8_strlen (reason, -1), <=, 401);
    g_assert_true (g_str_has_prefix (reason, "şşş"));
  }
}

/* --------------------------------------------------------------- dump */

static void
test_dump_lines (void)
{
  KioskCategory category = { .id = (char *)CATEGORY_ID, .name = (char *)"Tırnak", .description = NULL, .icon = (char *)"" };
  KioskWalkin walkin = {
    .id = (char *)WALKIN_ID, .name = (char *)"Çağla", .service = (char *)SERVICE_ID, .status = KIOSK_WALKIN_WAITING,
    .arrived_at = (char *)"2026-03-02T10:05:00+03:00", .pending = TRUE,
  };
  g_autofree char *line = kiosk_json_dump_line (KIOSK_ENTITY_CATEGORY, &category, 12, FALSE);
  g_autofree char *again = kiosk_json_dump_line (KIOSK_ENTITY_CATEGORY, &category, 12, FALSE);
  g_autofree char *pending = kiosk_json_dump_line (KIOSK_ENTITY_WALKIN, &walkin, 0, TRUE);

  g_assert_cmpstr (line, ==,
                   "{\"entity\":\"category\",\"id\":\"" CATEGORY_ID "\",\"version\":12,"
                   "\"data\":{\"id\":\"" CATEGORY_ID "\",\"name\":\"Tırnak\",\"description\":null,\"icon\":\"\"}}");
  g_assert_cmpstr (line, ==, again);
  g_assert_null (strchr (line, '\n'));
  g_assert_cmpstr (pending, ==,
                   "{\"entity\":\"walkin\",\"id\":\"" WALKIN_ID "\",\"version\":0,"
                   "\"data\":{\"id\":\"" WALKIN_ID "\",\"customer\":null,\"name\":\"Çağla\",\"phone\":null,"
                   "\"service\":\"" SERVICE_ID "\",\"preferred_employee\":null,\"employee\":null,\"status\":\"waiting\","
                   "\"arrived_at\":\"2026-03-02T10:05:00+03:00\",\"called_at\":null,\"finished_at\":null},"
                   "\"pending\":true}");
}

/* A snapshot-sized page: a thousand appointments read back intact. */
static void
test_feed_large_page (void)
{
  g_autoptr(GString) text = g_string_new ("{\"changes\": [");
  g_autoptr(KioskFeedPage) page = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 1000; i++)
    {
      g_autofree char *id = g_strdup_printf ("6b4f2e8a-1c7d-4e5a-9f2b-%012d", i);

      g_string_append_printf (text,
                              "%s{\"entity\": \"appointment\", \"op\": \"upsert\", \"id\": \"%s\", \"version\": %d,"
                              " \"data\": {\"id\": \"%s\", \"customer\": \"" CUSTOMER_ID "\", \"service\": \"" SERVICE_ID "\","
                              " \"employee\": null, \"appointment_date\": \"2026-03-02\", \"appointment_time\": \"%02d:%02d:00\","
                              " \"end_time\": \"23:59:00\", \"status\": \"pending\", \"notes\": \"Müşteri %d\", \"price\": \"%d.%02d\","
                              " \"source\": \"app\"}}",
                              i ? "," : "", id, i + 1, id, (i / 60) % 24, i % 60, i, i, i % 100);
    }
  g_string_append (text, "], \"cursor\": \"end\", \"has_more\": false}");

  page = kiosk_json_parse_feed_page (text->str, (gssize)text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->changes->len, ==, 1000);
  for (guint i = 0; i < page->changes->len; i++)
    {
      KioskChange *change = g_ptr_array_index (page->changes, i);
      KioskAppointment *a = change->record;
      g_autofree char *notes = g_strdup_printf ("Müşteri %u", i);

      g_assert_null (change->invalid_reason);
      g_assert_cmpint (a->version, ==, (gint64)i + 1);
      g_assert_cmpint (a->price, ==, (gint64)i * 100 + i % 100);
      g_assert_cmpstr (a->notes, ==, notes);
    }
}

/* --status --json: one line, its members in docs/command-line.md's order,
 * null for what is not known. */
static void
test_status_report (void)
{
  KioskStatusReport revoked = {
    .enrolled = FALSE, .server = "https://salonity.example", .salon = SALON_ID, .salon_name = "Işıl \"Kuaför\"",
    .device = "d-1", .device_name = "Ön büro", .token = "revoked", .revoked_at = "2026-03-02T07:00:00Z",
    .revoked_reason = "the server refused the device token (HTTP 401: Geçersiz.)", .has_cursor = TRUE,
    .last_pull = "2026-03-02T06:59:00Z", .cursor_age_seconds = 60, .outbox = { 3, 1, 42, 2, 5 },
    .quarantined = 7,
  };
  KioskStatusReport fresh = { .token = "none", .cursor_age_seconds = -1 };
  g_autofree char *a = kiosk_json_status_report (&revoked);
  g_autofree char *b = kiosk_json_status_report (&fresh);

  g_assert_cmpstr (a, ==,
                   "{\"enrolled\":false,\"server\":\"https://salonity.example\",\"salon\":\"" SALON_ID "\","
                   "\"salon_name\":\"Işıl \\\"Kuaför\\\"\",\"device\":\"d-1\",\"device_name\":\"Ön büro\","
                   "\"token\":\"revoked\",\"revoked_at\":\"2026-03-02T07:00:00Z\","
                   "\"revoked_reason\":\"the server refused the device token (HTTP 401: Geçersiz.)\","
                   "\"has_cursor\":true,\"last_pull\":\"2026-03-02T06:59:00Z\",\"cursor_age_seconds\":60,"
                   "\"outbox\":{\"pending\":3,\"in_flight\":1,\"done\":42,\"refused\":2,\"held\":5},"
                   "\"quarantined\":7}");
  g_assert_cmpstr (b, ==,
                   "{\"enrolled\":false,\"server\":null,\"salon\":null,\"salon_name\":null,\"device\":null,"
                   "\"device_name\":null,\"token\":\"none\",\"revoked_at\":null,\"revoked_reason\":null,"
                   "\"has_cursor\":false,\"last_pull\":null,\"cursor_age_seconds\":null,"
                   "\"outbox\":{\"pending\":0,\"in_flight\":0,\"done\":0,\"refused\":0,\"held\":0},"
                   "\"quarantined\":0}");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/round-trip/salon", test_round_trip_salon);
  g_test_add_func ("/json/round-trip/working-hours", test_round_trip_working_hours);
  g_test_add_func ("/json/round-trip/category-service", test_round_trip_category_service);
  g_test_add_func ("/json/round-trip/employee", test_round_trip_employee);
  g_test_add_func ("/json/round-trip/customer", test_round_trip_customer);
  g_test_add_func ("/json/round-trip/appointment", test_round_trip_appointment);
  g_test_add_func ("/json/round-trip/walkin-point-entry", test_round_trip_walkin_point_entry);
  g_test_add_func ("/json/drf-leniency", test_drf_leniency);
  g_test_add_func ("/json/invalid-records", test_invalid_records);
  g_test_add_func ("/json/feed/valid", test_feed_valid);
  g_test_add_func ("/json/feed/bad-changes", test_feed_bad_changes);
  g_test_add_func ("/json/feed/refused-pages", test_feed_refused_pages);
  g_test_add_func ("/json/feed/empty-page-with-more", test_feed_empty_page_with_more);
  g_test_add_func ("/json/feed/large-page", test_feed_large_page);
  g_test_add_func ("/json/mutation-bodies", test_mutation_bodies);
  g_test_add_func ("/json/reply-body", test_reply_body);
  g_test_add_func ("/json/error-bodies", test_error_bodies);
  g_test_add_func ("/json/dump-lines", test_dump_lines);
  g_test_add_func ("/json/status-report", test_status_report);

  return g_test_run ();
}
