/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The pairing screen's failures and the salon picker (docs/kiosk-api.md
 * §3.1 and §2), each failure said with why and what to do, in
 * the real application against the contract server on loopback, the token
 * and PIN in the session's keyring. Driven through the page's widgets as a
 * person would, scrolling the form to each field and button before using
 * it; a message counts as shown only when it is on the part of the form on
 * screen. "Find salon" with a plain-HTTP remote address is refused with the
 * reason; a 429 with Retry-After says how long to wait and keeps what was
 * typed; an HTTPS front whose certificate the system does not trust is
 * refused (Pair and Find salon), also with a CA that did not sign it; with
 * the test CA in the ca-file setting the same server lists its salons;
 * choosing the salon by name and typing the pairing code pairs and syncs
 * the kiosk with that salon (over HTTPS, with the code the throttled
 * attempt did not spend). The page says where the owner makes the code
 * (docs/kiosk-api.md §3.1). Screenshots go to
 * <build>/screenshots/<lang>/pairing-*.png.
 *
 * The HTTPS server is the contract server behind a TLS front in this
 * process, with the committed test certificates of tests/sync/data
 * (server.pem for 127.0.0.1, signed by ca.pem).
 */
#define G_LOG_DOMAIN "test-ui-pairing"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kiosk-context-private.h"
#include "kiosk-application.h"
#include "kiosk-test-server.h"
#include "kiosk-ui-test.h"
#include "kiosk-sync-engine.h"
#include "kiosk-pairing.h"
#include "kiosk-pairing-page.h"
#include "kiosk-window.h"

#define CODE        "381946"
#define PIN         "1357"
#define KIOSK_NAME  "Ön büro 2"
#define RETRY_AFTER 37u
/* Listed next to the salon whose pairing code the kiosk has; its name
 * sorts first, so picking the first row would pick the wrong salon. */
#define DECOY_SALON "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"
#define DECOY_NAME  "Işıl Güzellik Salonu"

static KioskApplication *app;
static KioskTestServer  *server;
static const char       *lang;

/* ---- an HTTPS front for the contract server ------------------------------ */

typedef struct {
  GSocketService  *service;
  GTlsCertificate *certificate;
  guint            backend_port;
  char            *uri;
} TlsFront;

static TlsFront tls_front;

static void
on_spliced (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A client that does not trust the certificate ends its handshake here. */
  if (!g_io_stream_splice_finish (result, &error))
    g_debug ("TLS front: %s", error->message);
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  TlsFront *front = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GSocketConnection) backend = NULL;

  tls = g_tls_server_connection_new (G_IO_STREAM (connection), front->certificate, &error);
  if (tls == NULL)
    g_error ("TLS front: %s", error->message);
  /* Loopback: the connect completes at once, the server accepts it later. */
  backend = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) front->backend_port, NULL, &error);
  if (backend == NULL)
    g_error ("TLS front: %s", error->message);
  g_io_stream_splice_async (tls, G_IO_STREAM (backend),
                            G_IO_STREAM_SPLICE_CLOSE_STREAM1 | G_IO_STREAM_SPLICE_CLOSE_STREAM2,
                            G_PRIORITY_DEFAULT, NULL, on_spliced, NULL);
  return TRUE;
}

static char *
cert_file (const char *name)
{
  return g_build_filename (KIOSK_TEST_CERT_DIR, name, NULL);
}

static void
tls_front_start (TlsFront *front,
                 guint     backend_port)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cert = cert_file ("server.pem");
  g_autofree char *key = cert_file ("server-key.pem");
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  front->certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  front->backend_port = backend_port;
  front->service = g_socket_service_new ();
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (front->service), address,
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &effective, &error));
  g_assert_no_error (error);
  g_signal_connect (front->service, "incoming", G_CALLBACK (on_incoming), front);
  g_socket_service_start (front->service);
  front->uri = g_strdup_printf ("https://127.0.0.1:%u",
                                g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective)));
}

static void
tls_front_stop (TlsFront *front)
{
  if (front->service != NULL)
    {
      g_socket_service_stop (front->service);
      g_socket_listener_close (G_SOCKET_LISTENER (front->service));
    }
  g_clear_object (&front->service);
  g_clear_object (&front->certificate);
  g_clear_pointer (&front->uri, g_free);
}

/* ---- helpers ------------------------------------------------------------- */

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
get_page (void)
{
  return kiosk_window_get_pairing_page (get_window ());
}

