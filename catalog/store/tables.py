"""The store's tables, as SQLAlchemy Core metadata (the same on SQLite and PostgreSQL).

The migrations under ``migrations/versions`` create exactly these; a test compares the two on both
databases. Times are UTC; SQLite keeps them without a zone and ``UtcDateTime`` gives it back.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A point in time, stored as UTC and always read back with its zone (SQLite keeps none)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect) -> dt.datetime | None:  # type: ignore[no-untyped-def]
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a naive datetime cannot be stored: give it a time zone")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect) -> dt.datetime | None:  # type: ignore[no-untyped-def]
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


Json = JSON().with_variant(JSONB(), "postgresql")
Id = BigInteger().with_variant(Integer(), "sqlite")  # SQLite's rowid alias must be INTEGER

source_snapshots = Table(
    "source_snapshots",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("source", String(40), nullable=False),  # models-dev | openrouter | litellm | genai-prices
    Column("label", String(200), nullable=False),  # e.g. "LiteLLM 1.110.2"
    Column("version", String(100), nullable=True),  # a release tag or commit, where the source has one
    Column("url", Text, nullable=False),  # where it was fetched from
    Column("fetched_at", UtcDateTime, nullable=False),
    Column("etag", Text, nullable=True),
    Column("last_modified", Text, nullable=True),
    Column("sha256", String(64), nullable=False),
    Column("count", Integer, nullable=False),  # models (or entries) it lists
    Column("payload", LargeBinary, nullable=False),  # gzip, as the caller produced it
    Index(None, "source", "id"),
)

catalog_versions = Table(
    "catalog_versions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("as_of", Date, nullable=False),
    Column("models", Integer, nullable=False),
    Column("routes", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),  # of the payload
    Column("sources", Json, nullable=False),
    Column("summary", Text, nullable=False),
    Column("payload", LargeBinary, nullable=True),  # gzip JSON of the catalog; NULL once pruned (KEEP_VERSIONS)
)

changes = Table(
    "changes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("version_id", Id, ForeignKey("catalog_versions.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("model_id", String(200), nullable=False),
    Column("model_name", String(300), nullable=False),
    Column("vendor", String(200), nullable=False),
    Column("date", Date, nullable=False),
    Column("source", String(300), nullable=False),
    Column("source_url", Text, nullable=False),
    Column("provider", String(200), nullable=True),
    Column("field", String(100), nullable=True),
    Column("old", Text, nullable=True),
    Column("new", Text, nullable=True),
    Index(None, "version_id"),
    Index(None, "date"),
    Index(None, "vendor"),
    Index(None, "model_id"),
)

leases = Table(
    "leases",
    metadata,
    Column("name", String(100), primary_key=True),  # e.g. "refresh"
    Column("holder", String(200), nullable=False),  # host:pid:random, one per holding
    Column("expires_at", UtcDateTime, nullable=False),
)
"""Named leases, for SQLite (PostgreSQL uses advisory locks): held while ``expires_at`` is ahead, renewed
by the holder, taken over once it has passed (a holder that died lets go by itself)."""


# -- servers (issue 10): settings, named workloads, watches and the alerts outbox ----------------------
# A server's rows all carry its guild id; deleting a server deletes every row of it (``Servers.forget``).

Guild = BigInteger()  # Discord ids are 64-bit (SQLite's INTEGER is too)

server_settings = Table(
    "server_settings",
    metadata,
    Column("guild_id", Guild, primary_key=True, autoincrement=False),
    Column("workload", Json, nullable=True),  # Workload.to_json(); NULL: the defaults
    Column("providers", Json, nullable=True),  # a list of provider names; NULL: every provider
    Column("updated_at", UtcDateTime, nullable=False),
)

workloads = Table(
    "workloads",
    metadata,
    Column("guild_id", Guild, primary_key=True, autoincrement=False),
    Column("name", String(40), primary_key=True),  # as typed, trimmed; unique without regard to case (key)
    Column("key", String(40), nullable=False),
    Column("workload", Json, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index(None, "guild_id", "key", unique=True),
)

watches = Table(
    "watches",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("guild_id", Guild, nullable=False),
    Column("channel_id", Guild, nullable=False),
    Column("kind", String(20), nullable=False),  # model | vendor | everything
    Column("target", String(200), nullable=False),  # a model id, a vendor's casefolded name, or "*"
    Column("label", String(300), nullable=False),  # how it is shown: the model's or vendor's name
    Column("threshold", String(20), nullable=True),  # percent, as decimal text; NULL: every change
    Column("created_by", Guild, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("broken", Text, nullable=True),  # why the bot cannot post there; NULL: it can
    Index(None, "guild_id", "channel_id", "kind", "target", unique=True),
    Index(None, "kind", "target"),
)

alert_batches = Table(
    "alert_batches",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("watch_id", Id, ForeignKey("watches.id", ondelete="CASCADE"), nullable=False),
    Column("version_id", Id, ForeignKey("catalog_versions.id", ondelete="CASCADE"), nullable=False),
    Column("guild_id", Guild, nullable=False),
    Column("channel_id", Guild, nullable=False),
    Column("threshold", String(20), nullable=True),  # the watch's threshold when queued (it may change later)
    Column("changes", Integer, nullable=False),  # how many of the version's changes the watch wants
    Column("status", String(10), nullable=False),  # pending | sent | dropped
    Column("attempts", Integer, nullable=False),
    Column("not_before", UtcDateTime, nullable=True),  # claimed, or told to wait (429), until then
    Column("claimed_by", String(200), nullable=True),
    Column("message_id", Guild, nullable=True),
    Column("delivered_at", UtcDateTime, nullable=True),
    Index(None, "watch_id", "version_id", unique=True),
    Index(None, "status", "guild_id"),
)
"""The outbox: one row per watch and catalog version whose changes it wants (one message), queued in the
transaction that stores the version, marked sent (or dropped, when the channel is gone) by the process
that owns the server's shard. Which changes it holds is worked out again from the version's changes and
the watch's target and threshold as queued (``catalog.store.alerts.concerns``), so a refresh that raises
thousands of alerts writes one row per watch, not one per change."""
