"""deliveries: the catalogue key and params of the last error, for the chat's own language

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("last_error_key", sa.String(length=80), nullable=True))
        batch.add_column(sa.Column("last_error_params", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_column("last_error_params")
        batch.drop_column("last_error_key")
