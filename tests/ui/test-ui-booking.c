/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The calendar's booking and appointment panels, driven as staff use them, on
 * the demo salon with the clock pinned to a Wednesday morning: choose a
 * service, see the free times, choose one, find an existing customer by
 * typing, book; the replica then holds the pending booking and its outbox
 * entry, and that time is no longer offered. A time taken meanwhile is
 * refused inline with the times refreshed. A new customer is registered on
 * the way (not without KVKK consent; a known phone offers its owner). The
 * details panel checks one booking in, cancels another only after the
 * confirmation, and offers nothing (and does nothing) that the status does
 * not allow; a refusal of the desk is shown inline. Screenshots go to
 * <build>/screenshots/<lang>/.
 */
#define G_LOG_DOMAIN "test-ui-booking"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-context-private.h"
#include "kiosk-demo.h"
#include "kiosk-time.h"
#include "kiosk-context.h"
#include "kiosk-desk-bookings.h"
#include "kiosk-ui-test.h"
#include "kiosk-appointment-panel.h"
#include "kiosk-booking-panel.h"
#include "kiosk-customer-search.h"
#include "kiosk-format.h"

#define TODAY "2026-11-25"   /* a Wednesday: the demo salon is open 09:00-20:00 */

static const char   *lang;
static KioskContext *context;
static char         *data_dir;
static GtkWidget    *window;
static GtkWidget    *booking;       /* KioskBookingPanel */
static GtkWidget    *details;       /* KioskAppointmentPanel */

/* ---- helpers ------------------------------------------------------------ */

static KioskReplica *
replica (void)
{
  return kiosk_context_get_replica (context);
}

static GtkWidget *
find_named_in (GtkWidget  *widget,
               const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named_in (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
named (const char *name)
{
  GtkWidget *widget = find_named_in (window, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

static gboolean
shown (const char *name)
{
  return gtk_widget_is_drawable (named (name));
}

/* As a tap does: only on what is on screen and not greyed out. */
static void
tap (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_drawable (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
tap_named (const char *name)
{
  tap (named (name));
}

static const char *
label_of (const char *name)
{
  return gtk_label_get_text (GTK_LABEL (named (name)));
}

static const char *
step (void)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (named ("booking-steps")));
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child))
        g_ptr_array_add (out, child);
      else
        collect_buttons (child, out);
    }
}

/* The free-time buttons, in reading order. */
static GPtrArray *
slot_buttons (void)
{
  GPtrArray *out = g_ptr_array_new ();
  GtkWidget *grid = named ("booking-slots");
  int columns = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (grid); child; child = gtk_widget_get_next_sibling (child))
    {
      int column;

      gtk_grid_query_child (GTK_GRID (grid), child, &column, NULL, NULL, NULL);
      columns = MAX (columns, column + 1);
      g_ptr_array_add (out, child);
    }
  /* Children are appended in order: check the grid keeps reading order. */
  for (guint i = 0; i < out->len; i++)
    {
      int column, row;

      gtk_grid_query_child (GTK_GRID (grid), g_ptr_array_index (out, i), &column, &row, NULL, NULL);
      g_assert_cmpint (row * columns + column, ==, (int)i);
    }
  return out;
}

static GtkWidget *
button_with_data (const char *container,
                  const char *key,
                  const char *value)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_buttons (named (container), buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), key), value) == 0)
        return button;
    }
  return NULL;
}

/* A revealer shows its child once its animation has begun. */
static gboolean
child_revealed (gpointer data)
{
  return gtk_widget_is_drawable (GTK_WIDGET (data));
}

static gboolean
child_folded (gpointer data)
{
  return !gtk_widget_is_drawable (GTK_WIDGET (data));
}

static void
frame (void)
{
  kiosk_ui_test_wait_for_paint (window);
}

/* GTK's boxes count on a widget needing no more height at any width (and
 * no more width at any height) than its minimum says; one that does is
 * drawn over its neighbours when space is short, and GTK logs "Expect
 * overlapping widgets" (fatal here). GTK 4.8's horizontal box breaks this
 * when two of its children give a baseline (a title and a button side by
 * side): check every widget shown in @root, whatever its size today. */
#define HUGE_SIZE (1 << 20)

