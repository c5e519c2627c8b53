/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The walk-in queue (joining it, and the staff queue page) as the screens
 * show them, on a demo salon (no server): an impossible phone number is
 * refused next to the field and nothing is written; without the KVKK
 * consent nothing is written; a person joins with the number typed with
 * spaces and sees their place and an estimate, which follow the queue when
 * it moves; the queue beside the form names nobody in customer mode;
 * clear() empties the form; while the salon is closed a customer cannot
 * join and is told when it opens, and staff still can. The clock is a
 * Wednesday at 12:30 in Istanbul whatever the real time. On the staff queue
 * page the new walk-in is listed with a pending badge and buttons that name
 * the person, and is called, started and done from there; a move the queue
 * does not allow is explained on its row.
 */
#define G_LOG_DOMAIN "test-ui-walkin"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-context-private.h"
#include "kiosk-phone.h"
#include "kiosk-desk-queue.h"
#include "kiosk-ui-test.h"
#include "kiosk-format.h"
#include "kiosk-queue-page.h"
#include "kiosk-walkin-page.h"

static const char   *lang;
static KioskContext *context;
static char         *data_dir;
static GtkWidget    *window;
static GtkWidget    *page;
static GtkWidget    *queue_window;
static GtkWidget    *queue_page;
static char         *joined_id;

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
named (GtkWidget  *root,
       const char *name)
{
  GtkWidget *widget = find_named (root, name);

  if (widget == NULL)
    g_error ("No widget named %s", name);
  return widget;
}

