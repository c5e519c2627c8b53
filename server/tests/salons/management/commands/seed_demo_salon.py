# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""manage.py seed_demo_salon: a believable Kadıköy salon in the host database.

The same salon as the kiosk's own demo (src/demo/kiosk-demo-salon.c): "Moda
Güzellik & Kuaför" in Caferağa, its six staff and their trades, its services
and hours (Sunday closed), plus an owner who can log in to the admin,
customers with Turkish names and E.164 mobile numbers, a loyalty history that
follows the service's rules (docs/kiosk-api.md §2, §3.3: a point per 10 TRY,
the level by total_spent), past appointments with their outcomes and the
coming days' bookings, all relative to --today.

One --seed gives the same rows, ids included, on every machine; each kind of
row draws from its own random stream, so a different number of customers
does not reshuffle the staff. Seeding the same seed again into the same
database changes nothing and prints the same salon id. The salon's id is
the only thing printed on stdout.
"""

import random
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import Permission, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from appointments.models import Appointment, AppointmentReview
from customers.models import Customer, PointHistory, loyalty_level_for
from salons.models import Salon, SalonEmployee, SalonWorkingHours
from services.models import Service, ServiceCategory, ServiceEmployee

DEFAULT_SEED = 2026

SALON = {
    "name": "Moda Güzellik & Kuaför",
    "salon_type": "kuafor",
    "description": ("Moda sahiline iki sokak mesafede, 2009'dan beri kadın ve erkek kuaförü, "
                    "renk, bakım ve tırnak hizmetleri. Randevusuz gelenler sıraya alınır."),
    "address": "Caferağa Mah. Moda Cad. No: 142/A",
    "city": "İstanbul",
    "district": "Kadıköy",
    "phone": "+902163301442",
    "email": "merhaba@modaguzellik.com.tr",
    "website": "https://modaguzellik.com.tr",
    "instagram": "https://instagram.com/modaguzellikkuafor",
    "opening_time": time(9, 0),
    "closing_time": time(20, 0),
}

# Indexed by day_of_week, 0 = Monday; None = closed (§2).
HOURS = [(time(9), time(20))] * 5 + [(time(9), time(18)), None]

CATEGORIES = [
    ("Saç", "Kesim, fön ve özel gün saçları", "scissors"),
    ("Renk", "Boya, röfle, balyaj ve renk açma", "palette"),
    ("Bakım", "Saç ve cilt bakımı, kaş ve ağda", "spa"),
    ("Tırnak", "Manikür, pedikür, kalıcı oje ve protez", "hand"),
]

# (category, name, description, price TRY, minutes, booking weight, active)
SERVICES = [
    (0, "Kadın Saç Kesimi", "Yıkama, kesim ve fön dahil", 650, 45, 14, True),
    (0, "Erkek Saç Kesimi", "Yıkama ve şekillendirme dahil", 400, 30, 14, True),
    (0, "Fön", "Düz ya da dalgalı fön", 350, 30, 12, True),
    (0, "Sakal Tıraşı", "Sıcak havlu ve ustura ile", 250, 15, 8, True),
    (1, "Dip Boya", "Uzayan diplerin boyanması", 1100, 90, 6, True),
    (1, "Röfle", "Folyo ile ince ya da kalın röfle", 2200, 120, 3, True),
    (1, "Ombre ve Balyaj", "Doğal geçişli açık uçlar", 3500, 180, 2, True),
    (2, "Keratin Bakımı", "Brezilya fönü, 3 aya kadar düzlük", 3000, 150, 2, True),
    (2, "Cilt Bakımı", "Temizlik, peeling ve maske", 1200, 60, 4, True),
    (2, "Kaş Alma", "İple ya da cımbızla", 150, 15, 10, True),
    (3, "Manikür", "Kesim, şekillendirme ve oje", 450, 45, 10, True),
    (3, "Pedikür", "Ayak banyosu ve bakım dahil", 600, 60, 6, True),
    (3, "Kalıcı Oje", "Üç haftaya kadar parlak", 550, 45, 9, True),
    (0, "Perma", "Şu an yapılmıyor", 1600, 120, 0, False),
]

# (name, position, bio, indexes into SERVICES)
EMPLOYEES = [
    ("Ayşe Yılmaz", "Salon Sorumlusu, Kuaför", "20 yıllık kuaför, gelin saçı ve kesimde usta.",
     [0, 2, 4, 5]),
    ("Mehmet Öztürk", "Erkek Kuaförü", "Klasik ve modern erkek kesimleri, ustura tıraşı.",
     [1, 2, 3]),
    ("Gülşen Çelik", "Renk Uzmanı", "Balyaj, ombre ve renk düzeltmede uzman.",
     [0, 2, 4, 5, 6]),
    ("Zeynep Şahin", "Tırnak Uzmanı", "Kalıcı oje ve tırnak sanatı.", [10, 11, 12]),
    ("İrem Doğan", "Cilt Bakım Uzmanı", "Cilt bakımı, kaş ve keratin uygulamaları.",
     [7, 8, 9, 10]),
    ("Barış Kılıç", "Kuaför", "Kısa kesimler ve fön; çocuklarla arası çok iyi.",
     [0, 1, 2, 3, 7]),
]

FEMALE_NAMES = [
    "Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Merve", "Büşra", "Esra", "Özlem",
    "Gülşen", "Şule", "Çiğdem", "Gökçe", "Işıl", "İpek", "İrem", "Ilgın", "Dilek", "Sevgi",
    "Hülya", "Nurşen", "Şeyma", "Öykü", "Ümran", "Tuğçe", "Gizem", "Sıla", "Ebru", "Derya",
    "Pınar", "Selin", "Cansu", "Damla", "Başak", "Müge", "Nilüfer", "Gülay", "Şebnem", "Yağmur",
]
MALE_NAMES = [
    "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "İbrahim", "İsmail", "Osman", "Yusuf", "Ömer",
    "Murat", "Emre", "Burak", "Barış", "Çağrı", "Uğur", "Gökhan", "Tolga", "Onur", "Serkan",
    "Oğuz", "Doğan", "Kağan", "Ilgaz", "İlker", "Şükrü", "Özgür", "Tuğrul", "Çınar", "Ertuğrul",
]
LAST_NAMES = [
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
    "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan",
    "Şimşek", "Polat", "Öz", "Ünal", "Güneş", "Erdoğan", "Bulut", "Keskin", "Işık", "İnce",
    "Ağaoğlu", "Çakır", "Akgül", "Uğurlu", "Gündoğdu", "Karagöz", "Sönmez", "Tunç", "Güler",
    "Ilıcak", "Çağlar", "Şen", "Gök", "Türkmen", "Kahraman", "Eğilmez", "İpekçi", "Dündar",
]
MOBILE_PREFIXES = [
    "501", "505", "506", "507", "530", "531", "532", "533", "534", "535", "536", "537", "538",
    "539", "541", "542", "543", "544", "545", "546", "547", "548", "549", "551", "552", "553",
    "554", "555", "559",
]
DISTRICTS = ["Kadıköy", "Kadıköy", "Kadıköy", "Üsküdar", "Ataşehir", "Maltepe", "Beşiktaş"]
NOTES = [
    "İlk ziyareti, kısa kesim düşünüyor.",
    "Amonyaksız boya istiyor, hassas cilt.",
    "Geçen seferki rengin aynısı.",
    "Uçlardan sadece 2 cm alınacak.",
    "Gelin provası, fotoğraf getirecek.",
    "Çocuğuyla birlikte gelecek.",
    "Randevuya 10 dakika geç kalabilir.",
    "Oje rengi: bordo.",
]
REVIEW_COMMENTS = [
    "Çok memnun kaldım, ellerinize sağlık.",
    "Her zamanki gibi harika.",
    "Biraz bekledim ama sonuç çok güzel.",
    "Güler yüzlü ekip, temiz salon.",
    "Rengim tam istediğim gibi oldu.",
    "",
]

EARN_REASON = "Tamamlanan randevu"
REDEEM_REASON = "Puan kullanımı: hizmet indirimi"
HISTORY_DAYS = 180

# One random stream per kind of row (see the module's docstring).
STREAMS = ("ids", "salon", "customers", "points", "appointments")

_ASCII = str.maketrans("çğıİöşüÇĞÖŞÜâ", "cgiiosuCGOSUa")


def ascii_fold(text):
    return text.translate(_ASCII).lower().replace(" ", "")


def points_for(price):
    """The reference rule (§3.3): one point per 10 TRY of price."""
    return int(Decimal(price) // 10)


class Rows:
    """Deterministic UUIDs: the demo's ids are the same on every run."""

    def __init__(self, rng):
        self.rng = rng

    def uuid(self):
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)


