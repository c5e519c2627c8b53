/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Pairing, customer and staff modes, the PIN pad, idle and lockdown as
 * people meet them, in the real application against the contract server
 * on loopback (token and PIN in the session's keyring): a fresh
 * kiosk shows the pairing screen (plain HTTP to a remote host refused with
 * the reason, a wrong code explained, the right one pairs and syncs); it
 * opens in customer mode; a customer finds only themselves by their whole
 * phone number and can become a member (a pending row and an outbox entry
 * with consent_at); the right staff PIN opens the staff pages, idling
 * returns to customer mode with nothing left on screen; unpairing keeps
 * pending changes and pairing again uploads them; pairing with another
 * salon (a second server) saves the pending changes to a file shown on
 * screen, never uploads them and clears the old salon; kiosk mode cannot be
 * closed; five wrong PINs lock PIN entry. Screenshots go to
 * <build>/screenshots/<lang>/.
 */
#define G_LOG_DOMAIN "test-ui-kiosk"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kiosk-context-private.h"
#include "kiosk-application.h"
#include "kiosk-desk.h"
#include "kiosk-pairing.h"
#include "kiosk-staff-lock.h"
#include "kiosk-test-server.h"
#include "kiosk-ui-test.h"
#include "kiosk-transport.h"
#include "kiosk-pairing-page.h"
#include "kiosk-pin-pad.h"
#include "kiosk-settings-page.h"
#include "kiosk-window.h"

#define CODE       "493027"
#define CODE_AGAIN "730145"
#define PIN        "2468"

static KioskApplication *app;
static KioskTestServer  *server;
static KioskTestServer  *other_server;   /* another salon's server */
static char             *documents_dir;  /* XDG_DOCUMENTS_DIR of this run */
static const char       *lang;

static void remember_personal (const char *text);

/* ---- helpers ------------------------------------------------------------ */

static KioskWindow *
get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (KIOSK_IS_WINDOW (window));
  return KIOSK_WINDOW (window);
}

static KioskContext *
get_context (void)
{
  return kiosk_application_get_context (app);
}