static void
assert_sizes_agree (GtkWidget *root)
{
  if (!gtk_widget_is_drawable (root))
    return;
  for (int o = GTK_ORIENTATION_HORIZONTAL; o <= GTK_ORIENTATION_VERTICAL; o++)
    {
      int least, at_huge;

      gtk_widget_measure (root, o, -1, &least, NULL, NULL, NULL);
      gtk_widget_measure (root, o, HUGE_SIZE, &at_huge, NULL, NULL, NULL);
      if (at_huge > least)
        g_error ("%s %s (in %s) has a minimum %s of %d, but needs %d for a %s of %d",
                 G_OBJECT_TYPE_NAME (root), gtk_widget_get_name (root),
                 gtk_widget_get_parent (root) != NULL ? G_OBJECT_TYPE_NAME (gtk_widget_get_parent (root)) : "-",
                 o == GTK_ORIENTATION_VERTICAL ? "height" : "width", least, at_huge,
                 o == GTK_ORIENTATION_VERTICAL ? "width" : "height", HUGE_SIZE);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    assert_sizes_agree (child);
}

static GPtrArray *
active_services (void)
{
  g_autoptr(GPtrArray) all = kiosk_replica_list_services (replica (), NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_service_free);

  g_assert_nonnull (all);
  while (all->len > 0)
    {
      KioskService *service = g_ptr_array_steal_index (all, 0);

      if (service->is_active)
        g_ptr_array_add (out, service);
      else
        kiosk_service_free (service);
    }
  return out;
}

static KioskService *
pick_service (void)
{
  g_autoptr(GPtrArray) services = active_services ();

  g_assert_cmpuint (services->len, >, 0);
  /* A short one: the demo day has room for it. */
  for (guint i = 0; i < services->len; i++)
    {
      KioskService *service = g_ptr_array_index (services, i);

      if (service->duration <= 45)
        return g_ptr_array_steal_index (services, i);
    }
  return g_ptr_array_steal_index (services, 0);
}

static char *
employee_name (const char *id)
{
  g_autoptr(GPtrArray) employees = kiosk_replica_list_employees (replica (), NULL);

  for (guint i = 0; i < employees->len; i++)
    {
      KioskEmployee *e = g_ptr_array_index (employees, i);

      if (g_strcmp0 (e->id, id) == 0)
        return g_strdup (e->name);
    }
  g_assert_not_reached ();
  return NULL;
}

static char *
slot_name (int start, const char *employee)
{
  g_autofree char *time = kiosk_format_time (start);
  g_autofree char *name = employee_name (employee);

  return g_strdup_printf (_("%s with %s"), time, name);
}

/* Chooses @service on the panel; moves on a day at a time until free times
 * are offered. Returns the date shown. */
static char *
choose_service_with_slots (const KioskService *service,
                           const char         *start_date)
{
  GtkWidget *button = button_with_data ("booking-services", "service-id", service->id);
  g_autofree char *shown_date = g_strdup (start_date);
  GDate date;

  g_assert_true (kiosk_date_parse (start_date, &date));

  g_assert_nonnull (button);
  tap (button);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  /* The list folds to the chosen one, with a way back. */
  kiosk_ui_test_wait_until (child_folded, named ("booking-services"), 10, "the service list to fold");
  g_assert_true (shown ("booking-change-service"));
  g_assert_true (strstr (label_of ("booking-chosen-service"), service->name) != NULL);
  for (int d = 0; d < 7; d++)
    {
      g_autoptr(GPtrArray) slots = slot_buttons ();

      if (slots->len > 0)
        return g_steal_pointer (&shown_date);
      /* No time: the reason is said in words. */
      g_assert_cmpstr (label_of ("booking-reason"), !=, "");
      tap_named ("booking-next-day");
      g_free (shown_date);
      {
        char buf[16];

        g_date_add_days (&date, 1);
        g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &date);
        shown_date = g_strdup (buf);
      }
    }
  g_error ("no free time for %s in a week", service->id);
  return NULL;
}

static gboolean
search_done (gpointer data)
{
  return *(gboolean *)data;
}

static void
on_search_finished (KioskCustomerSearch *search,
                    guint                n,
                    gboolean            *done)
{
  *done = TRUE;
}

/* Types part of the customer's surname and taps their row. */
static void
choose_customer_by_search (const KioskCustomer *customer)
{
  KioskCustomerSearch *search = KIOSK_CUSTOMER_SEARCH (named ("booking-customer-search"));
  gboolean done = FALSE;
  gulong handler = g_signal_connect (search, "search-finished", G_CALLBACK (on_search_finished), &done);
  g_autofree char *query = g_strdup_printf ("%s %s", customer->first_name, customer->last_name);
  GtkWidget *result;

  kiosk_customer_search_set_text (search, query);
  kiosk_ui_test_wait_until (search_done, &done, 20, "the customer search");
  g_signal_handler_disconnect (search, handler);
  frame ();

  result = button_with_data ("booking-customer-search", "customer-id", customer->id);
  g_assert_nonnull (result);
  tap (result);
}

