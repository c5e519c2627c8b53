/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The demo salon: "Moda Güzellik & Kuaför" in Caferağa, Kadıköy.
 *
 * Everything comes from our own xoshiro256** generator seeded with
 * splitmix64, so one seed (and one `today`) gives byte-identical rows on
 * every machine; GRand and rand() make no such promise. Each kind of row
 * draws from its own stream, so that changing the number of days does not
 * reshuffle the customers.
 *
 * Appointments are laid out per employee and per day, one after the other,
 * so they never overlap and always fit that day's working hours. Today is
 * cut at a notional "now" of 12:30: earlier appointments are done, later
 * ones are still ahead, and the walk-in queue is mid-morning busy.
 *
 * Scale (for the benchmarks): the 6 staff have about 74 appointments on a
 * past open day (fewer ahead), about 63 per calendar day with Sundays
 * closed, so n_customers = 200000 and days_before = 16000 give about 1.0M
 * appointments (days_before = 20000: 1.26M). Rows are built in stack
 * buffers, nothing is allocated per appointment: making the rows takes about
 * 2.5 s for 1.0M; the rest of the time is SQLite storing them.
 */
#define G_LOG_DOMAIN "kiosk-demo"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "kiosk-loyalty.h"
#include "kiosk-time.h"
#include "kiosk-demo.h"
#include "kiosk-replica-search.h"

#define DEMO_DEFAULT_SEED        2026
#define DEMO_DEFAULT_CUSTOMERS   300
#define DEMO_DEFAULT_DAYS        7

/* Appointments are booked up to this many days ahead of their date, so the
 * calendar starts that much earlier for created_at and point history. */
#define DEMO_LEAD_DAYS           15

/* The notional time of day at which the demo's "today" is frozen. */
#define DEMO_NOW                 (12 * 3600 + 30 * 60)

/* Phones are +90 5xx and 7 digits made unique by a permutation of the
 * customer's index, so at most this many distinct people. */
#define DEMO_PHONE_SPACE         10000000u
#define DEMO_MAX_CUSTOMERS       (DEMO_PHONE_SPACE - 64)

#define HM(h, m)                 ((h) * 3600 + (m) * 60)
#define TRY(lira)                ((gint64)(lira) * 100)

#define UUID_LEN                 36

/* ---- the generator -------------------------------------------------------- */

typedef struct {
  guint64 s[4];
} DemoRng;

enum {
  STREAM_IDS = 1,
  STREAM_CUSTOMERS,
  STREAM_APPOINTMENTS,
  STREAM_WALKINS,
  STREAM_POINTS,
};

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static void
rng_init (DemoRng *rng,
          guint32  seed,
          guint    stream)
{
  guint64 state = ((guint64)seed << 32) ^ ((guint64)stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

/* xoshiro256** 1.0 (Blackman and Vigna, public domain). */
static guint64
rng_next (DemoRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);

  return result;
}

/* 0 … n-1; the multiply-shift mapping is plenty fair for n this small. */
static guint
rng_below (DemoRng *rng,
           guint    n)
{
  return (guint)(((rng_next (rng) >> 32) * (guint64)n) >> 32);
}

static gboolean
rng_percent (DemoRng *rng,
             guint    percent)
{
  return rng_below (rng, 100) < percent;
}

/* A UUID with the version 4 layout, from the generator. */
static void
rng_uuid (DemoRng *rng,
          char     out[UUID_LEN + 1])
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  guint64 a = rng_next (rng);
  guint64 b = rng_next (rng);
  guint j = 0;

  for (guint i = 0; i < 8; i++)
    {
      bytes[i] = (guint8)(a >> (56 - 8 * i));
      bytes[8 + i] = (guint8)(b >> (56 - 8 * i));
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;   /* version 4 */
  bytes[8] = (bytes[8] & 0x3f) | 0x80;   /* RFC 4122 variant */

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[j++] = '-';
      out[j++] = hex[bytes[i] >> 4];
      out[j++] = hex[bytes[i] & 0xf];
    }
  out[j] = '\0';
}

/* ---- the salon ------------------------------------------------------------ */

typedef struct {
  const char *name;
  const char *description;
  const char *icon;
} DemoCategory;

static const DemoCategory categories[] = {
  { "Saç",    "Kesim, fön ve özel gün saçları",          "scissors" },
  { "Renk",   "Boya, röfle, balyaj ve renk açma",         "palette" },
  { "Bakım",  "Saç ve cilt bakımı, kaş ve ağda",          "spa" },
  { "Tırnak", "Manikür, pedikür, kalıcı oje ve protez",   "hand" },
};

enum { CAT_SAC, CAT_RENK, CAT_BAKIM, CAT_TIRNAK };

typedef struct {
  guint       category;
  const char *name;
  const char *description;
  gint64      price;      /* kuruş */
  int         duration;   /* minutes, a multiple of 15 */
  guint       weight;     /* how often it is booked */
  gboolean    active;
} DemoService;

