/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-pairing-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kiosk-accessible.h"
#include "kiosk-pairing.h"
#include "kiosk-pairing-page.h"
#include "kiosk-widgets.h"

#define PIN_MIN 4
#define PIN_MAX 12

struct _KioskPairingPage
{
  KioskPage     parent_instance;

  GCancellable *cancellable;
  /* The person agreed to set the previous salon's data aside. */
  gboolean      other_salon_confirmed;
  char         *export_path;

  GtkLabel     *reason_label;
  GtkEditable  *server_entry;
  GtkEditable  *search_entry;
  GtkWidget    *search_button;
  GtkListBox   *salon_list;
  GtkEditable  *salon_entry;
  GtkEditable  *code_entry;
  GtkEditable  *name_entry;
  GtkEditable  *pin_entry;
  GtkEditable  *pin2_entry;
  GtkWidget    *pair_button;
  GtkWidget    *spinner;
  GtkLabel     *message_label;
  GtkLabel     *search_message_label;
  GtkWidget    *other_revealer;
  GtkLabel     *other_label;
  GtkWidget    *other_button;
};

G_DEFINE_FINAL_TYPE (KioskPairingPage, kiosk_pairing_page, KIOSK_TYPE_PAGE)

enum {
  PAIRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_message (KioskPairingPage *self,
             const char       *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL && *message != '\0');
}

static void
set_search_message (KioskPairingPage *self,
                    const char       *message)
{
  gtk_label_set_text (self->search_message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->search_message_label), message != NULL && *message != '\0');
}

const char *
kiosk_pairing_page_get_message (KioskPairingPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PAIRING_PAGE (self), NULL);
  return gtk_label_get_text (self->message_label);
}

gboolean
kiosk_pairing_page_get_busy (KioskPairingPage *self)
{
  g_return_val_if_fail (KIOSK_IS_PAIRING_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

void
kiosk_pairing_page_set_reason (KioskPairingPage *self,
                               const char       *reason)
{
  g_return_if_fail (KIOSK_IS_PAIRING_PAGE (self));
  gtk_label_set_text (self->reason_label, reason != NULL ? reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL && *reason != '\0');
}

static void
set_busy (KioskPairingPage *self,
          GCancellable     *cancellable)
{
  g_clear_object (&self->cancellable);
  if (cancellable != NULL)
    self->cancellable = g_object_ref (cancellable);
  gtk_widget_set_sensitive (self->pair_button, cancellable == NULL);
  gtk_widget_set_sensitive (self->search_button, cancellable == NULL);
  gtk_widget_set_sensitive (self->other_button, cancellable == NULL);
  gtk_widget_set_visible (self->spinner, cancellable != NULL);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), cancellable != NULL);
}

static char *
dup_trimmed (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

/* What to do about a failure, in words for the person at the kiosk. */
static char *
describe_error (const GError *error,
                guint         retry_after)
{
  if (error->domain == KIOSK_PAIRING_ERROR)
    switch ((KioskPairingError) error->code)
      {
      case KIOSK_PAIRING_ERROR_UNREACHABLE:
        return g_strdup_printf (_("The server cannot be reached: %s Check the address and the network "
                                  "cable or Wi-Fi, then try again."), error->message);
      case KIOSK_PAIRING_ERROR_UNTRUSTED:
        /* The transport's reason already says what to do (the CA file). */
        return g_strdup_printf (_("The server's certificate is not trusted: %s"), error->message);
      case KIOSK_PAIRING_ERROR_INSECURE:
        return g_strdup_printf (_("Refused: %s"), error->message);
      case KIOSK_PAIRING_ERROR_THROTTLED:
        if (retry_after > 0)
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Too many pairing attempts. Wait %u second, then try again.",
                                               "Too many pairing attempts. Wait %u seconds, then try again.",
                                               retry_after),
                                  retry_after);
        return g_strdup (error->message);
      case KIOSK_PAIRING_ERROR_OLD_SALON_KEPT:
        return g_strdup_printf (_("The kiosk was paired, but the previous salon's data could "
                                  "not be removed: %s"), error->message);
      case KIOSK_PAIRING_ERROR_NOT_RECORDED:
        return g_strdup_printf (_("The server paired this kiosk, but the local database could "
                                  "not record it: %s"), error->message);
      case KIOSK_PAIRING_ERROR_BAD_URL:
      case KIOSK_PAIRING_ERROR_CA_FILE:
      case KIOSK_PAIRING_ERROR_PAIRING_CODE:
      case KIOSK_PAIRING_ERROR_UNAUTHORIZED:
      case KIOSK_PAIRING_ERROR_PROTOCOL:
      case KIOSK_PAIRING_ERROR_REFUSED:
      case KIOSK_PAIRING_ERROR_SECRET_STORE:
      case KIOSK_PAIRING_ERROR_NOT_PAIRED:
      default:
        break;
      }
  return g_strdup (error->message);
}

