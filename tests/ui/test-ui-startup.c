/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What start-up promises and a person does not see (the start-up-to-first-
 * frame benchmark, tests/bench/bench-startup.c, counts on it): the window
 * makes the first page alone, and every other page the first time it is
 * shown (from the rail as a person picks it) or asked for
 * (kiosk_window_ensure_page()). A page made late is
 * the same page: offered by the rail, in the accessibility tree as the
 * panel its tab controls, hidden in customer mode if it is a staff page,
 * and told the window's modes.
 */
#define G_LOG_DOMAIN "test-ui-startup"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-application.h"
#include "kiosk-calendar-page.h"
#include "kiosk-context.h"
#include "kiosk-page.h"
#include "kiosk-settings-page.h"
#include "kiosk-staff-page.h"
#include "kiosk-ui-test.h"
#include "kiosk-welcome-page.h"
#include "kiosk-window.h"

static const char *page_names[] = { "welcome", "walkins", "checkin", "loyalty", "queue", "calendar", "refused", "staff", "settings" };

static KioskApplication *app;

static KioskWindow *
get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_nonnull (window);
  g_assert_true (KIOSK_IS_WINDOW (window));
  return KIOSK_WINDOW (window);
}

static void
collect_pages (GtkWidget *widget,
               GPtrArray *out)
{
  if (KIOSK_IS_PAGE (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_pages (child, out);
}

/* Every KioskPage anywhere in @window (the pairing screen is one too, made
 * only for a kiosk that is not paired). */
static GPtrArray *
pages_in (KioskWindow *window)
{
  GPtrArray *pages = g_ptr_array_new ();

  collect_pages (GTK_WIDGET (window), pages);
  return pages;
}

/* The window's tab list (not one inside a page: the calendar's Day/Week
 * switch is one too). */
static GtkWidget *
find_rail (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget) &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_TAB_LIST &&
      gtk_widget_get_ancestor (widget, KIOSK_TYPE_PAGE) == NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_rail (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The rail's row that says @title, as a person finds it. */
static GtkListBoxRow *
rail_row (KioskWindow *window,
          const char  *title)
{
  GtkWidget *rail = find_rail (GTK_WIDGET (window));
  GtkListBoxRow *row;

  g_assert_nonnull (rail);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (rail), i)) != NULL; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (row)), title) == 0)
      return row;
  g_error ("the rail has no row “%s”", title);
  return NULL;
}

static void
pick_in_rail (KioskWindow *window,
              const char  *title)
{
  GtkListBoxRow *row = rail_row (window, title);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), row);
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (window));
}

static void
assert_made_only (KioskWindow        *window,
                  const char * const *made)
{
  g_autoptr(GPtrArray) pages = pages_in (window);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      gboolean wanted = g_strv_contains (made, page_names[i]);
      GtkWidget *page = kiosk_window_peek_page (window, page_names[i]);

      if (wanted && page == NULL)
        g_error ("the page “%s” was not made", page_names[i]);
      if (!wanted && page != NULL)
        g_error ("the page “%s” was made before anyone wanted it", page_names[i]);
      if (page != NULL)
        g_assert_true (g_ptr_array_find (pages, page, NULL));
    }
  /* Nothing else made a page behind the window's back. */
  g_assert_cmpuint (pages->len, ==, g_strv_length ((char **) made));
}

/* ---- tests -------------------------------------------------------------- */

static void
test_first_page_only (void)
{
  KioskWindow *window = get_window ();
  const char * const welcome_only[] = { "welcome", NULL };

  /* As soon as the window is there, and once its first frame is painted:
   * the page on screen alone. */
  assert_made_only (window, welcome_only);
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (window));
  g_assert_cmpstr (kiosk_window_get_page (window), ==, "welcome");
  g_assert_true (KIOSK_IS_WELCOME_PAGE (kiosk_window_peek_page (window, "welcome")));
  g_assert_true (gtk_widget_get_mapped (kiosk_window_peek_page (window, "welcome")));
  assert_made_only (window, welcome_only);

  /* The rail offers the customer pages all the same. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (rail_row (window, _("Walk-ins")))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (rail_row (window, _("Check-in")))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (rail_row (window, _("Loyalty")))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (rail_row (window, _("Calendar")))));
}

static void
test_made_when_shown (void)
{
  KioskWindow *window = get_window ();
  const char * const with_loyalty[] = { "welcome", "loyalty", NULL };
  const char * const with_calendar[] = { "welcome", "loyalty", "calendar", NULL };
  const char * const with_team[] = { "welcome", "loyalty", "calendar", "staff", NULL };
  GtkWidget *loyalty;
  GtkWidget *calendar;

  /* A customer page, picked in the rail. */
  pick_in_rail (window, _("Loyalty"));
  g_assert_cmpstr (kiosk_window_get_page (window), ==, "loyalty");
  assert_made_only (window, with_loyalty);
  loyalty = kiosk_window_peek_page (window, "loyalty");
  g_assert_true (gtk_widget_get_mapped (loyalty));
  /* Its tab says which panel it controls, as for the first page. */
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (loyalty), GTK_ACCESSIBLE_ROLE_TAB_PANEL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (loyalty), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Loyalty"));
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (rail_row (window, _("Loyalty"))),
                                       GTK_ACCESSIBLE_RELATION_CONTROLS, loyalty, NULL);

  /* Staff mode opens on the Calendar (the demo salon has no PIN): made
   * then, and told it is in staff mode. */
  kiosk_window_request_staff_mode (window);
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (window));
  g_assert_cmpstr (kiosk_window_get_page (window), ==, "calendar");
  assert_made_only (window, with_calendar);
  calendar = kiosk_window_peek_page (window, "calendar");
  g_assert_true (KIOSK_IS_CALENDAR_PAGE (calendar));
  g_assert_true (gtk_widget_get_mapped (calendar));
  g_assert_true (kiosk_page_get_staff_mode (KIOSK_PAGE (calendar)));
  g_assert_true (kiosk_page_get_staff_mode (KIOSK_PAGE (loyalty)));

  /* Another staff page from the rail. */
  pick_in_rail (window, _("Team"));
  g_assert_cmpstr (kiosk_window_get_page (window), ==, "staff");
  assert_made_only (window, with_team);
  g_assert_true (KIOSK_IS_STAFF_PAGE (kiosk_window_peek_page (window, "staff")));
  g_assert_true (gtk_widget_get_mapped (kiosk_window_peek_page (window, "staff")));

  /* Made once: showing it again shows the same page. */
  pick_in_rail (window, _("Calendar"));
  g_assert_true (kiosk_window_peek_page (window, "calendar") == calendar);
  g_assert_true (gtk_widget_get_mapped (calendar));
  assert_made_only (window, with_team);

  kiosk_window_lock (window);
  kiosk_ui_test_wait_for_paint (GTK_WIDGET (window));
  g_assert_false (kiosk_page_get_staff_mode (KIOSK_PAGE (calendar)));
}

