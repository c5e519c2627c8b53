/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Starts the real application on the demo salon, visits every page as a
 * person would, checks that each shows the replica's data in the user's
 * language, and keeps a screenshot of each page under
 * <build>/screenshots/<lang>/<page>.png. The kiosk's clock starts at 12:30
 * on a Wednesday in Istanbul, when the salon is open, whatever the real
 * date and time.
 */
#define G_LOG_DOMAIN "test-ui-smoke"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kiosk-context-private.h"
#include "kiosk-loyalty.h"
#include "kiosk-time.h"
#include "kiosk-application.h"
#include "kiosk-ui-test.h"
#include "kiosk-format.h"
#include "kiosk-day-block-private.h"
#include "kiosk-day-view.h"
#include "kiosk-page.h"
#include "kiosk-window.h"

static const char *page_names[] = { "welcome", "walkins", "checkin", "loyalty", "queue", "calendar", "refused", "staff", "settings" };
/* The rail's labels, as msgids; the test compares with their translation. */
static const char *page_titles[] = { N_("Welcome"), N_("Walk-ins"), N_("Check-in"), N_("Loyalty"), N_("Queue"), N_("Calendar"), N_("Needs attention"), N_("Team"), N_("Settings") };

/* Month names by language: [0] Turkish, [1] English. */
static const char * const months[2][12] = {
  { "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz",
    "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık" },
  { "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December" },
};

static KioskApplication *app;
static const char *lang;   /* "tr" or "en", from LANGUAGE */

/* ---- helpers ------------------------------------------------------------ */

static KioskWindow *
get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_nonnull (window);
  g_assert_true (KIOSK_IS_WINDOW (window));
  return KIOSK_WINDOW (window);
}

static KioskReplica *
get_replica (void)
{
  KioskContext *context = kiosk_application_get_context (app);

  g_assert_nonnull (context);
  return kiosk_context_get_replica (context);
}

static void
collect_widgets (GtkWidget  *widget,
                 GPtrArray  *out,
                 gboolean  (*match) (GtkWidget *widget))
{
  if (match (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, out, match);
}

/* The window's tab lists, not those inside a page (the calendar's
 * Day/Week switch is one too). */
static gboolean
is_tab_list (GtkWidget *widget)
{
  return gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_TAB_LIST &&
         gtk_widget_get_ancestor (widget, KIOSK_TYPE_PAGE) == NULL;
}

static gboolean
is_tab (GtkWidget *widget)
{
  return gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_TAB;
}

static gboolean
is_label (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget);
}

static gboolean
is_day_view (GtkWidget *widget)
{
  return KIOSK_IS_DAY_VIEW (widget) && gtk_widget_get_mapped (widget);
}

/* The calendar's Day/Week stack. */
static gboolean
is_view_stack (GtkWidget *widget)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "week") != NULL;
}

/* The stack of pages (the window has another for the pairing screen). */
static gboolean
is_stack (GtkWidget *widget)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "welcome") != NULL;
}

/* The texts of the labels a person can see under @root. */
static GPtrArray *
visible_texts (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GPtrArray *texts = g_ptr_array_new ();

  collect_widgets (root, labels, is_label);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_is_drawable (label))
        g_ptr_array_add (texts, (gpointer)gtk_label_get_text (GTK_LABEL (label)));
    }
  return texts;
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_text_containing (GPtrArray  *texts,
                     const char *text)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), text) != NULL)
      return TRUE;
  return FALSE;
}

#define assert_shows(texts, text) \
  G_STMT_START { \
    if (!has_text ((texts), (text))) \
      g_error ("the page does not show “%s”", (text)); \
  } G_STMT_END

#define assert_shows_containing(texts, text) \
  G_STMT_START { \
    if (!has_text_containing ((texts), (text))) \
      g_error ("the page shows nothing with “%s”", (text)); \
  } G_STMT_END

static GtkStack *
get_stack (KioskWindow *window)
{
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), stacks, is_stack);
  g_assert_cmpuint (stacks->len, ==, 1);
  return g_ptr_array_index (stacks, 0);
}

/* Shows @name through the window's API and waits until it is on screen. */
static GtkWidget *
visit_page (const char *name)
{
  KioskWindow *window = get_window ();
  GtkStack *stack = get_stack (window);
  GtkWidget *page;

  kiosk_window_show_page (window, name);
  g_assert_cmpstr (kiosk_window_get_page (window), ==, name);

  page = gtk_stack_get_visible_child (stack);
  g_assert_nonnull (page);
  while (gtk_stack_get_transition_running (stack))
    g_main_context_iteration (NULL, TRUE);
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (window));

  return page;
}

