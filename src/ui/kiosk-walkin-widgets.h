/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Pieces the walk-in page and the queue page share: touch-sized choice
 * buttons that screen readers and switch users can operate (in GTK 4.8 a
 * GtkCheckButton offers no accessible action), and the words for a wait.
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-wait.h"

G_BEGIN_DECLS

/* One of several choices (a service, a member of staff): a toggle button
 * with the radio-button role, grouped with @group (NULL for the first).
 * @subtitle and @suffix (e.g. a price) may be NULL. Its accessible name is
 * all of its texts. */
GtkWidget *kiosk_walkin_choice_new       (const char  *title,
                                          const char  *subtitle,
                                          const char  *suffix,
                                          GtkWidget   *group);

/* Appends @choice (or any widget) to @box in a card of its own that the
 * accessibility tree passes over (GTK 4.8 would read every card as
 * "GtkFlowBoxChild") and the keyboard too: the choice inside is what a person
 * operates. */
void       kiosk_walkin_flow_box_append  (GtkFlowBox  *box,
                                          GtkWidget   *choice);

/* A large check box ("I have read … and agree") that reads as one for
 * screen readers and can be pressed through them. @mnemonic_label has an
 * underscore before its mnemonic. Use gtk_toggle_button_get_active(). */
GtkWidget *kiosk_walkin_check_new        (const char  *mnemonic_label);

/* "about 15–25 min", "no wait", or what stops the estimate: NULL-safe. */
char      *kiosk_walkin_format_wait      (const KioskWaitEstimate *estimate);

/* Labels under a field (an impossible phone number, a missing name): shown
 * with @message, hidden with NULL. The field is marked invalid with the
 * message as its description, so a screen reader says it there. */
void       kiosk_walkin_set_field_error  (GtkWidget   *field,
                                          GtkLabel    *message_label,
                                          const char  *message);

G_END_DECLS
