"""Who spoke, where: a Telegram chat and user as core's Sender.

Whether the user is a chat admin costs a getChatMember call, so it is only asked when
core needs it (someone other than the author pressing a review button).

A message written "as" a chat (an anonymous group admin, or someone posting as their
channel) carries a placeholder user that every such writer shares; the chat it was sent
as is the real sender, so it becomes the Sender's user. Chat ids are negative and user
ids positive, so the two never collide.
"""

from __future__ import annotations

import logging

from telegram import Bot, Chat, ChatMember, Message, User
from telegram.error import TelegramError

from core.conversation.messages import Sender

log = logging.getLogger(__name__)

PLATFORM = "telegram"
_ADMIN_STATUSES = frozenset({ChatMember.OWNER, ChatMember.ADMINISTRATOR})


def is_group(chat: Chat) -> bool:
    return chat.type in (Chat.GROUP, Chat.SUPERGROUP)


def message_sender(bot: Bot, message: Message) -> Sender | None:
    """Who wrote `message`: the chat it was sent as, else its user (None: nobody to answer)."""
    sent_as = message.sender_chat
    if sent_as is not None:
        return _chat_as_sender(message.chat, sent_as)
    if message.from_user is None:
        return None
    return sender_for(bot, message.chat, message.from_user)


def _chat_as_sender(chat: Chat, sent_as: Chat) -> Sender:
    """An anonymous admin speaks as the group itself, which only admins can do."""
    anonymous_admin = sent_as.id == chat.id and is_group(chat)

    async def is_chat_admin() -> bool:
        return anonymous_admin

    return Sender(
        platform=PLATFORM,
        chat_id=str(chat.id),
        user_id=str(sent_as.id),
        user_name=sent_as.title or sent_as.username,
        chat_title=chat.title or chat.full_name,
        is_group=is_group(chat),
        is_chat_admin=is_chat_admin,
    )


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