static gboolean
is_today (const char *iso,
          GDateTime  *now)
{
  g_autoptr(GDateTime) parsed = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (parsed == NULL)
    return TRUE;
  local = g_date_time_to_timezone (parsed, g_date_time_get_timezone (now));
  return g_date_time_get_year (local) == g_date_time_get_year (now) &&
         g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now);
}

/* ---- tests -------------------------------------------------------------- */

static void
test_navigation (void)
{
  KioskWindow *window = get_window ();
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autoptr(GPtrArray) tabs = g_ptr_array_new ();
  g_autoptr(KioskSalon) salon = kiosk_replica_get_salon (get_replica (), NULL);
  g_autoptr(GPtrArray) title_texts = NULL;
  GtkWidget *rail;

  kiosk_ui_test_wait_for_paint (GTK_WIDGET (window));

  collect_widgets (GTK_WIDGET (window), lists, is_tab_list);
  g_assert_cmpuint (lists->len, ==, 1);
  rail = g_ptr_array_index (lists, 0);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (rail), GTK_ACCESSIBLE_ROLE_TAB_LIST);

  collect_widgets (rail, tabs, is_tab);
  g_assert_cmpuint (tabs->len, ==, G_N_ELEMENTS (page_titles));

  /* The kiosk opens in customer mode: the staff pages are not in the rail
   * (the demo salon needs no PIN to open them). */
  g_assert_false (kiosk_window_get_staff_mode (window));
  for (guint i = 0; i < tabs->len; i++)
    g_assert_true (gtk_widget_get_visible (g_ptr_array_index (tabs, i)) == (i < 4));
  kiosk_window_request_staff_mode (window);
  g_assert_true (kiosk_window_get_staff_mode (window));
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (window));

  for (guint i = 0; i < tabs->len; i++)
    {
      GtkWidget *tab = g_ptr_array_index (tabs, i);
      const char *expected = _(page_titles[i]);
      g_autoptr(GPtrArray) texts = visible_texts (tab);

      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (tab), GTK_ACCESSIBLE_ROLE_TAB);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (tab), GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
      /* What a screen reader says is what is written. */
      assert_shows (texts, expected);
    }

  /* The catalogue is really used: the rail speaks the user's language. */
  if (g_str_equal (lang, "tr"))
    {
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (tabs, 5)),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, "Takvim");
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (tabs, 7)),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, "Ekip");
    }
  else
    {
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (tabs, 5)),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, "Calendar");
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (g_ptr_array_index (tabs, 7)),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL, "Team");
    }

  /* Each tab follows the page, whichever way it was changed. */
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      kiosk_window_show_page (window, page_names[i]);
      for (guint j = 0; j < tabs->len; j++)
        gtk_test_accessible_assert_state (GTK_ACCESSIBLE (g_ptr_array_index (tabs, j)),
                                          GTK_ACCESSIBLE_STATE_SELECTED, i == j);
    }

  /* And the action does the same as the API. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "loyalty"));
  g_assert_cmpstr (kiosk_window_get_page (window), ==, "loyalty");
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (g_ptr_array_index (tabs, 3)), GTK_ACCESSIBLE_STATE_SELECTED, TRUE);

  /* The salon's name heads the window. */
  g_assert_nonnull (salon);
  title_texts = visible_texts (gtk_window_get_titlebar (GTK_WINDOW (window)));
  assert_shows (title_texts, salon->name);
}

