/* SPDX-License-Identifier: GPL-3.0-or-later
 * SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
 *
 * The demo's generator: numbers, UUIDs, people's names and phone numbers.
 *
 * Everything comes from our own xoshiro256** generator seeded with
 * splitmix64, so one seed (and one `today`) gives byte-identical rows on
 * every machine; GRand and rand() make no such promise. Each kind of row
 * draws from its own stream, so that changing the number of days does not
 * reshuffle the customers.
 */
#define G_LOG_DOMAIN "kiosk-demo"

#include "config.h"

#include "kiosk-demo-private.h"

/* ---- numbers and UUIDs ---------------------------------------------------- */

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

void
kiosk_demo_rng_init (KioskDemoRng *rng,
                     guint32       seed,
                     guint         stream)
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
guint64
kiosk_demo_rng_next (KioskDemoRng *rng)
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
guint
kiosk_demo_rng_below (KioskDemoRng *rng,
                      guint         n)
{
  return (guint)(((kiosk_demo_rng_next (rng) >> 32) * (guint64)n) >> 32);
}

gboolean
kiosk_demo_rng_percent (KioskDemoRng *rng,
                        guint         percent)
{
  return kiosk_demo_rng_below (rng, 100) < percent;
}

/* A UUID with the version 4 layout, from the generator. */
void
kiosk_demo_rng_uuid (KioskDemoRng *rng,
                     char          out[UUID_LEN + 1])
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  guint64 a = kiosk_demo_rng_next (rng);
  guint64 b = kiosk_demo_rng_next (rng);
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

/* ---- names ---------------------------------------------------------------- */

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

KioskDemoPerson
kiosk_demo_person_draw (KioskDemoRng *rng,
                        guint         male_percent)
{
  KioskDemoPerson person;
  gboolean male = kiosk_demo_rng_percent (rng, male_percent);

  person.male = (guint8)male;
  person.first = (guint8)kiosk_demo_rng_below (rng, male ? G_N_ELEMENTS (male_names)
                                                         : G_N_ELEMENTS (female_names));
  person.last = (guint8)kiosk_demo_rng_below (rng, G_N_ELEMENTS (last_names));
  return person;
}

const char *
kiosk_demo_person_first_name (const KioskDemoPerson *person)
{
  return person->male ? male_names[person->first] : female_names[person->first];
}

const char *
kiosk_demo_person_last_name (const KioskDemoPerson *person)
{
  return last_names[person->last];
}

/* ---- phones --------------------------------------------------------------- */

/* Operators' mobile prefixes after +90. */
static const char * const mobile_prefixes[] = {
  "501", "505", "506", "507", "530", "531", "532", "533", "534", "535", "536", "537", "538",
  "539", "541", "542", "543", "544", "545", "546", "547", "548", "549", "551", "552", "553",
  "554", "555", "559",
};

void
kiosk_demo_phones_init (KioskDemoPhones *phones,
                        KioskDemoRng    *rng)
{
  /* Any multiplier prime to 10^7 (odd, not a multiple of 5) permutes. */
  phones->mul = kiosk_demo_rng_next (rng) % DEMO_PHONE_SPACE;
  phones->mul |= 1;
  if (phones->mul % 5 == 0)
    phones->mul += 2;
  phones->add = kiosk_demo_rng_next (rng) % DEMO_PHONE_SPACE;
}

void
kiosk_demo_phone_make (const KioskDemoPhones *phones,
                       KioskDemoRng          *rng,
                       guint                  index,
                       char                   out[16])
{
  guint64 n = ((guint64)index * phones->mul + phones->add) % DEMO_PHONE_SPACE;

  g_snprintf (out, 16, "+90%s%07u",
              mobile_prefixes[kiosk_demo_rng_below (rng, G_N_ELEMENTS (mobile_prefixes))], (guint)n);
}
