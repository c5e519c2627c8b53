/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * "Needs attention" (the changes the server refused, docs/kiosk-api.md §3.3
 * and §4) as staff meet it.
 *
 * On a demo salon (no server, no engine), a booking the server refused
 * with slot_taken (the refusal written as the engine writes it) is listed
 * on "Needs attention" with what it was, when, the reason and a "Book next
 * free slot (…)" button; pressing it makes a new pending booking and the
 * row goes. A second refused booking dismissed with a note is gone from
 * the desk; "Keep it" keeps it.
 *
 * In the real application paired with the contract server: when the
 * server goes away nothing of it shows in customer mode; for staff a
 * banner above the pages says since when the kiosk is offline and how
 * many changes wait (the header bar says the same time);
 * a booking made meanwhile counts; a booking made on the server for the
 * same slot during the outage makes the server refuse the kiosk's, and
 * the rail's "Needs attention" shows the count; booking the next free slot
 * from there puts exactly one booking per slot on the server. The banner
 * goes once the kiosk is back. Screenshots to <build>/screenshots/<lang>/.
 */
#define G_LOG_DOMAIN "test-ui-refused"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "kiosk-context-private.h"
#include "kiosk-application.h"
#include "kiosk-desk-bookings.h"
#include "kiosk-desk-refused.h"
#include "kiosk-outbox.h"
#include "kiosk-staff-lock.h"
#include "kiosk-test-enroll.h"
#include "kiosk-test-server.h"
#include "kiosk-ui-test.h"
#include "kiosk-replica-sync.h"
#include "kiosk-json.h"
#include "kiosk-format.h"
#include "kiosk-pin-pad.h"
#include "kiosk-refused-page.h"
#include "kiosk-sync-status.h"
#include "kiosk-window.h"

#define CODE "493027"
#define PIN  "2468"

static const char       *lang;

/* The demo salon of the first part. */
static KioskContext     *demo;
static char             *demo_dir;
static GtkWidget        *demo_window;
static GtkWidget        *demo_page;

/* The application paired with the contract server. */
static KioskApplication *app;
static KioskTestServer  *server;
static char             *offline_booking;   /* made during the outage */
static char             *server_booking;    /* the server's, same slot */
static gint64            server_bookings;   /* on the server before the outage */