static KioskReplica *
get_replica (void)
{
  return kiosk_context_get_replica (get_context ());
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
named (const char *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (get_window ()), name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

static void
type_into (const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (named (name)), text);
}

/* As a tap does ("activate" on a button waits for its press animation). */
static void
click (const char *name)
{
  GtkWidget *button = named (name);

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static const char *
text_of (const char *name)
{
  return gtk_label_get_text (GTK_LABEL (named (name)));
}

/* Every text a person can see in the window: labels and entries. */
static void
collect_visible_text (GtkWidget *widget,
                      GString   *out)
{
  if (!gtk_widget_is_drawable (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_EDITABLE (widget) && gtk_editable_get_delegate (GTK_EDITABLE (widget)) == NULL)
    g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_visible_text (child, out);
}

static gboolean
pairing_idle (gpointer data)
{
  return !kiosk_pairing_page_get_busy (KIOSK_PAIRING_PAGE (kiosk_window_get_pairing_page (get_window ())));
}

static gboolean
pin_pad_idle (gpointer data)
{
  return !kiosk_pin_pad_get_busy (KIOSK_PIN_PAD (kiosk_window_get_pin_pad (get_window ())));
}

static gboolean
not_pairing (gpointer data)
{
  return !kiosk_window_get_pairing (get_window ());
}

static gboolean
is_pairing (gpointer data)
{
  return kiosk_window_get_pairing (get_window ());
}

static gboolean
engine_up_to_date (gpointer data)
{
  KioskSyncEngine *engine = kiosk_context_get_sync_engine (get_context ());

  return engine != NULL && kiosk_sync_engine_get_state (engine) == KIOSK_SYNC_STATE_UP_TO_DATE;
}

static gboolean
customer_on_server (gpointer data)
{
  g_autofree char *json = kiosk_test_server_get (server, "customer", data);

  return json != NULL;
}

static KioskSettingsPage *
find_settings_page_in (GtkWidget *widget)
{
  if (KIOSK_IS_SETTINGS_PAGE (widget))
    return KIOSK_SETTINGS_PAGE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      KioskSettingsPage *found = find_settings_page_in (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static KioskSettingsPage *
find_settings_page (void)
{
  return find_settings_page_in (GTK_WIDGET (get_window ()));
}

static gboolean
not_staff_mode (gpointer data)
{
  return !kiosk_window_get_staff_mode (get_window ());
}

static void
fill_pairing_with (KioskTestServer *with,
                   const char      *code)
{
  type_into ("server-entry", kiosk_test_server_get_uri (with));
  type_into ("salon-entry", kiosk_test_server_get_salon_id (with));
  type_into ("code-entry", code);
  type_into ("name-entry", "Ön büro 1");
  type_into ("pin-entry", PIN);
  type_into ("pin2-entry", PIN);
}

static void
fill_pairing (const char *url,
              const char *code)
{
  type_into ("server-entry", url);
  type_into ("salon-entry", kiosk_test_server_get_salon_id (server));
  type_into ("code-entry", code);
  type_into ("name-entry", "Ön büro 1");
  type_into ("pin-entry", PIN);
  type_into ("pin2-entry", PIN);
}

static void
press_pair (void)
{
  click ("pair-button");
  kiosk_ui_test_wait_until (pairing_idle, NULL, 60, "the pairing request");
}

static void
screenshot (const char *name)
{
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (get_window ()));
  kiosk_ui_test_screenshot (GTK_WIDGET (get_window ()), lang, name);
}

/* The part of a translated message before its first %s. */
static char *
message_prefix (const char *translated)
{
  const char *cut = strstr (translated, "%");

  return g_strndup (translated, cut != NULL ? (gsize) (cut - translated) : strlen (translated));
}

static void
enter_pin (const char *pin)
{
  GtkWidget *pad = kiosk_window_get_pin_pad (get_window ());
  GtkWidget *entry = gtk_widget_get_first_child (gtk_widget_get_first_child (pad));

  /* The masked entry is the second child of the pad's box. */
  entry = gtk_widget_get_next_sibling (entry);
  g_assert_true (GTK_IS_PASSWORD_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), pin);
  g_assert_true (gtk_widget_activate_action (pad, "pin-pad.submit", NULL));
  kiosk_ui_test_wait_until (pin_pad_idle, NULL, 60, "the PIN check");
}

/* ---- pairing ------------------------------------------------------------ */

static void
test_first_run_shows_pairing (void)
{
  KioskWindow *window = get_window ();

  g_assert_true (kiosk_window_get_pairing (window));
  g_assert_false (kiosk_window_get_staff_mode (window));
  g_assert_null (kiosk_context_get_sync_engine (get_context ()));
  screenshot ("pairing");
}

static void
test_pairing_refuses_plain_http (void)
{
  KioskPairingPage *page = KIOSK_PAIRING_PAGE (kiosk_window_get_pairing_page (get_window ()));
  g_autoptr(GError) error = NULL;

  fill_pairing ("http://10.0.0.5", CODE);
  press_pair ();

  g_test_message ("%s", kiosk_pairing_page_get_message (page));
  /* The transport's reason, said on the screen; nothing was sent. */
  g_assert_false (kiosk_transport_check_url ("http://10.0.0.5", &error));
  g_assert_error (error, KIOSK_TRANSPORT_ERROR, KIOSK_TRANSPORT_ERROR_INSECURE);
  g_assert_nonnull (strstr (kiosk_pairing_page_get_message (page), error->message));
  g_assert_true (kiosk_window_get_pairing (get_window ()));
  screenshot ("pairing-refused-http");
}

static void
test_pairing_wrong_code (void)
{
  KioskPairingPage *page = KIOSK_PAIRING_PAGE (kiosk_window_get_pairing_page (get_window ()));
  g_autofree char *prefix = message_prefix (_("The pairing code was not accepted: it is wrong, already used or expired "
                                              "(a code is valid for 10 minutes, once). Ask the salon owner for a new one. "
                                              "(Server: %s)"));

  fill_pairing (kiosk_test_server_get_uri (server), "111111");
  press_pair ();

  g_test_message ("%s", kiosk_pairing_page_get_message (page));
  g_assert_true (g_str_has_prefix (kiosk_pairing_page_get_message (page), prefix));
  g_assert_true (kiosk_window_get_pairing (get_window ()));
  g_assert_null (kiosk_context_get_sync_engine (get_context ()));
}

static void
test_pairing_good_code (void)
{
  fill_pairing (kiosk_test_server_get_uri (server), CODE);
  press_pair ();
  kiosk_ui_test_wait_until (not_pairing, NULL, 10, "the normal pages");

  /* The engine of the new enrollment syncs the salon down. */
  kiosk_ui_test_wait_until (engine_up_to_date, NULL, 60, "the first sync");
  g_assert_cmpint (kiosk_replica_count (get_replica (), "customer", NULL), ==,
                   kiosk_test_server_count (server, "customer"));
  g_assert_cmpint (kiosk_replica_count (get_replica (), "customer", NULL), >, 0);
  g_assert_cmpstr (kiosk_window_get_page (get_window ()), ==, "welcome");
}

/* ---- customer mode ------------------------------------------------------ */

static void
test_customer_mode_hides_staff_pages (void)
{
  KioskWindow *window = get_window ();

  g_assert_false (kiosk_window_get_staff_mode (window));
  kiosk_window_show_page (window, "calendar");
  g_assert_cmpstr (kiosk_window_get_page (window), ==, "welcome");
  kiosk_window_show_page (window, "settings");
  g_assert_cmpstr (kiosk_window_get_page (window), ==, "welcome");
  /* Asking for a staff page brings the PIN pad instead. */
  g_assert_true (gtk_widget_get_visible (kiosk_window_get_pin_pad (window)));
  screenshot ("pin-pad");
  g_assert_true (gtk_widget_activate_action (kiosk_window_get_pin_pad (window), "pin-pad.cancel", NULL));
  g_assert_false (gtk_widget_get_visible (kiosk_window_get_pin_pad (window)));
}

static KioskCustomer *
some_customer (void)
{
  g_autoptr(GPtrArray) customers = kiosk_replica_list_customers (get_replica (), NULL);

  for (guint i = 0; customers != NULL && i < customers->len; i++)
    {
      KioskCustomer *customer = g_ptr_array_index (customers, i);

      if (customer->phone != NULL && g_str_has_prefix (customer->phone, "+90") &&
          customer->last_name != NULL && *customer->last_name != '\0')
        return g_ptr_array_steal_index (customers, i);
    }
  g_error ("The demo salon has no customer with a Turkish phone");
  return NULL;
}

static void
test_self_lookup (void)
{
  g_autoptr(KioskCustomer) customer = some_customer ();
  const char *d = customer->phone + 3;   /* 10 digits */
  g_autofree char *spaced = g_strdup_printf ("0%.3s %.3s %.2s %.2s", d, d + 3, d + 6, d + 8);
  g_autofree char *partial = g_strndup (spaced, 8);
  g_autofree char *masked = kiosk_desk_mask_surname (customer->last_name);
  g_autofree char *expected_name = g_strdup_printf ("%s %s", customer->first_name, masked);
  g_autofree char *points = g_strdup_printf ("%" G_GINT64_FORMAT, customer->current_points);
  g_autoptr(GString) shown = g_string_new (NULL);

  remember_personal (customer->first_name);
  remember_personal (customer->last_name);
  remember_personal (customer->phone);
  remember_personal (customer->phone + 3);
  kiosk_window_show_page (get_window (), "loyalty");
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (get_window ()));

  type_into ("self-phone-entry", spaced);
  click ("self-lookup-button");
  g_assert_cmpstr (text_of ("self-name"), ==, expected_name);
  g_assert_true (g_str_has_prefix (masked, "") && g_utf8_strlen (masked, -1) == 5);
  g_assert_nonnull (strstr (text_of ("self-points"), points));
  g_assert_true (gtk_widget_is_drawable (named ("self-name")));
  /* The full surname is nowhere on screen. */
  collect_visible_text (GTK_WIDGET (get_window ()), shown);
  g_assert_null (strstr (shown->str, customer->last_name));
  screenshot ("self-lookup");

  /* Part of a number finds no one, and the last result goes. */
  type_into ("self-phone-entry", partial);
  click ("self-lookup-button");
  g_assert_false (gtk_widget_is_drawable (named ("self-name")));
  g_assert_cmpstr (text_of ("self-name"), ==, "");
  g_assert_true (gtk_widget_is_drawable (named ("self-message")));
}

static void
test_mask_surname (void)
{
  g_autofree char *a = kiosk_desk_mask_surname ("Yılmaz");
  g_autofree char *b = kiosk_desk_mask_surname ("ince");
  g_autofree char *c = kiosk_desk_mask_surname ("ışık");
  g_autofree char *d = kiosk_desk_mask_surname ("Şahin");
  g_autofree char *e = kiosk_desk_mask_surname ("");

  g_assert_cmpstr (a, ==, "Y****");
  g_assert_cmpstr (b, ==, "İ****");
  g_assert_cmpstr (c, ==, "I****");
  g_assert_cmpstr (d, ==, "Ş****");
  g_assert_cmpstr (e, ==, "");
}

static KioskOutboxEntry *
outbox_entry_for (const char *entity_id)
{
  g_autoptr(GPtrArray) entries = kiosk_replica_outbox_list (get_replica (), NULL);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      KioskOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->entity_id, entity_id) == 0)
        return g_ptr_array_steal_index (entries, i);
    }
  return NULL;
}

