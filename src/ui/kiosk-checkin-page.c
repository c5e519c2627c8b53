/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Customer mode: a person types their phone number, sees their own
 * bookings of today (first name only) and checks in with one button.
 * Staff mode: today's whole list, who has arrived, early and late flags, a
 * search by name or phone, and check-in from the list.
 */
#define G_LOG_DOMAIN "kiosk-checkin-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "kiosk-context-reads.h"
#include "kiosk-fold.h"
#include "kiosk-time.h"
#include "kiosk-accessible.h"
#include "kiosk-checkin-page.h"
#include "kiosk-desk-bookings.h"
#include "kiosk-format.h"
#include "kiosk-widgets.h"

#define DEFAULT_LATE_THRESHOLD 15

struct _KioskCheckinPage
{
  KioskPage    parent_instance;

  GtkLabel    *summary_label;
  GtkBox      *content;

  /* Customer mode */
  GtkWidget   *self_box;
  GtkEditable *phone_entry;
  GtkLabel    *greeting_label;
  GtkListBox  *mine_list;
  GtkLabel    *self_message_label;
  GtkWidget   *done_button;
  /* The number the shown bookings were found for: reloads look again. */
  char        *looked_up;

  /* Staff mode */
  GtkWidget   *staff_box;
  GtkEditable *search_entry;
  GtkLabel    *staff_message_label;
  GtkListBox  *upcoming_list;
  GtkListBox  *arrived_list;
};

G_DEFINE_FINAL_TYPE (KioskCheckinPage, kiosk_checkin_page, KIOSK_TYPE_PAGE)

GtkWidget *
kiosk_checkin_page_new (KioskContext *context)
{
  return g_object_new (KIOSK_TYPE_CHECKIN_PAGE, "context", context, NULL);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static int
late_threshold (KioskCheckinPage *self)
{
  GSettings *settings = kiosk_context_get_settings (kiosk_page_get_context (KIOSK_PAGE (self)));

  return settings != NULL ? (int) g_settings_get_uint (settings, "late-threshold") : DEFAULT_LATE_THRESHOLD;
}

/* Minutes from the booking's start to @instant (negative: before it), in
 * the salon's time zone; FALSE when either cannot be read. */
static gboolean
minutes_from_start (const KioskAppointment *appt,
                    GDateTime              *instant,
                    GTimeZone              *tz,
                    int                    *minutes)
{
  int y, m, d;
  g_autoptr(GDateTime) start = NULL;

  if (instant == NULL || appt->appointment_date == NULL ||
      sscanf (appt->appointment_date, "%d-%d-%d", &y, &m, &d) != 3)
    return FALSE;
  start = g_date_time_new (tz, y, m, d, appt->appointment_time / 3600, (appt->appointment_time / 60) % 60, 0);
  if (start == NULL)
    return FALSE;
  *minutes = (int) (g_date_time_difference (instant, start) / G_TIME_SPAN_MINUTE);
  return TRUE;
}

static gboolean
is_open (const KioskAppointment *appt)
{
  return appt->status == KIOSK_APPOINTMENT_PENDING || appt->status == KIOSK_APPOINTMENT_CONFIRMED;
}

static char *
arrival_sentence (KioskArrival arrival,
                  int          minutes)
{
  g_autofree char *how_long = kiosk_time_format_duration (minutes);

  switch (arrival)
    {
    case KIOSK_ARRIVAL_EARLY:
      /* Translators: %s is how early, "25 min" or "1 h 20 min". */
      return g_strdup_printf (_("You are %s early. We will call you when it is time."), how_long);
    case KIOSK_ARRIVAL_LATE:
      /* Translators: %s is how late, "25 min" or "1 h 20 min". */
      return g_strdup_printf (_("You are %s late. Please let the desk know you are here."), how_long);
    case KIOSK_ARRIVAL_ON_TIME:
    default:
      return g_strdup (_("You are right on time. Please take a seat."));
    }
}

/* ---- customer mode --------------------------------------------------------- */

static void
clear_self (KioskCheckinPage *self)
{
  gtk_editable_set_text (self->phone_entry, "");
  g_clear_pointer (&self->looked_up, g_free);
  kiosk_list_box_remove_all (self->mine_list);
  gtk_widget_set_visible (GTK_WIDGET (self->mine_list), FALSE);
  set_label (self->greeting_label, NULL);
  set_label (self->self_message_label, NULL);
  gtk_widget_set_visible (self->done_button, FALSE);
}

static void
self_check_in_clicked_cb (GtkButton        *button,
                          KioskCheckinPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "appointment-id");
  const char *first = g_object_get_data (G_OBJECT (button), "first-name");
  const char *what = g_object_get_data (G_OBJECT (button), "what");
  g_autoptr(GError) error = NULL;
  g_autofree char *first_copy = g_strdup (first);
  g_autofree char *what_copy = g_strdup (what);
  KioskArrival arrival = KIOSK_ARRIVAL_ON_TIME;
  int minutes = 0;

  if (!kiosk_desk_check_in_self (kiosk_page_get_context (KIOSK_PAGE (self)), id, &arrival, &minutes, &error))
    {
      set_label (self->self_message_label, error->message);
      gtk_widget_set_visible (self->done_button, TRUE);
      return;
    }

  /* Only the confirmation stays: the list had the bookings. */
  kiosk_list_box_remove_all (self->mine_list);
  gtk_widget_set_visible (GTK_WIDGET (self->mine_list), FALSE);
  g_clear_pointer (&self->looked_up, g_free);
  gtk_editable_set_text (self->phone_entry, "");
  {
    g_autofree char *flag = arrival_sentence (arrival, minutes);
    /* Translators: "Thank you, Ayşe! You are checked in for 14:00 · Saç kesimi." then how early or late. */
    g_autofree char *text = g_strdup_printf (_("Thank you, %s! You are checked in for %s. %s"),
                                             first_copy != NULL ? first_copy : "", what_copy, flag);

    set_label (self->greeting_label, NULL);
    set_label (self->self_message_label, text);
  }
  gtk_widget_set_visible (self->done_button, TRUE);
  gtk_widget_grab_focus (self->done_button);
}

