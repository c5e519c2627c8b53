/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What GTK 4.8 gets wrong in the accessibility tree, put right in one place:
 * a button made with a mnemonic is named twice ("P_air Pair"), a widget
 * without a label is named after its type ("GtkLabel", "GtkStackPage"), and
 * what is hidden (a stack's other pages, a closed revealer, an empty label)
 * stays in the tree. Plain functions.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Walks @root and everything under it, once per widget (calling it again
 * is cheap): buttons and check buttons made with a mnemonic say their label
 * once, without the underscore, whenever it changes; empty labels, closed
 * revealers, a stack's pages other than the visible one, scroll bars and
 * GTK's decorative icons leave the tree; a stack page without a title and an
 * overlay are not named after their type. */
void       kiosk_accessible_tidy                 (GtkWidget  *root);

/* gtk_button_new_with_mnemonic(), named once ("Pair"), for buttons made after
 * kiosk_accessible_tidy() ran on their page (rows, cards). */
GtkWidget *kiosk_button_new_with_mnemonic        (const char *label);

/* Only @stack's visible child is in the accessibility tree, whatever pages
 * are added later. Part of kiosk_accessible_tidy(). */
void       kiosk_accessible_show_visible_page_only (GtkStack *stack);

/* @label without its mnemonic underscores ("P_air" is "Pair", "__" is "_"). */
char      *kiosk_accessible_strip_mnemonic       (const char *label);

G_END_DECLS
