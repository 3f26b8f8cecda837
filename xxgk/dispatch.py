"""Crawling past one machine: bundles of sites as jobs on the Scrapyd nodes of ``nodes.toml``.

``xxgk dispatch`` (and ``xxgk nightly --dispatch``) splits the sites into bundles, and each
bundle becomes one Scrapyd job: ``scrapy crawl xxgk -a sites=a,b,…`` in its own process on a
node, one crawler per site side by side (``crawler/commands/crawl.py``), writing a shard — its
own database, WARC files, attachment files, CDXJ index and manifest — into a folder of its own,
never into the archive. Before a job is scheduled, its shard starts as a frontier seed of the
archive (``Archive.seed_frontier``): the node's crawl knows the site's documents, validators
and settled URLs, so incremental crawls work on a node exactly as they do here.

The dispatcher hands bundles to nodes by their free slots, watches ``listjobs.json``, and
collects each finished job's shard once ``Shard.verify`` accepts it. A job is tried again (up
to ``attempts`` times, on another node when there is one) when its node stays unreachable for
``dead_after_seconds`` (the node is then given up for this dispatch), when the node forgets it,
or when it finishes without a whole shard; the partial shard is moved to ``discarded/`` with the
reason, never merged. Whatever happens ends in ``dispatch.json`` beside the shards: every
attempt with its node, job id and outcome, every node with its state. The caller holds the
archive's lock, so two dispatchers never run at once.

Shards are written where the node sees ``spool`` (by default the same path as the dispatcher's
shards folder: one machine, or a shared mount). Nodes without a shared folder name a ``push``
command (seed to node) and a ``pull`` command (shard back), e.g. rsync; see README.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shlex
import shutil
import subprocess
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from store import Archive, Shard, ShardError

SPIDER = "xxgk"
# Settings read from the environment that a job takes from the dispatcher's, not the node's.
PASSED_ON = ("XXGK_KNOWN_STREAK", "XXGK_RECHECK_DAYS")


class NodesError(ValueError):
    """nodes.toml is missing or says something impossible."""


class NodeUnreachable(OSError):
    """A node did not answer (refused, timed out, not Scrapyd)."""


class NodeRefused(RuntimeError):
    """A node answered with an error (``status: error``)."""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- nodes.toml ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    name: str
    url: str
    slots: int = 1
    vantage: str = ""
    spool: str | None = None  # the shards folder as the node sees it (default: the same path)
    push: str | None = None  # command sending a seeded shard folder to the node
    pull: str | None = None  # command bringing a finished shard back from the node
    username: str | None = None  # Scrapyd's basic auth, when the node sets one
    password: str | None = None


@dataclass(frozen=True)
class Nodes:
    nodes: tuple[Node, ...]
    project: str = "xxgk"
    bundle_size: int = 20
    poll_seconds: float = 5.0
    dead_after_seconds: float = 60.0
    attempts: int = 3
    timeout_hours: float = 20.0
    shards: str | None = None


def load_nodes(path: Path) -> Nodes:
    """Read ``nodes.toml`` (see ``deploy/nodes.toml``)."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise NodesError(f"no nodes file at {path}") from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise NodesError(f"{path}: {exc}") from None
    entries = data.pop("node", [])
    if not entries:
        raise NodesError(f"{path}: no [[node]]")
    nodes = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("url"):
            raise NodesError(f"{path}: node {i + 1} needs a url")
        known = {"name", "url", "slots", "vantage", "spool", "push", "pull", "username",
                 "password"}  # fmt: skip
        if set(entry) - known:
            raise NodesError(f"{path}: node {i + 1}: unknown keys {sorted(set(entry) - known)}")
        entry.setdefault("name", urllib.parse.urlsplit(entry["url"]).netloc)
        node = Node(**entry)
        if node.slots < 1:
            raise NodesError(f"{path}: node {node.name} needs at least one slot")
        nodes.append(node)
    if len({n.name for n in nodes}) != len(nodes):
        raise NodesError(f"{path}: two nodes with one name")
    known = {"project", "bundle_size", "poll_seconds", "dead_after_seconds", "attempts",
             "timeout_hours", "shards"}  # fmt: skip
    if set(data) - known:
        raise NodesError(f"{path}: unknown keys {sorted(set(data) - known)}")
    config = Nodes(tuple(nodes), **data)
    if config.bundle_size < 1 or config.attempts < 1:
        raise NodesError(f"{path}: bundle_size and attempts must be at least 1")
    return config


