"""Time `make reproduce`'s runner against the naive way, side by side, in one run.

The naive way executes the same notebooks one after another with
`jupyter nbconvert --to notebook --execute`, one process per notebook. Both write into
temporary folders, so the committed notebooks are never touched. Prints both times and their
ratio; run it on a warm environment (`make setup` done) with nothing else running.

With `--setup` (`make benchmark-setup`) it times instead how long a first `make setup` takes,
each from an empty virtual environment in a temporary folder, one after the other in the same
run: the unlocked pip install that `make setup` used before the lock, then `make setup` on the
lock with pip (`INSTALLER=pip`), then with uv. `--cold` also starts each from empty download caches.

With `--test` (`make benchmark-test`) it times `make test` three ways, one after the other:
opening every page of the reading edition in the browser (`FRESH=1`, as a first run does),
then reusing what the browser saw on unchanged pages, twice, then with one page changed (a
comment appended to the built HTML of one notebook, restored afterwards; nothing tracked is
touched).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def _unlocked_pip_setup(venv: Path, env: dict[str, str]) -> float:
    """The recipe `make setup` ran before the lock: pip resolves requirements.txt afresh."""
    python = str(venv / "bin" / "python")
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", "requirements.txt", "-e", "."],
        [python, "-c", "import matplotlib.pyplot"],
    ]
    return sum(timed(step, env) for step in steps)


def setup_times(cold: bool) -> int:
    """Time a first `make setup` three ways, each into its own empty virtual environment."""
    ways = {
        "before the lock: pip install -r requirements.txt": None,
        "make setup INSTALLER=pip (locked, hashes)": "pip",
        "make setup (uv, locked, hashes)": "uv",
    }
    results = {}
    print(f"{'':52s} {'wall':>8s} {'CPU':>8s}  (CPU: user + system time of every process, less sensitive to load)")
    for label, installer in ways.items():
        with tempfile.TemporaryDirectory(prefix="setup-bench-") as tmp:
            env = dict(os.environ)
            if cold:
                env.update(PIP_CACHE_DIR=f"{tmp}/pip-cache", UV_CACHE_DIR=f"{tmp}/uv-cache")
            venv = Path(tmp) / "venv"
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu_before = usage.ru_utime + usage.ru_stime
            if installer is None:
                results[label] = _unlocked_pip_setup(venv, env)
            else:
                command = ["make", "--no-print-directory", "setup", f"VENV={venv}", f"INSTALLER={installer}"]
                results[label] = timed(command, env)
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = usage.ru_utime + usage.ru_stime - cpu_before
            print(f"{label:52s} {results[label]:6.1f} s {cpu:6.1f} s", flush=True)
    print(f"{'download caches':52s} {'empty' if cold else 'as left by earlier runs'}")
    before, uv = results[next(iter(ways))], results["make setup (uv, locked, hashes)"]
    print(f"uv against the unlocked pip install: {before / uv:.1f}x faster")
    return 0


def _machine_cpu() -> float:
    """CPU-seconds the whole machine has spent busy; counts Chromium's processes, which rusage misses."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:8]
    user, nice, system, _idle, _iowait, irq, softirq = map(int, fields)
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def _timed_with_cpu(command: list[str]) -> tuple[float, float]:
    before = _machine_cpu()
    wall = timed(command)
    return wall, _machine_cpu() - before


def test_times() -> int:
    """Time `make test`: every book page opened, then pages reused, then one page changed."""
    from analysis import book

    make = ["make", "--no-print-directory", "test"]
    subprocess.run([*make[:2], "setup"], cwd=ROOT, check=True)
    html = book.ensure_built() / "notebooks" / f"{book.notebooks()[5].stem}.html"
    original = html.read_bytes()
    runs = [
        ("every page opened (make test FRESH=1)", [*make, "FRESH=1"], None),
        ("unchanged pages reused (make test)", make, None),
        ("unchanged pages reused, again", make, None),
        (f"one page changed ({html.name})", make, original + b"<!-- changed -->\n"),
    ]
    print(f"{'':44s} {'wall':>8s} {'CPU':>8s}  (CPU: busy time of the whole machine; run it with nothing else running)")
    walls = {}
    try:
        for label, command, page in runs:
            if page is not None:
                html.write_bytes(page)
            walls[label], cpu = _timed_with_cpu(command)
            print(f"{label:44s} {walls[label]:6.1f} s {cpu:6.1f} s", flush=True)
    finally:
        html.write_bytes(original)
    fresh, reused = walls[runs[0][0]], min(walls[runs[1][0]], walls[runs[2][0]])
    print(f"reusing unchanged pages against opening every page: {fresh / reused:.2f}x faster")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup", action="store_true", help="time a first `make setup` (pip before the lock, pip, uv)")
    parser.add_argument("--cold", action="store_true", help="with --setup: start from empty download caches")
    parser.add_argument("--test", action="store_true", help="time `make test`: every book page opened, then reused")
    args = parser.parse_args()
    if args.setup:
        return setup_times(args.cold)
    if args.test:
        return test_times()
    notebooks = sorted(str(p) for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    with tempfile.TemporaryDirectory() as naive_dir, tempfile.TemporaryDirectory() as ours_dir:
        naive = sum(
            timed([str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute", "--output-dir", naive_dir, nb])
            for nb in notebooks
        )
        ours = timed([sys.executable, "-m", "analysis.reproduce", "--jobs", "2", "--output-dir", ours_dir])
    print(f"{len(notebooks)} notebooks")
    print(f"naive (nbconvert --execute, one at a time): {naive:6.1f} s")
    print(f"make reproduce runner (2 parallel kernels):  {ours:6.1f} s")
    print(f"speed-up: {naive / ours:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
