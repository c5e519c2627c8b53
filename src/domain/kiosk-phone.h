/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * Phone numbers as people type them at the desk, normalised to E.164.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KIOSK_PHONE_ERROR (kiosk_phone_error_quark ())

typedef enum {
  KIOSK_PHONE_ERROR_INVALID,
} KioskPhoneError;

GQuark    kiosk_phone_error_quark (void);

/* Turkish numbers as people type them: "0555 123 45 67", "+90 555 123 4567",
 * "5551234567", "0 (555) 123-45-67", "0090 555…" -> "+905551234567".
 * Other countries given with + (or 00) are kept if plausible E.164 (8–15
 * digits). Otherwise NULL and a KIOSK_PHONE_ERROR_INVALID whose message
 * says, in words a customer understands, what is wrong. */
char     *kiosk_phone_normalize   (const char  *input,
                                   GError     **error);

/* TRUE for a normalised number: "+", 8–15 digits not starting with 0, and
 * for +90 exactly the 10 digits of a Turkish number. NULL-safe. */
gboolean  kiosk_phone_is_e164     (const char  *phone);

/* A phone number to show, the way Turkish numbers are written: "0216 345
 * 00 00", "0555 123 45 67", from any form kiosk_phone_normalize() reads
 * ("02163450000", "+902163450000", "0090 216 …"). A plausible number of
 * another country is shown as E.164; anything else (a short code such as
 * "444 12 34") as given, without surrounding spaces. NULL gives "". */
char     *kiosk_phone_format_national (const char *phone);

G_END_DECLS
