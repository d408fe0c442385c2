"""Who spoke, where: a Telegram chat and user as core's Sender.

Whether the user is a chat admin costs a getChatMember call, so it is only asked when
core needs it (someone other than the author pressing a review button).
"""

from __future__ import annotations

import logging

from telegram import Bot, Chat, ChatMember, User
from telegram.error import TelegramError

from core.conversation.io import Sender

log = logging.getLogger(__name__)

PLATFORM = "telegram"
_ADMIN_STATUSES = frozenset({ChatMember.OWNER, ChatMember.ADMINISTRATOR})


def is_group(chat: Chat) -> bool:
    return chat.type in (Chat.GROUP, Chat.SUPERGROUP)


def sender_for(bot: Bot, chat: Chat, user: User) -> Sender:
    group = is_group(chat)

    async def is_chat_admin() -> bool:
        if not group:
            return False
        try:
            member = await bot.get_chat_member(chat.id, user.id)
        except TelegramError as error:
            log.warning("getChatMember failed in chat %s: %s", chat.id, error)
            return False  # unknown means no: a refusal is safer than a wrong approval
        return member.status in _ADMIN_STATUSES

    return Sender(
        platform=PLATFORM,
        chat_id=str(chat.id),
        user_id=str(user.id),
        user_name=user.full_name or user.username,
        chat_title=chat.title or chat.full_name,
        is_group=group,
        is_chat_admin=is_chat_admin,
    )
