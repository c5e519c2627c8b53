/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Search keys that forgive how Turkish names are typed on a keyboard
 * without Turkish letters, or with the Caps Lock on.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Lowercases with Turkish rules (I -> ı, İ -> i), then folds to plain
 * letters: "ışık", "IŞIK", "isik", "Işık" all give "isik"; "İrem" gives
 * "irem". ç ğ ö ş ü â î û lose their marks, combining marks go (NFD input
 * too), runs of white space become one space, ends are trimmed. Invalid
 * UTF-8 is repaired first. NULL gives "". Never returns NULL. */
char *kiosk_fold_for_search (const char *text);

G_END_DECLS
