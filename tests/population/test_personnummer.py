import datetime as dt
import random

import pytest
from stdnum.se import personnummer as stdnum_personnummer

from population.demo import synthetic_personnummer
from population.personnummer import InvalidPersonnummer, parse_personnummer

TODAY = dt.date(2026, 3, 2)


@pytest.mark.parametrize(
    "raw, number",
    [
        ("19121212-1212", "191212121212"),
        ("191212121212", "191212121212"),
        ("121212-1212", "201212121212"),  # 10 digits, within this century
        ("121212+1212", "191212121212"),  # '+' = 100 years or older
        ("760330 2386", "197603302386"),
        ("  19760330-2386 ", "197603302386"),
    ],
)
def test_accepted_forms_normalise_to_twelve_digits(raw, number):
    assert parse_personnummer(raw, today=TODAY).number == number


def test_birth_date_and_sex_come_from_the_number():
    man = parse_personnummer("19121212-1212", today=TODAY)
    assert man.birth_date == dt.date(1912, 12, 12)
    assert man.sex == "male"  # second-last digit 1 is odd
    woman = parse_personnummer("19760330-2386", today=TODAY)
    assert woman.sex == "female"


def test_coordination_number_has_sixty_added_to_the_day():
    # 1990-05-12 as a coordination number: day 72.
    first_nine = "9005722" + "38"
    from population.personnummer import luhn_check_digit

    raw = "19" + first_nine + luhn_check_digit(first_nine)
    parsed = parse_personnummer(raw, today=TODAY)
    assert parsed.is_coordination_number
    assert parsed.birth_date == dt.date(1990, 5, 12)


@pytest.mark.parametrize(
    "raw, code, words",
    [
        ("1912121212", "checksum", "check digit"),  # 10 digits read as 2019 → wrong check
        ("19121212-1213", "checksum", "check digit"),
        ("19121312-1212", "date", "date"),  # month 13
        ("19120230-1212", "date", "date"),  # 30 February
        ("1212121", "length", "7 digits"),
        ("19121212-121", "length", "11 digits"),
        ("1912121A1212", "format", "digits"),
        ("", "missing", "missing"),
    ],
)
def test_invalid_numbers_name_the_reason(raw, code, words):
    with pytest.raises(InvalidPersonnummer) as info:
        parse_personnummer(raw, today=TODAY)
    assert info.value.code == code
    assert words in str(info.value.message)


def test_agrees_with_python_stdnum_on_every_number_tried():
    """The fast Luhn check must say exactly what python-stdnum says."""
    rng = random.Random(1)
    for _ in range(20_000):
        birth = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(0, 30_000))
        number = synthetic_personnummer(rng, birth, rng.choice(["male", "female"]))
        if rng.random() < 0.5:  # break the check digit half of the time
            number = number[:-1] + str((int(number[-1]) + rng.randrange(1, 10)) % 10)
        try:
            parse_personnummer(number, today=TODAY)
            ours = True
        except InvalidPersonnummer:
            ours = False
        assert ours == stdnum_personnummer.is_valid(number), number