static char *
customer_id_by_phone (const char *phone)
{
  g_autoptr(KioskCustomer) customer = kiosk_replica_find_customer_by_phone (get_replica (), phone, NULL);

  return customer != NULL ? g_strdup (customer->id) : NULL;
}

static void
test_become_member (void)
{
  gint64 before = kiosk_replica_count (get_replica (), "outbox", NULL);
  g_autoptr(KioskCustomer) customer = NULL;
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autofree char *id = NULL;

  remember_personal ("Gülşen");
  remember_personal ("Çiçek");
  remember_personal ("+905327654321");
  remember_personal ("5327654321");
  kiosk_window_show_page (get_window (), "loyalty");
  click ("become-member-button");
  type_into ("join-first-entry", "Gülşen");
  type_into ("join-last-entry", "Çiçek");
  type_into ("join-phone-entry", "0 (532) 765 43 21");

  /* Without consent nothing is written. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (named ("consent-check")), FALSE);
  click ("join-button");
  g_assert_cmpint (kiosk_replica_count (get_replica (), "outbox", NULL), ==, before);
  g_assert_null (customer_id_by_phone ("+905327654321"));
  screenshot ("become-member");

  gtk_check_button_set_active (GTK_CHECK_BUTTON (named ("consent-check")), TRUE);
  click ("join-button");

  id = customer_id_by_phone ("+905327654321");
  g_assert_nonnull (id);
  customer = kiosk_replica_get_customer (get_replica (), id, NULL);
  g_assert_nonnull (customer);
  g_assert_cmpstr (customer->first_name, ==, "Gülşen");
  g_assert_true (customer->pending);
  g_assert_nonnull (customer->consent_at);
  entry = outbox_entry_for (id);
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->kind, ==, "customer.create");
  g_assert_nonnull (strstr (entry->payload, "\"consent_at\""));
  g_assert_nonnull (strstr (entry->payload, customer->consent_at));
  /* The form is empty again for the next person. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named ("join-phone-entry"))), ==, "");

  /* The engine uploads it. */
  kiosk_ui_test_wait_until (customer_on_server, id, 60, "the new member on the server");
}

