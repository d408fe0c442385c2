"""/deletemydata in a chat: the question in the turn, the deletion after it commits.

Removing files and objects may be slow and must not hold the turn's transaction; the
plan is read and the rows deleted in transactions of their own (see core.data_deletion).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core import data_deletion
from core.conversation.messages import Action, Input, Notice, Output, Problem
from core.conversation.reply import Reply
from core.conversation.turn import Turn
from core.media_hosting.s3 import S3Error

log = logging.getLogger(__name__)


class DeletionChat:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        places: Callable[[], data_deletion.Places],
    ) -> None:
        self._sessions = sessions
        self._places = places

    async def handle(self, turn: Turn, message: Input) -> Reply:
        if not isinstance(message, Action):
            return Reply(await data_deletion.ask(turn))
        answer = data_deletion.refuse_or_keep(turn.sender, message.id, turn.t)
        if answer is not None:
            return Reply(answer)
        sender, t = turn.sender, turn.t

        async def delete() -> list[Output]:
            places = self._places()
            async with self._sessions() as session:
                plan = await data_deletion.plan(session, sender, places.outbox)
            try:
                await data_deletion.remove_outside(plan, places)
            except (OSError, S3Error) as error:
                log.warning("deleting a user's files stopped: %s", error)
                return [Problem(t("deletion.incomplete"))]
            async with self._sessions.begin() as session:
                deleted = await data_deletion.delete_rows(session, sender, plan)
            return [Notice(t("deletion.done", events=deleted.events, files=deleted.files))]

        return Reply(later=delete)