static void
collect_texts (GtkWidget *widget,
               GPtrArray *out)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (out, (gpointer)gtk_label_get_text (GTK_LABEL (widget)));
  if (GTK_IS_EDITABLE (widget) && !GTK_IS_TEXT (widget))
    g_ptr_array_add (out, (gpointer)gtk_editable_get_text (GTK_EDITABLE (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_texts (child, out);
}

/* What a person can read under @root. */
static GPtrArray *
shown_texts (GtkWidget *root)
{
  GPtrArray *texts = g_ptr_array_new ();

  collect_texts (root, texts);
  return texts;
}

static gboolean
shows_containing (GPtrArray  *texts,
                  const char *part)
{
  for (guint i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static const char *
label_text (const char *name)
{
  return gtk_label_get_text (GTK_LABEL (named (page, name)));
}

static gboolean
is_shown (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
      return FALSE;
  return TRUE;
}

/* A click (gtk_widget_activate() on a button waits for its animation). */
static void
press (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* A picture once what changed has been drawn. */
static void
shot (GtkWidget  *win,
      const char *name)
{
  kiosk_ui_test_wait_for_paint (win);
  kiosk_ui_test_screenshot (win, lang, name);
}

static void
settle (void)
{
  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

/* The first service on the form. */
static GtkWidget *
first_service (void)
{
  GtkWidget *box = named (page, "walkin-services");

  for (GtkWidget *child = gtk_widget_get_first_child (box); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (GTK_IS_TOGGLE_BUTTON (button) && gtk_widget_get_visible (button))
        return button;
    }
  g_error ("No service to choose on the walk-in page");
  return NULL;
}

static void
fill_form (const char *name,
           const char *phone,
           gboolean    consent)
{
  gtk_editable_set_text (GTK_EDITABLE (named (page, "walkin-name-entry")), name);
  gtk_editable_set_text (GTK_EDITABLE (named (page, "walkin-phone-entry")), phone);
  press (first_service ());
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (named (page, "walkin-consent-check")), consent);
}

static guint
count_walkins (void)
{
  g_autoptr(GPtrArray) walkins = kiosk_replica_list_walkins (kiosk_context_get_replica (context), NULL);

  g_assert_nonnull (walkins);
  return walkins->len;
}

static KioskWalkin *
get_walkin (const char *id)
{
  g_autoptr(GPtrArray) walkins = kiosk_replica_list_walkins (kiosk_context_get_replica (context), NULL);

  for (guint i = 0; i < walkins->len; i++)
    {
      KioskWalkin *walkin = g_ptr_array_index (walkins, i);

      if (g_str_equal (walkin->id, id))
        return g_ptr_array_steal_index (walkins, i);
    }
  return NULL;
}

/* Where @id stands in the desk's queue now (0: not waiting). */
static guint
position_of (const char *id)
{
  g_autoptr(GPtrArray) queue = kiosk_desk_list_queue (context, NULL);

  g_assert_nonnull (queue);
  for (guint i = 0; i < queue->len; i++)
    {
      const KioskQueueItem *item = g_ptr_array_index (queue, i);

      if (g_str_equal (item->walkin->id, id))
        return item->estimate != NULL ? item->estimate->position : 0;
    }
  return 0;
}

/* The words of a translated format before its first %s. */
static const char *
format_prefix (const char *format)
{
  static char prefix[256];
  const char *hole = strstr (format, "%s");

  gsize length = hole != NULL ? (gsize)(hole - format) + 1 : sizeof prefix;

  g_strlcpy (prefix, format, MIN (sizeof prefix, length));
  return prefix;
}

static void
assert_place (const char *id)
{
  guint position = position_of (id);
  g_autofree char *expected = NULL;

  g_assert_cmpuint (position, >, 0);
  if (position == 1)
    expected = g_strdup (_("You are next in the queue."));
  else
    expected = g_strdup_printf (_("Your place in the queue: %u"), position);
  g_assert_cmpstr (label_text ("walkin-place"), ==, expected);
  g_assert_true (g_str_has_prefix (label_text ("walkin-joined-estimate"), format_prefix (_("Estimated wait: %s"))));
}

/* ---- the walk-in page ----------------------------------------------------- */

static void
test_impossible_phone (void)
{
  guint before = count_walkins ();
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = kiosk_phone_normalize ("0555 123", &error);
  GtkWidget *entry = named (page, "walkin-phone-entry");
  GtkWidget *message = named (page, "walkin-phone-message");

  g_assert_null (normalized);
  fill_form ("Işıl Çağlar", "0555 123", TRUE);
  press (named (page, "walkin-join-button"));
  settle ();

  /* Next to the field, in the phone rules' own words; nothing written. */
  g_assert_true (is_shown (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==, error->message);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (named (page, "walkin-stack"))), ==, "form");
  g_assert_cmpuint (count_walkins (), ==, before);
  /* What was typed is kept for the correction. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (page, "walkin-name-entry"))), ==, "Işıl Çağlar");

  /* Typing again takes the message away. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "0555 123 4");
  g_assert_false (is_shown (message));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  shot (window, "walkin-impossible-phone");
}

static void
test_needs_consent (void)
{
  guint before = count_walkins ();
  GtkWidget *message = named (page, "walkin-form-message");

  fill_form ("Işıl Çağlar", "0532 987 65 43", FALSE);
  press (named (page, "walkin-join-button"));
  settle ();

  g_assert_true (is_shown (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   _("Please read the privacy notice and tick the box to agree."));
  g_assert_cmpuint (count_walkins (), ==, before);
  g_assert_false (is_shown (named (page, "walkin-phone-message")));
}

static void
test_join (void)
{
  g_autoptr(GPtrArray) open = kiosk_replica_list_open_walkins (kiosk_context_get_replica (context), NULL);
  g_autoptr(KioskWalkin) walkin = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) error = NULL;
  guint before = count_walkins ();
  const char *estimate;

  fill_form ("Işıl Çağlar", "0532 987 65 43", TRUE);
  /* The wait before joining, in words. */
  estimate = label_text ("walkin-estimate");
  g_assert_cmpstr (estimate, !=, "");
  g_assert_cmpstr (estimate, !=, _("Choose a service to see the wait."));
  g_assert_cmpstr (estimate, !=, _("The wait cannot be estimated right now."));

  press (named (page, "walkin-join-button"));
  settle ();

  g_assert_cmpuint (count_walkins (), ==, before + 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (named (page, "walkin-stack"))), ==, "joined");
  g_assert_false (is_shown (named (page, "walkin-form-message")));

  /* The newest walk-in is ours: find it by its normalised phone. */
  {
    g_autoptr(GPtrArray) all = kiosk_replica_list_walkins (kiosk_context_get_replica (context), NULL);

    for (guint i = 0; i < all->len; i++)
      {
        KioskWalkin *w = g_ptr_array_index (all, i);

        if (g_strcmp0 (w->phone, "+905329876543") == 0 && w->status == KIOSK_WALKIN_WAITING)
          joined_id = g_strdup (w->id);
      }
  }
  g_assert_nonnull (joined_id);
  walkin = get_walkin (joined_id);
  g_assert_cmpstr (walkin->name, ==, "Işıl Çağlar");
  g_assert_true (walkin->pending);

  assert_place (joined_id);
  g_assert_true (is_shown (named (page, "walkin-pending")));
  g_assert_true (strstr (label_text ("walkin-joined-title"), "Işıl") != NULL);
  /* A calm word that it is saved; the upload is staff's business. */
  texts = shown_texts (named (page, "walkin-pending"));
  g_assert_true (shows_containing (texts, _("Saved — the salon has it. Your place is kept.")));
  g_assert_false (shows_containing (texts, _("Pending")));
  g_clear_pointer (&texts, g_ptr_array_unref);

  /* Customer mode: nobody else's name, not even the short form. */
  texts = shown_texts (page);
  for (guint i = 0; i < open->len; i++)
    {
      const KioskWalkin *other = g_ptr_array_index (open, i);
      g_autofree char *short_name = kiosk_format_private_name (other->name);

      if (other->name == NULL || *other->name == '\0')
        continue;
      g_assert_false (shows_containing (texts, other->name));
      g_assert_false (shows_containing (texts, short_name));
    }
  /* Nor the person's own surname, once joined. */
  g_assert_false (shows_containing (texts, "Çağlar"));
  shot (window, "walkin-joined");

  /* The queue moves: the place follows. */
  {
    g_autofree char *called = kiosk_desk_call_next (context, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (called);
    settle ();
    if (g_str_equal (called, joined_id))
      g_assert_cmpstr (label_text ("walkin-place"), ==, _("It is your turn. Please come to the desk."));
    else
      assert_place (joined_id);
  }

  /* Done: back to an empty form for the next person. */
  press (named (page, "walkin-done-button"));
  settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (named (page, "walkin-stack"))), ==, "form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (page, "walkin-name-entry"))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (page, "walkin-phone-entry"))), ==, "");
}

static void
test_same_phone_twice (void)
{
  guint before = count_walkins ();
  g_autoptr(KioskWalkin) walkin = get_walkin (joined_id);

  /* Joining again with the same number, while still in the queue. */
  if (walkin->status != KIOSK_WALKIN_WAITING && walkin->status != KIOSK_WALKIN_CALLED)
    return;
  fill_form ("Işıl Çağlar", "+90 532 987 6543", TRUE);
  press (named (page, "walkin-join-button"));
  settle ();
  g_assert_cmpuint (count_walkins (), ==, before);
  g_assert_true (is_shown (named (page, "walkin-phone-message")));
  g_assert_cmpstr (label_text ("walkin-phone-message"), ==, _("This phone number is already in today's queue."));
}

static void
test_clear (void)
{
  fill_form ("Ömer Şahin", "0 (555) 123-45", TRUE);
  press (named (page, "walkin-join-button"));
  settle ();
  g_assert_true (is_shown (named (page, "walkin-phone-message")));

  kiosk_page_clear (KIOSK_PAGE (page));

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (page, "walkin-name-entry"))), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (page, "walkin-phone-entry"))), ==, "");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (named (page, "walkin-consent-check"))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (first_service ())));
  g_assert_false (is_shown (named (page, "walkin-phone-message")));
  g_assert_false (is_shown (named (page, "walkin-form-message")));
  g_assert_cmpstr (label_text ("walkin-estimate"), ==, _("Choose a service to see the wait."));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (named (page, "walkin-stack"))), ==, "form");
  /* "Anyone" again. */
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (named (page, "walkin-staff-anyone"))));
}

