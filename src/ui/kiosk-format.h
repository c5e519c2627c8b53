/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * What the pages show people: money, dates, times, durations and names in
 * the user's language. Plain functions; the rules themselves live in domain/.
 */
#pragma once

#include <glib.h>

#include "kiosk-records.h"
#include "kiosk-slots.h"

G_BEGIN_DECLS

/* "₺1.500,00" in tr_TR, "₺1,500.00" in en_US: the separators come from
 * localeconv(), with Turkish ones when the locale has none. */
char       *kiosk_format_money               (gint64                  kurus);
/* As kiosk_format_money() but without decimals when they are zero: "₺1.000". */
char       *kiosk_format_money_compact       (gint64                  kurus);
/* The separators kiosk_format_money() uses, for tests. */
void        kiosk_format_get_money_separators (const char           **decimal_point,
                                               const char           **thousands_sep);

/* "Wednesday, 25 November 2026" / "25 Kasım 2026 Çarşamba". */
char       *kiosk_format_long_date           (GDateTime              *date_time);
/* "09:30" from seconds since midnight. */
char       *kiosk_format_time                (int                     seconds);
/* "09:30 – 10:15". */
char       *kiosk_format_time_range          (int                     start,
                                              int                     end);
/* "45 min" / "45 dk". */
char       *kiosk_format_duration            (int                     minutes);
/* When the salon opens next, as part of a sentence: "today at 09:00",
 * "tomorrow at 09:00", "Monday at 09:00" (Turkish "bugün 09:00", "yarın
 * 09:00", "Pazartesi 09:00"); NULL when no opening is known. @now is the
 * moment @opening was found for, in the salon's time zone. */
char       *kiosk_format_next_opening        (const KioskOpening     *opening,
                                              GDateTime              *now);
/* The salon's hours as the welcome page says them: "Open today 09:00 –
 * 20:00", "Closed now · opens tomorrow at 09:00", or "Closed now". */
char       *kiosk_format_opening             (const KioskOpening     *opening,
                                              GDateTime              *now);
/* "Ayşe Y." from "Ayşe Yılmaz": what a waiting room may see. */
char       *kiosk_format_private_name        (const char             *full_name);

/* "0216 330 14 42", "0532 123 45 67": a phone number as Turkish numbers
 * are written, whether stored as E.164 or as typed
 * (kiosk_phone_format_national()). */
char       *kiosk_format_phone               (const char             *phone);

const char *kiosk_format_level_name          (KioskLoyaltyLevel       level);
const char *kiosk_format_appointment_status  (KioskAppointmentStatus  status);
const char *kiosk_format_walkin_status       (KioskWalkinStatus       status);

G_END_DECLS
