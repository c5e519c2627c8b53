# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 Salonity Kiosk developers
"""Seeds the load benchmark's salons into the host database and prints, as
one JSON document on stdout, what the simulated kiosks need to know.

    DJANGO_SETTINGS_MODULE=host.settings python3 seed_salons.py --salons 400 --kiosks 1000

Every row goes in through the ORM's bulk_create, so the feed's triggers
(migration 0002) fill each salon's change log as they would in production.
Per salon: hours (Sunday closed), six services in four shared categories
(categories are global upstream), four employees, customers with a point
history (a few of them also seen by the next salon, so a customer change
fans out to two feeds), and appointments from twenty days ago to ten days
ahead, some of them today and confirmed (the desk's check-in targets).

Devices are made directly (a token and its SHA-256, as enrollment makes
them): enrolling 1 000 kiosks through POST devices/ would only measure the
enrollment throttle. Each kiosk starts with the live cursor at its salon's
latest change, the state of a kiosk that has taken its snapshot.
"""

import argparse
import json
import os
import random
import sys
import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.dirname(HERE)
sys.path[:0] = [os.path.join(SERVER, "tests"), SERVER]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "host.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from appointments.models import Appointment  # noqa: E402
from customers.models import Customer, PointHistory, loyalty_level_for  # noqa: E402
from salonity_kiosk import entities, feed  # noqa: E402
from salonity_kiosk.authentication import new_token, token_hash  # noqa: E402
from salonity_kiosk.models import Device  # noqa: E402
from salons.models import Salon, SalonEmployee, SalonWorkingHours  # noqa: E402
from services.models import Service, ServiceCategory, ServiceEmployee  # noqa: E402

FIRST = ["Ayşe", "Fatma", "Zeynep", "Elif", "Merve", "Selin", "Derya", "Ebru", "Gül", "Şule",
         "Mehmet", "Mustafa", "Ahmet", "Emre", "Can", "Burak", "Oğuz", "Kerem", "Deniz", "İpek"]
LAST = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Özdemir",
        "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek"]
CITIES = [("İstanbul", "Kadıköy"), ("İstanbul", "Beşiktaş"), ("İstanbul", "Üsküdar"),
          ("Ankara", "Çankaya"), ("İzmir", "Karşıyaka"), ("Bursa", "Nilüfer"), ("Antalya", "Muratpaşa")]
CATEGORIES = [("Saç", "scissors"), ("Renk", "palette"), ("Bakım", "spa"), ("Tırnak", "hand")]
# (name, category index, price, minutes)
SERVICES = [("Kadın saç kesimi", 0, "350.00", 45), ("Erkek saç kesimi", 0, "200.00", 30),
            ("Fön", 0, "150.00", 30), ("Dip boya", 1, "750.00", 90),
            ("Cilt bakımı", 2, "600.00", 60), ("Manikür", 3, "250.00", 45)]
STAFF = [("Ayten", "Kuaför"), ("Gökhan", "Berber"), ("Nur", "Renk uzmanı"), ("Sibel", "Estetisyen")]
# Who does what, by index into SERVICES.
SKILLS = [[0, 2, 3], [1, 2], [0, 2, 3], [4, 5]]
OPEN, CLOSE = time(9), time(20)
SATURDAY_CLOSE = time(18)


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--salons", type=int, default=400)
    ap.add_argument("--kiosks", type=int, default=1000)
    ap.add_argument("--customers", type=int, default=30, help="per salon")
    ap.add_argument("--appointments", type=int, default=40, help="per salon")
    ap.add_argument("--seed", type=int, default=2026)
    return ap.parse_args()


def hours_of(day):
    wd = day.weekday()
    if wd == 6:
        return None
    return OPEN, SATURDAY_CLOSE if wd == 5 else CLOSE


def minutes(t):
    return t.hour * 60 + t.minute


