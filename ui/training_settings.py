"""The training page's settings: one object, validated once, mirrored into the URL.

As in TensorFlow Playground's state.ts, a table of properties says how each setting is read from
and written to a query parameter; a missing, invalid or hand-edited value falls back to its
default and produces a notice instead of an exception.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Callable

import nnlib
from ui.i18n import t

UPLOAD = "upload"  # the learner's own CSV (kept in the session, not in the URL)
DATASETS = [*nnlib.datasets.DATASETS, UPLOAD]
PACES = [0, 200, 50, 10]  # steps per second offered to slow training down for watching
DISPLAY_ONLY = ("smoothing", "pace")
TWO_D = ("xor", "moons", "circles", "spiral", "gaussians")


@dataclass(frozen=True)
class TrainingSettings:
    dataset: str = "digits"
    noise: float = 0.2
    n_samples: int = 400
    hidden: tuple[int, ...] = (30,)
    activation: str = "relu"
    init: str = "he"
    loss: str = "auto"  # "auto" = the data set's own loss; mean_squared_error is the other choice
    optimizer: str = "sgd"
    lr: float = 0.03
    batch_size: int = 30
    epochs: int = 30
    weight_decay: float = 0.0
    seed: int = 0
    smoothing: float = 0.6  # display only: changing it does not reset the model
    pace: int = 0  # steps per second, 0 = as fast as possible; does not reset the model either

    def model_key(self) -> tuple:
        """Everything that defines the model and its run (smoothing and pace excluded)."""
        return tuple(v for f, v in zip(fields(self), asdict(self).values())
                     if f.name not in DISPLAY_ONLY)

    def resolved_loss(self, data: nnlib.datasets.Dataset) -> str:
        return data.loss if self.loss == "auto" else self.loss

    def sizes(self, data: nnlib.datasets.Dataset) -> list[int]:
        """One output per class, or one unit for the binary loss and for regression."""
        single = self.resolved_loss(data) == "sigmoid_binary_cross_entropy" or data.task == "regression"
        return [data.n_features, *self.hidden, 1 if single else data.n_classes]


def _number(kind: type, low: float, high: float) -> Callable[[str], Any]:
    def parse(text: str):
        value = kind(float(text)) if kind is int else float(text)
        if kind is int and float(text) != int(float(text)):
            raise ValueError
        if not math.isfinite(value) or not low <= value <= high:
            raise ValueError
        return value
    return parse


def _choice(options) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in options:
            raise ValueError
        return text
    return parse


def _hidden(text: str) -> tuple[int, ...]:
    sizes = tuple(int(part) for part in text.split("-"))
    if not 1 <= len(sizes) <= 4 or not all(1 <= s <= 512 for s in sizes):
        raise ValueError
    return sizes


def _format(value) -> str:
    if isinstance(value, tuple):
        return "-".join(map(str, value))
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# name → how to read it from the URL (raises ValueError when invalid)
PROPERTIES: dict[str, Callable[[str], Any]] = {
    "dataset": _choice(DATASETS),
    "noise": _number(float, 0.0, 1.0),
    "n_samples": _number(int, 50, 5000),
    "hidden": _hidden,
    "activation": _choice(list(nnlib.ACTIVATIONS)),
    "init": _choice(list(nnlib.INITS)),
    "loss": _choice(["auto", "mean_squared_error"]),
    "optimizer": _choice(list(nnlib.OPTIMIZERS)),
    "lr": _number(float, 1e-4, 10.0),
    "batch_size": _number(int, 1, 1000),
    "epochs": _number(int, 1, 1000),
    "weight_decay": _number(float, 0.0, 1.0),
    "seed": _number(int, 0, 2**31 - 1),
    "smoothing": _number(float, 0.0, 0.99),
    "pace": lambda text: int(_choice([str(p) for p in PACES])(text)),
}


def from_query_params(params: dict[str, str]) -> tuple[TrainingSettings, list[str]]:
    """Settings from the URL; each unusable value is replaced by its default with a notice."""
    defaults = TrainingSettings()
    values, notices = {}, []
    for name, parse in PROPERTIES.items():
        if name not in params:
            continue
        try:
            values[name] = parse(str(params[name]))
        except (ValueError, TypeError, OverflowError):
            notices.append(t("train.url_notice", name=name, value=repr(params[name]),
                             default=_format(getattr(defaults, name))))
    return replace(defaults, **values), notices


def to_query_params(settings: TrainingSettings) -> dict[str, str]:
    """Only what differs from the defaults, so links stay short."""
    defaults = TrainingSettings()
    return {name: _format(getattr(settings, name)) for name in PROPERTIES
            if getattr(settings, name) != getattr(defaults, name)}