# -- Scrapyd's HTTP API ----------------------------------------------------------------------


class Scrapyd:
    """The few Scrapyd 1.6 calls a dispatch needs."""

    def __init__(self, node: Node, project: str, timeout: float = 10.0) -> None:
        self.node = node
        self.project = project
        self.timeout = timeout

    def _request(self, path: str, body: bytes | None = None) -> urllib.request.Request:
        request = urllib.request.Request(self.node.url.rstrip("/") + path, data=body)
        if self.node.username:
            token = f"{self.node.username}:{self.node.password or ''}".encode()
            request.add_header("Authorization", "Basic " + base64.b64encode(token).decode())
        return request

    def _call(self, path: str, data: list[tuple[str, str]] | None = None) -> dict[str, Any]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with urllib.request.urlopen(self._request(path, body),
                                        timeout=self.timeout) as response:  # fmt: skip
                answer = json.loads(response.read())
        except (OSError, ValueError) as exc:  # refused, reset, timed out, not JSON
            raise NodeUnreachable(f"{self.node.name} ({self.node.url}): {exc}") from exc
        if not isinstance(answer, dict) or answer.get("status") != "ok":
            message = answer.get("message") if isinstance(answer, dict) else answer
            raise NodeRefused(f"{self.node.name}: {message}")
        return answer

    def status(self) -> dict[str, Any]:
        return self._call("/daemonstatus.json")

    def jobs(self) -> dict[str, Any]:
        return self._call(f"/listjobs.json?project={urllib.parse.quote(self.project)}")

    def schedule(self, job_id: str, args: dict[str, str], settings: dict[str, str]) -> None:
        data = [("project", self.project), ("spider", SPIDER), ("jobid", job_id)]
        data += sorted(args.items())
        data += [("setting", f"{k}={v}") for k, v in sorted(settings.items())]
        self._call("/schedule.json", data)

    def cancel(self, job_id: str) -> None:
        self._call("/cancel.json", [("project", self.project), ("job", job_id)])

    def log_tail(self, log_url: str | None, lines: int = 3) -> str:
        """The last error lines of a job's log, for the record (empty when unavailable)."""
        if not log_url:
            return ""
        try:
            request = self._request(log_url)
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                text = answer.read().decode("utf-8", "replace")
        except OSError:
            return ""
        errors = [line for line in text.splitlines() if " ERROR: " in line or "CRITICAL" in line]
        return " | ".join(line[-300:] for line in errors[-lines:])


# -- the dispatch ----------------------------------------------------------------------------


@dataclass
class Attempt:
    job_id: str
    node: str
    scheduled_at: str
    ended_at: str | None = None
    outcome: str = "scheduled"  # scheduled | collected | discarded | lost | cancelled
    reason: str = ""


@dataclass
class Job:
    bundle: int
    sites: list[str]
    state: str = "queued"  # queued | active | collected | failed
    attempts: list[Attempt] = field(default_factory=list)
    shard: str | None = None  # the collected shard's folder
    reason: str = ""  # why it failed

    @property
    def current(self) -> Attempt | None:
        return self.attempts[-1] if self.attempts and self.state == "active" else None


@dataclass
class NodeState:
    node: Node
    state: str = "unknown"  # up | unreachable | dead
    since: float | None = None  # when it stopped answering (monotonic)
    reason: str = ""
    jobs: int = 0  # jobs of this dispatch scheduled there and not yet ended


