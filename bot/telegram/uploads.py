"""A photo the user sent (compressed, or as a file) fetched within the size limit.

The size is checked twice before any byte is downloaded: the one the message announces
and the one getFile reports (Telegram does not serve bots files over 20 MB at all).
What arrives is then checked by core, which sniffs the real type from the content.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Bot, Message
from telegram.error import BadRequest

from core.conversation.messages import Photo

# Telegram re-encodes compressed photos as JPEG; a document says what it claims to be.
_PHOTO_MIME = "image/jpeg"


@dataclass(frozen=True)
class TooLarge:
    size: int


def has_upload(message: Message) -> bool:
    return bool(message.photo) or message.document is not None


async def fetch(bot: Bot, message: Message, max_bytes: int) -> Photo | TooLarge:
    """Raises TelegramError when Telegram will not hand the file over."""
    mime: str | None
    if message.photo:
        best = message.photo[-1]  # sizes come smallest first
        file_id, announced, mime = best.file_id, best.file_size, _PHOTO_MIME
    elif message.document is not None:
        document = message.document
        file_id, announced, mime = document.file_id, document.file_size, document.mime_type
    else:
        raise ValueError("message has no photo or document")
    if announced is not None and announced > max_bytes:
        return TooLarge(announced)
    try:
        file = await bot.get_file(file_id)
    except BadRequest as error:
        if "too big" in error.message.lower():  # Telegram's own 20 MB ceiling for bots
            return TooLarge(announced or max_bytes + 1)
        raise
    if file.file_size is not None and file.file_size > max_bytes:
        return TooLarge(file.file_size)
    if not file.file_path:  # only files Telegram refuses to serve (over 20 MB) lack a path
        return TooLarge(file.file_size or max_bytes + 1)
    data = bytes(await file.download_as_bytearray())
    if len(data) > max_bytes:
        return TooLarge(len(data))
    return Photo(data, mime)
