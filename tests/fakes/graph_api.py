"""A fake Instagram Graph API over real HTTP, following /work/shared/instagram-graph-api.md.

It keeps containers, posts and the publishing quota the way Meta describes them, records
every call, downloads each `image_url` itself (so signed media URLs are exercised for
real), and has fault knobs for the failures the publisher must survive. Time comes from an
injected clock and "slow" means a number of status polls, never wall time; only the
`latency` knob (for benchmarks) makes every answer wait real seconds, as Meta's do.

    async with FakeGraphApi(clock=clock) as graph:
        graph.polls_until_finished = 3
        graph.inject("media_publish", LostReply())
        ... InstagramPublisher(client, graph_url=graph.url, ...) ...
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any

import httpx
from aiohttp import web

from bot.serving import bound_port, serve
from core.clock import Clock
from tests import leaks

VERSION = "v25.0"
IG_USER_ID = "17841400000000001"
APP_SCOPED_ID = "26000000000000001"
USERNAME = "seoul.underground"
TOKEN = "IGAAT-test-token-0123456789"
CONTAINER_LIFETIME = timedelta(hours=24)
STORY_LIFETIME = timedelta(hours=24)
_VERSION_PART = re.compile(r"v\d+\.\d+")
# Media insights Meta accepts per product type (impressions is gone since v22).
FEED_INSIGHTS = frozenset(
    {"views", "reach", "likes", "comments", "saved", "shares", "total_interactions"}
    | {"profile_visits", "follows"}
)
STORY_INSIGHTS = frozenset(
    {"views", "reach", "shares", "total_interactions", "navigation", "replies", "link_clicks"}
    | {"follows", "profile_visits"}
)
ACCOUNT_INSIGHTS = frozenset({"reach", "views", "total_interactions", "accounts_engaged"})
# Numbers grow for two days after posting, then settle (as reach does on Instagram).
GROWTH_HOURS = 48

# -- fault knobs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ServerError:
    """Answer with a bare 5xx (an HTML body, as a proxy would send)."""

    status: int = 500


@dataclass(frozen=True)
class TransientError:
    """A Graph error marked `is_transient` (code 2: service temporarily unavailable)."""

    code: int = 2


@dataclass(frozen=True)
class Throttled:
    """A throttling error with the usage header at 100 and a regain time."""

    regain_minutes: int = 5
    code: int = 80002
    status: int = 429


@dataclass(frozen=True)
class NotReady:
    """media_publish answers 9007/2207027 without publishing, whatever the container says."""


@dataclass(frozen=True)
class GraphErrorReply:
    """Any Graph error body, e.g. 4/2207051 (blocked as spam)."""

    code: int
    subcode: int | None = None
    message: str = "An error occurred"
    status: int = 400


@dataclass(frozen=True)
class LostReply:
    """Do the work, then lose the answer: a 502 without the id, or a dropped connection."""

    drop_connection: bool = False


Fault = ServerError | TransientError | Throttled | NotReady | GraphErrorReply | LostReply

# -- state ----------------------------------------------------------------------------------


@dataclass
class Call:
    method: str
    endpoint: str
    path: str
    params: dict[str, str]
    bearer: bool  # the token came in the Authorization header, not in the URL or body


@dataclass
class ImageFetch:
    url: str
    status: int | None
    content_type: str
    ok: bool


@dataclass
class Container:
    id: str
    media_type: str  # IMAGE, CAROUSEL, STORIES
    created_at: datetime
    image_url: str = ""
    caption: str = ""
    alt_text: str = ""
    is_carousel_item: bool = False
    children: list[str] = field(default_factory=list)
    polls_left: int = 0
    error: str = ""  # the `status` text of a container that ends in ERROR
    media_id: str = ""  # set once published


@dataclass
class Media:
    id: str
    media_type: str  # IMAGE or CAROUSEL_ALBUM
    product_type: str  # FEED or STORY
    caption: str
    timestamp: datetime
    container_id: str = ""
    via_api: bool = True  # counts against the publishing quota
    insights: dict[str, int] = field(default_factory=dict)  # fixed values, else grown
    no_data: bool = False  # insights answer `data: []` (too new, or a carousel child)

    @property
    def permalink(self) -> str:
        if self.product_type == "STORY":
            return f"https://www.instagram.com/stories/{USERNAME}/{self.id}/"
        return f"https://www.instagram.com/p/F{self.id[-8:]}/"


class _Fail(Exception):
    def __init__(self, code: int, message: str, subcode: int | None = None, status: int = 400):
        super().__init__(message)
        self.code, self.subcode, self.message, self.status = code, subcode, message, status


Handler = Callable[[dict[str, str], list[str]], Awaitable[dict[str, Any]]]


class FakeGraphApi:
    """The Graph API for one Instagram professional account, on 127.0.0.1 and a free port."""

    def __init__(
        self,
        *,
        clock: Clock,
        token: str = TOKEN,
        polls_until_finished: int = 0,
        quota_total: int = 50,
        quota_duration: int = 86400,
        latency: float = 0.0,
    ) -> None:
        self.clock = clock
        self.latency = latency  # real seconds slept before answering each call
        self.valid_tokens = {token}
        leaks.remember(token)
        self.expired_tokens: set[str] = set()
        self.polls_until_finished = polls_until_finished
        self.quota_total = quota_total
        self.quota_duration = quota_duration
        self.usage: dict[str, Any] | None = None  # sent as X-Business-Use-Case-Usage
        self.refused_metrics: set[str] = set()  # asking for one of these fails with code 100
        self.followers_count = 1200
        self.account_totals: dict[str, int] = {}  # account insights per day; else derived
        self.deleted: dict[str, Media] = {}
        self.calls: list[Call] = []
        self.fetches: list[ImageFetch] = []
        self.containers: dict[str, Container] = {}
        self.media: dict[str, Media] = {}
        self._faults: list[list[Any]] = []  # [endpoint, fault, times left]
        self._on_arrival: dict[str, Callable[[], Awaitable[None]]] = {}
        self._container_errors: list[str] = []
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._http: httpx.AsyncClient | None = None
        self.root_url = ""

    # -- lifecycle ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The versioned base URL, what FLYERBOT_INSTAGRAM_GRAPH_URL would be."""
        return f"{self.root_url}/{VERSION}"

    async def __aenter__(self) -> FakeGraphApi:
        self._http = httpx.AsyncClient(timeout=5)
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = await serve(app, "127.0.0.1", 0)
        self.root_url = f"http://127.0.0.1:{bound_port(self._runner)}"
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._http is not None:
            await self._http.aclose()

    # -- knobs ----------------------------------------------------------------------------

    def inject(self, endpoint: str, fault: Fault, times: int = 1) -> None:
        """Apply `fault` to the next `times` calls of `endpoint` ("*" for any endpoint).

        Endpoints: create_container, container_status, media_publish, publishing_limit,
        list_media, list_stories, read_media, read_user, refresh_token, media_insights,
        account_insights.
        """
        self._faults.append([endpoint, fault, times])

    def on_arrival(self, endpoint: str, hook: Callable[[], Awaitable[None]]) -> None:
        """Await `hook` when the next call to `endpoint` arrives, before it is handled; an
        aiohttp HTTPException it raises is the answer, and the call does nothing."""
        self._on_arrival[endpoint] = hook

    def fail_next_container(self, subcode: int = 2207026) -> None:
        """The next container created ends in status ERROR with this subcode."""
        self._container_errors.append(f"Error: Media upload has failed with error code {subcode}")

    def expire_token(self, token: str = TOKEN) -> None:
        self.valid_tokens.discard(token)
        self.expired_tokens.add(token)

    def seed_post(
        self, timestamp: datetime, caption: str = "", *, via_api: bool = True, story: bool = False
    ) -> Media:
        """A post that was already on the account (it counts against the quota if via_api)."""
        product = "STORY" if story else "FEED"
        media = Media(self._new_id("18"), "IMAGE", product, caption, timestamp, via_api=via_api)
        self.media[media.id] = media
        return media

    def delete_media(self, media_id: str) -> None:
        """The owner deleted the post in the app: its node answers 100/33 from now on."""
        self.deleted[media_id] = self.media.pop(media_id)

    def insight_value(self, media: Media, metric: str) -> int:
        """What the insights endpoint answers for `metric` of `media` now."""
        if metric in media.insights:
            return media.insights[metric]
        hours = (self.clock() - media.timestamp).total_seconds() / 3600
        grown = min(1.0, max(0.0, hours) / GROWTH_HOURS) ** 0.5
        reach = round((300 + zlib.crc32(media.id.encode()) % 700) * grown)
        return _derived(metric, reach, story=media.product_type == "STORY")

    # -- observations ---------------------------------------------------------------------

    def calls_to(self, endpoint: str) -> list[Call]:
        return [call for call in self.calls if call.endpoint == endpoint]

    @property
    def published(self) -> list[Media]:
        """Posts made through media_publish, oldest first."""
        return [media for media in self.media.values() if media.container_id]

    def quota_usage(self) -> int:
        window_start = self.clock() - timedelta(seconds=self.quota_duration)
        return sum(1 for m in self.media.values() if m.via_api and m.timestamp > window_start)

    # -- dispatch -------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        params = dict(request.query)
        if request.method == "POST":
            if request.content_type == "application/json":
                params |= {k: _text(v) for k, v in (await request.json()).items()}
            else:
                params |= {k: str(v) for k, v in (await request.post()).items()}
        bearer, token = _token(request, params)
        params.pop("access_token", None)
        parts = [p for p in request.path.split("/") if p]
        if parts and _VERSION_PART.fullmatch(parts[0]):
            parts = parts[1:]
        endpoint, handler = self._route(request.method, parts)
        self.calls.append(Call(request.method, endpoint, request.path, params, bearer))
        hook = self._on_arrival.pop(endpoint, None)
        if hook is not None:
            await hook()
        if self.latency:
            await asyncio.sleep(self.latency)
        fault = self._take_fault(endpoint)
        try:
            self._check_token(token, endpoint)
            if isinstance(fault, ServerError):
                return web.Response(status=fault.status, text="<html>Server Error</html>")
            _raise_fault(fault)
            body = await handler(params, parts)
        except _Fail as failure:
            return self._error_response(failure, fault)
        if isinstance(fault, LostReply):
            if fault.drop_connection and request.transport is not None:
                request.transport.close()
            return web.Response(status=502, text="<html>Bad Gateway</html>")
        return self._json(body)

    def _route(self, method: str, parts: list[str]) -> tuple[str, Handler]:
        user = IG_USER_ID
        table: dict[tuple[str, ...], tuple[str, Handler]] = {
            ("GET", "refresh_access_token"): ("refresh_token", self._refresh_token),
            ("GET", "debug_token"): ("debug_token", self._debug_token),
            ("GET", "me"): ("read_user", self._read_user),
            ("GET", user): ("read_user", self._read_user),
            ("POST", user, "media"): ("create_container", self._create_container),
            ("GET", user, "media"): ("list_media", self._list_media),
            ("GET", user, "stories"): ("list_stories", self._list_stories),
            ("POST", user, "media_publish"): ("media_publish", self._media_publish),
            ("GET", user, "content_publishing_limit"): ("publishing_limit", self._limit),
            ("GET", user, "insights"): ("account_insights", self._account_insights),
        }
        key = (method, *parts)
        if key in table:
            return table[key]
        if method == "GET" and parts[1:] == ["insights"] and parts[0] in self.media:
            return "media_insights", self._media_insights
        if method == "GET" and len(parts) == 1 and parts[0] in self.containers:
            return "container_status", self._container_status
        if method == "GET" and len(parts) == 1 and parts[0] in self.media:
            return "read_media", self._read_media
        return "unknown", self._unknown_node

    def _take_fault(self, endpoint: str) -> Fault | None:
        for entry in self._faults:
            if entry[0] in (endpoint, "*") and entry[2] > 0:
                entry[2] -= 1
                return entry[1]
        return None

    def _check_token(self, token: str | None, endpoint: str) -> None:
        if token in self.valid_tokens:
            return
        if token in self.expired_tokens:
            raise _Fail(
                190,
                "Error validating access token: Session has expired on Saturday, "
                "21-Nov-26 04:00:00 PST.",
                463,
            )
        raise _Fail(190, "Invalid OAuth access token - Cannot parse access token", 467)

    def _error_response(self, failure: _Fail, fault: Fault | None) -> web.Response:
        error: dict[str, Any] = {
            "message": failure.message,
            "type": "OAuthException",
            "code": failure.code,
            "fbtrace_id": "AbCdEfGhIjK",
        }
        if failure.subcode is not None:
            error["error_subcode"] = failure.subcode
        if failure.code in (1, 2):
            error["is_transient"] = True
        response = self._json({"error": error}, status=failure.status)
        if isinstance(fault, Throttled):
            usage = {"type": "instagram", "call_count": 100, "total_cputime": 12}
            usage |= {"total_time": 20, "estimated_time_to_regain_access": fault.regain_minutes}
            response.headers["X-Business-Use-Case-Usage"] = json.dumps({IG_USER_ID: [usage]})
        return response

    def _json(self, body: dict[str, Any], status: int = 200) -> web.Response:
        response = web.json_response(body, status=status)
        if self.usage is not None:
            usage = {"type": "instagram"} | self.usage
            response.headers["X-Business-Use-Case-Usage"] = json.dumps({IG_USER_ID: [usage]})
        return response

    # -- containers -----------------------------------------------------------------------

    async def _create_container(self, params: dict[str, str], parts: list[str]) -> dict[str, Any]:
        media_type = params.get("media_type", "IMAGE")
        container = Container(
            id=self._new_id("179"),
            media_type=media_type,
            created_at=self.clock(),
            image_url=params.get("image_url", ""),
            caption=params.get("caption", ""),
            alt_text=params.get("alt_text", ""),
            is_carousel_item=params.get("is_carousel_item") == "true",
            polls_left=self.polls_until_finished,
        )
        if len(container.caption) > 2200:
            raise _Fail(36004, "The caption is too long", 2207010)
        if len(container.alt_text) > 1000:
            raise _Fail(100, "alt_text is longer than 1000 characters")
        if media_type == "CAROUSEL":
            container.children = [c for c in params.get("children", "").split(",") if c]
            if not 2 <= len(container.children) <= 10:
                raise _Fail(100, "Carousels need between 2 and 10 children", 2207028)
            for child in container.children:
                if child not in self.containers or not self.containers[child].is_carousel_item:
                    raise _Fail(100, f"Invalid child container {child}", 2207023)
            if container.alt_text:
                raise _Fail(100, "alt_text is only supported for images")
        elif media_type in ("IMAGE", "STORIES"):
            if not container.image_url:
                raise _Fail(100, "The parameter image_url is required")
            if media_type == "STORIES" and container.alt_text:
                raise _Fail(100, "alt_text is not supported for stories")
            if not await self._fetch_image(container.image_url):
                container.error = (
                    "Error: Media download has failed. The media URI doesn't meet our "
                    "requirements. error code 2207052"
                )
        else:
            raise _Fail(100, f"Unsupported media_type {media_type}", 2207023)
        if self._container_errors:
            container.error = self._container_errors.pop(0)
        self.containers[container.id] = container
        return {"id": container.id}

    async def _fetch_image(self, url: str) -> bool:
        """Meta downloads the image itself, anonymously: only a 200 with JPEG bytes will do."""
        assert self._http is not None
        try:
            response = await self._http.get(url)
        except httpx.HTTPError:
            self.fetches.append(ImageFetch(url, None, "", False))
            return False
        content_type = response.headers.get("content-type", "").split(";")[0].strip()
        ok = (
            response.status_code == 200
            and content_type == "image/jpeg"
            and response.content.startswith(b"\xff\xd8\xff")
        )
        self.fetches.append(ImageFetch(url, response.status_code, content_type, ok))
        return ok

    def _status(self, container: Container) -> tuple[str, str]:
        if container.media_id:
            return "PUBLISHED", "Published: Media has been published."
        if self.clock() - container.created_at >= CONTAINER_LIFETIME:
            return "EXPIRED", "Expired: Media was not published within 24 hours."
        if container.polls_left > 0:
            return "IN_PROGRESS", "In Progress: Media is still being processed."
        if container.error:
            return "ERROR", container.error
        for child_id in container.children:
            child_status, child_text = self._status(self.containers[child_id])
            if child_status in ("ERROR", "IN_PROGRESS", "EXPIRED"):
                return child_status, child_text
        return "FINISHED", "Finished: Media has been uploaded and it is ready to be published."

    async def _container_status(self, params: dict[str, str], parts: list[str]) -> dict[str, Any]:
        container = self.containers[parts[0]]
        status_code, status = self._status(container)
        if status_code == "IN_PROGRESS":
            container.polls_left -= 1
        return _select({"id": container.id, "status_code": status_code, "status": status}, params)

    # -- publishing -----------------------------------------------------------------------

    async def _media_publish(self, params: dict[str, str], parts: list[str]) -> dict[str, Any]:
        container = self.containers.get(params.get("creation_id", ""))
        if container is None or container.is_carousel_item:
            raise _Fail(24, "The media with id was not found or is not publishable", 2207008)
        status_code, _ = self._status(container)
        if status_code in ("IN_PROGRESS", "ERROR"):
            raise _Fail(9007, "The media is not ready for publishing, please wait", 2207027)
        if status_code == "EXPIRED":
            raise _Fail(24, "The media container has expired", 2207008)
        if status_code == "PUBLISHED":
            raise _Fail(100, "This media container has already been published")
        if self.quota_usage() >= self.quota_total:
            raise _Fail(
                9,
                "You reached maximum number of posts that is allowed to be published by "
                "Content Publishing API.",
                2207042,
            )
        story = container.media_type == "STORIES"
        media = Media(
            id=self._new_id("180"),
            media_type="CAROUSEL_ALBUM" if container.media_type == "CAROUSEL" else "IMAGE",
            product_type="STORY" if story else "FEED",
            caption="" if story else container.caption,
            timestamp=self.clock(),
            container_id=container.id,
        )
        self.media[media.id] = media
        container.media_id = media.id
        return {"id": media.id}

    async def _limit(self, params: dict[str, str], parts: list[str]) -> dict[str, Any]:
        config = {"quota_total": self.quota_total, "quota_duration": self.quota_duration}
        return {"data": [{"quota_usage": self.quota_usage(), "config": config}]}

    # -- reads ----------------------------------------------------------------------------

    def _media_fields(self, media: Media) -> dict[str, Any]:
        return {
            "id": media.id,
            "caption": media.caption,
            "timestamp": media.timestamp.strftime("%Y-%m-%dT%H:%M:%S+0000"),
            "media_type": media.media_type,
            "media_product_type": media.product_type,
            "permalink": media.permalink,
            "like_count": 0,
            "comments_count": 0,
        }

    async def _read_media(self, params: dict[str, str], parts: list[str]) -> dict[str, Any]:
        return _select(self._media_fields(self.media[parts[0]]), params)

    async def _list_media(self, params: dict[str, str], parts: list[str]) -> dict[str, Any]:
        return self._listing(params, lambda m: m.product_type == "FEED")

    async def _list_stories(self, params: dict[str, str], parts: list[str]) -> dict[str, Any]:
        now = self.clock()
        return self._listing(
            params, lambda m: m.product_type == "STORY" and now - m.timestamp < STORY_LIFETIME
        )

    def _listing(self, params: dict[str, str], keep: Callable[[Media], bool]) -> dict[str, Any]:
        since = int(params.get("since", "0") or 0)
        limit = int(params.get("limit", "25") or 25)
        items = [m for m in self.media.values() if keep(m) and m.timestamp.timestamp() >= since]
        items.sort(key=lambda m: m.timestamp, reverse=True)  # newest first
        return {"data": [_select(self._media_fields(m), params) for m in items[:limit]]}

    async def _read_user(self, params: dict[str, str], parts: list[str]) -> dict[str, Any]:
        media_count = sum(1 for m in self.media.values() if m.product_type == "FEED")
        user: dict[str, Any] = {"id": IG_USER_ID, "username": USERNAME, "media_count": media_count}
        user["followers_count"] = self.followers_count
        if parts == ["me"]:  # Instagram Login: app-scoped id, the account id as user_id
            user |= {"id": APP_SCOPED_ID, "user_id": IG_USER_ID}
        return _select(user, params)

    # -- insights -------------------------------------------------------------------------

    async def _media_insights(self, params: dict[str, str], parts: list[str]) -> dict[str, Any]:
        media = self.media[parts[0]]
        valid = STORY_INSIGHTS if media.product_type == "STORY" else FEED_INSIGHTS
        asked = [m for m in params.get("metric", "").split(",") if m]
        wrong = [m for m in asked if m not in valid or m in self.refused_metrics]
        if not asked or wrong:
            raise _Fail(
                100,
                f"(#100) metric[{asked.index(wrong[0]) if wrong else 0}] must be one of the "
                f"following values: {', '.join(sorted(valid - self.refused_metrics))}",
            )
        if media.no_data:
            return {"data": []}
        return {
            "data": [
                {
                    "name": metric,
                    "period": "lifetime",
                    "values": [{"value": self.insight_value(media, metric)}],
                    "title": metric.replace("_", " ").title(),
                    "id": f"{media.id}/insights/{metric}/lifetime",
                }
                for metric in asked
            ]
        }

    async def _account_insights(self, params: dict[str, str], parts: list[str]) -> dict[str, Any]:
        asked = [m for m in params.get("metric", "").split(",") if m]
        wrong = [m for m in asked if m not in ACCOUNT_INSIGHTS]
        if not asked or wrong:
            raise _Fail(
                100,
                "(#100) metric must be one of the following values: "
                + ", ".join(sorted(ACCOUNT_INSIGHTS)),
            )
        since, until = int(params.get("since", "0") or 0), int(params.get("until", "0") or 0)
        if until - since > 30 * 86400:
            raise _Fail(100, "(#100) There cannot be more than 30 days between since and until")
        data = [
            {
                "name": metric,
                "period": "day",
                "title": metric.replace("_", " ").title(),
                "total_value": {"value": self._account_total(metric)},
                "id": f"{IG_USER_ID}/insights/{metric}/day",
            }
            for metric in asked
        ]
        return {"data": data}

    def _account_total(self, metric: str) -> int:
        if metric in self.account_totals:
            return self.account_totals[metric]
        reach = 150 + 40 * len(self.media)
        return _derived(metric, reach, story=False)

    async def _debug_token(self, params: dict[str, str], parts: list[str]) -> dict[str, Any]:
        """What Meta says about `input_token` (asked with the same or an app token)."""
        inspected = params.get("input_token", "")
        expires = self.clock() + timedelta(days=60)
        return {
            "data": {
                "is_valid": inspected in self.valid_tokens,
                "expires_at": int(expires.timestamp()),
                "scopes": ["instagram_basic", "instagram_content_publish"],
            }
        }

    async def _refresh_token(self, params: dict[str, str], parts: list[str]) -> dict[str, Any]:
        if params.get("grant_type") != "ig_refresh_token":
            raise _Fail(100, "Invalid grant_type")
        new_token = f"IGAAT-refreshed-{next(self._ids)}"
        self.valid_tokens.add(new_token)
        leaks.remember(new_token)
        return {"access_token": new_token, "token_type": "bearer", "expires_in": 5184000}

    async def _unknown_node(self, params: dict[str, str], parts: list[str]) -> dict[str, Any]:
        raise _Fail(100, "Unsupported request: the object does not exist or is not supported", 33)

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):014d}"