class Command(BaseCommand):
    help = "Fill the host database with the demo salon of Kadıköy; prints the salon's id."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                            help="the same seed gives the same salon (default %(default)s)")
        parser.add_argument("--today", help="YYYY-MM-DD the bookings are relative to "
                            "(default: today in Europe/Istanbul)")
        parser.add_argument("--customers", type=int, default=200)
        parser.add_argument("--days-before", type=int, default=14,
                            help="past days with appointments (done, cancelled, no-show)")
        parser.add_argument("--days-ahead", type=int, default=7,
                            help="coming days with bookings, today included")

    def handle(self, *args, **opts):
        if opts["today"]:
            try:
                today = date.fromisoformat(opts["today"])
            except ValueError:
                raise CommandError("--today needs YYYY-MM-DD, not %r" % opts["today"])
        else:
            today = timezone.localdate()
        if not 1 <= opts["customers"] <= 100000:
            raise CommandError("--customers must be between 1 and 100000")
        if opts["days_before"] < 0 or opts["days_ahead"] < 0:
            raise CommandError("--days-before and --days-ahead cannot be negative")

        seeder = Seeder(opts["seed"], today, opts["customers"], opts["days_before"],
                        opts["days_ahead"])
        with transaction.atomic():
            salon, made = seeder.run()
        if opts["verbosity"] >= 1:
            if made:
                self.stderr.write("seeded %s: %d staff, %d services, %d customers, "
                                  "%d appointments (owner %s, password %s)"
                                  % (salon.name, seeder.n_employees, seeder.n_services,
                                     seeder.n_customers, seeder.n_appointments,
                                     seeder.owner_username, seeder.owner_password))
            else:
                self.stderr.write("seed %d is already in this database" % opts["seed"])
        self.stdout.write(str(salon.id))


