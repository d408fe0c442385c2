"""Content-addressed file storage: bytes live under DATA_DIR/media by their sha256."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Media

_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class MediaStore:
    """Writes each distinct blob once; the same bytes always get the same address."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def write_file(self, data: bytes) -> str:
        """Store the bytes (atomically: a crash never leaves half a file) and return the hash."""
        digest = sha256_hex(data)
        target = self.path_for(digest)
        if target.exists():
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return digest

    def read(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    async def put(
        self,
        session: AsyncSession,
        data: bytes,
        *,
        mime: str,
        now: datetime,
        width: int | None = None,
        height: int | None = None,
    ) -> str:
        """Store the file and its row (if new) in the caller's transaction."""
        digest = self.write_file(data)
        if await session.get(Media, digest) is None:
            session.add(
                Media(
                    sha256=digest,
                    mime=mime,
                    size=len(data),
                    width=width,
                    height=height,
                    created_at=now,
                )
            )
        return digest


async def forget_rows(session: AsyncSession, sha256s: Sequence[str]) -> None:
    """Delete the Media rows of these hashes (their files are the caller's to remove first)."""
    await session.execute(delete(Media).where(Media.sha256.in_(sha256s)))


def extension_for(mime: str) -> str:
    return _EXTENSIONS.get(mime, ".bin")