static GtkWidget *
find_widget (GtkWidget  *widget,
             gboolean  (*match) (GtkWidget *widget, const char *what),
             const char *what)
{
  if (match (widget, what))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, what);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_name (GtkWidget  *widget,
          const char *name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* A button by what it does (its label is translated and has no name). */
static gboolean
has_action (GtkWidget  *widget,
            const char *action)
{
  return GTK_IS_ACTIONABLE (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static GtkWidget *
named (const char *name)
{
  GtkWidget *widget = find_widget (get_page (), has_name, name);

  if (widget == NULL)
    g_error ("No widget named %s on the pairing page", name);
  return widget;
}

static GtkScrolledWindow *
get_scroller (void)
{
  GtkWidget *scroller = gtk_widget_get_first_child (get_page ());

  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  return GTK_SCROLLED_WINDOW (scroller);
}

/* A person scrolls the form to what they touch next. */
static void
scroll_to (GtkWidget *widget)
{
  GtkScrolledWindow *scroller = get_scroller ();
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  graphene_rect_t bounds;
  double top;

  kiosk_ui_test_wait_for_paint (GTK_WIDGET (get_window ()));
  /* Where it is on screen now, plus the scroll: where it is in the form. */
  if (!gtk_widget_compute_bounds (widget, GTK_WIDGET (scroller), &bounds))
    g_error ("%s is not on the pairing page", G_OBJECT_TYPE_NAME (widget));
  top = gtk_adjustment_get_value (adjustment) + bounds.origin.y;
  gtk_adjustment_clamp_page (adjustment, top, top + bounds.size.height);
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (get_window ()));
}

/* Whether the whole of @widget lies in the part of the form on screen. */
static gboolean
in_view (GtkWidget *widget)
{
  GtkWidget *scroller = GTK_WIDGET (get_scroller ());
  graphene_rect_t bounds;

  if (!gtk_widget_is_drawable (widget) || !gtk_widget_compute_bounds (widget, scroller, &bounds))
    return FALSE;
  return bounds.size.height > 0 && bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller);
}

static void
type_into (const char *name,
           const char *text)
{
  GtkWidget *entry = named (name);

  scroll_to (entry);
  g_assert_true (in_view (entry));
  g_assert_true (gtk_widget_is_sensitive (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static const char *
text_in (const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (named (name)));
}

/* As a tap does ("activate" on a button waits for its press animation). */
static void
click_button (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  scroll_to (button);
  g_assert_true (in_view (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
page_idle (gpointer data)
{
  return !kiosk_pairing_page_get_busy (KIOSK_PAIRING_PAGE (get_page ()));
}

static gboolean
not_pairing (gpointer data)
{
  return !kiosk_window_get_pairing (get_window ());
}

static gboolean
engine_up_to_date (gpointer data)
{
  KioskSyncEngine *engine = kiosk_context_get_sync_engine (get_context ());

  return engine != NULL && kiosk_sync_engine_get_state (engine) == KIOSK_SYNC_STATE_UP_TO_DATE;
}

static void
press_pair (void)
{
  click_button (named ("pair-button"));
  kiosk_ui_test_wait_until (page_idle, NULL, 60, "the pairing request");
}

static void
press_find_salon (void)
{
  GtkWidget *button = find_widget (get_page (), has_action, "pairing.search");

  if (button == NULL)
    g_error ("No “Find salon” button on the pairing page");
  click_button (button);
  kiosk_ui_test_wait_until (page_idle, NULL, 60, "the salon list");
}

/* Every text a person can see on the page as it is scrolled now: labels
 * and entries wholly inside the visible part of the form. */
static void
collect_visible_text (GtkWidget *widget,
                      GString   *out)
{
  if (!gtk_widget_is_drawable (widget))
    return;
  if (GTK_IS_PASSWORD_ENTRY (widget))
    return;   /* shows dots, not its text */
  if (GTK_IS_LABEL (widget) && in_view (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_EDITABLE (widget) && gtk_editable_get_delegate (GTK_EDITABLE (widget)) == NULL && in_view (widget))
    g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_visible_text (child, out);
}

/* Asserts that the person sees @expected (a whole message, or the
 * translated part of one before its first conversion) without scrolling,
 * wherever on the page it is shown. */
static void
assert_seen (const char *expected)
{
  g_autoptr(GString) shown = g_string_new (NULL);

  kiosk_ui_test_wait_for_paint (GTK_WIDGET (get_window ()));
  collect_visible_text (get_page (), shown);
  if (strstr (shown->str, expected) == NULL)
    {
      g_test_message ("on screen:\n%s", shown->str);
      g_test_message ("the page's message, %s: %s",
                      in_view (named ("pairing-message")) ? "in view" : "out of view (scrolled off or hidden)",
                      kiosk_pairing_page_get_message (KIOSK_PAIRING_PAGE (get_page ())));
      g_test_fail_printf ("“%s” is not on screen", expected);
    }
}

static void
assert_not_seen (const char *unexpected)
{
  g_autoptr(GString) shown = g_string_new (NULL);

  kiosk_ui_test_wait_for_paint (GTK_WIDGET (get_window ()));
  collect_visible_text (get_page (), shown);
  if (strstr (shown->str, unexpected) != NULL)
    g_test_fail_printf ("“%s” is still on screen", unexpected);
}

/* The page's message now (whether a person sees it is assert_seen()'s). */
static const char *
page_message (void)
{
  const char *text = kiosk_pairing_page_get_message (KIOSK_PAIRING_PAGE (get_page ()));

  g_test_message ("message: %s", text);
  return text;
}

/* The part of a translated message before its first conversion. */
static char *
message_prefix (const char *translated)
{
  const char *cut = strstr (translated, "%");

  return g_strndup (translated, cut != NULL ? (gsize) (cut - translated) : strlen (translated));
}

/* How the page starts its words on an untrusted certificate (its msgid in
 * kiosk-pairing-page.c), in the language of the run. */
static char *
untrusted_prefix (void)
{
  return message_prefix (_("The server's certificate is not trusted: %s"));
}

static void
screenshot (const char *name)
{
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (get_window ()));
  kiosk_ui_test_screenshot (GTK_WIDGET (get_window ()), lang, name);
}

static void
fill_form (const char *url)
{
  type_into ("server-entry", url);
  type_into ("salon-entry", kiosk_test_server_get_salon_id (server));
  type_into ("code-entry", CODE);
  type_into ("name-entry", KIOSK_NAME);
  type_into ("pin-entry", PIN);
  type_into ("pin2-entry", PIN);
}

/* Nothing the person typed is lost by a refusal. */
static void
assert_form_kept (const char *url)
{
  g_assert_cmpstr (text_in ("server-entry"), ==, url);
  g_assert_cmpstr (text_in ("salon-entry"), ==, kiosk_test_server_get_salon_id (server));
  g_assert_cmpstr (text_in ("code-entry"), ==, CODE);
  g_assert_cmpstr (text_in ("name-entry"), ==, KIOSK_NAME);
  g_assert_true (kiosk_window_get_pairing (get_window ()));
  g_assert_null (kiosk_context_get_sync_engine (get_context ()));
}

static void
set_ca_file (const char *path)
{
  GSettings *settings = kiosk_context_get_settings (get_context ());

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "ca-file", path);
}

/* The list rows, by their title, in the order shown. */
static GPtrArray *
shown_salon_rows (void)
{
  GtkListBox *list = GTK_LIST_BOX (named ("salon-list"));
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (gtk_widget_is_drawable (GTK_WIDGET (row)))
      g_ptr_array_add (rows, row);
  return rows;
}

static gboolean
is_label_with_text (GtkWidget  *widget,
                    const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static GtkWidget *
salon_row_named (const char *name)
{
  g_autoptr(GPtrArray) rows = shown_salon_rows ();

  for (guint i = 0; i < rows->len; i++)
    if (find_widget (g_ptr_array_index (rows, i), is_label_with_text, name) != NULL)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static char *
server_salon_field (const char *id,
                    const char *field)
{
  g_autofree char *json = kiosk_test_server_get (server, "salon", id);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (json);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), field));
}

static char *
server_salon_name (const char *id)
{
  return server_salon_field (id, "name");
}

/* ---- the tests ----------------------------------------------------------- */

static void
test_first_run (void)
{
  g_assert_true (kiosk_window_get_pairing (get_window ()));
  g_assert_null (kiosk_context_get_sync_engine (get_context ()));
  /* The salon list appears only once the server is asked. */
  g_assert_false (gtk_widget_is_drawable (named ("salon-list")));
}

/* Where the owner makes the pairing code, as docs/kiosk-api.md §3.1 says:
 * the Salonity admin's menu, named as it shows in the language of the run,
 * or the server's command; never a menu that does not exist. */
static void
test_code_hint (void)
{
  GtkWidget *hint = named ("pairing-code-hint");
  const char *text = gtk_label_get_text (GTK_LABEL (hint));

  scroll_to (hint);
  g_assert_true (in_view (hint));
  assert_seen (text);
  g_test_message ("hint: %s", text);
  g_assert_nonnull (strstr (text, "python manage.py kiosk_pairing_code"));
  if (g_str_equal (lang, "tr"))
    {
      g_assert_nonnull (strstr (text, "Salonity Yönetim paneli"));
      g_assert_nonnull (strstr (text, "Salonity Kiosk → Eşleştirme kodları → Ekle"));
      g_assert_nonnull (strstr (text, "kiosk_pairing_code <salon kimliği>"));
      g_assert_null (strstr (text, "Ayarlar"));
    }
  else
    {
      g_assert_nonnull (strstr (text, "Salonity admin"));
      g_assert_nonnull (strstr (text, "Salonity Kiosk → Pairing codes → Add"));
      g_assert_nonnull (strstr (text, "kiosk_pairing_code <salon id>"));
      g_assert_null (strstr (text, "Settings"));
    }
  screenshot ("pairing-code-hint");
}

/* A plain-HTTP URL that is not loopback is refused, with why; the Pair
 * button's refusal is in test-ui-kiosk, this is the salon finder's. */
static void
test_find_salon_refuses_plain_http (void)
{
  g_autoptr(GError) error = NULL;

  type_into ("server-entry", "http://10.0.0.5");
  press_find_salon ();

  g_assert_false (kiosk_pairing_check_url ("http://10.0.0.5", &error));
  g_assert_error (error, KIOSK_PAIRING_ERROR, KIOSK_PAIRING_ERROR_INSECURE);
  /* Said where the person looks after tapping "Find salon". */
  assert_seen (error->message);
  /* Nothing was asked of that host: no list, the address kept. */
  g_assert_false (gtk_widget_is_drawable (named ("salon-list")));
  g_assert_cmpstr (text_in ("server-entry"), ==, "http://10.0.0.5");
  screenshot ("pairing-find-refused-http");

  /* test-ui-kiosk checks the Pair button's words; here, that they are on
   * screen after the tap (the page moves the focus to the address). */
  fill_form ("http://10.0.0.5");
  press_pair ();
  assert_seen (error->message);
  assert_form_kept ("http://10.0.0.5");
}

/* Too many tries: the server throttles the enrollment, and the screen says
 * how long to wait. */
static void
test_too_many_tries (void)
{
  const char *url = kiosk_test_server_get_uri (server);
  KioskFault fault = { .kind = KIOSK_FAULT_STATUS, .status = 429, .retry_after = RETRY_AFTER };
  g_autofree char *wait = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Too many pairing attempts. Wait %u second, then try again.",
                                                        "Too many pairing attempts. Wait %u seconds, then try again.",
                                                        RETRY_AFTER),
                                           RETRY_AFTER);
  g_autofree char *seconds = g_strdup_printf ("%u", RETRY_AFTER);

  kiosk_test_server_push_fault (server, "POST", "/api/kiosk/v1/devices/", &fault);
  fill_form (url);
  press_pair ();

  /* The server was asked, and said how long to wait: the screen says it. */
  g_assert_cmpuint (kiosk_test_server_get_n_faults (server), ==, 0);
  g_assert_cmpstr (page_message (), ==, wait);
  g_assert_nonnull (strstr (wait, seconds));
  assert_seen (wait);
  assert_form_kept (url);
  g_assert_true (gtk_widget_is_sensitive (named ("pair-button")));
  screenshot ("pairing-too-many-tries");
}

static void
assert_refused_untrusted (const char *url)
{
  g_autofree char *prefix = untrusted_prefix ();

  fill_form (url);
  press_pair ();
  g_assert_true (g_str_has_prefix (page_message (), prefix));
  assert_seen (prefix);
  assert_form_kept (url);

  /* Asking it for its salons is refused the same way. */
  press_find_salon ();
  assert_seen (prefix);
  g_assert_null (salon_row_named (DECOY_NAME));
  assert_form_kept (url);
}

/* A server whose certificate the system does not trust is refused. */
static void
test_untrusted_certificate (void)
{
  g_autofree char *other_ca = cert_file ("other-ca.pem");

  set_ca_file ("");
  assert_refused_untrusted (tls_front.uri);
  scroll_to (named ("pair-button"));
  screenshot ("pairing-untrusted-certificate");

  /* A CA file, but not the one that signed the server's certificate. */
  set_ca_file (other_ca);
  assert_refused_untrusted (tls_front.uri);
}

/* A private CA file (the ca-file setting) makes the same server accepted:
 * it answers, and lists its salons by name. */
static void
test_private_ca_lists_salons (void)
{
  g_autofree char *ca = cert_file ("ca.pem");
  g_autofree char *salon_name = server_salon_name (kiosk_test_server_get_salon_id (server));
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *untrusted = untrusted_prefix ();

  set_ca_file (ca);
  /* A person coming to the salon picker: the address, no id yet. */
  type_into ("server-entry", tls_front.uri);
  type_into ("salon-entry", "");
  type_into ("salon-search-entry", "");
  press_find_salon ();

  assert_not_seen (untrusted);
  g_assert_true (gtk_widget_is_drawable (named ("salon-list")));
  rows = shown_salon_rows ();
  g_assert_cmpuint (rows->len, ==, 2);
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (get_window ()));
  collect_visible_text (named ("salon-list"), shown);
  g_test_message ("listed:\n%s", shown->str);
  g_assert_nonnull (strstr (shown->str, salon_name));
  g_assert_nonnull (strstr (shown->str, DECOY_NAME));
  g_assert_cmpstr (text_in ("server-entry"), ==, tls_front.uri);
  screenshot ("pairing-salon-list");
}

/* Once the server address is typed, the salon can be chosen by name from
 * the server's list, and pairing with it downloads that salon. */
static void
test_pair_with_salon_chosen_by_name (void)
{
  const char *salon_id = kiosk_test_server_get_salon_id (server);
  g_autofree char *salon_name = server_salon_name (salon_id);
  g_autofree char *paired_salon = NULL;
  g_autofree char *paired_server = NULL;
  g_autofree char *paired_name = NULL;
  g_autoptr(KioskSalon) salon = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *district = server_salon_field (salon_id, "district");
  g_autofree char *city = server_salon_field (salon_id, "city");
  g_autofree char *spoken = g_strdup_printf ("%s, %s, %s", salon_name, district, city);
  g_autofree char *misnamed = NULL;
  GtkWidget *row;
  GtkWidget *choice;

  g_assert_cmpstr (text_in ("salon-entry"), ==, "");
  row = salon_row_named (salon_name);
  g_assert_nonnull (row);
  if (row == NULL)
    return;
  /* The salon is a button in its row, so that a tap, Enter or Space, and a
   * screen reader's or a switch's "click" all choose it: GTK 4.8 gives a
   * list row no accessible action and no name. The button says the salon
   * and where it is. */
  choice = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  g_assert_true (GTK_IS_BUTTON (choice));
  if (!GTK_IS_BUTTON (choice))
    return;
  g_assert_true (gtk_widget_get_focusable (choice));
  misnamed = gtk_test_accessible_check_property (GTK_ACCESSIBLE (choice), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken);
  g_assert_null (misnamed);
  /* The list itself is named, not "GtkListBox". */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (named ("salon-list")), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       _("Salons found"));
  click_button (choice);
  g_assert_cmpstr (text_in ("salon-entry"), ==, salon_id);
  if (g_test_failed ())
    return;   /* nothing chosen: pairing would only say so */

  /* The contract server's change feed is not per salon: the decoy leaves it
   * before the kiosk downloads, as another salon's rows never reach it. */
  g_assert_cmpint (kiosk_test_server_delete (server, "salon", DECOY_SALON, &error), >, 0);
  g_assert_no_error (error);

  type_into ("code-entry", CODE);
  type_into ("name-entry", KIOSK_NAME);
  type_into ("pin-entry", PIN);
  type_into ("pin2-entry", PIN);
  press_pair ();
  kiosk_ui_test_wait_until (not_pairing, NULL, 10, "the normal pages");
  kiosk_ui_test_wait_until (engine_up_to_date, NULL, 90, "the first sync over HTTPS");

  paired_salon = kiosk_replica_get_meta (get_replica (), KIOSK_META_SALON);
  paired_server = kiosk_replica_get_meta (get_replica (), KIOSK_META_SERVER_URL);
  paired_name = kiosk_replica_get_meta (get_replica (), KIOSK_META_DEVICE_NAME);
  g_assert_cmpstr (paired_salon, ==, salon_id);
  g_assert_cmpstr (paired_server, ==, tls_front.uri);
  g_assert_cmpstr (paired_name, ==, KIOSK_NAME);

  /* The salon downloaded is the one chosen, with its data. */
  salon = kiosk_replica_get_salon (get_replica (), &error);
  g_assert_no_error (error);
  g_assert_nonnull (salon);
  if (salon != NULL)
    {
      g_assert_cmpstr (salon->id, ==, salon_id);
      g_assert_cmpstr (salon->name, ==, salon_name);
    }
  g_assert_cmpint (kiosk_replica_count (get_replica (), "salon", NULL), ==, 1);
  g_assert_cmpint (kiosk_replica_count (get_replica (), "customer", NULL), ==,
                   kiosk_test_server_count (server, "customer"));
  g_assert_cmpint (kiosk_replica_count (get_replica (), "customer", NULL), >, 0);
  g_assert_cmpstr (kiosk_window_get_page (get_window ()), ==, "welcome");
  /* The pairing screen has gone from the accessibility tree too, not only
   * from the screen: a screen reader does not find it behind the pages. */
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (get_page ()), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);
  screenshot ("pairing-paired-by-name");
}

