"""`make lab` starts JupyterLab whoever runs it (root included) and prints the URL to open."""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

from analysis.paths import PROJECT_ROOT


def _make_lab(*args: str) -> list[str]:
    return ["make", "--no-print-directory", "-C", str(PROJECT_ROOT), "lab", *args]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page(url: str, until: float) -> str:
    """The page at `url`; the server prints its URL a moment before it accepts connections."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.read().decode()
        except urllib.error.URLError:
            if time.monotonic() > until:
                raise
            time.sleep(0.2)


def test_allow_root_only_for_root():
    as_root = subprocess.run([*_make_lab("USER_ID=0"), "-n"], capture_output=True, text=True, check=True).stdout
    as_user = subprocess.run([*_make_lab("USER_ID=1000"), "-n"], capture_output=True, text=True, check=True).stdout
    assert "jupyter lab --notebook-dir=notebooks" in as_root and "--allow-root" in as_root
    assert "jupyter lab --notebook-dir=notebooks" in as_user and "--allow-root" not in as_user


def test_lab_starts_and_prints_the_url_to_open():
    port = _free_port()
    lab = subprocess.Popen(
        _make_lab(f"LAB_ARGS=--no-browser --port={port} --ServerApp.port_retries=0"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in lab.stdout], daemon=True).start()
    url, seen = None, []
    deadline = time.monotonic() + 120
    try:
        while url is None and time.monotonic() < deadline and lab.poll() is None:
            try:
                seen.append(lines.get(timeout=1))
            except queue.Empty:
                continue
            match = re.search(rf"http://127\.0\.0\.1:{port}/lab\?token=\w+", seen[-1])
            url = match.group(0) if match else None
        assert url, "no URL printed:\n" + "".join(seen)
        assert "JupyterLab" in _page(url, until=time.monotonic() + 60)  # the URL really opens the Lab page
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(timeout=30)
