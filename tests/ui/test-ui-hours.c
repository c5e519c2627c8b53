/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the customer pages say about the clock, on a demo salon (open
 * Monday to Friday 09:00–20:00, Saturday 09:00–18:00, closed on Sunday),
 * with the kiosk's clock moved to fixed moments whatever the real time:
 *  - the welcome page says the salon is closed now and when it opens next
 *    (today, tomorrow, Monday), or today's hours while open, and shows the
 *    salon's phone as Turkish numbers are written;
 *  - check-in opens an hour before the booking: before that the customer
 *    is told from when, with nothing to press; early and late are said in
 *    hours and minutes, to the customer and to staff;
 *  - a wait estimate covering hours is a range as wide as the time it
 *    covers.
 * Turkish sentences are checked word for word, as a Turkish reader sees them.
 */
#define G_LOG_DOMAIN "test-ui-hours"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-context-private.h"
#include "kiosk-desk-bookings.h"
#include "kiosk-ui-test.h"
#include "kiosk-checkin-page.h"
#include "kiosk-walkin-widgets.h"
#include "kiosk-welcome-page.h"

#define BOOKING  "00000000-0000-4000-8000-00000000b001"
#define CUSTOMER "00000000-0000-4000-8000-00000000c001"

static const char   *lang;
static KioskContext *context;
static char         *data_dir;
static GtkWidget    *welcome_window;
static GtkWidget    *welcome;
static GtkWidget    *checkin_window;
static GtkWidget    *checkin;

/* ---- the clock ------------------------------------------------------------ */

static GDateTime *
istanbul (const char *iso)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  GDateTime *moment = g_date_time_new_from_iso8601 (iso, tz);

  g_assert_nonnull (moment);
  return moment;
}

/* The kiosk's clock stopped at @iso, Istanbul time. */
static void
set_clock (const char *iso)
{
  g_autoptr(GDateTime) moment = istanbul (iso);

  kiosk_context_set_now (context, moment);
}

/* ---- widgets -------------------------------------------------------------- */

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
named (GtkWidget  *root,
       const char *name)
{
  GtkWidget *widget = find_named (root, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

static gboolean
is_shown (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
      return FALSE;
  return TRUE;
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *out)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect (child, type, out);
}

/* The texts a person can read under @root. */
static GPtrArray *
shown_texts (GtkWidget *root)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GPtrArray *texts = g_ptr_array_new ();

  collect (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (g_ptr_array_index (labels, i)));
  return texts;
}

static gboolean
shows_containing (GtkWidget  *root,
                  const char *part)
{
  g_autoptr(GPtrArray) texts = shown_texts (root);

  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), part) != NULL)
      return TRUE;
  return FALSE;
}

/* A button showing @label (with its mnemonic) under @root, or NULL. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

static void
settle (void)
{
  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static const char *
in_lang (const char *en,
         const char *tr)
{
  return g_str_equal (lang, "tr") ? tr : en;
}

/* ---- the welcome page ------------------------------------------------------- */

static void
test_welcome_hours (void)
{
  static const struct {
    const char *now;
    const char *en;
    const char *tr;
  } moments[] = {
    /* Wednesday night: it opens later today. */
    { "2026-12-09T00:51:00", "Closed now · opens today at 09:00",    "Şu an kapalı · Açılış: bugün 09:00" },
    { "2026-12-09T08:59:00", "Closed now · opens today at 09:00",    "Şu an kapalı · Açılış: bugün 09:00" },
    { "2026-12-09T09:00:00", "Open today 09:00 – 20:00",             "Bugün açık: 09:00 – 20:00" },
    { "2026-12-09T20:00:00", "Closed now · opens tomorrow at 09:00", "Şu an kapalı · Açılış: yarın 09:00" },
    { "2026-12-09T23:50:00", "Closed now · opens tomorrow at 09:00", "Şu an kapalı · Açılış: yarın 09:00" },
    /* Saturday closes at 18:00 and Sunday is closed: Monday. */
    { "2026-12-12T18:30:00", "Closed now · opens Monday at 09:00",   "Şu an kapalı · Açılış: Pazartesi 09:00" },
    { "2026-12-13T12:00:00", "Closed now · opens tomorrow at 09:00", "Şu an kapalı · Açılış: yarın 09:00" },
  };
  GtkWidget *hours = named (welcome, "welcome-hours");

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      g_test_message ("at %s", moments[i].now);
      set_clock (moments[i].now);
      kiosk_page_reload (KIOSK_PAGE (welcome));
      g_assert_true (is_shown (hours));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hours)), ==, in_lang (moments[i].en, moments[i].tr));
      if (i == 0)
        {
          kiosk_ui_test_wait_for_paint (welcome_window);
          kiosk_ui_test_screenshot (welcome_window, lang, "welcome-closed");
        }
    }
}