/* ---- the salon picker ----------------------------------------------------- */

static void
on_salon_chosen (KioskPairingPage *self,
                 GtkButton        *button)
{
  const char *id = g_object_get_data (G_OBJECT (button), "salon-id");

  if (id != NULL)
    {
      gtk_editable_set_text (self->salon_entry, id);
      gtk_widget_grab_focus (GTK_WIDGET (self->code_entry));
    }
}

/* A salon found: a button in its row, not an activatable row, since GTK 4.8
 * gives a list row no accessible action (only a pointer could choose it)
 * and no name. The button says the salon and where it is. */
static GtkWidget *
salon_row_new (KioskPairingPage        *self,
               const KioskPairingSalon *hit)
{
  g_autofree char *where = NULL;
  g_autofree char *name = NULL;
  GtkWidget *row = g_object_new (GTK_TYPE_LIST_BOX_ROW,
                                 "activatable", FALSE,
                                 "selectable", FALSE,
                                 "focusable", FALSE,
                                 NULL);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (hit->name);

  if (*hit->city != '\0' && *hit->district != '\0')
    where = g_strdup_printf ("%s, %s", hit->district, hit->city);
  else
    where = g_strdup (*hit->city != '\0' ? hit->city : hit->district);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "row-title");
  gtk_box_append (GTK_BOX (text), title);
  if (*where != '\0')
    {
      GtkWidget *sub = gtk_label_new (where);

      gtk_label_set_xalign (GTK_LABEL (sub), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (sub), TRUE);
      gtk_widget_add_css_class (sub, "row-subtitle");
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_box_append (GTK_BOX (text), sub);
      name = g_strdup_printf ("%s, %s", hit->name, where);
    }
  gtk_button_set_child (GTK_BUTTON (button), text);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "salon-choice");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name != NULL ? name : hit->name, -1);
  g_object_set_data_full (G_OBJECT (button), "salon-id", g_strdup (hit->id), g_free);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_salon_chosen), self);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
  return row;
}

static void
on_salons_found (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KioskPairingPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  hits = kiosk_pairing_list_salons_finish (KIOSK_CONTEXT (source), result, &error);
  /* Cancelled: the page went away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, NULL);
  kiosk_list_box_remove_all (self->salon_list);
  gtk_widget_set_visible (GTK_WIDGET (self->salon_list), hits != NULL);
  if (hits == NULL)
    {
      g_autofree char *text = describe_error (error, 0);

      set_message (self, NULL);
      set_search_message (self, text);
      return;
    }
  set_message (self, NULL);
  set_search_message (self, hits->len == 0 ? _("No salon of that name. Type the salon id the owner gave you instead.") : NULL);
  for (guint i = 0; i < hits->len; i++)
    gtk_list_box_append (self->salon_list, salon_row_new (self, g_ptr_array_index (hits, i)));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KioskPairingPage *self = KIOSK_PAIRING_PAGE (widget);
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *raw = dup_trimmed (self->server_entry);
  g_autofree char *search = NULL;

  if (self->cancellable != NULL)
    return;
  server = kiosk_pairing_normalize_server_url (raw);
  if (!kiosk_pairing_check_url (server, &error))
    {
      g_autofree char *text = describe_error (error, 0);

      set_search_message (self, text);
      return;
    }

  search = dup_trimmed (self->search_entry);
  cancellable = g_cancellable_new ();
  set_busy (self, cancellable);
  set_message (self, _("Looking for salons…"));
  /* The page is kept until the answer comes, cancelled or not. */
  kiosk_pairing_list_salons_async (kiosk_page_get_context (KIOSK_PAGE (self)), server, search, cancellable,
                                   on_salons_found, g_object_ref (self));
}