static GtkWidget *
make_self_row (KioskCheckinPage          *self,
               const KioskAppointmentRow *row,
               const char                *first_name)
{
  const KioskAppointment *appt = &row->appointment;
  g_autofree char *time = kiosk_format_time (appt->appointment_time);
  g_autofree char *what = NULL;
  g_autofree char *with = NULL;
  GtkWidget *suffix;
  int opens_at;

  /* Translators: "14:00 · Saç kesimi". */
  what = g_strdup_printf (_("%s · %s"), time, row->service_name != NULL ? row->service_name : "");
  if (row->employee_name != NULL)
    /* Translators: %s is a member of staff's name. */
    with = g_strdup_printf (_("With %s"), row->employee_name);

  if (appt->checked_in_at != NULL)
    suffix = kiosk_badge_new (_("Checked in"), "status-checked-in");
  else if (!kiosk_desk_check_in_is_open (kiosk_page_get_context (KIOSK_PAGE (self)), appt, &opens_at))
    {
      g_autofree char *from = kiosk_time_format_short (opens_at);
      /* Translators: %s is a time of day, "12:30": check-in opens before the booking, as the salon set it. */
      g_autofree char *text = g_strdup_printf (_("You can check in from %s."), from);

      suffix = gtk_label_new (text);
      gtk_label_set_wrap (GTK_LABEL (suffix), TRUE);
      gtk_widget_add_css_class (suffix, "dim-label");
    }
  else
    {
      /* Translators: a customer checks in for their own booking ("I am here"):
       * the button's description, %s is "14:00 · Saç kesimi". */
      g_autofree char *accessible = g_strdup_printf (C_("own booking", "Check in: %s"), what);

      /* Translators: a customer checks in for their own booking ("I am here"). */
      suffix = kiosk_button_new_with_mnemonic (C_("own booking", "Check _in"));
      gtk_widget_add_css_class (suffix, "suggested-action");
      gtk_accessible_update_property (GTK_ACCESSIBLE (suffix), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, accessible, -1);
      g_object_set_data_full (G_OBJECT (suffix), "appointment-id", g_strdup (appt->id), g_free);
      g_object_set_data_full (G_OBJECT (suffix), "first-name", g_strdup (first_name), g_free);
      g_object_set_data_full (G_OBJECT (suffix), "what", g_strdup (what), g_free);
      g_signal_connect (suffix, "clicked", G_CALLBACK (self_check_in_clicked_cb), self);
    }

  return kiosk_row_new (what, with, NULL, suffix);
}

