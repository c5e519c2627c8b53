/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-pin-pad"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-accessible.h"
#include "kiosk-pin-pad.h"

typedef enum {
  MODE_ENTER,        /* the usual: check a PIN */
  MODE_NEW_FIRST,    /* no PIN set yet: choose one … */
  MODE_NEW_CONFIRM,  /* … and type it again */
} PadMode;

struct _KioskPinPad
{
  GtkWidget       parent_instance;

  KioskStaffLock *lock;
  GTimeZone      *time_zone;   /* the salon's, for "locked until" */
  GCancellable   *cancellable;
  PadMode         mode;
  char           *first_pin;

  GtkWidget      *box;
  GtkLabel       *title_label;
  GtkWidget      *entry;
  GtkLabel       *message_label;
  GtkWidget      *keys;
  GtkWidget      *ok_button;
  GtkWidget      *spinner;
};

G_DEFINE_FINAL_TYPE (KioskPinPad, kiosk_pin_pad, GTK_TYPE_WIDGET)

enum {
  UNLOCKED,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
kiosk_pin_pad_new (void)
{
  return g_object_new (KIOSK_TYPE_PIN_PAD, NULL);
}

static void
set_message (KioskPinPad *self,
             const char  *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
}

const char *
kiosk_pin_pad_get_message (KioskPinPad *self)
{
  g_return_val_if_fail (KIOSK_IS_PIN_PAD (self), NULL);
  return gtk_label_get_text (self->message_label);
}

gboolean
kiosk_pin_pad_get_busy (KioskPinPad *self)
{
  g_return_val_if_fail (KIOSK_IS_PIN_PAD (self), FALSE);
  return self->cancellable != NULL;
}

static void
set_busy (KioskPinPad *self,
          gboolean     busy)
{
  /* The entry keeps focus and sensitivity (submit() ignores it while
   * busy): taking either from a focused text field confuses its cursor. */
  gtk_widget_set_sensitive (self->keys, !busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->entry), !busy);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
}

static void
clear_digits (KioskPinPad *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

static void
update_title (KioskPinPad *self)
{
  switch (self->mode)
    {
    case MODE_NEW_FIRST:
      gtk_label_set_text (self->title_label, _("Choose a staff PIN (4 to 12 digits)"));
      break;
    case MODE_NEW_CONFIRM:
      gtk_label_set_text (self->title_label, _("Type the new staff PIN again"));
      break;
    case MODE_ENTER:
    default:
      gtk_label_set_text (self->title_label, _("Staff PIN"));
      break;
    }
}

void
kiosk_pin_pad_set_time_zone (KioskPinPad *self,
                             GTimeZone   *time_zone)
{
  g_return_if_fail (KIOSK_IS_PIN_PAD (self));

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  if (time_zone != NULL)
    self->time_zone = g_time_zone_ref (time_zone);
}

static char *
format_locked_until (KioskPinPad *self,
                     gint64       until_us)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (until_us / G_USEC_PER_SEC);
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *hhmm = NULL;

  /* In the salon's time, like the clock in the header bar. */
  if (utc != NULL)
    until = self->time_zone != NULL ? g_date_time_to_timezone (utc, self->time_zone) : g_date_time_to_local (utc);
  hhmm = until != NULL ? g_date_time_format (until, "%H:%M") : g_strdup ("?");

  /* Translators: %s is a time of day, "14:35". */
  return g_strdup_printf (_("Too many wrong PINs. PIN entry is locked until %s."), hhmm);
}

static void
show_lock_out (KioskPinPad *self)
{
  gint64 until = self->lock != NULL ? kiosk_staff_lock_locked_until (self->lock) : 0;

  if (until > 0)
    {
      g_autofree char *text = format_locked_until (self, until);

      set_message (self, text);
    }
}