/* ---- set-up -------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *server_dir = NULL;
  g_autofree char *data_arg = NULL;
  char *app_argv[3];
  int app_status;
  int test_status;

  /* The test AT context keeps the accessible attributes, so the test can
   * read them back (test_env turns accessibility off for other tests). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  lang = kiosk_ui_test_init (&argc, &argv);

  data_dir = g_dir_make_tmp ("kiosk-ui-pairing-XXXXXX", &error);
  g_assert_no_error (error);
  server_dir = g_dir_make_tmp ("kiosk-ui-pairing-server-XXXXXX", &error);
  g_assert_no_error (error);

  server = kiosk_test_server_new (server_dir, &error);
  g_assert_no_error (error);
  g_assert_true (kiosk_test_server_listen (server, 0, &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_test_server_seed_demo (server, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kiosk_test_server_put (server, "salon",
                                          "{\"id\": \"" DECOY_SALON "\", \"name\": \"" DECOY_NAME "\","
                                          " \"address\": \"Kızılay Meydanı 3\", \"city\": \"Ankara\","
                                          " \"district\": \"Çankaya\", \"phone\": \"+903124445566\","
                                          " \"opening_time\": \"09:00:00\", \"closing_time\": \"19:00:00\","
                                          " \"timezone\": \"Europe/Istanbul\"}", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpstr (kiosk_test_server_get_salon_id (server), !=, DECOY_SALON);
  kiosk_test_server_add_pairing_code (server, CODE, 600);
  tls_front_start (&tls_front, kiosk_test_server_get_port (server));

  /* One suite, run in this order: each step starts where the last left. */
  g_test_add_func ("/ui/pairing/first-run", test_first_run);
  g_test_add_func ("/ui/pairing/code-hint", test_code_hint);
  g_test_add_func ("/ui/pairing/find-salon-refuses-plain-http", test_find_salon_refuses_plain_http);
  g_test_add_func ("/ui/pairing/too-many-tries", test_too_many_tries);
  g_test_add_func ("/ui/pairing/untrusted-certificate", test_untrusted_certificate);
  g_test_add_func ("/ui/pairing/private-ca-lists-salons", test_private_ca_lists_salons);
  g_test_add_func ("/ui/pairing/salon-chosen-by-name", test_pair_with_salon_chosen_by_name);

  /* A failed check fails its test, and the next ones still report. */
  g_test_set_nonfatal_assertions ();

  app = kiosk_application_new ("com.salonity.Kiosk.TestPairing", G_APPLICATION_NON_UNIQUE);
  data_arg = g_strdup_printf ("--data-dir=%s", data_dir);
  app_argv[0] = argv[0];
  app_argv[1] = data_arg;
  app_argv[2] = NULL;
  test_status = kiosk_ui_test_run_app (G_APPLICATION (app), app_argv, &app_status);
  g_clear_object (&app);
  tls_front_stop (&tls_front);
  g_clear_object (&server);

  kiosk_ui_test_remove_tree (data_dir);
  kiosk_ui_test_remove_tree (server_dir);

  g_assert_cmpint (app_status, ==, 0);
  return test_status;
}
