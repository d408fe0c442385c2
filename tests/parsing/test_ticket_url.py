"""parse_ticket_url: http(s) links only, normalised, with https:// added to bare hosts."""

from __future__ import annotations

import pytest

from core.parsing.short_fields import parse_ticket_url
from tests.parsing.support import assert_refused


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("https://ticket.example.com/x", "https://ticket.example.com/x"),
        ("http://ticket.example.com/x?id=1#a", "http://ticket.example.com/x?id=1#a"),
        ("ticket.example.com/x", "https://ticket.example.com/x"),
        ("HTTPS://Ticket.Example.COM/Event", "https://ticket.example.com/Event"),
        ("  www.example.com  ", "https://www.example.com"),
        ("example.com:8443/x", "https://example.com:8443/x"),
        ("http://localhost:8000/t", "http://localhost:8000/t"),
        ("//tix.example.org/a", "https://tix.example.org/a"),
        ("https://티켓.한국/공연", "https://티켓.한국/공연"),
    ],
)
def test_accepts(typed: str, expected: str) -> None:
    assert parse_ticket_url(typed) == expected


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "ticket_url.invalid"),
        ("javascript:alert(1)", "ticket_url.scheme"),
        ("JavaScript://%0aalert(1)", "ticket_url.scheme"),
        ("ftp://files.example.com/x", "ticket_url.scheme"),
        ("mailto:tickets@example.com", "ticket_url.scheme"),
        ("https://example.com/my event", "ticket_url.spaces"),
        ("https://ticketshop/x", "ticket_url.host"),
        ("https://example.com@evil.example/x", "ticket_url.invalid"),
        ("https://example.com:99999/x", "ticket_url.invalid"),
        ('https://example.com/"><script>', "ticket_url.invalid"),
        ("https://example.com/" + "a" * 500, "ticket_url.too_long"),
    ],
)
def test_refuses(typed: str, key: str) -> None:
    assert_refused(lambda: parse_ticket_url(typed), key)
