"""Optimisers that update parameters in place, as in the book's common/optimizer.py.

L2 weight decay (λ) adds λ·W to the gradient of every weight matrix W (never to a bias), which is
the gradient of the penalty (λ/2)·ΣW².
"""

from __future__ import annotations

import abc
import math

import numpy as np

from .registry import lookup


def _is_weight(key: str) -> bool:
    return key.startswith("W")


class Optimizer(abc.ABC):
    """Base: checks the settings and applies weight decay; subclasses define `_step`."""

    def __init__(self, lr: float = 0.01, weight_decay: float = 0.0):
        self.lr = check_learning_rate(lr)
        if not _finite_number(weight_decay) or weight_decay < 0:
            raise ValueError(f"weight_decay must be a number ≥ 0; got {weight_decay!r}.")
        self.weight_decay = float(weight_decay)

    def update(self, params: dict[str, np.ndarray], grads: dict[str, np.ndarray]) -> None:
        for key, param in params.items():
            grad = grads[key]
            if self.weight_decay and _is_weight(key):
                grad = grad + self.weight_decay * param
            self._step(key, param, grad)
        self._after_update()

    @abc.abstractmethod
    def _step(self, key: str, param: np.ndarray, grad: np.ndarray) -> None:
        """Update one parameter array in place."""

    def _after_update(self) -> None:
        pass

    def state(self) -> dict[str, np.ndarray]:
        """Everything needed to resume exactly (saved beside the weights)."""
        return {}

    def load_state(self, state: dict[str, np.ndarray]) -> None:
        pass


class SGD(Optimizer):
    """W ← W − η·dW"""

    def update(self, params, grads):
        if self.weight_decay:
            super().update(params, grads)
            return
        lr = self.lr
        for key, param in params.items():  # the hot path of plain SGD: no call per parameter
            param -= lr * grads[key]

    def _step(self, key, param, grad):
        param -= self.lr * grad


class Momentum(Optimizer):
    """v ← α·v − η·dW;  W ← W + v"""

    def __init__(self, lr: float = 0.01, weight_decay: float = 0.0, momentum: float = 0.9):
        super().__init__(lr, weight_decay)
        if not _finite_number(momentum) or not 0 <= momentum < 1:
            raise ValueError(f"momentum must lie in [0, 1); got {momentum!r}.")
        self.momentum = float(momentum)
        self.v: dict[str, np.ndarray] = {}

    def _step(self, key, param, grad):
        if key not in self.v:
            self.v[key] = np.zeros_like(param)
        v = self.v[key]
        v *= self.momentum
        v -= self.lr * grad
        param += v

    def state(self):
        return {f"v/{k}": v for k, v in self.v.items()}

    def load_state(self, state):
        self.v = {k[2:]: np.array(v) for k, v in state.items() if k.startswith("v/")}


class Adam(Optimizer):
    """m ← β1·m + (1−β1)·dW;  v ← β2·v + (1−β2)·dW²;  W ← W − η·m̂ / (√v̂ + ε),
    with m̂ = m / (1 − β1ᵗ) and v̂ = v / (1 − β2ᵗ) correcting the zero start (Kingma & Ba, 2015)."""

    def __init__(
        self,
        lr: float = 0.001,
        weight_decay: float = 0.0,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
    ):
        super().__init__(lr, weight_decay)
        for name, value in (("beta1", beta1), ("beta2", beta2)):
            if not _finite_number(value) or not 0 <= value < 1:
                raise ValueError(f"{name} must lie in [0, 1); got {value!r}.")
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)
        self.t = 0
        self.m: dict[str, np.ndarray] = {}
        self.v: dict[str, np.ndarray] = {}

    def update(self, params, grads):
        self.t += 1
        super().update(params, grads)

    def _step(self, key, param, grad):
        if key not in self.m:
            self.m[key] = np.zeros_like(param)
            self.v[key] = np.zeros_like(param)
        m, v = self.m[key], self.v[key]
        m += (1 - self.beta1) * (grad - m)
        v += (1 - self.beta2) * (grad * grad - v)
        m_hat = m / (1 - self.beta1**self.t)
        v_hat = v / (1 - self.beta2**self.t)
        param -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)

    def state(self):
        state = {"t": np.array(self.t)}
        state.update({f"m/{k}": m for k, m in self.m.items()})
        state.update({f"v/{k}": v for k, v in self.v.items()})
        return state

    def load_state(self, state):
        self.t = int(state.get("t", 0))
        self.m = {k[2:]: np.array(v) for k, v in state.items() if k.startswith("m/")}
        self.v = {k[2:]: np.array(v) for k, v in state.items() if k.startswith("v/")}


OPTIMIZERS: dict[str, type[Optimizer]] = {"sgd": SGD, "momentum": Momentum, "adam": Adam}


def make_optimizer(name: str, lr: float, weight_decay: float = 0.0, **options) -> Optimizer:
    """OPTIMIZERS[name](lr, weight_decay, **options), with a clear error for unknown names."""
    return lookup(OPTIMIZERS, name, "optimizer")(lr=lr, weight_decay=weight_decay, **options)


def _finite_number(value) -> bool:
    return (
        isinstance(value, (int, float, np.integer, np.floating))
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def check_learning_rate(lr) -> float:
    if not _finite_number(lr) or lr <= 0:
        raise ValueError(
            f"The learning rate must be a finite number greater than 0 (e.g. 0.1); got {lr!r}."
        )
    return float(lr)
