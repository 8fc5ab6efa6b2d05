"""Numerical gradients by central differences, and the gradient check that compares them with
backpropagation (the book's section 5.6.3)."""

from __future__ import annotations

from typing import Callable

import numpy as np

from .network import MLP


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-4) -> np.ndarray:
    """∂f/∂x ≈ (f(x + h) − f(x − h)) / 2h, one entry at a time (h = 1e-4 as in the book).

    x is changed in place while f is evaluated (so f may read it through a network) and every
    entry is restored to its exact original value afterwards.
    """
    grad = np.zeros_like(x, dtype=np.float64)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + h
        f_plus = f(x)
        x[index] = original - h
        f_minus = f(x)
        x[index] = original
        grad[index] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """‖a − b‖ / (‖a‖ + ‖b‖), and 0 where both are 0."""
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denominator == 0 else float(np.linalg.norm(a - b) / denominator)


def gradient_check(net: MLP, X, T, h: float = 1e-4) -> dict[str, float]:
    """Per parameter, the relative error between backprop and numerical gradients of net.loss.

    The check runs on a float64 copy of the network (float32 rounding alone gives errors near
    1e-3), so the network passed in is left untouched. Correct backprop gives < 1e-7.
    """
    twin = net.copy(dtype=np.float64)
    X = twin.check_X(X)
    T = twin.check_T(T, X.shape[0])
    backprop = {key: g.copy() for key, g in twin._loss_and_gradient(X, T)[1].items()}
    return {
        key: relative_error(backprop[key], numerical_gradient(lambda _: twin._loss(X, T), param, h))
        for key, param in twin.params.items()
    }