/* ---- staff mode --------------------------------------------------------- */

static void
test_right_pin_opens_staff_pages (void)
{
  KioskWindow *window = get_window ();

  kiosk_window_show_page (window, "settings");
  g_assert_true (gtk_widget_get_visible (kiosk_window_get_pin_pad (window)));
  enter_pin (PIN);
  g_assert_true (kiosk_window_get_staff_mode (window));
  g_assert_false (gtk_widget_get_visible (kiosk_window_get_pin_pad (window)));
  g_assert_cmpstr (kiosk_window_get_page (window), ==, "settings");
  kiosk_window_show_page (window, "calendar");
  g_assert_cmpstr (kiosk_window_get_page (window), ==, "calendar");
  screenshot ("staff-mode");
}

static void
test_idle_returns_to_customer_mode (void)
{
  KioskWindow *window = get_window ();
  g_autoptr(KioskCustomer) customer = some_customer ();
  g_autoptr(GString) shown = g_string_new (NULL);
  const char *d = customer->phone + 3;
  g_autofree char *spaced = g_strdup_printf ("0%.3s %.3s %.2s %.2s", d, d + 3, d + 6, d + 8);

  g_assert_true (kiosk_window_get_staff_mode (window));
  /* Someone left their points on screen (staff may look too). */
  kiosk_window_show_page (window, "loyalty");
  type_into ("self-phone-entry", spaced);
  click ("self-lookup-button");
  g_assert_cmpstr (text_of ("self-name"), !=, "");

  kiosk_window_set_idle_timeout (window, 300);
  kiosk_ui_test_wait_until (not_staff_mode, NULL, 10, "the idle time-out");
  kiosk_window_set_idle_timeout (window, 0);

  g_assert_cmpstr (kiosk_window_get_page (window), ==, "welcome");
  kiosk_window_show_page (window, "loyalty");
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (window));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named ("self-phone-entry"))), ==, "");
  g_assert_cmpstr (text_of ("self-name"), ==, "");
  collect_visible_text (GTK_WIDGET (window), shown);
  g_assert_null (strstr (shown->str, customer->first_name));
  g_assert_null (strstr (shown->str, spaced));
  kiosk_window_show_page (window, "welcome");
}

static gboolean
outbox_entry_done (gpointer data)
{
  g_autoptr(KioskOutboxEntry) entry = outbox_entry_for (data);

  return entry != NULL && entry->state == KIOSK_OUTBOX_DONE;
}

