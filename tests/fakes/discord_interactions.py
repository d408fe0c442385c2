"""Interactions in the fake Discord: what a user does, and how the bot may answer it.

A test builds an interaction (a slash command, a button press, a select, a modal
submit), the fake pushes it down the gateway as INTERACTION_CREATE and records every
answer: the one callback Discord allows (a second one is refused with 40060, as Discord
does), follow-ups and edits through the interaction's webhook. Messages the answers
create or change live in the same channel store as everything else.
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field
from typing import Any

EPHEMERAL = 1 << 6
ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
MANAGE_EVENTS = 1 << 33
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 31)

# Interaction types and callback types, as Discord numbers them.
APPLICATION_COMMAND, MESSAGE_COMPONENT, MODAL_SUBMIT = 2, 3, 5
CHANNEL_MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE, MODAL = 4, 5, 6, 7, 9


@dataclass(frozen=True)
class FakeMember:
    id: str
    name: str
    permissions: int = MEMBER_PERMISSIONS
    locale: str = "en-US"

    def user(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "username": self.name,
            "discriminator": "0",
            "global_name": self.name,
            "avatar": None,
        }

    def member(self) -> dict[str, Any]:
        return {
            "user": self.user(),
            "roles": [],
            "joined_at": "2026-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "permissions": str(self.permissions),
        }


@dataclass
class FakeInteraction:
    """One interaction and everything the bot answered to it."""

    id: str
    token: str
    payload: dict[str, Any]
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    refused_callbacks: int = 0
    followups: list[dict[str, Any]] = field(default_factory=list)
    edits: list[dict[str, Any]] = field(default_factory=list)
    original_message_id: str | None = None
    answered: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def callback(self) -> dict[str, Any]:
        assert self.callbacks, "the bot did not answer this interaction"
        return self.callbacks[0]

    @property
    def callback_type(self) -> int:
        return int(self.callback["type"])

    @property
    def modal(self) -> dict[str, Any]:
        assert self.callback_type == MODAL, f"answered with type {self.callback_type}, not a modal"
        return dict(self.callback["data"])


def modal_values(modal: dict[str, Any]) -> dict[str, str]:
    """The pre-filled text of every input of a modal, by custom_id."""
    values: dict[str, str] = {}
    for row in modal.get("components") or []:
        inner = row.get("components") or ([row["component"]] if "component" in row else [])
        for component in inner:
            if component.get("type") == 4:
                values[component["custom_id"]] = component.get("value") or ""
    return values


def modal_inputs(modal: dict[str, Any]) -> dict[str, dict[str, Any]]:
    inputs: dict[str, dict[str, Any]] = {}
    for row in modal.get("components") or []:
        inner = row.get("components") or ([row["component"]] if "component" in row else [])
        for component in inner:
            if component.get("type") == 4:
                inputs[component["custom_id"]] = component
    return inputs


def submitted_rows(modal: dict[str, Any], values: dict[str, str]) -> list[dict[str, Any]]:
    """What Discord sends back on submit: the modal's inputs with what the user typed."""
    current = modal_values(modal) | values
    return [
        {"type": 1, "components": [{"type": 4, "custom_id": custom_id, "value": text}]}
        for custom_id, text in current.items()
    ]


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        component
        for row in message.get("components") or []
        for component in row.get("components") or []
        if component.get("type") == 2
    ]


def selects(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        component
        for row in message.get("components") or []
        for component in row.get("components") or []
        if component.get("type") in (3, 8)
    ]


class InteractionIds:
    def __init__(self) -> None:
        self._numbers = itertools.count(1_300_000_000_000_000_000)

    def next(self) -> str:
        return str(next(self._numbers))