static void
test_staff_mode_names (void)
{
  g_autoptr(GPtrArray) queue = kiosk_desk_list_queue (context, NULL);
  g_autoptr(GPtrArray) texts = NULL;
  GtkWidget *list = named (page, "walkin-queue");
  guint named_rows = 0;

  kiosk_page_set_staff_mode (KIOSK_PAGE (page), TRUE);
  settle ();
  texts = shown_texts (list);
  for (guint i = 0; i < queue->len; i++)
    {
      const KioskQueueItem *item = g_ptr_array_index (queue, i);
      g_autofree char *short_name = kiosk_format_private_name (item->walkin->name);

      if (*short_name == '\0')
        continue;
      g_assert_true (shows_containing (texts, short_name));
      named_rows++;
    }
  g_assert_cmpuint (named_rows, >, 0);

  kiosk_page_set_staff_mode (KIOSK_PAGE (page), FALSE);
  settle ();
  g_clear_pointer (&texts, g_ptr_array_unref);
  texts = shown_texts (list);
  for (guint i = 0; i < queue->len; i++)
    {
      const KioskQueueItem *item = g_ptr_array_index (queue, i);
      g_autofree char *short_name = kiosk_format_private_name (item->walkin->name);

      if (*short_name != '\0')
        g_assert_false (shows_containing (texts, short_name));
    }
}