/* ---- widgets ------------------------------------------------------------ */

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
named_in (GtkWidget  *root,
          const char *name)
{
  GtkWidget *widget = find_named (root, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

/* The first button under @root whose label starts with @prefix. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *prefix)
{
  /* Only what is shown: a closed revealer hides its child. */
  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return NULL;
  if (GTK_IS_BUTTON (root))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (root));

      if (label != NULL && g_str_has_prefix (label, prefix))
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first text entry under @root that is shown. */
static GtkWidget *
find_entry (GtkWidget *root)
{
  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return NULL;
  if (GTK_IS_ENTRY (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
press (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Every label text under @root that is drawn, one a line. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static char *
text_under (GtkWidget *root)
{
  GString *out = g_string_new (NULL);

  collect_text (root, out);
  return g_string_free (out, FALSE);
}

static guint
n_rows (GtkWidget *page)
{
  GtkListBox *list = GTK_LIST_BOX (named_in (page, "refused-list"));
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;
  return n;
}

static GtkWidget *
row_at (GtkWidget *page,
        guint      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (named_in (page, "refused-list")), (int) index);

  g_assert_nonnull (row);
  return GTK_WIDGET (row);
}

/* The part of a translated message before its first conversion. */
static char *
message_prefix (const char *translated)
{
  const char *cut = strchr (translated, '%');

  return g_strndup (translated, cut != NULL ? (gsize) (cut - translated) : strlen (translated));
}

/* ---- the desk ----------------------------------------------------------- */

typedef struct {
  char      *customer;
  char      *service;
  KioskSlot *slot;
} Booking;

static void
booking_clear (Booking *b)
{
  g_clear_pointer (&b->customer, g_free);
  g_clear_pointer (&b->service, g_free);
  g_clear_pointer (&b->slot, kiosk_slot_free);
}

/* A free slot from today on, the @skip-th found, for the first service
 * someone can do, and a customer of the salon. */
static void
find_booking (KioskContext *context,
              guint         skip,
              Booking      *out)
{
  KioskReplica *replica = kiosk_context_get_replica (context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = kiosk_replica_list_services (replica, &error);
  g_autoptr(GPtrArray) customers = kiosk_replica_list_customers (replica, &error);
  g_autoptr(GDateTime) now = kiosk_context_dup_now (context);

  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, >, 0);
  out->customer = g_strdup (((KioskCustomer *) g_ptr_array_index (customers, 0))->id);

  for (int day = 0; day < 14; day++)
    {
      g_autoptr(GDateTime) then = g_date_time_add_days (now, day);
      g_autofree char *date = g_date_time_format (then, "%Y-%m-%d");

      for (guint i = 0; i < services->len; i++)
        {
          const KioskService *service = g_ptr_array_index (services, i);
          KioskSlotsReason reason;
          g_autoptr(GPtrArray) slots = NULL;

          if (!service->is_active)
            continue;
          slots = kiosk_desk_find_slots (context, service->id, date, NULL, &reason, &error);
          g_assert_no_error (error);
          if (slots->len > skip)
            {
              out->service = g_strdup (service->id);
              out->slot = kiosk_slot_copy (g_ptr_array_index (slots, skip));
              return;
            }
        }
    }
  g_error ("No free slot in the next two weeks");
}

static char *
book (KioskContext *context,
      guint         skip,
      Booking      *booking)
{
  g_autoptr(GError) error = NULL;
  char *id;

  find_booking (context, skip, booking);
  id = kiosk_desk_book (context, booking->customer, booking->service, booking->slot->employee,
                        booking->slot->date, booking->slot->start, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static KioskOutboxEntry *
outbox_entry_for (KioskReplica *replica,
                  const char   *entity_id,
                  const char   *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = kiosk_replica_outbox_list (replica, &error);

  g_assert_no_error (error);
  for (guint i = entries->len; i > 0; i--)
    {
      KioskOutboxEntry *entry = g_ptr_array_index (entries, i - 1);

      if (g_strcmp0 (entry->entity_id, entity_id) == 0 && g_strcmp0 (entry->kind, kind) == 0)
        return g_ptr_array_steal_index (entries, i - 1);
    }
  return NULL;
}

/* What the engine writes when the server answers 409 slot_taken: the code,
 * and the server's sentence as the reason. */
static void
refuse_as_slot_taken (KioskContext *context,
                      const char   *appointment_id)
{
  static const char body[] = "{\"code\": \"slot_taken\", \"detail\": \"Bu saat dolu.\", \"conflicts\": []}";
  KioskReplica *replica = kiosk_context_get_replica (context);
  g_autoptr(KioskOutboxEntry) entry = outbox_entry_for (replica, appointment_id, "appointment.create");
  g_autoptr(GBytes) reply = g_bytes_new_static (body, strlen (body));
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (entry);
  g_assert_cmpint (entry->state, ==, KIOSK_OUTBOX_PENDING);
  kiosk_outbox_refuse (replica, entry, 409, reply, NULL, &error);
  g_assert_no_error (error);
  kiosk_context_notify_replica_changed (context);
}

/* ---- the refused page on the demo salon ------------------------------- */

static gboolean
page_has_rows (gpointer data)
{
  return n_rows (demo_page) == GPOINTER_TO_UINT (data);
}

static void
test_lists_slot_taken (void)
{
  Booking booking = { NULL, };
  g_autofree char *id = book (demo, 0, &booking);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autofree char *prefix = message_prefix (_("Book next free slot (%s, %s)"));
  const KioskRefusedChange *change;
  GtkWidget *row;
  GtkWidget *button;

  /* Nothing yet. */
  g_assert_cmpuint (n_rows (demo_page), ==, 0);
  text = text_under (demo_page);
  g_assert_nonnull (strstr (text, _("Nothing needs attention")));
  g_clear_pointer (&text, g_free);

  refuse_as_slot_taken (demo, id);
  kiosk_ui_test_wait_until (page_has_rows, GUINT_TO_POINTER (1), 10, "the refused booking on the page");

  refused = kiosk_desk_list_refused (demo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->len, ==, 1);
  change = g_ptr_array_index (refused, 0);
  g_assert_cmpstr (change->code, ==, "slot_taken");
  g_assert_nonnull (change->next_slot);

  row = row_at (demo_page, 0);
  text = text_under (row);
  /* What it was, when it was done, why, and the state in words. */
  g_assert_nonnull (strstr (text, change->what));
  g_assert_nonnull (strstr (text, change->reason));
  g_assert_nonnull (strstr (text, _("Refused")));
  {
    g_autofree char *done = message_prefix (_("Done at the desk today at %s"));

    g_assert_nonnull (strstr (text, done));
  }

  /* The button names the next free slot's time. */
  button = find_button (row, prefix);
  g_assert_nonnull (button);
  {
    g_autofree char *time = kiosk_format_time (change->next_slot->start);

    g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (button)), time));
  }
  g_assert_nonnull (find_button (row, _("Dismiss")));

  kiosk_ui_test_wait_for_paint (demo_window);
  kiosk_ui_test_screenshot (demo_window, lang, "refused-slot-taken");
  booking_clear (&booking);
}

static void
test_book_next_slot (void)
{
  KioskReplica *replica = kiosk_context_get_replica (demo);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refused = kiosk_desk_list_refused (demo, &error);
  g_autofree char *prefix = message_prefix (_("Book next free slot (%s, %s)"));
  g_autoptr(KioskSlot) next = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *text = NULL;
  gint64 before;
  KioskAppointment *made = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (refused->len, ==, 1);
  next = kiosk_slot_copy (((KioskRefusedChange *) g_ptr_array_index (refused, 0))->next_slot);
  before = kiosk_replica_count (replica, "appointment", NULL);

  press (find_button (row_at (demo_page, 0), prefix));
  kiosk_ui_test_wait_until (page_has_rows, GUINT_TO_POINTER (0), 10, "the row to go");

  /* A new booking at the next free slot, pending, queued for the server. */
  after = kiosk_replica_list_appointments (replica, next->date, next->date, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < after->len; i++)
    {
      KioskAppointment *a = g_ptr_array_index (after, i);

      gboolean pending = FALSE;

      /* Pending: the row waits for the server's acknowledgement. */
      if (a->appointment_time == next->start && g_strcmp0 (a->employee, next->employee) == 0 &&
          kiosk_replica_get_row_state (replica, "appointment", a->id, NULL, &pending, NULL) && pending)
        made = a;
    }
  g_assert_nonnull (made);
  {
    g_autoptr(KioskOutboxEntry) entry = outbox_entry_for (replica, made->id, "appointment.create");

    g_assert_nonnull (entry);
    g_assert_cmpint (entry->state, ==, KIOSK_OUTBOX_PENDING);
  }
  /* The refused one is not kept beside it. */
  g_assert_cmpint (kiosk_replica_count (replica, "appointment", NULL), <=, before);

  refused = kiosk_desk_list_refused (demo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->len, ==, 0);
  text = text_under (demo_page);
  g_assert_nonnull (strstr (text, _("Nothing needs attention")));

  kiosk_ui_test_wait_for_paint (demo_window);
  kiosk_ui_test_screenshot (demo_window, lang, "refused-empty");
}

static gboolean
no_confirmation (gpointer row)
{
  return find_button (row, _("Yes, dismiss")) == NULL && find_button (row, _("Dismiss")) != NULL;
}

static gboolean
confirmation_open (gpointer row)
{
  return find_button (row, _("Yes, dismiss")) != NULL && find_button (row, _("Dismiss")) == NULL;
}

static void
test_dismiss_with_note (void)
{
  KioskReplica *replica = kiosk_context_get_replica (demo);
  Booking booking = { NULL, };
  g_autofree char *id = book (demo, 3, &booking);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskAppointment) appointment = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  GtkWidget *row;
  GtkWidget *note;

  appointment = kiosk_replica_get_appointment (replica, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (appointment);
  refuse_as_slot_taken (demo, id);
  kiosk_ui_test_wait_until (page_has_rows, GUINT_TO_POINTER (1), 10, "the refused booking on the page");

  /* "Dismiss" asks first, inside the row; "Keep it" keeps it. */
  row = row_at (demo_page, 0);
  press (find_button (row, _("Dismiss")));
  kiosk_ui_test_wait_until (confirmation_open, row, 10, "the confirmation to open");
  press (find_button (row, _("Keep it")));
  kiosk_ui_test_wait_until (no_confirmation, row, 10, "the confirmation to close");
  g_assert_cmpuint (n_rows (demo_page), ==, 1);
  g_assert_nonnull (kiosk_replica_get_appointment (replica, id, NULL));

  /* Then for real, with a note. */
  press (find_button (row, _("Dismiss")));
  kiosk_ui_test_wait_until (confirmation_open, row, 10, "the confirmation to open");
  note = find_entry (row);
  g_assert_nonnull (note);
  gtk_editable_set_text (GTK_EDITABLE (note), "Müşteri aradı, başka gün gelecek — Ayşe");
  kiosk_ui_test_wait_for_paint (demo_window);
  kiosk_ui_test_screenshot (demo_window, lang, "refused-dismiss");
  press (find_button (row, _("Yes, dismiss")));
  kiosk_ui_test_wait_until (page_has_rows, GUINT_TO_POINTER (0), 10, "the dismissed row to go");

  /* The desk's booking the server never had is gone, and nothing of it
   * waits to be uploaded. */
  {
    g_autoptr(KioskAppointment) gone = kiosk_replica_get_appointment (replica, id, NULL);
    g_autoptr(KioskOutboxEntry) entry = outbox_entry_for (replica, id, "appointment.create");

    g_assert_null (gone);
    g_assert_true (entry == NULL || (entry->state != KIOSK_OUTBOX_PENDING && entry->state != KIOSK_OUTBOX_REFUSED));
  }
  refused = kiosk_desk_list_refused (demo, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->len, ==, 0);
  booking_clear (&booking);
}

/* ---- the banner and the rail, paired with the contract server ---------- */

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

static KioskSyncEngine *
get_engine (void)
{
  KioskSyncEngine *engine = kiosk_context_get_sync_engine (get_context ());

  g_assert_nonnull (engine);
  return engine;
}

static GtkWidget *
named (const char *name)
{
  return named_in (GTK_WIDGET (get_window ()), name);
}

static gboolean
banner_shown (void)
{
  GtkWidget *banner = named ("offline-banner");
  GtkWidget *revealer = gtk_widget_get_parent (banner);

  /* Shown: asked for and done sliding in. */
  return gtk_widget_get_visible (revealer) && gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)) &&
         gtk_revealer_get_child_revealed (GTK_REVEALER (revealer));
}

static const char *
banner_text (void)
{
  return gtk_label_get_text (GTK_LABEL (named ("offline-banner-label")));
}

static gboolean
engine_in_state (gpointer data)
{
  return kiosk_sync_engine_get_state (get_engine ()) == (KioskSyncState) GPOINTER_TO_INT (data);
}

static gboolean
banner_says (gpointer data)
{
  return banner_shown () && g_strcmp0 (banner_text (), data) == 0;
}

static gboolean
banner_gone (gpointer data)
{
  return !gtk_widget_get_visible (gtk_widget_get_parent (named ("offline-banner")));
}

static KioskSyncStatus *
find_sync_status (GtkWidget *widget)
{
  if (KIOSK_IS_SYNC_STATUS (widget))
    return KIOSK_SYNC_STATUS (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      KioskSyncStatus *found = find_sync_status (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static char *
offline_since_hhmm (void)
{
  g_autoptr(GDateTime) since = kiosk_sync_engine_dup_since (get_engine ());
  g_autoptr(GDateTime) now = kiosk_context_dup_now (get_context ());
  g_autoptr(GDateTime) local = NULL;

  g_assert_nonnull (since);
  local = g_date_time_to_timezone (since, g_date_time_get_timezone (now));
  return g_date_time_format (local, "%H:%M");
}

static gboolean
pin_pad_idle (gpointer data)
{
  return !kiosk_pin_pad_get_busy (KIOSK_PIN_PAD (kiosk_window_get_pin_pad (get_window ())));
}

static void
enter_staff_mode (void)
{
  GtkWidget *pad;
  GtkWidget *entry;

  if (kiosk_window_get_staff_mode (get_window ()))
    return;
  kiosk_window_request_staff_mode (get_window ());
  pad = kiosk_window_get_pin_pad (get_window ());
  /* The masked entry is the second child of the pad's box. */
  entry = gtk_widget_get_next_sibling (gtk_widget_get_first_child (gtk_widget_get_first_child (pad)));
  g_assert_true (GTK_IS_PASSWORD_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), PIN);
  g_assert_true (gtk_widget_activate_action (pad, "pin-pad.submit", NULL));
  kiosk_ui_test_wait_until (pin_pad_idle, NULL, 60, "the PIN check");
  g_assert_true (kiosk_window_get_staff_mode (get_window ()));
}

static void
test_banner_offline (void)
{
  KioskSyncStatus *status = find_sync_status (gtk_window_get_titlebar (GTK_WINDOW (get_window ())));
  g_autofree char *hhmm = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *summary = NULL;
  Booking booking = { NULL, };

  kiosk_ui_test_wait_until (engine_in_state, GINT_TO_POINTER (KIOSK_SYNC_STATE_UP_TO_DATE), 60, "the first sync");
  g_assert_true (banner_gone (NULL));
  server_bookings = kiosk_test_server_count (server, "appointment");

  kiosk_test_server_disconnect (server);
  kiosk_sync_engine_nudge (get_engine ());
  kiosk_ui_test_wait_until (engine_in_state, GINT_TO_POINTER (KIOSK_SYNC_STATE_OFFLINE), 60, "the offline state");

  /* Whoever stands at the kiosk in customer mode sees neither the banner
   * nor the indicator: staff see them after the PIN. */
  kiosk_ui_test_run_for (500);
  g_assert_false (kiosk_window_get_staff_mode (get_window ()));
  g_assert_true (banner_gone (NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (status)));
  enter_staff_mode ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (status)));

  hhmm = offline_since_hhmm ();
  expected = g_strdup_printf (_("Offline since %s — the desk keeps working; changes will upload when the "
                                "connection returns"),
                              hhmm);
  kiosk_ui_test_wait_until (banner_says, expected, 10, "the offline banner with nothing waiting");
  /* The header bar says the same time. */
  summary = g_strdup_printf (_("Offline since %s"), hhmm);
  g_assert_cmpstr (kiosk_sync_status_get_summary (status), ==, summary);

  /* A booking made now waits, and the banner counts it. */
  offline_booking = book (get_context (), 0, &booking);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf (ngettext ("Offline since %1$s — %2$u change will upload when the connection returns",
                                        "Offline since %1$s — %2$u changes will upload when the connection returns",
                                        1),
                              hhmm, 1u);
  kiosk_ui_test_wait_until (banner_says, expected, 10, "the banner to count the booking");
  g_assert_cmpstr (kiosk_sync_status_get_summary (status), ==, summary);
  /* Announced as an alert, with the sentence as its name. */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (named ("offline-banner"))), ==,
                   GTK_ACCESSIBLE_ROLE_ALERT);

  /* Meanwhile someone books the same slot on the server, for someone else. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KioskAppointment) mine = kiosk_replica_get_appointment (kiosk_context_get_replica (get_context ()),
                                                                      offline_booking, &error);
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autofree char *json = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (mine);
    g_free (mine->id);
    mine->id = g_uuid_string_random ();
    mine->status = KIOSK_APPOINTMENT_CONFIRMED;
    g_free (mine->source);
    mine->source = g_strdup ("app");
    server_booking = g_strdup (mine->id);
    node = kiosk_json_from_record (KIOSK_ENTITY_APPOINTMENT, mine);
    json_generator_set_root (generator, node);
    json = json_generator_to_data (generator, NULL);
    g_assert_cmpint (kiosk_test_server_put (server, "appointment", json, &error), >, 0);
    g_assert_no_error (error);
  }

  kiosk_ui_test_wait_for_paint (GTK_WIDGET (get_window ()));
  kiosk_ui_test_screenshot (GTK_WIDGET (get_window ()), lang, "offline-banner");
  booking_clear (&booking);
}

static gboolean
one_refused (gpointer data)
{
  gint64 counts[5] = { 0, };

  kiosk_replica_outbox_counts (kiosk_context_get_replica (get_context ()), counts, NULL);
  return counts[KIOSK_OUTBOX_REFUSED] == 1 && counts[KIOSK_OUTBOX_PENDING] == 0 && counts[KIOSK_OUTBOX_IN_FLIGHT] == 0;
}

static gboolean
nothing_waits (gpointer data)
{
  gint64 counts[5] = { 0, };

  kiosk_replica_outbox_counts (kiosk_context_get_replica (get_context ()), counts, NULL);
  return counts[KIOSK_OUTBOX_PENDING] == 0 && counts[KIOSK_OUTBOX_IN_FLIGHT] == 0 &&
         kiosk_sync_engine_get_state (get_engine ()) == KIOSK_SYNC_STATE_UP_TO_DATE;
}

static gboolean
rows_on_page (gpointer data)
{
  GtkWidget *page = named ("refused-list");

  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (page), 0) != NULL;
}

static gboolean
on_server (const char *appointment_id)
{
  g_autofree char *json = kiosk_test_server_get (server, "appointment", appointment_id);

  return json != NULL;
}

static gboolean
stack_settled (gpointer stack)
{
  return !gtk_stack_get_transition_running (stack);
}

static void
test_refused_after_outage (void)
{
  GtkWidget *count = named ("attention-count");
  KioskSyncStatus *status = find_sync_status (gtk_window_get_titlebar (GTK_WINDOW (get_window ())));
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = message_prefix (_("Book next free slot (%s, %s)"));
  g_autofree char *refused_summary = g_strdup_printf (ngettext ("%u change refused", "%u changes refused", 1), 1u);
  g_autoptr(GPtrArray) refused = NULL;
  g_autofree char *new_booking = NULL;
  GtkWidget *page;
  GtkWidget *button;

  g_assert_false (gtk_widget_get_visible (count));

  kiosk_test_server_listen (server, kiosk_test_server_get_port (server), &error);
  g_assert_no_error (error);
  kiosk_sync_engine_nudge (get_engine ());
  kiosk_ui_test_wait_until (one_refused, NULL, 90, "the server to refuse the kiosk's booking");
  kiosk_ui_test_wait_until (banner_gone, NULL, 30, "the banner to go");

  /* The rail's "Needs attention" shows the count; the header agrees. */
  g_assert_true (gtk_widget_get_visible (count));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "1");
  g_assert_cmpstr (kiosk_sync_status_get_summary (status), ==, refused_summary);

  refused = kiosk_desk_list_refused (get_context (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->len, ==, 1);
  g_assert_cmpstr (((KioskRefusedChange *) g_ptr_array_index (refused, 0))->code, ==, "slot_taken");

  enter_staff_mode ();
  kiosk_window_show_page (get_window (), "refused");
  kiosk_ui_test_wait_until (rows_on_page, NULL, 10, "the refused booking on the page");
  page = gtk_widget_get_ancestor (named ("refused-list"), KIOSK_TYPE_REFUSED_PAGE);
  kiosk_ui_test_wait_until (stack_settled, gtk_widget_get_ancestor (page, GTK_TYPE_STACK), 10, "the page to show");
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (get_window ()));
  kiosk_ui_test_screenshot (GTK_WIDGET (get_window ()), lang, "refused-rail-count");

  button = find_button (row_at (page, 0), prefix);
  g_assert_nonnull (button);
  press (button);
  kiosk_ui_test_wait_until (nothing_waits, NULL, 90, "the new booking to reach the server");

  /* Exactly one booking per slot on the server: the other person's at the
   * old slot (the kiosk's never got there), and the kiosk's new one. */
  g_assert_true (on_server (server_booking));
  g_assert_false (on_server (offline_booking));
  g_assert_cmpint (kiosk_test_server_count (server, "appointment"), ==, server_bookings + 2);
  {
    KioskReplica *replica = kiosk_context_get_replica (get_context ());
    g_autoptr(GPtrArray) entries = kiosk_replica_outbox_list (replica, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < entries->len; i++)
      {
        KioskOutboxEntry *entry = g_ptr_array_index (entries, i);

        if (g_strcmp0 (entry->kind, "appointment.create") == 0 && entry->state == KIOSK_OUTBOX_DONE &&
            g_strcmp0 (entry->entity_id, offline_booking) != 0)
          new_booking = g_strdup (entry->entity_id);
      }
  }
  g_assert_nonnull (new_booking);
  g_assert_true (on_server (new_booking));

  g_assert_false (gtk_widget_get_visible (count));
  g_assert_true (banner_gone (NULL));
  g_assert_cmpstr (kiosk_sync_status_get_summary (status), ==, _("Up to date"));

  /* Changes made at the desk that the server has not taken yet (as the
   * window counts them after a write): not "up to date" meanwhile. */
  {
    g_autofree char *to_send = g_strdup_printf (ngettext ("%u change to send", "%u changes to send", 2), 2u);

    kiosk_sync_status_set_counts (status, 2, 0);
    g_assert_cmpstr (kiosk_sync_status_get_summary (status), ==, to_send);
    kiosk_sync_status_set_counts (status, 0, 0);
    g_assert_cmpstr (kiosk_sync_status_get_summary (status), ==, _("Up to date"));
  }
}

