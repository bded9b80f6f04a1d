"""Execute every notebook in a fresh kernel and regenerate every figure (`make reproduce`).

Notebooks run concurrently from one event loop, each in its own fresh kernel started in
the notebook's folder. The Jupyter libraries are imported once, not once per notebook, and
kernels overlap, which is what makes this faster than running `jupyter nbconvert --execute`
once per notebook. Executed copies go to `build/executed/`; the committed
notebooks are rewritten only with `--inplace`, so reproducing never loses a tracked file.

Ctrl-C or SIGTERM stops the run calmly: the event loop runs in a worker thread (so nbclient's
own signal handlers stay out of the way), the main thread cancels it, every kernel is killed,
and one line says which notebooks had finished, which were running and what changed.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import hashlib
import os
import signal
import sys
import threading
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import interrupt
from .paths import BUILD_DIR, FIGURES_DIR, NOTEBOOKS_DIR, PROJECT_ROOT

EXECUTED_DIR = BUILD_DIR / "executed"
CELL_TIMEOUT_S = 600
# ipykernel warns on every start that its loopback TCP channel is unencrypted; the kernel is
# local and short-lived, so only errors are worth printing between the progress lines.
KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]


@dataclass(frozen=True)
class Outcome:
    notebook: str
    seconds: float
    error: str | None


@dataclass
class Progress:
    """What the run has done so far, for the line printed when it is stopped."""

    total: int
    done: list[str] = field(default_factory=list)
    running: list[str] = field(default_factory=list)
    running_when_stopped: list[str] = field(default_factory=list)
    clients: list[Any] = field(default_factory=list)
    kernels: list[Any] = field(default_factory=list)


class Interrupted(Exception):
    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The collection's notebooks, in reading order (their names start with a number)."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def _figure_hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*")) if p.is_file()}


def _write_whole(nb: Any, destination: Path) -> None:
    """Write beside the destination, then rename, so a notebook is never left half-written."""
    import nbformat

    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.partial")
    nbformat.write(nb, partial)
    os.replace(partial, destination)


async def execute(path: Path, destination: Path, progress: Progress | None = None) -> Outcome:
    """Run one notebook top to bottom in a fresh kernel and write the executed copy."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    start = time.perf_counter()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=CELL_TIMEOUT_S,
        record_timing=False,
        extra_arguments=KERNEL_ARGS,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.km = client.create_kernel_manager()
    progress = progress or Progress(1)
    progress.clients.append(client)
    progress.kernels.append(client.km)
    progress.running.append(path.name)
    error = None
    try:
        await client.async_execute()
    except CellExecutionError as exc:
        error = str(exc).strip().splitlines()[-1] if str(exc).strip() else repr(exc)
    finally:
        progress.running.remove(path.name)
    _write_whole(nb, destination)
    progress.done.append(path.name)
    return Outcome(path.name, time.perf_counter() - start, error)


async def _execute_all(paths: list[Path], jobs: int, inplace: bool, out_dir: Path, progress: Progress) -> list[Outcome]:
    """Run up to `jobs` kernels at once from one event loop, printing each result as it lands."""
    gate = asyncio.Semaphore(max(1, jobs))

    async def one(path: Path) -> Outcome:
        async with gate:
            return await execute(path, path if inplace else out_dir / path.name, progress)

    tasks = [asyncio.ensure_future(one(p)) for p in paths]
    outcomes = []
    try:
        for done, next_result in enumerate(asyncio.as_completed(tasks), start=1):
            outcome = await next_result
            status = "ok" if outcome.error is None else f"FAILED: {outcome.error}"
            print(f"[{done}/{len(paths)}] {outcome.notebook}  {outcome.seconds:.1f} s  {status}", flush=True)
            outcomes.append(outcome)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return outcomes


async def _kill_kernels(kernels: list[Any]) -> None:
    for km in kernels:
        try:
            if km.has_kernel:
                await km.shutdown_kernel(now=True)
        except Exception:  # a kernel that is already gone is what we want
            continue