/* The server sends the salon's phone as it was typed into Salonity. */
static void
test_welcome_phone (void)
{
  KioskReplica *replica = kiosk_context_get_replica (context);
  g_autoptr(GError) error = NULL;
  g_autoptr(KioskSalon) salon = kiosk_replica_get_salon (replica, &error);
  GtkWidget *address = named (welcome, "welcome-address");

  g_assert_no_error (error);
  g_assert_nonnull (salon);
  g_free (salon->phone);
  salon->phone = g_strdup ("02163450000");
  g_assert_true (kiosk_replica_put_salon (replica, salon, &error));
  g_assert_no_error (error);

  kiosk_page_reload (KIOSK_PAGE (welcome));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (address)), "0216 345 00 00"));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (address)), "02163450000"));

  /* As E.164, the same. */
  g_free (salon->phone);
  salon->phone = g_strdup ("+905551234567");
  g_assert_true (kiosk_replica_put_salon (replica, salon, &error));
  kiosk_page_reload (KIOSK_PAGE (welcome));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (address)), "0555 123 45 67"));
}

/* ---- check-in ------------------------------------------------------------------ */

/* Nermin Kaya's 13:30 booking today (Wednesday), with the first employee
 * and service the demo salon has. */
static void
put_booking (void)
{
  KioskReplica *replica = kiosk_context_get_replica (context);
  g_autoptr(GPtrArray) employees = kiosk_replica_list_employees (replica, NULL);
  g_autoptr(GError) error = NULL;
  const KioskEmployee *employee = NULL;
  KioskCustomer customer = {
    .id = (char *) CUSTOMER, .first_name = (char *) "Nermin", .last_name = (char *) "Kaya",
    .phone = (char *) "+905321112233", .version = 1,
  };
  KioskAppointment appt = {
    .id = (char *) BOOKING, .customer = (char *) CUSTOMER, .appointment_date = (char *) "2026-12-09",
    .appointment_time = 13 * 3600 + 30 * 60, .end_time = 14 * 3600, .status = KIOSK_APPOINTMENT_CONFIRMED,
    .price = 30000, .source = (char *) "app", .version = 1,
  };

  for (guint i = 0; employees != NULL && i < employees->len && employee == NULL; i++)
    {
      const KioskEmployee *e = g_ptr_array_index (employees, i);

      if (e->is_active && e->services != NULL && e->services[0] != NULL)
        employee = e;
    }
  g_assert_nonnull (employee);
  appt.employee = employee->id;
  appt.service = employee->services[0];
  g_assert_true (kiosk_replica_put_customer (replica, &customer, &error));
  g_assert_no_error (error);
  g_assert_true (kiosk_replica_put_appointment (replica, &appt, &error));
  g_assert_no_error (error);
}

static KioskAppointment *
get_booking (void)
{
  g_autoptr(GError) error = NULL;
  KioskAppointment *appt = kiosk_replica_get_appointment (kiosk_context_get_replica (context), BOOKING, &error);

  g_assert_no_error (error);
  g_assert_nonnull (appt);
  return appt;
}

static void
look_up (const char *phone)
{
  gtk_editable_set_text (GTK_EDITABLE (named (checkin, "checkin-phone-entry")), phone);
  g_assert_true (gtk_widget_activate_action (checkin, "checkin.find", NULL));
  settle ();
}

static void
test_checkin_opens (void)
{
  GtkWidget *mine = named (checkin, "checkin-mine");
  g_autoptr(KioskAppointment) before = NULL;
  g_autoptr(KioskAppointment) after = NULL;
  const char *message;

  put_booking ();

  /* 00:30 for 13:30: no button, but from when. */
  set_clock ("2026-12-09T00:30:00");
  look_up ("0532 111 22 33");
  g_assert_true (is_shown (mine));
  g_assert_true (shows_containing (mine, in_lang ("You can check in from 12:30.", "Geldiğinizi saat 12:30 itibarıyla bildirebilirsiniz.")));
  g_assert_null (find_button (mine, C_("own booking", "Check _in")));
  kiosk_ui_test_wait_for_paint (checkin_window);
  kiosk_ui_test_screenshot (checkin_window, lang, "checkin-not-yet");

  /* Whatever the screen offered, the desk says the same and writes nothing. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (kiosk_desk_check_in_self (context, BOOKING, NULL, NULL, &error));
    g_assert_error (error, KIOSK_DESK_ERROR, KIOSK_DESK_ERROR_REFUSED);
    g_assert_cmpstr (error->message, ==, in_lang ("You can check in from 12:30.", "Geldiğinizi saat 12:30 itibarıyla bildirebilirsiniz."));
  }
  before = get_booking ();
  g_assert_null (before->checked_in_at);

  /* The salon opens check-in an hour and a half before; at 12:10 she is
   * an hour and 20 minutes early, and is told so in those words. */
  g_settings_set_uint (kiosk_context_get_settings (context), "checkin-opens-before", 90);
  set_clock ("2026-12-09T12:10:00");
  look_up ("0532 111 22 33");
  g_assert_false (shows_containing (mine, in_lang ("You can check in from", "itibarıyla bildirebilirsiniz")));
  g_assert_nonnull (find_button (mine, C_("own booking", "Check _in")));
  g_signal_emit_by_name (find_button (mine, C_("own booking", "Check _in")), "clicked");
  settle ();
  message = gtk_label_get_text (GTK_LABEL (named (checkin, "checkin-self-message")));
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, in_lang ("You are 1 h 20 min early. We will call you when it is time.",
                                              "1 sa 20 dk erken geldiniz. Zamanı geldiğinde sizi çağıracağız.")));
  after = get_booking ();
  g_assert_nonnull (after->checked_in_at);
  kiosk_ui_test_wait_for_paint (checkin_window);
  kiosk_ui_test_screenshot (checkin_window, lang, "checkin-early");
  g_settings_reset (kiosk_context_get_settings (context), "checkin-opens-before");
}

