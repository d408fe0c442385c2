"""The sandbox target: each publication becomes a folder under DATA_DIR/outbox.

It lets the whole loop (approve, schedule, publish, notify) run with no platform
account, and it behaves like a real target where it matters: a delivery is published
at most once (the folder appears by one atomic rename) and `verify` can tell whether
an interrupted attempt went out.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from core.clock import Clock, system_clock
from core.publishers.base import ErrorKind, Journal, Publication, Published, PublishError
from core.publishers.reasons import Reason

FOLDER_FACT = "folder"
_MANIFEST = "post.json"


class SandboxPublisher:
    kind = "sandbox"

    def __init__(self, outbox: Path, *, target_name: str = "", clock: Clock = system_clock):
        self._outbox = outbox
        self._target_name = target_name
        self._clock = clock

    def __repr__(self) -> str:
        return f"<SandboxPublisher {self._outbox}>"

    def folder_for(self, delivery_id: int) -> Path:
        return self._outbox / f"delivery-{delivery_id}"

    async def publish(self, publication: Publication, journal: Journal) -> Published:
        folder = self.folder_for(publication.delivery_id)
        if (folder / _MANIFEST).exists():
            return self._published(folder)
        await journal.record(**{FOLDER_FACT: str(folder)})  # before the irreversible step
        try:
            self._write(folder, publication)
        except OSError as error:
            raise PublishError(
                ErrorKind.TRANSIENT,
                f"could not write to the outbox: {error.strerror}",
                code="io",
                message_key=Reason.OUTBOX_WRITE,
                message_params={"detail": str(error.strerror)},
            ) from error
        return self._published(folder)

    async def verify(self, publication: Publication, journal: Journal) -> Published | None:
        folder = self.folder_for(publication.delivery_id)
        return self._published(folder) if (folder / _MANIFEST).exists() else None

    def _write(self, folder: Path, publication: Publication) -> None:
        folder.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".tmp-"))
        try:
            for number, image in enumerate(publication.images, start=1):
                (scratch / f"{number}.jpg").write_bytes(image)
            manifest = {
                "delivery_id": publication.delivery_id,
                "target": self._target_name,
                "caption": publication.caption,
                "alt_text": publication.alt_text,
                "placement": publication.placement,
                "image_sha256s": list(publication.image_sha256s),
                "published_at": self._clock().astimezone(UTC).isoformat(),
            }
            (scratch / _MANIFEST).write_text(
                json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
            )
            (scratch / "caption.txt").write_text(publication.caption, encoding="utf-8")
            os.rename(scratch, folder)  # atomic; fails if another attempt got there first
        except OSError:
            shutil.rmtree(scratch, ignore_errors=True)
            if (folder / _MANIFEST).exists():
                return
            raise

    def _published(self, folder: Path) -> Published:
        return Published(external_id=str(folder), url=folder.resolve().as_uri())


def published_at(folder: Path) -> datetime:
    """When the sandbox says the publication in `folder` went out."""
    manifest = json.loads((folder / _MANIFEST).read_text(encoding="utf-8"))
    return datetime.fromisoformat(manifest["published_at"])
