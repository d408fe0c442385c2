"""targets: sealed secrets bound to their row (the target id is the AEAD associated data)

The re-seal needs SECRET_KEY, which storage does not hold: the caller hands a function
(target id, ciphertext) -> ciphertext as `config.attributes["reseal_secret"]` (see
storage.migrate.upgrade). A database with sealed secrets and no such function stops here
with a message instead of being left half-bound.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import context, op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_targets = sa.table(
    "targets",
    sa.column("id", sa.Integer),
    sa.column("credentials_encrypted", sa.Text),
)


def upgrade() -> None:
    connection = op.get_bind()
    sealed = connection.execute(
        sa.select(_targets.c.id, _targets.c.credentials_encrypted).where(
            _targets.c.credentials_encrypted.is_not(None)
        )
    ).all()
    if not sealed:
        return
    reseal = context.config.attributes.get("reseal_secret")
    if reseal is None:
        raise RuntimeError(
            "migration 0010 re-seals stored tokens and needs SECRET_KEY: run `flyerbot migrate`"
        )
    for target_id, ciphertext in sealed:
        connection.execute(
            sa.update(_targets)
            .where(_targets.c.id == target_id)
            .values(credentials_encrypted=reseal(target_id, ciphertext))
        )


def downgrade() -> None:
    """Bound ciphertexts stay bound: older code cannot open them, so there is no way back."""
    raise NotImplementedError("secrets bound to their rows cannot be unbound")
