"""Stopping a long run calmly: what the run changed, and no process left behind.

`make reproduce` and `make test` start Jupyter kernels in sessions of their own, so a Ctrl-C
at the terminal never reaches them. Every process of a run carries the run's marker in the
`RUN_MARKER` variable of its environment; when the run is stopped, whatever still carries that
marker is killed. Runs nest (`make test` runs the runner in a test), so the variable holds the
markers of every enclosing run and each run kills only what carries its own.

This module imports nothing from the package, so tools/stoppable.py can load it without
paying for pandas and matplotlib.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
import uuid
from pathlib import Path

RUN_MARKER = "ANALYSIS_RUN_MARKER"
SIGNAL_NAMES = {signal.SIGINT: "SIGINT", signal.SIGTERM: "SIGTERM"}


def snapshot(watched: list[Path], root: Path) -> dict[str, str]:
    """A digest of every watched file and every file under a watched folder, keyed by path from `root`."""
    digests = {}
    for top in watched:
        for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
            if path.is_file() and "__pycache__" not in path.parts and ".ipynb_checkpoints" not in path.parts:
                resolved = path.resolve()
                key = resolved.relative_to(root) if resolved.is_relative_to(root) else resolved
                digests[str(key)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def changes(before: dict[str, str], after: dict[str, str], names: str) -> str:
    """One clause saying which watched files (in the folders `names`) a run changed, added or removed."""
    touched = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    if not touched:
        return f"nothing in {names} was changed"
    shown = ", ".join(touched[:3]) + (f" and {len(touched) - 3} more" if len(touched) > 3 else "")
    return f"{len(touched)} file(s) in {names} were replaced whole: {shown}"


def new_marker() -> str:
    """Start a run: a fresh marker, added to this process's environment for its children."""
    marker = uuid.uuid4().hex
    os.environ[RUN_MARKER] = " ".join(filter(None, [os.environ.get(RUN_MARKER), marker]))
    return marker


def _marked_processes(marker: str) -> list[int]:
    prefix = f"{RUN_MARKER}=".encode()
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if int(entry.name) == os.getpid():
                continue
            for variable in (entry / "environ").read_bytes().split(b"\0"):
                if variable.startswith(prefix) and marker in variable[len(prefix) :].decode().split():
                    found.append(int(entry.name))
        except (OSError, ValueError):
            continue
    return found


def stop_marked(marker: str, grace_s: float = 3.0) -> None:
    """Terminate every process carrying `marker`, then kill what is still there after `grace_s`."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = _marked_processes(marker)
        for pid in pids:
            try:
                os.kill(pid, sig)
            except OSError:
                continue
        deadline = time.monotonic() + grace_s
        while pids and time.monotonic() < deadline:
            time.sleep(0.05)
            pids = [pid for pid in pids if _alive(pid)]
        if not pids:
            return


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def exit_status(signum: int) -> int:
    """128 + the signal number, except under a `make` that is itself dying of Ctrl-C: then 0.

    At the terminal, Ctrl-C reaches make too; make waits for its recipe and then ends by
    SIGINT itself, so the shell still sees 130. A failing recipe would only add make's own
    "*** [target] Error 130" below the one line already printed. make has stopped catching
    SIGINT (its handler is back to the default) exactly when it is dying of it.
    """
    if signum != signal.SIGINT:
        return 128 + signum
    parent = os.getppid()
    try:
        name = Path(f"/proc/{parent}/comm").read_text().strip()
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{parent}/status").read_text().splitlines())
        caught, ignored = (int(fields[key].strip(), 16) >> (signum - 1) & 1 for key in ("SigCgt", "SigIgn"))
    except (OSError, KeyError, ValueError):
        return 128 + signum
    return 0 if name == "make" and not caught and not ignored else 128 + signum