static KioskCustomer *
pick_customer (guint skip)
{
  g_autoptr(GPtrArray) customers = kiosk_replica_list_customers (replica (), NULL);

  for (guint i = 0; i < customers->len; i++)
    {
      KioskCustomer *c = g_ptr_array_index (customers, i);

      if (c->first_name != NULL && c->last_name != NULL && *c->last_name != '\0' && skip-- == 0)
        return g_ptr_array_steal_index (customers, i);
    }
  g_assert_not_reached ();
  return NULL;
}

static KioskOutboxEntry *
outbox_entry (const char *kind,
              const char *entity_id)
{
  g_autoptr(GPtrArray) entries = kiosk_replica_outbox_list (replica (), NULL);
  KioskOutboxEntry *found = NULL;
  guint n = 0;

  g_assert_nonnull (entries);
  for (guint i = 0; i < entries->len; i++)
    {
      KioskOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->kind, kind) && g_strcmp0 (entry->entity_id, entity_id) == 0)
        {
          n++;
          if (found == NULL)
            found = g_ptr_array_steal_index (entries, i--);
        }
    }
  /* Each change is queued exactly once. */
  g_assert_cmpuint (n, <=, 1);
  return found;
}

static gboolean
panel_text_has (GtkWidget  *root,
                const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_drawable (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    if (panel_text_has (child, text))
      return TRUE;
  return FALSE;
}

static void
on_done (KioskBookingPanel *panel,
         const char        *id,
         char             **out)
{
  g_free (*out);
  *out = g_strdup (id);
}

static void
on_changed (KioskAppointmentPanel *panel,
            const char            *id,
            guint                 *count)
{
  (*count)++;
}

static void
on_flag (GtkWidget *panel,
         gboolean  *flag)
{
  *flag = TRUE;
}

/* An action the status does not allow, as a key binding or a stale
 * button would start it: nothing is recorded. */
static void
try_action (const char *name)
{
  gint64 outbox = kiosk_replica_count (replica (), "outbox", NULL);

  gtk_widget_activate_action (details, name, NULL);
  g_assert_cmpint (kiosk_replica_count (replica (), "outbox", NULL), ==, outbox);
}

static void
show_booking (void)
{
  gtk_widget_set_visible (booking, TRUE);
  gtk_widget_set_visible (details, FALSE);
}

static void
show_details (void)
{
  gtk_widget_set_visible (booking, FALSE);
  gtk_widget_set_visible (details, TRUE);
}

/* ---- booking ------------------------------------------------------------ */

static void
test_book_existing_customer (void)
{
  g_autoptr(KioskService) service = pick_service ();
  g_autoptr(KioskCustomer) customer = pick_customer (3);
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(KioskAppointment) appt = NULL;
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autofree char *date = NULL;
  g_autofree char *booked_id = NULL;
  g_autofree char *chosen_name = NULL;
  g_autofree char *chosen_employee = NULL;
  KioskSlotsReason reason;
  gboolean cancelled = FALSE;
  int chosen_start;
  guint distinct = 0;
  gulong done_handler, cancel_handler;

  show_booking ();
  kiosk_booking_panel_start (KIOSK_BOOKING_PANEL (booking), TODAY, NULL, -1);
  frame ();
  g_assert_cmpstr (step (), ==, "slot");
  /* Nothing chosen yet: the panel says what to do. */
  g_assert_cmpstr (label_of ("booking-reason"), ==, _("Choose a service to see the free times."));
  g_assert_cmpuint (((GPtrArray *)(slots = slot_buttons ()))->len, ==, 0);
  g_clear_pointer (&slots, g_ptr_array_unref);
  /* No booking in the past. */
  g_assert_false (gtk_widget_is_sensitive (named ("booking-previous-day")));

  date = choose_service_with_slots (service, TODAY);
  slots = slot_buttons ();
  frame ();
  kiosk_ui_test_screenshot (window, lang, "booking-slots");
  assert_sizes_agree (window);

  /* With anyone: one button per free time, as the desk finds them. */
  expected = kiosk_desk_find_slots (context, service->id, date, NULL, &reason, NULL);
  g_assert_nonnull (expected);
  g_assert_cmpint (reason, ==, KIOSK_SLOTS_AVAILABLE);
  for (guint i = 0; i < expected->len; i++)
    if (i == 0 || ((KioskSlot *)g_ptr_array_index (expected, i))->start !=
                  ((KioskSlot *)g_ptr_array_index (expected, i - 1))->start)
      distinct++;
  g_assert_cmpuint (slots->len, ==, distinct);
  /* Each says its time and who: "14:30 with Ayşe". */
  {
    const KioskSlot *first = g_ptr_array_index (expected, 0);
    g_autofree char *name = slot_name (first->start, first->employee);

    g_assert_cmpstr (gtk_widget_get_tooltip_text (g_ptr_array_index (slots, 0)), ==, name);
  }

  /* Choose a specific person, then a time in the middle of the day. */
  {
    const KioskSlot *pick = g_ptr_array_index (expected, expected->len / 2);
    GtkWidget *staff = button_with_data ("booking-staff", "employee-id", pick->employee);

    g_assert_nonnull (staff);
    tap (staff);
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (staff)));
    chosen_start = pick->start;
    chosen_employee = g_strdup (pick->employee);
    chosen_name = slot_name (pick->start, pick->employee);
  }
  g_clear_pointer (&slots, g_ptr_array_unref);
  slots = slot_buttons ();
  {
    g_autoptr(GPtrArray) own = kiosk_desk_find_slots (context, service->id, date, chosen_employee, NULL, NULL);
    GtkWidget *chosen = NULL;

    /* Only the chosen person's times now, each of them. */
    g_assert_cmpuint (slots->len, ==, own->len);
    for (guint i = 0; i < slots->len; i++)
      {
        GtkWidget *b = g_ptr_array_index (slots, i);
        g_autofree char *name = slot_name (((KioskSlot *)g_ptr_array_index (own, i))->start, chosen_employee);

        g_assert_cmpstr (gtk_widget_get_tooltip_text (b), ==, name);
        if (g_strcmp0 (name, chosen_name) == 0)
          chosen = b;
      }
    g_assert_nonnull (chosen);
    tap (chosen);
  }
  g_assert_cmpstr (step (), ==, "customer");
  frame ();
  assert_sizes_agree (window);

  choose_customer_by_search (customer);
  g_assert_cmpstr (step (), ==, "summary");
  frame ();
  {
    g_autofree char *full = g_strdup_printf ("%s %s", customer->first_name, customer->last_name);

    g_assert_true (panel_text_has (named ("booking-summary"), full));
    g_assert_true (panel_text_has (named ("booking-summary"), service->name));
  }
  kiosk_ui_test_screenshot (window, lang, "booking-summary");
  assert_sizes_agree (window);

  done_handler = g_signal_connect (booking, "done", G_CALLBACK (on_done), &booked_id);
  tap_named ("booking-book");
  g_signal_handler_disconnect (booking, done_handler);

  g_assert_nonnull (booked_id);
  g_assert_cmpstr (step (), ==, "booked");
  /* No sync engine on the demo: nothing to wait for. */
  g_assert_cmpstr (label_of ("booking-booked"), ==, _("Booked"));
  g_assert_true (strstr (label_of ("booking-booked-detail"), chosen_name) != NULL);
  frame ();
  assert_sizes_agree (window);

  /* The replica holds it, pending, with its outbox entry. */
  appt = kiosk_replica_get_appointment (replica (), booked_id, NULL);
  g_assert_nonnull (appt);
  g_assert_true (appt->pending);
  g_assert_cmpstr (appt->customer, ==, customer->id);
  g_assert_cmpstr (appt->service, ==, service->id);
  g_assert_cmpstr (appt->employee, ==, chosen_employee);
  g_assert_cmpstr (appt->appointment_date, ==, date);
  g_assert_cmpint (appt->appointment_time, ==, chosen_start);
  entry = outbox_entry ("appointment.create", booked_id);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->state, ==, KIOSK_OUTBOX_PENDING);
  g_assert_nonnull (strstr (entry->payload, customer->id));

  /* That time is no longer offered with that person. */
  tap_named ("booking-another");
  g_assert_cmpstr (step (), ==, "slot");
  kiosk_booking_panel_start (KIOSK_BOOKING_PANEL (booking), date, chosen_employee, -1);
  tap (button_with_data ("booking-services", "service-id", service->id));
  kiosk_ui_test_wait_until (child_folded, named ("booking-services"), 10, "the service list to fold");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button_with_data ("booking-staff", "employee-id",
                                                                                    chosen_employee))));
  again = slot_buttons ();
  for (guint i = 0; i < again->len; i++)
    g_assert_cmpstr (gtk_widget_get_tooltip_text (g_ptr_array_index (again, i)), !=, chosen_name);
  if (again->len == 0)
    {
      g_autoptr(GPtrArray) next_day = NULL;

      /* That was the last time of the day: said so, and the next free offered. */
      g_assert_cmpstr (label_of ("booking-reason"), ==, kiosk_slots_reason_describe (KIOSK_SLOTS_FULL));
      g_assert_true (shown ("booking-next-free"));
      tap_named ("booking-next-free");
      next_day = slot_buttons ();
      g_assert_cmpuint (next_day->len, >, 0);
      /* The offered time has the keyboard focus, ready to be chosen. */
      frame ();
      g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), named ("booking-slots")));
      kiosk_ui_test_screenshot (window, lang, "booking-next-free");
      assert_sizes_agree (window);
    }

  /* Close says "cancelled"; clear() forgets everything. */
  cancel_handler = g_signal_connect (booking, "cancelled", G_CALLBACK (on_flag), &cancelled);
  tap_named ("booking-close");
  g_signal_handler_disconnect (booking, cancel_handler);
  g_assert_true (cancelled);
}