static void
test_welcome (void)
{
  GtkWidget *page = visit_page ("welcome");
  g_autoptr(GPtrArray) texts = visible_texts (page);
  KioskContext *context = kiosk_application_get_context (app);
  g_autoptr(KioskSalon) salon = kiosk_replica_get_salon (get_replica (), NULL);
  g_autoptr(GPtrArray) hours = kiosk_replica_list_working_hours (get_replica (), NULL);
  g_autoptr(GDateTime) now = kiosk_context_dup_now (context);
  g_autofree char *today = kiosk_context_dup_today (context);
  g_autofree char *long_date = kiosk_format_long_date (now);
  const char *month = months[g_str_equal (lang, "tr") ? 0 : 1][g_date_time_get_month (now) - 1];
  int day = kiosk_date_day_of_week (today);
  gboolean found_hours = FALSE;

  g_assert_nonnull (salon);
  assert_shows (texts, salon->name);
  assert_shows (texts, long_date);
  /* The long date names the month in the user's language ("Kasım"). */
  assert_shows_containing (texts, month);

  g_assert_nonnull (hours);
  for (guint i = 0; i < hours->len; i++)
    {
      const KioskWorkingHours *wh = g_ptr_array_index (hours, i);

      if (wh->day_of_week != day)
        continue;
      found_hours = TRUE;
      if (wh->is_closed)
        assert_shows_containing (texts, _("Closed now"));
      else
        {
          g_autofree char *range = kiosk_format_time_range (wh->opening_time, wh->closing_time);
          g_autofree char *open_today = g_strdup_printf (_("Open today %s"), range);

          assert_shows (texts, open_today);
        }
    }
  g_assert_true (found_hours);

  kiosk_ui_test_screenshot (GTK_WIDGET (get_window ()), lang, "welcome");
}

static void
assert_money_in_locale (const char *money)
{
  g_autoptr(GRegex) pattern =
    g_regex_new (g_str_equal (lang, "tr") ? "^₺[0-9]{1,3}(\\.[0-9]{3})*,[0-9]{2}$"
                                          : "^₺[0-9]{1,3}(,[0-9]{3})*\\.[0-9]{2}$",
                 0, 0, NULL);

  if (!g_regex_match (pattern, money, 0, NULL))
    g_error ("“%s” is not money as written in %s", money, lang);
}

/* A customer page as a customer sees it (the navigation test left the
 * window in staff mode, which the other pages' tests keep). */
static GtkWidget *
visit_customer_page (const char *name)
{
  kiosk_window_lock (get_window ());
  g_assert_false (kiosk_window_get_staff_mode (get_window ()));
  return visit_page (name);
}

static void
test_walkins (void)
{
  GtkWidget *page = visit_customer_page ("walkins");
  g_autoptr(GPtrArray) texts = visible_texts (page);
  g_autoptr(GPtrArray) services = kiosk_replica_list_services (get_replica (), NULL);
  g_autoptr(GPtrArray) walkins = kiosk_replica_list_walkins (get_replica (), NULL);
  g_autoptr(GDateTime) now = kiosk_context_dup_now (kiosk_application_get_context (app));
  guint n_active = 0;
  guint n_queue = 0;

  g_assert_nonnull (services);
  for (guint i = 0; i < services->len; i++)
    {
      const KioskService *service = g_ptr_array_index (services, i);
      g_autofree char *price = kiosk_format_money (service->price);

      if (!service->is_active)
        continue;
      n_active++;
      assert_shows (texts, service->name);
      assert_shows (texts, price);
      assert_money_in_locale (price);
    }
  g_assert_cmpuint (n_active, >, 0);

  g_assert_nonnull (walkins);
  for (guint i = 0; i < walkins->len; i++)
    {
      const KioskWalkin *walkin = g_ptr_array_index (walkins, i);
      g_autofree char *name = kiosk_format_private_name (walkin->name);

      if (walkin->status != KIOSK_WALKIN_WAITING && walkin->status != KIOSK_WALKIN_CALLED &&
          walkin->status != KIOSK_WALKIN_IN_SERVICE)
        continue;
      if (!is_today (walkin->arrived_at, now))
        continue;
      n_queue++;
      /* Customer mode: the queue in counts and waits, nobody's name. */
      g_assert_false (has_text_containing (texts, walkin->name));
      g_assert_false (has_text_containing (texts, name));
    }
  if (n_queue == 0)
    assert_shows (texts, _("No one is waiting right now."));
  else
    assert_shows (texts, _("Join the queue"));

  kiosk_ui_test_screenshot (GTK_WIDGET (get_window ()), lang, "walkins");
  kiosk_window_request_staff_mode (get_window ());
}

static void
test_checkin (void)
{
  GtkWidget *page = visit_customer_page ("checkin");
  g_autoptr(GPtrArray) texts = visible_texts (page);
  g_autofree char *today = kiosk_context_dup_today (kiosk_application_get_context (app));
  g_autoptr(GPtrArray) rows = kiosk_replica_list_appointment_rows (get_replica (), today, NULL);

  /* In customer mode a person finds their own booking by phone, and the
   * screen shows nobody else's: not even a first name and an initial. */
  assert_shows (texts, _("Check in for your booking"));
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      const KioskAppointmentRow *row = g_ptr_array_index (rows, i);
      g_autofree char *name = kiosk_format_private_name (row->customer_name);

      g_assert_false (has_text_containing (texts, row->customer_name));
      g_assert_false (has_text_containing (texts, name));
    }

  kiosk_ui_test_screenshot (GTK_WIDGET (get_window ()), lang, "checkin");
  kiosk_window_request_staff_mode (get_window ());
}