class Seeder:
    def __init__(self, seed, today, n_customers, days_before, days_ahead):
        self.seed = seed
        self.today = today
        self.n_customers = n_customers
        self.days_before = days_before
        self.days_ahead = days_ahead
        self.rng = {name: random.Random("%d/%s" % (seed, name)) for name in STREAMS}
        self.ids = Rows(self.rng["ids"])
        self.tz = timezone.get_current_timezone()
        self.owner_username = "moda-sahibi-%d" % seed
        self.owner_password = "moda-%d" % seed
        self.n_employees = self.n_services = self.n_appointments = 0

    def at(self, day, t):
        return timezone.make_aware(datetime.combine(day, t), self.tz)

    def run(self):
        salon_id = self.ids.uuid()
        existing = Salon.objects.filter(id=salon_id).first()
        if existing:
            return existing, False
        salon = self.make_salon(salon_id)
        customers = self.make_customers()
        self.make_appointments(salon, customers)
        return salon, True

    # -- the salon -----------------------------------------------------------

    def make_salon(self, salon_id):
        rng = self.rng["salon"]
        owner = User.objects.create_user(
            self.owner_username, email="sahibi@modaguzellik.com.tr",
            password=self.owner_password, first_name="Nesrin", last_name="Karadağ",
            is_staff=True)
        # The owner manages the salon in the admin (and makes kiosk pairing
        # codes there, §3.1): every permission of the salon's apps.
        owner.user_permissions.set(Permission.objects.filter(content_type__app_label__in=[
            "salons", "services", "customers", "appointments", "salonity_kiosk"]))

        salon = Salon.objects.create(id=salon_id, owner=owner, is_verified=True, **SALON)

        SalonWorkingHours.objects.bulk_create([
            SalonWorkingHours(salon=salon, day_of_week=d,
                              opening_time=h[0] if h else time(0),
                              closing_time=h[1] if h else time(0),
                              is_closed=h is None)
            for d, h in enumerate(HOURS)])

        # Categories are shared by all salons upstream: reuse one by name.
        categories = []
        for name, description, icon in CATEGORIES:
            cat_id = self.ids.uuid()
            cat = ServiceCategory.objects.filter(name=name).order_by("created_at").first()
            if cat is None:
                cat = ServiceCategory.objects.create(id=cat_id, name=name,
                                                     description=description, icon=icon)
            categories.append(cat)

        self.services = Service.objects.bulk_create([
            Service(id=self.ids.uuid(), salon=salon, category=categories[c], name=name,
                    description=desc, price=Decimal(price).quantize(Decimal("0.01")),
                    duration=minutes, is_active=active)
            for c, name, desc, price, minutes, _weight, active in SERVICES])
        self.n_services = len(self.services)

        self.employees = []
        links = []
        for name, position, bio, trades in EMPLOYEES:
            first = ascii_fold(name.split()[0])
            emp = SalonEmployee(id=self.ids.uuid(), salon=salon, name=name, position=position,
                                bio=bio, email="%s@modaguzellik.com.tr" % first,
                                phone="+905%02d%07d" % (30 + rng.randrange(25),
                                                        rng.randrange(10 ** 7)))
            self.employees.append((emp, [s for s in trades if SERVICES[s][6]]))
            links += [ServiceEmployee(service=self.services[s], employee=emp) for s in trades]
        SalonEmployee.objects.bulk_create([e for e, _ in self.employees])
        ServiceEmployee.objects.bulk_create(links)
        self.n_employees = len(self.employees)
        return salon

    # -- customers and their history before the bookings ---------------------

    def make_customers(self):
        rng = self.rng["customers"]
        pts = self.rng["points"]
        users, customers, history = [], [], []
        phones = set()
        window_start = self.today - timedelta(days=self.days_before)
        for i in range(self.n_customers):
            male = rng.random() < 0.25
            first = rng.choice(MALE_NAMES if male else FEMALE_NAMES)
            last = rng.choice(LAST_NAMES)
            while True:
                phone = "+90%s%07d" % (rng.choice(MOBILE_PREFIXES), rng.randrange(10 ** 7))
                if phone not in phones:
                    phones.add(phone)
                    break
            joined = window_start - timedelta(days=rng.randrange(1, 3 * HISTORY_DAYS))
            user = User(username="musteri-%d-%04d" % (self.seed, i), first_name=first,
                        last_name=last, email="%s.%s%d@example.com"
                        % (ascii_fold(first), ascii_fold(last), i),
                        date_joined=self.at(joined, time(12)))
            user.set_unusable_password()
            users.append(user)
            c = Customer(id=self.ids.uuid(), phone=phone, gender="male" if male else "female",
                         city="İstanbul", district=rng.choice(DISTRICTS),
                         birth_date=date(1960 + rng.randrange(46), 1 + rng.randrange(12),
                                         1 + rng.randrange(28)))
            c.joined = joined
            self._prior_loyalty(c, pts, joined, window_start, history)
            customers.append(c)

        User.objects.bulk_create(users)
        # bulk_create gives PostgreSQL's ids back; link the profiles to them.
        for u, c in zip(users, customers):
            c.user = u
        self._save_customers(customers, history)
        return customers

    def _prior_loyalty(self, c, rng, joined, window_start, history):
        """Visits before the appointments' window: a level drawn 40/30/20/10
        over bronze..platinum, as the kiosk's demo does, and the point history
        that adds up to it."""
        level = rng.choices([0, 1, 2, 3], weights=[40, 30, 20, 10])[0]
        bounds = [(0, 200), (200, 500), (500, 1000), (1000, 6000)][level]
        c.total_spent = Decimal(0)
        c.total_points = c.current_points = c.total_visits = 0
        if level == 0 and rng.random() < 0.3:
            return  # new: nothing yet
        spent = bounds[0] + 50 * rng.randrange((bounds[1] - bounds[0]) // 50)
        if spent == 0:
            return
        visits = max(1, spent // (350 + 50 * rng.randrange(6)))
        span = max(1, (window_start - joined).days)
        left = spent
        for v in range(visits):
            amount = left if v == visits - 1 else (left // (visits - v)) // 50 * 50
            left -= amount
            day = joined + timedelta(days=span * v // visits + rng.randrange(max(1, span // visits)))
            self._earn(c, Decimal(amount), self.at(day, time(10 + rng.randrange(9),
                                                            rng.choice([0, 15, 30, 45]))),
                       history)
        if c.current_points >= 50 and rng.random() < 0.35:
            used = 50 * (1 + rng.randrange(c.current_points // 50))
            self._redeem(c, used, self.at(window_start - timedelta(days=1 + rng.randrange(7)),
                                          time(15, 30)), history)

    def _earn(self, c, amount, when, history):
        pts = points_for(amount)
        c.total_spent += amount
        c.total_visits += 1
        c.total_points += pts
        c.current_points += pts
        if pts:
            history.append(self._entry(c, pts, EARN_REASON, when))

    def _redeem(self, c, used, when, history):
        c.current_points -= used
        history.append(self._entry(c, -used, REDEEM_REASON, when))

    def _entry(self, c, points, reason, when):
        entry = PointHistory(id=self.ids.uuid(), customer=c, points=points, reason=reason)
        entry.at = when  # bulk_create's auto_now_add overrides created_at
        return entry

    @staticmethod
    def _save_history(history):
        PointHistory.objects.bulk_create(history)
        for h in history:
            h.created_at = h.at
        PointHistory.objects.bulk_update(history, ["created_at"])

    def _save_customers(self, customers, history):
        for c in customers:
            c.loyalty_level = loyalty_level_for(c.total_spent)
        Customer.objects.bulk_create(customers)
        # auto_now_add stamped them now; give them their days back.
        for c in customers:
            c.created_at = self.at(c.joined, time(12))
        Customer.objects.bulk_update(customers, ["created_at"])
        self._save_history(history)

    # -- appointments ----------------------------------------------------------

    def make_appointments(self, salon, customers):
        rng = self.rng["appointments"]
        regulars = list(customers)
        appts, history = [], []
        first_day = self.today - timedelta(days=self.days_before)
        n_days = self.days_before + self.days_ahead
        for k in range(n_days):
            day = first_day + timedelta(days=k)
            hours = HOURS[day.weekday()]
            if hours is None:
                continue
            ahead = (day - self.today).days
            # Full in the past, thinner the further ahead a day is.
            busy = 0.85 if ahead < 0 else max(0.25, 0.8 - 0.08 * ahead)
            for emp, trades in self.employees:
                t = datetime.combine(day, hours[0])
                close = datetime.combine(day, hours[1])
                while True:
                    t += timedelta(minutes=15 * rng.choice([0, 0, 1, 2, 4]))
                    s = rng.choices(trades, weights=[SERVICES[i][5] for i in trades])[0]
                    service = self.services[s]
                    end = t + timedelta(minutes=service.duration)
                    if end > close:
                        break
                    if rng.random() < busy:
                        appts.append(self._appointment(salon, rng, regulars, emp, service, day,
                                                       t.time(), end.time(), ahead, history))
                    t = end
        Appointment.objects.bulk_create(appts)
        for a in appts:
            a.created_at = a.booked_at
            a.updated_at = a.changed_at
        Appointment.objects.bulk_update(appts, ["created_at", "updated_at"])
        self.n_appointments = len(appts)

        # The window's completed visits moved the customers on.
        for c in customers:
            c.loyalty_level = loyalty_level_for(c.total_spent)
        Customer.objects.bulk_update(customers, ["total_spent", "total_visits", "total_points",
                                                 "current_points", "loyalty_level"])
        self._save_history(history)
        self._reviews(salon, [a for a in appts if a.status == "completed"])

    def _appointment(self, salon, rng, customers, emp, service, day, start, end, ahead, history):
        customer = rng.choice(customers)
        # Booked by yesterday at the latest, so no row is stamped after the
        # moment the seed runs when --today is the real today.
        lead = rng.randrange(1, 15)
        booked_day = min(day - timedelta(days=lead), self.today - timedelta(days=1))
        booked = self.at(booked_day, time(9 + rng.randrange(11), rng.randrange(60)))
        a = Appointment(id=self.ids.uuid(), customer=customer, salon=salon, service=service,
                        employee=emp, appointment_date=day, appointment_time=start,
                        end_time=end, price=service.price,
                        notes=rng.choice(NOTES) if rng.random() < 0.1 else "")
        a.booked_at = a.changed_at = booked
        finished = self.at(day, end)
        if ahead < 0:
            roll = rng.random()
            if roll < 0.84:
                a.status = "completed"
                a.confirmed_at = booked
                a.completed_at = a.changed_at = finished
                self._earn(customer, service.price, finished, history)
            elif roll < 0.92:
                a.status = "cancelled"
                a.changed_at = booked + (self.at(day, start) - booked) / 2
            else:
                a.status = "no_show"
                a.confirmed_at = booked
                a.changed_at = finished
        else:
            if rng.random() < 0.7:
                a.status = "confirmed"
                a.confirmed_at = booked
            else:
                a.status = "pending"
        return a

    def _reviews(self, salon, completed):
        rng = self.rng["appointments"]
        chosen = [a for a in completed if rng.random() < 0.15]
        reviews = [AppointmentReview(id=self.ids.uuid(), appointment=a, customer=a.customer,
                                     salon=salon, rating=rng.choices([5, 4, 3], [70, 25, 5])[0],
                                     comment=rng.choice(REVIEW_COMMENTS))
                   for a in chosen]
        AppointmentReview.objects.bulk_create(reviews)
        if reviews:
            salon.total_reviews = len(reviews)
            salon.rating = (Decimal(sum(r.rating for r in reviews)) / len(reviews)).quantize(
                Decimal("0.01"))
            salon.save(update_fields=["rating", "total_reviews"])
