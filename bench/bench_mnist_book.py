"""The book's MNIST run (ch. 5, train_neuralnet.py) with nnlib, and MNIST load times.

784-50-10 ReLU, lr 0.1, batch 100, 10 000 iterations of plain SGD on all 60 000 training
images, test accuracy on the official 10 000; the book's init (normal, std 0.01) and He,
5 seeds each. The book reports 96.9 %.

    python bench/bench_mnist_book.py [--seeds 5]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import textwrap

import numpy as np
from common import ROOT, SHARED_MNIST, Timer, mnist, nnlib, plain_numpy_loop

ITERATIONS = 10_000


def load_times() -> tuple[float, float]:
    """First load in a fresh process, then a second one in the same process (nnlib parses again:
    the app keeps the converted data set in st.cache_resource instead)."""
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        import nnlib
        for _ in range(2):
            t = time.perf_counter()
            nnlib.datasets.load("mnist", data_dir={str(SHARED_MNIST)!r}, mirrors=[], val_size=0)
            print(time.perf_counter() - t)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    cold, warm = map(float, out.stdout.split())
    return cold, warm


def floor(data) -> dict[str, float]:
    """What 10 000 iterations cost at the least: the two big matrix products and the gathers."""
    rng = np.random.default_rng(0)
    X = data.X_train
    W1 = rng.normal(0, 0.01, (784, 50)).astype(np.float32)
    dZ1 = rng.normal(size=(100, 50)).astype(np.float32)
    order = np.concatenate([rng.permutation(len(X)) for _ in range(-(-ITERATIONS * 100 // len(X)))])
    batches = [order[i * 100:(i + 1) * 100] for i in range(ITERATIONS)]
    with Timer() as gather:
        for index in batches:
            X[index]
    x = X[batches[0]]
    with Timer() as products:
        for _ in range(ITERATIONS):
            x @ W1
            x.T @ dZ1
    return {"batch gathers X[index]": gather.seconds, "X·W1 and Xᵀ·dZ1": products.seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    cold, warm = load_times()
    data = mnist(val_size=0)
    epochs = -(-ITERATIONS * 100 // len(data.X_train))  # enough epochs to cover the iterations
    print(f"MNIST load (parse + verify the gzip files + convert): first in a fresh process "
          f"{cold:.2f} s, again in that process {warm:.2f} s\n")
    for what, seconds in floor(data).items():
        print(f"{ITERATIONS} × {what} alone: {seconds:.2f} s")
    print()
    print(f"784-50-10 ReLU, lr 0.1, batch 100, {ITERATIONS} iterations of SGD, float32, "
          f"{len(data.X_train)} training images; book: 96.9 %\n")
    print("| init | seed | test accuracy | Trainer wall s | of which evaluations | plain loop s |")
    print("|---|---|---|---|---|---|")
    for init in ("normal", "he"):
        accuracies = []
        for seed in range(args.seeds):
            net = nnlib.MLP([784, 50, 10], init=init, seed=seed, dtype=np.float32)
            W1, W2 = net.params["W1"].copy(), net.params["W2"].copy()
            with Timer() as t:
                trainer = nnlib.Trainer(net, data, lr=0.1, batch_size=100, epochs=epochs, seed=seed)
                trainer.run(steps=ITERATIONS)
            with Timer() as plain:
                plain_numpy_loop(data.X_train, data.T_train, W1, W2, 0.1, 100, ITERATIONS, seed)
            accuracy = net.accuracy(data.X_test, data.T_test)
            accuracies.append(accuracy)
            print(f"| {init} | {seed} | {accuracy:.2%} | {t.seconds:.2f} | "
                  f"{trainer.eval_seconds:.2f} | {plain.seconds:.2f} |")
        print(f"| {init} | mean ± sd | {np.mean(accuracies):.2%} ± {np.std(accuracies):.2%} | | | |")


if __name__ == "__main__":
    main()