static void
test_loyalty (void)
{
  GtkWidget *page = visit_page ("loyalty");
  g_autoptr(GPtrArray) texts = visible_texts (page);
  g_autoptr(GPtrArray) customers = kiosk_replica_list_customers (get_replica (), NULL);
  guint members[KIOSK_LEVEL_PLATINUM + 1] = { 0 };

  g_assert_nonnull (customers);
  g_assert_cmpuint (customers->len, >, 0);
  for (guint i = 0; i < customers->len; i++)
    members[((KioskCustomer *)g_ptr_array_index (customers, i))->loyalty_level]++;

  for (int level = KIOSK_LEVEL_BRONZE; level <= KIOSK_LEVEL_PLATINUM; level++)
    {
      g_autofree char *threshold = kiosk_format_money_compact (kiosk_loyalty_level_threshold (level));
      g_autofree char *count = g_strdup_printf (ngettext ("%u member", "%u members", members[level]), members[level]);

      assert_shows (texts, kiosk_format_level_name (level));
      assert_shows (texts, count);
      if (level != KIOSK_LEVEL_BRONZE)
        assert_shows_containing (texts, threshold);
    }

  kiosk_ui_test_screenshot (GTK_WIDGET (get_window ()), lang, "loyalty");
}

static void
test_calendar (void)
{
  GtkWidget *page = visit_page ("calendar");
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autofree char *today = kiosk_context_dup_today (kiosk_application_get_context (app));
  g_autoptr(GPtrArray) rows = kiosk_replica_list_appointment_rows (get_replica (), today, NULL);
  KioskDayView *day_view;

  collect_widgets (page, views, is_day_view);
  g_assert_cmpuint (views->len, >=, 1);
  day_view = g_ptr_array_index (views, 0);
  g_assert_cmpstr (kiosk_day_view_get_date (day_view), ==, today);

  g_assert_nonnull (rows);
  /* The demo salon is busy every day. */
  g_assert_cmpuint (rows->len, >, 0);
  /* The blocks draw their text; what a screen reader says of each is
   * what a person reads on it. */
  for (guint i = 0; i < rows->len; i++)
    {
      const KioskAppointmentRow *row = g_ptr_array_index (rows, i);
      g_autofree char *range = kiosk_format_time_range (row->appointment.appointment_time, row->appointment.end_time);
      g_autofree char *label = kiosk_day_view_dup_label (day_view, row->appointment.id);

      g_assert_nonnull (label);
      g_assert_nonnull (strstr (label, row->customer_name));
      g_assert_nonnull (strstr (label, range));
      g_assert_nonnull (strstr (label, row->service_name));
      if (row->employee_name != NULL)
        g_assert_nonnull (strstr (label, row->employee_name));
      g_assert_nonnull (strstr (label, row->appointment.checked_in_at != NULL &&
                                       (row->appointment.status == KIOSK_APPOINTMENT_PENDING ||
                                        row->appointment.status == KIOSK_APPOINTMENT_CONFIRMED)
                                       ? _("Checked in")
                                       : kiosk_format_appointment_status (row->appointment.status)));
    }

  kiosk_ui_test_screenshot (GTK_WIDGET (get_window ()), lang, "calendar");
}

static gboolean
is_shown_block (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) && KIOSK_IS_DAY_VIEW (gtk_widget_get_parent (widget))
         && gtk_widget_get_child_visible (widget);
}

/* Lets the view rest (it lays out far blocks only then), then paint. */
static void
let_rest (GtkWidget *widget)
{
  kiosk_ui_test_wait_for_paint (widget);
  kiosk_ui_test_run_for (800);
  kiosk_ui_test_wait_for_paint (widget);
}

/* Where a screen reader says a block is: its bounds in the view, plus the
 * scroll, is a place in the day that does not move when the view scrolls,
 * also for the blocks a whole screen or more away. */