static void
test_ensure_page (void)
{
  KioskWindow *window = get_window ();
  GtkWidget *queue;
  GtkWidget *stack;

  /* Asked for in customer mode: made, not shown, and its stack page hidden
   * as every staff page's is in customer mode. */
  g_assert_false (kiosk_window_get_staff_mode (window));
  g_assert_null (kiosk_window_peek_page (window, "queue"));
  queue = kiosk_window_ensure_page (window, "queue");
  g_assert_nonnull (queue);
  g_assert_true (kiosk_window_ensure_page (window, "queue") == queue);
  g_assert_true (kiosk_window_peek_page (window, "queue") == queue);
  g_assert_cmpstr (kiosk_window_get_page (window), ==, "welcome");
  stack = gtk_widget_get_parent (queue);
  g_assert_true (GTK_IS_STACK (stack));
  g_assert_false (gtk_stack_page_get_visible (gtk_stack_get_page (GTK_STACK (stack), queue)));
  g_assert_false (kiosk_page_get_staff_mode (KIOSK_PAGE (queue)));

  /* Staff mode shows it like any other. */
  kiosk_window_request_staff_mode (window);
  g_assert_true (gtk_stack_page_get_visible (gtk_stack_get_page (GTK_STACK (stack), queue)));
  g_assert_true (kiosk_page_get_staff_mode (KIOSK_PAGE (queue)));
  pick_in_rail (window, _("Queue"));
  g_assert_true (kiosk_window_peek_page (window, "queue") == queue);
  g_assert_true (gtk_widget_get_mapped (queue));
  kiosk_window_lock (window);
  g_assert_false (gtk_stack_page_get_visible (gtk_stack_get_page (GTK_STACK (stack), queue)));
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A settings page made after the window was locked down still offers to
 * leave kiosk mode. */
static void
test_late_page_knows_kiosk_mode (void)
{
  KioskWindow *window = kiosk_window_new (GTK_APPLICATION (app),
                                          kiosk_application_get_context (app));
  GtkWidget *settings;
  GtkWidget *leave;

  g_object_ref_sink (window);
  kiosk_window_set_kiosk_mode (window, TRUE);
  g_assert_null (kiosk_window_peek_page (window, "settings"));
  settings = kiosk_window_ensure_page (window, "settings");
  g_assert_true (KIOSK_IS_SETTINGS_PAGE (settings));
  leave = find_button (settings, _("_Leave kiosk mode"));
  g_assert_nonnull (leave);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (leave)));

  kiosk_window_set_kiosk_mode (window, FALSE);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (leave)));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *data_arg = NULL;
  char *app_argv[4];
  int app_status;
  int test_status;

  /* The test AT context keeps the accessible attributes, so the test can
   * read them back (test_env turns accessibility off for other tests). */
  g_setenv ("GTK_A11Y", "test", TRUE);

  kiosk_ui_test_init (&argc, &argv);

  data_dir = g_dir_make_tmp ("kiosk-ui-startup-XXXXXX", &error);
  g_assert_no_error (error);
  data_arg = g_strdup_printf ("--data-dir=%s", data_dir);

  /* In this order: the first looks at the window as start-up left it. */
  g_test_add_func ("/ui/startup/first-page-only", test_first_page_only);
  g_test_add_func ("/ui/startup/made-when-shown", test_made_when_shown);
  g_test_add_func ("/ui/startup/ensure-page", test_ensure_page);
  g_test_add_func ("/ui/startup/late-page-knows-kiosk-mode", test_late_page_knows_kiosk_mode);

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
