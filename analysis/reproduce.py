"""Execute every notebook in a fresh kernel and regenerate every figure (`make reproduce`).

Notebooks run concurrently from one event loop, each in its own fresh kernel started in
the notebook's folder. The Jupyter libraries are imported once, not once per notebook, and
kernels overlap, which is what makes this faster than running `jupyter nbconvert --execute`
once per notebook. Executed copies go to `build/executed/`; the committed
notebooks are rewritten only with `--inplace`, so reproducing never loses a tracked file.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .paths import BUILD_DIR, FIGURES_DIR, NOTEBOOKS_DIR

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


def notebooks(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The collection's notebooks, in reading order (their names start with a number)."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def _figure_hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*")) if p.is_file()}


async def execute(path: Path, destination: Path) -> Outcome:
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
    error = None
    try:
        await client.async_execute()
    except CellExecutionError as exc:
        error = str(exc).strip().splitlines()[-1] if str(exc).strip() else repr(exc)
    destination.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, destination)
    return Outcome(path.name, time.perf_counter() - start, error)


async def _execute_all(paths: list[Path], jobs: int, inplace: bool, out_dir: Path) -> list[Outcome]:
    """Run up to `jobs` kernels at once from one event loop, printing each result as it lands."""
    gate = asyncio.Semaphore(max(1, jobs))

    async def one(path: Path) -> Outcome:
        async with gate:
            return await execute(path, path if inplace else out_dir / path.name)

    outcomes = []
    for done, next_result in enumerate(asyncio.as_completed([one(p) for p in paths]), start=1):
        outcome = await next_result
        status = "ok" if outcome.error is None else f"FAILED: {outcome.error}"
        print(f"[{done}/{len(paths)}] {outcome.notebook}  {outcome.seconds:.1f} s  {status}", flush=True)
        outcomes.append(outcome)
    return outcomes


def run(paths: list[Path], jobs: int, inplace: bool, out_dir: Path = EXECUTED_DIR) -> int:
    """Execute `paths`, report progress, rebuild the figure index; the exit status."""
    from .figures import write_figure_index

    before = _figure_hashes(FIGURES_DIR) if FIGURES_DIR.exists() else {}
    started = time.perf_counter()
    target = "in place" if inplace else f"into {out_dir}"
    print(f"Executing {len(paths)} notebook(s), {jobs} at a time, writing executed copies {target}.", flush=True)
    outcomes = asyncio.run(_execute_all(paths, jobs, inplace, out_dir))
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
