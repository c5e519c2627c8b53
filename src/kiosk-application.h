/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_APPLICATION (kiosk_application_get_type ())
G_DECLARE_FINAL_TYPE (KioskApplication, kiosk_application, KIOSK, APPLICATION, GtkApplication)

KioskApplication *kiosk_application_new         (const char       *application_id,
                                                 GApplicationFlags flags);
/* NULL until the application has started up. */
KioskContext     *kiosk_application_get_context (KioskApplication *self);

G_END_DECLS
