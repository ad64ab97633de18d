"""A throwaway PostgreSQL cluster for the tests that need a real one.

``Cluster.start()`` runs ``initdb`` in a temporary folder and ``pg_ctl start`` on a free loopback port,
with the socket in that folder; ``stop()`` stops it and removes the folder. As root (CI and these
sessions), initdb refuses to run, so the cluster is made and run as the ``postgres`` system user
(``runuser``). Authentication: trust on 127.0.0.1 for every role but ``PASSWORD_ROLE``, which must give
``PASSWORD`` (so a wrong password can be tested).

``unavailable()`` says why no cluster can be made here (no PostgreSQL binaries, root without a
``postgres`` user), or None. conftest's fixtures skip with that reason, except under CI (``CI=true``),
where a skip would hide that the storage tests never ran on PostgreSQL: there it is a failure.
"""

from __future__ import annotations

import concurrent.futures
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

PASSWORD_ROLE = "versus_pw"
PASSWORD = "right-horse-battery"
_BINARIES = ("initdb", "pg_ctl", "postgres")


def _bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if all((Path(candidate) / name).exists() for name in _BINARIES):
            return Path(candidate)
    return None


def unavailable() -> str | None:
    """Why a cluster cannot be started here, or None."""
    bindir = _bindir()
    if bindir is None or not all((bindir / name).exists() for name in _BINARIES):
        return "PostgreSQL is not installed (needs initdb, pg_ctl and postgres on PATH)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root, and there is no 'postgres' user to run PostgreSQL as"
        if shutil.which("runuser") is None:
            return "running as root, and there is no runuser to run PostgreSQL as 'postgres'"
    return None


def start_or_skip() -> Cluster:
    """A started cluster; where none can run, ``pytest.skip`` with the reason, and under CI (``CI=true``)
    ``pytest.fail``: there a skip would hide that the storage tests never ran on PostgreSQL."""
    import pytest

    reason = unavailable()
    if reason is not None:
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"CI=true, and the PostgreSQL storage tests cannot run: {reason}", pytrace=False)
        pytest.skip(reason)
    return Cluster.start()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    folder: Path
    port: int
    bindir: Path
    databases: list[str] = field(default_factory=list)

    @classmethod
    def start(cls) -> Cluster:
        bindir = _bindir()
        assert bindir is not None
        folder = Path(tempfile.mkdtemp(prefix="versus-pg-"))
        cluster = cls(folder, free_port(), bindir)
        as_root = os.geteuid() == 0
        if as_root:
            user = pwd.getpwnam("postgres")
            os.chown(folder, user.pw_uid, user.pw_gid)
        try:
            cluster._run("initdb", "-D", str(folder / "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                         "--locale=C", "--no-sync")
            hba = folder / "data" / "pg_hba.conf"
            _append_as_owner(
                hba,
                f"host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256\nhost all all 127.0.0.1/32 trust\n",
                prepend=True,
            )
            cluster.resume()
            cluster.psql(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}' SUPERUSER")
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def pause(self) -> None:
        """Stop the server (as an outage would: every connection dropped), keeping its data (a fast shutdown:
        this cluster runs without fsync, so an immediate one could lose what was committed)."""
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        """Start the server (again) on the same port."""
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-o", options, "-l", str(self.folder / "log"), "-w", "-t", "60", "start")

    def _run(self, binary: str, *args: str) -> str:
        argv = [str(self.bindir / binary), *args]
        if os.geteuid() == 0:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, cwd=self.folder, timeout=120)
        if done.returncode != 0:
            log = (self.folder / "log").read_text(errors="replace")[-2000:] if (self.folder / "log").exists() else ""
            raise RuntimeError(f"{binary} failed ({done.returncode}): {done.stderr.strip()[-2000:]}\n{log}")
        return done.stdout

    def psql(self, sql: str) -> None:
        """Run one statement as the superuser (through asyncpg: no psql needed)."""
        import asyncio

        import asyncpg

        async def run() -> None:
            conn = await asyncpg.connect(host="127.0.0.1", port=self.port, user="postgres", database="postgres")
            try:
                await conn.execute(sql)
            finally:
                await conn.close()

        with concurrent.futures.ThreadPoolExecutor(1) as pool:  # also from inside a running event loop
            pool.submit(asyncio.run, run()).result()

    def url(self, database: str = "postgres", *, user: str = "postgres", password: str | None = None) -> str:
        credentials = user if password is None else f"{user}:{password}"
        return f"postgresql://{credentials}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database's URL."""
        name = f"t_{uuid.uuid4().hex[:16]}"
        self.psql(f"CREATE DATABASE {name}")
        self.databases.append(name)
        return self.url(name)

    def stop(self) -> None:
        if (self.folder / "data" / "postmaster.pid").exists():
            try:
                self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
            except (RuntimeError, subprocess.TimeoutExpired):
                pass
        shutil.rmtree(self.folder, ignore_errors=True)


def _append_as_owner(path: Path, text: str, *, prepend: bool = False) -> None:
    """Rewrite a file of the cluster keeping its owner (root writes it; postgres must read it)."""
    stat = path.stat()
    current = path.read_text()
    path.write_text(text + current if prepend else current + text)
    os.chown(path, stat.st_uid, stat.st_gid)