/* ---- set-up ------------------------------------------------------------- */

static void
enroll (const char *data_dir)
{
  const char *url = kiosk_test_server_get_uri (server);
  g_autoptr(KioskCredentials) credentials = kiosk_credentials_new ();
  g_autofree char *db = g_build_filename (data_dir, "replica.db", NULL);
  g_autoptr(KioskEnrollment) enrollment = NULL;
  g_autoptr(KioskReplica) replica = NULL;
  g_autoptr(KioskStaffLock) lock = NULL;
  g_autoptr(GError) error = NULL;

  enrollment = kiosk_test_enroll_on_thread (server, CODE, "Ön büro (UI testi)", 30, &error);
  g_assert_no_error (error);
  replica = kiosk_replica_open (db, &error);
  g_assert_no_error (error);
  kiosk_test_enroll_save (credentials, replica, url, enrollment, &error);
  g_assert_no_error (error);
  lock = kiosk_staff_lock_new (replica, kiosk_test_server_get_salon_id (server));
  kiosk_staff_lock_set_pin (lock, PIN, NULL, &error);
  g_assert_no_error (error);
}

static void
setup_demo (void)
{
  g_autoptr(GError) error = NULL;

  demo_dir = g_dir_make_tmp ("kiosk-ui-refused-demo-XXXXXX", &error);
  g_assert_no_error (error);
  demo = kiosk_context_new (demo_dir, TRUE, 7, &error);
  g_assert_no_error (error);
  g_assert_null (kiosk_context_get_sync_engine (demo));

  demo_window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (demo_window), 1100, 760);
  demo_page = kiosk_refused_page_new (demo);
  kiosk_page_set_staff_mode (KIOSK_PAGE (demo_page), TRUE);
  gtk_window_set_child (GTK_WINDOW (demo_window), demo_page);
  gtk_window_present (GTK_WINDOW (demo_window));
  kiosk_ui_test_wait_for_paint (demo_window);
}