/* ---- pairing -------------------------------------------------------------- */

static void
on_paired (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(KioskPairingPage) self = user_data;
  KioskContext *context = KIOSK_CONTEXT (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *pin_problem = NULL;
  guint retry_after = 0;

  if (!kiosk_pairing_enroll_finish (context, result, &pin_problem, &retry_after, &error))
    {
      g_autofree char *text = NULL;

      /* Cancelled: the page went away, and nothing was recorded. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, NULL);
      text = describe_error (error, retry_after);
      set_message (self, text);
      return;
    }
  set_busy (self, NULL);

  self->other_salon_confirmed = FALSE;
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->other_revealer), FALSE);

  if (pin_problem != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Paired. The staff PIN could not be kept (%s): "
                                                 "choose one the first time you open a staff page."),
                                               pin_problem);

      set_message (self, text);
    }
  else
    set_message (self, _("Paired. The kiosk now downloads the salon's data."));

  kiosk_context_reload_enrollment (context);
  kiosk_context_notify_replica_changed (context);
  g_signal_emit (self, signals[PAIRED], 0);
}

static gboolean
pin_is_valid (const char *pin)
{
  gsize len = strlen (pin);

  if (len < PIN_MIN || len > PIN_MAX)
    return FALSE;
  for (const char *p = pin; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static void
start_pairing (KioskPairingPage *self)
{
  KioskContext *context = kiosk_page_get_context (KIOSK_PAGE (self));
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *raw_server = dup_trimmed (self->server_entry);
  g_autofree char *server = kiosk_pairing_normalize_server_url (raw_server);
  g_autofree char *salon = dup_trimmed (self->salon_entry);
  g_autofree char *code = dup_trimmed (self->code_entry);
  g_autofree char *name = dup_trimmed (self->name_entry);
  g_autofree char *old_salon = NULL;
  const char *pin = gtk_editable_get_text (self->pin_entry);
  const char *pin2 = gtk_editable_get_text (self->pin2_entry);

  if (self->cancellable != NULL)
    return;

  if (!kiosk_pairing_check_url (server, &error))
    {
      g_autofree char *text = describe_error (error, 0);

      set_message (self, text);
      gtk_widget_grab_focus (GTK_WIDGET (self->server_entry));
      return;
    }
  if (!g_uuid_string_is_valid (salon))
    {
      set_message (self, *salon == '\0'
                   ? _("Choose the salon: find it by name, or type the salon id the owner gave you.")
                   : _("That is not a salon id. It looks like ad7c5547-1026-434d-a200-08dc7c539cb3."));
      gtk_widget_grab_focus (GTK_WIDGET (self->salon_entry));
      return;
    }
  if (*name == '\0')
    {
      set_message (self, _("Give this kiosk a name, such as “Front desk 1”."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
      return;
    }
  if (!pin_is_valid (pin))
    {
      set_message (self, _("The staff PIN must have 4 to 12 digits."));
      gtk_widget_grab_focus (GTK_WIDGET (self->pin_entry));
      return;
    }
  if (strcmp (pin, pin2) != 0)
    {
      set_message (self, _("The two staff PINs are not the same. Type them again."));
      gtk_editable_set_text (self->pin2_entry, "");
      gtk_widget_grab_focus (GTK_WIDGET (self->pin2_entry));
      return;
    }

  /* One replica holds one salon's data. */
  old_salon = kiosk_pairing_dup_salon (context);
  if (old_salon != NULL && *old_salon != '\0' && g_ascii_strcasecmp (old_salon, salon) != 0 &&
      !self->other_salon_confirmed)
    {
      guint unsent = kiosk_pairing_count_unsent_changes (context);
      g_autofree char *text = NULL;

      if (unsent > 0)
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "This kiosk holds the data of another salon, with %u change that never "
                                             "reached its server. It will not be sent to the new salon. Save it to a "
                                             "file first; then the old salon's data is removed from this kiosk.",
                                             "This kiosk holds the data of another salon, with %u changes that never "
                                             "reached its server. They will not be sent to the new salon. Save them to "
                                             "a file first; then the old salon's data is removed from this kiosk.",
                                             unsent),
                                unsent);
      else
        text = g_strdup (_("This kiosk holds the data of another salon. It will be removed from this kiosk "
                           "when it pairs with the new salon."));
      gtk_label_set_text (self->other_label, text);
      gtk_button_set_label (GTK_BUTTON (self->other_button),
                            unsent > 0 ? _("_Save the changes to a file and pair") : _("_Remove it and pair"));
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->other_revealer), TRUE);
      set_message (self, NULL);
      return;
    }

  cancellable = g_cancellable_new ();
  set_busy (self, cancellable);
  set_message (self, _("Pairing…"));
  /* The page is kept until the answer comes, cancelled or not. */
  kiosk_pairing_enroll_async (context, server, salon, code, name, pin,
                              self->other_salon_confirmed ? KIOSK_PAIRING_ENROLL_REPLACE_SALON
                                                          : KIOSK_PAIRING_ENROLL_NONE,
                              cancellable, on_paired, g_object_ref (self));
}

