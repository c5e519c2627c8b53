/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The pairing screen instead of the pages (docs/kiosk-api.md §3.1) while
 * the kiosk has no enrollment, or once the server withdrew its access (a
 * 401, also remembered from before a restart); what was made here and not
 * sent is said, and kept for pairing again with the same salon.
 */
#define G_LOG_DOMAIN "kiosk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-format.h"
#include "kiosk-page.h"
#include "kiosk-pairing.h"
#include "kiosk-pairing-page.h"
#include "kiosk-window-private.h"

static gboolean
is_enrolled (KioskWindow *self)
{
  g_autofree char *server = kiosk_pairing_dup_server_url (self->context);
  g_autofree char *device = kiosk_pairing_dup_device (self->context);

  return server != NULL && *server != '\0' && device != NULL && *device != '\0';
}

gboolean
kiosk_window_get_pairing (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (self->mode_stack)), "pairing") == 0;
}

/* The pairing screen is made the first time it is needed: a paired kiosk
 * (nearly always) does not pay for it at start-up. */
static GtkWidget *
ensure_pairing_page (KioskWindow *self)
{
  if (self->pairing_page == NULL)
    {
      self->pairing_page = g_object_new (KIOSK_TYPE_PAIRING_PAGE, "context", self->context, NULL);
      gtk_stack_add_named (GTK_STACK (self->mode_stack), self->pairing_page, "pairing");
    }
  return self->pairing_page;
}

GtkWidget *
kiosk_window_get_pairing_page (KioskWindow *self)
{
  g_return_val_if_fail (KIOSK_IS_WINDOW (self), NULL);
  return ensure_pairing_page (self);
}

/* When the server refused this device, as the replica recorded it (also
 * from before a restart, with no network yet), in words; NULL if it did not. */
static char *
dup_revoked_since (KioskWindow *self)
{
  g_autofree char *stamp = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (!kiosk_pairing_get_revoked (self->context, &stamp, NULL))
    return NULL;
  utc = g_date_time_new_from_iso8601 (stamp, NULL);
  if (utc == NULL)
    return g_strdup ("");
  /* In the salon's time, as the header's clock. */
  now = kiosk_context_dup_now (self->context);
  local = g_date_time_to_timezone (utc, g_date_time_get_timezone (now));
  date = kiosk_format_long_date (local);
  time = g_date_time_format (local, "%H:%M");
  /* Translators: a date ("Wednesday, 18 March 2026") and a time ("09:12"). */
  return g_strdup_printf (_("The server withdrew its access on %s at %s."), date, time);
}

void
_kiosk_window_update_pairing (KioskWindow *self)
{
  KioskSyncMonitor *monitor = kiosk_context_get_sync_monitor (self->context);
  g_autofree char *revoked_since = dup_revoked_since (self);
  gboolean revoked = revoked_since != NULL ||
                     (kiosk_sync_monitor_get_active (monitor) &&
                      kiosk_sync_monitor_get_state (monitor) == KIOSK_SYNC_STATE_UNENROLLED);
  gboolean pairing = !kiosk_context_get_demo (self->context) && (!is_enrolled (self) || revoked);
  gboolean was_pairing = kiosk_window_get_pairing (self);

  if (pairing == was_pairing)
    return;

  if (pairing)
    {
      guint unsent = kiosk_pairing_count_unsent_changes (self->context);

      kiosk_window_lock (self);
      if (revoked || unsent > 0)
        {
          g_autofree char *reason =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "This kiosk is no longer paired with the salon's server (it was unpaired "
                                          "or its access was withdrawn). %u change made here is kept and will be "
                                          "uploaded when the kiosk pairs again with the same salon.",
                                          "This kiosk is no longer paired with the salon's server (it was unpaired "
                                          "or its access was withdrawn). %u changes made here are kept and will be "
                                          "uploaded when the kiosk pairs again with the same salon.",
                                          unsent),
                             unsent);

          if (revoked_since != NULL && *revoked_since != '\0')
            {
              char *both = g_strconcat (reason, " ", revoked_since, NULL);

              g_free (reason);
              reason = both;
            }
          kiosk_pairing_page_set_reason (KIOSK_PAIRING_PAGE (ensure_pairing_page (self)), reason);
          _kiosk_window_show_notice (self, reason);
        }
      kiosk_page_reload (KIOSK_PAGE (ensure_pairing_page (self)));
      gtk_stack_set_visible_child_name (GTK_STACK (self->mode_stack), "pairing");
    }
  else
    {
      if (self->pairing_page != NULL)
        {
          kiosk_pairing_page_set_reason (KIOSK_PAIRING_PAGE (self->pairing_page), NULL);
          kiosk_page_clear (KIOSK_PAGE (self->pairing_page));
        }
      _kiosk_window_show_notice (self, NULL);
      gtk_stack_set_visible_child_name (GTK_STACK (self->mode_stack), "main");
      kiosk_window_lock (self);
    }
  _kiosk_window_update_mode_widgets (self);
}
