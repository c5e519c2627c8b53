/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 */
#define G_LOG_DOMAIN "kiosk-format"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "kiosk-money.h"
#include "kiosk-phone.h"
#include "kiosk-time.h"
#include "kiosk-format.h"

static gboolean
is_set (const char *s)
{
  return s != NULL && *s != '\0';
}

void
kiosk_format_get_money_separators (const char **decimal_point,
                                   const char **thousands_sep)
{
  const struct lconv *lc = localeconv ();
  const char *dp;
  const char *ts;

  /* Monetary separators first, then the numeric ones; a locale without
   * any (C, POSIX) gets the Turkish pair, since the money is Turkish. */
  if (is_set (lc->mon_decimal_point))
    dp = lc->mon_decimal_point;
  else if (is_set (lc->decimal_point))
    dp = lc->decimal_point;
  else
    dp = ",";

  if (is_set (lc->mon_thousands_sep))
    ts = lc->mon_thousands_sep;
  else if (is_set (lc->thousands_sep))
    ts = lc->thousands_sep;
  else
    ts = NULL;

  /* Never group with the decimal point itself ("1.500.00"). */
  if (ts == NULL || g_str_equal (ts, dp))
    ts = g_str_equal (dp, ",") ? "." : ",";

  if (decimal_point != NULL)
    *decimal_point = dp;
  if (thousands_sep != NULL)
    *thousands_sep = ts;
}

char *
kiosk_format_money (gint64 kurus)
{
  const char *dp;
  const char *ts;

  kiosk_format_get_money_separators (&dp, &ts);
  return kiosk_money_format (kurus, dp, ts);
}

char *
kiosk_format_money_compact (gint64 kurus)
{
  const char *dp;
  const char *ts;
  char *text;

  kiosk_format_get_money_separators (&dp, &ts);
  text = kiosk_money_format (kurus, dp, ts);

  if (kurus % 100 == 0)
    {
      g_autofree char *zeros = g_strconcat (dp, "00", NULL);

      if (g_str_has_suffix (text, zeros))
        text[strlen (text) - strlen (zeros)] = '\0';
    }

  return text;
}

char *
kiosk_format_long_date (GDateTime *date_time)
{
  g_return_val_if_fail (date_time != NULL, NULL);

  /* Translators: a long date in g_date_time_format() syntax, e.g.
   * "Wednesday, 25 November 2026"; in Turkish "%-d %B %Y %A". */
  /* xgettext:no-c-format */
  return g_date_time_format (date_time, _("%A, %-d %B %Y"));
}

char *
kiosk_format_time (int seconds)
{
  return kiosk_time_format_short (seconds);
}

char *
kiosk_format_time_range (int start,
                         int end)
{
  g_autofree char *from = kiosk_time_format_short (start);
  g_autofree char *to = kiosk_time_format_short (end);

  /* Translators: a range of times of day, "09:30 – 10:15". */
  return g_strdup_printf (_("%s – %s"), from, to);
}

char *
kiosk_format_duration (int minutes)
{
  /* Translators: a duration in minutes; Turkish "%d dk". */
  return g_strdup_printf (ngettext ("%d min", "%d min", (unsigned long)MAX (minutes, 0)), minutes);
}

char *
kiosk_format_next_opening (const KioskOpening *opening,
                           GDateTime          *now)
{
  g_autofree char *time = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *weekday = NULL;

  g_return_val_if_fail (opening != NULL, NULL);

  if (opening->days_ahead < 0 || now == NULL)
    return NULL;
  time = kiosk_time_format_short (opening->opens_at);
  if (opening->days_ahead == 0)
    /* Translators: when the salon opens, in a sentence: "today at 09:00"; Turkish "bugün 09:00". */
    return g_strdup_printf (_("today at %s"), time);
  if (opening->days_ahead == 1)
    /* Translators: when the salon opens, in a sentence: "tomorrow at 09:00"; Turkish "yarın 09:00". */
    return g_strdup_printf (_("tomorrow at %s"), time);

  day = g_date_time_add_days (now, opening->days_ahead);
  weekday = day != NULL ? g_date_time_format (day, "%A") : NULL;
  if (weekday == NULL)
    return NULL;
  /* Translators: when the salon opens, in a sentence: a weekday and a time,
   * "Monday at 09:00"; Turkish "Pazartesi 09:00". */
  return g_strdup_printf (_("%1$s at %2$s"), weekday, time);
}

