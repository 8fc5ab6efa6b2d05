"""Seconds per epoch on MNIST 784-100-10 ReLU, batch 100, lr 0.1, SGD, float32:
nnlib's Trainer vs the shortest plain NumPy loop vs scikit-learn's MLPClassifier, in one run.

    python bench/bench_train.py [--epochs 3]
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np
from common import Timer, accuracy, mnist, nnlib, plain_numpy_loop  # noqa: I001
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier


def run_trainer(data, epochs):
    """Timed from construction (which evaluates once) to the end, evaluations included."""
    global last_eval_seconds
    net = nnlib.MLP([784, 100, 10], activation="relu", init="he", seed=0, dtype=np.float32)
    with Timer() as t:
        trainer = nnlib.Trainer(net, data, lr=0.1, batch_size=100, epochs=epochs, seed=0)
        trainer.run()
    last_eval_seconds = trainer.eval_seconds
    return t.seconds, net.accuracy(data.X_test, data.T_test)


def run_trainer_steps_only(data, epochs):
    """The same run minus the time its evaluations took (the plain loop evaluates nothing)."""
    seconds, accuracy = run_trainer(data, epochs)
    return seconds - last_eval_seconds, accuracy


def run_plain(data, epochs):
    net = nnlib.MLP([784, 100, 10], activation="relu", init="he", seed=0, dtype=np.float32)
    iterations = epochs * len(data.X_train) // 100
    with Timer() as t:
        params = plain_numpy_loop(data.X_train, data.T_train, net.params["W1"], net.params["W2"],
                                  0.1, 100, iterations, seed=0)
    return t.seconds, accuracy(data.X_test, data.T_test, *params)


def run_sklearn(data, epochs):
    sk = MLPClassifier(
        hidden_layer_sizes=(100,), activation="relu", solver="sgd", learning_rate_init=0.1,
        batch_size=100, momentum=0.0, nesterovs_momentum=False, alpha=0.0, max_iter=epochs,
        shuffle=True, random_state=0, tol=0.0, n_iter_no_change=10**9,
    )
    with Timer() as t, warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        sk.fit(data.X_train, data.T_train)
    return t.seconds, sk.score(data.X_test, data.T_test)


last_eval_seconds = 0.0
RUNS = {"nnlib Trainer": run_trainer, "nnlib Trainer, evaluations excluded": run_trainer_steps_only,
        "plain NumPy loop": run_plain,
        "scikit-learn MLPClassifier": run_sklearn}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    data = mnist(val_size=0)
    seconds = {name: [] for name in RUNS}
    accuracy_of = {}
    for _ in range(args.repeats):  # interleaved, so machine noise hits every contestant alike
        for name, run in RUNS.items():
            elapsed, accuracy_of[name] = run(data, args.epochs)
            seconds[name].append(elapsed / args.epochs)
    base = np.median(seconds["plain NumPy loop"])
    print(f"MNIST 784-100-10 ReLU, batch 100, lr 0.1, SGD, float32, {len(data.X_train)} training "
          f"images; {args.epochs} epochs × {args.repeats} interleaved repeats; test accuracy on "
          f"{len(data.X_test)} after {args.epochs} epochs\n")
    print("Evaluations: one at the start and one per epoch, on a 5000-image training subset.\n")
    print("| implementation | s/epoch (median) | min – max | vs plain loop | test accuracy |")
    print("|---|---|---|---|---|")
    for name, values in seconds.items():
        median = np.median(values)
        print(f"| {name} | {median:.3f} | {min(values):.3f} – {max(values):.3f} | "
              f"{median / base:.2f}× | {accuracy_of[name]:.2%} |")


if __name__ == "__main__":
    main()
