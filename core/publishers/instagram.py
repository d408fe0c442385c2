"""Publishing to an Instagram professional account through the Graph API's container flow.

The flow is: quota check, container(s), poll until FINISHED, `media_publish`, permalink.
Every id is written to the Journal the moment it is known, so a later attempt resumes
where this one stopped: it polls the same container rather than making a new one, and
once a media id is known it never publishes again. A `media_publish` without a clear
answer raises UNKNOWN_OUTCOME; `verify` then decides from the container's status_code and
the account's recent media.

A container still IN_PROGRESS after `max_polls` is TRANSIENT, not UNKNOWN_OUTCOME:
nothing was published yet, and the recorded container id makes the retry resume polling.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import httpx

from core.clock import Clock, system_clock
from core.media_urls import ImageHost
from core.publishers.base import ErrorKind, Journal, Publication, Published, PublishError
from core.publishers.instagram_accounts import (
    Account,
    LongLivedToken,
    fetch_account,
    refresh_long_lived_token,
)
from core.publishers.instagram_errors import (
    SPAM_SUBCODE,
    GraphError,
    as_publish_error,
    classify,
    classify_container_error,
    new_container,
    unconfirmed,
)
from core.publishers.instagram_http import GraphApi, items
from core.publishers.instagram_quota import quota_error, read_quota
from core.publishers.instagram_quota_memory import QuotaMemory
from core.publishers.instagram_recovery import CLOCK_SKEW, pick_published
from core.publishers.instagram_rules import check_publication
from core.publishers.reasons import Reason

__all__ = [
    "Account",
    "InstagramPublisher",
    "LongLivedToken",
    "fetch_account",
    "refresh_long_lived_token",
]

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]

# Journal facts, in the order they are learned. The Journal cannot delete, so "" means
# forgotten (see _forget_container).
CHILDREN = "children"  # carousel item container ids, comma-separated, in slide order
CONTAINER_ID = "container_id"  # the container to publish (the carousel parent)
PUBLISH_ATTEMPTED_AT = "publish_attempted_at"  # ISO time just before media_publish
MEDIA_ID = "media_id"  # the live post: never publish again

FINISHED, PUBLISHED, EXPIRED, ERROR = "FINISHED", "PUBLISHED", "EXPIRED", "ERROR"
CONTAINER_LIFETIME = timedelta(hours=24)
_STATUS_FIELDS = {"fields": "status_code,status"}
_MEDIA_FIELDS = "id,permalink,timestamp,media_type,media_product_type"
_STILL_PROCESSING = "Instagram is still processing the image; flyerbot will check again shortly."


class InstagramPublisher:
    """A Publisher for one Instagram account (one IG user id and its access token)."""

    kind = "instagram"

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        graph_url: str,
        ig_user_id: str,
        access_token: str,
        image_host: ImageHost,
        sleep: Sleep = asyncio.sleep,
        poll_interval: float = 1.0,
        max_polls: int = 30,
        clock: Clock = system_clock,
        quota_memory: QuotaMemory | None = None,
    ) -> None:
        """`quota_memory`, shared by the publishers of one process, spares the quota read
        while a recent one leaves room; without it the quota is read before every post."""
        self._client = client
        self._graph_url = graph_url
        self._ig_user_id = ig_user_id
        self._token = access_token
        self._image_host = image_host
        self._sleep = sleep
        self._poll_interval = poll_interval
        self._max_polls = max(1, max_polls)
        self._clock = clock
        self._quota_memory = quota_memory

    def __repr__(self) -> str:
        return f"<InstagramPublisher {self._ig_user_id}>"

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        check_publication(publication)
        api = GraphApi(self._client, self._graph_url, self._token)
        if media_id := journal.facts.get(MEDIA_ID):
            return await self._published(api, media_id)
        for _ in range(2):  # a container that expired is replaced once per attempt
            container_id = journal.facts.get(CONTAINER_ID) or await self._create(
                api, publication, journal
            )
            state = await self._wait(api, container_id, journal)
            if state == EXPIRED:
                await _forget_container(journal)
                continue
            if state == PUBLISHED:
                return await self._recover(api, publication, journal)
            return await self._publish_container(api, publication, container_id, journal)
        raise new_container("container-expired")

    async def verify(self, publication: Publication, journal: Journal) -> Published | None:
        api = GraphApi(self._client, self._graph_url, self._token)
        if media_id := journal.facts.get(MEDIA_ID):
            return await self._published(api, media_id)
        container_id = journal.facts.get(CONTAINER_ID)
        if not container_id:
            return None  # nothing was ever ready to publish
        try:
            body = await api.get(f"/{container_id}", _STATUS_FIELDS)
        except GraphError as error:
            if not classify(error).container_dead:
                raise as_publish_error(error) from None
            # Meta no longer knows the container: only the account's posts can tell.
            if media_id := await self._search(api, publication, journal):
                return await self._keep(api, media_id, journal)
            await _forget_container(journal)
            return None
        if body.get("status_code") != PUBLISHED:
            return None  # FINISHED, IN_PROGRESS, ERROR, EXPIRED: surely not live
        return await self._recover(api, publication, journal)

    # -- containers ---------------------------------------------------------------------

    async def _create(self, api: GraphApi, publication: Publication, journal: Journal) -> str:
        await self._check_quota(api, journal)
        shas = publication.image_sha256s
        params: dict[str, str]
        if publication.placement == "story":
            params = {"media_type": "STORIES", "image_url": self._image_host.url_for(shas[0])}
        elif len(shas) == 1:
            params = {"image_url": self._image_host.url_for(shas[0])}
            params |= _caption_and_alt_text(publication)
        else:
            children = await self._children(api, publication, journal)
            params = {"media_type": "CAROUSEL", "children": ",".join(children)}
            params |= _caption_and_alt_text(publication, with_alt_text=False)
        container_id = await self._new_container(api, params, journal)
        await journal.record(**{CONTAINER_ID: container_id})
        log.info("instagram container %s for delivery %s", container_id, publication.delivery_id)
        return container_id

    async def _children(
        self, api: GraphApi, publication: Publication, journal: Journal
    ) -> list[str]:
        """Carousel items, reusing those an earlier attempt made; all FINISHED on return."""
        shas = publication.image_sha256s
        children = [c for c in journal.facts.get(CHILDREN, "").split(",") if c][: len(shas)]
        for index in range(len(children), len(shas)):
            url = self._image_host.url_for(shas[index])
            params = {"is_carousel_item": "true", "image_url": url}
            if index == 0 and publication.alt_text:
                params["alt_text"] = publication.alt_text  # it describes the poster slide
            children.append(await self._new_container(api, params, journal))
            await journal.record(**{CHILDREN: ",".join(children)})
        for child in children:
            if await self._wait(api, child, journal) != FINISHED:
                await _forget_container(journal)
                raise new_container("child-expired")
        return children

    async def _new_container(self, api: GraphApi, params: dict[str, str], journal: Journal) -> str:
        body = await self._call(api.post(f"/{self._ig_user_id}/media", params), api, journal)
        if not body.get("id"):
            raise new_container("no-container-id")
        return str(body["id"])

    async def _wait(self, api: GraphApi, container_id: str, journal: Journal) -> str:
        """Poll until the container leaves IN_PROGRESS; ERROR raises, the rest is returned."""
        for poll in range(self._max_polls):
            if poll:
                await self._sleep(self._poll_interval)
            body = await self._call(api.get(f"/{container_id}", _STATUS_FIELDS), api, journal)
            status = body.get("status_code")
            if status in (FINISHED, PUBLISHED, EXPIRED):
                return str(status)
            if status == ERROR:
                rule, code = classify_container_error(str(body.get("status", "")))
                await _forget_container(journal)  # an ERROR container never publishes
                raise rule.error(code)
        raise _still_processing("container-in-progress")

    # -- publishing ---------------------------------------------------------------------

    async def _publish_container(
        self, api: GraphApi, publication: Publication, container_id: str, journal: Journal
    ) -> Published:
        await journal.record(**{PUBLISH_ATTEMPTED_AT: self._clock().isoformat()})
        for _ in range(self._max_polls):
            try:
                body = await api.post(
                    f"/{self._ig_user_id}/media_publish",
                    {"creation_id": container_id},
                    irreversible=True,
                )
            except GraphError as error:
                if not error.not_ready:
                    raise await self._publish_failure(api, error, container_id, journal) from None
                # FINISHED can reach media_publish a moment later than the status read.
                await self._sleep(self._poll_interval)
                state = await self._wait(api, container_id, journal)
                if state == PUBLISHED:
                    return await self._recover(api, publication, journal)
                if state == EXPIRED:
                    await _forget_container(journal)
                    raise new_container("container-expired") from None
                continue
            media_id = str(body.get("id") or "")
            if not media_id:
                raise unconfirmed("no-media-id")
            await journal.record(**{MEDIA_ID: media_id})
            self._count_post()
            log.info("instagram media %s for delivery %s", media_id, publication.delivery_id)
            return await self._published(api, media_id)
        raise _still_processing("9007/2207027")

    async def _publish_failure(
        self, api: GraphApi, error: GraphError, container_id: str, journal: Journal
    ) -> PublishError:
        if error.subcode == SPAM_SUBCODE:
            # The reference warns the post may be live despite the block: look before failing.
            try:
                body = await api.get(f"/{container_id}", _STATUS_FIELDS)
            except (GraphError, PublishError):
                return unconfirmed("4/2207051")
            if body.get("status_code") == PUBLISHED:
                return unconfirmed("4/2207051")
        if classify(error).container_dead:
            # A definite "no such container" for this very call: nothing was published.
            await _forget_container(journal)
            return as_publish_error(error)
        failure = await self._failure(api, error, journal)
        if failure.kind is ErrorKind.TRANSIENT:
            # Meta failed mid-publish: it may have published anyway.
            return unconfirmed(failure.code)
        return failure

    async def _published(self, api: GraphApi, media_id: str) -> Published:
        """The post is live whatever happens here; a missing permalink only costs the link."""
        try:
            body = await api.get(f"/{media_id}", {"fields": _MEDIA_FIELDS})
        except (GraphError, PublishError) as exc:
            log.warning("instagram media %s is live but unreadable: %s", media_id, exc)
            return Published(external_id=media_id)
        return Published(external_id=media_id, url=str(body.get("permalink") or "") or None)

    async def _recover(
        self, api: GraphApi, publication: Publication, journal: Journal
    ) -> Published:
        """The container says PUBLISHED but we hold no media id: find the post and keep it."""
        media_id = await self._search(api, publication, journal)
        if media_id is None:
            raise PublishError(
                ErrorKind.UNKNOWN_OUTCOME,
                "The post is live on Instagram but flyerbot cannot find it in the account yet; "
                "it will look again.",
                code="published-not-listed",
                message_key=Reason.IG_NOT_LISTED,
            )
        return await self._keep(api, media_id, journal)

    async def _search(
        self, api: GraphApi, publication: Publication, journal: Journal
    ) -> str | None:
        """Our post among the account's recent ones (stories for a story), if it is there."""
        attempted = _parse_iso(journal.facts.get(PUBLISH_ATTEMPTED_AT, ""))
        since = attempted or self._clock() - CONTAINER_LIFETIME
        story = publication.placement == "story"
        params = {
            "fields": "id,caption,timestamp,media_type",
            "since": str(int((since - CLOCK_SKEW).timestamp())),
            "limit": "50",
        }
        edge = "stories" if story else "media"
        try:
            body = await api.get(f"/{self._ig_user_id}/{edge}", params)
        except GraphError as error:
            raise as_publish_error(error) from None
        return pick_published(
            items(body),
            since=since,
            media_type="CAROUSEL_ALBUM" if len(publication.image_sha256s) > 1 else "IMAGE",
            caption=None if story else publication.caption,
        )

    async def _keep(self, api: GraphApi, media_id: str, journal: Journal) -> Published:
        await journal.record(**{MEDIA_ID: media_id})
        self._count_post()
        log.info("instagram media %s found after a lost reply", media_id)
        return await self._published(api, media_id)

    # -- quota and errors ---------------------------------------------------------------

    async def _check_quota(self, api: GraphApi, journal: Journal) -> None:
        memory, account = self._quota_memory, self._ig_user_id
        if memory is not None and memory.has_room(account, self._clock()):
            return
        try:
            quota = await read_quota(api, account)
        except GraphError as error:
            raise await self._failure(api, error, journal) from None
        if memory is not None and quota is not None:
            memory.remember(account, quota, self._clock())
        if quota is not None and quota.exhausted:
            raise await quota_error(api, account, self._clock(), quota)

    def _count_post(self) -> None:
        if self._quota_memory is not None:
            self._quota_memory.posted(self._ig_user_id)

    async def _call(
        self, request: Awaitable[dict[str, Any]], api: GraphApi, journal: Journal
    ) -> dict[str, Any]:
        try:
            return await request
        except GraphError as error:
            raise await self._failure(api, error, journal) from None

    async def _failure(self, api: GraphApi, error: GraphError, journal: Journal) -> PublishError:
        if error.quota_exhausted:
            if self._quota_memory is not None:
                self._quota_memory.forget(self._ig_user_id)
            return await quota_error(api, self._ig_user_id, self._clock())
        if classify(error).container_dead:
            if journal.facts.get(PUBLISH_ATTEMPTED_AT):
                # media_publish went out for this container and its answer may have been
                # lost: making a new container could post twice, so leave it to verify.
                return unconfirmed(error.code_text)
            await _forget_container(journal)
        return as_publish_error(error)


def _still_processing(code: str) -> PublishError:
    return PublishError(
        ErrorKind.TRANSIENT, _STILL_PROCESSING, code=code, message_key=Reason.IG_PROCESSING
    )


async def _forget_container(journal: Journal) -> None:
    """The container can never be published: the next attempt starts from scratch."""
    await journal.record(**{CONTAINER_ID: "", CHILDREN: "", PUBLISH_ATTEMPTED_AT: ""})


def _caption_and_alt_text(
    publication: Publication, *, with_alt_text: bool = True
) -> dict[str, str]:
    params = {"caption": publication.caption} if publication.caption else {}
    if with_alt_text and publication.alt_text:
        params["alt_text"] = publication.alt_text
    return params


def _parse_iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
