"""conversations: a campaign's typed-time question is kept in the row's data

It took over the row's step (`cp:<what>`, the campaign's event in `event_id`, where the
wizard was in `data.resume`); now the wizard's step stays and the question is
`data.campaign_time = {event_id, what}`. Rows asked before this revision are rewritten,
so the organiser's next message still answers the question.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

QUESTION_KEY = QUESTION_STEP = "campaign_time"  # as core.campaigns.typed_time.QUESTION

conversations = sa.table(
    "conversations",
    sa.column("id", sa.Integer),
    sa.column("event_id", sa.Integer),
    sa.column("step", sa.String),
    sa.column("data", sa.JSON),
)


def upgrade() -> None:
    connection = op.get_bind()
    asked = connection.execute(
        sa.select(conversations).where(conversations.c.step.like("cp:%"))
    ).all()
    for row in asked:
        data = dict(row.data or {})
        resume = data.pop("resume", None) or {}
        data[QUESTION_KEY] = {"event_id": row.event_id, "what": row.step.removeprefix("cp:")}
        step = (resume.get("step") or "review") if resume else QUESTION_STEP
        connection.execute(
            sa.update(conversations)
            .where(conversations.c.id == row.id)
            .values(step=step, event_id=resume.get("event_id"), data=data)
        )


def downgrade() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(conversations)).all()
    for row in rows:
        data = dict(row.data or {})
        question = data.pop(QUESTION_KEY, None)
        if not isinstance(question, dict):
            continue
        if row.step != QUESTION_STEP or row.event_id is not None:
            data["resume"] = {"event_id": row.event_id, "step": row.step}
        connection.execute(
            sa.update(conversations)
            .where(conversations.c.id == row.id)
            .values(step=f"cp:{question.get('what')}", event_id=question.get("event_id"), data=data)
        )