static void
test_slot_taken_meanwhile (void)
{
  g_autoptr(KioskService) service = pick_service ();
  g_autoptr(KioskCustomer) customer = pick_customer (5);
  g_autoptr(KioskCustomer) other = pick_customer (6);
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autofree char *date = NULL;
  g_autofree char *taken_id = NULL;
  g_autofree char *booked_id = NULL;
  g_autofree char *chosen_name = NULL;
  g_autofree char *employee = NULL;
  g_autoptr(GError) error = NULL;
  gint64 outbox_before;
  int start;
  gulong handler;

  show_booking ();
  kiosk_booking_panel_start (KIOSK_BOOKING_PANEL (booking), TODAY, NULL, -1);
  date = choose_service_with_slots (service, TODAY);
  expected = kiosk_desk_find_slots (context, service->id, date, NULL, NULL, NULL);
  g_assert_cmpuint (expected->len, >, 0);
  {
    const KioskSlot *pick = g_ptr_array_index (expected, expected->len - 1);

    employee = g_strdup (pick->employee);
    start = pick->start;
    chosen_name = slot_name (pick->start, pick->employee);
  }
  tap (button_with_data ("booking-staff", "employee-id", employee));
  slots = slot_buttons ();
  for (guint i = 0; i < slots->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (slots, i)), chosen_name) == 0)
      tap (g_ptr_array_index (slots, i));
  g_assert_cmpstr (step (), ==, "customer");
  choose_customer_by_search (customer);
  g_assert_cmpstr (step (), ==, "summary");

  /* Someone else takes the time while the summary is on screen. */
  taken_id = kiosk_desk_book (context, other->id, service->id, employee, date, start, NULL, &error);
  g_assert_no_error (error);
  outbox_before = kiosk_replica_count (replica (), "outbox", NULL);

  handler = g_signal_connect (booking, "done", G_CALLBACK (on_done), &booked_id);
  tap_named ("booking-book");
  g_signal_handler_disconnect (booking, handler);

  /* Refused inline, back at the times, which no longer offer it. */
  g_assert_null (booked_id);
  g_assert_cmpstr (step (), ==, "slot");
  frame ();
  g_assert_true (shown ("booking-slot-error"));
  g_assert_cmpstr (label_of ("booking-slot-error"), !=, "");
  after = slot_buttons ();
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (gtk_widget_get_tooltip_text (g_ptr_array_index (after, i)), !=, chosen_name);
  g_assert_cmpint (kiosk_replica_count (replica (), "outbox", NULL), ==, outbox_before);
  kiosk_ui_test_screenshot (window, lang, "booking-slot-taken");
  assert_sizes_agree (window);

  /* The customer is still chosen: another time goes straight to the summary. */
  g_assert_cmpuint (after->len, >, 0);
  tap (g_ptr_array_index (after, 0));
  g_assert_cmpstr (step (), ==, "summary");
  g_assert_false (shown ("booking-slot-error"));
}

