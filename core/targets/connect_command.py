"""/connect: list the workspace's targets, add one after its platform check, remove one.

The platform check may take a network round trip, so it runs after the turn commits
(no database lock is held meanwhile) and stores the target in its own short transaction.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import buttons, i18n
from core.clock import Clock
from core.conversation.messages import Action, Choice, Command, Input, Notice, Output, Problem
from core.conversation.reply import Reply
from core.conversation.turn import Turn
from core.crypto import TokenCipher
from core.permissions import Act, may
from core.targets import store
from core.targets.ports import ConnectChecks, ConnectRefused, ConnectRequest
from core.targets.token_connect import TokenConnect
from storage.models import Target

_STATUS_MARK = {store.ACTIVE: "", store.NEEDS_RECONNECT: " ⚠️"}


class TargetsFlow:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        checks: ConnectChecks,
        cipher: TokenCipher,
        clock: Clock,
        token_warning: str | None = None,
    ) -> None:
        self._sessions = sessions
        self._checks = checks
        self._cipher = cipher
        self._clock = clock
        # Targets connected with a pasted token (Instagram): in private chats only.
        self.tokens = TokenConnect(
            sessions=sessions, checks=checks, cipher=cipher, clock=clock, warning=token_warning
        )

    async def handle(self, turn: Turn, message: Input) -> Reply:
        """/connect [<kind> <address>], or a target's button (remove it)."""
        if isinstance(message, Command):
            return await self.command(turn, message.args)
        pressed = (
            buttons.parse_numbered(message.id, buttons.TARGET)
            if isinstance(message, Action)
            else None
        )
        if pressed is None:
            return Reply([Problem(turn.t("campaign.gone"))])
        return await self.press(turn, pressed)

    async def command(self, turn: Turn, args: str) -> Reply:
        word, _, rest = args.strip().partition(" ")
        if not word:
            return await self._overview(turn)
        if self.tokens.handles(word):
            return await self.tokens.command(turn, word, rest.strip())
        if not await may(turn.sender, Act.MANAGE_TARGETS):
            return Reply([Problem(turn.t("connect.admins_only"))])
        check = self._checks.get(word)
        if check is None:
            words = ", ".join(self._checks.words)
            return Reply([Problem(turn.t("connect.unknown", words=words))])
        request = ConnectRequest(word.lower(), rest.strip(), turn.sender)
        workspace_id, locale = turn.workspace.id, turn.locale

        async def later() -> list[Output]:
            try:
                checked = await check.check(request)
            except ConnectRefused as refused:
                return [Problem(i18n.text(refused.key, locale, **refused.params))]
            async with self._sessions.begin() as session:
                target = await store.connect(
                    session, workspace_id, checked, cipher=self._cipher, now=self._clock()
                )
                name = target.name
            return [Notice(i18n.text("connect.connected", locale, name=name))]

        return Reply(later=later)

    async def press(self, turn: Turn, pressed: buttons.Pressed) -> Reply:
        target = await turn.session.get(Target, pressed.id)
        if target is None or target.workspace_id != turn.workspace.id or pressed.verb != "remove":
            return Reply([Problem(turn.t("campaign.gone"))])
        if not await may(turn.sender, Act.MANAGE_TARGETS):
            return Reply([Problem(turn.t("connect.admins_only"))])
        target.status = store.REMOVED
        target.updated_at = turn.now
        return Reply([Notice(turn.t("connect.removed", name=target.name))])

    async def _overview(self, turn: Turn) -> Reply:
        targets = await store.targets_of(
            turn.session, turn.workspace.id, statuses=(store.ACTIVE, store.NEEDS_RECONNECT)
        )
        lines = [turn.t("connect.head") if targets else turn.t("connect.none")]
        lines += [f"• {t.name}{_STATUS_MARK.get(t.status, '')}" for t in targets]
        lines.append(turn.t("connect.how", words=" · ".join(self._checks.words)))
        choices = tuple(
            Choice(buttons.target(t.id, "remove"), turn.t("button.remove_target", name=t.name))
            for t in targets
        )
        return Reply([Notice("\n".join(lines), choices)])
