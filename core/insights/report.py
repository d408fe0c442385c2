"""The insight message: a chat's numbers in its own language, with a chart of the week.

The daily message speaks about yesterday (and compares it with the day before); the
on-demand one (`/insights`) about today so far. Both list each event, the next posts,
and what stands in the way of complete numbers (an expired token, a slowed account,
deleted posts), each problem on its own line with what to do about it, so one failing
source never keeps the rest from being told.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from core import i18n
from core.campaigns.labels import post_label, when_label
from core.insights.figures import Figures, Placement, gather, gather_many
from renderers.chart import MAX_SERIES, ChartSpec, Panel, Series, render_chart
from storage.models import Workspace

RECENT = timedelta(days=30)
SOON = timedelta(days=7)
NEXT_POSTS = 3

Translate = Callable[..., str]


@dataclass(frozen=True)
class InsightReport:
    text: str
    chart: bytes
    alt_text: str


def has_something_to_say(figures: Figures, now: datetime) -> bool:
    """A post published in the last 30 days, or one scheduled in the next 7."""
    recent = any(p.due_at >= now - RECENT for p in figures.published)
    soon = any(p.due_at <= now + SOON for p in figures.upcoming)
    return recent or soon


async def daily_reports(
    session: AsyncSession, workspaces: Sequence[Workspace], *, now: datetime
) -> dict[int, InsightReport | None]:
    """Yesterday's message of each chat; None for a chat with nothing recent or coming."""
    chats = [
        (w, now.astimezone(ZoneInfo(w.timezone)).date() - timedelta(days=1)) for w in workspaces
    ]
    figures = await gather_many(session, chats, now=now)
    return {
        workspace_id: compose(found, now=now, daily=True)
        if has_something_to_say(found, now)
        else None
        for workspace_id, found in figures.items()
    }


async def on_demand_report(
    session: AsyncSession, workspace: Workspace, *, now: datetime, event_id: int | None = None
) -> InsightReport:
    """Today so far, for `/insights` (one event with `/insights <event>`)."""
    today = now.astimezone(ZoneInfo(workspace.timezone)).date()
    figures = await gather(session, workspace, last_day=today, now=now, event_id=event_id)
    return compose(figures, now=now, daily=False)


def compose(figures: Figures, *, now: datetime, daily: bool) -> InsightReport:
    workspace = figures.workspace
    locale = workspace.locale
    zone = ZoneInfo(workspace.timezone)

    def t(key: str, /, **params: object) -> str:
        return i18n.text(key, locale, **params)

    lines: list[str] = []
    if daily:
        lines.append(t("insights.daily_title", date=_day(figures.days[-1], locale)))
    elif len({p.event_id for p in figures.published + figures.upcoming}) == 1:
        event = (figures.published + figures.upcoming)[0].event_title
        lines.append(t("insights.event_title", event=event))
    else:
        lines.append(t("insights.now_title", time=f"{now.astimezone(zone):%H:%M}"))
    if not figures.published:
        lines.append(t("insights.nothing_yet"))
    else:
        lines += _totals(figures, t, daily=daily)
        lines += _followers(figures, t)
        lines += ["", t("insights.events_heading"), *_events(figures, t)]
        best = _best_post(figures, t, zone, locale) if daily else None
        if best:
            lines += ["", best]
    lines += ["", *_next_posts(figures, t, zone, locale)]
    problems = _problems(figures, t)
    if problems:
        lines += ["", *problems]
    chart = render_chart(_chart_spec(figures, t, locale))
    return InsightReport("\n".join(lines).strip(), chart, t("insights.chart_alt"))


# -- lines ------------------------------------------------------------------------------------


def _totals(figures: Figures, t: Translate, *, daily: bool) -> list[str]:
    reach = _day_totals(figures, figures.reach)
    interactions = _day_totals(figures, figures.interactions)
    if daily:
        return [
            t(
                "insights.totals_yesterday",
                reach=_count(reach[-1], t),
                reach_change=_change(reach[-2], reach[-1], t),
                interactions=_count(interactions[-1], t),
                interactions_change=_change(interactions[-2], interactions[-1], t),
            )
        ]
    return [
        t(
            "insights.totals_today",
            reach=_count(reach[-1], t),
            interactions=_count(interactions[-1], t),
            yesterday_reach=_count(reach[-2], t),
        )
    ]


def _followers(figures: Figures, t: Translate) -> list[str]:
    lines = []
    for name, before, after in figures.followers.values():
        if after is None:
            continue
        account = name.removeprefix("Instagram ").strip()
        change = "" if before is None else " " + _signed(after - before)
        line = t("insights.followers", account=account, followers=f"{after:,}", change=change)
        lines.append(line.rstrip())
    return lines


def _events(figures: Figures, t: Translate) -> list[str]:
    by_event: dict[int, list[Placement]] = defaultdict(list)
    for placement in figures.published:
        by_event[placement.event_id].append(placement)
    lines = []
    for placements in by_event.values():
        reach = _sum(figures.latest(figures.reach, p.delivery_id) for p in placements)
        interactions = _sum(figures.latest(figures.interactions, p.delivery_id) for p in placements)
        line = t(
            "insights.event_line",
            event=placements[0].event_title,
            reach=_count(reach, t),
            interactions=_count(interactions, t),
            posts=len(placements),
        )
        lines.append(line + _engagement(figures, placements))
    return lines