static void
test_new_customer (void)
{
  g_autoptr(KioskService) service = pick_service ();
  g_autoptr(KioskCustomer) known = pick_customer (8);
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(KioskAppointment) appt = NULL;
  g_autoptr(KioskCustomer) added = NULL;
  g_autoptr(KioskOutboxEntry) customer_entry = NULL;
  g_autoptr(KioskOutboxEntry) booking_entry = NULL;
  g_autofree char *date = NULL;
  g_autofree char *booked_id = NULL;
  gint64 customers_before = kiosk_replica_count (replica (), "customer", NULL);
  gulong handler;

  show_booking ();
  kiosk_booking_panel_start (KIOSK_BOOKING_PANEL (booking), TODAY, NULL, -1);
  date = choose_service_with_slots (service, TODAY);
  slots = slot_buttons ();
  tap (g_ptr_array_index (slots, 0));
  g_assert_cmpstr (step (), ==, "customer");

  tap_named ("booking-new-customer");
  frame ();
  kiosk_ui_test_wait_until (child_revealed, named ("booking-add-customer"), 10, "the new customer form");
  gtk_editable_set_text (GTK_EDITABLE (named ("booking-first-name")), "Işıl");
  gtk_editable_set_text (GTK_EDITABLE (named ("booking-last-name")), "Çağlayan");
  gtk_editable_set_text (GTK_EDITABLE (named ("booking-phone")), "0532 987 65 43");

  /* Without the KVKK consent: said why, nothing kept. */
  tap_named ("booking-add-customer");
  g_assert_cmpstr (step (), ==, "customer");
  g_assert_true (shown ("booking-new-customer-error"));
  g_assert_cmpint (kiosk_replica_count (replica (), "customer", NULL), ==, customers_before);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named ("booking-first-name"))), ==, "Işıl");

  /* A phone that is already a member's: its owner is offered. */
  {
    g_autofree char *typed = g_strdup_printf ("0%s", known->phone + 3);

    gtk_editable_set_text (GTK_EDITABLE (named ("booking-phone")), typed);
    gtk_check_button_set_active (GTK_CHECK_BUTTON (named ("booking-consent")), TRUE);
    tap_named ("booking-add-customer");
    g_assert_cmpstr (step (), ==, "customer");
    g_assert_true (shown ("booking-use-existing"));
    g_assert_nonnull (strstr (label_of ("booking-new-customer-error"), known->first_name));
    g_assert_cmpint (kiosk_replica_count (replica (), "customer", NULL), ==, customers_before);
    /* The whole form, its message and both buttons shown. */
    frame ();
    assert_sizes_agree (window);
  }

  gtk_editable_set_text (GTK_EDITABLE (named ("booking-phone")), "0532 987 65 43");
  tap_named ("booking-add-customer");
  g_assert_cmpstr (step (), ==, "summary");
  g_assert_cmpint (kiosk_replica_count (replica (), "customer", NULL), ==, customers_before + 1);
  g_assert_true (panel_text_has (named ("booking-summary"), "Işıl Çağlayan"));
  frame ();
  kiosk_ui_test_screenshot (window, lang, "booking-new-customer");
  assert_sizes_agree (window);

  handler = g_signal_connect (booking, "done", G_CALLBACK (on_done), &booked_id);
  tap_named ("booking-book");
  g_signal_handler_disconnect (booking, handler);
  g_assert_nonnull (booked_id);

  appt = kiosk_replica_get_appointment (replica (), booked_id, NULL);
  added = kiosk_replica_get_customer (replica (), appt->customer, NULL);
  g_assert_nonnull (added);
  g_assert_cmpstr (added->first_name, ==, "Işıl");
  g_assert_cmpstr (added->phone, ==, "+905329876543");
  g_assert_true (added->pending);
  g_assert_nonnull (added->consent_at);
  customer_entry = outbox_entry ("customer.create", added->id);
  booking_entry = outbox_entry ("appointment.create", booked_id);
  g_assert_nonnull (customer_entry);
  g_assert_nonnull (booking_entry);
  /* The customer is created first on the server. */
  g_assert_cmpint (customer_entry->id, <, booking_entry->id);

  /* Staff lock: nothing of the customer is left. */
  kiosk_booking_panel_clear (KIOSK_BOOKING_PANEL (booking));
  g_assert_cmpstr (step (), ==, "slot");
  g_assert_false (panel_text_has (booking, "Işıl"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named ("booking-first-name"))), ==, "");
}

