"""post once-keys: at most one post per approved image (and kind), whoever presses what

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "post_once_keys",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["post_id"], ["posts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_post_once_keys_post_id", "post_once_keys", ["post_id"])


def downgrade() -> None:
    op.drop_index("ix_post_once_keys_post_id", table_name="post_once_keys")
    op.drop_table("post_once_keys")