/* The salon opens at 09:00: at 00:51 nobody joins from the kiosk, and the
 * page says when they can. Staff can still add someone. */
static void
test_closed (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  g_autoptr(GDateTime) night = g_date_time_new (tz, 2026, 12, 9, 0, 51, 0);
  g_autoptr(GDateTime) sunday = g_date_time_new (tz, 2026, 12, 13, 12, 0, 0);
  g_autoptr(GDateTime) noon = g_date_time_new (tz, 2026, 12, 9, 12, 30, 0);
  g_autofree char *tomorrow = NULL;
  GtkWidget *stack = named (page, "walkin-stack");
  guint before = count_walkins ();

  /* Someone fills the form, and the salon closes meanwhile. */
  kiosk_page_clear (KIOSK_PAGE (page));
  fill_form ("Deniz Yıldız", "0533 444 55 66", TRUE);
  kiosk_context_set_now (context, night);
  kiosk_page_reload (KIOSK_PAGE (page));
  settle ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "closed");
  g_assert_cmpstr (label_text ("walkin-closed-title"), ==, _("The salon is closed now"));
  g_assert_cmpstr (label_text ("walkin-closed-when"), ==,
                   g_str_equal (lang, "tr") ? "Sıra, salon açılınca başlar: bugün 09:00."
                                            : "The queue opens with the salon, today at 09:00.");
  g_assert_cmpstr (label_text ("walkin-summary"), ==, _("Nobody can join the queue while the salon is closed."));
  /* Nothing to tick or press: no field, check box or button is shown
   * beside what it says, and the join itself is off. */
  g_assert_false (is_shown (named (page, "walkin-name-entry")));
  g_assert_false (is_shown (named (page, "walkin-consent-check")));
  g_assert_false (is_shown (named (page, "walkin-join-button")));
  g_assert_false (gtk_widget_is_sensitive (named (page, "walkin-join-button")));
  gtk_widget_activate_action (page, "walkin.join", NULL);
  settle ();
  g_assert_cmpuint (count_walkins (), ==, before);
  shot (window, "walkin-closed");

  /* After idle the page is cleared: still closed, not the form. */
  kiosk_page_clear (KIOSK_PAGE (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "closed");

  /* Staff keep the form. */
  kiosk_page_set_staff_mode (KIOSK_PAGE (page), TRUE);
  settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "form");
  g_assert_true (is_shown (named (page, "walkin-join-button")));
  kiosk_page_set_staff_mode (KIOSK_PAGE (page), FALSE);
  settle ();

  /* Sunday is closed all day: tomorrow, Monday. */
  kiosk_context_set_now (context, sunday);
  kiosk_page_reload (KIOSK_PAGE (page));
  tomorrow = g_strdup_printf (_("The queue opens with the salon, %s."),
                              g_str_equal (lang, "tr") ? "yarın 09:00" : "tomorrow at 09:00");
  g_assert_cmpstr (label_text ("walkin-closed-when"), ==, tomorrow);

  /* Open again: the form is back. */
  kiosk_context_set_now (context, noon);
  kiosk_page_reload (KIOSK_PAGE (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "form");
  g_assert_true (is_shown (named (page, "walkin-join-button")));
  g_assert_true (gtk_widget_is_sensitive (named (page, "walkin-join-button")));
}