/* The person's own first name, from their phone; NULL when unknown. */
static char *
dup_first_name (KioskContext *context,
                const char   *phone,
                char        **customer_id)
{
  g_autoptr(KioskCustomer) customer = kiosk_desk_find_self (context, phone, NULL);

  if (customer == NULL)
    return NULL;
  if (customer_id != NULL)
    *customer_id = g_strdup (customer->id);
  return g_strstrip (g_strdup (customer->first_name != NULL ? customer->first_name : ""));
}

/* No open booking: if the person had one today that was cancelled or is
 * over, the desk's refusal says which, in its words. */
static char *
dup_closed_booking_reason (KioskCheckinPage *self,
                           const char       *customer_id)
{
  KioskContext *context = kiosk_page_get_context (KIOSK_PAGE (self));
  g_autofree char *today = kiosk_context_dup_today (context);
  g_autoptr(GPtrArray) rows = kiosk_context_list_appointment_rows (kiosk_page_get_context (KIOSK_PAGE (self)), today, NULL);
  const KioskAppointmentRow *closed = NULL;
  g_autoptr(GError) error = NULL;

  if (rows == NULL || customer_id == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      const KioskAppointmentRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->appointment.customer, customer_id) == 0 && !is_open (&row->appointment))
        closed = row;
    }
  if (closed == NULL)
    return NULL;
  /* A closed booking is refused and nothing is written. */
  if (kiosk_desk_check_in (context, closed->appointment.id, NULL, NULL, &error))
    return NULL;
  return g_strdup (error->message);
}

static void
look_up (KioskCheckinPage *self,
         const char       *phone)
{
  KioskContext *context = kiosk_page_get_context (KIOSK_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autofree char *first = NULL;
  g_autofree char *customer_id = NULL;
  g_autofree char *phone_copy = g_strdup (phone);

  kiosk_list_box_remove_all (self->mine_list);
  gtk_widget_set_visible (GTK_WIDGET (self->mine_list), FALSE);
  set_label (self->greeting_label, NULL);
  set_label (self->self_message_label, NULL);
  g_clear_pointer (&self->looked_up, g_free);

  bookings = kiosk_desk_find_bookings_today (context, phone_copy, &error);
  if (bookings == NULL)
    {
      set_label (self->self_message_label, error->message);
      gtk_widget_set_visible (self->done_button, TRUE);
      return;
    }
  self->looked_up = g_strdup (phone_copy);
  gtk_widget_set_visible (self->done_button, TRUE);
  first = dup_first_name (context, phone_copy, &customer_id);

  if (bookings->len == 0)
    {
      g_autofree char *closed = dup_closed_booking_reason (self, customer_id);

      set_label (self->self_message_label,
                 closed != NULL ? closed
                                : _("There is no booking today for this number. If you booked for another day "
                                    "or with another number, please ask at the desk."));
      return;
    }

  {
    g_autofree char *greeting = NULL;

    if (first != NULL && *first != '\0')
      /* Translators: %s is the customer's first name. */
      greeting = g_strdup_printf (ngettext ("Hello, %s! Your booking today:", "Hello, %s! Your bookings today:",
                                            bookings->len), first);
    else
      greeting = g_strdup (ngettext ("Your booking today:", "Your bookings today:", bookings->len));
    set_label (self->greeting_label, greeting);
  }
  for (guint i = 0; i < bookings->len; i++)
    gtk_list_box_append (self->mine_list, make_self_row (self, g_ptr_array_index (bookings, i), first));
  gtk_widget_set_visible (GTK_WIDGET (self->mine_list), TRUE);
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KioskCheckinPage *self = KIOSK_CHECKIN_PAGE (widget);

  look_up (self, gtk_editable_get_text (self->phone_entry));
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KioskCheckinPage *self = KIOSK_CHECKIN_PAGE (widget);

  clear_self (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->phone_entry));
}

