"""A chat's settings: timezone, language, theme, brand colour, logo, daily insight time,
and where its reports go (on platforms where another chat can be named, see
`core.report_chats`).

They change by button (`st:<setting>[:<value>]`), by `/settings <setting> <value>`, or by
typing (or, for the logo, sending) the value after pressing the setting's button. The
setting being waited for is kept in the conversation row's data (`awaiting`), beside a
draft in progress and never instead of it. In groups only chat admins may change them:
they shape every poster the group makes.
"""

from __future__ import annotations

import re
from functools import cache
from zoneinfo import available_timezones

from core import buttons
from core.conversation.messages import (
    Action,
    Ask,
    Choice,
    Command,
    Input,
    Notice,
    Output,
    Photo,
    Problem,
    Text,
    navigation,
)
from core.conversation.pending import PendingQuestion
from core.conversation.reply import Reply
from core.conversation.turn import Turn
from core.parsing.errors import FieldError
from core.parsing.photo import PhotoLimits, check_photo
from core.parsing.short_fields import command_word
from core.permissions import Act, may
from core.report_chats import ReportChatChecks, ReportChatRefused
from renderers.spec import Theme
from storage.media import MediaStore
from storage.models import Conversation

SETTINGS = ("timezone", "language", "theme", "brand_color", "logo", "insights", "reports")
INSIGHT_TIMES = ("09:00", "10:00", "12:00", "18:00")
HERE = "here"  # the `reports` value that sends reports back to the chat itself
LANGUAGES = ("ko", "en")
THEMES = tuple(theme.value for theme in Theme if not theme.needs_photo)  # a default for any event
COMMON_TIMEZONES = (
    "Asia/Seoul",
    "Asia/Tokyo",
    "Asia/Bangkok",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "UTC",
)
_ALIASES = {
    "tz": "timezone",
    "zone": "timezone",
    "lang": "language",
    "locale": "language",
    "color": "brand_color",
    "colour": "brand_color",
    "brand": "brand_color",
    "brandcolor": "brand_color",
    "brandcolour": "brand_color",
    "insight": "insights",
    "daily": "insights",
    "report": "insights",
}
_LANGUAGE_WORDS = {
    "ko": "ko", "kr": "ko", "korean": "ko", "한국어": "ko", "한국말": "ko",
    "en": "en", "english": "en", "영어": "en",
}  # fmt: skip
_HEX_COLOR = re.compile(r"#?([0-9a-fA-F]{6})")
_CLEAR_WORDS = frozenset({"none", "clear", "remove", "off", "없음", "지우기", "삭제"})
_OFF_WORDS = _CLEAR_WORDS | {"끄기", "끔", "stop", "never"}
_TIME_OF_DAY = re.compile(r"(\d{1,2})(?:[:.시 ]\s*(\d{2}))?\s*분?")
_LOGO_KINDS = frozenset({"image/png", "image/jpeg"})


def action(setting: str, value: str | None = None) -> str:
    return buttons.SETTINGS.id(setting) if value is None else buttons.SETTINGS.id(setting, value)


QUESTION = PendingQuestion(key="awaiting", step="settings")


def awaiting(conversation: Conversation | None) -> str | None:
    """The setting this user's next message in this chat is the value of, if any."""
    value = QUESTION.awaited(conversation)
    return value if value in SETTINGS else None


