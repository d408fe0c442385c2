"""parse_lineup: one act per line, times before or after the name, or none at all."""

from __future__ import annotations

from datetime import time

import pytest

from core.parsing.lineup import LineupEntry, parse_lineup
from tests.parsing.support import assert_refused


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("22:00-23:30 DJ Name", LineupEntry("DJ Name", time(22), time(23, 30))),
        ("22:00 – 23:30 DJ Name", LineupEntry("DJ Name", time(22), time(23, 30))),
        ("22:00~23:30 이름", LineupEntry("이름", time(22), time(23, 30))),
        ("22-23:30 Name", LineupEntry("Name", time(22), time(23, 30))),
        ("DJ Name 23:30", LineupEntry("DJ Name", time(23, 30))),
        ("23:30 이름", LineupEntry("이름", time(23, 30))),
        ("DJ Name 22:00-23:30", LineupEntry("DJ Name", time(22), time(23, 30))),
        ("DJ Name (22:00-23:30)", LineupEntry("DJ Name", time(22), time(23, 30))),
        ("DJ Name", LineupEntry("DJ Name")),
        ("10pm DJ Name", LineupEntry("DJ Name", time(22))),
        ("10-11:30pm DJ Name", LineupEntry("DJ Name", time(22), time(23, 30))),
        ("23시 30분 김철수", LineupEntry("김철수", time(23, 30))),
        ("- DJ A", LineupEntry("DJ A")),
        ("• 22:00 DJ B", LineupEntry("DJ B", time(22))),
        ("1. 23:00-01:00 DJ C", LineupEntry("DJ C", time(23), time(1))),
        ("２２：００ 풀와이드", LineupEntry("풀와이드", time(22))),
        ("2 Many DJs", LineupEntry("2 Many DJs")),
        ("DJ A b2b DJ B 00:30-02:00", LineupEntry("DJ A b2b DJ B", time(0, 30), time(2))),
    ],
)
def test_reads_one_line(line: str, expected: LineupEntry) -> None:
    assert parse_lineup(line) == (expected,)


def test_reads_lines_and_semicolons_skipping_dividers() -> None:
    text = "22:00 A\n\n-----\n23:30 B; C 01:00\r\n  D  "
    assert [entry.name for entry in parse_lineup(text)] == ["A", "B", "C", "D"]


def test_accepts_the_maximum() -> None:
    assert len(parse_lineup("\n".join(f"DJ {n}" for n in range(24)))) == 24


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "lineup.empty"),
        ("  \n ; \n", "lineup.empty"),
        ("DJ " + "x" * 60, "lineup.name_too_long"),
        ("\n".join(f"DJ {n}" for n in range(25)), "lineup.too_many"),
        ("25:00 DJ Late", "lineup.bad_time"),
        ("DJ Late 22:00-24:61", "lineup.bad_time"),
        ("22:00-23:00", "lineup.no_name"),
        ("DJ \x00 Null", "lineup.control_chars"),
    ],
)
def test_refuses(text: str, key: str) -> None:
    assert_refused(lambda: parse_lineup(text), key)


def test_bad_time_names_the_line() -> None:
    error = assert_refused(lambda: parse_lineup("A 22:00\n25:00 DJ Late"), "lineup.bad_time")
    assert error.params["line"] == "25:00 DJ Late"
    assert error.params["value"] == "25:00"
