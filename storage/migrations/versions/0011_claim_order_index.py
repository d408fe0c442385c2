"""deliveries: the claim's index runs (status, due_at, id), the claim's own order

With the id in the index, a claim of the first N due deliveries in (due_at, id) order
reads N index entries and stops, however many are due; without it, deliveries sharing a
due moment had to be read and sorted all together.

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.create_index("ix_deliveries_status_due_id", ["status", "due_at", "id"])
        batch_op.drop_index("ix_deliveries_status_due")


def downgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.create_index("ix_deliveries_status_due", ["status", "due_at"])
        batch_op.drop_index("ix_deliveries_status_due_id")