/* ---- details -------------------------------------------------------------- */

/* Today's open bookings from @from on, not checked in, by time. */
static GPtrArray *
open_bookings_today (int from)
{
  g_autoptr(GPtrArray) all = kiosk_replica_list_appointments (replica (), TODAY, TODAY, NULL);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify)kiosk_appointment_free);

  while (all->len > 0)
    {
      KioskAppointment *a = g_ptr_array_steal_index (all, 0);

      if (a->status == KIOSK_APPOINTMENT_CONFIRMED && a->checked_in_at == NULL && !a->pending &&
          a->appointment_time >= from)
        g_ptr_array_add (out, a);
      else
        kiosk_appointment_free (a);
    }
  return out;
}

static void
test_details_actions (void)
{
  g_autoptr(GPtrArray) open = open_bookings_today (11 * 3600);
  g_autoptr(KioskAppointment) after = NULL;
  g_autoptr(KioskOutboxEntry) entry = NULL;
  g_autoptr(KioskAppointment) stale = NULL;
  const KioskAppointment *first, *second, *third;
  guint changed = 0;
  gboolean closed = FALSE;
  gulong handler, close_handler;

  g_assert_cmpuint (open->len, >=, 3);
  first = g_ptr_array_index (open, 0);
  second = g_ptr_array_index (open, 1);
  third = g_ptr_array_index (open, 2);

  show_details ();
  handler = g_signal_connect (details, "changed", G_CALLBACK (on_changed), &changed);

  /* An upcoming booking of today: check in and cancel, not complete or no-show. */
  kiosk_appointment_panel_set_appointment (KIOSK_APPOINTMENT_PANEL (details), first->id);
  frame ();
  g_assert_true (shown ("appointment-check-in"));
  g_assert_true (shown ("appointment-cancel"));
  g_assert_false (shown ("appointment-complete"));
  g_assert_false (shown ("appointment-no-show"));
  g_assert_false (shown ("appointment-confirm"));
  {
    g_autofree char *range = kiosk_format_time_range (first->appointment_time, first->end_time);

    g_assert_cmpstr (label_of ("appointment-time"), ==, range);
  }
  g_assert_true (panel_text_has (named ("appointment-status"), _("Confirmed")));
  kiosk_ui_test_screenshot (window, lang, "appointment-details");
  assert_sizes_agree (window);

  tap_named ("appointment-check-in");
  g_assert_cmpuint (changed, ==, 1);
  after = kiosk_replica_get_appointment (replica (), first->id, NULL);
  g_assert_nonnull (after->checked_in_at);
  g_assert_true (after->pending);
  entry = outbox_entry ("appointment.check_in", first->id);
  g_assert_nonnull (entry);
  frame ();
  /* Early (now is 10:00, the booking from 11:00 on), said in words. */
  g_assert_true (shown ("appointment-message"));
  g_assert_true (shown ("appointment-checked-in"));
  g_assert_true (panel_text_has (named ("appointment-status"), _("Checked in")));
  g_assert_true (panel_text_has (named ("appointment-status"), _("Pending")));
  /* Once in: complete fits, check in and cancel no longer. */
  g_assert_false (shown ("appointment-check-in"));
  g_assert_true (shown ("appointment-complete"));
  g_assert_false (shown ("appointment-cancel"));
  kiosk_ui_test_screenshot (window, lang, "appointment-checked-in");
  assert_sizes_agree (window);
  /* Not even by its action: nothing more is queued. */
  try_action ("appointment.check-in");
  g_assert_cmpuint (changed, ==, 1);

  /* Cancel asks first. */
  kiosk_appointment_panel_set_appointment (KIOSK_APPOINTMENT_PANEL (details), second->id);
  frame ();
  g_assert_false (shown ("appointment-cancel-confirm"));
  try_action ("appointment.cancel-confirmed");
  tap_named ("appointment-cancel");
  kiosk_ui_test_wait_until (child_revealed, named ("appointment-cancel-confirm"), 10, "the cancel question");
  g_clear_pointer (&after, kiosk_appointment_free);
  after = kiosk_replica_get_appointment (replica (), second->id, NULL);
  g_assert_cmpint (after->status, ==, KIOSK_APPOINTMENT_CONFIRMED);
  /* "Keep it" takes the question back. */
  tap_named ("appointment-cancel-keep");
  try_action ("appointment.cancel-confirmed");
  tap_named ("appointment-cancel");
  kiosk_ui_test_wait_until (child_revealed, named ("appointment-cancel-confirm"), 10, "the cancel question");
  tap_named ("appointment-cancel-confirm");
  g_assert_cmpuint (changed, ==, 2);
  g_clear_pointer (&after, kiosk_appointment_free);
  after = kiosk_replica_get_appointment (replica (), second->id, NULL);
  g_assert_cmpint (after->status, ==, KIOSK_APPOINTMENT_CANCELLED);
  g_assert_true (after->pending);
  g_clear_pointer (&entry, kiosk_outbox_entry_free);
  entry = outbox_entry ("appointment.status", second->id);
  g_assert_nonnull (entry);
  g_assert_nonnull (strstr (entry->payload, "cancelled"));
  frame ();
  /* A cancelled booking offers nothing. */
  g_assert_true (panel_text_has (named ("appointment-status"), _("Cancelled")));
  g_assert_false (shown ("appointment-check-in"));
  g_assert_false (shown ("appointment-complete"));
  g_assert_false (shown ("appointment-cancel"));
  g_assert_false (shown ("appointment-no-show"));
  try_action ("appointment.check-in");
  try_action ("appointment.complete");
  g_assert_cmpuint (changed, ==, 2);
  kiosk_ui_test_screenshot (window, lang, "appointment-cancelled");
  assert_sizes_agree (window);

  /* Changed elsewhere while on screen (written without telling anyone):
   * the desk refuses and the panel says so, then shows the booking as it is. */
  kiosk_appointment_panel_set_appointment (KIOSK_APPOINTMENT_PANEL (details), third->id);
  frame ();
  stale = kiosk_replica_get_appointment (replica (), third->id, NULL);
  stale->status = KIOSK_APPOINTMENT_NO_SHOW;
  stale->version++;
  g_assert_true (kiosk_replica_put_appointment (replica (), stale, NULL));
  g_assert_true (shown ("appointment-check-in"));
  tap_named ("appointment-check-in");
  g_assert_cmpuint (changed, ==, 2);
  frame ();
  g_assert_true (shown ("appointment-error"));
  g_assert_cmpstr (label_of ("appointment-error"), !=, "");
  g_assert_false (shown ("appointment-check-in"));
  g_assert_null (outbox_entry ("appointment.check_in", third->id));

  close_handler = g_signal_connect (details, "closed", G_CALLBACK (on_flag), &closed);
  tap_named ("appointment-close");
  g_assert_true (closed);
  g_signal_handler_disconnect (details, close_handler);
  g_signal_handler_disconnect (details, handler);

  /* Nothing to show: says so, offers nothing. */
  kiosk_appointment_panel_set_appointment (KIOSK_APPOINTMENT_PANEL (details), NULL);
  g_assert_true (shown ("appointment-empty"));
  try_action ("appointment.cancel");
}

