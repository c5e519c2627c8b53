/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-phone"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-phone.h"

G_DEFINE_QUARK (kiosk-phone-error-quark, kiosk_phone_error)

/* Turkish national significant numbers: 10 digits, and after the trunk 0
 * they start with 2, 3, 4 (landlines), 5 (mobiles) or 8 (850 and the like). */
#define TR_NATIONAL_DIGITS 10
#define E164_MIN_DIGITS 8
#define E164_MAX_DIGITS 15

static gboolean
tr_first_digit_ok (char c)
{
  return c == '2' || c == '3' || c == '4' || c == '5' || c == '8';
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, KIOSK_PHONE_ERROR, KIOSK_PHONE_ERROR_INVALID, message);
  return FALSE;
}

/* Checks a Turkish national number (without trunk 0 or country code). */
static gboolean
check_turkish (const char  *national,
               GError     **error)
{
  gsize len = strlen (national);

  if (len < TR_NATIONAL_DIGITS)
    return invalid (error, _("This phone number is too short. A Turkish number has 10 digits after the 0, like 0555 123 45 67."));
  if (len > TR_NATIONAL_DIGITS)
    return invalid (error, _("This phone number is too long. A Turkish number has 10 digits after the 0, like 0555 123 45 67."));
  if (!tr_first_digit_ok (national[0]))
    return invalid (error, _("This is not a Turkish phone number: after the 0 it should start with 5 for a mobile, or 2, 3, 4 or 8 for a landline."));

  return TRUE;
}

/* Checks an international number: country code and number, no prefix. */
static gboolean
check_international (const char  *digits,
                     GError     **error)
{
  gsize len = strlen (digits);

  if (len == 0 || digits[0] == '0')
    return invalid (error, _("After the + comes the country code, which never starts with 0, like +90 for Türkiye."));
  if (len < E164_MIN_DIGITS)
    return invalid (error, _("This phone number is too short. With a country code it has at least 8 digits."));
  if (len > E164_MAX_DIGITS)
    return invalid (error, _("This phone number is too long. With a country code it has at most 15 digits."));

  return TRUE;
}

char *
kiosk_phone_normalize (const char  *input,
                       GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean plus = FALSE;
  gboolean seen_digit = FALSE;
  const char *national;

  if (input == NULL || !g_utf8_validate (input, -1, NULL))
    {
      invalid (error, _("Please enter a phone number using digits only."));
      return NULL;
    }

  for (const char *p = input; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int value = g_unichar_digit_value (c);

      /* Any script's decimal digits count, as a phone keyboard may give them. */
      if (value >= 0)
        {
          g_string_append_c (digits, (char)('0' + value));
          seen_digit = TRUE;
        }
      else if (c == '+')
        {
          if (plus || seen_digit)
            {
              invalid (error, _("A + may only come once, at the start of the number."));
              return NULL;
            }
          plus = TRUE;
        }
      else if (g_unichar_isspace (c) || c == '-' || c == '(' || c == ')' || c == '.' || c == '/' ||
               c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x00A0 || c == 0x202F)
        {
          /* Separators people use to group digits. */
        }
      else
        {
          invalid (error, _("A phone number can only have digits, spaces, brackets, dashes and a + at the start."));
          return NULL;
        }
    }

  if (digits->len == 0)
    {
      invalid (error, _("Please enter a phone number."));
      return NULL;
    }

  if (plus || g_str_has_prefix (digits->str, "00"))
    {
      /* International form: "+…" or the "00…" dialling prefix. */
      const char *cc = digits->str + (plus ? 0 : 2);

      if (g_str_has_prefix (cc, "90"))
        {
          national = cc + 2;
          /* "+90 0555 …": people often keep the trunk 0. */
          if (strlen (national) == TR_NATIONAL_DIGITS + 1 && national[0] == '0')
            national++;
        }
      else
        {
          if (!check_international (cc, error))
            return NULL;
          return g_strconcat ("+", cc, NULL);
        }
    }
  else if (digits->str[0] == '0')
    national = digits->str + 1;
  else if (digits->len == TR_NATIONAL_DIGITS + 2 && g_str_has_prefix (digits->str, "90"))
    national = digits->str + 2;    /* "90 555 …" without the + */
  else
    national = digits->str;

  if (!check_turkish (national, error))
    return NULL;

  return g_strconcat ("+90", national, NULL);
}

gboolean
kiosk_phone_is_e164 (const char *phone)
{
  gsize len;

  if (phone == NULL || phone[0] != '+')
    return FALSE;

  phone++;
  len = strlen (phone);
  if (len < E164_MIN_DIGITS || len > E164_MAX_DIGITS || phone[0] == '0')
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (phone[i]))
      return FALSE;

  if (g_str_has_prefix (phone, "90"))
    return len == 2 + TR_NATIONAL_DIGITS && tr_first_digit_ok (phone[2]);

  return TRUE;
}

char *
kiosk_phone_format_national (const char *phone)
{
  g_autofree char *e164 = NULL;

  if (phone == NULL)
    return g_strdup ("");

  e164 = kiosk_phone_normalize (phone, NULL);
  if (e164 == NULL)
    /* A short code ("444 12 34") or anything else the rules do not know:
     * as the salon wrote it. */
    return g_strstrip (g_strdup (phone));

  if (!g_str_has_prefix (e164, "+90"))
    return g_steal_pointer (&e164);

  /* Turkish numbers are written with the trunk 0, the three digits of the
   * area or operator code, then 3, 2 and 2 digits: 0216 345 00 00. */
  return g_strdup_printf ("0%.3s %.3s %.2s %.2s", e164 + 3, e164 + 6, e164 + 9, e164 + 11);
}