static void
build_self (KioskCheckinPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Your _phone number"));
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *find = kiosk_button_new_with_mnemonic (_("_Find my booking"));

  gtk_widget_add_css_class (box, "rule-card");
  gtk_box_append (GTK_BOX (box), kiosk_heading_new (_("Check in for your booking")));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PHONE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "0555 123 45 67");
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (gtk_widget_activate), find);
  gtk_widget_set_name (entry, "checkin-phone-entry");
  self->phone_entry = GTK_EDITABLE (entry);
  gtk_widget_add_css_class (find, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (find), "checkin.find");
  gtk_box_append (GTK_BOX (row), entry);
  gtk_box_append (GTK_BOX (row), find);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), row);

  self->greeting_label = GTK_LABEL (g_object_new (GTK_TYPE_LABEL, "xalign", 0.0f, "wrap", TRUE, "visible", FALSE, NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->greeting_label), "rule-title");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->greeting_label));

  self->mine_list = GTK_LIST_BOX (kiosk_card_list_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->mine_list), "checkin-mine");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mine_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your bookings today"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->mine_list), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->mine_list));

  self->self_message_label = GTK_LABEL (g_object_new (GTK_TYPE_LABEL, "name", "checkin-self-message",
                                                      "xalign", 0.0f, "wrap", TRUE, "visible", FALSE, NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->self_message_label), "rule-title");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->self_message_label));

  self->done_button = kiosk_button_new_with_mnemonic (_("_Done"));
  gtk_widget_set_halign (self->done_button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->done_button), "checkin.done");
  gtk_widget_set_visible (self->done_button, FALSE);
  gtk_box_append (GTK_BOX (box), self->done_button);

  self->self_box = box;
  gtk_box_append (self->content, box);
}

/* ---- staff mode ----------------------------------------------------------- */

static void staff_reload (KioskCheckinPage *self);

static void
staff_check_in_clicked_cb (GtkButton        *button,
                           KioskCheckinPage *self)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (button), "appointment-id"));
  g_autofree char *who = g_strdup (g_object_get_data (G_OBJECT (button), "who"));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *how_long = NULL;
  KioskArrival arrival = KIOSK_ARRIVAL_ON_TIME;
  int minutes = 0;

  if (!kiosk_desk_check_in (kiosk_page_get_context (KIOSK_PAGE (self)), id, &arrival, &minutes, &error))
    {
      set_label (self->staff_message_label, error->message);
      return;
    }
  how_long = kiosk_time_format_duration (minutes);
  switch (arrival)
    {
    case KIOSK_ARRIVAL_EARLY:
      /* Translators: "Ayşe Yılmaz, 14:00 is checked in, 1 h 20 min early." */
      text = g_strdup_printf (_("%1$s is checked in, %2$s early."), who, how_long);
      break;
    case KIOSK_ARRIVAL_LATE:
      /* Translators: "Ayşe Yılmaz, 14:00 is checked in, 25 min late." */
      text = g_strdup_printf (_("%1$s is checked in, %2$s late."), who, how_long);
      break;
    case KIOSK_ARRIVAL_ON_TIME:
    default:
      text = g_strdup_printf (_("%s is checked in, on time."), who);
      break;
    }
  set_label (self->staff_message_label, text);
  /* replica-changed reloads a shown page; this keeps it right if not. */
  staff_reload (self);
}

