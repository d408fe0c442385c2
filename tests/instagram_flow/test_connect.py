"""/connect instagram: tokens are taken in private chats only, checked, and sealed."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from core.app import App
from core.conversation.messages import Ask, Command, Notice, Problem, Text, Withdraw
from core.crypto import TokenCipher
from core.targets.store import secret_binding
from storage import repositories
from storage.models import Workspace
from tests.campaigns.helpers import ADMIN
from tests.conversation.helpers import AUTHOR, say
from tests.fakes.graph_api import IG_USER_ID, TOKEN, USERNAME, FakeGraphApi
from tests.instagram_flow.helpers import ADMIN_DM, connect_instagram, instagram_targets


async def test_a_group_connects_through_the_admins_private_chat(
    app: App, graph: FakeGraphApi
) -> None:
    connected = await connect_instagram(app)

    assert f"@{USERNAME}" in connected.text
    [target] = await instagram_targets(app)
    async with app.sessions() as session:
        group = await repositories.workspace_for_chat(
            session,
            "test",
            ADMIN.chat_id,
            title=None,
            timezone="Asia/Seoul",
            locale="ko",
            now=app.clock(),
        )
    assert target.workspace_id == group.id  # the group's target, not the private chat's
    assert (target.address, target.status) == (IG_USER_ID, "active")
    assert target.config["login"] == "instagram" and target.config["username"] == USERNAME
    sealed = target.credentials_encrypted or ""
    assert TOKEN not in sealed
    cipher = TokenCipher(app.settings.resolved_secret_key)
    assert cipher.decrypt(sealed, bound_to=secret_binding(target.id)) == TOKEN
    assert [call.endpoint for call in graph.calls] == ["read_user"]
    assert graph.calls[0].bearer  # the token never travels in a URL


async def test_a_token_pasted_in_a_group_is_refused_and_never_used(
    app: App, graph: FakeGraphApi
) -> None:
    for sender in (ADMIN, AUTHOR):  # admin or not, the message must go
        outputs = await say(app, sender, Command("connect", f"instagram {TOKEN}"))
        warning = next(o for o in outputs if isinstance(o, Problem))
        assert "삭제" in warning.message

    assert graph.calls == []
    assert await instagram_targets(app) == []


async def test_a_non_admin_cannot_start_a_connection_for_the_group(app: App) -> None:
    outputs = await say(app, AUTHOR, Command("connect", "instagram"))
    assert any(isinstance(o, Problem) and "관리자" in o.message for o in outputs)
    dm = replace(AUTHOR, chat_id=AUTHOR.user_id, is_group=False)
    reply = await say(app, dm, Text(TOKEN))
    assert not any("@" + USERNAME in getattr(o, "text", "") for o in reply)
    assert await instagram_targets(app) == []


async def test_in_a_private_chat_the_bot_asks_for_the_token_and_accepts_cancel(
    app: App, graph: FakeGraphApi
) -> None:
    asked = await say(app, ADMIN_DM, Command("connect", "instagram"))
    assert isinstance(asked[0], Ask) and "토큰" in asked[0].prompt
    stopped = await say(app, ADMIN_DM, Text("취소"))
    assert isinstance(stopped[0], Notice) and "그만뒀어요" in stopped[0].text
    await say(app, ADMIN_DM, Text(TOKEN))  # no longer awaited: not a token any more
    assert graph.calls == [] and await instagram_targets(app) == []


async def test_a_refused_token_is_explained_and_can_be_pasted_again(
    app: App, graph: FakeGraphApi
) -> None:
    await say(app, ADMIN_DM, Command("connect", "instagram"))
    graph.expire_token()
    [withdrawn, refused] = await say(app, ADMIN_DM, Text(TOKEN))
    assert isinstance(withdrawn, Withdraw)  # a pasted token comes down first
    assert isinstance(refused, Problem) and "토큰" in refused.message
    graph.valid_tokens.add("IGAAT-second-token-0123456789")
    [withdrawn, connected] = await say(app, ADMIN_DM, Text("IGAAT-second-token-0123456789"))
    assert isinstance(withdrawn, Withdraw)
    assert isinstance(connected, Notice) and USERNAME in connected.text
    [target] = await instagram_targets(app)
    async with app.sessions() as session:
        private = (
            await session.execute(select(Workspace).where(Workspace.chat_id == ADMIN.user_id))
        ).scalar_one()
    assert target.workspace_id == private.id  # asked in the private chat: for that chat


async def test_a_facebook_login_token_names_its_account(app: App, graph: FakeGraphApi) -> None:
    pasted = Command("connect", f"instagram {IG_USER_ID} {TOKEN}")
    [withdrawn, connected] = await say(app, ADMIN_DM, pasted)
    assert isinstance(withdrawn, Withdraw)
    assert isinstance(connected, Notice) and USERNAME in connected.text
    [target] = await instagram_targets(app)
    assert target.config["login"] == "facebook"
    assert graph.calls[0].path.startswith("/v25.0/")  # the Facebook-Login (versioned) host


async def test_nonsense_is_not_sent_to_instagram(app: App, graph: FakeGraphApi) -> None:
    [refused] = await say(app, ADMIN_DM, Command("connect", "instagram hello there"))
    assert isinstance(refused, Problem) and "토큰" in refused.message
    assert graph.calls == []
