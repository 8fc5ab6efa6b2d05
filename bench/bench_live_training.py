"""Live training in the page vs the headless Trainer, with a real browser watching.

For each case: samples/s of a headless Trainer (wall clock, evaluations included; with
OpenBLAS's default threads and with one thread, as the page's worker uses), then the
same settings started in the app (streamlit run, Chromium through Playwright): the iteration
count is read from the page's status line every 20 ms, giving the in-page samples/s and how
often the charts refresh. Also the server's RSS.

    python bench/bench_live_training.py [--seconds 6]

Needs Debian's chromium and the playwright package; MNIST is read from ../shared/data/mnist.
"""

from __future__ import annotations

import argparse
import re
import time

import numpy as np
from threadpoolctl import threadpool_limits

from common import SHARED_MNIST, app_and_browser, nnlib, rss_mb

CASES = {
    "digits 64-100-10, batch 100": dict(dataset="digits", hidden="100", lr="0.1", batch_size="100",
                                        epochs="1000"),
    "MNIST 784-100-10, batch 100": dict(dataset="mnist", hidden="100", lr="0.1", batch_size="100",
                                        epochs="20"),
}


def headless(query: dict, seconds: float, blas_threads: int | None = None) -> float:
    """Samples/s of a Trainer alone (BLAS threads: the library default, or as given)."""
    with threadpool_limits(limits=blas_threads, user_api="blas"):
        return _headless(query, seconds)


def _headless(query: dict, seconds: float) -> float:
    data = nnlib.datasets.load(query["dataset"], **({"data_dir": SHARED_MNIST, "mirrors": []}
                                                     if query["dataset"] == "mnist" else {}))
    net = nnlib.MLP([data.n_features, int(query["hidden"]), 10], seed=0, dtype=np.float32)
    batch = int(query["batch_size"])
    trainer = nnlib.Trainer(net, data, lr=float(query["lr"]), batch_size=batch,
                            epochs=int(query["epochs"]),
                            eval_every=nnlib.evaluation_interval(len(data.X_train), len(data.X_val), batch))
    started = time.perf_counter()
    trainer.run(seconds=seconds)
    return trainer.iteration * batch / (time.perf_counter() - started)


def in_page(query: dict, seconds: float) -> tuple[float, float, float]:
    with app_and_browser() as (base, server, browser):
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        page.goto(f"{base}/train?" + "&".join(f"{k}={v}" for k, v in query.items()))
        page.get_by_role("button", name="Start").wait_for(timeout=120_000)
        page.get_by_role("button", name="Start").click()
        status = page.locator("strong", has_text="Epoch").locator("..")
        observations, last = [], None
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            text = status.first.inner_text()
            if text != last:
                found = re.search(r"iteration ([\d,]+)", text)
                observations.append((time.perf_counter(), int(found.group(1).replace(",", ""))))
                last = text
            time.sleep(0.02)
        rss = rss_mb(server.pid)
    moving = [(t, i) for t, i in observations if i > 0]
    (t0, i0), (t1, i1) = moving[1], moving[-1]  # from the first refresh after Start
    refresh_hz = (len(moving) - 2) / (t1 - t0)
    return (i1 - i0) * int(query["batch_size"]) / (t1 - t0), refresh_hz, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=6.0)
    args = parser.parse_args()
    print("| case | headless samples/s, all cores / 1 BLAS thread | in-page samples/s | ratio to "
          "each | chart refreshes/s | server RSS MB |")
    print("|---|---|---|---|---|---|")
    for name, query in CASES.items():
        alone = headless(query, args.seconds)
        alone_1 = headless(query, args.seconds, blas_threads=1)
        page_rate, refresh, rss = in_page(query, args.seconds)
        print(f"| {name} | {alone:,.0f} / {alone_1:,.0f} | {page_rate:,.0f} | "
              f"{page_rate / alone:.0%} / {page_rate / alone_1:.0%} | {refresh:.1f} | {rss:.0f} |")


if __name__ == "__main__":
    main()