def _run_stoppable(work: Coroutine[Any, Any, list[Outcome]], progress: Progress) -> list[Outcome]:
    """Run `work` in a worker thread's event loop; on SIGINT/SIGTERM cancel it and kill every kernel."""
    loop = asyncio.new_event_loop()
    result: dict[str, Any] = {}
    received: list[int] = []

    def worker() -> None:
        asyncio.set_event_loop(loop)
        task = result["task"] = loop.create_task(work)
        try:
            result["outcomes"] = loop.run_until_complete(task)
        except asyncio.CancelledError:
            pass
        except BaseException as exc:  # re-raised in the main thread
            result["error"] = exc
        finally:
            if received:
                loop.run_until_complete(_kill_kernels(progress.kernels))
                for client in progress.clients:  # a kernel stopped while starting leaves nbclient's exit hook
                    atexit.unregister(client._cleanup_kernel)
            leftovers = asyncio.all_tasks(loop)  # nbclient's kernel pollers
            for leftover in leftovers:
                leftover.cancel()
            loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))
            loop.close()

    def stop() -> None:
        loop.set_exception_handler(lambda _loop, _context: None)  # kernel pollers fail as kernels go
        for client in progress.clients:
            client.shutdown_kernel = "immediate"
        result["task"].cancel()

    def on_signal(signum: int, _frame: Any) -> None:
        if not received:
            received.append(signum)
            progress.running_when_stopped = list(progress.running)
            loop.call_soon_threadsafe(stop)

    previous = {sig: signal.signal(sig, on_signal) for sig in interrupt.SIGNAL_NAMES}
    marker = interrupt.new_marker()
    thread = threading.Thread(target=worker, name="notebooks", daemon=True)
    thread.start()
    try:
        while thread.is_alive():
            thread.join(0.2)
    finally:
        if received:
            interrupt.stop_marked(marker)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if received:
        raise Interrupted(received[0])
    if "error" in result:
        raise result["error"]
    return result["outcomes"]


def _interrupted_line(signum: int, progress: Progress, what_changed: str) -> str:
    running = progress.running_when_stopped
    if running:
        verb = "was" if len(running) == 1 else "were"
        were = f"{' and '.join(running)} {verb} running (kernels stopped)"
    else:
        were = "none was running"
    signame = interrupt.SIGNAL_NAMES.get(signum, str(signum))
    return f"Interrupted ({signame}): {len(progress.done)} of {progress.total} notebooks done; {were}; {what_changed}."


def run(paths: list[Path], jobs: int, inplace: bool, out_dir: Path = EXECUTED_DIR) -> int:
    """Execute `paths`, report progress, rebuild the figure index; the exit status."""
    from .figures import write_figure_index

    before = _figure_hashes(FIGURES_DIR) if FIGURES_DIR.exists() else {}
    watched = [FIGURES_DIR, *paths]
    snapshot = interrupt.snapshot(watched, PROJECT_ROOT)
    started = time.perf_counter()
    target = "in place" if inplace else f"into {out_dir}"
    print(f"Executing {len(paths)} notebook(s), {jobs} at a time, writing executed copies {target}.", flush=True)
    progress = Progress(len(paths))
    try:
        outcomes = _run_stoppable(_execute_all(paths, jobs, inplace, out_dir, progress), progress)
    except Interrupted as stop:
        folders = " or ".join([*sorted({f"{p.parent.name}/" for p in paths}), f"{FIGURES_DIR.name}/"])
        what_changed = interrupt.changes(snapshot, interrupt.snapshot(watched, PROJECT_ROOT), folders)
        print(_interrupted_line(stop.signum, progress, what_changed), file=sys.stderr, flush=True)
        return interrupt.exit_status(stop.signum)
    failures = [o for o in outcomes if o.error]
    write_figure_index()
    after = _figure_hashes(FIGURES_DIR)
    figures = sorted({name.rsplit(".", 1)[0] for name in after if name.endswith(".svg")})
    changed = sorted(name for name, digest in after.items() if before.get(name) != digest)
    elapsed = time.perf_counter() - started
    print(
        f"Done: {len(paths) - len(failures)}/{len(paths)} notebooks ran, {len(figures)} figures in figures/ "
        f"({len(changed)} file(s) new or changed), {elapsed:.1f} s."
    )
    for name in changed:
        print(f"  changed: figures/{name}")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.reproduce", description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to run (default: all in notebooks/)")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks run at once (default 2)")
    parser.add_argument("--inplace", action="store_true", help="rewrite the committed notebooks with fresh outputs")
    parser.add_argument("--output-dir", type=Path, default=EXECUTED_DIR, help="where executed copies go")
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.notebooks] or notebooks()
    if not paths:
        print("No notebooks found in notebooks/.", file=sys.stderr)
        return 1
    return run(paths, args.jobs, args.inplace, args.output_dir.resolve())


if __name__ == "__main__":
    sys.exit(main())