static GtkWidget *
flag_badge (int minutes,
            int threshold)
{
  if (minutes > threshold)
    {
      g_autofree char *how_long = kiosk_time_format_duration (minutes);
      /* Translators: a late arrival, "Late · 20 min" or "Late · 1 h 5 min". */
      g_autofree char *text = g_strdup_printf (_("Late · %s"), how_long);
      return kiosk_badge_new (text, "status-waiting");
    }
  if (-minutes > threshold)
    {
      g_autofree char *how_long = kiosk_time_format_duration (-minutes);
      /* Translators: an early arrival, "Early · 30 min" or "Early · 1 h 20 min". */
      g_autofree char *text = g_strdup_printf (_("Early · %s"), how_long);
      return kiosk_badge_new (text, "status-called");
    }
  return NULL;
}

static GtkWidget *
make_staff_row (KioskCheckinPage          *self,
                const KioskAppointmentRow *row,
                GDateTime                 *now,
                int                        threshold,
                const char                *search_key)
{
  const KioskAppointment *appt = &row->appointment;
  g_autofree char *time = kiosk_format_time (appt->appointment_time);
  const char *name = row->customer_name != NULL && *row->customer_name != '\0' ? row->customer_name : _("Guest");
  g_autofree char *subtitle = NULL;
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *time_label = gtk_label_new (time);
  GtkWidget *flag = NULL;
  GtkWidget *widget;
  int minutes;

  if (row->employee_name != NULL)
    subtitle = g_strdup_printf (_("%s · %s"), row->service_name != NULL ? row->service_name : "", row->employee_name);
  else
    subtitle = g_strdup (row->service_name);

  if (appt->pending)
    gtk_box_append (GTK_BOX (suffix), kiosk_pending_badge_new ());

  if (!is_open (appt))
    {
      const char *css = appt->status == KIOSK_APPOINTMENT_COMPLETED ? "status-completed"
                        : appt->status == KIOSK_APPOINTMENT_NO_SHOW ? "status-no-show" : "status-cancelled";
      gtk_box_append (GTK_BOX (suffix), kiosk_badge_new (kiosk_format_appointment_status (appt->status), css));
    }
  else if (appt->checked_in_at != NULL)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (appt->checked_in_at, NULL);

      if (minutes_from_start (appt, at, g_date_time_get_timezone (now), &minutes))
        flag = flag_badge (minutes, threshold);
      if (flag != NULL)
        gtk_box_append (GTK_BOX (suffix), flag);
      gtk_box_append (GTK_BOX (suffix), kiosk_badge_new (_("Checked in"), "status-checked-in"));
    }
  else
    {
      /* Translators: the staff's button that checks a customer in: name, time. */
      g_autofree char *accessible = g_strdup_printf (_("Check in: %s, %s"), name, time);
      g_autofree char *who = g_strdup_printf ("%s, %s", name, time);
      GtkWidget *button = kiosk_button_new_with_mnemonic (_("Check _in"));

      /* Not here yet and already past the threshold. */
      if (minutes_from_start (appt, now, g_date_time_get_timezone (now), &minutes) && minutes > threshold)
        gtk_box_append (GTK_BOX (suffix), kiosk_badge_new (_("Late, not here yet"), "status-waiting"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_object_set_data_full (G_OBJECT (button), "appointment-id", g_strdup (appt->id), g_free);
      g_object_set_data_full (G_OBJECT (button), "who", g_steal_pointer (&who), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (staff_check_in_clicked_cb), self);
      gtk_box_append (GTK_BOX (suffix), button);
    }

  gtk_widget_add_css_class (time_label, "row-time");
  gtk_widget_add_css_class (time_label, "numeric");
  widget = kiosk_row_new (name, subtitle, time_label, suffix);
  g_object_set_data_full (G_OBJECT (widget), "search-key", g_strdup (search_key), g_free);
  return widget;
}

/* Name folded the Turkish way plus the phone's digits (with and without
 * the country code), so "isik", "IŞIK" and "532 12" all find Işık. */
static char *
make_search_key (const KioskAppointmentRow *row,
                 KioskContext              *context)
{
  g_autofree char *folded = kiosk_fold_for_search (row->customer_name);
  g_autoptr(KioskCustomer) customer = NULL;
  g_autoptr(GString) digits = g_string_new (NULL);

  if (row->appointment.customer != NULL)
    customer = kiosk_context_get_customer (context, row->appointment.customer, NULL);
  if (customer != NULL && customer->phone != NULL)
    {
      for (const char *p = customer->phone; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (digits, *p);
      /* +90 532 … is typed 0532 … at a Turkish desk. */
      if (g_str_has_prefix (digits->str, "90"))
        g_string_append_printf (digits, " 0%s", digits->str + 2);
    }
  return g_strdup_printf ("%s %s", folded, digits->str);
}

static gboolean
row_matches (GtkListBoxRow *row,
             gpointer       data)
{
  KioskCheckinPage *self = data;
  const char *key = g_object_get_data (G_OBJECT (row), "search-key");
  const char *text = gtk_editable_get_text (self->search_entry);
  g_autofree char *query = NULL;
  g_autofree char *digits_only = NULL;

  if (text == NULL || *text == '\0' || key == NULL)
    return TRUE;
  query = kiosk_fold_for_search (text);
  if (*query == '\0')
    return TRUE;
  /* "0532 123 45" finds "05321234567": spaces in a number do not count. */
  if (g_regex_match_simple ("^[0-9 ()+-]+$", text, 0, 0))
    {
      GString *digits = g_string_new (NULL);

      for (const char *p = text; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (digits, *p);
      digits_only = g_string_free (digits, FALSE);
      return *digits_only == '\0' || strstr (key, digits_only) != NULL;
    }
  return strstr (key, query) != NULL;
}

static void
search_changed_cb (KioskCheckinPage *self)
{
  gtk_list_box_invalidate_filter (self->upcoming_list);
  gtk_list_box_invalidate_filter (self->arrived_list);
}

static void
staff_reload (KioskCheckinPage *self)
{
  KioskContext *context = kiosk_page_get_context (KIOSK_PAGE (self));
  g_autofree char *today = kiosk_context_dup_today (context);
  g_autoptr(GDateTime) now = kiosk_context_dup_now (context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = kiosk_context_list_appointment_rows (context, today, &error);
  int threshold = late_threshold (self);
  guint n_upcoming = 0;
  guint n_arrived = 0;

  kiosk_list_box_remove_all (self->upcoming_list);
  kiosk_list_box_remove_all (self->arrived_list);
  if (rows == NULL)
    {
      g_warning ("Cannot read today's appointments: %s", error->message);
      gtk_label_set_text (self->summary_label, _("Today's appointments cannot be read right now."));
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const KioskAppointmentRow *row = g_ptr_array_index (rows, i);
      g_autofree char *key = make_search_key (row, context);
      GtkWidget *widget = make_staff_row (self, row, now, threshold, key);

      if (is_open (&row->appointment) && row->appointment.checked_in_at != NULL)
        {
          gtk_list_box_append (self->arrived_list, widget);
          n_arrived++;
        }
      else
        {
          gtk_list_box_append (self->upcoming_list, widget);
          if (is_open (&row->appointment))
            n_upcoming++;
        }
    }

  {
    g_autofree char *summary =
      /* Translators: the first %u is how many have checked in, the second how many are still expected. */
      g_strdup_printf (ngettext ("%u checked in, %u still expected today.",
                                 "%u checked in, %u still expected today.", n_upcoming),
                       n_arrived, n_upcoming);

    gtk_label_set_text (self->summary_label, summary);
  }
}

static void
build_staff (KioskCheckinPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  g_object_set (search, "placeholder-text", _("Find by name or phone number"), "hexpand", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search today's bookings"), -1);
  g_signal_connect_swapped (search, "search-changed", G_CALLBACK (search_changed_cb), self);
  self->search_entry = GTK_EDITABLE (search);
  gtk_box_append (GTK_BOX (box), search);

  self->staff_message_label = GTK_LABEL (g_object_new (GTK_TYPE_LABEL, "name", "checkin-staff-message",
                                                       "xalign", 0.0f, "wrap", TRUE, "visible", FALSE, NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->staff_message_label), "rule-title");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->staff_message_label));

  self->upcoming_list = GTK_LIST_BOX (kiosk_card_list_new (_("No more appointments today.")));
  gtk_widget_set_name (GTK_WIDGET (self->upcoming_list), "checkin-upcoming");
  self->arrived_list = GTK_LIST_BOX (kiosk_card_list_new (_("No one has checked in yet.")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->upcoming_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Still to come"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->arrived_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Checked in"), -1);
  gtk_list_box_set_filter_func (self->upcoming_list, row_matches, self, NULL);
  gtk_list_box_set_filter_func (self->arrived_list, row_matches, self, NULL);
  gtk_widget_set_hexpand (left, TRUE);
  gtk_widget_set_hexpand (right, TRUE);
  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_box_append (GTK_BOX (left), kiosk_heading_new (_("Still to come")));
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->upcoming_list));
  gtk_box_append (GTK_BOX (right), kiosk_heading_new (_("Checked in")));
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->arrived_list));
  gtk_box_append (GTK_BOX (columns), left);
  gtk_box_append (GTK_BOX (columns), right);
  gtk_box_append (GTK_BOX (box), columns);

  self->staff_box = box;
  gtk_box_append (self->content, box);
}

