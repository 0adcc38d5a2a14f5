"""Synthetic demo data: made-up people who are clearly not real.

Every demo person is marked synthetic, has checksum-valid personnummer, an
`example.com` e-mail address and a phone number from the range the Swedish
telecom regulator (PTS) reserves for fiction: 070-174 06 05 – 070-174 06 99.
The same generator feeds the benchmarks and the tests' CSV files.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from population.personnummer import luhn_check_digit

FIRST_NAMES_F = [
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kerstin", "Ingrid", "Linnea", "Malin", "Sofia",
    "Johanna", "Elin", "Hanna", "Ida", "Amira", "Fatima", "Leila", "Aino", "Helmi", "Marta", "Birgitta", "Camilla",
]
FIRST_NAMES_M = [
    "Lars", "Anders", "Johan", "Per", "Erik", "Karl", "Mikael", "Peter", "Jan", "Fredrik", "Daniel", "Magnus",
    "Mattias", "Henrik", "Jonas", "Niklas", "Ahmed", "Omar", "Yusuf", "Matti", "Juhani", "Tomasz", "Goran", "Stefan",
]
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
    "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Lindberg", "Lindqvist", "Berg",
    "Ali", "Hassan", "Mohamed", "Virtanen", "Korhonen", "Nowak", "Kovac", "Lindgren", "Sandberg", "Holm",
]
STREETS = ["Exempelgatan", "Testvägen", "Påhittade gränd", "Fiktiva allén", "Demostigen", "Provgatan"]
AREAS = [f"0580{c}{n:04d}" for c in "ABC" for n in range(1010, 1080, 10)]
FICTION_PHONES = [f"+4670174{n:04d}" for n in range(605, 700)]  # 070-174 06 05 … 070-174 06 99


@dataclass(frozen=True)
class DemoPerson:
    personnummer: str
    first_name: str
    last_name: str
    birth_date: dt.date
    sex: str
    street_address: str
    postal_code: str
    postal_town: str
    phone: str
    email: str
    eservice_status: str
    notification: str
    protected_identity: bool
    preferred_language: str
    area_code: str


def synthetic_personnummer(rng: random.Random, birth_date: dt.date, sex: str) -> str:
    serial = rng.randrange(0, 100)
    gender_digit = rng.choice([1, 3, 5, 7, 9] if sex == "male" else [0, 2, 4, 6, 8])
    first_nine = f"{birth_date:%y%m%d}{serial:02d}{gender_digit}"
    return f"{birth_date:%Y}{first_nine[2:]}{luhn_check_digit(first_nine)}"


def _reachability(rng: random.Random) -> tuple[str, str]:
    """About 70 % active with notification, 10 % never logged in, 3 % locked, 10 % notification missing."""
    r = rng.random()
    if r < 0.10:
        return "never_logged_in", ""
    if r < 0.13:
        return "locked", ""
    if r < 0.23:
        return "active", ""
    return "active", rng.choice(["email", "sms", "email_sms"])


def demo_people(
    *, count: int, year: int, ages: list[int], seed: int = 2026, postal_town: str = "Exempelby"
) -> Iterator[DemoPerson]:
    """`count` distinct synthetic people turning one of `ages` in `year`."""
    rng = random.Random(seed)
    seen: set[str] = set()
    while len(seen) < count:
        age = rng.choice(ages)
        birth = dt.date(year - age, 1, 1) + dt.timedelta(days=rng.randrange(0, 365))
        sex = rng.choice(["male", "female"])
        number = synthetic_personnummer(rng, birth, sex)
        if number in seen:
            continue
        seen.add(number)
        first = rng.choice(FIRST_NAMES_M if sex == "male" else FIRST_NAMES_F)
        last = rng.choice(LAST_NAMES)
        eservice, notification = _reachability(rng)
        has_phone = rng.random() >= 0.05
        language = rng.choices(["", "en", "ar", "fi", "so"], weights=[90, 4, 4, 1, 1])[0]
        yield DemoPerson(
            personnummer=number,
            first_name=first,
            last_name=last,
            birth_date=birth,
            sex=sex,
            street_address=f"{rng.choice(STREETS)} {rng.randrange(1, 120)}",
            postal_code=f"{rng.randrange(100, 999)}{rng.randrange(10, 99)}",
            postal_town=postal_town,
            phone=rng.choice(FICTION_PHONES) if has_phone else "",
            email=f"{first}.{last}.{len(seen)}@example.com".lower().replace("å", "a").replace("ä", "a")
            .replace("ö", "o"),
            eservice_status=eservice,
            notification=notification,
            protected_identity=rng.random() < 0.01,
            preferred_language=language,
            area_code=rng.choice(AREAS),
        )


CSV_HEADER = [
    "personnummer", "fornamn", "efternamn", "utdelningsadress", "postnummer", "postort", "telefon", "epost",
    "e_tjanst", "avisering", "skyddad_identitet", "avliden", "sprak", "omrade",
]
_ESERVICE_CSV = {"active": "aktiv", "never_logged_in": "aldrig_inloggad", "locked": "last", "": ""}
_NOTIFICATION_CSV = {"email": "epost", "sms": "sms", "email_sms": "epost+sms", "": ""}


def demo_csv_row(p: DemoPerson) -> list[str]:
    """The person as a row of the population list file (the format the import reads)."""
    phone = "0" + p.phone[3:] if p.phone.startswith("+46") else p.phone
    return [
        p.personnummer[:8] + "-" + p.personnummer[8:], p.first_name, p.last_name,
        "" if p.protected_identity else p.street_address, "" if p.protected_identity else p.postal_code,
        "" if p.protected_identity else p.postal_town, phone, p.email, _ESERVICE_CSV[p.eservice_status],
        _NOTIFICATION_CSV[p.notification], "ja" if p.protected_identity else "nej", "nej", p.preferred_language,
        p.area_code,
    ]
