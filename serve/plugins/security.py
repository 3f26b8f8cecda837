"""Security headers on every page of the archive site.

Archived pages and files come from servers nobody here controls, so a script that slipped into
the archive must not run on its pages. Every response gets a Content-Security-Policy (unless
it set a stricter one itself, as ``/-/archived/`` and ``/-/files/`` do): scripts only from this
site and the few inline scripts Datasette's own templates hold, allowed by their SHA-256 hash
(computed here from the installed Datasette's templates, so an upgrade cannot silently break
the pages); no plugins, no frames of or by other sites, forms and connections only to this
site. Inline styles stay allowed (Datasette's templates and the charts use them; they cannot
run code). Also ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin`` and
``X-Frame-Options: DENY``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import datasette
from datasette import hookimpl

Send = Callable[[dict[str, Any]], Awaitable[None]]

# Template expressions inside Datasette's inline scripts, and every value they render to.
_SCRIPT_VALUES = {"{{ datasette_allow_facet }}": ("true", "false")}
_INLINE_SCRIPT_RE = re.compile(r"<script>(.*?)</script>", re.S)


def inline_script_hashes(template_dirs: list[Path] | None = None) -> list[str]:
    """CSP hash sources of every inline ``<script>`` in the templates, as rendered."""
    dirs = template_dirs or [Path(datasette.__file__).parent / "templates"]
    bodies: set[str] = set()
    for directory in dirs:
        for path in sorted(directory.rglob("*.html")):
            for m in _INLINE_SCRIPT_RE.finditer(path.read_text("utf-8")):
                variants = [m[1]]
                for expr, values in _SCRIPT_VALUES.items():
                    if expr in m[1]:
                        variants = [v.replace(expr, value) for v in variants for value in values]
                bodies.update(v for v in variants if "{{" not in v and "{%" not in v)
    return sorted(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in bodies
    )


def policy() -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' " + " ".join(inline_script_hashes()),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"same-origin",
    b"x-frame-options": b"DENY",
}


def with_headers(app: Any, csp: str) -> Any:
    csp_value = csp.encode("latin-1")

    async def wrapper(scope: dict[str, Any], receive: Any, send: Send) -> None:
        if scope["type"] != "http":
            await app(scope, receive, send)
            return

        async def secured(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", csp_value))
                headers += [(k, v) for k, v in HEADERS.items() if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await app(scope, receive, secured)

    return wrapper


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    csp = policy()

    def wrap(app: Any) -> Any:
        return with_headers(app, csp)

    return wrap
