"""Several browser sessions training MNIST at once on one server: progress, isolation, RSS.

    python bench/bench_sessions.py [--sessions 5] [--seconds 20]

Each session opens /train with its own learning rate, presses Start, and is read every
second. Prints iterations reached per session, samples/s per session, and the server's peak
RSS. Needs Debian's chromium and playwright; MNIST is read from ../shared/data/mnist.
"""

from __future__ import annotations

import argparse
import re
import time

from common import app_and_browser, rss_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    peak = 0.0
    rates = [0.3, 0.1, 0.03, 0.01, 0.003, 0.001, 0.2, 0.05][:args.sessions]
    with app_and_browser() as (base, server, browser):
        pages = []
        for lr in rates:  # one browser context each: separate sessions
            page = browser.new_context().new_page()
            page.goto(f"{base}/train?dataset=mnist&hidden=100&batch_size=100&epochs=20&lr={lr}")
            page.get_by_role("button", name="Start").wait_for(timeout=120_000)
            pages.append(page)
        for page in pages:
            page.get_by_role("button", name="Start").click()
        started = time.perf_counter()
        while time.perf_counter() - started < args.seconds:
            peak = max(peak, rss_mb(server.pid))
            time.sleep(1)
        elapsed = time.perf_counter() - started
        print(f"{args.sessions} sessions training MNIST 784-100-10 for {elapsed:.0f} s; "
              f"server peak RSS {peak:.0f} MB\n")
        print("| session | lr | iterations | samples/s | lr in the page's URL |")
        print("|---|---|---|---|---|")
        for number, (page, lr) in enumerate(zip(pages, rates), start=1):
            text = page.locator("strong", has_text="Epoch").locator("..").first.inner_text()
            iterations = int(re.search(r"iteration ([\d,]+)", text).group(1).replace(",", ""))
            found = re.search(r"lr=([\d.e-]+)", page.url)
            shown = found.group(1) if found else "default (0.03)"  # defaults stay out of URLs
            print(f"| {number} | {lr:g} | {iterations:,} | {iterations * 100 / elapsed:,.0f} | "
                  f"{shown} |")


if __name__ == "__main__":
    main()
