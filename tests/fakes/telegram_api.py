"""A fake Telegram Bot API over real HTTP, for the real python-telegram-bot to talk to.

It keeps just enough state to be believable: chats, the messages the bot and the users
sent (so edits, replies and button presses refer to real messages), uploaded files (so
getFile and downloads work), and an update queue that honours `getUpdates` offsets the
way Telegram does (an update is forgotten only once a later offset confirms it). Every
request is recorded with its decoded parameters and uploaded bytes.

    async with FakeBotAPI(token=TOKEN, bot_username="flyer_test_bot") as fake:
        application = (
            Application.builder().token(TOKEN)
            .base_url(fake.base_url).base_file_url(fake.base_file_url).build()
        )
        group, mina = fake.group("Seoul promoters"), fake.user("Mina")
        fake.set_member_status(group, mina, "administrator")  # what getChatMember says
        mark = len(fake.calls)
        fake.send_text(group, mina, "/newevent@flyer_test_bot")  # also send_photo,
        call = await fake.wait_for_call("sendMessage", since=mark)  # send_document, press
        call["text"], call.callback_data(), call.result["message_id"]
        fake.rate_limit_next("sendPhoto", retry_after=1)  # or forbid_next, not_modified_next

Publishing tests can use it with a bare `telegram.Bot(TOKEN, base_url=fake.base_url)`:
`fake.calls_to("sendPhoto")[0].uploads()` are the bytes the bot sent (also for
sendMediaGroup and editMessageMedia), and any chat id (a number or "@channel") is
accepted as a channel; `fake.channel(...)` makes a named one.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from types import TracebackType
from typing import Any

from aiohttp import BodyPartReader, web

from bot.serving import bound_port, serve
from tests import leaks

# Values of these parameters are plain strings even when they look like JSON or numbers
# (a text of "123" must stay a string); everything else is JSON-decoded when possible.
_STRING_PARAMS = frozenset(
    {
        "text", "caption", "callback_query_id", "file_id", "parse_mode", "language_code",
        "url", "secret_token", "inline_message_id", "business_connection_id", "description",
        "short_description", "name", "emoji", "message_effect_id", "ip_address",
    }
)  # fmt: skip
_ADMIN_RIGHTS = (
    "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
    "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories",
    "can_change_info",
)  # fmt: skip
_RESTRICTED_RIGHTS = (
    "can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos",
    "can_send_videos", "can_send_video_notes", "can_send_voice_notes", "can_send_polls",
    "can_send_other_messages", "can_add_web_page_previews", "can_change_info",
    "can_invite_users", "can_pin_messages", "can_manage_topics",
)  # fmt: skip
_MEMBER_STATUSES = ("creator", "administrator", "member", "restricted", "left", "kicked")
# Update types Telegram leaves out unless `allowed_updates` names them.
OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass(frozen=True)
class FakeUser:
    id: int
    first_name: str
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass(frozen=True)
class FakeChat:
    id: int
    type: str  # private, group, supergroup, channel
    title: str | None = None
    username: str | None = None
    first_name: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data


@dataclass(frozen=True)
class Upload:
    """One multipart file part of a request."""

    name: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class Call:
    """One request the bot made: its method, decoded parameters and uploaded files."""

    method: str
    params: dict[str, Any]
    files: dict[str, Upload] = field(default_factory=dict)
    error_code: int | None = None  # set when the call was answered with an error
    result: Any = None  # what the fake answered on success, e.g. the sent Message as JSON
    answered: bool = False  # the fake has replied (a long poll stays unanswered a while)

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)

    def uploads(self) -> list[bytes]:
        """The uploaded media bytes in the order the request names them.

        sendPhoto/sendDocument: the one file; sendMediaGroup: one per item;
        editMessageMedia: the new media. Media given by file_id or URL are skipped.
        """
        found: list[bytes] = []
        for value in self._media_references():
            if isinstance(value, str) and value.startswith("attach://"):
                upload = self.files.get(value.removeprefix("attach://"))
                if upload is not None:
                    found.append(upload.data)
        for name in ("photo", "document"):
            if name in self.files:
                found.append(self.files[name].data)
        return found

    def _media_references(self) -> Iterator[Any]:
        media = self.params.get("media")
        items = media if isinstance(media, list) else [media] if isinstance(media, dict) else []
        for item in items:
            if isinstance(item, dict):
                yield item.get("media")

    def buttons(self) -> list[list[tuple[str, str]]]:
        """The inline keyboard as rows of (text, callback_data)."""
        markup = self.params.get("reply_markup") or {}
        return [
            [(button["text"], button.get("callback_data", "")) for button in row]
            for row in markup.get("inline_keyboard", [])
        ]

    def callback_data(self) -> list[str]:
        return [data for row in self.buttons() for _text, data in row]


@dataclass(frozen=True)
class _Fault:
    error_code: int
    description: str
    retry_after: int | None = None


@dataclass
class _StoredFile:
    data: bytes
    file_unique_id: str
    file_path: str
    reported_size: int


class FakeBotAPI:
    """The fake server; use as `async with FakeBotAPI(...) as fake`."""

    def __init__(
        self,
        *,
        token: str = "123456:TEST-TOKEN",
        bot_username: str = "flyer_test_bot",
        bot_id: int = 777000111,
        host: str = "127.0.0.1",
    ) -> None:
        self.token = token
        leaks.remember(token)
        self.bot = FakeUser(bot_id, "Flyerbot", username=bot_username, is_bot=True)
        self.calls: list[Call] = []
        self.downloads: list[str] = []  # file paths fetched under /file/bot<token>/
        self.webhook_url: str | None = None
        self.allowed_updates: list[str] = []  # as last given to getUpdates or setWebhook
        self.deleted: list[tuple[int, int]] = []  # (chat id, message id) deleteMessage removed
        self.my_commands: dict[str, list[dict[str, Any]]] = {}  # language_code ("" = default)
        self._host = host
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._waiters: list[asyncio.Future[None]] = []
        self._closing = False
        self._updates: deque[dict[str, Any]] = deque()
        self._update_ids = itertools.count(1)
        self._last_update_id = 0
        self._ids = itertools.count(1000)
        self._message_ids: dict[int, Iterator[int]] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._chats: dict[int, FakeChat] = {}
        self._usernames: dict[str, FakeChat] = {}
        self._files: dict[str, _StoredFile] = {}
        self._paths: dict[str, str] = {}  # file_path -> file_id
        self._members: dict[tuple[int, int], str] = {}
        self._faults: dict[str, deque[_Fault]] = {}
        self._holds: dict[str, deque[asyncio.Event]] = {}

    # -- lifecycle --------------------------------------------------------------------------

    async def __aenter__(self) -> FakeBotAPI:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = await serve(app, self._host, 0, shutdown_timeout=1)
        self._port = bound_port(self._runner)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._closing = True
        self._wake()  # long polls return at once instead of holding the shutdown
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """For `ApplicationBuilder.base_url` / `Bot(base_url=...)` (the token is appended)."""
        return f"http://{self._host}:{self._port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self._host}:{self._port}/file/bot"

    # -- the world: users, chats, membership ------------------------------------------------

    def user(
        self, first_name: str, *, username: str | None = None, language: str = "ko"
    ) -> FakeUser:
        return FakeUser(next(self._ids), first_name, username=username, language_code=language)

    @staticmethod
    def anonymous_admin() -> FakeUser:
        """The placeholder user on every message an anonymous group admin sends."""
        return FakeUser(1087968824, "Group", username="GroupAnonymousBot", is_bot=True)

    @staticmethod
    def channel_sender() -> FakeUser:
        """The placeholder user on every message someone sends as their channel."""
        return FakeUser(136817688, "Channel", username="Channel_Bot", is_bot=True)

    def dm(self, user: FakeUser) -> FakeChat:
        """The private chat between `user` and the bot (its id is the user's id)."""
        return self._add_chat(FakeChat(user.id, "private", first_name=user.first_name))

    def group(self, title: str = "Promoters", *, supergroup: bool = True) -> FakeChat:
        chat_id = -(1_000_000_000_000 + next(self._ids)) if supergroup else -next(self._ids)
        return self._add_chat(FakeChat(chat_id, "supergroup" if supergroup else "group", title))

    def channel(self, title: str = "Announcements", username: str | None = None) -> FakeChat:
        chat_id = -(1_000_000_000_000 + next(self._ids))
        return self._add_chat(FakeChat(chat_id, "channel", title, username=username))

    def set_member_status(self, chat: FakeChat, user: FakeUser | int, status: str) -> None:
        """What getChatMember answers: creator, administrator, member (default), left, ..."""
        if status not in _MEMBER_STATUSES:
            raise ValueError(status)
        user_id = user if isinstance(user, int) else user.id
        self._members[(chat.id, user_id)] = status

    def _add_chat(self, chat: FakeChat) -> FakeChat:
        self._chats[chat.id] = chat
        if chat.username:
            self._usernames[chat.username.lower()] = chat
        return chat

    def _chat_for(self, chat_id: Any) -> FakeChat:
        """Any chat id is accepted: unknown ones become channels (publishing targets)."""
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            known = self._usernames.get(chat_id[1:].lower())
            return known or self.channel(chat_id[1:], username=chat_id[1:])
        number = int(chat_id)
        known_chat = self._chats.get(number)
        if known_chat is not None:
            return known_chat
        kind = "private" if number > 0 else "channel"
        return self._add_chat(FakeChat(number, kind, None if number > 0 else f"chat {number}"))

    # -- what users do: each pushes an update -------------------------------------------------

    def send_text(
        self,
        chat: FakeChat,
        user: FakeUser,
        text: str,
        *,
        reply_to: int | dict[str, Any] | None = None,
        sender_chat: FakeChat | None = None,
    ) -> dict[str, Any]:
        """A text message; a leading /command gets its `bot_command` entity.

        `sender_chat` sends it as a chat: the group itself for an anonymous admin, or a
        channel; `user` should then be Telegram's placeholder (see `anonymous_admin`).
        """
        message = self._user_message(chat, user, reply_to)
        if sender_chat is not None:
            message["sender_chat"] = sender_chat.to_json()
        message["text"] = text
        if text.startswith("/"):
            length = len(text.split(maxsplit=1)[0])
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_len(text[:length])}
            ]
        return self._push_message(message)

    def send_photo(
        self,
        chat: FakeChat,
        user: FakeUser,
        data: bytes,
        *,
        reported_size: int | None = None,
        caption: str | None = None,
        reply_to: int | dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A compressed photo; `reported_size` overrides the size Telegram would announce."""
        file_id, stored = self._store_file(data, "photos", "jpg", reported_size)
        width, height = _image_size(data)
        message = self._user_message(chat, user, reply_to)
        message["photo"] = [
            {
                "file_id": file_id,
                "file_unique_id": stored.file_unique_id,
                "width": width,
                "height": height,
                "file_size": stored.reported_size,
            }
        ]
        if caption:
            message["caption"] = caption
        return self._push_message(message)

    def send_document(
        self,
        chat: FakeChat,
        user: FakeUser,
        data: bytes,
        *,
        mime_type: str = "image/jpeg",
        file_name: str = "poster.jpg",
        reported_size: int | None = None,
        announce_size: bool = True,
        reply_to: int | dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A file sent uncompressed ("as document"); its size may go unannounced."""
        suffix = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
        file_id, stored = self._store_file(data, "documents", suffix, reported_size)
        message = self._user_message(chat, user, reply_to)
        message["document"] = {
            "file_id": file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": file_name,
            "mime_type": mime_type,
        }
        if announce_size:
            message["document"]["file_size"] = stored.reported_size
        return self._push_message(message)

    def press(self, chat: FakeChat, user: FakeUser, message_id: int, data: str) -> str:
        """Press an inline button under the bot's message; returns the callback query id."""
        message = self._messages.get((chat.id, message_id))
        if message is None:
            raise KeyError(f"no message {message_id} in chat {chat.id}")
        query_id = str(next(self._ids))
        query = {
            "id": query_id,
            "from": user.to_json(),
            "chat_instance": str(chat.id),
            "message": message,
            "data": data,
        }
        self._push({"callback_query": query})
        return query_id

    def react(self, chat: FakeChat, message_id: int, counts: dict[str, int]) -> int:
        """People reacted to a channel post: the anonymous `message_reaction_count` update
        Telegram sends to a channel's admin bots (only if the bot asked for it)."""
        if (chat.id, message_id) not in self._messages:
            raise KeyError(f"no message {message_id} in chat {chat.id}")
        reactions = [
            {"type": {"type": "emoji", "emoji": emoji}, "total_count": total}
            for emoji, total in counts.items()
            if total > 0
        ]
        update = {
            "chat": chat.to_json(),
            "message_id": message_id,
            "date": int(time.time()),
            "reactions": reactions,
        }
        return self._push({"message_reaction_count": update})

    def push_update(self, update: dict[str, Any]) -> int:
        """Any raw update (without update_id); returns the id it was given."""
        return self._push(update)

    def message(self, chat: FakeChat, message_id: int) -> dict[str, Any]:
        """A message as it is now (after any edits)."""
        return self._messages[(chat.id, message_id)]

    @property
    def last_update_id(self) -> int:
        """The id of the most recently pushed update."""
        return self._last_update_id

    @property
    def pending_updates(self) -> int:
        """Updates not yet confirmed by a later getUpdates offset."""
        return len(self._updates)

    def _user_message(
        self, chat: FakeChat, user: FakeUser, reply_to: int | dict[str, Any] | None
    ) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat.id),
            "date": int(time.time()),
            "chat": chat.to_json(),
            "from": user.to_json(),
        }
        if reply_to is not None:
            replied = (
                reply_to if isinstance(reply_to, dict) else self._messages[(chat.id, reply_to)]
            )
            message["reply_to_message"] = {
                k: v for k, v in replied.items() if k != "reply_to_message"
            }
        return message

    def _push_message(self, message: dict[str, Any]) -> dict[str, Any]:
        self._messages[(message["chat"]["id"], message["message_id"])] = message
        self._push({"message": message})
        return message

    def _push(self, update: dict[str, Any]) -> int:
        update_id = self._last_update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **update})
        self._wake()
        return update_id

    # -- fault knobs ------------------------------------------------------------------------

    def fail_next(
        self, method: str, error_code: int, description: str, *, retry_after: int | None = None
    ) -> None:
        """The next call of `method` answers with this error instead (knobs queue up)."""
        fault = _Fault(error_code, description, retry_after)
        self._faults.setdefault(method.lower(), deque()).append(fault)

    def hold_next(self, method: str) -> asyncio.Event:
        """The next call of `method` is received but not answered until the event is set
        (a slow upload, a long network stall)."""
        release = asyncio.Event()
        self._holds.setdefault(method.lower(), deque()).append(release)
        return release

    def rate_limit_next(self, method: str, *, retry_after: int = 1) -> None:
        self.fail_next(
            method, 429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after
        )

    def forbid_next(
        self, method: str, description: str = "Forbidden: bot was blocked by the user"
    ) -> None:
        self.fail_next(method, 403, description)

    def not_modified_next(self, method: str) -> None:
        self.fail_next(
            method,
            400,
            "Bad Request: message is not modified: specified new message content and reply "
            "markup are exactly the same as a current content and reply markup of the message",
        )

    # -- what the bot did -------------------------------------------------------------------

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method.lower() == method.lower()]

    async def wait_for_call(
        self,
        method: str,
        count: int = 1,
        *,
        where: Callable[[Call], bool] | None = None,
        since: int = 0,
        timeout: float = 10.0,  # noqa: ASYNC109 - a bound is part of the helper's contract
    ) -> Call:
        """The `count`-th call of `method` (matching `where`), once it has been answered.

        `since` skips calls made before that index of `calls` (take `len(fake.calls)` before
        pushing an update to wait for what the bot does about that update).
        """

        def matching() -> list[Call]:
            return [
                call
                for call in self.calls[since:]
                if call.answered
                and call.method.lower() == method.lower()
                and (where is None or where(call))
            ]

        await self.wait_until(lambda: len(matching()) >= count, timeout=timeout)
        return matching()[count - 1]

    async def wait_until(
        self,
        predicate: Callable[[], bool],
        *,
        timeout: float = 10.0,  # noqa: ASYNC109 - a bound is part of the helper's contract
    ) -> None:
        """Wait until `predicate()` holds; it is re-checked after every request and update."""
        async with asyncio.timeout(timeout):
            while not predicate():
                waiter = asyncio.get_running_loop().create_future()
                self._waiters.append(waiter)
                await waiter

    # -- HTTP -------------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params, files = await _read_params(request)
        call = Call(method, params, files)
        self.calls.append(call)
        for said in ("text", "caption"):  # what a chat would show
            leaks.check_sent(params.get(said), f"telegram {method}")
        self._wake()  # `wait_until` predicates see the call at once, before its answer
        faults = self._faults.get(method.lower())
        holds = self._holds.get(method.lower())
        if holds:
            await holds.popleft().wait()
        try:
            if faults:
                fault = faults.popleft()
                call.error_code = fault.error_code
                extra = {"retry_after": fault.retry_after} if fault.retry_after else None
                return _error(fault.error_code, fault.description, extra)
            handler = getattr(self, f"_m_{method.lower()}", None)
            if handler is None:
                return _error(404, "Not Found")
            try:
                result = await handler(params, files)
            except _ApiError as error:
                call.error_code = error.code
                return _error(error.code, error.description)
            call.result = result
            return web.json_response({"ok": True, "result": result})
        finally:
            call.answered = True
            self._wake()

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            raise web.HTTPUnauthorized()
        self.downloads.append(request.match_info["path"])
        file_id = self._paths.get(request.match_info["path"])
        if file_id is None:
            raise web.HTTPNotFound()
        return web.Response(body=self._files[file_id].data)

    def _wake(self) -> None:
        """Something changed (a request, an update, shutdown): waiters re-check."""
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    # -- methods ------------------------------------------------------------------------------

    async def _m_getme(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        return {
            **self.bot.to_json(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _m_getupdates(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        offset = int(params.get("offset") or 0)
        while self._updates and self._updates[0]["update_id"] < offset:
            self._updates.popleft()  # confirmed: Telegram never sends these again
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)

        if "allowed_updates" in params:
            self.allowed_updates = list(params["allowed_updates"] or [])

        def ready() -> list[dict[str, Any]]:
            wanted = [u for u in self._updates if u["update_id"] >= offset and self._wanted(u)]
            return wanted[:limit]

        if timeout > 0:
            with contextlib.suppress(TimeoutError):
                await self.wait_until(lambda: bool(ready()) or self._closing, timeout=timeout)
        return ready()

    def _wanted(self, update: dict[str, Any]) -> bool:
        """Telegram sends reaction and member updates only to bots that asked for them."""
        kinds = [key for key in update if key != "update_id"]
        return not any(k in OPT_IN_UPDATES and k not in self.allowed_updates for k in kinds)

    async def _m_deletewebhook(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        self.webhook_url = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _m_setwebhook(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        self.webhook_url = params.get("url")
        if "allowed_updates" in params:
            self.allowed_updates = list(params["allowed_updates"] or [])
        return True

    async def _m_getwebhookinfo(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        return {
            "url": self.webhook_url or "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    async def _m_setmycommands(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        self.my_commands[params.get("language_code") or ""] = list(params.get("commands") or [])
        return True

    async def _m_deletemycommands(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        self.my_commands.pop(params.get("language_code") or "", None)
        return True

    async def _m_getchat(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        chat = self._chat_for(params["chat_id"])
        return {
            **chat.to_json(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    async def _m_getchatmember(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        chat = self._chat_for(params["chat_id"])
        user_id = int(params["user_id"])
        status = self._members.get((chat.id, user_id), "member")
        member: dict[str, Any] = {
            "status": status,
            "user": {"id": user_id, "is_bot": False, "first_name": "user"},
        }
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(dict.fromkeys(_ADMIN_RIGHTS, True))
            member.update(can_be_edited=False, is_anonymous=False, can_promote_members=False)
        elif status == "restricted":
            member.update(dict.fromkeys(_RESTRICTED_RIGHTS, False), is_member=True, until_date=0)
        elif status == "kicked":
            member["until_date"] = 0
        return member

    async def _m_sendmessage(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        message = self._bot_message(params)
        message["text"] = params.get("text", "")
        return self._store_bot_message(message)

    async def _m_sendphoto(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        message = self._bot_message(params)
        message["photo"] = self._photo_sizes(params.get("photo"), files)
        if params.get("caption"):
            message["caption"] = params["caption"]
        return self._store_bot_message(message)

    async def _m_senddocument(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        message = self._bot_message(params)
        upload = files.get("document")
        data = upload.data if upload else b""
        file_id, stored = self._store_file(data, "documents", "bin", None)
        message["document"] = {
            "file_id": file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": (upload.filename if upload else None) or "file",
            "file_size": len(data),
        }
        if params.get("caption"):
            message["caption"] = params["caption"]
        return self._store_bot_message(message)

    async def _m_sendmediagroup(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        media = params.get("media") or []
        if not 2 <= len(media) <= 10:
            raise _ApiError(400, "Bad Request: wrong number of media in the album")
        for item in media:
            _check_input_media(item)
        group_id = str(next(self._ids))
        sent = []
        for item in media:
            message = self._bot_message(params)
            message["media_group_id"] = group_id
            message["photo"] = self._photo_sizes(item.get("media"), files)
            if item.get("caption"):
                message["caption"] = item["caption"]
            sent.append(self._store_bot_message(message))
        return sent

    async def _m_editmessagemedia(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        message = self._editable(params)
        media = params.get("media") or {}
        _check_input_media(media)
        message["photo"] = self._photo_sizes(media.get("media"), files)
        message.pop("text", None)
        if media.get("caption"):
            message["caption"] = media["caption"]
        else:
            message.pop("caption", None)
        self._set_markup(message, params)
        return message

    async def _m_editmessagecaption(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        message = self._editable(params)
        if params.get("caption"):
            message["caption"] = params["caption"]
        self._set_markup(message, params)
        return message

    async def _m_editmessagetext(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        message = self._editable(params)
        message["text"] = params.get("text", "")
        self._set_markup(message, params)
        return message

    async def _m_editmessagereplymarkup(
        self, params: dict[str, Any], files: dict[str, Upload]
    ) -> Any:
        message = self._editable(params)
        self._set_markup(message, params)
        return message

    async def _m_deletemessage(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        """In groups only an admin bot may delete other people's messages, as on Telegram."""
        chat = self._chat_for(params["chat_id"])
        key = (chat.id, int(params["message_id"]))
        message = self._messages.get(key)
        if message is None:
            raise _ApiError(400, "Bad Request: message to delete not found")
        someone_elses = message.get("from", {}).get("id") != self.bot.id
        bot_is_admin = self._members.get((chat.id, self.bot.id)) in ("creator", "administrator")
        if chat.type in ("group", "supergroup") and someone_elses and not bot_is_admin:
            raise _ApiError(400, "Bad Request: message can't be deleted")
        del self._messages[key]
        self.deleted.append(key)
        return True

    async def _m_answercallbackquery(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        return True

    async def _m_getfile(self, params: dict[str, Any], files: dict[str, Upload]) -> Any:
        stored = self._files.get(str(params.get("file_id")))
        if stored is None:
            raise _ApiError(400, "Bad Request: invalid file_id")
        if stored.reported_size > 20 * 1024 * 1024:  # Telegram serves bots files up to 20 MB
            raise _ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": params["file_id"],
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.reported_size,
            "file_path": stored.file_path,
        }

    # -- helpers ----------------------------------------------------------------------------

    def _bot_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat_for(params["chat_id"])
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat.id),
            "date": int(time.time()),
            "chat": chat.to_json(),
        }
        if chat.type != "channel":
            message["from"] = self.bot.to_json()
        reply = params.get("reply_parameters") or {}
        replied_id = reply.get("message_id") or params.get("reply_to_message_id")
        replied = self._messages.get((chat.id, int(replied_id))) if replied_id else None
        if replied is not None:
            message["reply_to_message"] = {
                k: v for k, v in replied.items() if k != "reply_to_message"
            }
        self._set_markup(message, params)
        return message

    def _store_bot_message(self, message: dict[str, Any]) -> dict[str, Any]:
        self._messages[(message["chat"]["id"], message["message_id"])] = message
        return message

    def _editable(self, params: dict[str, Any]) -> dict[str, Any]:
        if params.get("inline_message_id"):
            raise _ApiError(400, "Bad Request: inline messages are not supported by the fake")
        chat = self._chat_for(params["chat_id"])
        message = self._messages.get((chat.id, int(params["message_id"])))
        if message is None:
            raise _ApiError(400, "Bad Request: message to edit not found")
        return message

    @staticmethod
    def _set_markup(message: dict[str, Any], params: dict[str, Any]) -> None:
        """Only inline keyboards stay on a message; an edit without one removes it."""
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)

    def _photo_sizes(self, reference: Any, files: dict[str, Upload]) -> list[dict[str, Any]]:
        """The PhotoSize list of a photo the bot sent (uploaded, or re-sent by file_id)."""
        data = self._media_bytes(reference, files)
        file_id, stored = self._store_file(data, "photos", "jpg", None)
        width, height = _image_size(data)
        return [
            {
                "file_id": file_id,
                "file_unique_id": stored.file_unique_id,
                "width": width,
                "height": height,
                "file_size": len(data),
            }
        ]

    def _media_bytes(self, reference: Any, files: dict[str, Upload]) -> bytes:
        if isinstance(reference, str) and reference.startswith("attach://"):
            upload = files.get(reference.removeprefix("attach://"))
            if upload is None:
                raise _ApiError(400, "Bad Request: wrong remote file identifier specified")
            return upload.data
        if isinstance(reference, str) and reference in self._files:
            return self._files[reference].data
        if "photo" in files:  # sendPhoto uploads its file as the part named "photo"
            return files["photo"].data
        return b""  # a URL: the fake does not fetch it

    def _store_file(
        self, data: bytes, folder: str, suffix: str, reported_size: int | None
    ) -> tuple[str, _StoredFile]:
        number = next(self._ids)
        file_id = f"file-{number}"
        stored = _StoredFile(
            data=data,
            file_unique_id=f"u{number}",
            file_path=f"{folder}/file_{number}.{suffix}",
            reported_size=len(data) if reported_size is None else reported_size,
        )
        self._files[file_id] = stored
        self._paths[stored.file_path] = file_id
        return file_id, stored

    def _next_message_id(self, chat_id: int) -> int:
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        return next(counter)


class _ApiError(Exception):
    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description


def _error(code: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Form, multipart or JSON bodies (python-telegram-bot sends JSON-encoded form values)."""
    params: dict[str, Any] = dict(request.query)
    files: dict[str, Upload] = {}
    if request.content_type == "application/json":
        body = await request.json() if request.can_read_body else {}
        params.update(body or {})
        return params, files
    if request.content_type.startswith("multipart/"):
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader) or part.name is None:
                continue
            if part.filename is not None:
                data = await part.read(decode=False)
                files[part.name] = Upload(
                    part.name, part.filename, part.headers.get("Content-Type"), bytes(data)
                )
            else:
                params[part.name] = _decode(part.name, await part.text())
        return params, files
    if request.can_read_body:
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, str):
                params[key] = _decode(key, value)
    return params, files


def _decode(key: str, value: str) -> Any:
    if key in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _check_input_media(item: Any) -> None:
    """InputMedia names its file: a file_id, a URL, or attach://<part> (never a bare part)."""
    if not isinstance(item, dict) or not isinstance(item.get("media"), str):
        raise _ApiError(400, "Bad Request: there is no media in the request")


def _utf16_len(text: str) -> int:
    """Telegram measures entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _image_size(data: bytes) -> tuple[int, int]:
    try:
        from PIL import Image

        with Image.open(BytesIO(data)) as image:
            return image.size
    except Exception:
        return (0, 0)
