"""A member's effective permissions in a Discord channel, computed the way Discord does.

Needed on /connect: flyerbot checks that the bot may post there (and that the person
connecting may too) before accepting a channel, instead of failing on the first post.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ADMINISTRATOR = 1 << 3
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
ALL = (1 << 53) - 1
TO_PUBLISH = VIEW_CHANNEL | SEND_MESSAGES | ATTACH_FILES
TO_POST = VIEW_CHANNEL | SEND_MESSAGES

NAMES = {VIEW_CHANNEL: "View Channel", SEND_MESSAGES: "Send Messages", ATTACH_FILES: "Attach Files"}


@dataclass(frozen=True)
class Overwrite:
    id: str
    type: int  # 0 role, 1 member
    allow: int
    deny: int


def channel_permissions(
    *,
    guild_id: str,
    owner_id: str,
    role_permissions: Mapping[str, int],
    member_id: str,
    member_roles: Iterable[str],
    overwrites: Iterable[Overwrite],
) -> int:
    """Base permissions from roles, then @everyone, role and member overwrites, in order."""
    if member_id == owner_id:
        return ALL
    roles = set(member_roles)
    permissions = role_permissions.get(guild_id, 0)
    for role in roles:
        permissions |= role_permissions.get(role, 0)
    if permissions & ADMINISTRATOR:
        return ALL
    by_id = {overwrite.id: overwrite for overwrite in overwrites}
    everyone = by_id.get(guild_id)
    if everyone is not None:
        permissions = (permissions & ~everyone.deny) | everyone.allow
    allow = deny = 0
    for overwrite in by_id.values():
        if overwrite.type == 0 and overwrite.id in roles:
            allow |= overwrite.allow
            deny |= overwrite.deny
    permissions = (permissions & ~deny) | allow
    member = by_id.get(member_id)
    if member is not None and member.type == 1:
        permissions = (permissions & ~member.deny) | member.allow
    return permissions


def missing(permissions: int, needed: int) -> list[str]:
    """Plain names of the needed permissions that are not granted."""
    return [name for bit, name in NAMES.items() if needed & bit and not permissions & bit]
