"""The catalog's tables: source snapshots, catalog versions, their changes, and leases.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "source_snapshots",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("version", sa.String(100), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_source_snapshots"),
    )
    op.create_index("ix_source_snapshots_source_id", "source_snapshots", ["source", "id"])

    op.create_table(
        "catalog_versions",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("models", sa.Integer(), nullable=False),
        sa.Column("routes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("sources", Json, nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_catalog_versions"),
    )

    op.create_table(
        "changes",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("version_id", Id, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("model_id", sa.String(200), nullable=False),
        sa.Column("model_name", sa.String(300), nullable=False),
        sa.Column("vendor", sa.String(200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("source", sa.String(300), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=False),
        sa.Column("provider", sa.String(200), nullable=True),
        sa.Column("field", sa.String(100), nullable=True),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_changes"),
        sa.ForeignKeyConstraint(
            ["version_id"], ["catalog_versions.id"], name="fk_changes_version_id_catalog_versions", ondelete="CASCADE"
        ),
    )
    for column in ("version_id", "date", "vendor", "model_id"):
        op.create_index(f"ix_changes_{column}", "changes", [column])

    op.create_table(
        "leases",
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_leases"),
    )


def downgrade() -> None:
    op.drop_table("leases")
    for column in ("model_id", "vendor", "date", "version_id"):
        op.drop_index(f"ix_changes_{column}", "changes")
    op.drop_table("changes")
    op.drop_table("catalog_versions")
    op.drop_index("ix_source_snapshots_source_id", "source_snapshots")
    op.drop_table("source_snapshots")