void
kiosk_pin_pad_reset (KioskPinPad *self)
{
  g_return_if_fail (KIOSK_IS_PIN_PAD (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  g_clear_pointer (&self->first_pin, g_free);
  self->mode = MODE_ENTER;
  update_title (self);
  clear_digits (self);
  set_message (self, NULL);
  show_lock_out (self);
}

void
kiosk_pin_pad_set_lock (KioskPinPad    *self,
                        KioskStaffLock *lock)
{
  g_return_if_fail (KIOSK_IS_PIN_PAD (self));

  if (g_set_object (&self->lock, lock))
    kiosk_pin_pad_reset (self);
}

/* ---- the check, in a worker ------------------------------------------- */

typedef struct {
  char     *pin;
  gboolean  set;   /* set a new PIN rather than check one */
} CheckData;

static void
check_data_free (CheckData *data)
{
  if (data->pin != NULL)
    memset (data->pin, 0, strlen (data->pin));
  g_free (data->pin);
  g_free (data);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  KioskStaffLock *lock = g_object_get_data (G_OBJECT (task), "lock");
  CheckData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  if (data->set)
    ok = kiosk_staff_lock_set_pin (lock, data->pin, cancellable, &error);
  else
    ok = kiosk_staff_lock_try (lock, data->pin, cancellable, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  KioskPinPad *self = KIOSK_PIN_PAD (source);
  g_autoptr(GError) error = NULL;
  gboolean set = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "set"));

  /* Reset (idle, cancel) while it ran: the answer is for nobody. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
      clear_digits (self);
      if (!set && g_error_matches (error, KIOSK_STAFF_LOCK_ERROR, KIOSK_STAFF_LOCK_ERROR_NO_PIN))
        {
          /* No PIN yet (paired from the command line): the first one
           * chosen here becomes it. */
          self->mode = MODE_NEW_FIRST;
          update_title (self);
          set_message (self, _("No staff PIN is set for this kiosk yet. Choose one now."));
        }
      else if (g_error_matches (error, KIOSK_STAFF_LOCK_ERROR, KIOSK_STAFF_LOCK_ERROR_LOCKED_OUT) &&
               self->lock != NULL && kiosk_staff_lock_locked_until (self->lock) > 0)
        show_lock_out (self);
      else
        {
          if (set)
            {
              self->mode = MODE_NEW_FIRST;
              update_title (self);
            }
          set_message (self, error->message);
        }
      gtk_widget_grab_focus (self->entry);
      return;
    }

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  clear_digits (self);
  set_message (self, NULL);
  self->mode = MODE_ENTER;
  update_title (self);
  g_signal_emit (self, signals[UNLOCKED], 0);
}

static void
run_check (KioskPinPad *self,
           const char  *pin,
           gboolean     set)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data = g_new0 (CheckData, 1);

  data->pin = g_strdup (pin);
  data->set = set;
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_checked, NULL);
  g_task_set_source_tag (task, run_check);
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  g_object_set_data_full (G_OBJECT (task), "lock", g_object_ref (self->lock), g_object_unref);
  g_object_set_data (G_OBJECT (task), "set", GINT_TO_POINTER (set));
  set_busy (self, TRUE);
  g_task_run_in_thread (task, check_thread);
}

static void
submit (KioskPinPad *self)
{
  g_autofree char *pin = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));

  if (self->cancellable != NULL)
    return;
  if (*pin == '\0')
    {
      set_message (self, _("Type the staff PIN with the keys."));
      return;
    }
  if (self->lock == NULL)
    {
      set_message (self, _("Staff mode is not available on this kiosk."));
      return;
    }

  switch (self->mode)
    {
    case MODE_NEW_FIRST:
      g_free (self->first_pin);
      self->first_pin = g_steal_pointer (&pin);
      self->mode = MODE_NEW_CONFIRM;
      update_title (self);
      clear_digits (self);
      set_message (self, NULL);
      break;
    case MODE_NEW_CONFIRM:
      if (g_strcmp0 (pin, self->first_pin) != 0)
        {
          self->mode = MODE_NEW_FIRST;
          update_title (self);
          clear_digits (self);
          set_message (self, _("The two PINs are not the same. Choose one again."));
        }
      else
        run_check (self, pin, TRUE);
      g_clear_pointer (&self->first_pin, g_free);
      break;
    case MODE_ENTER:
    default:
      run_check (self, pin, FALSE);
      break;
    }
  if (pin != NULL)
    memset (pin, 0, strlen (pin));
}

/* ---- keys ---------------------------------------------------------------- */

static void
on_digit_clicked (GtkButton   *button,
                  KioskPinPad *self)
{
  const char *digit = g_object_get_data (G_OBJECT (button), "digit");
  int position = -1;

  gtk_editable_insert_text (GTK_EDITABLE (self->entry), digit, -1, &position);
}