/* Runs inside the application, whose window put the style on the display;
 * the demo window is not the application's (its active window stays the
 * kiosk's). */
static void
test_demo_setup (void)
{
  setup_demo ();
}

static void
test_demo_teardown (void)
{
  gtk_window_destroy (GTK_WINDOW (demo_window));
  demo_window = NULL;
  demo_page = NULL;
  g_clear_object (&demo);
}

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

  lang = kiosk_ui_test_init (&argc, &argv);

  data_dir = g_dir_make_tmp ("kiosk-ui-refused-XXXXXX", &error);
  g_assert_no_error (error);
  server_dir = g_dir_make_tmp ("kiosk-ui-refused-server-XXXXXX", &error);
  g_assert_no_error (error);

  server = kiosk_test_server_new (server_dir, &error);
  g_assert_no_error (error);
  kiosk_test_server_listen (server, 0, &error);
  g_assert_no_error (error);
  kiosk_test_server_seed_demo (server, NULL, &error);
  g_assert_no_error (error);
  kiosk_test_server_add_pairing_code (server, CODE, 600);
  enroll (data_dir);

  g_test_add_func ("/ui/refused/demo/setup", test_demo_setup);
  g_test_add_func ("/ui/refused/demo/lists-slot-taken", test_lists_slot_taken);
  g_test_add_func ("/ui/refused/demo/book-next-slot", test_book_next_slot);
  g_test_add_func ("/ui/refused/demo/dismiss-with-note", test_dismiss_with_note);
  g_test_add_func ("/ui/refused/demo/teardown", test_demo_teardown);
  g_test_add_func ("/ui/refused/banner-offline", test_banner_offline);
  g_test_add_func ("/ui/refused/refused-after-outage", test_refused_after_outage);

  app = kiosk_application_new ("com.salonity.Kiosk.TestRefused", G_APPLICATION_NON_UNIQUE);

  data_arg = g_strdup_printf ("--data-dir=%s", data_dir);
  app_argv[0] = argv[0];
  app_argv[1] = data_arg;
  app_argv[2] = NULL;
  test_status = kiosk_ui_test_run_app (G_APPLICATION (app), app_argv, &app_status);
  g_clear_object (&app);
  g_clear_object (&server);

  kiosk_ui_test_remove_tree (data_dir);
  kiosk_ui_test_remove_tree (server_dir);
  if (demo_dir != NULL)
    kiosk_ui_test_remove_tree (demo_dir);
  g_free (demo_dir);
  g_free (offline_booking);
  g_free (server_booking);

  g_assert_cmpint (app_status, ==, 0);
  return test_status;
}