static void
pair_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  start_pairing (KIOSK_PAIRING_PAGE (widget));
}

static void
set_aside_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KioskPairingPage *self = KIOSK_PAIRING_PAGE (widget);
  KioskContext *context = kiosk_page_get_context (KIOSK_PAGE (self));
  g_autoptr(GError) error = NULL;

  if (kiosk_pairing_count_unsent_changes (context) > 0)
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
      const char *dir = documents != NULL ? documents : kiosk_context_get_data_dir (context);
      g_autofree char *path = kiosk_pairing_export_unsent_changes (context, dir, &error);

      if (path == NULL)
        {
          g_autofree char *text = g_strdup_printf (_("The changes could not be saved (%s). Nothing was removed."),
                                                   error->message);

          set_message (self, text);
          return;
        }
      g_free (self->export_path);
      self->export_path = g_steal_pointer (&path);
    }
  self->other_salon_confirmed = TRUE;
  start_pairing (self);
  if (self->export_path != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The other salon's unsent changes were saved to %s. Pairing…"),
                                               self->export_path);

      gtk_label_set_text (self->other_label, text);
      gtk_widget_set_visible (self->other_button, FALSE);
    }
}

/* ---- building ------------------------------------------------------------- */

static void
on_search_activate (KioskPairingPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "pairing.search", NULL);
}

static void
kiosk_pairing_page_reload (KioskPage *page)
{
  KioskPairingPage *self = KIOSK_PAIRING_PAGE (page);
  KioskContext *context = kiosk_page_get_context (page);
  GSettings *settings = kiosk_context_get_settings (context);
  g_autofree char *server = kiosk_pairing_dup_server_url (context);
  g_autofree char *salon = kiosk_pairing_dup_salon (context);
  g_autofree char *name = kiosk_pairing_dup_device_name (context);

  /* Pairing again: start from what the kiosk knew. */
  if (server == NULL && settings != NULL)
    server = g_settings_get_string (settings, "server-url");
  if (*gtk_editable_get_text (self->server_entry) == '\0' && server != NULL)
    gtk_editable_set_text (self->server_entry, server);
  if (*gtk_editable_get_text (self->salon_entry) == '\0' && salon != NULL)
    gtk_editable_set_text (self->salon_entry, salon);
  if (*gtk_editable_get_text (self->name_entry) == '\0' && name != NULL)
    gtk_editable_set_text (self->name_entry, name);
}

