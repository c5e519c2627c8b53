/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the UI tests share: waiting for a frame, screenshots that are proved
 * not blank, and cleaning up a data dir.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop until @widget is mapped and painted in a new frame;
 * aborts the test after 20 s. */
void kiosk_ui_test_wait_for_paint (GtkWidget  *widget);
/* Runs the main loop until @done returns TRUE for @data; aborts after
 * @timeout_s seconds naming @what. */
void kiosk_ui_test_wait_until     (gboolean  (*done) (gpointer data),
                                   gpointer    data,
                                   guint       timeout_s,
                                   const char *what);
/* Renders @window into <build>/screenshots/<lang>/<name>.png and asserts
 * the file shows many colours (not a blank or failed frame). */
void kiosk_ui_test_screenshot     (GtkWidget  *window,
                                   const char *lang,
                                   const char *name);
void kiosk_ui_test_remove_tree    (const char *path);

G_END_DECLS
