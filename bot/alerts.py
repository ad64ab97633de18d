"""Posting price-change alerts: the outbox's batches of this process's servers, each posted once.

The store queues alerts with each catalog version (``catalog.store.alerts``), whoever stored it: this
bot's own refresh or ``versus catalog refresh`` in another process. ``AlertSender`` (opened with the
store while the bot serves) then, in the background:

1. wakes when a new version is stored (``Store.watch_versions``: PostgreSQL's NOTIFY at once, SQLite
   every ``VERSUS_STORE_POLL_SECONDS``), and every ``poll_seconds`` anyway (alerts left by a process that
   stopped, a batch told to wait);
2. claims the pending batches of the servers on this process's shards (``Outbox.claim``; the claim
   holder names the shards, so a restarted process takes its own claims back at once);
3. posts each as one embed to the watch's channel with Discord's ``nonce`` and ``enforce_nonce``, paced
   (``PACE_SECONDS`` between posts, at most one a second per channel), and marks it sent. A post that
   Discord refuses for the channel (403: no access or permission; 404: the channel is gone) marks the
   watch broken and drops its alerts; a 429 puts the batch back until its retry-after (discord.py waits
   out short ones itself); a network or 5xx failure puts it back with a growing delay. Nothing here ends
   the bot: every failure is one log line.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import time
from typing import Any

import aiohttp
import discord

from bot.render.alerts import alert_embed
from bot.safety import NO_MENTIONS
from bot.servers import workload_text, workload_traffic
from catalog.store.alerts import CLAIM_SECONDS, AlertBatch
from engine.alerts import workload_effects
from engine.cost.traffic import make_traffic

log = logging.getLogger("bot.alerts")

PACE_SECONDS = 0.25
"""At least this long between two posts of one process (four a second, under Discord's global 50)."""
CHANNEL_SECONDS = 1.0
"""At least this long between two posts in one channel (Discord allows five every five seconds)."""
BATCHES_PER_CLAIM = 10
MAX_BACKOFF = 600.0


def retry_after(error: discord.HTTPException, default: float = 5.0) -> float:
    """The seconds a 429 says to wait (its ``Retry-After`` header), else ``default``."""
    headers = getattr(getattr(error, "response", None), "headers", None) or {}
    try:
        seconds = float(headers.get("Retry-After", default))
    except (TypeError, ValueError):
        return default
    return min(max(seconds, 0.0), MAX_BACKOFF) if seconds == seconds else default


class AlertSender:
    """See the module docstring. Use as an async context manager around the bot's life."""

    def __init__(
        self,
        bot: Any,
        *,
        poll_seconds: float | None = None,
        pace_seconds: float = PACE_SECONDS,
        channel_seconds: float = CHANNEL_SECONDS,
        claim_seconds: float = CLAIM_SECONDS,
    ):
        self.bot = bot
        self.poll_seconds = poll_seconds
        self.pace_seconds = pace_seconds
        self.channel_seconds = channel_seconds
        self.claim_seconds = claim_seconds
        self.sent = 0
        self.broken = 0
        self.retried = 0
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._last_post = 0.0
        self._channel_posts: dict[int, float] = {}
        self._failing = False

    @property
    def store(self) -> Any:
        return self.bot.store

    @property
    def holder(self) -> str:
        """Who claims: this host and the shards it runs (a restart with the same shards is the same holder)."""
        ids = self.bot.shard_ids
        shards = "all" if ids is None else ",".join(map(str, sorted(ids)))
        return f"{socket.gethostname()} shards {shards} of {self.bot.shard_count or 1}"

    def shard_filter(self) -> dict[str, Any]:
        ids, count = self.bot.shard_ids, self.bot.shard_count
        if ids is None or not count:
            return {}
        return {"shard_ids": list(ids), "shard_count": count}

    async def __aenter__(self) -> AlertSender:
        self._tasks = [
            asyncio.create_task(self._listen(), name="versus alerts listen"),
            asyncio.create_task(self.run(), name="versus alerts send"),
        ]
        return self

    async def __aexit__(self, *exc: object) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks.clear()

    def wake(self) -> None:
        self._wake.set()

    async def _listen(self) -> None:
        while True:
            try:
                async for _version in self.store.watch_versions(self.poll_seconds):
                    self._wake.set()
            except asyncio.CancelledError:
                raise
            except Exception as error:  # noqa: BLE001 - watched again after a pause
                log.warning("not told of new catalog versions (%s); looking again in 30 s", error.__class__.__name__)
                await asyncio.sleep(30)

    async def run(self) -> None:
        """Claim and post until cancelled (see the module docstring)."""
        poll = self.poll_seconds if self.poll_seconds is not None else getattr(self.store, "poll_seconds", 30.0)
        while True:
            self._wake.clear()
            batches = await self._claim()
            for batch in batches:
                try:
                    await self.deliver(batch)
                except asyncio.CancelledError:
                    raise
                except Exception:  # a bug in one batch must not stop every alert after it
                    log.exception("alert batch %s could not be posted; trying it again later", batch.nonce)
                    await self._retry(batch, self._backoff(batch), "an error")
            if batches:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), poll)

    async def _claim(self) -> list[AlertBatch]:
        try:
            batches = await self.store.outbox.claim(
                self.holder, limit=BATCHES_PER_CLAIM, claim_seconds=self.claim_seconds, **self.shard_filter()
            )
        except Exception as error:  # noqa: BLE001 - the database dropped: tried again at the next wake or poll
            if not self._failing:
                log.warning("cannot read queued alerts (%s); trying again", error.__class__.__name__)
                self._failing = True
            return []
        if self._failing:
            log.info("reading queued alerts again")
            self._failing = False
        return batches

    async def _pace(self, channel_id: int) -> None:
        now = time.monotonic()
        wait = max(self._last_post + self.pace_seconds, self._channel_posts.get(channel_id, 0.0) + self.channel_seconds) - now
        if wait > 0:
            await asyncio.sleep(wait)
        self._last_post = self._channel_posts[channel_id] = time.monotonic()

    async def render(self, batch: AlertBatch) -> discord.Embed:
        """The batch's embed, with what its price changes do to the monthly cost at the server's workload (the
        default workload, said so, when it saved none: the one every answer in the server is priced at)."""
        effects = []
        workload = None
        saved = True
        try:
            settings = await asyncio.wait_for(self.store.servers.settings(batch.watch.guild_id), 5)
        except Exception:  # noqa: BLE001 - the alert goes without the workload line
            settings = None
        if settings is not None:
            saved = settings.workload is not None
            workload = workload_text(settings.workload)
            traffic = workload_traffic(settings.workload) if settings.workload is not None else make_traffic()
            allowed = {p.casefold() for p in settings.providers}
            for model_id in dict.fromkeys(c.model_id for c in batch.changes):
                model = self.bot.catalog.get(model_id)
                if model is None:
                    continue
                for effect in workload_effects(model, batch.changes, traffic):
                    if not allowed or effect.provider.casefold() in allowed:
                        effects.append((model.name, effect))
        return alert_embed(batch, effects, workload, saved=saved)

    async def deliver(self, batch: AlertBatch) -> bool:
        """Post one batch; True when it was posted (or Discord already had it, by its nonce)."""
        watch = batch.watch
        await self._pace(watch.channel_id)
        embed = await self.render(batch)
        channel = self.bot.get_partial_messageable(watch.channel_id, guild_id=watch.guild_id)
        try:
            message = await channel.send(embed=embed, nonce=batch.nonce, allowed_mentions=NO_MENTIONS)
        except discord.Forbidden as error:
            await self._broken(batch, f"the bot may not post there ({error.text or 'Missing Permissions'})")
            return False
        except discord.NotFound:
            await self._broken(batch, "the channel no longer exists")
            return False
        except discord.RateLimited as error:
            await self._retry(batch, error.retry_after, "rate limited")
            return False
        except discord.HTTPException as error:
            if error.status == 429:  # discord.py waited out four already: this one's retry-after is honoured too
                await self._retry(batch, retry_after(error), "rate limited")
            elif error.status >= 500:
                await self._retry(batch, self._backoff(batch), f"Discord answered {error.status}")
            else:  # Discord refused the body itself: posting it again would fail again
                log.error("alert batch %s refused by Discord (%s %s); dropped", batch.nonce, error.status, error.code)
                await self._guard(self.store.outbox.drop(batch))
            return False
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            await self._retry(batch, self._backoff(batch), error.__class__.__name__)
            return False
        self.sent += 1
        await self._guard(self.store.outbox.sent(batch, message.id))  # if this fails, the nonce stops a second post
        return True

    def _backoff(self, batch: AlertBatch) -> float:
        return min(MAX_BACKOFF, 5.0 * 2 ** min(batch.attempts, 10))

    async def _retry(self, batch: AlertBatch, seconds: float, why: str) -> None:
        self.retried += 1
        log.info("alert batch %s not posted (%s); trying again in %.1f s", batch.nonce, why, seconds)
        await self._guard(self.store.outbox.retry(batch, after_seconds=seconds))
        asyncio.get_running_loop().call_later(seconds, self._wake.set)

    async def _broken(self, batch: AlertBatch, reason: str) -> None:
        self.broken += 1
        log.info("watch %s in channel %s marked broken: %s", batch.watch.id, batch.watch.channel_id, reason)
        await self._guard(self.store.servers.mark_broken(batch.watch.id, reason))

    async def _guard(self, work: Any) -> None:
        try:
            await work
        except Exception as error:  # noqa: BLE001 - the claim lapses and the batch is tried again
            log.warning("could not record an alert's outcome (%s); it will be tried again (its nonce stops a repeat)", error.__class__.__name__)
