"""The one permission policy, decided from the two facts a frontend supplies."""

from __future__ import annotations

import pytest

from core.conversation.messages import Sender
from core.permissions import Act, may


def _sender(*, group: bool, admin: bool, asked: list[str]) -> Sender:
    async def is_chat_admin() -> bool:
        asked.append("admin?")
        return admin

    return Sender("test", "chat", "user", is_group=group, is_chat_admin=is_chat_admin)


@pytest.mark.parametrize(
    ("act", "is_author", "member", "admin"),
    [
        (Act.REVIEW, True, True, True),  # the author shapes and approves their own draft
        (Act.REVIEW, False, False, True),  # someone else's draft: admins only
        (Act.PUBLISH, True, False, True),  # sending to the group's targets: admins only
        (Act.PUBLISH, False, False, True),
        (Act.MANAGE_TARGETS, True, False, True),
        (Act.CHANGE_SETTINGS, True, False, True),
    ],
)
async def test_in_a_group(act: Act, is_author: bool, member: bool, admin: bool) -> None:
    asked: list[str] = []
    assert await may(_sender(group=True, admin=False, asked=asked), act, is_author=is_author) is (
        member
    )
    assert await may(_sender(group=True, admin=True, asked=asked), act, is_author=is_author) is (
        admin
    )


@pytest.mark.parametrize("act", list(Act))
async def test_a_private_chat_is_one_person_who_may_do_everything(act: Act) -> None:
    asked: list[str] = []
    assert await may(_sender(group=False, admin=False, asked=asked), act)
    assert asked == []  # no platform call needed


async def test_the_author_is_not_asked_about_admin_rights_to_review() -> None:
    asked: list[str] = []
    assert await may(_sender(group=True, admin=False, asked=asked), Act.REVIEW, is_author=True)
    assert asked == []
