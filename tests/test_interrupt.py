"""Ctrl-C or SIGTERM during `make reproduce` or `make test`: one line, no kernel left, no file changed.

The signal goes to real runs: the notebook runner executing three small notebooks (one quick,
two that sleep) in a temporary folder, and a tiny Makefile whose recipe runs a command through
tools/stoppable.py in a terminal, as `make test` does.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from analysis import interrupt
from analysis.paths import FIGURES_DIR, PROJECT_ROOT

SLEEPER = "import os, time\nopen({name!r}, 'w').write(str(os.getpid()))\ntime.sleep(300)"


def _notebooks(folder: Path) -> list[Path]:
    cells = {"01_quick.ipynb": "print('done')", "02_slow.ipynb": SLEEPER, "03_slow.ipynb": SLEEPER}
    paths = []
    for name, source in cells.items():
        nb = new_notebook(cells=[new_code_cell(source.format(name=name + ".pid"))])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / name)
        paths.append(folder / name)
    return paths


def _wait_for(paths: list[Path], timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while not all(p.exists() and p.read_text() for p in paths):
        assert time.monotonic() < deadline, "the kernels did not start"
        time.sleep(0.2)


def _alive(pid: int) -> bool:
    return interrupt._alive(pid)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_runner_stops_with_one_line_and_no_kernel_left(tmp_path, signum):
    paths = _notebooks(tmp_path)
    before = {p: p.read_bytes() for p in paths}
    figures_before = interrupt.snapshot([FIGURES_DIR], PROJECT_ROOT)
    command = [sys.executable, "-m", "analysis.reproduce", "--jobs", "3", "--output-dir", str(tmp_path / "out")]
    # As under `make test`: an enclosing run's marker is in the environment, and a process of
    # that run (here a sleeper) must survive the inner run's clean-up.
    outer = {**os.environ, interrupt.RUN_MARKER: f"outer-{tmp_path.name}"}
    sibling = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"], env=outer)
    run = subprocess.Popen(
        [*command, *map(str, paths)],
        cwd=PROJECT_ROOT,
        start_new_session=True,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=outer,
    )
    pid_files = [tmp_path / "02_slow.ipynb.pid", tmp_path / "03_slow.ipynb.pid"]
    _wait_for([*pid_files, tmp_path / "out" / "01_quick.ipynb"])
    kernels = [int(p.read_text()) for p in pid_files]
    if signum == signal.SIGINT:
        os.killpg(run.pid, signum)  # what Ctrl-C at a terminal does: the whole foreground group
    else:
        run.send_signal(signum)
    stdout, stderr = run.communicate(timeout=120)

    assert run.returncode == 128 + signum
    assert stderr.splitlines() == [
        f"Interrupted ({interrupt.SIGNAL_NAMES[signum]}): 1 of 3 notebooks done; 02_slow.ipynb and "
        "03_slow.ipynb were running (kernels stopped); nothing in "
        f"{tmp_path.name}/ or figures/ was changed."
    ]
    assert "Traceback" not in stdout and len(stdout.splitlines()) == 2  # the heading and [1/3] 01_quick
    assert not [pid for pid in kernels if _alive(pid)], "a kernel outlived the run"
    assert sibling.poll() is None, "the run killed a process of the run enclosing it"
    sibling.kill()
    sibling.wait()
    assert {p: p.read_bytes() for p in paths} == before
    assert interrupt.snapshot([FIGURES_DIR], PROJECT_ROOT) == figures_before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["01_quick.ipynb"]


def _in_terminal(command: list[str], cwd: Path, ready: Path, timeout_s: float = 120) -> tuple[str, int]:
    """Run `command` in a pseudo-terminal, press Ctrl-C once `ready` exists; its output and status."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execvp(command[0], command)
    output = b""
    deadline = time.monotonic() + timeout_s
    pressed = False
    while time.monotonic() < deadline:
        if not pressed and ready.exists() and ready.read_text():
            time.sleep(0.5)
            os.write(fd, b"\x03")
            pressed = True
        if select.select([fd], [], [], 0.1)[0]:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return output.decode(errors="replace"), os.waitstatus_to_exitcode(status)


def test_ctrl_c_under_make_prints_one_line(tmp_path):
    (tmp_path / "kernel.py").write_text(SLEEPER.format(name="kernel.pid"))
    (tmp_path / "run.py").write_text(
        "import subprocess, sys, time\n"
        "subprocess.Popen([sys.executable, 'kernel.py'], start_new_session=True)\n"
        "time.sleep(300)\n"
    )
    (tmp_path / "Makefile").write_text(
        f"slow:\n\t@{sys.executable} {PROJECT_ROOT}/tools/stoppable.py --make-target slow -- {sys.executable} run.py\n"
    )
    output, status = _in_terminal(["make", "--no-print-directory", "slow"], tmp_path, tmp_path / "kernel.pid")
    lines = [line for line in output.replace("^C", "").splitlines() if line.strip()]
    assert status == -signal.SIGINT, output  # make itself ends by SIGINT: 130 at the shell
    assert len(lines) == 1 and lines[0].startswith("Interrupted (SIGINT): make slow stopped after"), output
    assert "nothing in notebooks/ or figures/ or data/ was changed" in lines[0]
    assert not _alive(int((tmp_path / "kernel.pid").read_text())), "the process in its own session outlived the run"
