"""Numbers as people write them."""

from decimal import Decimal as D

import pytest

from engine import numbers


@pytest.mark.parametrize(
    ("amount", "text"),
    [("720", "$720"), ("1625", "$1,625"), ("905", "$905"), ("24", "$24.00"), ("0.72", "$0.72"),
     ("0.00072", "$0.00072"), ("0.001625", "$0.001625"), ("54.1666666", "$54.17")],
)
def test_usd(amount, text):
    assert numbers.usd(D(amount)) == text


def test_unknown_is_said_as_unknown():
    assert numbers.usd(None) == "unknown"
    assert numbers.price(None) == "unknown"
    assert numbers.tokens(None) == "unknown"


@pytest.mark.parametrize(("price", "text"), [("0.4", "$0.40/1M"), ("1.25", "$1.25/1M"), ("2.5", "$2.50/1M"), ("0.075", "$0.075/1M")])
def test_price(price, text):
    assert numbers.price(D(price)) == text


def test_cents_round_half_to_even():
    assert numbers.cents(D("0.865")) == "$0.86"
    assert numbers.cents(D("0.875")) == "$0.88"


def test_tokens_short_unless_it_matters():
    assert numbers.tokens(1_047_576) == "1M"
    assert numbers.tokens(128_000) == "128K"
    assert numbers.token_row([1_047_576, 1_000_000]) == ["1.05M", "1M"]
    assert numbers.token_row([1_047_576, 2_000_000]) == ["1M", "2M"]
    assert numbers.token_row([1_000_000, 1_000_000, None]) == ["1M", "1M", "unknown"]


def test_percent_and_times_both_ways():
    low, high = D("0.40"), D("1.25")
    assert numbers.percent((high - low) / high) == "68%"
    assert numbers.times(high / low) == "3.1 times"
    assert numbers.percent(D("0.004")) == "0.4%"
    assert numbers.times(D(2)) == "2 times"


def test_points():
    assert numbers.points(D("76.7") - D("23.6")) == "53.1"


def test_a_share_that_is_not_all_never_reads_100_percent():
    # $52 against $30,750 a month is 99.8% less, not "100% less" (that would be free).
    assert numbers.percent((D(30750) - D(52)) / D(30750)) == "99.8%"
    assert numbers.percent(D("0.997")) == "99.7%"
    assert numbers.percent(D("0.99996")) == "over 99.9%"
    assert numbers.percent(D("0.994")) == "99%"
    assert numbers.percent(D(1)) == "100%"


def test_a_share_that_is_not_none_never_reads_0_percent():
    assert numbers.percent(D("0.0004")) == "under 0.1%"
    assert numbers.percent(D(0)) == "0%"


# --- reading numbers people typed -----------------------------------------------------------------

import pytest  # noqa: E402

from engine.numbers import MAX_REQUESTS, read_count, read_share  # noqa: E402


@pytest.mark.parametrize(
    ("text", "value"),
    [("800", 800), ("1,000,000", 1_000_000), ("50k", 50_000), ("2.5M", 2_500_000), ("3 million", 3_000_000), ("0", 0),
     (" 1_000 ", 1_000), ("1.5 thousand", 1_500)],
)
def test_read_count(text, value):
    assert read_count(text) == value


@pytest.mark.parametrize("text", ["NaN", "inf", "1e308", "-5", "2.5", "", "ten", "0x10", "1" * 400])
def test_read_count_refuses_what_it_cannot_hold_in_one_line(text):
    with pytest.raises(ValueError) as raised:
        read_count(text, "requests", MAX_REQUESTS)
    message = str(raised.value)
    assert message.startswith("requests must be ") and "\n" not in message and len(message) < 120


@pytest.mark.parametrize(("text", "value"), [("0.3", "0.3"), ("30%", "0.3"), ("1", "1"), ("0", "0")])
def test_read_share(text, value):
    assert str(read_share(text).normalize()) == str(__import__("decimal").Decimal(value).normalize())


@pytest.mark.parametrize("text", ["NaN", "inf", "-inf", "1e308", "1.5", "-0.1", "150%", "a", "1e999999999%"])
def test_read_share_refuses_in_one_line(text):
    with pytest.raises(ValueError, match="must be a number from 0 to 1"):
        read_share(text, "--cached")
