"""A resumable, deterministic mini-batch trainer.

Determinism: the order of epoch e is a permutation drawn from its own generator seeded with
(seed, e), and evaluations happen at fixed iterations. So the weights and the history depend only
on the settings and the number of steps taken, never on how the steps were split into `run`
calls, time slices or a save and a load.

Divergence: training stops with status "diverged" when a batch loss is not finite, or when it
exceeds DIVERGENCE_FACTOR × max(initial training loss, 1). The second rule catches the learning
rates that blow the loss up to 1e13 without ever producing inf. The failing step's update is
not applied, so the weights stay finite, and `message` says what to do.
"""

from __future__ import annotations

import json
import math
import time
import zipfile
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Callable

import numpy as np

from .datasets import Dataset
from .layers import MeanSquaredError, SigmoidWithLoss, SoftmaxWithLoss
from .network import MLP
from .optim import make_optimizer

DIVERGENCE_FACTOR = 100.0
GRADIENT_EVERY = 10  # steps between records of the per-layer gradient norms
# Overflow or a NaN anywhere in a step raises before the optimiser writes a parameter, so the
# weights kept after divergence are always the last finite ones, at no cost per step.
RAISE_ON_OVERFLOW = dict(over="raise", invalid="raise", divide="raise", under="ignore")
EVAL_CHUNK = 10_000


@dataclass
class History:
    """Per step the batch loss; per evaluation the loss and score on training and validation data.

    The score is the accuracy for classification and R² for regression (see `score_name`).
    """

    score_name: str = "accuracy"
    batch_loss: list[float] = field(default_factory=list)
    eval_iteration: list[int] = field(default_factory=list)
    eval_epoch: list[float] = field(default_factory=list)
    train_loss: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    train_score: list[float] = field(default_factory=list)
    val_score: list[float] = field(default_factory=list)
    gradient_iteration: list[int] = field(default_factory=list)
    gradient_norms: list[list[float]] = field(default_factory=list)  # ‖dW_i‖ per layer

    def series(self) -> dict[str, list]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "score_name"}


def evaluation_interval(n_train: int, n_val: int, batch_size: int, eval_train_size: int = 5_000,
                        budget: float = 0.1) -> int | None:
    """How many steps apart to evaluate so that evaluations cost about `budget` of the training
    time (a forward pass costs about a third of a training step per sample). None means once
    per epoch, which small data sets afford many times over."""
    evaluated = min(n_train, eval_train_size) + n_val
    steps = math.ceil(evaluated / 3 / budget / batch_size)
    per_epoch = math.ceil(n_train / batch_size)
    return None if steps >= per_epoch // 2 else steps