static void
test_unpair_keeps_pending_and_resumes (void)
{
  KioskWindow *window = get_window ();
  KioskSettingsPage *settings;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autofree char *id = NULL;

  kiosk_window_show_page (window, "settings");
  if (!kiosk_window_get_staff_mode (window))
    enter_pin (PIN);
  g_assert_cmpstr (kiosk_window_get_page (window), ==, "settings");
  settings = find_settings_page ();
  g_assert_nonnull (settings);

  kiosk_settings_page_unpair (settings);
  kiosk_ui_test_wait_until (is_pairing, NULL, 30, "the pairing screen after unpairing");
  g_assert_false (kiosk_window_get_staff_mode (window));
  g_assert_null (kiosk_context_get_sync_engine (get_context ()));
  screenshot ("unpaired");

  /* A change made while unpaired (as the desk would) waits. */
  id = kiosk_desk_register_customer (get_context (), "Ümran", "İnce", "0533 111 22 33", now, &error);
  g_assert_no_error (error);
  entry = outbox_entry_for (id);
  g_assert_nonnull (entry);
  g_assert_true (entry->state != KIOSK_OUTBOX_DONE);
  g_assert_false (customer_on_server (id));

  /* Pairing again with the same salon uploads it. */
  fill_pairing (kiosk_test_server_get_uri (server), CODE_AGAIN);
  press_pair ();
  kiosk_ui_test_wait_until (not_pairing, NULL, 10, "the normal pages again");
  kiosk_ui_test_wait_until (customer_on_server, id, 60, "the kept change on the server");
  kiosk_ui_test_wait_until (outbox_entry_done, id, 30, "the kept change acknowledged");
}

/* ---- kiosk mode --------------------------------------------------------- */

static void
test_kiosk_mode_cannot_close (void)
{
  KioskWindow *main_window = get_window ();
  KioskWindow *window = kiosk_window_new (GTK_APPLICATION (app), get_context ());

  /* As the application does for --kiosk: locked down before it shows. */
  g_object_ref_sink (window);
  kiosk_window_set_kiosk_mode (window, TRUE);
  gtk_window_present (GTK_WINDOW (window));
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (window));

  g_assert_true (kiosk_window_get_kiosk_mode (window));
  g_assert_true (gtk_window_is_fullscreen (GTK_WINDOW (window)));
  g_assert_false (gtk_window_get_deletable (GTK_WINDOW (window)));
  g_assert_cmpuint (kiosk_window_get_inhibit_cookie (window), !=, 0);

  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_nonnull (gtk_window_get_application (GTK_WINDOW (window)));

  /* Leaving needs staff mode. */
  g_assert_false (kiosk_window_get_staff_mode (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.leave-kiosk", NULL);
  g_assert_true (kiosk_window_get_kiosk_mode (window));
  kiosk_ui_test_screenshot (GTK_WIDGET (window), lang, "kiosk-mode");

  kiosk_window_set_kiosk_mode (window, FALSE);
  g_assert_true (gtk_window_get_deletable (GTK_WINDOW (window)));
  g_assert_cmpuint (kiosk_window_get_inhibit_cookie (window), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  gtk_window_present (GTK_WINDOW (main_window));
  while (g_main_context_iteration (NULL, FALSE));
}

/* ---- pairing with another salon ----------------------------------------- */

#define OTHER_SALON "3d9b6f0a-8c41-4e27-b5d3-6a0f2e9c1b78"
#define OTHER_CODE  "658213"

static void
start_other_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (documents_dir, "..", "other-server", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  other_server = kiosk_test_server_new (dir, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_test_server_listen (other_server, 0, &error));
  g_assert_cmpint (kiosk_test_server_put (other_server, "salon",
                                          "{\"id\": \"" OTHER_SALON "\", \"name\": \"Işıl Güzellik Salonu\","
                                          " \"address\": \"Kızılay Meydanı 3\", \"city\": \"Ankara\","
                                          " \"district\": \"Çankaya\", \"phone\": \"+903124445566\","
                                          " \"opening_time\": \"09:00:00\", \"closing_time\": \"19:00:00\","
                                          " \"timezone\": \"Europe/Istanbul\"}", &error), >, 0);
  g_assert_no_error (error);
  kiosk_test_server_add_pairing_code (other_server, OTHER_CODE, 600);
  g_assert_cmpstr (kiosk_test_server_get_salon_id (other_server), ==, OTHER_SALON);
}

/* "…/salonity-kiosk-pending-….json" as the banner shows it. */
static char *
shown_export_path (const char *text)
{
  const char *start = strstr (text, documents_dir);
  const char *end;

  if (start == NULL)
    return NULL;
  end = strstr (start, ".json");
  if (end == NULL)
    return NULL;
  return g_strndup (start, (gsize) (end + strlen (".json") - start));
}

static JsonObject *
exported_change_for (JsonArray  *changes,
                     const char *entity_id)
{
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (change, "entity_id", NULL), entity_id) == 0)
        return change;
    }
  return NULL;
}

