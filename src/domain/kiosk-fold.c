/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-fold"

#include "kiosk-fold.h"

/* Appends @c to @out, turning runs of white space into one space and
 * dropping leading ones; the caller trims the trailing one. */
static void
append_folded (GString  *out,
               gunichar  c)
{
  if (g_unichar_isspace (c))
    {
      if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append_c (out, ' ');
      return;
    }

  if (c < 0x80)
    g_string_append_c (out, (char)c);
  else
    g_string_append_unichar (out, c);
}

/* Letters with no decomposition to a base letter, folded by hand to what
 * a person typing on an ASCII keyboard would write. */
static const char *
fold_special (gunichar c)
{
  switch (c)
    {
    case 0x0131: return "i";   /* ı dotless i */
    case 0x00DF: return "ss";  /* ß */
    case 0x00E6: return "ae";  /* æ */
    case 0x00F8: return "o";   /* ø */
    case 0x0111: return "d";   /* đ */
    case 0x0142: return "l";   /* ł */
    case 0x0153: return "oe";  /* œ */
    default:     return NULL;
    }
}

/* Appends the folded form of one non-ASCII character. */
static void
fold_char (GString  *out,
           gunichar  c)
{
  gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n_parts;

  /* Turkish rules: İ lowers to i (not "i̇"); ı has no decomposition and is
   * folded below like any other dotless letter. */
  if (c == 0x0130)
    {
      append_folded (out, 'i');
      return;
    }

  /* Compatibility decomposition of this one character (no allocation):
   * "Ş" gives S and a cedilla, full-width "Ｍ" gives M; marks then go.
   * Text already in NFD arrives here mark by mark, with the same result. */
  n_parts = g_unichar_fully_decompose (c, TRUE, parts, G_N_ELEMENTS (parts));

  for (gsize i = 0; i < n_parts; i++)
    {
      gunichar d = parts[i];
      GUnicodeType type = g_unichar_type (d);
      const char *special;

      if (type == G_UNICODE_NON_SPACING_MARK ||
          type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK)
        continue;

      d = g_unichar_tolower (d);
      special = fold_special (d);
      if (special != NULL)
        {
          for (; *special != '\0'; special++)
            append_folded (out, (gunichar)*special);
          continue;
        }

      append_folded (out, d);
    }
}

char *
kiosk_fold_for_search (const char *text)
{
  g_autofree char *repaired = NULL;
  const char *valid = text;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  if (!g_utf8_validate (text, -1, NULL))
    valid = repaired = g_utf8_make_valid (text, -1);

  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; )
    {
      guchar byte = (guchar)*p;

      /* Most of what is typed at the desk is ASCII: keep that path cheap.
       * Turkish lowercasing gives ı for I, which folds to i all the same. */
      if (byte < 0x80)
        {
          append_folded (out, (gunichar)g_ascii_tolower ((char)byte));
          p++;
          continue;
        }

      fold_char (out, g_utf8_get_char (p));
      p = g_utf8_next_char (p);
    }

  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}