def _whole_number(value, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be a whole number ≥ {minimum}; got {value!r}.")
    return int(value)


def r2_score(T: np.ndarray, Y: np.ndarray) -> float:
    """Coefficient of determination 1 − Σ(t − y)² / Σ(t − mean t)² (0 when t is constant)."""
    total = float(((T - T.mean(axis=0)) ** 2).sum())
    return 0.0 if total == 0 else 1.0 - float(((T - Y) ** 2).sum()) / total


class Trainer:
    """Mini-batch training of `net` on `data`, driven by `step()` or by `run()` in time slices."""

    def __init__(
        self,
        net: MLP,
        data: Dataset,
        optimizer: str = "sgd",
        lr: float = 0.1,
        batch_size: int = 100,
        epochs: int = 10,
        seed: int = 0,
        weight_decay: float = 0.0,
        eval_every: int | None = None,
        eval_train_size: int = 5_000,
        optimizer_options: dict | None = None,
    ):
        self._setup(net, data, optimizer, lr, batch_size, epochs, seed, weight_decay,
                    eval_every, eval_train_size, optimizer_options)
        self._evaluate()
        self._set_initial_loss(self.history.train_loss[0])

    def _set_initial_loss(self, loss: float) -> None:
        self.initial_loss = loss
        self.divergence_threshold = DIVERGENCE_FACTOR * max(loss, 1.0)

    def _setup(self, net, data, optimizer, lr, batch_size, epochs, seed, weight_decay,
               eval_every, eval_train_size, optimizer_options) -> None:
        self.net = net
        self.data = data
        self.settings = dict(
            optimizer=optimizer, lr=lr, batch_size=batch_size, epochs=epochs, seed=seed,
            weight_decay=weight_decay, eval_every=eval_every, eval_train_size=eval_train_size,
            optimizer_options=dict(optimizer_options or {}),
        )
        self.optimizer = make_optimizer(optimizer, lr, weight_decay, **(optimizer_options or {}))
        self.epochs = _whole_number(epochs, "epochs", 1)
        self.seed = _whole_number(seed, "seed", 0)
        if eval_every is not None:
            eval_every = _whole_number(eval_every, "eval_every", 1)
        self.eval_every = eval_every
        _whole_number(batch_size, "The batch size", 1)
        _whole_number(eval_train_size, "eval_train_size", 1)
        self._check_fits(net, data)

        self.X_train = net.check_X(data.X_train)
        self.T_train = net.check_T(data.T_train, self.X_train.shape[0])
        if len(data.X_val):
            self.X_val = net.check_X(data.X_val)
            self.T_val = net.check_T(data.T_val, self.X_val.shape[0])
        else:  # no validation set: its curves stay empty (NaN)
            self.X_val, self.T_val = self.X_train[:0], self.T_train[:0]
        n_train = self.X_train.shape[0]
        self.batch_size = min(int(batch_size), n_train)  # larger than the data: full-batch steps
        self.batches_per_epoch = math.ceil(n_train / self.batch_size)
        self.total_iterations = self.epochs * self.batches_per_epoch
        if n_train > eval_train_size:  # every k-th sample: a view, so no copy per session
            stride = math.ceil(n_train / eval_train_size)
            self.X_eval, self.T_eval = self.X_train[::stride], self.T_train[::stride]
        else:
            self.X_eval, self.T_eval = self.X_train, self.T_train

        self.iteration = 0
        self.status = "ready"
        self.message = ""
        self.elapsed = 0.0  # seconds spent training (inside step and run), evaluations included
        self.eval_seconds = 0.0  # of which evaluations
        self.history = History(
            score_name="R²" if isinstance(net.last_layer, MeanSquaredError) and data.task == "regression"
            else "accuracy"
        )
        self._order_epoch = -1
        self._order = np.empty(0, dtype=np.int64)

    @staticmethod
    def _check_fits(net: MLP, data: Dataset) -> None:
        if net.sizes[0] != data.n_features:
            raise ValueError(
                f"The network has {net.sizes[0]} inputs but the {data.name} data set has "
                f"{data.n_features} features; make the first size {data.n_features}."
            )
        layer = net.last_layer
        if isinstance(layer, SoftmaxWithLoss) and net.sizes[-1] != data.n_classes:
            raise ValueError(
                f"The {data.name} data set has {data.n_classes} classes, so a softmax output "
                f"needs {data.n_classes} units; the network has {net.sizes[-1]}."
            )
        if isinstance(layer, SigmoidWithLoss) and data.task != "binary":
            raise ValueError(
                f"sigmoid_binary_cross_entropy needs two classes; {data.name} is a "
                f"{data.task} data set (use {data.loss})."
            )
        if data.task == "regression" and not isinstance(layer, MeanSquaredError):
            raise ValueError(f"{data.name} is a regression data set: use mean_squared_error.")

    # ---- state ----

    @property
    def epoch(self) -> int:
        """Completed epochs."""
        return self.iteration // self.batches_per_epoch

    @property
    def done(self) -> bool:
        return self.iteration >= self.total_iterations

    @property
    def progress(self) -> float:
        return self.iteration / self.total_iterations

    @property
    def stopped(self) -> bool:
        """True when no further step will be taken (done or diverged)."""
        return self.done or self.status == "diverged"

    # ---- training ----

    def _batch(self, iteration: int) -> tuple[np.ndarray, np.ndarray]:
        epoch, position = divmod(iteration, self.batches_per_epoch)
        if epoch != self._order_epoch:
            self._order = np.random.default_rng([self.seed, epoch]).permutation(len(self.X_train))
            self._order_epoch = epoch
        index = self._order[position * self.batch_size:(position + 1) * self.batch_size]
        return self.X_train[index], self.T_train[index]

    def step(self) -> float | None:
        """One mini-batch update; returns the batch loss (None once stopped)."""
        if self.stopped:
            return None
        started = time.perf_counter()
        with np.errstate(**RAISE_ON_OVERFLOW):
            loss = self._step()
        self.elapsed += time.perf_counter() - started
        return loss

    def _step(self) -> float:
        """The update itself; run() calls it in a loop, inside one errstate."""
        X, T = self._batch(self.iteration)
        try:
            loss, grads = self.net._loss_and_gradient(X, T, record=False)
            if loss > self.divergence_threshold:
                self._diverge(loss)
                return loss
            if self.iteration % GRADIENT_EVERY == 0:
                h = self.history
                h.gradient_iteration.append(self.iteration)
                h.gradient_norms.append([float(np.linalg.norm(grads[f"W{i}"]))
                                         for i in range(1, self.net.n_layers + 1)])
            self.optimizer.update(self.net.params, grads)
        except FloatingPointError:  # raised before the optimiser writes: the weights stay finite
            self._diverge(math.nan)
            return math.nan
        self.iteration += 1
        self.history.batch_loss.append(loss)
        if self.iteration % self.batches_per_epoch == 0 or (
            self.eval_every and self.iteration % self.eval_every == 0
        ):
            self._evaluate()
        if self.iteration >= self.total_iterations:
            self.status = "done"
        return loss

    def run(self, seconds: float | None = None, steps: int | None = None,
            interrupted: Callable[[], bool] | None = None) -> int:
        """Steps until done or diverged, or until `seconds` have passed, `steps` were taken or
        `interrupted()` turns true (checked between steps, so a pause takes effect at once).

        Returns the number of steps taken. Status is "running" meanwhile, then "ready" again
        unless training finished or diverged.
        """
        if self.stopped:
            return 0
        started = time.perf_counter()
        deadline = math.inf if seconds is None else started + seconds
        limit = math.inf if steps is None else steps
        taken = 0
        self.status = "running"
        try:
            with np.errstate(**RAISE_ON_OVERFLOW):
                while self.status == "running" and taken < limit:
                    self._step()
                    taken += 1
                    if seconds is not None and time.perf_counter() >= deadline:
                        break
                    if interrupted is not None and interrupted():
                        break
        finally:
            if self.status == "running":
                self.status = "ready"
            self.elapsed += time.perf_counter() - started
        return taken

    def _diverge(self, loss: float) -> None:
        self.status = "diverged"
        lr = self.optimizer.lr
        where = f"at iteration {self.iteration + 1} (epoch {self.epoch + 1})"
        advice = f"lower the learning rate (now {lr:g}; try {lr / 10:g}) and reset."
        if math.isfinite(loss):
            self.message = (
                f"The loss exploded {where}: {loss:.3g}, more than {DIVERGENCE_FACTOR:g}× its "
                f"starting value {self.initial_loss:.3g}. Training stopped; {advice}"
            )
        else:
            self.message = (
                f"The loss became {loss} (no longer a number) {where}. Training stopped; {advice}"
            )

    # ---- evaluation ----

    def _measure(self, X: np.ndarray, T: np.ndarray) -> tuple[float, float]:
        """Loss and score on (X, T); NaN for an empty set (e.g. MNIST with val_size=0)."""
        if len(X) == 0:
            return math.nan, math.nan
        net = self.net
        with np.errstate(over="ignore", invalid="ignore"):
            scores = np.concatenate([
                net._forward(X[start:start + EVAL_CHUNK], record=False)
                for start in range(0, len(X), EVAL_CHUNK)
            ])
            loss = type(net.last_layer)().forward(scores, T)
        if self.history.score_name == "R²":
            score = r2_score(T.reshape(scores.shape), scores)
        else:
            score = net._accuracy(scores, T)
        return loss, score

    def _evaluate(self) -> None:
        started = time.perf_counter()
        train_loss, train_score = self._measure(self.X_eval, self.T_eval)
        val_loss, val_score = self._measure(self.X_val, self.T_val)
        self.eval_seconds += time.perf_counter() - started
        h = self.history
        h.eval_iteration.append(self.iteration)
        h.eval_epoch.append(self.iteration / self.batches_per_epoch)
        h.train_loss.append(train_loss)
        h.val_loss.append(val_loss)
        h.train_score.append(train_score)
        h.val_score.append(val_score)

    # ---- saving and loading ----

    def save(self, path: str | Path) -> None:
        """Weights, optimiser state, history and position in one .npz file."""
        meta = dict(
            net=self.net.config, settings=self.settings, iteration=self.iteration,
            status=self.status, message=self.message, initial_loss=self.initial_loss,
            elapsed=self.elapsed, score_name=self.history.score_name,
        )
        arrays = {f"param/{k}": v for k, v in self.net.params.items()}
        arrays.update({f"optim/{k}": v for k, v in self.optimizer.state().items()})
        arrays.update({f"history/{k}": np.asarray(v) for k, v in self.history.series().items()})
        np.savez(path, meta=np.array(json.dumps(meta)), **arrays)

    @classmethod
    def load(cls, path: str | Path, data: Dataset) -> "Trainer":
        """Rebuild a trainer saved with `save`; it continues exactly where it stopped."""
        try:
            with np.load(path, allow_pickle=False) as archive:
                meta = json.loads(str(archive["meta"]))
                arrays = {key: archive[key] for key in archive.files if key != "meta"}
        except (OSError, ValueError, KeyError, zipfile.BadZipFile) as error:
            raise ValueError(f"Could not read the saved training run {str(path)!r}: {error}") from None
        net = MLP(**meta["net"])
        net.set_params({k[6:]: v for k, v in arrays.items() if k.startswith("param/")})
        trainer = cls.__new__(cls)
        trainer._setup(net, data, **meta["settings"])
        trainer.optimizer.load_state({k[6:]: v for k, v in arrays.items() if k.startswith("optim/")})
        trainer.iteration = int(meta["iteration"])
        trainer.status = meta["status"]
        trainer.message = meta["message"]
        trainer._set_initial_loss(float(meta["initial_loss"]))
        trainer.elapsed = float(meta["elapsed"])
        history = trainer.history
        for key in history.series():
            values = arrays[f"history/{key}"].tolist()
            setattr(history, key, values)
        return trainer
