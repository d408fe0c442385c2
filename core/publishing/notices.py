"""What the chat reads when a post went out, partly went out, failed, or was missed.

Built from plain values so every frontend shows the same words; buttons carry stable ids
(`pb:<delivery>:retry`, `pp:<post>:now`, `pp:<post>:skip`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from core import i18n
from core.campaigns import actions
from core.campaigns.labels import post_label, when_label
from core.conversation.messages import Choice, Notice, Output, Problem
from core.publishing.outcome import DEFERRED, PARTIAL
from storage.deliveries import FAILED, MISSED, PUBLISHED

log = logging.getLogger(__name__)
# Kinds whose lead adds something the reason cannot say: flyerbot tried several times.
_LEAD_FIRST = frozenset({"transient", "rate_limited"})


@dataclass(frozen=True)
class DeliveryLine:
    delivery_id: int
    target_name: str
    status: str
    url: str | None
    error_kind: str | None
    error_message: str | None  # English, from before reasons had catalogue keys
    error_key: str | None = None
    error_params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class PostReport:
    post_id: int
    event_title: str
    template: str
    scheduled_at: datetime
    starts_at: datetime | None
    zone: ZoneInfo
    locale: str
    deliveries: tuple[DeliveryLine, ...]


def notice_for(report: PostReport, status: str, **params: object) -> Output | None:
    """The message for `status`, or None when the chat need not hear about it."""
    locale = report.locale
    what = post_label(report.template, report.scheduled_at, report.starts_at, report.zone, locale)
    head = {"title": report.event_title, "what": what}
    done = [_ok_line(line, locale) for line in report.deliveries if line.status == PUBLISHED]
    failed = [line for line in report.deliveries if line.status == FAILED]
    if status == PUBLISHED:
        return Notice("\n".join([i18n.text("publish.published", locale, **head), *done]))
    if status in (PARTIAL, FAILED):
        lines = [*done, *(_failed_line(line, locale) for line in failed)]
        text = "\n".join([i18n.text(f"publish.{status}", locale, **head), *lines])
        retry = tuple(
            Choice(
                actions.delivery(line.delivery_id, "retry"),
                i18n.text("button.retry_target", locale, target=line.target_name),
            )
            for line in failed
        )
        return Notice(text, retry) if status == PARTIAL else Problem(text, retry)
    if status == MISSED:
        when = when_label(report.scheduled_at, report.zone, locale)
        choices = (
            Choice(actions.post(report.post_id, "now"), i18n.text("button.post_now", locale)),
            Choice(actions.post(report.post_id, "skip"), i18n.text("button.skip_post", locale)),
        )
        return Notice(i18n.text("publish.missed", locale, when=when, **head), choices)
    if status == DEFERRED:
        return Notice(i18n.text("publish.deferred", locale, **head, **params))
    return None


def reason(
    kind: str | None,
    message: str | None,
    locale: str,
    key: str | None = None,
    params: Mapping[str, object] | None = None,
) -> str:
    """Why a delivery failed, in the chat's language.

    With a catalogue key the reason speaks for itself (what happened, what to do), after
    the kind's lead only where that adds that flyerbot tried several times. Without one
    (rows recorded before keys existed) the lead comes first, then the stored words.
    """
    lead = i18n.text(f"error.{kind or 'unknown_outcome'}", locale)
    if key:
        try:
            said = i18n.text(key, locale, **dict(params or {}))
        except (KeyError, IndexError, ValueError):
            log.warning("cannot render reason %s with %s", key, sorted(params or {}))
        else:
            return f"{lead} — {said}" if kind in _LEAD_FIRST else said
    return f"{lead} — {message}" if message else lead


def _ok_line(line: DeliveryLine, locale: str) -> str:
    return i18n.text("publish.line_ok", locale, target=line.target_name, url=line.url or "✓")


def _failed_line(line: DeliveryLine, locale: str) -> str:
    why = reason(line.error_kind, line.error_message, locale, line.error_key, line.error_params)
    return i18n.text("publish.line_failed", locale, target=line.target_name, reason=why)