@dataclass
class DispatchResult:
    dispatch_id: str
    folder: Path
    jobs: list[Job]
    nodes: list[NodeState]
    failed_runs: list[int] = field(default_factory=list)  # crawl runs recorded as failed

    @property
    def shards(self) -> list[Path]:
        return [Path(j.shard) for j in self.jobs if j.state == "collected" and j.shard]

    @property
    def failed(self) -> dict[str, str]:
        """Site -> why it was not crawled."""
        failed = [job for job in self.jobs if job.state == "failed"]
        return {site: job.reason for job in failed for site in job.sites}

    def table(self) -> str:
        lines = ["bundle  state      attempts  node       sites"]
        for job in self.jobs:
            node = job.attempts[-1].node if job.attempts else "-"
            lines.append(
                f"{job.bundle:<7} {job.state:<10} {len(job.attempts):<9} {node:<10} "
                f"{','.join(job.sites)}" + (f"  ({job.reason})" if job.reason else "")
            )
        lines += [f"node {n.node.name}: {n.state}" + (f" ({n.reason})" if n.reason else "")
                  for n in self.nodes if n.state != "up"]  # fmt: skip
        return "\n".join(lines)


def bundles(sites: list[str], size: int) -> list[list[str]]:
    """Sites in bundles of at most ``size``, as even as possible, in site order."""
    count = -(-len(sites) // size) if sites else 0
    return [sites[i::count] for i in range(count)] if count else []


class Dispatcher:
    def __init__(
        self,
        archive: Archive,
        config: Nodes,
        sites: list[str],
        shards_root: Path,
        mode: str = "incremental",
        base_urls: dict[str, str] | None = None,
        log: Callable[[str], None] = print,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.archive = archive
        self.config = config
        self.mode = mode
        self.base_urls = base_urls or {}
        self.log = log
        self.clock = clock
        self.sleep = sleep
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.dispatch_id = f"{stamp}-{uuid.uuid4().hex[:6]}"
        self.folder = shards_root.resolve() / self.dispatch_id
        self.nodes = [NodeState(n) for n in config.nodes]
        self.clients = {n.name: Scrapyd(n, config.project) for n in config.nodes}
        self.jobs = [Job(i + 1, b) for i, b in enumerate(bundles(sites, config.bundle_size))]

    # -- the record ------------------------------------------------------------------------------

    def result(self) -> DispatchResult:
        return DispatchResult(self.dispatch_id, self.folder, self.jobs, self.nodes)

    def record(self) -> None:
        data = {
            "dispatch_id": self.dispatch_id,
            "mode": self.mode,
            "updated_at": now_iso(),
            "nodes": [
                {**asdict(n.node), "password": None, "state": n.state, "reason": n.reason}
                for n in self.nodes
            ],
            "jobs": [asdict(j) for j in self.jobs],
        }
        path = self.folder / "dispatch.json"
        tmp = path.with_suffix(".part")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
        tmp.replace(path)

    # -- nodes ---------------------------------------------------------------------------------

    def _answering(self, state: NodeState) -> None:
        if state.state != "up":
            self.log(f"node {state.node.name} is up")
        state.state, state.since, state.reason = "up", None, ""

    def _silent(self, state: NodeState, reason: str) -> None:
        """A node that did not answer: unreachable for a while, then dead for this dispatch
        (its jobs go elsewhere)."""
        now = self.clock()
        if state.since is None:
            state.since = now
            self.log(f"node {state.node.name} is unreachable: {reason}")
        state.reason = reason
        state.state = "unreachable"
        if now - state.since >= self.config.dead_after_seconds:
            state.state = "dead"
            state.reason = (f"unreachable for {now - state.since:.0f} s, given up for this "
                            f"dispatch: {reason}")  # fmt: skip
            self.log(f"node {state.node.name} given up: {reason}")
            for job in self.jobs:
                attempt = job.current
                if attempt is not None and attempt.node == state.node.name:
                    self._retry(job, "lost", f"its node {state.node.name} died: {reason}")

    def probe(self) -> None:
        for state in self.nodes:
            if state.state == "dead":
                continue
            try:
                self.clients[state.node.name].status()
            except (NodeUnreachable, NodeRefused) as exc:
                self._silent(state, str(exc))
            else:
                self._answering(state)

    # -- jobs ----------------------------------------------------------------------------------

    def _paths(self, job_id: str, node: Node) -> tuple[Path, str]:
        local = self.folder / job_id
        spool = Path(node.spool) / self.dispatch_id if node.spool else self.folder
        return local, str(spool / job_id)

    def _run(self, template: str | None, local: Path, remote: str, what: str) -> None:
        if not template:
            return
        command = template.format(local=shlex.quote(str(local)), remote=shlex.quote(remote))
        done = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=3600)
        if done.returncode != 0:
            raise NodeRefused(f"{what} failed ({done.returncode}): {done.stderr.strip()[-300:]}")

    def schedule(self, job: Job, state: NodeState) -> bool:
        node = state.node
        job_id = f"{self.dispatch_id}-b{job.bundle:03d}-a{len(job.attempts) + 1}"
        local, remote = self._paths(job_id, node)
        try:
            self.archive.seed_frontier(Shard(local), job.sites)
            self._run(node.push, local, remote, "push")
            args = {"sites": ",".join(job.sites), "mode": self.mode}
            urls = {s: self.base_urls[s] for s in job.sites if s in self.base_urls}
            if urls:
                args["base_urls"] = json.dumps(urls)
            settings = {
                "XXGK_DB": f"{remote}/shard.sqlite",
                "XXGK_WARC_DIR": f"{remote}/warc",
                "XXGK_FILES_DIR": f"{remote}/files",
                "XXGK_SHARD": job_id,
                "XXGK_DISPATCH": self.dispatch_id,
                "XXGK_NODE": node.name,
                "XXGK_VANTAGE": node.vantage,
                # the incremental crawl's pace, as this archive's keeper set it
                **{k: os.environ[k] for k in PASSED_ON if os.environ.get(k)},
            }
            self.clients[node.name].schedule(job_id, args, settings)
        except NodeUnreachable as exc:
            shutil.rmtree(local, ignore_errors=True)
            self._silent(state, str(exc))
            return False
        except (NodeRefused, subprocess.TimeoutExpired, OSError) as exc:
            shutil.rmtree(local, ignore_errors=True)
            job.attempts.append(Attempt(job_id, node.name, now_iso(), now_iso(), "refused",
                                        str(exc)))  # fmt: skip
            self._give_up_or_queue(job, f"{node.name} refused the job: {exc}")
            return True
        job.attempts.append(Attempt(job_id, node.name, now_iso()))
        job.state = "active"
        state.jobs += 1
        self.log(f"bundle {job.bundle} ({','.join(job.sites)}) -> {node.name} as {job_id}")
        return True

    def _give_up_or_queue(self, job: Job, reason: str) -> None:
        if len(job.attempts) >= self.config.attempts:
            job.state, job.reason = "failed", f"{len(job.attempts)} attempts; last: {reason}"
            self.log(f"bundle {job.bundle} failed: {job.reason}")
        else:
            job.state = "queued"

    def _end(self, job: Job, outcome: str, reason: str = "") -> Attempt:
        attempt = job.attempts[-1]
        attempt.ended_at, attempt.outcome, attempt.reason = now_iso(), outcome, reason
        for state in self.nodes:
            if state.node.name == attempt.node:
                state.jobs -= 1
        return attempt

    def _retry(self, job: Job, outcome: str, reason: str) -> None:
        """The job's attempt ended without a shard: discard what it wrote, try again."""
        attempt = self._end(job, outcome, reason)
        self.discard(attempt.job_id, reason)
        self.log(f"bundle {job.bundle}: {attempt.job_id} {outcome}: {reason}")
        self._give_up_or_queue(job, reason)

    def discard(self, job_id: str, reason: str) -> None:
        """Move a job's shard folder (partial or refused) to discarded/, with the reason."""
        source = self.folder / job_id
        if not source.exists():
            return
        target = self.folder / "discarded" / job_id
        target.parent.mkdir(parents=True, exist_ok=True)
        source.rename(target)
        (target / "DISCARDED").write_text(f"{now_iso()} {reason}\n", "utf-8")

    def collect(self, job: Job, log_url: str | None) -> None:
        attempt = job.attempts[-1]
        state = next(s for s in self.nodes if s.node.name == attempt.node)
        local, remote = self._paths(attempt.job_id, state.node)
        try:
            self._run(state.node.pull, local, remote, "pull")
            Shard(local).verify()
        except (ShardError, NodeRefused, subprocess.TimeoutExpired, OSError) as exc:
            tail = self.clients[state.node.name].log_tail(log_url)
            self._retry(job, "discarded", f"finished without a whole shard: {exc}"
                        + (f"; log: {tail}" if tail else ""))  # fmt: skip
            return
        self._end(job, "collected")
        job.state, job.shard = "collected", str(local)
        self.log(f"bundle {job.bundle}: shard {attempt.job_id} collected")

    def poll(self) -> None:
        for state in self.nodes:
            active = [j for j in self.jobs
                      if j.current is not None and j.current.node == state.node.name]  # fmt: skip
            if state.state == "dead" or (not active and state.state == "up"):
                continue
            try:
                listed = self.clients[state.node.name].jobs()
            except (NodeUnreachable, NodeRefused) as exc:
                self._silent(state, str(exc))
                continue
            self._answering(state)
            finished = {j["id"]: j for j in listed.get("finished", [])}
            known = finished.keys() | {j["id"] for k in ("pending", "running")
                                       for j in listed.get(k, [])}  # fmt: skip
            for job in active:
                attempt = job.current
                assert attempt is not None
                if attempt.job_id in finished:
                    self.collect(job, finished[attempt.job_id].get("log_url"))
                elif attempt.job_id not in known:
                    self._retry(job, "lost", f"{state.node.name} no longer knows the job "
                                             "(the daemon restarted?)")  # fmt: skip

    def place(self) -> None:
        """Schedule queued jobs on the nodes that are up, most free slots first; a job tried
        before goes elsewhere when it can."""
        for job in [j for j in self.jobs if j.state == "queued"]:
            up = [s for s in self.nodes if s.state == "up" and s.jobs < s.node.slots]
            if not up:
                return
            tried = {a.node for a in job.attempts}
            up.sort(key=lambda s: (s.node.name in tried, -(s.node.slots - s.jobs)))
            self.schedule(job, up[0])

    def run(self) -> DispatchResult:
        self.folder.mkdir(parents=True, exist_ok=True)
        deadline = self.clock() + self.config.timeout_hours * 3600
        self.probe()
        self.record()
        while any(j.state in ("queued", "active") for j in self.jobs):
            if all(s.state == "dead" for s in self.nodes):
                reasons = "; ".join(f"{s.node.name}: {s.reason}" for s in self.nodes)
                for job in self.jobs:
                    if job.state in ("queued", "active"):
                        job.state, job.reason = "failed", f"no node could take it ({reasons})"
                break
            if self.clock() > deadline:
                self.cancel_all(f"not finished within {self.config.timeout_hours} h")
                break
            self.place()
            self.record()
            self.sleep(self.config.poll_seconds)
            self.poll()
            if any(s.state == "unreachable" for s in self.nodes):
                self.probe()
            self.record()
        self.record()
        return self.result()

    def cancel_all(self, reason: str) -> None:
        for job in self.jobs:
            attempt = job.current
            if attempt is not None:
                # the attempt is recorded as cancelled whether or not the node hears it
                with contextlib.suppress(NodeUnreachable, NodeRefused):
                    self.clients[attempt.node].cancel(attempt.job_id)
                self._end(job, "cancelled", reason)
                self.discard(attempt.job_id, reason)
            if job.state in ("queued", "active"):
                job.state, job.reason = "failed", reason


def dispatch(
    archive: Archive,
    config: Nodes,
    sites: list[str],
    shards_root: Path,
    mode: str,
    base_urls: dict[str, str] | None = None,
    log: Callable[[str], None] = print,
) -> DispatchResult:
    """Crawl ``sites`` on the nodes; returns the collected shards and what failed. Sites whose
    bundle failed get a ``failed`` crawl run with the reason, so every site has a run."""
    result = Dispatcher(archive, config, sites, shards_root, mode, base_urls, log).run()
    started = now_iso()
    from crawler.profiles import load_profile

    for site_id, reason in result.failed.items():
        archive.save_site(load_profile(site_id))
        result.failed_runs.append(archive.record_failed_run(
            site_id, started, mode, f"dispatch {result.dispatch_id}: {reason}"))  # fmt: skip
    return result
