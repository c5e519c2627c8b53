/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The pure rules: money, times and dates, loyalty, phones, search folding.
 */
#define G_LOG_DOMAIN "test-domain"

#include <glib.h>

#include "kiosk-fold.h"
#include "kiosk-loyalty.h"
#include "kiosk-money.h"
#include "kiosk-phone.h"
#include "kiosk-time.h"

/* ---- money ---------------------------------------------------------- */

static void
test_money_format (void)
{
  static const struct {
    gint64      kurus;
    const char *tr;   /* ("," ".") */
    const char *en;   /* ("." ",") */
  } cases[] = {
    { 0,                 "₺0,00",                      "₺0.00" },
    { 5,                 "₺0,05",                      "₺0.05" },
    { 99,                "₺0,99",                      "₺0.99" },
    { 100,               "₺1,00",                      "₺1.00" },
    { 99999,             "₺999,99",                    "₺999.99" },
    { 100000,            "₺1.000,00",                  "₺1,000.00" },
    { 150000,            "₺1.500,00",                  "₺1,500.00" },
    { 123456789,         "₺1.234.567,89",              "₺1,234,567.89" },
    { 100000000000,      "₺1.000.000.000,00",          "₺1,000,000,000.00" },
    { -1250,             "-₺12,50",                    "-₺12.50" },
    { -1,                "-₺0,01",                     "-₺0.01" },
    { -150000,           "-₺1.500,00",                 "-₺1,500.00" },
    { G_MAXINT64,        "₺92.233.720.368.547.758,07", "₺92,233,720,368,547,758.07" },
    { G_MININT64,        "-₺92.233.720.368.547.758,08", "-₺92,233,720,368,547,758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *tr = kiosk_money_format (cases[i].kurus, ",", ".");
      g_autofree char *en = kiosk_money_format (cases[i].kurus, ".", ",");

      g_test_message ("%" G_GINT64_FORMAT, cases[i].kurus);
      g_assert_cmpstr (tr, ==, cases[i].tr);
      g_assert_cmpstr (en, ==, cases[i].en);
    }
}

static void
test_money_format_separators (void)
{
  g_autofree char *none = kiosk_money_format (123456789, ",", "");
  g_autofree char *null_sep = kiosk_money_format (123456789, ",", NULL);
  g_autofree char *default_point = kiosk_money_format (150000, NULL, ".");
  g_autofree char *nbsp = kiosk_money_format (150000, ",", "\u00a0");

  g_assert_cmpstr (none, ==, "₺1234567,89");
  g_assert_cmpstr (null_sep, ==, "₺1234567,89");
  g_assert_cmpstr (default_point, ==, "₺1.500,00");
  g_assert_cmpstr (nbsp, ==, "₺1\u00a0500,00");
}

static void
test_money_parse (void)
{
  static const struct {
    const char *text;
    gboolean    ok;
    gint64      kurus;
  } cases[] = {
    { "100.00",   TRUE,  10000 },
    { "100",      TRUE,  10000 },
    { "100.5",    TRUE,  10050 },
    { "100.05",   TRUE,  10005 },
    { "-3.25",    TRUE,  -325 },
    { "0",        TRUE,  0 },
    { "0.00",     TRUE,  0 },
    { "-0.01",    TRUE,  -1 },
    { "007.50",   TRUE,  750 },
    { "1500.00",  TRUE,  150000 },
    { "92233720368547758.07",  TRUE, G_MAXINT64 },
    { "-92233720368547758.08", TRUE, G_MININT64 },
    { "92233720368547758.08",  FALSE, 0 },   /* one kuruş too many */
    { "99999999999999999999",  FALSE, 0 },
    { "100.001",  FALSE, 0 },   /* more than two decimals */
    { "100.",     FALSE, 0 },
    { ".5",       FALSE, 0 },
    { "",         FALSE, 0 },
    { "-",        FALSE, 0 },
    { "--3",      FALSE, 0 },
    { "+3",       FALSE, 0 },
    { " 3",       FALSE, 0 },
    { "3 ",       FALSE, 0 },
    { "1,50",     FALSE, 0 },   /* a comma is a display form, not the contract's */
    { "1.500,00", FALSE, 0 },
    { "1e3",      FALSE, 0 },
    { "abc",      FALSE, 0 },
    { "₺100",     FALSE, 0 },
    { "NaN",      FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 kurus = 4242;
      gboolean ok = kiosk_money_parse (cases[i].text, &kurus);

      g_test_message ("'%s'", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      g_assert_cmpint (kurus, ==, cases[i].ok ? cases[i].kurus : 4242);
    }

  {
    gint64 kurus = 7;
    g_assert_false (kiosk_money_parse (NULL, &kurus));
    g_assert_cmpint (kurus, ==, 7);
  }
}

static void
test_money_decimal (void)
{
  static const struct {
    gint64      kurus;
    const char *text;
  } cases[] = {
    { 0, "0.00" }, { 1, "0.01" }, { 10000, "100.00" }, { 10050, "100.50" },
    { -325, "-3.25" }, { -1, "-0.01" }, { 150000, "1500.00" },
    { G_MAXINT64, "92233720368547758.07" }, { G_MININT64, "-92233720368547758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = kiosk_money_to_decimal (cases[i].kurus);
      gint64 back = 0;

      g_assert_cmpstr (text, ==, cases[i].text);
      /* What we send, we can read back. */
      g_assert_true (kiosk_money_parse (text, &back));
      g_assert_cmpint (back, ==, cases[i].kurus);
    }
}

/* ---- time and date ---------------------------------------------------- */

static void
test_time_parse (void)
{
  static const struct {
    const char *text;
    gboolean    ok;
    int         seconds;
  } cases[] = {
    { "00:00",    TRUE, 0 },
    { "00:00:00", TRUE, 0 },
    { "09:30",    TRUE, 9 * 3600 + 30 * 60 },
    { "09:30:15", TRUE, 9 * 3600 + 30 * 60 + 15 },
    { "20:00:00", TRUE, 20 * 3600 },
    { "23:59:59", TRUE, 86399 },
    { "23:59",    TRUE, 86340 },
    { "24:00",    FALSE, 0 },
    { "24:00:00", FALSE, 0 },
    { "12:60",    FALSE, 0 },
    { "12:30:60", FALSE, 0 },
    { "9:30",     FALSE, 0 },
    { "09:3",     FALSE, 0 },
    { "09:30:1",  FALSE, 0 },
    { "09:30:",   FALSE, 0 },
    { "09:30:00.5", FALSE, 0 },
    { "09.30",    FALSE, 0 },
    { "0930",     FALSE, 0 },
    { " 09:30",   FALSE, 0 },
    { "09:30 ",   FALSE, 0 },
    { "-1:00",    FALSE, 0 },
    { "ab:cd",    FALSE, 0 },
    { "",         FALSE, 0 },
    { "0",        FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int seconds = -7;
      gboolean ok = kiosk_time_parse (cases[i].text, &seconds);

      g_test_message ("'%s'", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      g_assert_cmpint (seconds, ==, cases[i].ok ? cases[i].seconds : -7);
    }

  {
    int seconds = -7;
    g_assert_false (kiosk_time_parse (NULL, &seconds));
    g_assert_cmpint (seconds, ==, -7);
  }
}

static void
test_time_format (void)
{
  static const struct {
    int         seconds;
    const char *full;
    const char *short_;
  } cases[] = {
    { 0,                       "00:00:00", "00:00" },
    { 9 * 3600 + 30 * 60,      "09:30:00", "09:30" },
    { 9 * 3600 + 30 * 60 + 59, "09:30:59", "09:30" },
    { 86399,                   "23:59:59", "23:59" },
    { 86400,                   "24:00:00", "24:00" },   /* end of the day */
    { 90000,                   "24:00:00", "24:00" },   /* clamped */
    { -5,                      "00:00:00", "00:00" },   /* clamped */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *full = kiosk_time_format (cases[i].seconds);
      g_autofree char *short_ = kiosk_time_format_short (cases[i].seconds);

      g_assert_cmpstr (full, ==, cases[i].full);
      g_assert_cmpstr (short_, ==, cases[i].short_);
    }

  /* Every valid time survives a round trip. */
  for (int s = 0; s < 86400; s += 37)
    {
      g_autofree char *text = kiosk_time_format (s);
      int back = -1;

      g_assert_true (kiosk_time_parse (text, &back));
      g_assert_cmpint (back, ==, s);
    }
}

static void
test_date_parse (void)
{
  static const struct {
    const char *text;
    gboolean    ok;
    int         year, month, day;
    int         weekday;   /* 0 = Monday */
  } cases[] = {
    { "2026-01-01", TRUE, 2026, 1, 1, 3 },      /* a Thursday */
    { "2026-03-16", TRUE, 2026, 3, 16, 0 },     /* Monday */
    { "2026-03-21", TRUE, 2026, 3, 21, 5 },     /* Saturday */
    { "2026-03-22", TRUE, 2026, 3, 22, 6 },     /* Sunday */
    { "2024-02-29", TRUE, 2024, 2, 29, 3 },     /* leap day, Thursday */
    { "2000-02-29", TRUE, 2000, 2, 29, 1 },     /* leap century, Tuesday */
    { "1999-12-31", TRUE, 1999, 12, 31, 4 },    /* Friday */
    { "2025-02-29", FALSE, 0, 0, 0, -1 },
    { "1900-02-29", FALSE, 0, 0, 0, -1 },
    { "2026-04-31", FALSE, 0, 0, 0, -1 },
    { "2026-13-01", FALSE, 0, 0, 0, -1 },
    { "2026-00-10", FALSE, 0, 0, 0, -1 },
    { "2026-01-00", FALSE, 0, 0, 0, -1 },
    { "0000-01-01", FALSE, 0, 0, 0, -1 },
    { "2026-1-01",  FALSE, 0, 0, 0, -1 },
    { "2026-01-1",  FALSE, 0, 0, 0, -1 },
    { "26-01-01",   FALSE, 0, 0, 0, -1 },
    { "2026/01/01", FALSE, 0, 0, 0, -1 },
    { "01.01.2026", FALSE, 0, 0, 0, -1 },
    { "2026-01-01T10:00:00", FALSE, 0, 0, 0, -1 },
    { "2026-01-01 ", FALSE, 0, 0, 0, -1 },
    { "",           FALSE, 0, 0, 0, -1 },
    { NULL,         FALSE, 0, 0, 0, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date;
      gboolean ok;

      g_date_clear (&date, 1);
      ok = kiosk_date_parse (cases[i].text, &date);

      g_test_message ("'%s'", cases[i].text ? cases[i].text : "(null)");
      g_assert_cmpint (ok, ==, cases[i].ok);
      g_assert_cmpint (kiosk_date_day_of_week (cases[i].text), ==, cases[i].weekday);
      if (ok)
        {
          g_assert_true (g_date_valid (&date));
          g_assert_cmpint (g_date_get_year (&date), ==, cases[i].year);
          g_assert_cmpint (g_date_get_month (&date), ==, cases[i].month);
          g_assert_cmpint (g_date_get_day (&date), ==, cases[i].day);
        }
      else
        g_assert_false (g_date_valid (&date));
    }
}

/* Seconds since midnight on the instant's own wall clock: the same instant
 * reads differently in Istanbul (UTC+3) and in UTC. */
static void
test_time_of_day (void)
{
  g_autoptr(GTimeZone) istanbul = g_time_zone_new_identifier ("Europe/Istanbul");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) afternoon = g_date_time_new (istanbul, 2026, 11, 26, 14, 5, 9.75);
  g_autoptr(GDateTime) same_in_utc = g_date_time_to_timezone (afternoon, utc);
  g_autoptr(GDateTime) midnight = g_date_time_new (istanbul, 2026, 12, 31, 0, 0, 0);
  g_autoptr(GDateTime) last = g_date_time_new (istanbul, 2026, 12, 31, 23, 59, 59);

  g_assert_nonnull (istanbul);
  g_assert_cmpint (kiosk_time_of_day (afternoon), ==, 14 * 3600 + 5 * 60 + 9);
  g_assert_cmpint (kiosk_time_of_day (same_in_utc), ==, 11 * 3600 + 5 * 60 + 9);
  g_assert_cmpint (kiosk_time_of_day (midnight), ==, 0);
  g_assert_cmpint (kiosk_time_of_day (last), ==, 86399);
}

static void
test_date_add_days (void)
{
  static const struct {
    const char *date;
    int         days;
    const char *expected;
  } cases[] = {
    { "2026-12-07", 1, "2026-12-08" },
    { "2026-12-31", 1, "2027-01-01" },   /* into a new year */
    { "2024-02-28", 1, "2024-02-29" },   /* leap day */
    { "2025-02-28", 1, "2025-03-01" },
    { "2026-03-29", -1, "2026-03-28" },
    { "2026-01-01", -7, "2025-12-25" },
    { "2026-12-07", 0, "2026-12-07" },
    { "2026-02-30", 1, NULL },
    { "7.12.2026", 1, NULL },
    { NULL, 1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *moved = kiosk_date_add_days (cases[i].date, cases[i].days);

      g_assert_cmpstr (moved, ==, cases[i].expected);
    }
}

/* How early or late, how long a wait: hours and minutes, never "780 min". */
static void
test_time_duration (void)
{
  static const struct {
    int         minutes;
    const char *text;
  } cases[] = {
    { 0,    "0 min" },
    { 1,    "1 min" },
    { 45,   "45 min" },
    { 59,   "59 min" },
    { 60,   "1 h" },
    { 80,   "1 h 20 min" },
    { 121,  "2 h 1 min" },
    { 780,  "13 h" },
    { 781,  "13 h 1 min" },
    { 1440, "24 h" },
    { -5,   "0 min" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = kiosk_time_format_duration (cases[i].minutes);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* ---- loyalty ------------------------------------------------------------ */

static void
test_loyalty_levels (void)
{
  static const struct {
    gint64            spent;
    KioskLoyaltyLevel level;
    gboolean          has_next;
    KioskLoyaltyLevel next;
    gint64            to_go;
  } cases[] = {
    { 0,         KIOSK_LEVEL_BRONZE,   TRUE,  KIOSK_LEVEL_SILVER,   20000 },
    { 1,         KIOSK_LEVEL_BRONZE,   TRUE,  KIOSK_LEVEL_SILVER,   19999 },
    { 19999,     KIOSK_LEVEL_BRONZE,   TRUE,  KIOSK_LEVEL_SILVER,   1 },
    { 20000,     KIOSK_LEVEL_SILVER,   TRUE,  KIOSK_LEVEL_GOLD,     30000 },
    { 20001,     KIOSK_LEVEL_SILVER,   TRUE,  KIOSK_LEVEL_GOLD,     29999 },
    { 49999,     KIOSK_LEVEL_SILVER,   TRUE,  KIOSK_LEVEL_GOLD,     1 },
    { 50000,     KIOSK_LEVEL_GOLD,     TRUE,  KIOSK_LEVEL_PLATINUM, 50000 },
    { 99999,     KIOSK_LEVEL_GOLD,     TRUE,  KIOSK_LEVEL_PLATINUM, 1 },
    { 100000,    KIOSK_LEVEL_PLATINUM, FALSE, 0, 0 },
    { 100001,    KIOSK_LEVEL_PLATINUM, FALSE, 0, 0 },
    { G_MAXINT64, KIOSK_LEVEL_PLATINUM, FALSE, 0, 0 },
    { -500,      KIOSK_LEVEL_BRONZE,   TRUE,  KIOSK_LEVEL_SILVER,   20500 },  /* after a refund */
  };

  g_assert_cmpint (kiosk_loyalty_level_threshold (KIOSK_LEVEL_BRONZE), ==, 0);
  g_assert_cmpint (kiosk_loyalty_level_threshold (KIOSK_LEVEL_SILVER), ==, 200 * 100);
  g_assert_cmpint (kiosk_loyalty_level_threshold (KIOSK_LEVEL_GOLD), ==, 500 * 100);
  g_assert_cmpint (kiosk_loyalty_level_threshold (KIOSK_LEVEL_PLATINUM), ==, 1000 * 100);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KioskLoyaltyLevel next = 99;
      gint64 to_go = -1;
      gboolean has_next;

      g_test_message ("spent %" G_GINT64_FORMAT, cases[i].spent);
      g_assert_cmpint (kiosk_loyalty_level_for_spent (cases[i].spent), ==, cases[i].level);

      has_next = kiosk_loyalty_next_level (cases[i].spent, &next, &to_go);
      g_assert_cmpint (has_next, ==, cases[i].has_next);
      if (has_next)
        {
          g_assert_cmpint (next, ==, cases[i].next);
          g_assert_cmpint (to_go, ==, cases[i].to_go);
          g_assert_cmpint (kiosk_loyalty_level_for_spent (cases[i].spent + to_go), ==, next);
          g_assert_cmpint (kiosk_loyalty_level_for_spent (cases[i].spent + to_go - 1), ==, cases[i].level);
        }
      else
        {
          g_assert_cmpint (next, ==, 99);
          g_assert_cmpint (to_go, ==, -1);
        }
    }

  /* NULL outputs are allowed. */
  g_assert_true (kiosk_loyalty_next_level (0, NULL, NULL));
  g_assert_false (kiosk_loyalty_next_level (100000, NULL, NULL));
}

static void
test_loyalty_points (void)
{
  static const struct {
    gint64 price;
    gint64 points;
  } cases[] = {
    { 0, 0 }, { 999, 0 }, { 1000, 1 }, { 1999, 1 }, { 2000, 2 },
    { 45000, 45 }, { 45099, 45 }, { 100000, 100 }, { -5000, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (kiosk_loyalty_points_for_price (cases[i].price), ==, cases[i].points);
}

/* ---- phone -------------------------------------------------------------- */

static void
test_phone_valid (void)
{
  static const struct {
    const char *input;
    const char *e164;
  } cases[] = {
    { "0555 123 45 67",        "+905551234567" },
    { "05551234567",           "+905551234567" },
    { "+90 555 123 4567",      "+905551234567" },
    { "+905551234567",         "+905551234567" },
    { "5551234567",            "+905551234567" },
    { "555 123 45 67",         "+905551234567" },
    { "0 (555) 123-45-67",     "+905551234567" },
    { "(0555) 123 45 67",      "+905551234567" },
    { "0555-123-45-67",        "+905551234567" },
    { "0555.123.45.67",        "+905551234567" },
    { "0090 555 123 45 67",    "+905551234567" },
    { "00905551234567",        "+905551234567" },
    { "+90 (0555) 123 45 67",  "+905551234567" },   /* trunk 0 kept after +90 */
    { "90 555 123 45 67",      "+905551234567" },
    { "  0555 123 45 67  ",    "+905551234567" },
    { "0555\u00a0123\u00a045\u00a067", "+905551234567" },  /* no-break spaces */
    { "０５５５１２３４５６７",      "+905551234567" },  /* full-width digits */
    { "0216 345 67 89",        "+902163456789" },   /* Kadıköy landline */
    { "0212 555 12 12",        "+902125551212" },   /* Avrupa yakası */
    { "0312 444 00 00",        "+903124440000" },   /* Ankara */
    { "0850 222 33 44",        "+908502223344" },
    { "0532 000 00 00",        "+905320000000" },
    { "+49 30 1234567",        "+49301234567" },    /* Berlin */
    { "+44 20 7946 0958",      "+442079460958" },   /* London */
    { "0049 30 1234567",       "+49301234567" },
    { "+1 (212) 555-0100",     "+12125550100" },
    { "+354 1234567",          "+3541234567" },     /* shortish, still plausible */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *e164 = kiosk_phone_normalize (cases[i].input, &error);

      g_test_message ("'%s'", cases[i].input);
      g_assert_no_error (error);
      g_assert_cmpstr (e164, ==, cases[i].e164);
      g_assert_true (kiosk_phone_is_e164 (e164));

      /* Normalising twice changes nothing. */
      {
        g_autofree char *again = kiosk_phone_normalize (e164, NULL);
        g_assert_cmpstr (again, ==, e164);
      }
    }
}

static void
test_phone_invalid (void)
{
  static const struct {
    const char *input;
    const char *words;   /* a word the explanation must use */
  } cases[] = {
    { NULL,                  "phone number" },
    { "",                    "phone number" },
    { "   ",                 "phone number" },
    { "-- ()",               "phone number" },
    { "0555 123 45",         "short" },
    { "555",                 "short" },
    { "0",                   "short" },
    { "+90",                 "short" },
    { "0555 123 45 678",     "long" },
    { "0555 123 45 67 89",   "long" },
    { "+90 555 123 45 678",  "long" },
    { "0555 ABC 45 67",      "digits" },
    { "0555 123 45 6x",      "digits" },
    { "tel: 0555 123 45 67", "digits" },
    { "0555 123 45 67 ext 2", "digits" },
    { "0555*123*45*67",      "digits" },
    { "0123 456 78 90",      "Turkish" },   /* no area code starts with 1 */
    { "0655 123 45 67",      "Turkish" },
    { "0755 123 45 67",      "Turkish" },
    { "0955 123 45 67",      "Turkish" },
    { "000 555 123 45 67",   "country code" },  /* "00" then a country code 0… */
    { "1234567890",          "Turkish" },
    { "+0 555 123 45 67",    "country code" },
    { "+49 301",             "short" },
    { "+49 3012 3456 7890 1234", "long" },
    { "0555 + 123 45 67",    "+" },
    { "++90 555 123 45 67",  "+" },
    { "\xff\xfe 0555",       "digits" },       /* invalid UTF-8 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *e164 = NULL;
      g_autofree char *shown = cases[i].input ? g_strescape (cases[i].input, NULL) : g_strdup ("(null)");

      g_test_message ("'%s'", shown);
      e164 = kiosk_phone_normalize (cases[i].input, &error);
      g_assert_null (e164);
      g_assert_error (error, KIOSK_PHONE_ERROR, KIOSK_PHONE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].words));
      g_assert_false (kiosk_phone_is_e164 (cases[i].input));
    }

  /* A NULL GError is fine too. */
  g_assert_null (kiosk_phone_normalize ("12", NULL));
}

static void
test_phone_is_e164 (void)
{
  static const struct {
    const char *phone;
    gboolean    ok;
  } cases[] = {
    { "+905551234567", TRUE },
    { "+902163456789", TRUE },
    { "+49301234567",  TRUE },
    { "+12125550100",  TRUE },
    { "+12345678",     TRUE },              /* 8 digits */
    { "+123456789012345", TRUE },           /* 15 digits */
    { "+1234567",      FALSE },             /* 7 */
    { "+1234567890123456", FALSE },         /* 16 */
    { "+90555123456",  FALSE },             /* Turkish, 9 digits */
    { "+9055512345678", FALSE },            /* Turkish, 11 digits */
    { "+906551234567", FALSE },             /* Turkish, impossible first digit */
    { "905551234567",  FALSE },
    { "05551234567",   FALSE },
    { "+90 555 123 45 67", FALSE },
    { "+05551234567",  FALSE },
    { "+90555123456a", FALSE },
    { "+",             FALSE },
    { "",              FALSE },
    { NULL,            FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("'%s'", cases[i].phone ? cases[i].phone : "(null)");
      g_assert_cmpint (kiosk_phone_is_e164 (cases[i].phone), ==, cases[i].ok);
    }
}

/* The salon's phone as the server has it, shown as Turkish numbers are
 * written: trunk 0, the area or operator code, then 3, 2 and 2 digits. */
static void
test_phone_format_national (void)
{
  static const struct {
    const char *phone;
    const char *shown;
  } cases[] = {
    { "02163450000",         "0216 345 00 00" },
    { "+902163450000",       "0216 345 00 00" },
    { "0216 345 00 00",      "0216 345 00 00" },
    { "(0216) 345-0000",     "0216 345 00 00" },
    { "2163450000",          "0216 345 00 00" },
    { "00902163450000",      "0216 345 00 00" },
    { "+905551234567",       "0555 123 45 67" },
    { "+90 555 123 4567",    "0555 123 45 67" },
    { "05551234567",         "0555 123 45 67" },
    { "+90 0555 123 45 67",  "0555 123 45 67" },
    { "08501234567",         "0850 123 45 67" },
    { "+49 30 1234567",      "+49301234567" },      /* another country: E.164 */
    { "444 12 34",           "444 12 34" },         /* a short code: as written */
    { "  444 1 444 ",        "444 1 444" },
    { "Salonu arayın",       "Salonu arayın" },
    { "",                    "" },
    { NULL,                  "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = kiosk_phone_format_national (cases[i].phone);

      g_test_message ("'%s'", cases[i].phone ? cases[i].phone : "(null)");
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

/* ---- folding ------------------------------------------------------------ */

static void
test_fold_turkish (void)
{
  static const struct {
    const char *text;
    const char *key;
  } cases[] = {
    { "ışık",  "isik" },
    { "IŞIK",  "isik" },
    { "isik",  "isik" },
    { "Işık",  "isik" },
    { "ISIK",  "isik" },
    { "İrem",  "irem" },
    { "irem",  "irem" },
    { "IREM",  "irem" },
    { "İREM",  "irem" },
    { "Çağrı Güneş",          "cagri gunes" },
    { "ÇAĞRI GÜNEŞ",          "cagri gunes" },
    { "Şükrü Öztürk",         "sukru ozturk" },
    { "ŞÜKRÜ ÖZTÜRK",         "sukru ozturk" },
    { "Gökçe Ünal",           "gokce unal" },
    { "Kâzım Îmer Ûlkü",      "kazim imer ulku" },
    { "İĞNECİOĞLU",           "ignecioglu" },
    { "Ayşe   Yılmaz",        "ayse yilmaz" },
    { "  Ayşe\tYılmaz \n",    "ayse yilmaz" },
    { "Ayşe\u00a0Yılmaz",     "ayse yilmaz" },   /* no-break space */
    { "0555 123",             "0555 123" },
    { "O'Brien",              "o'brien" },
    { "Ｍｅｈｍｅｔ",            "mehmet" },        /* full-width */
    { "",                     "" },
    { "   ",                  "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = kiosk_fold_for_search (cases[i].text);

      g_test_message ("'%s'", cases[i].text);
      g_assert_cmpstr (key, ==, cases[i].key);
    }

  {
    g_autofree char *key = kiosk_fold_for_search (NULL);
    g_assert_cmpstr (key, ==, "");
  }
}

static void
test_fold_nfd (void)
{
  /* "Işık" and "Çağrı Gündüz" typed in decomposed form (base letter plus
   * combining cedilla, breve, diaeresis), as some keyboards and macOS send. */
  g_autofree char *isik = kiosk_fold_for_search ("Is\u0327ik");
  g_autofree char *cagri = kiosk_fold_for_search ("C\u0327ag\u0306r\u0131 Gu\u0308ndu\u0308z");
  /* İ as I + combining dot above. */
  g_autofree char *irem = kiosk_fold_for_search ("I\u0307rem");
  g_autofree char *nfc = kiosk_fold_for_search ("Çağrı Gündüz");

  g_assert_cmpstr (isik, ==, "isik");
  g_assert_cmpstr (cagri, ==, "cagri gunduz");
  g_assert_cmpstr (irem, ==, "irem");
  g_assert_cmpstr (cagri, ==, nfc);
}

static void
test_fold_invalid_utf8 (void)
{
  static const char *cases[] = {
    "\xff\xfe",
    "Ay\xc5",              /* truncated ş */
    "\xc5\x9f\xff\xc5\x9f",  /* ş, junk, ş */
    "\xed\xa0\x80",        /* a lone surrogate */
    "\xc0\xaf",            /* overlong / */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = kiosk_fold_for_search (cases[i]);

      g_assert_nonnull (key);
      g_assert_true (g_utf8_validate (key, -1, NULL));
    }

  {
    g_autofree char *key = kiosk_fold_for_search ("\xc5\x9f\xff\xc5\x9f");
    /* The good letters survive around the junk. */
    g_assert_true (g_str_has_prefix (key, "s"));
    g_assert_true (g_str_has_suffix (key, "s"));
  }
}

static void
test_fold_long (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *key = NULL;
  g_autofree char *ascii_key = NULL;
  g_autofree char *upper = NULL;

  /* 10 000 characters: "Işık " 2000 times. */
  for (int i = 0; i < 2000; i++)
    {
      g_string_append (text, "Işık ");
      g_string_append (expected, i == 0 ? "isik" : " isik");
    }
  g_assert_cmpint (g_utf8_strlen (text->str, -1), ==, 10000);

  key = kiosk_fold_for_search (text->str);
  g_assert_cmpstr (key, ==, expected->str);

  upper = g_utf8_strup (text->str, -1);
  ascii_key = kiosk_fold_for_search (upper);
  g_assert_cmpstr (ascii_key, ==, expected->str);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/domain/money/format", test_money_format);
  g_test_add_func ("/domain/money/format-separators", test_money_format_separators);
  g_test_add_func ("/domain/money/parse", test_money_parse);
  g_test_add_func ("/domain/money/decimal", test_money_decimal);
  g_test_add_func ("/domain/time/parse", test_time_parse);
  g_test_add_func ("/domain/time/format", test_time_format);
  g_test_add_func ("/domain/date/parse", test_date_parse);
  g_test_add_func ("/domain/time/of-day", test_time_of_day);
  g_test_add_func ("/domain/date/add-days", test_date_add_days);
  g_test_add_func ("/domain/time/duration", test_time_duration);
  g_test_add_func ("/domain/loyalty/levels", test_loyalty_levels);
  g_test_add_func ("/domain/loyalty/points", test_loyalty_points);
  g_test_add_func ("/domain/phone/valid", test_phone_valid);
  g_test_add_func ("/domain/phone/invalid", test_phone_invalid);
  g_test_add_func ("/domain/phone/is-e164", test_phone_is_e164);
  g_test_add_func ("/domain/phone/format-national", test_phone_format_national);
  g_test_add_func ("/domain/fold/turkish", test_fold_turkish);
  g_test_add_func ("/domain/fold/nfd", test_fold_nfd);
  g_test_add_func ("/domain/fold/invalid-utf8", test_fold_invalid_utf8);
  g_test_add_func ("/domain/fold/long", test_fold_long);

  return g_test_run ();
}
