"""What a single post's buttons do: move or drop it, post or skip a missed one, retry a
failed delivery.
"""

from __future__ import annotations

from core.campaigns import actions, posts
from core.campaigns.desk import CampaignDesk
from core.campaigns.typed_time import TimeQuestion
from core.conversation.messages import Action, Input, Notice, Problem
from core.conversation.reply import Reply
from core.conversation.turn import Turn
from core.targets import store as target_store
from storage import deliveries as rows
from storage import once_keys
from storage.models import Delivery, Event, Post, Target
from storage.statuses import PostStatus


class PostActions:
    def __init__(self, desk: CampaignDesk, time: TimeQuestion) -> None:
        self._desk = desk
        self._time = time

    async def press(self, turn: Turn, message: Input) -> Reply:
        """A post button (`pp:<post>:<verb>`) or a delivery's retry (`pb:<delivery>:retry`)."""
        pressed = actions.parse(message.id) if isinstance(message, Action) else None
        if pressed is None:
            return Reply([Problem(turn.t("campaign.gone"))])
        if pressed.prefix == actions.POST:
            return await self._post_action(turn, pressed)
        return await self._delivery_action(turn, pressed)

    async def _post_action(self, turn: Turn, pressed: actions.Pressed) -> Reply:
        post = await turn.session.get(Post, pressed.id)
        event = await turn.session.get(Event, post.event_id) if post is not None else None
        refused = await self._desk.refuse(turn, event)
        if refused is not None or post is None or event is None:
            return refused or Reply([Problem(turn.t("campaign.post_gone"))])
        if pressed.verb == "move" and post.status in posts.OPEN:
            return self._time.ask(turn, event, f"move:{post.id}", turn.t("campaign.ask_time"))
        if pressed.verb == "drop" and post.status in (*posts.OPEN, PostStatus.MISSED):
            _count, busy = await posts.cancel(turn.session, [post], turn.now)
            key = "campaign.dropped_busy" if busy else "campaign.dropped"
            return Reply([Notice(turn.t(key))])
        if pressed.verb in ("now", "skip") and post.status == PostStatus.MISSED:
            return await self._decide_missed(turn, post, pressed.verb)
        return Reply([Notice(turn.t("campaign.post_gone"))])

    async def _decide_missed(self, turn: Turn, post: Post, verb: str) -> Reply:
        ids = [d.id for d in await posts.deliveries_of(turn.session, [post.id])]
        if verb == "skip":
            await rows.move_status(
                turn.session,
                ids,
                from_statuses=(rows.MISSED,),
                status=rows.SKIPPED,
                updated_at=turn.now,
            )
            post.status = PostStatus.SKIPPED
            await once_keys.release(turn.session, [post.id])
            return Reply([Notice(turn.t("campaign.skipped"), retire_pressed=True)])
        refused = await self._desk.over_post_limit(turn)
        if refused is not None:
            return refused
        await rows.move_status(
            turn.session,
            ids,
            from_statuses=(rows.MISSED,),
            status=rows.PENDING,
            due_at=turn.now,
            updated_at=turn.now,
        )
        post.status = PostStatus.PENDING
        notice = Notice(turn.t("campaign.posting_soon"), retire_pressed=True)
        return Reply([notice], later=self._desk.woken())

    async def _delivery_action(self, turn: Turn, pressed: actions.Pressed) -> Reply:
        delivery = await turn.session.get(Delivery, pressed.id)
        post = await turn.session.get(Post, delivery.post_id) if delivery is not None else None
        event = await turn.session.get(Event, post.event_id) if post is not None else None
        refused = await self._desk.refuse(turn, event)
        if refused is not None or delivery is None or post is None:
            return refused or Reply([Problem(turn.t("campaign.post_gone"))])
        if pressed.verb != "retry" or delivery.status != rows.FAILED:
            return Reply([Notice(turn.t("campaign.retry_not_needed"))])
        target = await turn.session.get_one(Target, delivery.target_id)
        if target.status != target_store.ACTIVE:
            return Reply([Problem(turn.t("campaign.reconnect_first", target=target.name))])
        await rows.move_status(
            turn.session,
            [delivery.id],
            from_statuses=(rows.FAILED,),
            status=rows.PENDING,
            due_at=turn.now,
            attempts=0,
            verify_first=False,  # the person pressing Retry has looked: publish
            last_error_kind=None,
            last_error_code=None,
            last_error_message=None,
            last_error_key=None,
            last_error_params=None,
            updated_at=turn.now,
        )
        post.status = PostStatus.PENDING
        notice = Notice(turn.t("campaign.retrying", target=target.name), retire_pressed=True)
        return Reply([notice], later=self._desk.woken())
