"""Run a long command (`make test` runs pytest through it) so that Ctrl-C stops it calmly.

The command runs in a process group of its own. On SIGINT or SIGTERM this wrapper stops that
group, then every process the run started elsewhere (Jupyter kernels live in sessions of their
own; they carry the run's marker in their environment), and prints one line instead of the
tracebacks of pytest, its workers and the kernels. Exit status: the command's own, or 128 plus
the signal number when it was stopped (see `analysis.interrupt.exit_status` for Ctrl-C under make).

    python tools/stoppable.py --make-target test -- python -m pytest ...

The Makefile recipe must stay free of quotes and other shell syntax, so that make runs this
wrapper itself rather than through a shell (which would report the Ctrl-C a second time).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WATCHED = [ROOT / "notebooks", ROOT / "figures", ROOT / "data"]
# Loaded from its file: importing the `analysis` package would load pandas and matplotlib first.
_spec = importlib.util.spec_from_file_location("analysis_interrupt", ROOT / "analysis" / "interrupt.py")
interrupt = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(interrupt)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--make-target", default="", help="the make target that runs this, for the one line")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")

    received: list[int] = []
    for sig in interrupt.SIGNAL_NAMES:
        signal.signal(sig, lambda signum, _frame: received.append(signum))
    marker = interrupt.new_marker()
    before = interrupt.snapshot(WATCHED, ROOT)
    started = time.monotonic()
    child = subprocess.Popen(command, start_new_session=True)
    while child.poll() is None and not received:
        time.sleep(0.1)
    if not received:
        return child.returncode if child.returncode >= 0 else 128 - child.returncode

    for sig in interrupt.SIGNAL_NAMES:
        signal.signal(sig, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
    try:
        os.killpg(child.pid, signal.SIGTERM)
        child.wait(timeout=5)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
    interrupt.stop_marked(marker)
    names = " or ".join(f"{folder.name}/" for folder in WATCHED)
    what = f"make {args.make_target}" if args.make_target else command[0]
    what_changed = interrupt.changes(before, interrupt.snapshot(WATCHED, ROOT), names)
    print(
        f"Interrupted ({interrupt.SIGNAL_NAMES[received[0]]}): {what} stopped after "
        f"{time.monotonic() - started:.0f} s; its processes and kernels are stopped; {what_changed}.",
        file=sys.stderr,
        flush=True,
    )
    return interrupt.exit_status(received[0])


if __name__ == "__main__":
    sys.exit(main())
