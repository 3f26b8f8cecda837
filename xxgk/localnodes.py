"""Scrapyd nodes on this machine: real ``scrapyd`` daemons on free loopback ports, each in a
working folder of its own (its ``scrapyd.conf``, logs, queue), for the tests, the scale
benchmark and ``xxgk demo --dispatch``. A real node is the same daemon with
``deploy/scrapyd.conf`` under systemd (``deploy/xxgk-scrapyd.service``).

The daemon finds the project without eggs: it is installed in this environment, the node's
``scrapyd.conf`` names it in ``[settings]`` (project ``xxgk`` = ``crawler.settings``) and
``SCRAPY_SETTINGS_MODULE`` lets ``scrapy list`` find it from any folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

CONF = """[scrapyd]
bind_address = 127.0.0.1
http_port = {port}
max_proc = {slots}
poll_interval = {poll}
logs_dir = {folder}/logs
eggs_dir = {folder}/eggs
dbs_dir = {folder}/dbs
items_dir =
jobs_to_keep = 100
finished_to_keep = 1000

[settings]
xxgk = crawler.settings
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LocalNode:
    name: str
    folder: Path
    port: int
    slots: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def toml(self, vantage: str = "this machine, loopback") -> str:
        return (f'[[node]]\nname = "{self.name}"\nurl = "{self.url}"\nslots = {self.slots}\n'
                f'vantage = "{vantage}"\n')  # fmt: skip

    def kill(self) -> None:
        """The node dies at once, with the jobs it runs (its whole process group)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        """Stop the daemon and its jobs: politely, then not."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        # a job the daemon left behind dies with the group
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)


def start_node(folder: Path, name: str, slots: int = 2, poll: float = 0.5) -> LocalNode:
    """Start one ``scrapyd`` in ``folder`` on a free loopback port; wait until it answers."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    (folder / "scrapyd.conf").write_text(
        CONF.format(port=port, slots=slots, poll=poll, folder=folder.resolve()), "utf-8"
    )
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawler.settings", "XXGK_NODE": name}
    env.pop("SCRAPYD_HTTP_PORT", None)
    log = open(folder / "scrapyd.log", "ab")  # noqa: SIM115 - the daemon writes it
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "scrapyd"), "--pidfile", ""],
        cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    log.close()
    node = LocalNode(name, folder, port, slots, process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"scrapyd {name} exited: see {folder / 'scrapyd.log'}")
        try:
            with urllib.request.urlopen(f"{node.url}/daemonstatus.json", timeout=2) as answer:
                if json.loads(answer.read()).get("status") == "ok":
                    return node
        except OSError:
            time.sleep(0.2)
    node.stop()
    raise RuntimeError(f"scrapyd {name} did not answer on {node.url}")


def start_nodes(root: Path, count: int, slots: int = 2, poll: float = 0.5) -> list[LocalNode]:
    """``count`` nodes in ``root/node1``, ``root/node2``…; stop them with ``stop_nodes``."""
    nodes: list[LocalNode] = []
    try:
        for i in range(count):
            nodes.append(start_node(root / f"node{i + 1}", f"node{i + 1}", slots, poll))
    except BaseException:
        stop_nodes(nodes)
        raise
    return nodes


def stop_nodes(nodes: list[LocalNode]) -> None:
    for node in nodes:
        node.stop()


def nodes_toml(
    nodes: list[LocalNode], extra: dict[str, dict[str, str]] | None = None, **settings: object
) -> str:
    """A nodes.toml for these nodes; ``settings`` are its top-level keys, ``extra`` more keys
    of some nodes (by name: spool, push, pull…)."""
    head = "".join(f"{key} = {json.dumps(value)}\n" for key, value in settings.items())
    blocks = [
        node.toml() + "".join(f"{k} = {json.dumps(v)}\n" for k, v in (extra or {}).get(
            node.name, {}).items())
        for node in nodes
    ]  # fmt: skip
    return head + "\n" + "\n".join(blocks)
