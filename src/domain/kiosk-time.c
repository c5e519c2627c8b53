/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-time"

#include "config.h"

#include <glib/gi18n.h>

#include "kiosk-time.h"

/* Exactly @n ASCII digits at @p, into *value. */
static gboolean
read_digits (const char *p,
             guint       n,
             int        *value)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }

  *value = v;
  return TRUE;
}

gboolean
kiosk_time_parse (const char *text,
                  int        *seconds)
{
  int h, m, s = 0;

  if (text == NULL)
    return FALSE;

  if (!read_digits (text, 2, &h) || text[2] != ':' || !read_digits (text + 3, 2, &m))
    return FALSE;

  if (text[5] == ':')
    {
      if (!read_digits (text + 6, 2, &s) || text[8] != '\0')
        return FALSE;
    }
  else if (text[5] != '\0')
    return FALSE;

  if (h > 23 || m > 59 || s > 59)
    return FALSE;

  *seconds = h * 3600 + m * 60 + s;
  return TRUE;
}

static int
clamp_day (int seconds)
{
  return CLAMP (seconds, 0, 24 * 3600);
}

char *
kiosk_time_format (int seconds)
{
  seconds = clamp_day (seconds);
  return g_strdup_printf ("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

int
kiosk_time_of_day (GDateTime *dt)
{
  g_return_val_if_fail (dt != NULL, 0);

  return g_date_time_get_hour (dt) * 3600 + g_date_time_get_minute (dt) * 60 + g_date_time_get_second (dt);
}

char *
kiosk_time_format_short (int seconds)
{
  seconds = clamp_day (seconds);
  return g_strdup_printf ("%02d:%02d", seconds / 3600, seconds / 60 % 60);
}

char *
kiosk_time_format_duration (int minutes)
{
  g_autofree char *hours_text = NULL;
  g_autofree char *minutes_text = NULL;
  int hours;
  int rest;

  minutes = MAX (minutes, 0);
  hours = minutes / 60;
  rest = minutes % 60;

  if (hours > 0)
    /* Translators: a duration in hours, alone or before its minutes; Turkish "%d sa". */
    hours_text = g_strdup_printf (g_dngettext (NULL, "%d h", "%d h", (gulong) hours), hours);
  if (rest > 0 || hours == 0)
    /* Translators: a duration in minutes, alone or after its hours; Turkish "%d dk". */
    minutes_text = g_strdup_printf (g_dngettext (NULL, "%d min", "%d min", (gulong) rest), rest);

  if (hours_text == NULL)
    return g_steal_pointer (&minutes_text);
  if (minutes_text == NULL)
    return g_steal_pointer (&hours_text);
  /* Translators: a duration, hours then minutes: "1 h 20 min" (Turkish "1 sa 20 dk"). */
  return g_strdup_printf (C_("duration", "%1$s %2$s"), hours_text, minutes_text);
}

gboolean
kiosk_date_parse (const char *text,
                  GDate      *date)
{
  int y, m, d;

  if (text == NULL)
    return FALSE;

  if (!read_digits (text, 4, &y) || text[4] != '-' ||
      !read_digits (text + 5, 2, &m) || text[7] != '-' ||
      !read_digits (text + 8, 2, &d) || text[10] != '\0')
    return FALSE;

  if (y < 1 || m < 1 || m > 12 || d < 1 || !g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
  return TRUE;
}

char *
kiosk_date_add_days (const char *iso_date,
                     int         days)
{
  GDate date;

  if (!kiosk_date_parse (iso_date, &date))
    return NULL;
  if (days >= 0)
    g_date_add_days (&date, (guint)days);
  else
    g_date_subtract_days (&date, (guint)-days);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

int
kiosk_date_day_of_week (const char *iso_date)
{
  GDate date;

  if (!kiosk_date_parse (iso_date, &date))
    return -1;

  /* GDateWeekday runs from G_DATE_MONDAY = 1 to G_DATE_SUNDAY = 7. */
  return (int)g_date_get_weekday (&date) - 1;
}

gboolean
kiosk_time_parse_clock_offset (const char *text,
                               GTimeSpan  *offset)
{
  char *end = NULL;
  gdouble seconds;

  *offset = 0;
  if (text == NULL || *text == '\0')
    return TRUE;
  seconds = g_ascii_strtod (text, &end);
  /* About 290 000 years either way fit a GTimeSpan; a test needs years. */
  if (end == text || *end != '\0' || !(seconds > -1e12 && seconds < 1e12))
    return FALSE;
  *offset = (GTimeSpan) (seconds * G_TIME_SPAN_SECOND);
  return TRUE;
}
