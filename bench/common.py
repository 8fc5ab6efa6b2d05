"""Shared by the benchmarks: the real MNIST files and a plain NumPy loop to compare against."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import nnlib  # noqa: E402

SHARED_MNIST = Path(os.environ.get("BENCH_MNIST_DIR", ROOT.parent / "shared" / "data" / "mnist"))


def mnist(val_size: int = 0) -> nnlib.datasets.Dataset:
    if not SHARED_MNIST.is_dir():
        sys.exit(f"MNIST files not found in {SHARED_MNIST}; set BENCH_MNIST_DIR.")
    return nnlib.datasets.load("mnist", data_dir=SHARED_MNIST, mirrors=[], val_size=val_size)


def plain_numpy_loop(X, T, W1, W2, lr, batch_size, iterations, seed):
    """The shortest honest two-layer ReLU/softmax SGD loop: shuffle per epoch, gather, update."""
    W1, W2 = W1.copy(), W2.copy()
    b1, b2 = np.zeros(W1.shape[1], W1.dtype), np.zeros(W2.shape[1], W2.dtype)
    rng = np.random.default_rng(seed)
    n = len(X)
    order = rng.permutation(n)
    rows = np.arange(batch_size)
    position = 0
    for _ in range(iterations):
        if position + batch_size > n:
            order, position = rng.permutation(n), 0
        index = order[position:position + batch_size]
        position += batch_size
        x, t = X[index], T[index]
        z1 = x @ W1 + b1
        a1 = np.maximum(z1, 0)
        z2 = a1 @ W2 + b2
        e = np.exp(z2 - z2.max(axis=1, keepdims=True))
        dz2 = e / e.sum(axis=1, keepdims=True)
        dz2[rows, t] -= 1
        dz2 /= batch_size
        dW2, db2 = a1.T @ dz2, dz2.sum(axis=0)
        dz1 = (dz2 @ W2.T) * (z1 > 0)
        dW1, db1 = x.T @ dz1, dz1.sum(axis=0)
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
    return W1, b1, W2, b2


def accuracy(X, T, W1, b1, W2, b2) -> float:
    return float(((np.maximum(X @ W1 + b1, 0) @ W2 + b2).argmax(axis=1) == T).mean())


class Timer:
    def __enter__(self):
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.started


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


@contextlib.contextmanager
def app_and_browser():
    """`streamlit run app.py` on a free port (MNIST from SHARED_MNIST) and Debian's Chromium.

    Yields (base URL, server process, Playwright browser)."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = {**os.environ, "BACKPROP_EXPLORER_MNIST_DIR": str(SHARED_MNIST)}
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless=true",
         f"--server.port={port}"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)
            try:
                yield f"http://127.0.0.1:{port}", server, browser
            finally:
                browser.close()
    finally:
        server.terminate()
        server.wait()
