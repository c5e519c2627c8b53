/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Money is a gint64 number of kuruş (1/100 TRY), never a float. The API
 * speaks decimal strings ("100.00"); people read "₺1.500,00".
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "₺1.500,00" with ("," "."), "₺1,500.00" with ("." ","), negative "-₺12,50".
 * A NULL @decimal_point means ","; a NULL or empty @thousands_sep, no grouping. */
char     *kiosk_money_format     (gint64      kurus,
                                  const char *decimal_point,
                                  const char *thousands_sep);

/* The contract's decimal strings: "100.00", "100", "100.5", "-3.25" -> kuruş.
 * FALSE (and *kurus untouched) on junk, more than 2 decimals, or overflow. */
gboolean  kiosk_money_parse      (const char *text,
                                  gint64     *kurus);

/* "100.00", "-3.25": what the API expects. */
char     *kiosk_money_to_decimal (gint64      kurus);

G_END_DECLS
