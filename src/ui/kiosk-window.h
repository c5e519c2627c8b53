/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_WINDOW (kiosk_window_get_type ())
G_DECLARE_FINAL_TYPE (KioskWindow, kiosk_window, KIOSK, WINDOW, GtkApplicationWindow)

KioskWindow *kiosk_window_new       (GtkApplication *application,
                                     KioskContext   *context);
/* Page names: "welcome", "walkins", "checkin", "loyalty" (customer mode),
 * "calendar", "staff", "settings" (staff mode: in customer mode, showing
 * one asks for the staff PIN first). */
void         kiosk_window_show_page (KioskWindow    *self,
                                     const char     *name);
const char  *kiosk_window_get_page  (KioskWindow    *self);
/* Each page is made the first time it is shown. ensure_page makes @name's
 * page now if it was not yet (without showing it) and returns it;
 * peek_page returns it only if it was made (tests). */
GtkWidget   *kiosk_window_ensure_page (KioskWindow  *self,
                                       const char   *name);
GtkWidget   *kiosk_window_peek_page   (KioskWindow  *self,
                                       const char   *name);

/* Customer mode and staff mode. lock: back to customer mode on the
 * welcome page, every page cleared (also what the idle time-out does). */
gboolean     kiosk_window_get_staff_mode     (KioskWindow *self);
void         kiosk_window_request_staff_mode (KioskWindow *self);
void         kiosk_window_lock               (KioskWindow *self);
GtkWidget   *kiosk_window_get_pin_pad        (KioskWindow *self);
/* Overrides the idle-timeout setting (tests); 0 turns it off. */
void         kiosk_window_set_idle_timeout   (KioskWindow *self,
                                              guint        timeout_ms);

/* Kiosk lockdown (--kiosk or the kiosk-mode setting). */
void         kiosk_window_set_kiosk_mode     (KioskWindow *self,
                                              gboolean     kiosk_mode);
gboolean     kiosk_window_get_kiosk_mode     (KioskWindow *self);
/* The gtk_application_inhibit() cookie while locked down, else 0. */
guint        kiosk_window_get_inhibit_cookie (KioskWindow *self);

/* TRUE while the pairing screen shows instead of the pages. */
gboolean     kiosk_window_get_pairing        (KioskWindow *self);
GtkWidget   *kiosk_window_get_pairing_page   (KioskWindow *self);

G_END_DECLS
