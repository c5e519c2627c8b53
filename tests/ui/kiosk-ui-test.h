/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the UI tests share: the locale set-up, running the application with
 * the tests inside it, waiting for a frame, screenshots that are proved not
 * blank, and cleaning up a data dir.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Sets the locale from the environment and the message catalogue
 * (KIOSK_LOCALEDIR, else the installed one), calls g_test_init() and
 * returns LANGUAGE, "tr" or "en"; aborts on anything else. */
const char *kiosk_ui_test_init           (int          *argc,
                                          char       ***argv);
/* Runs @app with @app_argv (NULL-terminated) and g_test_run() in an idle
 * once it is activated, then quits it. Returns the tests' status; the
 * application's own goes to @app_status. */
int         kiosk_ui_test_run_app        (GApplication *app,
                                          char        **app_argv,
                                          int          *app_status);

/* Runs the main loop until @widget is mapped and painted in a new frame;
 * aborts the test after 20 s. */
void kiosk_ui_test_wait_for_paint (GtkWidget  *widget);
/* Runs the main loop until @done returns TRUE for @data; aborts after
 * @timeout_s seconds naming @what. */
void kiosk_ui_test_wait_until     (gboolean  (*done) (gpointer data),
                                   gpointer    data,
                                   guint       timeout_s,
                                   const char *what);
/* Runs the main loop for @ms milliseconds. */
void kiosk_ui_test_run_for        (guint       ms);
/* Renders @window into <build>/screenshots/<lang>/<name>.png and asserts
 * the file shows many colours (not a blank or failed frame). */
void kiosk_ui_test_screenshot     (GtkWidget  *window,
                                   const char *lang,
                                   const char *name);
void kiosk_ui_test_remove_tree    (const char *path);

G_END_DECLS
