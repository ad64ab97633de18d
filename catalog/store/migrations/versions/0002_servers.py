"""Servers (issue 10): per-server settings, named workloads, watches and the alerts outbox.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
When = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "server_settings",
        sa.Column("guild_id", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("workload", Json, nullable=True),
        sa.Column("providers", Json, nullable=True),
        sa.Column("updated_at", When, nullable=False),
        sa.PrimaryKeyConstraint("guild_id", name="pk_server_settings"),
    )
    op.create_table(
        "workloads",
        sa.Column("guild_id", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("workload", Json, nullable=False),
        sa.Column("updated_at", When, nullable=False),
        sa.PrimaryKeyConstraint("guild_id", "name", name="pk_workloads"),
    )
    op.create_index("ix_workloads_guild_id_key", "workloads", ["guild_id", "key"], unique=True)
    op.create_table(
        "watches",
        sa.Column("id", Id, nullable=False, autoincrement=True),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("label", sa.String(300), nullable=False),
        sa.Column("threshold", sa.String(20), nullable=True),
        sa.Column("created_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", When, nullable=False),
        sa.Column("broken", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_watches"),
    )
    op.create_index("ix_watches_guild_id_channel_id_kind_target", "watches", ["guild_id", "channel_id", "kind", "target"], unique=True)
    op.create_index("ix_watches_kind_target", "watches", ["kind", "target"])
    op.create_table(
        "alerts",
        sa.Column("id", Id, nullable=False, autoincrement=True),
        sa.Column("watch_id", Id, nullable=False),
        sa.Column("change_id", Id, nullable=False),
        sa.Column("version_id", Id, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("not_before", When, nullable=True),
        sa.Column("claimed_by", sa.String(200), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("delivered_at", When, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.ForeignKeyConstraint(["watch_id"], ["watches.id"], name="fk_alerts_watch_id_watches", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["change_id"], ["changes.id"], name="fk_alerts_change_id_changes", ondelete="CASCADE"),
    )
    op.create_index("ix_alerts_watch_id_change_id", "alerts", ["watch_id", "change_id"], unique=True)
    op.create_index("ix_alerts_status_guild_id", "alerts", ["status", "guild_id"])


def downgrade() -> None:
    op.drop_table("alerts")
    op.drop_table("watches")
    op.drop_table("workloads")
    op.drop_table("server_settings")
