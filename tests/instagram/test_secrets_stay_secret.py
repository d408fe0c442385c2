"""The access token never shows up in logs, exception text, or URLs."""

from __future__ import annotations

import logging

import pytest

from core.publishers.base import Journal, PublishError
from core.publishers.instagram import InstagramPublisher
from tests.fakes.graph_api import TOKEN, FakeGraphApi, GraphErrorReply, LostReply, ServerError
from tests.instagram.conftest import publication


async def test_token_is_in_no_log_line_exception_or_url(
    publisher: InstagramPublisher,
    graph: FakeGraphApi,
    shas: list[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    texts: list[str] = []
    # Meta echoing the token back in an error message must not leak it either.
    graph.inject("create_container", GraphErrorReply(100, None, f"Bad parameter near {TOKEN}"))
    graph.inject("container_status", ServerError())
    graph.inject("media_publish", LostReply())
    journal = Journal()
    for _ in range(3):
        try:
            await publisher.publish(publication(shas[:1]), journal)
        except PublishError as error:
            texts += [str(error), error.user_message, repr(error)]
    await publisher.verify(publication(shas[:1]), journal)
    graph.expire_token()
    with pytest.raises(PublishError) as caught:
        await publisher.publish(publication(shas[:1]), Journal())
    texts += [str(caught.value), caught.value.user_message]

    assert len(texts) == 11
    assert caplog.records  # the steps were logged...
    assert TOKEN not in caplog.text  # ...without the token
    assert all(TOKEN not in text for text in texts)
    assert all(call.bearer and TOKEN not in call.path for call in graph.calls)
    assert TOKEN not in repr(publisher)