class ChatSettings:
    def __init__(
        self, media: MediaStore, photo_limits: PhotoLimits, report_chats: ReportChatChecks
    ) -> None:
        self._media = media
        self._limits = photo_limits
        self._report_chats = report_chats

    async def handle(self, turn: Turn, message: Input) -> Reply:
        """/settings, a settings button, or the value typed for the setting asked for."""
        if isinstance(message, Command):
            if message.name.lower() == "cancel":  # withdraws just the setting asked for
                await _stop_awaiting(turn)
                return Reply([Notice(turn.t("settings.unchanged"))])
            return Reply(await self.command(turn, message.args))
        if isinstance(message, Action):
            return Reply(await self.press(turn, message.id))
        if isinstance(message, (Text, Photo)):
            return Reply(await self.typed(turn, message))
        return Reply()

    def asked(self, turn: Turn) -> bool:
        """Whether the sender's next message is the value of a setting."""
        return awaiting(turn.conversation) is not None

    async def forget(self, turn: Turn) -> None:
        await _stop_awaiting(turn)

    def show(self, turn: Turn, *, lead: str | None = None) -> list[Output]:
        """The current settings, with a button per setting."""
        workspace = turn.workspace
        none = turn.t("settings.none")
        summary = turn.t(
            "settings.summary",
            timezone=workspace.timezone,
            language=turn.t(f"language.{workspace.locale}"),
            theme=turn.t(f"theme.{workspace.default_theme}"),
            color=workspace.brand_color or none,
            logo=turn.t("settings.logo_set") if workspace.logo_sha256 else none,
        )
        insights = workspace.insights_time or turn.t("settings.insights_off")
        summary += "\n" + turn.t("settings.insights_line", time=insights)
        offered = [name for name in SETTINGS if name != "reports"]
        check = self._report_chats.get(turn.sender.platform)
        if check is not None:
            offered.append("reports")
            chosen = workspace.report_chat_id
            where = check.label(chosen) if chosen else turn.t("settings.reports_here")
            summary += "\n" + turn.t("settings.summary_reports", where=where)
        choices = tuple(Choice(action(name), turn.t(f"settings.button.{name}")) for name in offered)
        return [Notice(f"{lead}\n\n{summary}" if lead else summary, choices)]

    async def command(self, turn: Turn, args: str) -> list[Output]:
        """`/settings` shows them; `/settings <setting> [value]` changes or asks for one."""
        name, _, value = args.strip().partition(" ")
        if not name:
            return self.show(turn)
        setting = _setting_named(name)
        if setting is None:
            return [Problem(turn.t("settings.unknown"))]
        if not value.strip():
            return await self._ask(turn, setting)
        return await self._apply(turn, setting, value.strip())

    async def press(self, turn: Turn, action_id: str) -> list[Output]:
        setting, _, value = (buttons.rest(action_id, buttons.SETTINGS) or "").partition(":")
        if setting == "menu":
            return self.show(turn)
        if setting == "stop":
            await _stop_awaiting(turn)
            return [Notice(turn.t("settings.unchanged"))]
        if setting not in SETTINGS:
            return self.show(turn)
        if not value:
            return await self._ask(turn, setting)
        return await self._apply(turn, setting, value)

    async def typed(self, turn: Turn, message: Text | Photo) -> list[Output]:
        """The value for the setting this user was asked for."""
        setting = awaiting(turn.conversation)
        if setting is None:
            return []
        if isinstance(message, Text) and command_word(message.text) in ("cancel", "back"):
            await _stop_awaiting(turn)
            return [Notice(turn.t("settings.unchanged"))]
        if setting == "logo":
            if isinstance(message, Photo):
                return await self._logo(turn, message)
            if message.text.strip().casefold() in _CLEAR_WORDS:
                return await self._apply(turn, "logo", "clear")
            return [Problem(turn.t("settings.photo_expected"))]
        if isinstance(message, Photo):
            return [Problem(turn.t("flow.text_expected")), *self._question(turn, setting)]
        return await self._apply(turn, setting, message.text.strip())

    async def _ask(self, turn: Turn, setting: str) -> list[Output]:
        if not await _may_change(turn):
            return [Problem(turn.t("settings.admins_only"))]
        if setting == "reports" and self._report_chats.get(turn.sender.platform) is None:
            return [Problem(turn.t("settings.reports_unavailable"))]
        if setting in ("timezone", "brand_color", "logo", "insights"):
            await _start_awaiting(turn, setting)
        return self._question(turn, setting)

    def _question(self, turn: Turn, setting: str) -> list[Output]:
        options: tuple[tuple[str, str], ...] = ()
        if setting == "timezone":
            options = tuple((zone, zone) for zone in COMMON_TIMEZONES)
        elif setting == "language":
            options = tuple((code, turn.t(f"language.{code}")) for code in LANGUAGES)
        elif setting == "theme":
            options = tuple((theme, turn.t(f"theme.{theme}")) for theme in THEMES)
        elif setting in ("brand_color", "logo"):
            options = (("clear", turn.t("settings.button.clear")),)
        elif setting == "insights":
            off = ("off", turn.t("settings.insights_off"))
            options = (*((time, time) for time in INSIGHT_TIMES), off)
        elif setting == "reports":
            options = ((HERE, turn.t("settings.button.reports_here")),)
        choices = [Choice(action(setting, value), label) for value, label in options]
        choices.append(navigation(action("stop"), turn.t("button.cancel")))
        chat_menu = action(setting) if setting == "reports" else None
        return [Ask(turn.t(f"settings.ask.{setting}"), tuple(choices), chat_menu=chat_menu)]

    async def _apply(self, turn: Turn, setting: str, value: str) -> list[Output]:
        if not await _may_change(turn):
            return [Problem(turn.t("settings.admins_only"))]
        workspace = turn.workspace
        if setting == "timezone":
            zone = canonical_timezone(value)
            if zone is None:
                return [Problem(turn.t("settings.bad_timezone", value=value[:64]))]
            workspace.timezone = zone
        elif setting == "language":
            code = _LANGUAGE_WORDS.get(value.casefold())
            if code is None:
                return [_bad_choice(turn, value, LANGUAGES)]
            workspace.locale = code
        elif setting == "theme":
            if value.casefold() not in THEMES:
                return [_bad_choice(turn, value, THEMES)]
            workspace.default_theme = value.casefold()
        elif setting == "brand_color":
            if value.casefold() in _CLEAR_WORDS:
                workspace.brand_color = None
            else:
                color = parse_color(value)
                if color is None:
                    return [Problem(turn.t("settings.bad_color", value=value[:32]))]
                workspace.brand_color = color
        elif setting == "logo":
            if value.casefold() not in _CLEAR_WORDS:
                return await self._ask(turn, "logo")
            workspace.logo_sha256 = None
        elif setting == "insights":
            if value.casefold() in _OFF_WORDS:
                workspace.insights_time = None
            else:
                parsed = parse_time_of_day(value)
                if parsed is None:
                    return [Problem(turn.t("settings.bad_insights_time", value=value[:32]))]
                workspace.insights_time = parsed
        elif setting == "reports":
            refusal = await self._choose_report_chat(turn, value)
            if refusal is not None:
                return [refusal]
        await _stop_awaiting(turn)
        return self.show(turn, lead=turn.t("settings.saved"))

    async def _choose_report_chat(self, turn: Turn, value: str) -> Problem | None:
        """Reports to the chat named by `value` (`here`: this chat); a Problem if it cannot."""
        check = self._report_chats.get(turn.sender.platform)
        if check is None:
            return Problem(turn.t("settings.reports_unavailable"))
        if value.casefold() == HERE or value == turn.sender.chat_id:
            turn.workspace.report_chat_id = None
            return None
        try:
            chat_id = await check.check(turn.sender, value)
        except ReportChatRefused as refused:
            return Problem(turn.t(refused.key, **refused.params), _pick_again(turn))
        turn.workspace.report_chat_id = None if chat_id == turn.sender.chat_id else chat_id
        return None

    async def _logo(self, turn: Turn, photo: Photo) -> list[Output]:
        if not await _may_change(turn):
            return [Problem(turn.t("settings.admins_only"))]
        try:
            checked = check_photo(
                photo.data,
                photo.mime,
                max_bytes=self._limits.max_bytes,
                max_pixels=self._limits.max_pixels,
            )
        except FieldError as error:
            return [Problem(turn.t(error.key, **error.params))]
        if checked.mime not in _LOGO_KINDS:
            return [Problem(turn.t("settings.logo_format"))]
        turn.workspace.logo_sha256 = await self._media.put(
            turn.session,
            checked.data,
            mime=checked.mime,
            now=turn.now,
            width=checked.width,
            height=checked.height,
        )
        await _stop_awaiting(turn)
        return self.show(turn, lead=turn.t("settings.saved"))