static const DemoService services[] = {
  /* 0 */ { CAT_SAC,    "Kadın Saç Kesimi",      "Yıkama, kesim ve fön dahil",                TRY (650),  45, 14, TRUE },
  /* 1 */ { CAT_SAC,    "Erkek Saç Kesimi",      "Yıkama ve şekillendirme dahil",             TRY (400),  30, 14, TRUE },
  /* 2 */ { CAT_SAC,    "Çocuk Saç Kesimi",      "12 yaşına kadar",                           TRY (300),  30,  5, TRUE },
  /* 3 */ { CAT_SAC,    "Fön",                   "Düz ya da dalgalı fön",                     TRY (350),  30, 12, TRUE },
  /* 4 */ { CAT_SAC,    "Topuz ve Özel Gün Saçı", "Düğün, nişan ve mezuniyet için",           TRY (1500), 90,  2, TRUE },
  /* 5 */ { CAT_SAC,    "Sakal Tıraşı",          "Sıcak havlu ve ustura ile",                 TRY (250),  15,  8, TRUE },
  /* 6 */ { CAT_RENK,   "Dip Boya",              "Uzayan diplerin boyanması",                 TRY (1100), 90,  6, TRUE },
  /* 7 */ { CAT_RENK,   "Tüm Saç Boyama",        "Tek renk, amonyaksız seçenekli",            TRY (1800), 120, 3, TRUE },
  /* 8 */ { CAT_RENK,   "Röfle",                 "Folyo ile ince ya da kalın röfle",          TRY (2200), 120, 3, TRUE },
  /* 9 */ { CAT_RENK,   "Ombre ve Balyaj",       "Doğal geçişli açık uçlar",                  TRY (3500), 180, 2, TRUE },
  /*10 */ { CAT_RENK,   "Renk Açma",             "Koyu saçların açılması",                    TRY (2500), 150, 1, TRUE },
  /*11 */ { CAT_BAKIM,  "Keratin Bakımı",        "Brezilya fönü, 3 aya kadar düzlük",         TRY (3000), 150, 2, TRUE },
  /*12 */ { CAT_BAKIM,  "Saç Botoksu",           "Yıpranmış saçlar için yoğun bakım",         TRY (1800), 90,  2, TRUE },
  /*13 */ { CAT_BAKIM,  "Cilt Bakımı",           "Temizlik, peeling ve maske",                TRY (1200), 60,  4, TRUE },
  /*14 */ { CAT_BAKIM,  "Kaş Alma",              "İple ya da cımbızla",                       TRY (150),  15, 10, TRUE },
  /*15 */ { CAT_BAKIM,  "Ağda (Tüm Bacak)",      "Sir ağda",                                  TRY (600),  45,  4, TRUE },
  /*16 */ { CAT_TIRNAK, "Manikür",               "Kesim, şekillendirme ve oje",               TRY (450),  45, 10, TRUE },
  /*17 */ { CAT_TIRNAK, "Pedikür",               "Ayak banyosu ve bakım dahil",               TRY (600),  60,  6, TRUE },
  /*18 */ { CAT_TIRNAK, "Kalıcı Oje",            "Üç haftaya kadar parlak",                   TRY (550),  45,  9, TRUE },
  /*19 */ { CAT_TIRNAK, "Protez Tırnak",         "Jel ya da akrilik",                         TRY (1200), 90,  3, TRUE },
  /*20 */ { CAT_TIRNAK, "Tırnak Süsleme",        "Taş, çizim ve French",                      TRY (300),  30,  4, TRUE },
  /*21 */ { CAT_SAC,    "Perma",                 "Şu an yapılmıyor",                          TRY (1600), 120, 0, FALSE },
};

#define N_SERVICES G_N_ELEMENTS (services)
#define BIT(i) (G_GUINT64_CONSTANT (1) << (i))

typedef struct {
  const char *name;
  const char *position;
  guint64     services;   /* a bit per index in services[] */
} DemoEmployee;

static const DemoEmployee employees[] = {
  { "Ayşe Yılmaz",   "Salon Sorumlusu, Kuaför",
    BIT (0) | BIT (3) | BIT (4) | BIT (6) | BIT (7) | BIT (8) | BIT (12) },
  { "Mehmet Öztürk", "Erkek Kuaförü",
    BIT (1) | BIT (2) | BIT (5) | BIT (3) },
  { "Gülşen Çelik",  "Renk Uzmanı",
    BIT (0) | BIT (3) | BIT (6) | BIT (7) | BIT (8) | BIT (9) | BIT (10) },
  { "Zeynep Şahin",  "Tırnak Uzmanı",
    BIT (16) | BIT (17) | BIT (18) | BIT (19) | BIT (20) },
  { "İrem Doğan",    "Cilt Bakım Uzmanı",
    BIT (11) | BIT (12) | BIT (13) | BIT (14) | BIT (15) | BIT (16) },
  { "Barış Kılıç",   "Kuaför",
    BIT (0) | BIT (1) | BIT (2) | BIT (3) | BIT (4) | BIT (5) | BIT (11) },
};

#define N_EMPLOYEES G_N_ELEMENTS (employees)

enum { EMP_AYSE, EMP_MEHMET, EMP_GULSEN, EMP_ZEYNEP, EMP_IREM, EMP_BARIS };

/* Indexed by day_of_week, 0 = Monday. */
static const struct {
  int      opening;
  int      closing;
  gboolean closed;
} hours[7] = {
  { HM (9, 0), HM (20, 0), FALSE },
  { HM (9, 0), HM (20, 0), FALSE },
  { HM (9, 0), HM (20, 0), FALSE },
  { HM (9, 0), HM (20, 0), FALSE },
  { HM (9, 0), HM (20, 0), FALSE },
  { HM (9, 0), HM (18, 0), FALSE },
  { 0,         0,          TRUE },
};