static void
test_calendar_places (void)
{
  GtkWidget *page = visit_page ("calendar");
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
  g_autoptr(GArray) places = g_array_new (FALSE, FALSE, sizeof (graphene_point_t));
  GtkAdjustment *vadj;
  GtkAdjustment *hadj;
  GtkWidget *view;
  double start;
  guint far = 0;
  g_autofree char *shown = NULL;
  g_autofree char *longest = NULL;
  double tallest = 0;

  collect_widgets (page, views, is_day_view);
  g_assert_cmpuint (views->len, >=, 1);
  view = g_ptr_array_index (views, 0);
  vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  hadj = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
  start = gtk_adjustment_get_value (vadj);
  shown = g_strdup (kiosk_day_view_get_date (KIOSK_DAY_VIEW (view)));

  /* The longest day of the coming week (a Saturday is shorter), so that
   * some blocks lie more than a screen away, whatever today is. Showing
   * another day and then scrolling once left the view without a layout
   * (GTK's "Trying to snapshot KioskDayView without a current allocation",
   * fatal here): the day was not drawn in that frame. */
  for (int days = 0; days < 7; days++)
    {
      g_autofree char *date = kiosk_date_add_days (shown, days);

      g_assert_true (kiosk_day_view_show_day (KIOSK_DAY_VIEW (view), date, NULL));
      kiosk_ui_test_wait_for_paint (view);
      if (gtk_adjustment_get_upper (vadj) > tallest)
        {
          tallest = gtk_adjustment_get_upper (vadj);
          g_free (longest);
          longest = g_steal_pointer (&date);
        }
    }
  g_assert_true (kiosk_day_view_show_day (KIOSK_DAY_VIEW (view), longest, NULL));
  kiosk_ui_test_wait_for_paint (view);
  /* The demo's long days are more than twice as tall as the view. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj), >, 2 * gtk_adjustment_get_page_size (vadj));

  gtk_adjustment_set_value (vadj, 0);
  let_rest (view);
  collect_widgets (view, blocks, is_shown_block);
  g_assert_cmpuint (blocks->len, >, 0);
  for (guint i = 0; i < blocks->len; i++)
    {
      graphene_rect_t bounds;
      graphene_point_t place;

      g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (blocks, i), view, &bounds));
      place = GRAPHENE_POINT_INIT (bounds.origin.x + gtk_adjustment_get_value (hadj),
                                   bounds.origin.y + gtk_adjustment_get_value (vadj));
      g_array_append_val (places, place);
    }

  /* In steps, as a finger scrolls, to the end of the day. */
  for (double y = 0; y < gtk_adjustment_get_upper (vadj); y += 40)
    {
      gtk_adjustment_set_value (vadj, y);
      kiosk_ui_test_wait_for_paint (view);
    }
  let_rest (view);
  for (guint i = 0; i < blocks->len; i++)
    {
      graphene_rect_t bounds;
      const graphene_point_t *place = &g_array_index (places, graphene_point_t, i);

      g_assert_true (gtk_widget_compute_bounds (g_ptr_array_index (blocks, i), view, &bounds));
      g_assert_cmpfloat_with_epsilon (bounds.origin.x + gtk_adjustment_get_value (hadj), place->x, 0.5);
      g_assert_cmpfloat_with_epsilon (bounds.origin.y + gtk_adjustment_get_value (vadj), place->y, 0.5);
      if (bounds.origin.y + bounds.size.height < -gtk_adjustment_get_page_size (vadj))
        far++;
    }
  g_test_message ("%s: a day of %.0f px in a view of %.0f px, %u blocks, %u of them more than a screen above",
                  longest, gtk_adjustment_get_upper (vadj), gtk_adjustment_get_page_size (vadj), blocks->len, far);
  /* Some were more than a screen above the view. */
  g_assert_cmpuint (far, >, 0);

  g_assert_true (kiosk_day_view_show_day (KIOSK_DAY_VIEW (view), shown, NULL));
  gtk_adjustment_set_value (vadj, start);
  kiosk_ui_test_wait_for_paint (view);
}

/* A block shows whole lines only, as many as fit. A tall one reads time and
 * customer, service, then the status with its symbol; one too short for all
 * that puts the status's symbol in front of its first line, so that no block
 * tells its status by colour alone. */
static gboolean
starts_with_status_symbol (const char *text)
{
  static const char *symbols[] = { "✓", "✔", "✕", "⊘", "◔", "➜", "▶", "•" };

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_str_has_prefix (text, symbols[i]))
      return TRUE;
  return FALSE;
}

