"""Time `make reproduce`'s runner against the naive way, side by side, in one run.

The naive way executes the same notebooks one after another with
`jupyter nbconvert --to notebook --execute`, one process per notebook. Both write into
temporary folders, so the committed notebooks are never touched. Prints both times and their
ratio; run it on a warm environment (`make setup` done) with nothing else running.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
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