def _derived(metric: str, reach: int, *, story: bool) -> int:
    """A plausible figure for `metric` of something that reached `reach` accounts."""
    likes, comments, saved, shares = reach // 12, reach // 80, reach // 50, reach // 60
    replies, follows = reach // 90, reach // 200
    values = {
        "reach": reach,
        "views": reach * 13 // 10,
        "likes": likes,
        "comments": comments,
        "saved": saved,
        "shares": shares,
        "replies": replies,
        "navigation": reach * 2 // 3,
        "follows": follows,
        "profile_visits": reach // 25,
        "link_clicks": reach // 40,
        "accounts_engaged": reach // 9,
        "total_interactions": (
            replies + shares + follows if story else likes + comments + saved + shares
        ),
    }
    return values[metric]


def _raise_fault(fault: Fault | None) -> None:
    if isinstance(fault, TransientError):
        raise _Fail(fault.code, "Service temporarily unavailable")
    if isinstance(fault, Throttled):
        raise _Fail(fault.code, "Application request limit reached", status=fault.status)
    if isinstance(fault, NotReady):
        raise _Fail(9007, "The media is not ready for publishing, please wait", 2207027)
    if isinstance(fault, GraphErrorReply):
        raise _Fail(fault.code, fault.message, fault.subcode, fault.status)


def _token(request: web.Request, params: dict[str, str]) -> tuple[bool, str | None]:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return True, header.removeprefix("Bearer ")
    return False, params.get("access_token")


def _select(obj: dict[str, Any], params: dict[str, str]) -> dict[str, Any]:
    """Only the requested fields (and the id), as the Graph API does."""
    wanted = {f for f in params.get("fields", "").split(",") if f}
    if not wanted:
        return {"id": obj["id"]}
    return {k: v for k, v in obj.items() if k in wanted or k == "id"}


def _text(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)