char *
kiosk_format_opening (const KioskOpening *opening,
                      GDateTime          *now)
{
  g_autofree char *when = NULL;

  g_return_val_if_fail (opening != NULL, NULL);

  if (opening->open)
    {
      g_autofree char *range = kiosk_format_time_range (opening->opens_at, opening->closes_at);

      /* Translators: %s is a range of times, "09:00 – 20:00". */
      return g_strdup_printf (_("Open today %s"), range);
    }

  when = kiosk_format_next_opening (opening, now);
  if (when == NULL)
    return g_strdup (_("Closed now"));
  /* Translators: the salon is closed at the moment; %s is when it opens,
   * "tomorrow at 09:00". Turkish "Şu an kapalı · Açılış: yarın 09:00". */
  return g_strdup_printf (_("Closed now · opens %s"), when);
}

char *
kiosk_format_private_name (const char *full_name)
{
  g_autofree char *stripped = NULL;
  const char *space;
  gunichar initial;
  char initial_utf8[8] = { 0 };

  if (full_name == NULL)
    return g_strdup ("");

  stripped = g_strstrip (g_strdup (full_name));
  space = strrchr (stripped, ' ');
  if (space == NULL || space[1] == '\0')
    return g_steal_pointer (&stripped);

  /* The surname is the last word; everything before it is the first name
   * ("Ayşe Nur Yılmaz" → "Ayşe Nur Y."). The initial is kept as written,
   * so that Turkish İ/I stay what they are. */
  initial = g_utf8_get_char_validated (space + 1, -1);
  if (initial == (gunichar)-1 || initial == (gunichar)-2)
    return g_strndup (stripped, (gsize)(space - stripped));
  g_unichar_to_utf8 (initial, initial_utf8);

  return g_strdup_printf ("%.*s %s.", (int)(space - stripped), stripped, initial_utf8);
}

char *
kiosk_format_phone (const char *phone)
{
  return kiosk_phone_format_national (phone);
}

const char *
kiosk_format_level_name (KioskLoyaltyLevel level)
{
  switch (level)
    {
    case KIOSK_LEVEL_BRONZE:
      return _("Bronze");
    case KIOSK_LEVEL_SILVER:
      return _("Silver");
    case KIOSK_LEVEL_GOLD:
      return _("Gold");
    case KIOSK_LEVEL_PLATINUM:
      return _("Platinum");
    default:
      return _("Unknown");
    }
}

const char *
kiosk_format_appointment_status (KioskAppointmentStatus status)
{
  switch (status)
    {
    case KIOSK_APPOINTMENT_PENDING:
      return _("Pending");
    case KIOSK_APPOINTMENT_CONFIRMED:
      return _("Confirmed");
    case KIOSK_APPOINTMENT_COMPLETED:
      return _("Completed");
    case KIOSK_APPOINTMENT_CANCELLED:
      return _("Cancelled");
    case KIOSK_APPOINTMENT_NO_SHOW:
      return _("No-show");
    default:
      return _("Unknown");
    }
}

const char *
kiosk_format_walkin_status (KioskWalkinStatus status)
{
  switch (status)
    {
    case KIOSK_WALKIN_WAITING:
      return _("Waiting");
    case KIOSK_WALKIN_CALLED:
      return _("Called");
    case KIOSK_WALKIN_IN_SERVICE:
      return _("In service");
    case KIOSK_WALKIN_DONE:
      return _("Done");
    case KIOSK_WALKIN_LEFT:
      return _("Left");
    default:
      return _("Unknown");
    }
}