static void
kiosk_pairing_page_clear (KioskPage *page)
{
  KioskPairingPage *self = KIOSK_PAIRING_PAGE (page);

  gtk_editable_set_text (self->code_entry, "");
  gtk_editable_set_text (self->pin_entry, "");
  gtk_editable_set_text (self->pin2_entry, "");
}

static GtkEditable *
add_field (GtkWidget  *box,
           const char *name,
           const char *title,
           const char *hint,
           GtkWidget  *entry)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (title);
  GtkWidget *hint_label = hint != NULL ? gtk_label_new (hint) : NULL;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "field-title");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_widget_set_name (entry, name);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  if (hint_label != NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (hint_label), 0);
      gtk_label_set_wrap (GTK_LABEL (hint_label), TRUE);
      gtk_widget_add_css_class (hint_label, "dim-label");
      gtk_box_append (GTK_BOX (box), hint_label);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, hint_label, NULL, -1);
    }
  return GTK_EDITABLE (entry);
}

static void
kiosk_pairing_page_dispose (GObject *object)
{
  KioskPairingPage *self = KIOSK_PAIRING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->export_path, g_free);

  G_OBJECT_CLASS (kiosk_pairing_page_parent_class)->dispose (object);
}

static void
kiosk_pairing_page_class_init (KioskPairingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_pairing_page_dispose;
  page_class->reload = kiosk_pairing_page_reload;
  page_class->clear = kiosk_pairing_page_clear;

  signals[PAIRED] = g_signal_new ("paired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* A part of the window, read by what it holds (not "KioskPairingPage"). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "pairing.pair", NULL, pair_action);
  gtk_widget_class_install_action (widget_class, "pairing.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "pairing.set-aside", NULL, set_aside_action);
}

static void
kiosk_pairing_page_init (KioskPairingPage *self)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *title = g_object_new (GTK_TYPE_LABEL,
                                   "label", _("Pair this kiosk with your salon"),
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   NULL);
  /* Translators: where the owner makes the code (docs/kiosk-api.md §3.1).
   * The path is the Salonity admin's menu as it shows in your language
   * (Turkish: Salonity Kiosk → Eşleştirme kodları → Ekle); keep the command
   * as it is, translating only "salon id". */
  GtkWidget *intro = gtk_label_new (_("The salon owner makes the pairing code in the Salonity admin "
                                      "(Salonity Kiosk → Pairing codes → Add), or on the server with "
                                      "this command:\n"
                                      "python manage.py kiosk_pairing_code <salon id>\n"
                                      "A code works once, for 10 minutes."));
  GtkWidget *search_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *search_entry = gtk_search_entry_new ();
  GtkWidget *other_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *code_entry = gtk_entry_new ();
  GtkWidget *pin_entry = gtk_password_entry_new ();
  GtkWidget *pin2_entry = gtk_password_entry_new ();
  GtkWidget *server_entry = gtk_entry_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (scroller, GTK_WIDGET (self));
  gtk_widget_set_halign (column, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (column, 520, -1);
  gtk_widget_add_css_class (column, "pairing-column");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), column);

  gtk_widget_add_css_class (title, "page-title");
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (column), title);

  self->reason_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->reason_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->reason_label), "notice-banner");
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), FALSE);
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->reason_label));

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_set_name (intro, "pairing-code-hint");
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (column), intro);

  gtk_entry_set_input_purpose (GTK_ENTRY (server_entry), GTK_INPUT_PURPOSE_URL);
  gtk_entry_set_placeholder_text (GTK_ENTRY (server_entry), "https://salonity.com.tr");
  self->server_entry = add_field (column, "server-entry", _("_Server address"), NULL, server_entry);

  g_object_set (search_entry, "placeholder-text", _("Salon name"), NULL);
  gtk_widget_set_hexpand (search_entry, TRUE);
  gtk_widget_set_name (search_entry, "salon-search-entry");
  gtk_accessible_update_property (GTK_ACCESSIBLE (search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Salon name"), -1);
  g_signal_connect_swapped (search_entry, "activate", G_CALLBACK (on_search_activate), self);
  self->search_entry = GTK_EDITABLE (search_entry);
  self->search_button = kiosk_button_new_with_mnemonic (_("_Find salon"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->search_button), "pairing.search");
  gtk_box_append (GTK_BOX (search_box), search_entry);
  gtk_box_append (GTK_BOX (search_box), self->search_button);
  {
    GtkWidget *label = gtk_label_new (_("Salon"));

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_add_css_class (label, "field-title");
    gtk_box_append (GTK_BOX (column), label);
  }
  gtk_box_append (GTK_BOX (column), search_box);
  self->search_message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->search_message_label, TRUE);
  gtk_label_set_xalign (self->search_message_label, 0);
  gtk_widget_set_name (GTK_WIDGET (self->search_message_label), "salon-search-message");
  gtk_widget_add_css_class (GTK_WIDGET (self->search_message_label), "pairing-message");
  gtk_widget_set_visible (GTK_WIDGET (self->search_message_label), FALSE);
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->search_message_label));
  self->salon_list = GTK_LIST_BOX (kiosk_card_list_new (_("No salons found")));
  gtk_widget_set_name (GTK_WIDGET (self->salon_list), "salon-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->salon_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Salons found"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->salon_list), FALSE);
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->salon_list));
  self->salon_entry = add_field (column, "salon-entry", _("Salon _id"),
                                 _("Filled in when you pick the salon above, or type the id the owner gave you."),
                                 gtk_entry_new ());

  gtk_entry_set_input_purpose (GTK_ENTRY (code_entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_entry_set_max_length (GTK_ENTRY (code_entry), 7);
  self->code_entry = add_field (column, "code-entry", _("_Pairing code"), _("6 digits"), code_entry);
  self->name_entry = add_field (column, "name-entry", _("_Name of this kiosk"),
                                _("As staff will see it, such as “Front desk 1”."), gtk_entry_new ());
  self->pin_entry = add_field (column, "pin-entry", _("New staff _PIN"),
                               _("4 to 12 digits. Staff type it to open the staff pages."),
                               pin_entry);
  self->pin2_entry = add_field (column, "pin2-entry", _("Staff PIN _again"), NULL, pin2_entry);

  self->other_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->other_label, TRUE);
  gtk_label_set_xalign (self->other_label, 0);
  gtk_label_set_selectable (self->other_label, TRUE);
  self->other_button = kiosk_button_new_with_mnemonic ("");
  gtk_widget_set_name (self->other_button, "set-aside-button");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->other_button), "pairing.set-aside");
  gtk_widget_add_css_class (self->other_button, "destructive-action");
  gtk_widget_set_halign (self->other_button, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (other_box), GTK_WIDGET (self->other_label));
  gtk_box_append (GTK_BOX (other_box), self->other_button);
  gtk_widget_add_css_class (other_box, "notice-banner");
  self->other_revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (self->other_revealer), other_box);
  gtk_box_append (GTK_BOX (column), self->other_revealer);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_label_set_selectable (self->message_label, TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->message_label), "pairing-message");
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "pairing-message");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_box_append (GTK_BOX (column), GTK_WIDGET (self->message_label));

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_box_append (GTK_BOX (column), self->spinner);

  self->pair_button = kiosk_button_new_with_mnemonic (_("P_air"));
  gtk_widget_set_name (self->pair_button, "pair-button");
  gtk_widget_add_css_class (self->pair_button, "suggested-action");
  gtk_widget_add_css_class (self->pair_button, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->pair_button), "pairing.pair");
  gtk_box_append (GTK_BOX (column), self->pair_button);
}
