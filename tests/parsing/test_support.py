"""The fixed clock the other tests rely on is what they think it is."""

from tests.parsing.support import NOW


def test_now_is_a_saturday() -> None:
    assert NOW.strftime("%A") == "Saturday"