/* ---- the queue page --------------------------------------------------------- */

static GtkWidget *
queue_button (const char *action,
              const char *id)
{
  g_autofree char *name = g_strdup_printf ("queue-%s-%s", action, id);

  return find_named (queue_page, name);
}

static KioskWalkinStatus
status_of (const char *id)
{
  g_autoptr(KioskWalkin) walkin = get_walkin (id);

  g_assert_nonnull (walkin);
  return walkin->status;
}

static void
test_queue_flow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = kiosk_replica_list_services (kiosk_context_get_replica (context), NULL);
  const KioskService *service = NULL;
  const char *person = "İrem Öztürk";
  g_autofree char *id = NULL;
  g_autofree char *call_name = g_strdup_printf (_("Call %s"), person);
  g_autofree char *start_name = g_strdup_printf (_("Start serving %s"), person);
  g_autofree char *left_name = g_strdup_printf (_("%s left"), person);
  g_autofree char *done_name = g_strdup_printf (_("%s is done"), person);
  g_autoptr(GDateTime) now = kiosk_context_dup_now (context);
  g_autoptr(GPtrArray) texts = NULL;
  GtkWidget *button;
  GtkWidget *row;

  for (guint i = 0; i < services->len && service == NULL; i++)
    if (((KioskService *)g_ptr_array_index (services, i))->is_active)
      service = g_ptr_array_index (services, i);
  g_assert_nonnull (service);

  id = kiosk_desk_join_queue (context, person, "0505 111 22 33", service->id, NULL, now, &error);
  g_assert_no_error (error);
  settle ();

  /* Listed with its pending badge and buttons that say whom they move. */
  button = queue_button ("call", id);
  g_assert_nonnull (button);
  row = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW);
  texts = shown_texts (row);
  g_assert_true (shows_containing (texts, person));
  g_assert_true (shows_containing (texts, service->name));
  g_assert_true (shows_containing (texts, _("Pending")));
  g_assert_true (shows_containing (texts, kiosk_format_walkin_status (KIOSK_WALKIN_WAITING)));
  {
    g_autofree char *waited = kiosk_format_duration (0);
    g_autofree char *text = g_strdup_printf (_("waiting %s"), waited);

    g_assert_true (shows_containing (texts, text));
  }
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, call_name);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (queue_button ("start", id)), GTK_ACCESSIBLE_PROPERTY_LABEL, start_name);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (queue_button ("left", id)), GTK_ACCESSIBLE_PROPERTY_LABEL, left_name);
  shot (queue_window, "queue");

  /* A move the queue does not allow: said on the row, nothing changes. */
  gtk_widget_activate_action (queue_page, "queue.move", "(ss)", id, "done");
  settle ();
  g_assert_cmpint (status_of (id), ==, KIOSK_WALKIN_WAITING);
  row = gtk_widget_get_ancestor (queue_button ("call", id), GTK_TYPE_LIST_BOX_ROW);
  g_clear_pointer (&texts, g_ptr_array_unref);
  texts = shown_texts (row);
  g_assert_cmpuint (texts->len, >, 0);
  {
    g_autoptr(GError) refused = NULL;

    g_assert_false (kiosk_desk_set_walkin_status (context, id, KIOSK_WALKIN_DONE, NULL, &refused));
    g_assert_true (shows_containing (texts, refused->message));
  }

  /* Call, start, done from the row. */
  press (queue_button ("call", id));
  settle ();
  g_assert_cmpint (status_of (id), ==, KIOSK_WALKIN_CALLED);
  g_assert_null (queue_button ("call", id));
  button = queue_button ("start", id);
  g_assert_nonnull (button);
  /* The keyboard is where the next step is. */
  g_assert_true (gtk_widget_has_focus (button) || !gtk_window_is_active (GTK_WINDOW (queue_window)));

  press (button);
  settle ();
  g_assert_cmpint (status_of (id), ==, KIOSK_WALKIN_IN_SERVICE);
  button = queue_button ("done", id);
  g_assert_nonnull (button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, done_name);

  press (button);
  settle ();
  g_assert_cmpint (status_of (id), ==, KIOSK_WALKIN_DONE);
  g_assert_null (queue_button ("done", id));
  g_assert_null (queue_button ("start", id));
}