/* A booking whose time has begun and nobody came: no-show fits; a
 * completed one offers nothing. */
static void
test_details_past (void)
{
  g_autoptr(GPtrArray) all = kiosk_replica_list_appointments (replica (), TODAY, TODAY, NULL);
  const KioskAppointment *begun = NULL;
  const KioskAppointment *done = NULL;

  for (guint i = 0; i < all->len; i++)
    {
      const KioskAppointment *a = g_ptr_array_index (all, i);

      if (begun == NULL && a->status == KIOSK_APPOINTMENT_CONFIRMED && a->checked_in_at == NULL &&
          a->appointment_time < 10 * 3600)
        begun = a;
      if (done == NULL && a->status == KIOSK_APPOINTMENT_COMPLETED)
        done = a;
    }

  show_details ();
  if (begun != NULL)
    {
      kiosk_appointment_panel_set_appointment (KIOSK_APPOINTMENT_PANEL (details), begun->id);
      g_assert_true (shown ("appointment-no-show"));
      g_assert_true (shown ("appointment-complete"));
    }
  g_assert_nonnull (done);
  kiosk_appointment_panel_set_appointment (KIOSK_APPOINTMENT_PANEL (details), done->id);
  frame ();
  g_assert_true (panel_text_has (named ("appointment-status"), _("Completed")));
  g_assert_false (shown ("appointment-check-in"));
  g_assert_false (shown ("appointment-cancel"));
  g_assert_false (shown ("appointment-no-show"));
  g_assert_false (shown ("appointment-complete"));
}