/* Sunday's hours when the options keep the salon open every day. */
#define SUNDAY_OPEN_FROM  HM (10, 0)
#define SUNDAY_OPEN_UNTIL HM (18, 0)

static void
day_hours (const KioskDemoOptions *options,
           int                     weekday,
           int                    *opening,
           int                    *closing,
           gboolean               *closed)
{
  if (hours[weekday].closed && options->open_every_day)
    {
      *opening = SUNDAY_OPEN_FROM;
      *closing = SUNDAY_OPEN_UNTIL;
      *closed = FALSE;
      return;
    }
  *opening = hours[weekday].opening;
  *closing = hours[weekday].closing;
  *closed = hours[weekday].closed;
}

static const char * const female_names[] = {
  "Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Merve", "Büşra", "Esra", "Özlem",
  "Gülşen", "Şule", "Çiğdem", "Gökçe", "Işıl", "İpek", "İrem", "Ilgın", "Dilek", "Sevgi",
  "Hülya", "Nurşen", "Şeyma", "Öykü", "Ümran", "Tuğçe", "Gizem", "Sıla", "Ebru", "Derya",
  "Pınar", "Selin", "Cansu", "Damla", "Başak", "Müge", "Nilüfer", "Gülay", "Şebnem", "Yağmur",
  "Çağla", "Ece", "Aslı", "Duygu", "Gülizar", "Şükran", "Özge", "İlayda", "Ağça", "Irmak",
};

static const char * const male_names[] = {
  "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "İbrahim", "İsmail", "Osman", "Yusuf", "Ömer",
  "Murat", "Emre", "Burak", "Barış", "Çağrı", "Uğur", "Gökhan", "Tolga", "Onur", "Serkan",
  "Oğuz", "Doğan", "Kağan", "Ilgaz", "İlker", "Şükrü", "Özgür", "Tuğrul", "Çınar", "Ertuğrul",
};

static const char * const last_names[] = {
  "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
  "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek",
  "Polat", "Öz", "Ünal", "Güneş", "Erdoğan", "Bulut", "Keskin", "Işık", "İnce", "Ağaoğlu",
  "Çakır", "Akgül", "Uğurlu", "Gündoğdu", "Karagöz", "Sönmez", "Tunç", "Güler", "Ilıcak", "Çağlar",
  "Şen", "Gök", "Türkmen", "Özgür", "Kahraman", "Eğilmez", "İpekçi", "Dündar", "Göçmen", "Ürün",
};

/* Operators' mobile prefixes after +90. */
static const char * const mobile_prefixes[] = {
  "501", "505", "506", "507", "530", "531", "532", "533", "534", "535", "536", "537", "538",
  "539", "541", "542", "543", "544", "545", "546", "547", "548", "549", "551", "552", "553",
  "554", "555", "559",
};

static const char * const notes[] = {
  "İlk ziyareti, kısa kesim düşünüyor.",
  "Amonyaksız boya istiyor, hassas cilt.",
  "Geçen seferki rengin aynısı.",
  "Uçlardan sadece 2 cm alınacak.",
  "Gelin provası, fotoğraf getirecek.",
  "Çocuğuyla birlikte gelecek.",
  "Randevuya 10 dakika geç kalabilir.",
  "Oje rengi: bordo.",
};

/* ---- the calendar --------------------------------------------------------- */

/* One calendar day of the demo: the ISO date and the salon's UTC offset at
 * noon, computed once a day rather than once a row. */
typedef struct {
  char date[11];
  char offset[7];
  int  weekday;      /* 0 = Monday */
} DemoDay;

typedef struct {
  KioskReplica           *replica;
  const KioskDemoOptions *options;

  DemoRng   ids;
  gint64    version;            /* the server's row versions, as a feed would number them */

  char      salon_id[UUID_LEN + 1];
  char      category_ids[G_N_ELEMENTS (categories)][UUID_LEN + 1];
  char      service_ids[N_SERVICES][UUID_LEN + 1];
  char      employee_ids[N_EMPLOYEES][UUID_LEN + 1];

  /* Per employee, the cumulative booking weights of the services they do. */
  guint     emp_services[N_EMPLOYEES][N_SERVICES];
  guint     emp_cumulative[N_EMPLOYEES][N_SERVICES];
  guint     emp_n_services[N_EMPLOYEES];

  DemoDay  *days;
  guint     n_days;
  guint     today;              /* index of today in days[] */

  guint     n_customers;
  char    (*customer_ids)[UUID_LEN + 1];
  char    (*customer_phones)[16];
  guint8   *customer_first;     /* index into female_names or male_names */
  guint8   *customer_last;
  guint8   *customer_male;
  guint    *regulars;           /* customers with total_visits > 0 */
  guint     n_regulars;

  guint64   phone_mul;          /* the phone permutation: i * mul + add mod 10^7 */
  guint64   phone_add;
} DemoBuilder;