/* ---- the page ------------------------------------------------------------- */

static void
kiosk_checkin_page_reload (KioskPage *page)
{
  KioskCheckinPage *self = KIOSK_CHECKIN_PAGE (page);

  if (kiosk_page_get_staff_mode (page))
    {
      staff_reload (self);
      return;
    }

  gtk_label_set_text (self->summary_label, _("Type your phone number to find your booking of today."));
  /* The shown bookings follow the replica (a booking cancelled meanwhile). */
  if (self->looked_up != NULL)
    {
      g_autofree char *phone = g_strdup (self->looked_up);

      look_up (self, phone);
    }
}

static void
kiosk_checkin_page_clear (KioskPage *page)
{
  KioskCheckinPage *self = KIOSK_CHECKIN_PAGE (page);

  clear_self (self);
  gtk_editable_set_text (self->search_entry, "");
  set_label (self->staff_message_label, NULL);
}

static void
staff_mode_changed_cb (KioskCheckinPage *self)
{
  gboolean staff = kiosk_page_get_staff_mode (KIOSK_PAGE (self));

  kiosk_checkin_page_clear (KIOSK_PAGE (self));
  gtk_widget_set_visible (self->self_box, !staff);
  gtk_widget_set_visible (self->staff_box, staff);
  if (staff)
    kiosk_list_box_remove_all (self->mine_list);
  else
    {
      /* Nobody's list stays behind for the next customer. */
      kiosk_list_box_remove_all (self->upcoming_list);
      kiosk_list_box_remove_all (self->arrived_list);
    }
  if (kiosk_page_get_context (KIOSK_PAGE (self)) != NULL)
    kiosk_page_reload (KIOSK_PAGE (self));
}

static void
kiosk_checkin_page_dispose (GObject *object)
{
  KioskCheckinPage *self = KIOSK_CHECKIN_PAGE (object);

  g_clear_pointer (&self->looked_up, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_CHECKIN_PAGE);

  G_OBJECT_CLASS (kiosk_checkin_page_parent_class)->dispose (object);
}

static void
kiosk_checkin_page_class_init (KioskCheckinPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_checkin_page_dispose;
  page_class->reload = kiosk_checkin_page_reload;
  page_class->clear = kiosk_checkin_page_clear;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/salonity/Kiosk/kiosk-checkin-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskCheckinPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KioskCheckinPage, content);

  gtk_widget_class_install_action (widget_class, "checkin.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "checkin.done", NULL, done_action);
}

static void
kiosk_checkin_page_init (KioskCheckinPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_self (self);
  build_staff (self);
  gtk_widget_set_visible (self->staff_box, FALSE);
  g_signal_connect (self, "notify::staff-mode", G_CALLBACK (staff_mode_changed_cb), NULL);
}