static void
test_pair_other_salon_exports_pending (void)
{
  KioskWindow *window = get_window ();
  KioskSettingsPage *settings;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(KioskOutboxEntry) first_entry = NULL;
  g_autoptr(KioskOutboxEntry) second_entry = NULL;
  g_autoptr(KioskCustomer) gone = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *old_salon = NULL;
  g_autofree char *new_salon = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *banner = NULL;
  g_autofree char *path = NULL;
  g_autofree char *unsent_count = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  GtkWidget *button;
  GtkWidget *revealer;
  JsonObject *root;
  JsonArray *changes;
  JsonObject *change;
  gint64 server_customers;
  gint64 other_customers;

  old_salon = kiosk_replica_get_meta (get_replica (), KIOSK_META_SALON);
  g_assert_cmpstr (old_salon, ==, kiosk_test_server_get_salon_id (server));
  g_assert_cmpint (kiosk_replica_count (get_replica (), "customer", NULL), >, 0);

  kiosk_window_show_page (window, "settings");
  if (!kiosk_window_get_staff_mode (window))
    enter_pin (PIN);
  g_assert_cmpstr (kiosk_window_get_page (window), ==, "settings");
  settings = find_settings_page ();
  g_assert_nonnull (settings);
  kiosk_settings_page_unpair (settings);
  kiosk_ui_test_wait_until (is_pairing, NULL, 30, "the pairing screen after unpairing");

  /* Two desk changes that never reached the old salon's server. */
  first = kiosk_desk_register_customer (get_context (), "Şükrü", "Öztürk", "0533 444 55 66", now, &error);
  g_assert_no_error (error);
  second = kiosk_desk_register_customer (get_context (), "Çiğdem", "Işık", "0542 777 88 99", now, &error);
  g_assert_no_error (error);
  first_entry = outbox_entry_for (first);
  second_entry = outbox_entry_for (second);
  g_assert_nonnull (first_entry);
  g_assert_nonnull (second_entry);
  g_assert_true (first_entry->state != KIOSK_OUTBOX_DONE);
  g_assert_true (second_entry->state != KIOSK_OUTBOX_DONE);
  server_customers = kiosk_test_server_count (server, "customer");

  start_other_server ();
  other_customers = kiosk_test_server_count (other_server, "customer");

  /* Pairing with the other salon first asks what to do with them. */
  fill_pairing_with (other_server, OTHER_CODE);
  press_pair ();
  g_assert_true (kiosk_window_get_pairing (window));
  button = named ("set-aside-button");
  revealer = gtk_widget_get_ancestor (button, GTK_TYPE_REVEALER);
  g_assert_nonnull (revealer);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  unsent_count = g_strdup_printf ("%u", 2u);
  banner = g_strdup (gtk_label_get_text (GTK_LABEL (gtk_widget_get_prev_sibling (button))));
  g_test_message ("%s", banner);
  g_assert_nonnull (strstr (banner, unsent_count));
  /* Nothing was sent or removed yet. */
  g_assert_nonnull (kiosk_replica_get_customer (get_replica (), first, NULL));
  g_assert_cmpint (kiosk_test_server_count (other_server, "customer"), ==, other_customers);
  screenshot ("pair-other-salon");

  /* Saving them: the banner names the file. */
  click ("set-aside-button");
  g_clear_pointer (&banner, g_free);
  banner = g_strdup (gtk_label_get_text (GTK_LABEL (gtk_widget_get_prev_sibling (button))));
  g_test_message ("%s", banner);
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (window));
  collect_visible_text (GTK_WIDGET (window), shown);
  path = shown_export_path (banner);
  g_assert_nonnull (path);
  g_assert_nonnull (strstr (shown->str, path));
  dir = g_path_get_dirname (path);
  g_assert_cmpstr (dir, ==, documents_dir);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  kiosk_ui_test_wait_until (pairing_idle, NULL, 60, "the pairing request");
  kiosk_ui_test_wait_until (not_pairing, NULL, 10, "the normal pages of the other salon");
  kiosk_ui_test_wait_until (engine_up_to_date, NULL, 60, "the first sync with the other salon");

  /* The file holds the pending changes, for the old salon. */
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "salon"), ==, old_salon);
  changes = json_object_get_array_member (root, "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 2);
  change = exported_change_for (changes, first);
  g_assert_nonnull (change);
  g_assert_cmpstr (json_object_get_string_member (change, "kind"), ==, "customer.create");
  g_assert_cmpstr (json_object_get_string_member (change, "idempotency_key"), ==, first_entry->idempotency_key);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "body"), "first_name"),
                   ==, "Şükrü");
  change = exported_change_for (changes, second);
  g_assert_nonnull (change);
  g_assert_cmpstr (json_object_get_string_member (change, "idempotency_key"), ==, second_entry->idempotency_key);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (change, "body"), "last_name"),
                   ==, "Işık");

  /* Never uploaded, to either server. */
  g_assert_null (kiosk_test_server_get (other_server, "customer", first));
  g_assert_null (kiosk_test_server_get (other_server, "customer", second));
  g_assert_cmpint (kiosk_test_server_count (other_server, "customer"), ==, other_customers);
  g_assert_false (customer_on_server (first));
  g_assert_cmpint (kiosk_test_server_count (server, "customer"), ==, server_customers);

  /* The replica now holds only the other salon. */
  new_salon = kiosk_replica_get_meta (get_replica (), KIOSK_META_SALON);
  g_assert_cmpstr (new_salon, ==, OTHER_SALON);
  gone = kiosk_replica_get_customer (get_replica (), first, NULL);
  g_assert_null (gone);
  g_assert_cmpint (kiosk_replica_count (get_replica (), "customer", NULL), ==, other_customers);
  g_assert_cmpint (kiosk_replica_count (get_replica (), "outbox", NULL), ==, 0);
  g_assert_cmpuint (kiosk_pairing_count_unsent (get_replica ()), ==, 0);
}