def canonical_timezone(name: str) -> str | None:
    """The IANA name as zoneinfo spells it (`asia/seoul` -> `Asia/Seoul`), or None."""
    wanted = name.strip().replace(" ", "_")
    if not wanted:
        return None
    return _timezones_by_folded_name().get(wanted.casefold())


@cache
def _timezones_by_folded_name() -> dict[str, str]:
    return {zone.casefold(): zone for zone in available_timezones()}


def parse_time_of_day(text: str) -> str | None:
    """`10:00`, `9:30`, `21`, `9시 30분` -> `HH:MM`; anything else -> None."""
    match = _TIME_OF_DAY.fullmatch(text.strip())
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def parse_color(text: str) -> str | None:
    """`#ff3366`, `FF3366` -> `#FF3366`; anything else -> None."""
    match = _HEX_COLOR.fullmatch(text.strip())
    return f"#{match.group(1).upper()}" if match else None


def _setting_named(name: str) -> str | None:
    folded = name.casefold().replace("-", "_")
    folded = _ALIASES.get(folded.replace("_", ""), folded)
    return folded if folded in SETTINGS else None


def _pick_again(turn: Turn) -> tuple[Choice, ...]:
    """After a refused report chat: pick another, or leave the setting as it was."""
    return (
        Choice(action("reports"), turn.t("settings.button.reports")),
        navigation(action("stop"), turn.t("button.cancel")),
    )


def _bad_choice(turn: Turn, value: str, options: tuple[str, ...]) -> Problem:
    return Problem(turn.t("settings.bad_choice", value=value[:32], options=" · ".join(options)))


async def _may_change(turn: Turn) -> bool:
    return await may(turn.sender, Act.CHANGE_SETTINGS)


async def _start_awaiting(turn: Turn, setting: str) -> None:
    QUESTION.remember(turn, setting)


async def _stop_awaiting(turn: Turn) -> None:
    """Forget the awaited setting; a row that only existed for it goes too."""
    await QUESTION.forget(turn)
