/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The demo salon itself: "Moda Güzellik & Kuaför" in Caferağa, Kadıköy,
 * its opening hours, categories, services and staff.
 */
#define G_LOG_DOMAIN "kiosk-demo"

#include "config.h"

#include "kiosk-demo-private.h"

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

G_STATIC_ASSERT (G_N_ELEMENTS (categories) == N_CATEGORIES);

enum { CAT_SAC, CAT_RENK, CAT_BAKIM, CAT_TIRNAK };

/* As many as N_SERVICES (the declaration in kiosk-demo-private.h says so). */
const KioskDemoService kiosk_demo_services[] = {
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

#define BIT(i) (G_GUINT64_CONSTANT (1) << (i))

typedef struct {
  const char *name;
  const char *position;
  guint64     services;   /* a bit per index in kiosk_demo_services[] */
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

/* In the order of EMP_AYSE … EMP_BARIS. */
G_STATIC_ASSERT (G_N_ELEMENTS (employees) == N_EMPLOYEES);

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

void
kiosk_demo_day_hours (const KioskDemoOptions *options,
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

gboolean
kiosk_demo_write_salon (KioskDemoBuilder  *b,
                        GError           **error)
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

  kiosk_demo_next_id (b, b->salon_id);
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

      kiosk_demo_day_hours (b->options, day, &wh.opening_time, &wh.closing_time, &wh.is_closed);

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

      kiosk_demo_next_id (b, b->category_ids[i]);
      category.version = ++b->version;
      if (!kiosk_replica_put_category (b->replica, &category, error))
        return FALSE;
    }

  for (guint i = 0; i < N_SERVICES; i++)
    {
      KioskService service = {
        .id = b->service_ids[i],
        .category = b->category_ids[kiosk_demo_services[i].category],
        .name = (char *)kiosk_demo_services[i].name,
        .description = (char *)kiosk_demo_services[i].description,
        .price = kiosk_demo_services[i].price,
        .duration = kiosk_demo_services[i].duration,
        .is_active = kiosk_demo_services[i].active,
      };

      kiosk_demo_next_id (b, b->service_ids[i]);
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
        if ((employees[e].services & BIT (s)) != 0 && kiosk_demo_services[s].active)
          {
            svc[n] = b->service_ids[s];
            total += kiosk_demo_services[s].weight;
            b->emp_services[e][n] = s;
            b->emp_cumulative[e][n] = total;
            n++;
          }
      svc[n] = NULL;
      b->emp_n_services[e] = n;

      kiosk_demo_next_id (b, b->employee_ids[e]);
      employee.version = ++b->version;
      if (!kiosk_replica_put_employee (b->replica, &employee, error))
        return FALSE;
    }

  return TRUE;
}