/* ---- lock-out (last: it lasts 5 minutes) -------------------------------- */

static void
test_wrong_pin_five_times (void)
{
  KioskWindow *window = get_window ();
  KioskPinPad *pad = KIOSK_PIN_PAD (kiosk_window_get_pin_pad (window));
  g_autofree char *salon = kiosk_replica_get_meta (get_replica (), KIOSK_META_SALON);
  g_autoptr(KioskStaffLock) lock = NULL;
  g_autofree char *first = NULL;

  kiosk_window_lock (window);
  kiosk_window_request_staff_mode (window);
  for (int i = 0; i < 5; i++)
    {
      enter_pin ("9999");
      g_test_message ("try %d: %s", i + 1, kiosk_pin_pad_get_message (pad));
      g_assert_false (kiosk_window_get_staff_mode (window));
      g_assert_cmpstr (kiosk_pin_pad_get_message (pad), !=, "");
      if (i == 0)
        first = g_strdup (kiosk_pin_pad_get_message (pad));
    }
  /* The last message is not "wrong, N left" but the lock-out. */
  g_assert_cmpstr (kiosk_pin_pad_get_message (pad), !=, first);
  lock = kiosk_staff_lock_new (get_replica (), salon);
  g_assert_cmpint (kiosk_staff_lock_locked_until (lock), >, g_get_real_time ());
  screenshot ("pin-locked");

  /* Even the right PIN waits now. */
  enter_pin (PIN);
  g_assert_false (kiosk_window_get_staff_mode (window));
}

/* ---- privacy of the logs ----------------------------------------------- */

/* Every message any thread logs while the journeys run, debug included, and
 * the names and phone numbers people typed or were shown: KVKK wants the
 * logs to carry neither. */
static GMutex     log_lock;
static GString   *log_text;
static GPtrArray *personal_data;

static void
remember_personal (const char *text)
{
  if (text != NULL && *text != '\0')
    g_ptr_array_add (personal_data, g_strdup (text));
}

static GLogWriterOutput
record_log (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0 && fields[i].value != NULL)
      {
        g_string_append (log_text, fields[i].value);
        g_string_append_c (log_text, '\n');
      }
  g_mutex_unlock (&log_lock);

  /* Debug output is only recorded; the rest is also shown as usual. */
  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static void
test_logs_carry_no_personal_data (void)
{
  /* The journeys above ran: a self lookup and a registration at least. */
  g_assert_cmpuint (personal_data->len, >=, 6);
  g_test_message ("%u bytes of log searched for %u names and numbers", (guint) log_text->len, personal_data->len);
  for (guint i = 0; i < personal_data->len; i++)
    {
      const char *item = g_ptr_array_index (personal_data, i);
      gboolean found;

      /* Not while holding the lock: the failure itself is logged. */
      g_mutex_lock (&log_lock);
      found = strstr (log_text->str, item) != NULL;
      g_mutex_unlock (&log_lock);
      if (found)
        g_error ("the logs carry “%s”, which a person typed or was shown", item);
    }
}