static void
demo_builder_clear (DemoBuilder *b)
{
  g_clear_pointer (&b->days, g_free);
  g_clear_pointer (&b->customer_ids, g_free);
  g_clear_pointer (&b->customer_phones, g_free);
  g_clear_pointer (&b->customer_first, g_free);
  g_clear_pointer (&b->customer_last, g_free);
  g_clear_pointer (&b->customer_male, g_free);
  g_clear_pointer (&b->regulars, g_free);
}

static void
format_offset (char   out[7],
               gint64 seconds)
{
  gint64 abs_minutes = ABS (seconds) / 60;

  g_snprintf (out, 7, "%c%02d:%02d", seconds < 0 ? '-' : '+',
              (int)(abs_minutes / 60), (int)(abs_minutes % 60));
}

static gboolean
build_calendar (DemoBuilder  *b,
                GError      **error)
{
  const KioskDemoOptions *o = b->options;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Istanbul");
  GDate date;
  guint64 n_days;

  if (!kiosk_date_parse (o->today, &date))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The demo needs today’s date as YYYY-MM-DD, not “%s”."),
                   o->today ? o->today : "");
      return FALSE;
    }

  n_days = (guint64)DEMO_LEAD_DAYS + o->days_before + o->days_after + 1;
  if ((guint64)o->days_before + DEMO_LEAD_DAYS >= g_date_get_julian (&date) ||
      (guint64)g_date_get_julian (&date) + o->days_after >= G_MAXUINT32 / 2 ||
      n_days > 10000000)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The demo cannot cover %u days before and %u days after %s."),
                   o->days_before, o->days_after, o->today);
      return FALSE;
    }

  b->n_days = (guint)n_days;
  b->today = DEMO_LEAD_DAYS + o->days_before;
  b->days = g_new0 (DemoDay, b->n_days);

  g_date_subtract_days (&date, b->today);
  for (guint i = 0; i < b->n_days; i++, g_date_add_days (&date, 1))
    {
      DemoDay *day = &b->days[i];
      gint64 offset = 3 * 3600;   /* Istanbul has kept +03:00 all year since 2016 */

      g_snprintf (day->date, sizeof day->date, "%04u-%02u-%02u",
                  (guint)g_date_get_year (&date), (guint)g_date_get_month (&date),
                  (guint)g_date_get_day (&date));
      day->weekday = (int)g_date_get_weekday (&date) - 1;

      if (tz != NULL)
        {
          g_autoptr(GDateTime) noon = g_date_time_new (tz, g_date_get_year (&date),
                                                       g_date_get_month (&date),
                                                       g_date_get_day (&date), 12, 0, 0);
          if (noon != NULL)
            offset = g_date_time_get_utc_offset (noon) / G_TIME_SPAN_SECOND;
        }
      format_offset (day->offset, offset);
    }

  return TRUE;
}

/* "2026-03-16T09:45:00+03:00" */
static void
format_instant (char          *out,
                gsize          size,
                const DemoDay *day,
                int            seconds)
{
  seconds = CLAMP (seconds, 0, 86399);
  g_snprintf (out, size, "%sT%02d:%02d:%02d%s", day->date,
              seconds / 3600, seconds / 60 % 60, seconds % 60, day->offset);
}

/* ---- writing -------------------------------------------------------------- */

static void
next_id (DemoBuilder *b,
         char         out[UUID_LEN + 1])
{
  rng_uuid (&b->ids, out);
}