static void
on_backspace_clicked (KioskPinPad *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  int len = (int) g_utf8_strlen (text, -1);

  if (len > 0)
    gtk_editable_delete_text (GTK_EDITABLE (self->entry), len - 1, len);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  submit (KIOSK_PIN_PAD (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KioskPinPad *self = KIOSK_PIN_PAD (widget);

  kiosk_pin_pad_reset (self);
  g_signal_emit (self, signals[CANCELLED], 0);
}

static GtkWidget *
make_key (const char *label)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "pin-key");
  gtk_widget_set_size_request (button, 96, 72);
  gtk_widget_set_focus_on_click (button, FALSE);
  return button;
}

static void
kiosk_pin_pad_dispose (GObject *object)
{
  KioskPinPad *self = KIOSK_PIN_PAD (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->lock);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  if (self->first_pin != NULL)
    memset (self->first_pin, 0, strlen (self->first_pin));
  g_clear_pointer (&self->first_pin, g_free);

  G_OBJECT_CLASS (kiosk_pin_pad_parent_class)->dispose (object);
}

static gboolean
kiosk_pin_pad_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (KIOSK_PIN_PAD (widget)->entry);
}

static void
kiosk_pin_pad_class_init (KioskPinPadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_pin_pad_dispose;
  widget_class->grab_focus = kiosk_pin_pad_grab_focus;

  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "pin-pad.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "pin-pad.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "pin-pad.cancel", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskpinpad");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
}

static void
kiosk_pin_pad_init (KioskPinPad *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *cancel;
  GtkWidget *backspace;
  GtkWidget *zero;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 16);
  gtk_widget_add_css_class (self->box, "pin-pad");
  gtk_widget_set_halign (self->box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (self->box, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "pin-title");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->title_label));
  /* The dialog is named by what its title says ("Staff PIN", "Choose a staff
   * PIN …"), not "KioskPinPad"; the title is read as it is shown. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  self->title_label, NULL, -1);

  /* Masked; a hardware keyboard types into it and Enter submits. */
  self->entry = gtk_password_entry_new ();
  g_object_set (self->entry, "activates-default", FALSE, NULL);
  gtk_widget_add_css_class (self->entry, "pin-entry");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Staff PIN"), -1);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (submit), self);
  gtk_box_append (GTK_BOX (self->box), self->entry);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_max_width_chars (self->message_label, 36);
  gtk_label_set_justify (self->message_label, GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "pin-message");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->message_label));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  for (int digit = 1; digit <= 9; digit++)
    {
      char text[2] = { (char) ('0' + digit), '\0' };
      GtkWidget *key = make_key (text);

      g_object_set_data_full (G_OBJECT (key), "digit", g_strdup (text), g_free);
      g_signal_connect (key, "clicked", G_CALLBACK (on_digit_clicked), self);
      gtk_grid_attach (GTK_GRID (grid), key, (digit - 1) % 3, (digit - 1) / 3, 1, 1);
    }
  backspace = make_key (NULL);
  gtk_button_set_icon_name (GTK_BUTTON (backspace), "edit-clear-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (backspace),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Delete the last digit"), -1);
  g_signal_connect_swapped (backspace, "clicked", G_CALLBACK (on_backspace_clicked), self);
  gtk_grid_attach (GTK_GRID (grid), backspace, 0, 3, 1, 1);
  zero = make_key ("0");
  g_object_set_data_full (G_OBJECT (zero), "digit", g_strdup ("0"), g_free);
  g_signal_connect (zero, "clicked", G_CALLBACK (on_digit_clicked), self);
  gtk_grid_attach (GTK_GRID (grid), zero, 1, 3, 1, 1);
  self->ok_button = make_key (_("OK"));
  gtk_widget_add_css_class (self->ok_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->ok_button), "pin-pad.submit");
  gtk_grid_attach (GTK_GRID (grid), self->ok_button, 2, 3, 1, 1);
  self->keys = grid;
  gtk_box_append (GTK_BOX (self->box), grid);

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->spinner);

  cancel = kiosk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_add_css_class (cancel, "pin-cancel");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "pin-pad.cancel");
  gtk_box_append (GTK_BOX (self->box), cancel);

  update_title (self);
}
