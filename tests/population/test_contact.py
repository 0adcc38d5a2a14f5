import pytest

from population.contact import format_phone, normalise_email, normalise_phone, normalise_postal_code


@pytest.mark.parametrize(
    "raw, normalised",
    [
        ("070-174 06 05", "+46701740605"),
        ("0701740605", "+46701740605"),
        ("+46 70 174 06 05", "+46701740605"),
        ("0046701740605", "+46701740605"),
        ("(013) 10 00 00", "+4613100000"),
        ("", ""),
    ],
)
def test_phone_numbers_are_normalised(raw, normalised):
    assert normalise_phone(raw) == normalised


@pytest.mark.parametrize("raw", ["070-ABC", "12", "+4670174060512345678"])
def test_bad_phone_numbers_are_refused_with_the_value(raw):
    with pytest.raises(ValueError, match="Not a phone number"):
        normalise_phone(raw)


def test_mobile_numbers_are_shown_the_swedish_way():
    assert format_phone("+46701740605") == "070-174 06 05"


def test_postal_codes_and_email():
    assert normalise_postal_code("123 45") == "12345"
    with pytest.raises(ValueError):
        normalise_postal_code("1234")
    assert normalise_email(" Anna@Example.com ") == "anna@example.com"
    with pytest.raises(ValueError):
        normalise_email("not-an-address")
