/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-money"

#include "kiosk-money.h"

/* |kurus| without overflowing at G_MININT64. */
static guint64
magnitude (gint64 kurus)
{
  if (kurus >= 0)
    return (guint64)kurus;
  return (guint64)(-(kurus + 1)) + 1;
}

char *
kiosk_money_format (gint64      kurus,
                    const char *decimal_point,
                    const char *thousands_sep)
{
  guint64 mag = magnitude (kurus);
  char lira[32];
  GString *out;
  gsize len;

  if (decimal_point == NULL)
    decimal_point = ",";

  g_snprintf (lira, sizeof lira, "%" G_GUINT64_FORMAT, mag / 100);
  len = strlen (lira);

  out = g_string_sized_new (len + 16);
  if (kurus < 0)
    g_string_append_c (out, '-');
  g_string_append (out, "₺");

  for (gsize i = 0; i < len; i++)
    {
      /* A separator before every group of three counted from the right. */
      if (i > 0 && (len - i) % 3 == 0 && thousands_sep != NULL)
        g_string_append (out, thousands_sep);
      g_string_append_c (out, lira[i]);
    }

  g_string_append (out, decimal_point);
  g_string_append_printf (out, "%02u", (guint)(mag % 100));

  return g_string_free (out, FALSE);
}

gboolean
kiosk_money_parse (const char *text,
                   gint64     *kurus)
{
  const char *p = text;
  gboolean negative = FALSE;
  guint64 limit;
  guint64 whole = 0;
  guint64 cents = 0;
  guint64 total;

  if (text == NULL)
    return FALSE;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  /* G_MININT64 kuruş is representable, one more than G_MAXINT64. */
  limit = negative ? (guint64)G_MAXINT64 + 1 : (guint64)G_MAXINT64;

  if (!g_ascii_isdigit (*p))
    return FALSE;

  while (g_ascii_isdigit (*p))
    {
      whole = whole * 10 + (guint64)(*p - '0');
      if (whole > limit / 100)
        return FALSE;
      p++;
    }

  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      cents = (guint64)(*p - '0') * 10;
      p++;
      if (g_ascii_isdigit (*p))
        {
          cents += (guint64)(*p - '0');
          p++;
        }
    }

  if (*p != '\0')
    return FALSE;

  total = whole * 100 + cents;
  if (total > limit)
    return FALSE;

  if (negative)
    *kurus = total == (guint64)G_MAXINT64 + 1 ? G_MININT64 : -(gint64)total;
  else
    *kurus = (gint64)total;

  return TRUE;
}

char *
kiosk_money_to_decimal (gint64 kurus)
{
  guint64 mag = magnitude (kurus);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u",
                          kurus < 0 ? "-" : "",
                          mag / 100,
                          (guint)(mag % 100));
}