/* ---- set-up ------------------------------------------------------------- */

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  KioskDemoOptions options;
  GtkWidget *box;
  int status;

  lang = kiosk_ui_test_init (&argc, &argv);
  gtk_init ();
  /* The program's style sheet, as its window loads it: fonts and paddings
   * decide how the panels' rows measure (see assert_sizes_agree()). */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/com/salonity/Kiosk/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  data_dir = g_dir_make_tmp ("kiosk-test-ui-booking-XXXXXX", &error);
  g_assert_no_error (error);
  context = kiosk_context_new (data_dir, FALSE, 0, &error);
  g_assert_no_error (error);
  /* Wednesday 10:00 in the salon (Europe/Istanbul, +03:00 all year). */
  tz = g_time_zone_new_identifier ("Europe/Istanbul");
  if (tz == NULL)
    tz = g_time_zone_new_offset (3 * 3600);
  now = g_date_time_new (tz, 2026, 11, 25, 10, 0, 0);
  kiosk_context_set_now (context, now);
  kiosk_demo_options_init (&options, TODAY);
  g_assert_true (kiosk_demo_populate (replica (), &options, &error));
  g_assert_no_error (error);
  kiosk_context_notify_replica_changed (context);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 900);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  booking = kiosk_booking_panel_new (context);
  details = kiosk_appointment_panel_new (context);
  gtk_widget_set_hexpand (booking, TRUE);
  gtk_widget_set_hexpand (details, TRUE);
  gtk_box_append (GTK_BOX (box), booking);
  gtk_box_append (GTK_BOX (box), details);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  kiosk_ui_test_wait_for_paint (window);

  g_test_add_func ("/booking/book-existing-customer", test_book_existing_customer);
  g_test_add_func ("/booking/slot-taken-meanwhile", test_slot_taken_meanwhile);
  g_test_add_func ("/booking/new-customer", test_new_customer);
  g_test_add_func ("/appointment/check-in-and-cancel", test_details_actions);
  g_test_add_func ("/appointment/past-and-completed", test_details_past);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  kiosk_ui_test_remove_tree (data_dir);
  g_free (data_dir);
  return status;
}