/* Staff see the same in hours and minutes on the list. */
static void
test_checkin_staff_early (void)
{
  kiosk_page_set_staff_mode (KIOSK_PAGE (checkin), TRUE);
  settle ();
  g_assert_true (is_shown (named (checkin, "checkin-upcoming")));
  /* Checked in at 12:10 for 13:30 (the test before). */
  g_assert_true (shows_containing (checkin, in_lang ("Early · 1 h 20 min", "Erken · 1 sa 20 dk")));
  kiosk_page_set_staff_mode (KIOSK_PAGE (checkin), FALSE);
  settle ();
}

/* ---- the wait ---------------------------------------------------------------------- */

static void
test_wait_range (void)
{
  KioskWaitEstimate estimate = { 0, };
  g_autofree char *text = NULL;
  g_autofree char *short_wait = NULL;

  /* At 00:51 with the salon opening at 09:00 this read "about 8 h 33 min –
   * 8 h 34 min". */
  estimate.status = KIOSK_WAIT_OK;
  estimate.min_wait = (8 * 60 + 33) * 60;
  estimate.max_wait = (8 * 60 + 34) * 60;
  text = kiosk_walkin_format_wait (&estimate);
  g_assert_cmpstr (text, ==, in_lang ("about 7 h 15 min – 10 h 20 min", "yaklaşık 7 sa 15 dk – 10 sa 20 dk"));

  estimate.min_wait = 20 * 60;
  estimate.max_wait = 30 * 60;
  short_wait = kiosk_walkin_format_wait (&estimate);
  g_assert_cmpstr (short_wait, ==, in_lang ("about 17–30 min", "yaklaşık 17–30 dk"));
}

/* ---- set-up ------------------------------------------------------------------------ */

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) real = NULL;
  g_autoptr(GDateTime) wednesday = NULL;
  g_autofree char *offset = NULL;
  int status;

  lang = kiosk_ui_test_init (&argc, &argv);
  gtk_init ();

  /* The demo salon is made for a Wednesday whatever the real date (the
   * context reads KIOSK_TEST_CLOCK_OFFSET when it is made); each test then
   * stops the clock where it needs it. */
  real = g_date_time_new_now_utc ();
  wednesday = istanbul ("2026-12-09T12:30:00");
  offset = g_strdup_printf ("%" G_GINT64_FORMAT, g_date_time_difference (wednesday, real) / G_TIME_SPAN_SECOND);
  g_setenv ("KIOSK_TEST_CLOCK_OFFSET", offset, TRUE);
  data_dir = g_dir_make_tmp ("kiosk-ui-hours-XXXXXX", &error);
  g_assert_no_error (error);
  context = kiosk_context_new (data_dir, TRUE, 11, &error);
  g_assert_no_error (error);
  g_unsetenv ("KIOSK_TEST_CLOCK_OFFSET");
  kiosk_context_set_now (context, wednesday);

  welcome_window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (welcome_window), 1000, 700);
  welcome = kiosk_welcome_page_new (context);
  gtk_window_set_child (GTK_WINDOW (welcome_window), welcome);
  gtk_window_present (GTK_WINDOW (welcome_window));
  kiosk_ui_test_wait_for_paint (welcome_window);

  checkin_window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (checkin_window), 1000, 700);
  checkin = kiosk_checkin_page_new (context);
  gtk_window_set_child (GTK_WINDOW (checkin_window), checkin);
  gtk_window_present (GTK_WINDOW (checkin_window));
  kiosk_ui_test_wait_for_paint (checkin_window);

  g_test_add_func ("/ui/hours/welcome", test_welcome_hours);
  g_test_add_func ("/ui/hours/welcome-phone", test_welcome_phone);
  g_test_add_func ("/ui/hours/checkin-opens", test_checkin_opens);
  g_test_add_func ("/ui/hours/checkin-staff-early", test_checkin_staff_early);
  g_test_add_func ("/ui/hours/wait-range", test_wait_range);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (checkin_window));
  gtk_window_destroy (GTK_WINDOW (welcome_window));
  g_clear_object (&context);
  kiosk_ui_test_remove_tree (data_dir);
  g_free (data_dir);
  return status;
}
