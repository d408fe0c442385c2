"""Settings that cannot work, told as one line each instead of a traceback.

`load_settings` turns pydantic's validation errors into `Problem`s: the environment
variable, the value it was given (a secret only by its length) and what is allowed. Any
field validator's message passes through as it is, so a rule added to `Settings` is
reported the same way without touching this module.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

import annotated_types
from pydantic import BaseModel, SecretStr, ValidationError
from pydantic.fields import FieldInfo

from core.settings import Settings

ENV_PREFIX = "FLYERBOT_"
# `user:password@` (in a URL or not): the password is never shown.
_URL_PASSWORD = re.compile(r"([^:/@\s]+:)[^@\s/]*@")


@dataclass(frozen=True)
class Problem:
    """Something in the environment flyerbot cannot start with."""

    subject: str  # the variable, or what is wrong (a file, a directory)
    value: str | None  # as given, masked when secret
    allowed: str  # what would work instead

    def __str__(self) -> str:
        given = f"={self.value}" if self.value is not None else ""
        return f"{self.subject}{given}: {self.allowed}" if self.allowed else self.subject


class ConfigError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def load_settings(**values: Any) -> Settings:
    """Settings from the environment, `.env` and `values`; ConfigError lists every problem."""
    try:
        return Settings(**values)
    except ValidationError as error:
        raise ConfigError(problems_from(error)) from None


def problems_from(error: ValidationError, model: type[BaseModel] = Settings) -> list[Problem]:
    """One problem per error, whatever rule of `model` raised it."""
    fields = model.model_fields
    problems = []
    for item in error.errors(include_url=False):
        name = str(item["loc"][0]) if item["loc"] else None
        field = fields.get(name) if name else None
        if field is None:  # a rule about several settings: its message names them
            problems.append(Problem(_message(item), None, ""))
            continue
        assert name is not None
        problems.append(
            Problem(
                variable_name(name),
                shown(item.get("input"), secret=_is_secret(field)),
                _allowed(item, field),
            )
        )
    return problems


def variable_name(field: str) -> str:
    return f"{ENV_PREFIX}{field.upper()}"


def mask(secret: str) -> str:
    return f"<hidden, {len(secret.encode())} bytes>"


def shown(value: object, *, secret: bool = False) -> str:
    """A value as start-up may print it: a secret by its length, a URL without password."""
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    text = value if isinstance(value, str) else repr(value)
    return mask(text) if secret else repr(_URL_PASSWORD.sub(r"\1***@", text))


def _is_secret(field: FieldInfo) -> bool:
    return SecretStr in _types(field.annotation)


def _types(annotation: Any) -> tuple[Any, ...]:
    """`int`, or the members of `int | None` (without None)."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return tuple(arg for arg in typing.get_args(annotation) if arg is not type(None))
    return (annotation,)


def _allowed(item: Any, field: FieldInfo) -> str:
    """From the field's type and bounds when those explain it, else the validator's words."""
    if item["type"] in ("value_error", "assertion_error"):
        return _message(item)
    kinds = _types(field.annotation)
    if kinds and typing.get_origin(kinds[0]) is Literal:
        return "one of " + ", ".join(repr(option) for option in typing.get_args(kinds[0]))
    if int in kinds or float in kinds:
        noun = "a whole number" if int in kinds else "a number"
        return " ".join([noun, *_bounds(field)])
    return _message(item)


def _bounds(field: FieldInfo) -> list[str]:
    found: dict[str, object] = {}
    for rule in field.metadata:
        for attribute in ("ge", "gt", "le", "lt"):
            if isinstance(rule, getattr(annotated_types, attribute.capitalize())):
                found[attribute] = getattr(rule, attribute)
    if "ge" in found and "le" in found:
        return [f"from {found['ge']} to {found['le']}"]
    words = {"ge": "≥ {}", "gt": "> {}", "le": "≤ {}", "lt": "< {}"}
    return [words[key].format(value) for key, value in found.items()]


def _message(item: Any) -> str:
    message = str(item["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message