static void
test_calendar_block_lines (void)
{
  GtkWidget *page = visit_page ("calendar");
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autofree char *shown = NULL;
  KioskDayView *view;
  guint n_short = 0, n_tall = 0;

  collect_widgets (page, views, is_day_view);
  g_assert_cmpuint (views->len, >=, 1);
  view = g_ptr_array_index (views, 0);
  shown = g_strdup (kiosk_day_view_get_date (view));

  /* The coming week, until both kinds have been seen (the demo has quarter
   * hour services). */
  for (int days = 0; days < 7 && (n_short == 0 || n_tall == 0); days++)
    {
      g_autofree char *date = kiosk_date_add_days (shown, days);
      g_autoptr(GPtrArray) blocks = g_ptr_array_new ();

      g_assert_true (kiosk_day_view_show_day (view, date, NULL));
      let_rest (GTK_WIDGET (view));
      collect_widgets (GTK_WIDGET (view), blocks, is_shown_block);
      for (guint i = 0; i < blocks->len; i++)
        {
          KioskDayBlock *block = g_ptr_array_index (blocks, i);
          int height = gtk_widget_get_height (GTK_WIDGET (block));
          int bottom = 0;
          g_auto(GStrv) lines = kiosk_day_block_dup_drawn_lines (block, &bottom);
          guint n = g_strv_length (lines);
          g_autofree char *start = kiosk_time_format_short (block->start);

          if (block->kind == KIOSK_DAY_BLOCK_FREE)
            continue;
          g_assert_cmpuint (n, >=, 1);
          /* Nothing cut at the bottom (a first line alone may be, in a
           * block shorter than a line). */
          if (n > 1)
            g_assert_cmpint (bottom, <=, height - 2);
          g_assert_nonnull (strstr (lines[0], start));
          g_assert_nonnull (strstr (lines[0], block->customer));
          if (n == 3)
            {
              n_tall++;
              g_assert_false (starts_with_status_symbol (lines[0]));
              g_assert_true (starts_with_status_symbol (lines[2]));
            }
          else
            {
              n_short++;
              g_assert_true (starts_with_status_symbol (lines[0]));
            }
        }
    }
  g_test_message ("blocks with every line: %u; too short for them, marked: %u", n_tall, n_short);
  g_assert_cmpuint (n_tall, >, 0);
  g_assert_cmpuint (n_short, >, 0);

  g_assert_true (kiosk_day_view_show_day (view, shown, NULL));
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (view));
}

/* At the window's usual 1280 px, a staff member's week shows all seven
 * days without scrolling sideways. */
static void
test_calendar_week_fits (void)
{
  GtkWidget *page = visit_page ("calendar");
  g_autoptr(GPtrArray) stacks = g_ptr_array_new ();
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GtkStack *view_stack = NULL;
  KioskDayView *week = NULL;
  GtkAdjustment *hadj;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (get_window ())), >=, 1270);
  collect_widgets (page, stacks, is_view_stack);
  g_assert_cmpuint (stacks->len, ==, 1);
  view_stack = g_ptr_array_index (stacks, 0);
  gtk_stack_set_visible_child_name (view_stack, "week");
  kiosk_ui_test_wait_for_paint (page);
  let_rest (page);

  collect_widgets (page, views, is_day_view);
  g_assert_cmpuint (views->len, ==, 1);
  week = g_ptr_array_index (views, 0);
  g_assert_true (kiosk_day_view_get_week_mode (week));
  g_assert_cmpuint (kiosk_day_view_get_n_columns (week), ==, 7);
  hadj = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (week));
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadj), <=, gtk_adjustment_get_page_size (hadj) + 0.5);

  gtk_stack_set_visible_child_name (view_stack, "day");
  kiosk_ui_test_wait_for_paint (page);
}

typedef struct {
  char      *activated;   /* the id of "walkin-activated" */
  GtkWidget *popover;
} WalkinSeen;

static void
on_walkin_activated (KioskDayView *view,
                     const char   *id,
                     WalkinSeen   *seen)
{
  g_free (seen->activated);
  seen->activated = g_strdup (id);
}

static gboolean
walkin_activated (gpointer data)
{
  return ((WalkinSeen *)data)->activated != NULL;
}

static gboolean
is_popover (GtkWidget *widget)
{
  return GTK_IS_POPOVER (widget) && gtk_widget_get_visible (widget);
}

static gboolean
popover_gone (gpointer data)
{
  return !gtk_widget_get_visible (((WalkinSeen *)data)->popover);
}

static gboolean
is_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) && gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) != NULL;
}