def seed(args):
    rnd = random.Random(args.seed)
    tz = entities.salon_timezone(None)  # every bench salon keeps the default, Istanbul
    today = timezone.now().astimezone(tz).date()
    now = timezone.now()
    tag = uuid.UUID(int=rnd.getrandbits(128)).hex[:8]

    cats = [ServiceCategory(id=uuid.UUID(int=rnd.getrandbits(128), version=4), name=n, icon=i,
                            description="")
            for n, i in CATEGORIES]
    ServiceCategory.objects.bulk_create(cats)

    owners = [User(username="bench-owner-%s-%d" % (tag, i), password="!") for i in range(args.salons)]
    User.objects.bulk_create(owners)
    owners = list(User.objects.filter(username__startswith="bench-owner-%s-" % tag).order_by("id"))

    salons, hours, services, employees, links = [], [], [], [], []
    per_salon = []
    for i, owner in enumerate(owners):
        city, district = CITIES[i % len(CITIES)]
        salon = Salon(id=uuid.UUID(int=rnd.getrandbits(128), version=4), owner=owner,
                      name="%s %s Kuaför" % (rnd.choice(FIRST), district), salon_type="kuafor",
                      description="Yük testi salonu", address="%s Cad. No: %d" % (district, i + 1),
                      city=city, district=district, phone="+90216%07d" % (3000000 + i),
                      opening_time=OPEN, closing_time=CLOSE, is_active=True)
        salons.append(salon)
        for d in range(7):
            h = hours_of(today + timedelta(days=(d - today.weekday()) % 7))
            hours.append(SalonWorkingHours(salon=salon, day_of_week=d,
                                           opening_time=h[0] if h else OPEN,
                                           closing_time=h[1] if h else CLOSE, is_closed=h is None))
        svc = []
        for name, cat, price, mins in SERVICES:
            s = Service(id=uuid.UUID(int=rnd.getrandbits(128), version=4), salon=salon,
                        category=cats[cat], name=name, price=Decimal(price), duration=mins)
            services.append(s)
            svc.append(s)
        emp = []
        for k, (name, position) in enumerate(STAFF):
            e = SalonEmployee(id=uuid.UUID(int=rnd.getrandbits(128), version=4), salon=salon,
                              name=name, position=position)
            employees.append(e)
            emp.append(e)
            for j in SKILLS[k]:
                links.append(ServiceEmployee(service=svc[j], employee=e))
        per_salon.append({"salon": salon, "services": svc, "employees": emp, "customers": []})

    Salon.objects.bulk_create(salons)
    SalonWorkingHours.objects.bulk_create(hours)
    Service.objects.bulk_create(services)
    SalonEmployee.objects.bulk_create(employees)
    ServiceEmployee.objects.bulk_create(links)

    # Customers: global upstream; each salon has its own, and the first two of
    # each salon are also seen by the next one (fan-out of a customer change).
    users, customers = [], []
    n = 0
    for ps in per_salon:
        for _ in range(args.customers):
            n += 1
            users.append(User(username="bench-%s-c%d" % (tag, n), password="!",
                              first_name=rnd.choice(FIRST), last_name=rnd.choice(LAST)))
    User.objects.bulk_create(users)
    users = list(User.objects.filter(username__startswith="bench-%s-c" % tag).order_by("id"))
    k = 0
    points = []
    for ps in per_salon:
        for _ in range(args.customers):
            u = users[k]
            k += 1
            spent = Decimal(rnd.choice([0, 150, 350, 700, 1200]))
            earned = int(spent // 10)
            used = rnd.choice([0, 0, earned // 2])
            c = Customer(id=uuid.UUID(int=rnd.getrandbits(128), version=4), user=u,
                         phone="+9053%08d" % (k + args.seed % 1000 * 100000),
                         loyalty_level=loyalty_level_for(spent), total_points=earned,
                         current_points=earned - used, total_spent=spent,
                         total_visits=int(spent // 150))
            customers.append(c)
            ps["customers"].append(c)
            if earned:
                points.append(PointHistory(id=uuid.UUID(int=rnd.getrandbits(128), version=4),
                                           customer=c, points=earned, reason="Ziyaretler"))
            if used:
                points.append(PointHistory(id=uuid.UUID(int=rnd.getrandbits(128), version=4),
                                           customer=c, points=-used, reason="Kullanılan puan"))
    Customer.objects.bulk_create(customers)
    PointHistory.objects.bulk_create(points)

    # Appointments, per employee without overlaps: past ones completed or
    # cancelled, today's and later ones confirmed.
    appts = []
    for idx, ps in enumerate(per_salon):
        shared = per_salon[(idx + 1) % len(per_salon)]["customers"][:2]
        pool = ps["customers"] + shared
        taken = {}
        made = 0
        tries = 0
        ps["today"] = []
        while made < args.appointments and tries < args.appointments * 20:
            tries += 1
            if made < 6:
                day = today  # the desk's targets for check-ins and status changes
            else:
                day = today + timedelta(days=rnd.randint(-20, 10))
            h = hours_of(day)
            if h is None:
                continue
            j = rnd.randrange(len(SERVICES))
            svc = ps["services"][j]
            able = [e for e, skills in zip(ps["employees"], SKILLS) if j in skills]
            emp = rnd.choice(able)
            start = rnd.randrange(minutes(h[0]), minutes(h[1]) - svc.duration + 1, 15)
            end = start + svc.duration
            busy = taken.setdefault((emp.id, day), [])
            if any(s < end and start < e for s, e in busy):
                continue
            busy.append((start, end))
            status = "confirmed" if day >= today else rnd.choice(["completed"] * 4 + ["cancelled", "no_show"])
            a = Appointment(id=uuid.UUID(int=rnd.getrandbits(128), version=4),
                            customer=pool[made % len(pool)], salon=ps["salon"], service=svc,
                            employee=emp, appointment_date=day,
                            appointment_time=time(start // 60, start % 60),
                            end_time=time(end // 60, end % 60), status=status, price=svc.price,
                            confirmed_at=now)
            appts.append(a)
            made += 1
            if day == today:
                ps["today"].append(a)
    Appointment.objects.bulk_create(appts, batch_size=2000)

    # Kiosks: spread over the salons, one to four each (most have two or three).
    devices = []
    owners_of = []
    for i in range(args.kiosks):
        ps = per_salon[i % len(per_salon)] if i < 2 * len(per_salon) else rnd.choice(per_salon)
        token = new_token()
        d = Device(id=uuid.UUID(int=rnd.getrandbits(128), version=4), salon=ps["salon"],
                   name="Ön masa %d" % (i + 1), token_hash=token_hash(token))
        devices.append(d)
        owners_of.append((ps, d, token))
    Device.objects.bulk_create(devices)

    out = {"today": today.isoformat(), "salons": [], "categories": [str(c.id) for c in cats]}
    by_salon = {}
    for ps in per_salon:
        sid = ps["salon"].id
        feed.ensure_started(sid)
        entry = {
            "id": str(sid),
            "cursor": feed.current_cursor(sid),
            "services": [{"id": str(s.id), "duration": s.duration,
                          "employees": [str(e.id) for e, sk in zip(ps["employees"], SKILLS)
                                        if j in sk]}
                         for j, s in enumerate(ps["services"])],
            "employees": [str(e.id) for e in ps["employees"]],
            "customers": [{"id": str(c.id), "points": c.current_points} for c in ps["customers"]],
            "today": [{"id": str(a.id), "customer": str(a.customer_id)} for a in ps["today"]],
            "kiosks": [],
        }
        by_salon[sid] = entry
        out["salons"].append(entry)
    for ps, d, token in owners_of:
        by_salon[ps["salon"].id]["kiosks"].append({"device": str(d.id), "token": token})
    out["salons"] = [s for s in out["salons"] if s["kiosks"]]
    return out


def main():
    args = parse_args()
    t0 = datetime.now()
    with transaction.atomic():
        out = seed(args)
    out["seconds"] = (datetime.now() - t0).total_seconds()
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