static void
test_call_next_names_person (void)
{
  g_autoptr(GPtrArray) queue = kiosk_desk_list_queue (context, NULL);
  const KioskQueueItem *next = NULL;
  GtkWidget *button = named (queue_page, "queue-call-next");
  g_autofree char *expected = NULL;
  g_autofree char *called = NULL;

  for (guint i = 0; i < queue->len && next == NULL; i++)
    if (((KioskQueueItem *)g_ptr_array_index (queue, i))->walkin->status == KIOSK_WALKIN_WAITING)
      next = g_ptr_array_index (queue, i);
  if (next == NULL)
    {
      g_assert_false (gtk_widget_is_sensitive (button));
      return;
    }
  expected = g_strdup_printf (_("Call next: %s"), next->walkin->name);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
  called = g_strdup (next->walkin->id);
  press (button);
  settle ();
  g_assert_cmpint (status_of (called), ==, KIOSK_WALKIN_CALLED);
  g_assert_nonnull (queue_button ("start", called));
}

/* ---- set-up ------------------------------------------------------------------ */

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  g_autoptr(GDateTime) real = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) wednesday = g_date_time_new (tz, 2026, 12, 9, 12, 30, 0);
  g_autofree char *offset = NULL;
  int status;

  /* The test AT context keeps accessible attributes to read them back. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  lang = kiosk_ui_test_init (&argc, &argv);
  gtk_init ();

  /* An open Wednesday whatever the real date and time: the demo salon is
   * made for that day (KIOSK_TEST_CLOCK_OFFSET is read when the context is
   * made), and the clock then stays there. */
  offset = g_strdup_printf ("%" G_GINT64_FORMAT, g_date_time_difference (wednesday, real) / G_TIME_SPAN_SECOND);
  g_setenv ("KIOSK_TEST_CLOCK_OFFSET", offset, TRUE);
  data_dir = g_dir_make_tmp ("kiosk-ui-walkin-XXXXXX", &error);
  g_assert_no_error (error);
  context = kiosk_context_new (data_dir, TRUE, 11, &error);
  g_assert_no_error (error);
  g_unsetenv ("KIOSK_TEST_CLOCK_OFFSET");
  kiosk_context_set_now (context, wednesday);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 860);
  page = kiosk_walkin_page_new (context);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  kiosk_ui_test_wait_for_paint (window);

  queue_window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (queue_window), 1200, 860);
  queue_page = kiosk_queue_page_new (context);
  kiosk_page_set_staff_mode (KIOSK_PAGE (queue_page), TRUE);
  gtk_window_set_child (GTK_WINDOW (queue_window), queue_page);
  gtk_window_present (GTK_WINDOW (queue_window));
  kiosk_ui_test_wait_for_paint (queue_window);

  g_test_add_func ("/ui/walkin/impossible-phone", test_impossible_phone);
  g_test_add_func ("/ui/walkin/needs-consent", test_needs_consent);
  g_test_add_func ("/ui/walkin/join", test_join);
  g_test_add_func ("/ui/walkin/same-phone-twice", test_same_phone_twice);
  g_test_add_func ("/ui/walkin/clear", test_clear);
  g_test_add_func ("/ui/walkin/staff-mode-names", test_staff_mode_names);
  g_test_add_func ("/ui/walkin/closed", test_closed);
  g_test_add_func ("/ui/queue/flow", test_queue_flow);
  g_test_add_func ("/ui/queue/call-next", test_call_next_names_person);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (queue_window));
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  kiosk_ui_test_remove_tree (data_dir);
  g_free (data_dir);
  g_free (joined_id);
  return status;
}
