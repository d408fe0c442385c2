"""/connect for targets whose argument is a secret: private chats only.

An Instagram token or a Discord webhook URL (which ends with the webhook's token) pasted
in a group is read by everyone there, so it is refused (and the message taken down, see
core.pasted_secrets). `/connect instagram` in a group instead leaves a note on the sender's
private conversation with the bot (on Telegram and in the console a private chat's id is
the user's id) saying which group the token is for; the token pasted there connects the
group's target. The note is conversation data, so it survives restarts, and it expires.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import i18n
from core.clock import Clock
from core.conversation.messages import Ask, Command, Input, Notice, Output, Problem, Sender, Text
from core.conversation.pending import PendingQuestion
from core.conversation.reply import Reply
from core.conversation.turn import Turn
from core.crypto import TokenCipher
from core.parsing.short_fields import command_word
from core.permissions import Act, may
from core.targets import store
from core.targets.instagram import USERNAME
from core.targets.ports import ConnectChecks, ConnectRefused, ConnectRequest
from storage import repositories
from storage.models import Conversation

INSTAGRAM_WORD, WEBHOOK_WORD = "instagram", "discord-webhook"
SECRET_WORDS = frozenset({INSTAGRAM_WORD, WEBHOOK_WORD})
QUESTION = PendingQuestion(key="connect", step="connect")  # the note: which token, for whom
WAIT = timedelta(minutes=30)


@dataclass(frozen=True)
class _Wording:
    """What the chat is told, per kind of secret."""

    in_group: str
    go_private: str
    ask: str
    stopped: str


_WORDING = {
    INSTAGRAM_WORD: _Wording(
        "connect.token_in_group", "connect.token_dm", "connect.token_ask", "connect.token_stopped"
    ),
    WEBHOOK_WORD: _Wording(
        "connect.webhook_in_group",
        "connect.webhook_dm",
        "connect.webhook_ask",
        "connect.token_stopped_webhook",
    ),
}


@dataclass(frozen=True)
class Pending:
    """A token awaited from this user: for which kind of target and which chat."""

    word: str
    workspace_id: int
    chat_title: str
    until: datetime

    def as_data(self) -> dict[str, object]:
        return {
            "word": self.word,
            "workspace_id": self.workspace_id,
            "chat": self.chat_title,
            "until": self.until.isoformat(),
        }


def pending(conversation: Conversation | None, now: datetime) -> Pending | None:
    note = QUESTION.awaited(conversation)
    if not isinstance(note, dict):
        return None
    try:
        found = Pending(
            str(note["word"]),
            int(note["workspace_id"]),
            str(note.get("chat") or ""),
            datetime.fromisoformat(str(note["until"])),
        )
    except (KeyError, TypeError, ValueError):
        return None
    return found if found.until > now and found.word in SECRET_WORDS else None


class TokenConnect:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        checks: ConnectChecks,
        cipher: TokenCipher,
        clock: Clock,
        warning: str | None = None,
    ) -> None:
        self._sessions = sessions
        self._checks = checks
        self._cipher = cipher
        self._clock = clock
        self._warning = warning  # a catalogue key said after connecting (set-up missing)

    def handles(self, word: str) -> bool:
        return word.lower() in SECRET_WORDS and self._checks.get(word) is not None

    def asked(self, turn: Turn) -> bool:
        """Whether the sender's next message here is the token asked for."""
        return not turn.sender.is_group and pending(turn.conversation, turn.now) is not None

    async def forget(self, turn: Turn) -> None:
        await self.release(turn)

    async def answer(self, turn: Turn, message: Input) -> Reply:
        """The token pasted for the target named by /connect (or /cancel)."""
        if isinstance(message, Command):
            return await self.typed(turn, "cancel")
        if isinstance(message, Text):
            return await self.typed(turn, message.text)
        return Reply([Problem(turn.t("campaign.ask_time"))])  # a photo or a form

    async def command(self, turn: Turn, word: str, argument: str) -> Reply:
        word = word.lower()
        if turn.sender.is_group:
            return await self._from_group(turn, word, bool(argument))
        note = pending(turn.conversation, turn.now)
        if note is None or note.word != word:
            note = Pending(word, turn.workspace.id, "", turn.now + WAIT)
        if argument:
            return self._connect(turn, note, argument)
        await QUESTION.remember_for(
            turn.session, turn.sender, turn.conversation, note.as_data(), turn.now
        )
        ask = _WORDING[word].ask
        return Reply([Ask(turn.t(ask, for_chat=_for_chat(turn, note)))])

    async def typed(self, turn: Turn, text: str) -> Reply:
        note = pending(turn.conversation, turn.now)
        if note is None:
            return Reply([])
        if command_word(text) in ("cancel", "back"):
            await self.release(turn)
            return Reply([Notice(turn.t(_WORDING[note.word].stopped))])
        return self._connect(turn, note, text.strip())

    async def release(self, turn: Turn) -> None:
        """The user moved on: forget the awaited token."""
        await QUESTION.forget(turn)

    async def _from_group(self, turn: Turn, word: str, pasted: bool) -> Reply:
        outputs: list[Output] = []
        wording = _WORDING[word]
        if pasted:
            outputs.append(Problem(turn.t(wording.in_group)))
        if not await may(turn.sender, Act.MANAGE_TARGETS):
            outputs.append(Problem(turn.t("connect.admins_only")))
            return Reply(outputs)
        title = turn.sender.chat_title or turn.workspace.title or turn.sender.chat_id
        note = Pending(word, turn.workspace.id, title, turn.now + WAIT)
        private = _private_chat(turn.sender)
        conversation = await repositories.conversation_for(
            turn.session, private.platform, private.chat_id, private.user_id
        )
        await QUESTION.remember_for(turn.session, private, conversation, note.as_data(), turn.now)
        outputs.append(Notice(turn.t(wording.go_private, chat=title)))
        return Reply(outputs)

    def _connect(self, turn: Turn, note: Pending, argument: str) -> Reply:
        """Check the token after the turn commits (a network call), then keep the target."""
        check = self._checks.get(note.word)
        assert check is not None
        request = ConnectRequest(note.word, argument, turn.sender)
        sender, locale, for_chat = turn.sender, turn.locale, _for_chat(turn, note)

        async def later() -> list[Output]:
            try:
                checked = await check.check(request)
            except ConnectRefused as refused:
                return [Problem(i18n.text(refused.key, locale, **refused.params))]
            now = self._clock()
            async with self._sessions.begin() as session:
                await store.connect(
                    session, note.workspace_id, checked, cipher=self._cipher, now=now
                )
                await _forget_note(session, sender, now)
            if note.word != INSTAGRAM_WORD:
                said = i18n.text("connect.connected", locale, name=checked.name + for_chat)
                return [Notice(said)]
            username = str(checked.config.get(USERNAME) or checked.address)
            said = i18n.text(
                "connect.token_connected", locale, username=username, for_chat=for_chat
            )
            outputs: list[Output] = [Notice(said)]
            if self._warning is not None:
                outputs.append(Problem(i18n.text(self._warning, locale)))
            return outputs

        return Reply(later=later)


def _for_chat(turn: Turn, note: Pending) -> str:
    return turn.t("connect.for_chat", chat=note.chat_title) if note.chat_title else ""


def _private_chat(sender: Sender) -> Sender:
    return Sender(sender.platform, sender.user_id, sender.user_id, sender.user_name)


async def _forget_note(session: AsyncSession, sender: Sender, now: datetime) -> None:
    conversation = await repositories.conversation_for(
        session, sender.platform, sender.chat_id, sender.user_id
    )
    await QUESTION.forget_on(session, conversation, now)