/* ---- set-up ------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *server_dir = NULL;
  g_autofree char *data_arg = NULL;
  g_autofree char *home_dir = NULL;
  g_autofree char *config_dir = NULL;
  g_autofree char *user_dirs = NULL;
  g_autofree char *user_dirs_path = NULL;
  char *app_argv[3];
  int app_status;
  int test_status;

  log_text = g_string_new (NULL);
  personal_data = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (record_log, NULL, NULL);
  g_log_set_debug_enabled (TRUE);
  /* GLib writes info and debug to stdout, where TAP is read: meson took
   * the app's "Paired as device …" lines for broken TAP. */
  g_log_writer_default_set_use_stderr (TRUE);

  /* The export of another salon's changes goes to the Documents folder:
   * a throwaway one, set before GLib reads and caches user-dirs.dirs. */
  home_dir = g_dir_make_tmp ("kiosk-ui-kiosk-home-XXXXXX", &error);
  g_assert_no_error (error);
  config_dir = g_build_filename (home_dir, "config", NULL);
  documents_dir = g_build_filename (home_dir, "Belgeler", NULL);
  g_assert_cmpint (g_mkdir_with_parents (config_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (documents_dir, 0700), ==, 0);
  user_dirs = g_strdup_printf ("XDG_DOCUMENTS_DIR=\"%s\"\n", documents_dir);
  user_dirs_path = g_build_filename (config_dir, "user-dirs.dirs", NULL);
  g_assert_true (g_file_set_contents (user_dirs_path, user_dirs, -1, &error));
  g_assert_no_error (error);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  lang = kiosk_ui_test_init (&argc, &argv);

  data_dir = g_dir_make_tmp ("kiosk-ui-kiosk-XXXXXX", &error);
  g_assert_no_error (error);
  server_dir = g_dir_make_tmp ("kiosk-ui-kiosk-server-XXXXXX", &error);
  g_assert_no_error (error);

  server = kiosk_test_server_new (server_dir, &error);
  g_assert_no_error (error);
  kiosk_test_server_listen (server, 0, &error);
  g_assert_no_error (error);
  kiosk_test_server_seed_demo (server, NULL, &error);
  g_assert_no_error (error);
  kiosk_test_server_add_pairing_code (server, CODE, 600);
  kiosk_test_server_add_pairing_code (server, CODE_AGAIN, 600);

  g_test_add_func ("/ui/kiosk/mask-surname", test_mask_surname);
  g_test_add_func ("/ui/kiosk/pairing/first-run", test_first_run_shows_pairing);
  g_test_add_func ("/ui/kiosk/pairing/refuses-plain-http", test_pairing_refuses_plain_http);
  g_test_add_func ("/ui/kiosk/pairing/wrong-code", test_pairing_wrong_code);
  g_test_add_func ("/ui/kiosk/pairing/good-code", test_pairing_good_code);
  g_test_add_func ("/ui/kiosk/customer-mode/hides-staff-pages", test_customer_mode_hides_staff_pages);
  g_test_add_func ("/ui/kiosk/customer-mode/self-lookup", test_self_lookup);
  g_test_add_func ("/ui/kiosk/customer-mode/become-member", test_become_member);
  g_test_add_func ("/ui/kiosk/staff/right-pin", test_right_pin_opens_staff_pages);
  g_test_add_func ("/ui/kiosk/staff/idle", test_idle_returns_to_customer_mode);
  g_test_add_func ("/ui/kiosk/staff/unpair-and-pair-again", test_unpair_keeps_pending_and_resumes);
  g_test_add_func ("/ui/kiosk/kiosk-mode/cannot-close", test_kiosk_mode_cannot_close);
  /* In the staff suite, which GTest runs before kiosk-mode: it needs the
   * PIN, so it comes before the lock-out. */
  g_test_add_func ("/ui/kiosk/staff/pair-other-salon-exports-pending", test_pair_other_salon_exports_pending);
  g_test_add_func ("/ui/kiosk/staff/wrong-pin-five-times", test_wrong_pin_five_times);
  /* Its own suite, added last, so it runs after every journey. */
  g_test_add_func ("/ui/kiosk/privacy/logs-carry-no-personal-data", test_logs_carry_no_personal_data);

  app = kiosk_application_new ("com.salonity.Kiosk.TestKiosk", G_APPLICATION_NON_UNIQUE);

  data_arg = g_strdup_printf ("--data-dir=%s", data_dir);
  app_argv[0] = argv[0];
  app_argv[1] = data_arg;
  app_argv[2] = NULL;
  test_status = kiosk_ui_test_run_app (G_APPLICATION (app), app_argv, &app_status);
  g_clear_object (&app);
  g_clear_object (&server);
  g_clear_object (&other_server);

  kiosk_ui_test_remove_tree (data_dir);
  kiosk_ui_test_remove_tree (server_dir);
  kiosk_ui_test_remove_tree (home_dir);
  g_clear_pointer (&documents_dir, g_free);

  g_assert_cmpint (app_status, ==, 0);
  return test_status;
}
