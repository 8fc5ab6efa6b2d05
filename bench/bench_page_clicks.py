"""Server time of one step click (a full rerun, AppTest) on the graph and inside pages.

    python bench/bench_page_clicks.py [--clicks 30]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from common import ROOT
from streamlit.testing.v1 import AppTest

from nnlib.graph import EXAMPLES, parse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clicks", type=int, default=30)
    args = parser.parse_args()
    print("| example | nodes | steps | median ms per click | max ms |")
    print("|---|---|---|---|---|")
    largest = "sigmoid(" + " + ".join(f"w{i} * x{i}" for i in range(6)) + ")"  # 24 nodes
    for key in [*EXAMPLES, "custom"]:
        text = largest if key == "custom" else EXAMPLES[key].expression
        graph = parse(text)
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
        at.switch_page("pages/graph.py").run()
        at.selectbox(key="graph_example").set_value(key).run()
        if key == "custom":
            at.text_input(key="graph_expression").set_value(text).run()
        total = len(graph.steps())
        times = []
        for click in range(args.clicks):
            label = "Forward" if (click // total) % 2 == 0 else "Back"
            button = next(b for b in at.button if b.label == label)
            started = time.perf_counter()
            button.click().run()
            times.append((time.perf_counter() - started) * 1000)
            assert not at.exception
        print(f"| {key} | {len(graph.nodes)} | {total} | {np.median(times):.1f} | {max(times):.1f} |")
    print()
    inside_page(args.clicks)


def inside_page(clicks: int) -> None:
    print("| inside the network | median ms per click | max ms |")
    print("|---|---|---|")
    for data, hidden, batch in (("toy", "3", 1), ("digits", "16", 4), ("digits", "64, 64", 32)):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        at.switch_page("pages/inside.py").run()
        at.radio(key="inside_data").set_value(data).run()
        at.text_input(key=f"inside_hidden_{data}").set_value(hidden).run()
        if data == "digits":
            at.number_input(key="inside_batch").set_value(batch).run()
        times = []
        for click in range(clicks):
            button = next(b for b in at.button if b.label == ("Forward" if click % 20 < 10 else "Back"))
            started = time.perf_counter()
            button.click().run()
            times.append((time.perf_counter() - started) * 1000)
            assert not at.exception
        sizes = "2-3-2, 1 point" if data == "toy" else f"64-{hidden.replace(', ', '-')}-10, N = {batch}"
        print(f"| {sizes} | {np.median(times):.1f} | {max(times):.1f} |")


if __name__ == "__main__":
    main()