/* A walk-in in service has a block in its staff member's column; activated
 * (Enter, a tap, a screen reader's click) it shows who, what, with whom
 * and since when, and takes staff to the Queue page, where it is finished. */
static gboolean
focus_on_walkin (gpointer data)
{
  g_autofree char *suffix = g_strconcat ("-", (const char *) data, NULL);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (get_window ()));

  for (; focus != NULL; focus = gtk_widget_get_parent (focus))
    if (g_str_has_prefix (gtk_widget_get_name (focus), "queue-") &&
        g_str_has_suffix (gtk_widget_get_name (focus), suffix))
      return TRUE;
  return FALSE;
}

static void
test_calendar_walkin (void)
{
  GtkWidget *page = visit_page ("calendar");
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  g_autoptr(GPtrArray) walkins = kiosk_replica_list_open_walkins (get_replica (), NULL);
  g_autoptr(GPtrArray) employees = kiosk_replica_list_employees (get_replica (), NULL);
  g_autoptr(GPtrArray) popovers = g_ptr_array_new ();
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GPtrArray) texts = NULL;
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  g_autofree char *staff = NULL;
  const KioskWalkin *walkin = NULL;
  const char *employee_name = NULL;
  WalkinSeen seen = { NULL, NULL };
  KioskDayView *day_view;
  GtkWidget *block;
  GVariant *target;
  gulong handler;

  collect_widgets (page, views, is_day_view);
  g_assert_cmpuint (views->len, >=, 1);
  day_view = g_ptr_array_index (views, 0);

  /* The demo salon has someone in service today. */
  g_assert_nonnull (walkins);
  for (guint i = 0; i < walkins->len && walkin == NULL; i++)
    {
      const KioskWalkin *w = g_ptr_array_index (walkins, i);

      if (w->status == KIOSK_WALKIN_IN_SERVICE && w->employee != NULL)
        walkin = w;
    }
  g_assert_nonnull (walkin);
  for (guint i = 0; i < employees->len; i++)
    if (g_strcmp0 (((KioskEmployee *)g_ptr_array_index (employees, i))->id, walkin->employee) == 0)
      employee_name = ((KioskEmployee *)g_ptr_array_index (employees, i))->name;
  g_assert_nonnull (employee_name);

  title = g_strdup_printf (_("Walk-in: %s"), walkin->name);
  label = kiosk_day_view_dup_label (day_view, walkin->id);
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (label, title));
  g_assert_nonnull (strstr (label, employee_name));

  /* Activated from the keyboard, as a button is. */
  handler = g_signal_connect (day_view, "walkin-activated", G_CALLBACK (on_walkin_activated), &seen);
  g_assert_true (kiosk_day_view_focus_block (day_view, walkin->id));
  block = gtk_root_get_focus (GTK_ROOT (get_window ()));
  g_assert_nonnull (block);
  g_assert_true (gtk_widget_get_parent (block) == GTK_WIDGET (day_view));
  g_assert_true (gtk_widget_activate (block));
  kiosk_ui_test_wait_until (walkin_activated, &seen, 10, "the walk-in's block to be activated");
  g_assert_cmpstr (seen.activated, ==, walkin->id);
  g_signal_handler_disconnect (day_view, handler);

  /* Its details over the block. */
  collect_widgets (GTK_WIDGET (day_view), popovers, is_popover);
  g_assert_cmpuint (popovers->len, ==, 1);
  seen.popover = g_ptr_array_index (popovers, 0);
  kiosk_ui_test_wait_for_paint (seen.popover);
  texts = visible_texts (seen.popover);
  staff = g_strdup_printf (_("With %s"), employee_name);
  assert_shows (texts, title);
  assert_shows (texts, staff);
  {
    g_autoptr(GPtrArray) services = kiosk_replica_list_services (get_replica (), NULL);

    for (guint i = 0; i < services->len; i++)
      if (g_strcmp0 (((KioskService *)g_ptr_array_index (services, i))->id, walkin->service) == 0)
        assert_shows (texts, ((KioskService *)g_ptr_array_index (services, i))->name);
  }
  {
    g_autofree char *since = g_strdup_printf (_("In service since %s"), "");

    assert_shows_containing (texts, g_strstrip (since));
  }
  kiosk_ui_test_screenshot (seen.popover, lang, "calendar-walkin");

  /* Its button goes to the Queue page. */
  collect_widgets (seen.popover, buttons, is_button);
  g_assert_cmpuint (buttons->len, ==, 1);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (g_ptr_array_index (buttons, 0))), ==,
                   "win.show-walkin");
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (g_ptr_array_index (buttons, 0)));
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, walkin->id);
  g_signal_emit_by_name (g_ptr_array_index (buttons, 0), "clicked");
  kiosk_ui_test_wait_until (popover_gone, &seen, 10, "the walk-in's details to close");
  g_assert_cmpstr (kiosk_window_get_page (get_window ()), ==, "queue");
  /* …with the keyboard on that walk-in's row (its first control). */
  kiosk_ui_test_wait_until (focus_on_walkin, (gpointer) walkin->id, 10, "the walk-in's row to take the focus");

  g_free (seen.activated);
}