def _engagement(figures: Figures, placements: list[Placement]) -> str:
    """RSVPs and ticket clicks, where the event's posts can have them (Telegram, Discord)."""
    found = figures.engagement.get(placements[0].event_id)
    if found is None:
        return ""
    counted = found.rsvps.going or found.rsvps.interested or found.ticket_clicks
    if not counted and all(p.target_kind == "instagram" for p in placements):
        return ""
    return i18n.text(
        "insights.event_engagement",
        figures.workspace.locale,
        going=found.rsvps.going,
        interested=found.rsvps.interested,
        clicks=found.ticket_clicks,
    )


def _best_post(figures: Figures, t: Translate, zone: ZoneInfo, locale: str) -> str | None:
    """The post that reached the most people yesterday, with its link."""
    best: tuple[int, Placement] | None = None
    for placement in figures.published:
        if placement.delivery_id in figures.deleted:
            continue
        gain = figures.gains(figures.reach, placement.delivery_id)[-1]
        if gain and (best is None or gain > best[0]):
            best = (gain, placement)
    if best is None:
        return None
    gain, placement = best
    return t(
        "insights.best_post",
        post=_post_name(placement, zone, locale),
        event=placement.event_title,
        target=placement.target_name,
        reach=f"{gain:,}",
        url=placement.url or "",
    ).rstrip()


def _next_posts(figures: Figures, t: Translate, zone: ZoneInfo, locale: str) -> list[str]:
    if not figures.upcoming:
        return [t("insights.nothing_scheduled")]
    lines = [t("insights.next_heading")]
    for placement in figures.upcoming[:NEXT_POSTS]:
        lines.append(
            t(
                "insights.next_line",
                when=when_label(placement.due_at, zone, locale),
                event=placement.event_title,
                post=_post_name(placement, zone, locale),
                target=placement.target_name,
            )
        )
    return lines


def _problems(figures: Figures, t: Translate) -> list[str]:
    lines = [t("insights.reconnect", target=target.name) for target in figures.reconnect_targets]
    lines += [t("insights.slowed", target=target.name) for target in figures.slowed_targets]
    if figures.deleted:
        lines.append(t("insights.deleted", count=len(figures.deleted)))
    if figures.telegram_targets:
        lines.append(t("insights.telegram_views"))
    return lines


# -- the chart --------------------------------------------------------------------------------


def _chart_spec(figures: Figures, t: Translate, locale: str) -> ChartSpec:
    by_event: dict[int, list[Placement]] = defaultdict(list)
    by_target: dict[int, list[Placement]] = defaultdict(list)
    for placement in figures.published:
        by_event[placement.event_id].append(placement)
        by_target[placement.target_id].append(placement)
    events = _ranked(
        [
            Series(group[0].event_title, _group_gains(figures, figures.reach, group))
            for group in by_event.values()
        ]
    )
    targets = _ranked(
        [
            Series(group[0].target_name, _group_gains(figures, figures.interactions, group))
            for group in by_target.values()
        ]
    )
    workspace = figures.workspace
    return ChartSpec(
        title=t("insights.chart_title"),
        subtitle=t(
            "insights.chart_subtitle",
            chat=workspace.title or workspace.chat_id,
            first=_day(figures.days[0], locale),
            last=_day(figures.days[-1], locale),
            zone=workspace.timezone,
        ),
        days=tuple(f"{day.month}/{day.day}" for day in figures.days),
        panels=(
            Panel(t("insights.chart_events"), events),
            Panel(t("insights.chart_targets"), targets, bars=True),
        ),
        no_data=t("insights.chart_no_data"),
    )


def _ranked(series: list[Series]) -> tuple[Series, ...]:
    """The biggest series first, as many as the chart has colours for."""
    series.sort(key=lambda s: -sum(v or 0 for v in s.values))
    return tuple(series[:MAX_SERIES])


def _group_gains(
    figures: Figures, series: dict[int, list[int | None]], group: list[Placement]
) -> tuple[int | None, ...]:
    per_delivery = [figures.gains(series, p.delivery_id) for p in group]
    return tuple(_sum(day) for day in zip(*per_delivery, strict=True))


def _day_totals(figures: Figures, series: dict[int, list[int | None]]) -> list[int | None]:
    per_delivery = [figures.gains(series, p.delivery_id) for p in figures.published]
    if not per_delivery:
        return [None] * len(figures.days)
    return [_sum(day) for day in zip(*per_delivery, strict=True)]


# -- words ------------------------------------------------------------------------------------


def _sum(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _count(value: int | None, t: Translate) -> str:
    return t("insights.no_data") if value is None else f"{value:,}"


def _change(before: int | None, after: int | None, t: Translate) -> str:
    """ " ▲12%" against the day before; empty when either day has no data."""
    if before is None or after is None:
        return ""
    if before == after:
        return " " + t("insights.change_same")
    if before == 0:
        return " " + t("insights.change_new")
    percent = round(abs(after - before) * 100 / before)
    key = "insights.change_up" if after > before else "insights.change_down"
    return " " + t(key, percent=percent)


def _signed(delta: int) -> str:
    if delta > 0:
        return f"▲{delta:,}"
    if delta < 0:
        return f"▼{-delta:,}"
    return ""


def _day(day: date, locale: str) -> str:
    return f"{day.month}월 {day.day}일" if locale == "ko" else f"{day:%b} {day.day}"


def _post_name(placement: Placement, zone: ZoneInfo, locale: str) -> str:
    return post_label(
        placement.template, placement.scheduled_at, placement.event_starts_at, zone, locale
    )
