"""The alerts outbox keeps one row per watch and catalog version (one message) instead of one per change:
a refresh of 300 changes against 10,000 watches wrote some 200,000 rows, now at most 10,000. Pending alerts
are carried over, grouped; the threshold of each watch at that moment is the one kept.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
When = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "alert_batches",
        sa.Column("id", Id, nullable=False, autoincrement=True),
        sa.Column("watch_id", Id, nullable=False),
        sa.Column("version_id", Id, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("threshold", sa.String(20), nullable=True),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("not_before", When, nullable=True),
        sa.Column("claimed_by", sa.String(200), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("delivered_at", When, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_alert_batches"),
        sa.ForeignKeyConstraint(["watch_id"], ["watches.id"], name="fk_alert_batches_watch_id_watches", ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["version_id"], ["catalog_versions.id"], name="fk_alert_batches_version_id_catalog_versions", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_alert_batches_watch_id_version_id", "alert_batches", ["watch_id", "version_id"], unique=True)
    op.create_index("ix_alert_batches_status_guild_id", "alert_batches", ["status", "guild_id"])
    op.execute(
        """
        INSERT INTO alert_batches (watch_id, version_id, guild_id, channel_id, threshold, changes, status, attempts,
                                   not_before, claimed_by, message_id, delivered_at)
        SELECT a.watch_id, a.version_id, MIN(a.guild_id), MIN(a.channel_id), MIN(w.threshold), COUNT(*),
               CASE WHEN SUM(CASE WHEN a.status = 'pending' THEN 1 ELSE 0 END) > 0 THEN 'pending' ELSE MIN(a.status) END,
               MAX(a.attempts), NULL, NULL, MAX(a.message_id), MAX(a.delivered_at)
        FROM alerts a JOIN watches w ON w.id = a.watch_id
        GROUP BY a.watch_id, a.version_id
        """
    )
    op.drop_table("alerts")


def downgrade() -> None:
    """Back to the per-change outbox, empty: batches still pending are not carried back (their changes would
    have to be matched again), so a downgrade posts no alert queued before it."""
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
    op.drop_table("alert_batches")