static gboolean
write_salon (DemoBuilder  *b,
             GError      **error)
{
  KioskSalon salon = {
    .id = b->salon_id,
    .name = (char *)"Moda Güzellik & Kuaför",
    .address = (char *)"Caferağa Mah. Moda Cad. No: 142/A",
    .city = (char *)"İstanbul",
    .district = (char *)"Kadıköy",
    .phone = (char *)"+902163301442",
    .opening_time = HM (9, 0),
    .closing_time = HM (20, 0),
    .timezone = (char *)"Europe/Istanbul",
  };

  next_id (b, b->salon_id);
  salon.version = ++b->version;
  if (!kiosk_replica_put_salon (b->replica, &salon, error))
    return FALSE;

  for (int day = 0; day < 7; day++)
    {
      char id[UUID_LEN + 8];
      KioskWorkingHours wh = {
        .id = id,
        .day_of_week = day,
        .version = ++b->version,
      };

      day_hours (b->options, day, &wh.opening_time, &wh.closing_time, &wh.is_closed);

      g_snprintf (id, sizeof id, "%s:%d", b->salon_id, day);
      if (!kiosk_replica_put_working_hours (b->replica, &wh, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      KioskCategory category = {
        .id = b->category_ids[i],
        .name = (char *)categories[i].name,
        .description = (char *)categories[i].description,
        .icon = (char *)categories[i].icon,
      };

      next_id (b, b->category_ids[i]);
      category.version = ++b->version;
      if (!kiosk_replica_put_category (b->replica, &category, error))
        return FALSE;
    }

  for (guint i = 0; i < N_SERVICES; i++)
    {
      KioskService service = {
        .id = b->service_ids[i],
        .category = b->category_ids[services[i].category],
        .name = (char *)services[i].name,
        .description = (char *)services[i].description,
        .price = services[i].price,
        .duration = services[i].duration,
        .is_active = services[i].active,
      };

      next_id (b, b->service_ids[i]);
      service.version = ++b->version;
      if (!kiosk_replica_put_service (b->replica, &service, error))
        return FALSE;
    }

  for (guint e = 0; e < N_EMPLOYEES; e++)
    {
      const char *svc[N_SERVICES + 1];
      guint n = 0;
      guint total = 0;
      KioskEmployee employee = {
        .id = b->employee_ids[e],
        .name = (char *)employees[e].name,
        .position = (char *)employees[e].position,
        .is_active = TRUE,
        .services = (GStrv)svc,
      };

      for (guint s = 0; s < N_SERVICES; s++)
        if ((employees[e].services & BIT (s)) != 0 && services[s].active)
          {
            svc[n] = b->service_ids[s];
            total += services[s].weight;
            b->emp_services[e][n] = s;
            b->emp_cumulative[e][n] = total;
            n++;
          }
      svc[n] = NULL;
      b->emp_n_services[e] = n;

      next_id (b, b->employee_ids[e]);
      employee.version = ++b->version;
      if (!kiosk_replica_put_employee (b->replica, &employee, error))
        return FALSE;
    }

  return TRUE;
}

static void
make_phone (DemoBuilder *b,
            DemoRng     *rng,
            guint        index,
            char         out[16])
{
  guint64 n = ((guint64)index * b->phone_mul + b->phone_add) % DEMO_PHONE_SPACE;

  g_snprintf (out, 16, "+90%s%07u",
              mobile_prefixes[rng_below (rng, G_N_ELEMENTS (mobile_prefixes))], (guint)n);
}

/* A total spent that puts the customer at @level, and the rest of the
 * loyalty fields consistent with it. */
static void
make_loyalty (DemoRng       *rng,
              KioskCustomer *c)
{
  static const guint level_percent[] = { 40, 30, 20, 10 };
  guint roll = rng_below (rng, 100);
  KioskLoyaltyLevel level = KIOSK_LEVEL_BRONZE;
  gint64 low, high;
  gint64 average_visit;

  for (guint i = 0; i < G_N_ELEMENTS (level_percent); i++)
    {
      if (roll < level_percent[i])
        {
          level = (KioskLoyaltyLevel)i;
          break;
        }
      roll -= level_percent[i];
    }

  low = kiosk_loyalty_level_threshold (level);
  high = level == KIOSK_LEVEL_PLATINUM ? TRY (8000) : kiosk_loyalty_level_threshold (level + 1);

  /* Some bronze customers are new: nothing spent yet. */
  if (level == KIOSK_LEVEL_BRONZE && rng_percent (rng, 25))
    c->total_spent = 0;
  else
    c->total_spent = low + (gint64)rng_below (rng, (guint)((high - low) / 50)) * 50;

  c->loyalty_level = kiosk_loyalty_level_for_spent (c->total_spent);
  average_visit = TRY (350 + rng_below (rng, 300));
  c->total_visits = c->total_spent == 0 ? 0 : MAX (1, c->total_spent / average_visit);
  c->total_points = c->total_spent / TRY (10);
  c->current_points = c->total_points;
  if (c->total_points >= 50 && rng_percent (rng, 40))
    c->current_points -= 50 * (gint64)(1 + rng_below (rng, (guint)(c->total_points / 50)));
}

/* A history whose sum is current_points: some visits, then maybe one
 * redemption, on increasing days before today. */
static gboolean
write_point_history (DemoBuilder          *b,
                     DemoRng              *rng,
                     const KioskCustomer  *c,
                     GError              **error)
{
  guint n_earn = 1 + rng_below (rng, 3);
  gboolean redeemed = c->current_points < c->total_points;
  guint n = n_earn + (redeemed ? 1 : 0);
  guint span = MIN (b->today, 180);
  gint64 left = c->total_points;

  for (guint j = 0; j < n; j++)
    {
      char id[UUID_LEN + 1];
      char created[40];
      char reason[96];
      guint day = b->today - span + span * j / n + rng_below (rng, MAX (span / n, 1));
      KioskPointEntry entry = {
        .id = id,
        .customer = (char *)c->id,
        .reason = reason,
        .created_at = created,
      };

      if (j < n_earn)
        {
          entry.points = j + 1 < n_earn ? left / (n_earn - j) : left;
          left -= entry.points;
          g_strlcpy (reason, "Tamamlanan randevu", sizeof reason);
        }
      else
        {
          entry.points = c->current_points - c->total_points;
          g_strlcpy (reason, "Puan kullanımı: hizmet indirimi", sizeof reason);
        }

      format_instant (created, sizeof created, &b->days[day], HM (10, 0) + (int)rng_below (rng, 9 * 60) * 60);
      next_id (b, id);
      entry.version = ++b->version;
      if (!kiosk_replica_put_point_entry (b->replica, &entry, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_customers (DemoBuilder  *b,
                 GError      **error)
{
  DemoRng rng;
  DemoRng points;
  guint n = b->n_customers;

  rng_init (&rng, b->options->seed, STREAM_CUSTOMERS);
  rng_init (&points, b->options->seed, STREAM_POINTS);

  /* Any multiplier prime to 10^7 (odd, not a multiple of 5) permutes. */
  b->phone_mul = rng_next (&rng) % DEMO_PHONE_SPACE;
  b->phone_mul |= 1;
  if (b->phone_mul % 5 == 0)
    b->phone_mul += 2;
  b->phone_add = rng_next (&rng) % DEMO_PHONE_SPACE;

  b->customer_ids = g_malloc ((gsize)n * sizeof *b->customer_ids);
  b->customer_phones = g_malloc ((gsize)n * sizeof *b->customer_phones);
  b->customer_first = g_malloc (n);
  b->customer_last = g_malloc (n);
  b->customer_male = g_malloc (n);
  b->regulars = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    {
      char updated[40];
      gboolean male = rng_percent (&rng, 25);
      guint first = rng_below (&rng, male ? G_N_ELEMENTS (male_names) : G_N_ELEMENTS (female_names));
      guint last = rng_below (&rng, G_N_ELEMENTS (last_names));
      KioskCustomer c = {
        .id = b->customer_ids[i],
        .first_name = (char *)(male ? male_names[first] : female_names[first]),
        .last_name = (char *)last_names[last],
        .phone = b->customer_phones[i],
        .updated_at = updated,
      };

      next_id (b, b->customer_ids[i]);
      make_phone (b, &rng, i, b->customer_phones[i]);
      make_loyalty (&rng, &c);
      format_instant (updated, sizeof updated, &b->days[b->today - 1 - rng_below (&rng, DEMO_LEAD_DAYS)],
                      HM (9, 0) + (int)rng_below (&rng, 11 * 60) * 60);
      c.version = ++b->version;

      b->customer_first[i] = (guint8)first;
      b->customer_last[i] = (guint8)last;
      b->customer_male[i] = (guint8)male;
      if (c.total_visits > 0)
        b->regulars[b->n_regulars++] = i;

      if (!kiosk_replica_put_customer (b->replica, &c, error))
        return FALSE;

      if (c.total_points > 0 && rng_percent (&points, 15) &&
          !write_point_history (b, &points, &c, error))
        return FALSE;
    }

  return TRUE;
}

/* ---- appointments --------------------------------------------------------- */

/* Times when an employee is busy with today's walk-ins, kept free of
 * appointments. */
typedef struct {
  guint employee;
  int   start;
  int   end;
} DemoBlock;

/* Today's walk-in queue at 12:30. */
typedef struct {
  KioskWalkinStatus status;
  guint             service;
  int               employee;            /* -1: none yet */
  int               preferred;           /* -1: anyone */
  int               arrived, called, finished;   /* seconds, -1: not yet */
  gboolean          known;               /* a registered customer */
} DemoWalkin;

static const DemoWalkin walkins[] = {
  { KIOSK_WALKIN_DONE,       1,  EMP_MEHMET, -1,        HM (9, 35),  HM (9, 50),  HM (10, 25), TRUE },
  { KIOSK_WALKIN_DONE,       16, EMP_ZEYNEP, EMP_ZEYNEP, HM (10, 40), HM (10, 45), HM (11, 30), TRUE },
  { KIOSK_WALKIN_LEFT,       3,  -1,         -1,        HM (11, 0),  -1,          HM (11, 40), FALSE },
  { KIOSK_WALKIN_IN_SERVICE, 3,  EMP_BARIS,  -1,        HM (11, 55), HM (12, 15), -1,          TRUE },
  { KIOSK_WALKIN_CALLED,     1,  EMP_MEHMET, EMP_MEHMET, HM (12, 5),  HM (12, 28), -1,          FALSE },
  { KIOSK_WALKIN_WAITING,    0,  -1,         EMP_AYSE,  HM (12, 12), -1,          -1,          TRUE },
  { KIOSK_WALKIN_WAITING,    18, -1,         -1,        HM (12, 24), -1,          -1,          FALSE },
};

/* What each walk-in keeps their employee busy for. */
static const DemoBlock walkin_blocks[] = {
  { EMP_MEHMET, HM (9, 45),  HM (10, 30) },
  { EMP_ZEYNEP, HM (10, 45), HM (11, 30) },
  { EMP_BARIS,  HM (12, 15), HM (12, 45) },
  { EMP_MEHMET, HM (12, 15), HM (13, 0) },
};

static guint
pick_service (DemoBuilder *b,
              DemoRng     *rng,
              guint        employee)
{
  guint n = b->emp_n_services[employee];
  guint roll = rng_below (rng, b->emp_cumulative[employee][n - 1]);

  for (guint i = 0; i < n; i++)
    if (roll < b->emp_cumulative[employee][i])
      return b->emp_services[employee][i];

  return b->emp_services[employee][n - 1];
}

/* How full a day's book is: past days were busy; the further ahead, the
 * fewer appointments are booked yet. Percent. */
static guint
fill_percent (DemoBuilder *b,
              guint        day)
{
  if (day <= b->today)
    return 82;
  return (guint)MAX (25, 75 - 7 * (int)(day - b->today - 1));
}

static KioskAppointmentStatus
pick_status (DemoBuilder *b,
             DemoRng     *rng,
             guint        day,
             int          start,
             int          end)
{
  guint roll = rng_below (rng, 100);

  if (day < b->today || (day == b->today && end <= DEMO_NOW))
    {
      if (roll < 86)
        return KIOSK_APPOINTMENT_COMPLETED;
      if (roll < 94)
        return KIOSK_APPOINTMENT_CANCELLED;
      return KIOSK_APPOINTMENT_NO_SHOW;
    }

  if (day == b->today && start < DEMO_NOW)
    return KIOSK_APPOINTMENT_CONFIRMED;   /* in the chair right now */

  if (day == b->today)
    {
      if (roll < 65)
        return KIOSK_APPOINTMENT_CONFIRMED;
      if (roll < 90)
        return KIOSK_APPOINTMENT_PENDING;
      return KIOSK_APPOINTMENT_CANCELLED;
    }

  if (roll < 55)
    return KIOSK_APPOINTMENT_CONFIRMED;
  if (roll < 95)
    return KIOSK_APPOINTMENT_PENDING;
  return KIOSK_APPOINTMENT_CANCELLED;
}

static const char *
pick_source (DemoRng  *rng,
             gboolean  may_walk_in)
{
  guint roll = rng_below (rng, 100);

  if (roll < 55)
    return "app";
  if (roll < 85 || !may_walk_in)
    return "kiosk";
  return "walk_in";
}

static gboolean
write_appointment (DemoBuilder  *b,
                   DemoRng      *rng,
                   guint         day_index,
                   guint         employee,
                   guint         service,
                   int           start,
                   GError      **error)
{
  const DemoDay *day = &b->days[day_index];
  int end = start + services[service].duration * 60;
  gboolean past = day_index < b->today || (day_index == b->today && start < DEMO_NOW);
  const char *source = pick_source (rng, past);
  KioskAppointmentStatus status = pick_status (b, rng, day_index, start, end);
  /* Who came must be someone with visits on file; anyone may book. */
  guint customer = (status == KIOSK_APPOINTMENT_COMPLETED && b->n_regulars > 0)
                   ? b->regulars[rng_below (rng, b->n_regulars)]
                   : rng_below (rng, b->n_customers);
  char id[UUID_LEN + 1];
  char created[40];
  char updated[40];
  char checked_in[40];
  KioskAppointment appt = {
    .id = id,
    .customer = b->customer_ids[customer],
    .service = b->service_ids[service],
    .employee = b->employee_ids[employee],
    .appointment_date = (char *)day->date,
    .appointment_time = start,
    .end_time = end,
    .status = status,
    .price = services[service].price,
    .source = (char *)source,
    .created_at = created,
    .updated_at = updated,
  };

  if (rng_percent (rng, 6))
    appt.notes = (char *)notes[rng_below (rng, G_N_ELEMENTS (notes))];

  if (g_str_equal (source, "walk_in"))
    format_instant (created, sizeof created, day, start - 60 * (int)(12 + rng_below (rng, 15)));  /* before check-in */
  else
    {
      /* Booked one to 14 days before, and never after today. */
      guint booked = MIN (day_index, b->today) - 1 - rng_below (rng, DEMO_LEAD_DAYS - 1);
      format_instant (created, sizeof created, &b->days[booked], HM (8, 0) + (int)rng_below (rng, 14 * 60) * 60);
    }

  switch (status)
    {
    case KIOSK_APPOINTMENT_COMPLETED:
      format_instant (checked_in, sizeof checked_in, day, start - 60 * (int)rng_below (rng, 12));
      appt.checked_in_at = checked_in;
      format_instant (updated, sizeof updated, day, end + 60 * (int)rng_below (rng, 10));
      break;
    case KIOSK_APPOINTMENT_NO_SHOW:
      format_instant (updated, sizeof updated, day, start + 15 * 60);
      break;
    case KIOSK_APPOINTMENT_CONFIRMED:
      if (day_index == b->today && start < DEMO_NOW)
        {
          format_instant (checked_in, sizeof checked_in, day, start - 60 * (int)rng_below (rng, 8));
          appt.checked_in_at = checked_in;
          g_strlcpy (updated, checked_in, sizeof updated);
        }
      else
        g_strlcpy (updated, created, sizeof updated);
      break;
    case KIOSK_APPOINTMENT_PENDING:
    case KIOSK_APPOINTMENT_CANCELLED:
    default:
      g_strlcpy (updated, created, sizeof updated);
      break;
    }

  next_id (b, id);
  appt.version = ++b->version;
  return kiosk_replica_put_appointment (b->replica, &appt, error);
}

static gboolean
write_appointments (DemoBuilder  *b,
                    GError      **error)
{
  DemoRng rng;
  guint first = DEMO_LEAD_DAYS;

  rng_init (&rng, b->options->seed, STREAM_APPOINTMENTS);

  for (guint d = first; d < b->n_days; d++)
    {
      int weekday = b->days[d].weekday;
      guint fill = fill_percent (b, d);
      int opening, closing;
      gboolean closed;

      day_hours (b->options, weekday, &opening, &closing, &closed);
      if (closed)
        continue;

      for (guint e = 0; e < N_EMPLOYEES; e++)
        {
          int t = opening + 15 * 60 * (int)rng_below (&rng, 3);
          int close = closing;

          while (t < close)
            {
              guint service;
              int end;
              gboolean blocked = FALSE;

              if (!rng_percent (&rng, fill))
                {
                  t += 15 * 60 * (int)(1 + rng_below (&rng, 3));
                  continue;
                }

              service = pick_service (b, &rng, e);
              end = t + services[service].duration * 60;
              if (end > close)
                {
                  /* Try something short to end the day, else stop. */
                  service = pick_service (b, &rng, e);
                  end = t + services[service].duration * 60;
                  if (end > close)
                    break;
                }

              if (d == b->today)
                for (guint k = 0; k < G_N_ELEMENTS (walkin_blocks); k++)
                  if (walkin_blocks[k].employee == e &&
                      t < walkin_blocks[k].end && walkin_blocks[k].start < end)
                    {
                      t = walkin_blocks[k].end;
                      blocked = TRUE;
                      break;
                    }
              if (blocked)
                continue;

              if (!write_appointment (b, &rng, d, e, service, t, error))
                return FALSE;
              t = end;
            }
        }
    }

  return TRUE;
}

static gboolean
write_walkins (DemoBuilder  *b,
               GError      **error)
{
  const DemoDay *today = &b->days[b->today];
  DemoRng rng;
  int opening, closing;
  gboolean closed;

  /* The salon is closed today: nobody walks in. */
  day_hours (b->options, today->weekday, &opening, &closing, &closed);
  if (closed)
    return TRUE;

  rng_init (&rng, b->options->seed, STREAM_WALKINS);

  for (guint i = 0; i < G_N_ELEMENTS (walkins); i++)
    {
      const DemoWalkin *w = &walkins[i];
      char id[UUID_LEN + 1];
      char name[96];
      char phone[16];
      char arrived[40];
      char called[40];
      char finished[40];
      KioskWalkin walkin = {
        .id = id,
        .name = name,
        .service = b->service_ids[w->service],
        .status = w->status,
        .arrived_at = arrived,
      };

      if (w->known)
        {
          guint c = rng_below (&rng, b->n_customers);

          walkin.customer = b->customer_ids[c];
          g_snprintf (name, sizeof name, "%s %s",
                      b->customer_male[c] ? male_names[b->customer_first[c]] : female_names[b->customer_first[c]],
                      last_names[b->customer_last[c]]);
          walkin.phone = b->customer_phones[c];
        }
      else
        {
          gboolean male = rng_percent (&rng, 40);
          const char *first = male ? male_names[rng_below (&rng, G_N_ELEMENTS (male_names))]
                                   : female_names[rng_below (&rng, G_N_ELEMENTS (female_names))];
          const char *last = last_names[rng_below (&rng, G_N_ELEMENTS (last_names))];

          /* People not on file give a first name and an initial. */
          g_snprintf (name, sizeof name, "%s %.*s.", first,
                      (int)(g_utf8_next_char (last) - last), last);
          /* Beyond the customers' indices, so unique among all phones. */
          make_phone (b, &rng, b->n_customers + i, phone);
          walkin.phone = phone;
        }

      if (w->preferred >= 0)
        walkin.preferred_employee = b->employee_ids[w->preferred];
      if (w->employee >= 0)
        walkin.employee = b->employee_ids[w->employee];

      format_instant (arrived, sizeof arrived, today, w->arrived);
      if (w->called >= 0)
        {
          format_instant (called, sizeof called, today, w->called);
          walkin.called_at = called;
        }
      if (w->finished >= 0)
        {
          format_instant (finished, sizeof finished, today, w->finished);
          walkin.finished_at = finished;
        }

      next_id (b, id);
      walkin.version = ++b->version;
      if (!kiosk_replica_put_walkin (b->replica, &walkin, error))
        return FALSE;
    }

  return TRUE;
}

/* ---- public --------------------------------------------------------------- */

void
kiosk_demo_options_init (KioskDemoOptions *options,
                         const char       *today)
{
  g_return_if_fail (options != NULL);

  options->seed = DEMO_DEFAULT_SEED;
  options->today = today;
  options->n_customers = DEMO_DEFAULT_CUSTOMERS;
  options->days_before = DEMO_DEFAULT_DAYS;
  options->days_after = DEMO_DEFAULT_DAYS;
  options->open_every_day = FALSE;
}

gboolean
kiosk_demo_populate (KioskReplica            *replica,
                     const KioskDemoOptions  *options,
                     GError                 **error)
{
  DemoBuilder b = { 0 };
  gboolean ok;

  g_return_val_if_fail (KIOSK_IS_REPLICA (replica), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options->n_customers == 0 || options->n_customers > DEMO_MAX_CUSTOMERS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The demo salon needs between 1 and %u customers, not %u."),
                   DEMO_MAX_CUSTOMERS, options->n_customers);
      return FALSE;
    }

  b.replica = replica;
  b.options = options;
  b.n_customers = options->n_customers;
  rng_init (&b.ids, options->seed, STREAM_IDS);

  if (!build_calendar (&b, error))
    {
      demo_builder_clear (&b);
      return FALSE;
    }

  if (!kiosk_replica_begin (replica, error))
    {
      demo_builder_clear (&b);
      return FALSE;
    }

  /* The search index is built once at the end, not row by row: 200 000
   * customers through the per-row triggers take minutes. */
  ok = kiosk_replica_search_suspend (replica, error) &&
       write_salon (&b, error) &&
       write_customers (&b, error) &&
       write_appointments (&b, error) &&
       write_walkins (&b, error) &&
       kiosk_replica_search_restore (replica, error);

  if (ok)
    ok = kiosk_replica_commit (replica, error);
  else
    kiosk_replica_rollback (replica);

  demo_builder_clear (&b);
  return ok;
}
