""" "📱 Post as story": offered only with Instagram connected, drawn at 9:16, a STORIES post."""

from __future__ import annotations

from core.app import App
from core.conversation.messages import Notice
from storage.media import MediaStore
from tests.campaigns.helpers import approved_event, posts_of
from tests.conversation.helpers import image_size, only
from tests.fakes.graph_api import FakeGraphApi
from tests.instagram_flow.helpers import approved_with_instagram, listen, press


async def test_the_story_choice_needs_an_instagram_account(app: App) -> None:
    _, approved = await approved_event(app)  # the sandbox only
    assert "📱 스토리로 게시" not in [choice.label for choice in approved.choices]


async def test_a_story_is_drawn_at_nine_by_sixteen_and_posted_as_a_story(
    app: App, graph: FakeGraphApi
) -> None:
    notifier = listen(app)
    event_id, _ = await approved_with_instagram(app)

    outputs = await press(app, f"cp:{event_id}:story")

    assert "스토리" in only(outputs, Notice).text
    [post] = await posts_of(app, event_id)
    assert post.layout == "story" and len(post.image_sha256s) == 1
    image = MediaStore(app.settings.data_dir / "media").read(post.image_sha256s[0])
    assert image_size(image) == (1080, 1920)
    assert (await app.publishing.dispatcher.run_due()).published == 1
    [media] = graph.published
    assert media.product_type == "STORY"
    [container] = graph.containers.values()
    assert container.media_type == "STORIES"
    [told] = notifier.outputs
    assert isinstance(told, Notice) and media.permalink in told.text
