"""`flyerbot rotate-key` re-seals every stored secret; the migration binds old ones to rows.

Secrets are an Instagram token and a Discord webhook URL, stored the way `/connect` stores
them. The command runs in-process through the CLI's own `main`, with its settings read from
the environment as in production.
"""

from __future__ import annotations

import asyncio
import base64
import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bot.cli import main
from core.app import open_app
from core.crypto import TOKEN_PURPOSE, DecryptionError, TokenCipher, derive_key
from core.settings import Settings
from core.targets import store
from core.targets.ports import CheckedTarget
from storage import db, migrate, repositories
from storage.models import Target
from tests.leaks import TEST_SECRET_KEY, remember

OLD_KEY = TEST_SECRET_KEY
NEW_KEY = "flyerbot-rotated-secret-key-9876543210-zyxw"
INSTAGRAM_TOKEN = "IGAAT-rotation-test-token-0123456789"
WEBHOOK = "https://discord.com/api/webhooks/123456789012345678/rotation-webhook-token-abcdef"
remember(NEW_KEY, INSTAGRAM_TOKEN, WEBHOOK)


def settings_for(tmp_path: Path, database_url: str, key: str, previous: str = "") -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp_path / "data",
        database_url=database_url,
        secret_key=key,
        previous_secret_keys=previous or None,
    )


async def connect_both(settings: Settings) -> None:
    async with open_app(settings, apply_migrations=True) as app, app.sessions.begin() as session:
        cipher = TokenCipher(settings.resolved_secret_key)
        now = app.clock()
        workspace = await repositories.workspace_for_chat(
            session, "test", "chat", title=None, timezone="Asia/Seoul", locale="ko", now=now
        )
        for checked in (
            CheckedTarget("instagram", "17841400000000001", "Instagram @a", secret=INSTAGRAM_TOKEN),
            CheckedTarget("discord_webhook", "123456789012345678", "hook", secret=WEBHOOK),
        ):
            await store.connect(session, workspace.id, checked, cipher=cipher, now=now)


async def sealed_rows(database_url: str) -> list[tuple[int, str]]:
    engine = db.create_engine(database_url)
    try:
        async with engine.connect() as connection:
            query = sa.select(Target.id, Target.credentials_encrypted).order_by(Target.id)
            return [(row[0], row[1]) for row in await connection.execute(query)]
    finally:
        await engine.dispose()


def run_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str, **env: str) -> int:
    for name in list(os.environ):
        if name.startswith("FLYERBOT_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("FLYERBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FLYERBOT_DATABASE_URL", database_url)
    for name, value in env.items():
        monkeypatch.setenv(f"FLYERBOT_{name}", value)
    monkeypatch.chdir(tmp_path)  # no stray .env
    return main(["rotate-key"])


def test_rotate_key_reseals_every_secret_with_the_new_key(
    tmp_path: Path,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    asyncio.run(connect_both(settings_for(tmp_path, database_url, OLD_KEY)))
    before = asyncio.run(sealed_rows(database_url))

    status = run_cli(
        monkeypatch, tmp_path, database_url, SECRET_KEY=NEW_KEY, PREVIOUS_SECRET_KEYS=OLD_KEY
    )

    assert status == 0
    assert "Re-sealed 2 secret(s)" in capsys.readouterr().out
    after = asyncio.run(sealed_rows(database_url))
    new_only, old_only = TokenCipher(NEW_KEY.encode()), TokenCipher(OLD_KEY.encode())
    opened = [new_only.decrypt(s, bound_to=store.secret_binding(i)) for i, s in after]
    assert opened == [INSTAGRAM_TOKEN, WEBHOOK]
    for (target_id, sealed), (_, old) in zip(after, before, strict=True):
        assert sealed != old
        with pytest.raises(DecryptionError):
            old_only.decrypt(sealed, bound_to=store.secret_binding(target_id))

    assert run_cli(monkeypatch, tmp_path, database_url, SECRET_KEY=NEW_KEY) == 0
    assert "Re-sealed 0 secret(s); 2 already current" in capsys.readouterr().out


def test_rotate_key_names_what_no_configured_key_opens(
    tmp_path: Path,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    asyncio.run(connect_both(settings_for(tmp_path, database_url, OLD_KEY)))

    status = run_cli(monkeypatch, tmp_path, database_url, SECRET_KEY=NEW_KEY)  # OLD forgotten

    assert status == 1
    printed = capsys.readouterr()
    assert "FLYERBOT_PREVIOUS_SECRET_KEYS" in printed.err and "targets 1, 2" in printed.err
    assert OLD_KEY not in printed.out + printed.err and NEW_KEY not in printed.out + printed.err


def _unbound(secret_key: str, plaintext: str) -> str:
    """The format stored before binding: version 1, the header as associated data."""
    key = secret_key.encode()
    header = b"\x01" + derive_key(key, "flyerbot/key-fingerprint/v1", 4)
    nonce = os.urandom(12)
    sealed = AESGCM(derive_key(key, TOKEN_PURPOSE)).encrypt(nonce, plaintext.encode(), header)
    return base64.urlsafe_b64encode(header + nonce + sealed).decode().rstrip("=")


async def test_the_migration_binds_secrets_stored_before_binding(database_url: str) -> None:
    engine = db.create_engine(database_url)
    try:
        await migrate.upgrade(engine, "0009")
        async with engine.begin() as connection:
            await connection.execute(
                sa.text(
                    "INSERT INTO workspaces (id, platform, chat_id, timezone, locale, "
                    "default_theme, created_at) VALUES (1, 'test', 'c', 'Asia/Seoul', 'ko', "
                    "'dark', '2026-11-21 06:00:00')"
                )
            )
            await connection.execute(
                sa.text(
                    "INSERT INTO targets (id, workspace_id, kind, address, name, config, "
                    "credentials_encrypted, status, created_at, updated_at) VALUES (5, 1, "
                    "'instagram', '1784', 'ig', '{}', :sealed, 'active', "
                    "'2026-11-21 06:00:00', '2026-11-21 06:00:00')"
                ),
                {"sealed": _unbound(OLD_KEY, INSTAGRAM_TOKEN)},
            )
        with pytest.raises(RuntimeError, match="SECRET_KEY"):
            await migrate.upgrade(engine)  # no key handed in: it stops, nothing half-done
        cipher = TokenCipher(OLD_KEY.encode())
        await migrate.upgrade(engine, reseal=lambda i, s: cipher.reseal(s, bound_to=f"targets/{i}"))
        async with engine.connect() as connection:
            [(sealed,)] = (
                await connection.execute(sa.text("SELECT credentials_encrypted FROM targets"))
            ).all()
    finally:
        await engine.dispose()
    assert cipher.decrypt(sealed, bound_to=store.secret_binding(5)) == INSTAGRAM_TOKEN
    with pytest.raises(DecryptionError):
        cipher.decrypt(sealed, bound_to=store.secret_binding(6))
