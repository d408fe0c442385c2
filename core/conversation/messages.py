"""What frontends hand to core (through ChatService), and what it hands back.

Frontends translate platform updates into these inputs and these outputs into platform
messages; a frontend that cannot show something (buttons on a terminal) degrades it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from core import buttons
from core.parsing.text import shown_name


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Photo:
    data: bytes
    mime: str | None = None


@dataclass(frozen=True)
class Action:
    """A pressed button; `id` is short and stable, e.g. `rv:42:approve`."""

    id: str


@dataclass(frozen=True)
class Form:
    """Several fields at once (a Discord modal): field name -> typed text."""

    fields: Mapping[str, str]


@dataclass(frozen=True)
class Command:
    """A slash command such as /newevent, without the slash."""

    name: str
    args: str = ""


Input = Text | Photo | Action | Form | Command


class ChoiceRole(StrEnum):
    """What a button is to the message it sits on; frontends lay out and clean up by it.

    ANSWER: an option of the question it comes with.
    NAVIGATE: steers the conversation (back, skip, cancel, back to the preview); it goes
      last, and where a question has nothing else a frontend may offer it as typed words.
    MENU: part of a picker that belongs on the preview itself (theme, template, layout,
      field to edit): a frontend that can shows the picker in place of the preview's buttons.
    DISMISS: once pressed, the message's buttons are spent; set from the button's kind
      (core.buttons), and told again at press time (`PressAnswer.spent`).
    """

    ANSWER = "answer"
    NAVIGATE = "navigate"
    MENU = "menu"
    DISMISS = "dismiss"


_ANSWER = frozenset({ChoiceRole.ANSWER})


@dataclass(frozen=True)
class Choice:
    """A button: core's stable `id`, its `label`, and its `roles`."""

    id: str
    label: str
    roles: frozenset[ChoiceRole] = _ANSWER

    def __post_init__(self) -> None:
        if buttons.is_spent_by_press(self.id) and ChoiceRole.DISMISS not in self.roles:
            object.__setattr__(self, "roles", self.roles | {ChoiceRole.DISMISS})

    def has(self, role: ChoiceRole) -> bool:
        return role in self.roles

    @property
    def owner(self) -> str | None:
        """The one user who may press it (core refuses anyone else), if it has one."""
        return buttons.owner_of(self.id)


def navigation(id: str, label: str, *, menu: bool = False) -> Choice:
    """A back/skip/cancel button; `menu` when it also belongs to a picker on the preview."""
    roles = {ChoiceRole.NAVIGATE, ChoiceRole.MENU} if menu else {ChoiceRole.NAVIGATE}
    return Choice(id, label, frozenset(roles))


def menu_option(id: str, label: str) -> Choice:
    return Choice(id, label, frozenset({ChoiceRole.MENU}))


def is_menu(choices: tuple[Choice, ...]) -> bool:
    """Choices that together form a picker shown on the preview itself."""
    return bool(choices) and all(choice.has(ChoiceRole.MENU) for choice in choices)


@dataclass(frozen=True)
class FormField:
    """One input of a form: the draft field it fills, pre-filled with `value`."""

    name: str
    label: str
    value: str
    example: str
    max_length: int
    required: bool = False
    multiline: bool = False


@dataclass(frozen=True)
class EventForm:
    """Several fields to fill at once; answered with a `Form` input.

    `reopen` is the choice that asks for this form again, for a frontend that could not
    show it right away (a Discord interaction already answered).
    """

    title: str
    fields: tuple[FormField, ...]
    reopen: Choice


@dataclass(frozen=True)
class Ask:
    """A question; `field` names the draft field the answer goes to, if any.

    `form`, when given, asks the same thing as a form of several fields: a frontend
    that can show forms (a Discord modal) shows it, the others ask `prompt`.
    `chat_menu`, when given, also offers a menu of the platform's chats (a Discord
    server's channels); picking one answers with `chat_picked(chat_menu, chat id)`.
    """

    prompt: str
    choices: tuple[Choice, ...] = ()
    field: str | None = None
    form: EventForm | None = None
    chat_menu: str | None = None

    @property
    def is_menu(self) -> bool:
        """A picker on the preview (see `ChoiceRole.MENU`)."""
        return is_menu(self.choices)

    @property
    def only_navigates(self) -> bool:
        """Nothing to pick: the choices only steer (a typed answer is expected)."""
        return all(choice.has(ChoiceRole.NAVIGATE) for choice in self.choices)


def chat_picked(chat_menu: str, chat_id: str) -> Action:
    """The answer to an `Ask.chat_menu`: the chat the user picked from the platform's list."""
    return Action(f"{chat_menu}:{chat_id}")


@dataclass(frozen=True)
class Preview:
    """Rendered images with their caption; replaces the previous preview of this event."""

    event_id: int
    creative_id: int
    images: tuple[bytes, ...]
    image_sha256s: tuple[str, ...]
    caption: str
    alt_text: str
    actions: tuple[Choice, ...]
    template: str
    layout: str
    theme: str


@dataclass(frozen=True)
class Notice:
    """Something to tell; `image` (JPEG) goes with it when there is a picture to show.

    `retire_pressed`: the pressed button's message has done its job (a post was started
    from it); core tells frontends through `PressAnswer.spent`.
    """

    text: str
    choices: tuple[Choice, ...] = ()
    image: bytes | None = field(default=None, repr=False)
    image_alt: str = ""
    retire_pressed: bool = False


@dataclass(frozen=True)
class Problem:
    """Something the user should fix or know went wrong; the draft is always kept."""

    message: str
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class Toast:
    """A short private answer to whoever pressed a button; the chat itself sees nothing.

    Used where the chat is an audience (a channel post's RSVP buttons), not a conversation.
    """

    text: str


@dataclass(frozen=True)
class Withdraw:
    """Take the message just received out of the chat (it holds a secret), then say `removed`;
    where the platform does not let the bot delete it, say `remove_it` instead."""

    removed: str
    remove_it: str


Output = Ask | Preview | Notice | Problem | Toast | Withdraw


@dataclass(frozen=True)
class PressAnswer:
    """Core's answer to a pressed button: the outputs, and whether the message the button
    sat on is spent (a frontend takes its buttons away, unless it just showed something
    new on that message). Decided by core from the button's kind and the answer, since
    the frontend holds only the id, which it never reads."""

    outputs: list[Output]
    spent: bool


async def _never_admin() -> bool:
    return False


@dataclass(frozen=True)
class Sender:
    """Who spoke, where, as the frontend knows it.

    `is_group` and `is_chat_admin` are the facts `core.permissions` decides from: a chat
    several people share, and whether this person manages it (Telegram: creator or
    administrator; Discord: Manage Events, Manage Server or Administrator). The admin
    question is asked lazily, since it may cost a platform call, and answers False when
    the platform cannot tell.
    """

    platform: str
    chat_id: str
    user_id: str
    user_name: str | None = None
    chat_title: str | None = None
    is_group: bool = False
    is_chat_admin: Callable[[], Awaitable[bool]] = field(default=_never_admin, compare=False)
    # The user's own language as their app reports it (ko or en), when the platform says.
    locale: str | None = None

    def __post_init__(self) -> None:
        # Names come from the platform, chosen by people: quoted back only once made safe.
        object.__setattr__(self, "user_name", shown_name(self.user_name))
        object.__setattr__(self, "chat_title", shown_name(self.chat_title))
