"""The crawler against hostile servers, and its own attack surface."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.conftest import ROOT


def enabled_extensions() -> list[str]:
    """The extensions a crawler built from the project settings enables (in a child process:
    building one installs Twisted's reactor)."""
    code = textwrap.dedent(
        """
        import json
        from scrapy.crawler import CrawlerProcess
        from scrapy.settings import Settings
        from crawler.spiders.xxgk import XxgkSpider

        settings = Settings()
        settings.setmodule("crawler.settings", priority="project")
        settings.set("LOG_ENABLED", False)
        crawler = CrawlerProcess(settings).create_crawler(XxgkSpider)
        crawler._apply_settings()  # what a crawl does first: builds stats and extensions
        print(json.dumps([type(e).__name__ for e in crawler.extensions.middlewares]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return names


def test_no_remote_control_or_telnet_extension() -> None:
    names = enabled_extensions()
    assert "CoreStats" in names  # the list is real
    assert "RemoteControl" not in names
    assert "TelnetConsole" not in names
