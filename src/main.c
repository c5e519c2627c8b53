/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "kiosk-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KioskApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* KIOSK_LOCALEDIR lets an uninstalled build (tests, the demo) use the
   * catalogues built in build/po. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KIOSK_LOCALEDIR") ? g_getenv ("KIOSK_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = kiosk_application_new (APPLICATION_ID, G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
