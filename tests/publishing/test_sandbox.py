"""The sandbox target writes each publication once, atomically, and can verify it."""

from __future__ import annotations

import json
from pathlib import Path

from core.clock import ManualClock
from core.publishers.base import Journal, Publication
from core.publishers.sandbox import SandboxPublisher


def _publication(delivery_id: int = 3) -> Publication:
    return Publication(delivery_id, (b"one", b"two"), ("a" * 64, "b" * 64), "caption #tag", "alt")


async def test_a_publication_becomes_one_folder_with_images_and_caption(
    tmp_path: Path, clock: ManualClock
) -> None:
    publisher = SandboxPublisher(tmp_path / "outbox", target_name="sandbox", clock=clock)
    journal = Journal()
    assert await publisher.verify(_publication(), journal) is None
    published = await publisher.publish(_publication(), journal)

    folder = tmp_path / "outbox" / "delivery-3"
    assert published.external_id == str(folder) and journal.facts["folder"] == str(folder)
    assert (folder / "1.jpg").read_bytes() == b"one" and (folder / "2.jpg").read_bytes() == b"two"
    manifest = json.loads((folder / "post.json").read_text(encoding="utf-8"))
    assert manifest["caption"] == "caption #tag"
    assert manifest["published_at"] == clock.now.isoformat()
    assert await publisher.verify(_publication(), Journal()) == published
    again = await publisher.publish(_publication(), Journal())  # idempotent per delivery
    assert again == published
    assert [p.name for p in (tmp_path / "outbox").iterdir()] == ["delivery-3"]  # no leftovers
