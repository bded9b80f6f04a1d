"""What the browser saw on each page of the reading edition, kept until one of the page's files changes.

A page's browser checks (layout, images, fonts, axe-core) depend only on the files the browser
loaded for that page, on the checking scripts and on the browser. A visit therefore records
the SHA-256 of every file the page requested from the site, and a later run reuses what was
seen only while each of those files, and the checks themselves (`tool`: the test module, this
module, axe-core and the Chromium version), are byte for byte the same. A changed notebook
re-visits its own page; a changed stylesheet, script or font re-visits every page that loads
it. `FRESH=1` (`make test FRESH=1`) re-visits every page. A clean clone has no record, so CI
always visits everything.

The observations are stored, not the verdicts: the tests assert on them each run.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.parse
from collections.abc import Iterable
from pathlib import Path

SITE_TOKEN = "http://site.invalid"  # stands for the ephemeral http://127.0.0.1:PORT of a run


def fresh_requested() -> bool:
    """FRESH=1 in the environment: ignore what earlier runs saw."""
    return os.environ.get("FRESH", "").strip().lower() in {"1", "true", "yes"}


def digest_of(parts: Iterable[bytes]) -> str:
    """One SHA-256 over several byte strings, each length-prefixed so boundaries count."""
    sha = hashlib.sha256()
    for part in parts:
        sha.update(len(part).to_bytes(8, "big"))
        sha.update(part)
    return sha.hexdigest()


class VisitStore:
    """Observations per page visit, each valid while the files it was made from are unchanged."""

    def __init__(self, path: Path, html_dir: Path, tool: str, fresh: bool = False):
        self.path, self.html_dir, self.tool = path, html_dir, tool
        self.visits: dict[str, dict] = {}
        self.reused_keys: list[str] = []
        self.visited_keys: list[str] = []
        self._digests: dict[str, str | None] = {}
        if not fresh and path.exists():
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stored = {}
            if stored.get("tool") == tool:
                self.visits = stored.get("visits", {})

    def file_for(self, url: str, site: str) -> str | None:
        """The site file a same-origin request reads (relative to the HTML folder), else None."""
        if not url.startswith(site + "/"):
            return None
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        return path

    def _digest(self, relative: str) -> str | None:
        if relative not in self._digests:
            target = self.html_dir / relative
            self._digests[relative] = hashlib.sha256(target.read_bytes()).hexdigest() if target.is_file() else None
        return self._digests[relative]

    def reuse(self, key: str, site: str) -> dict | None:
        """What an earlier run saw for `key`, with this run's site address, if no file it read has changed."""
        stored = self.visits.get(key)
        if stored is None or not stored["files"]:
            return None
        if any(self._digest(relative) != sha for relative, sha in stored["files"].items()):
            return None
        self.reused_keys.append(key)
        return json.loads(json.dumps(stored["seen"]).replace(SITE_TOKEN, site))

    def record(self, key: str, seen: dict, requested: Iterable[str], site: str) -> None:
        """Keep what a visit saw, with the digests of the files its page requested."""
        files = sorted({f for f in (self.file_for(url, site) for url in requested) if f is not None})
        self.visits[key] = {
            "files": {relative: self._digest(relative) for relative in files},
            "seen": json.loads(json.dumps(seen).replace(site, SITE_TOKEN)),
        }
        self.visited_keys.append(key)

    def save(self, keys: Iterable[str]) -> None:
        """Write the record for `keys` (the pages that exist now), replacing the file whole."""
        kept = {key: self.visits[key] for key in sorted(keys) if key in self.visits}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f".{self.path.name}.partial")
        payload = {
            "tool": self.tool,
            "last_run": {"reused": len(self.reused_keys), "visited": len(self.visited_keys)},
            "visits": kept,
        }
        partial.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(partial, self.path)
