"""python-telegram-bot handlers: updates in, core inputs out, and the answers back.

Each handler builds a Sender, turns the update into one core input, hands it to the
ChatService and gives what comes back to the Replier. Nothing here decides anything a
Discord or console user would also meet; that lives in core.
"""

from __future__ import annotations

import logging

from telegram import Bot, Chat, Message, Update, User
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    MessageReactionHandler,
    filters,
)

from bot.publishers.telegram_channel import KIND as CHANNEL_KIND
from bot.telegram import uploads
from bot.telegram.replies import Origin, Replier, answer, is_not_modified
from bot.telegram.sender import is_group, message_sender, sender_for
from core.chat_service import ChatService
from core.commands import COMMANDS, TYPED_CONTROLS
from core.conversation.messages import Action, Command, Input, Output, Problem, Sender, Text

log = logging.getLogger(__name__)

Context = CallbackContext  # the default context type; handlers use only `.bot` and `.error`


class TelegramFrontend:
    def __init__(self, service: ChatService, *, max_photo_bytes: int) -> None:
        self._service = service
        self._max_photo_bytes = max_photo_bytes

    def handlers(self) -> list[BaseHandler[Update, Context, None]]:
        # New messages in private chats and groups; edits and channel posts are not input.
        incoming = filters.UpdateType.MESSAGE & (filters.ChatType.PRIVATE | filters.ChatType.GROUPS)
        return [
            CommandHandler(COMMANDS, self.on_command, filters=incoming),
            CommandHandler(TYPED_CONTROLS, self.on_text, filters=incoming),
            MessageHandler(incoming & filters.TEXT & ~filters.COMMAND, self.on_text),
            MessageHandler(incoming & (filters.PHOTO | filters.Document.ALL), self.on_upload),
            CallbackQueryHandler(self.on_press),
            MessageReactionHandler(
                self.on_reaction_count,
                message_reaction_types=MessageReactionHandler.MESSAGE_REACTION_COUNT_UPDATED,
            ),
        ]

    async def on_command(self, update: Update, context: Context) -> None:
        message = update.message
        sender = message_sender(context.bot, message) if message is not None else None
        if message is None or sender is None or not message.text:
            return
        word, _, args = message.text.partition(" ")
        name = word[1:].split("@", 1)[0].lower()
        await self._handle(context.bot, message, Command(name, args.strip()), sender)

    async def on_text(self, update: Update, context: Context) -> None:
        message = update.message
        sender = message_sender(context.bot, message) if message is not None else None
        if message is None or sender is None or message.text is None:
            return
        if not await self._meant_for_bot(message.chat, sender):
            overheard = await self._service.overheard(sender, Text(message.text))
            await Replier(context.bot).deliver(_origin(message), overheard)
            return
        await self._handle(context.bot, message, Text(message.text), sender)

    async def on_upload(self, update: Update, context: Context) -> None:
        message = update.message
        sender = message_sender(context.bot, message) if message is not None else None
        if message is None or sender is None or not uploads.has_upload(message):
            return
        if not await self._meant_for_bot(message.chat, sender):
            return
        outputs: list[Output]
        try:
            fetched = await uploads.fetch(context.bot, message, self._max_photo_bytes)
        except TelegramError as error:
            log.info("photo download failed in chat %s: %s", message.chat_id, error)
            outputs = [Problem(await self._service.text(sender, "chat.download_failed"))]
        else:
            if isinstance(fetched, uploads.TooLarge):
                outputs = await self._service.photo_too_large(sender, fetched.size)
            else:
                outputs = await self._service.handle(sender, fetched)
        await Replier(context.bot).deliver(_origin(message), outputs)

    async def on_press(self, update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None:
            return
        chat = query.message.chat if query.message is not None else None
        if query.data is None or chat is None:
            await answer(query)
            return
        sender = sender_for(context.bot, chat, query.from_user)
        pressed = query.message if isinstance(query.message, Message) else None
        answered = await self._service.press(sender, Action(query.data))
        origin = Origin(
            chat_id=chat.id,
            is_group=is_group(chat),
            user=query.from_user,
            reply_to=_presser_message(pressed, query.from_user),
            query=query,
            pressed=pressed,
            spent=answered.spent,
        )
        await Replier(context.bot).deliver(origin, answered.outputs)

    async def on_reaction_count(self, update: Update, context: Context) -> None:
        """The anonymous reaction total of a channel post (sent to the channel's admin bots)."""
        counted = update.message_reaction_count
        if counted is None:
            return
        await self._service.reactions_counted(
            kind=CHANNEL_KIND,
            address=str(counted.chat.id),
            message_id=str(counted.message_id),
            total=sum(reaction.total_count for reaction in counted.reactions),
        )

    async def on_error(self, update: object, context: Context) -> None:
        """Log what went wrong and, where someone is waiting, say so; never re-raise."""
        error = context.error
        if isinstance(error, Forbidden):
            log.info("the bot was blocked or removed: %s", error.message)
            return
        if isinstance(error, BadRequest) and is_not_modified(error):
            return
        log.error("handling an update failed", exc_info=error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        user = update.effective_user
        if user is None:
            return
        try:
            sender = sender_for(context.bot, update.effective_chat, user)
            text = await self._service.text(sender, "chat.failed")
            if update.callback_query is not None:
                await answer(update.callback_query, text, alert=True)
            else:
                await context.bot.send_message(update.effective_chat.id, f"⚠️ {text}")
        except Exception:  # the report of a failure must not fail louder than the failure
            log.warning("could not tell chat %s about the failure", update.effective_chat.id)

    async def _handle(
        self,
        bot: Bot,
        message: Message,
        message_input: Input,
        sender: Sender,
    ) -> None:
        outputs = await self._service.handle(sender, message_input)
        await Replier(bot).deliver(_origin(message), outputs)

    async def _meant_for_bot(self, chat: Chat, sender: Sender) -> bool:
        """In a group only people in the middle of something are talking to the bot.

        With privacy mode on Telegram already sends only commands and replies to the bot;
        with it off this keeps the bot out of everyone else's conversation.
        """
        return not is_group(chat) or await self._service.is_conversing(sender)


def _origin(message: Message) -> Origin:
    """Where to answer; a message sent as a chat has no person to mention."""
    return Origin(
        chat_id=message.chat_id,
        is_group=is_group(message.chat),
        user=message.from_user if message.sender_chat is None else None,
        reply_to=message.message_id,
    )


def _presser_message(pressed: Message | None, user: User) -> int | None:
    """The presser's own message the pressed one answered: the next answer replies to it."""
    replied = pressed.reply_to_message if pressed is not None else None
    if replied is None or replied.from_user is None or replied.from_user.id != user.id:
        return None
    return replied.message_id