static void
test_staff (void)
{
  GtkWidget *page = visit_page ("staff");
  g_autoptr(GPtrArray) texts = visible_texts (page);
  g_autoptr(GPtrArray) employees = kiosk_replica_list_employees (get_replica (), NULL);
  g_autoptr(GPtrArray) services = kiosk_replica_list_services (get_replica (), NULL);

  g_assert_nonnull (employees);
  g_assert_cmpuint (employees->len, >, 0);
  for (guint i = 0; i < employees->len; i++)
    {
      const KioskEmployee *employee = g_ptr_array_index (employees, i);

      assert_shows (texts, employee->name);
      if (employee->position != NULL && *employee->position != '\0')
        assert_shows_containing (texts, employee->position);
    }

  g_assert_nonnull (services);
  for (guint i = 0; i < services->len; i++)
    {
      const KioskService *service = g_ptr_array_index (services, i);
      g_autofree char *price = kiosk_format_money (service->price);

      if (!service->is_active)
        continue;
      assert_shows (texts, service->name);
      assert_shows (texts, price);
    }

  kiosk_ui_test_screenshot (GTK_WIDGET (get_window ()), lang, "staff");
}

/* ---- driver ------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) istanbul = g_time_zone_new_identifier ("Europe/Istanbul");
  g_autoptr(GDateTime) real = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) wednesday = g_date_time_new (istanbul, 2026, 12, 9, 12, 30, 0);
  g_autofree char *data_dir = NULL;
  g_autofree char *data_arg = NULL;
  g_autofree char *offset = NULL;
  char *app_argv[4];
  int app_status;
  int test_status;

  /* The test AT context keeps the accessible attributes, so the test can
   * read them back (test_env turns accessibility off for other tests). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* The application's context reads it when it is made: the demo salon is
   * made for that Wednesday and the clock runs on from 12:30. */
  offset = g_strdup_printf ("%" G_GINT64_FORMAT, g_date_time_difference (wednesday, real) / G_TIME_SPAN_SECOND);
  g_setenv ("KIOSK_TEST_CLOCK_OFFSET", offset, TRUE);

  lang = kiosk_ui_test_init (&argc, &argv);

  data_dir = g_dir_make_tmp ("kiosk-ui-smoke-XXXXXX", &error);
  g_assert_no_error (error);
  data_arg = g_strdup_printf ("--data-dir=%s", data_dir);

  g_test_add_func ("/ui/navigation", test_navigation);
  g_test_add_func ("/ui/page/welcome", test_welcome);
  g_test_add_func ("/ui/page/walkins", test_walkins);
  g_test_add_func ("/ui/page/checkin", test_checkin);
  g_test_add_func ("/ui/page/loyalty", test_loyalty);
  g_test_add_func ("/ui/page/calendar", test_calendar);
  g_test_add_func ("/ui/page/calendar/walkin", test_calendar_walkin);
  g_test_add_func ("/ui/page/calendar/places", test_calendar_places);
  g_test_add_func ("/ui/page/calendar/week-fits", test_calendar_week_fits);
  g_test_add_func ("/ui/page/calendar/block-lines", test_calendar_block_lines);
  g_test_add_func ("/ui/page/staff", test_staff);

  app = kiosk_application_new ("com.salonity.Kiosk.Test", G_APPLICATION_NON_UNIQUE);

  app_argv[0] = argv[0];
  app_argv[1] = (char *)"--demo";
  app_argv[2] = data_arg;
  app_argv[3] = NULL;
  test_status = kiosk_ui_test_run_app (G_APPLICATION (app), app_argv, &app_status);
  g_clear_object (&app);

  kiosk_ui_test_remove_tree (data_dir);

  g_assert_cmpint (app_status, ==, 0);
  return test_status;
}
