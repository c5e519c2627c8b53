/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Staff's search-as-you-type customer list: a search entry and the
 * matching customers below it (name, phone, level), through
 * kiosk_desk_search_customers() (any part of a name, Turkish-aware, or of a
 * phone). Each keystroke only restarts a short timer; the search runs once
 * typing pauses (~120 ms), on the replica's worker thread with a read-only
 * connection of its own (kiosk_desk_search_customers_async(); a newer
 * keystroke cancels a search still running), and the list is rebuilt in
 * small batches on idle, so typing never waits for the replica.
 *
 * Activating a result (click, Enter, or Enter in the entry with a single
 * result) emits ::customer-activated with the customer's id. Staff mode
 * only: results show whole names and phone numbers.
 *
 * Usable from a .ui file ("context" is a read-write property; set it
 * before the first search, e.g. from the embedding page's constructed()).
 */
#pragma once

#include <gtk/gtk.h>

#include "kiosk-context.h"

G_BEGIN_DECLS

#define KIOSK_TYPE_CUSTOMER_SEARCH (kiosk_customer_search_get_type ())
G_DECLARE_FINAL_TYPE (KioskCustomerSearch, kiosk_customer_search, KIOSK, CUSTOMER_SEARCH, GtkWidget)

GtkWidget    *kiosk_customer_search_new         (KioskContext        *context);

KioskContext *kiosk_customer_search_get_context (KioskCustomerSearch *self);
void          kiosk_customer_search_set_context (KioskCustomerSearch *self,
                                                 KioskContext        *context);

/* The entry's text; setting it searches as if typed (after the pause). */
const char   *kiosk_customer_search_get_text    (KioskCustomerSearch *self);
void          kiosk_customer_search_set_text    (KioskCustomerSearch *self,
                                                 const char          *text);

/* At most this many results are shown (default 20). */
guint         kiosk_customer_search_get_limit   (KioskCustomerSearch *self);
void          kiosk_customer_search_set_limit   (KioskCustomerSearch *self,
                                                 guint                limit);

/* Forget the text and the results (staff lock, idle, after use). Cancels a
 * search that has not run yet. */
void          kiosk_customer_search_clear       (KioskCustomerSearch *self);

/* Moves keyboard focus to the search entry. */
void          kiosk_customer_search_focus       (KioskCustomerSearch *self);

/* Re-runs the current search now (e.g. after the replica changed). */
void          kiosk_customer_search_refresh     (KioskCustomerSearch *self);

/* Signals:
 *   customer-activated (KioskCustomerSearch *self, const char *customer_id)
 *   search-finished    (KioskCustomerSearch *self, guint n_results)
 *     after each search ran and its results are on screen (tests, benchmarks).
 */

G_END_DECLS
