"""Figure builders for the live training page: data and history in, plotly figures out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from sklearn.metrics import confusion_matrix

import nnlib
from ui.i18n import t

MAX_POINTS = 400  # per curve: long histories are thinned so a redraw stays cheap
CLASS_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
LAYOUT = dict(height=300, margin=dict(l=10, r=10, t=40, b=10), legend=dict(orientation="h", y=-0.25))


def thin(x: np.ndarray, y: np.ndarray, limit: int = MAX_POINTS) -> tuple[np.ndarray, np.ndarray]:
    """At most `limit` points, evenly spaced, always keeping the last one."""
    if len(x) <= limit:
        return x, y
    index = np.unique(np.linspace(0, len(x) - 1, limit).round().astype(int))
    return x[index], y[index]


def smooth(values: np.ndarray, smoothing: float) -> np.ndarray:
    """Exponential moving average with bias correction (as TensorBoard draws it)."""
    if smoothing <= 0 or len(values) == 0:
        return values
    out = np.empty(len(values))
    average, weight = 0.0, 0.0
    for i, value in enumerate(values):
        average = smoothing * average + (1 - smoothing) * value
        weight = smoothing * weight + (1 - smoothing)
        out[i] = average / weight
    return out


def _eval_traces(fig: go.Figure, history: nnlib.History, count: int, series) -> None:
    """One line per evaluated quantity over iterations, thinned; markers while they are few."""
    evals = np.asarray(history.eval_iteration[:count])
    for name, values, colour in series:
        x, y = thin(evals, np.asarray(values[:count], dtype=float))
        fig.add_trace(go.Scatter(x=x, y=y, name=name, mode="lines+markers" if len(x) <= 60 else "lines",
                                 line=dict(color=colour), marker=dict(size=5)))


def loss_figure(history: nnlib.History, lengths: tuple[int, ...], smoothing: float) -> go.Figure:
    batch = np.asarray(history.batch_loss[:lengths[0]], dtype=float)
    steps = np.arange(1, len(batch) + 1)
    n_eval = lengths[1]
    fig = go.Figure()
    if len(batch):
        x, y = thin(steps, batch)
        fig.add_trace(go.Scatter(x=x, y=y, name=t("fig.batch_loss"), mode="lines",
                                 line=dict(color="#bbbbbb", width=1)))
        if smoothing > 0:  # smoothed after thinning: stride k uses factor smoothing**k
            stride = max(1, len(batch) // MAX_POINTS)
            x, y = thin(steps, batch)
            y = smooth(y, smoothing**stride)
            fig.add_trace(go.Scatter(x=x, y=y, name=t("fig.batch_loss_smoothed", smoothing=f"{smoothing:g}"),
                                     mode="lines", line=dict(color="#555555", width=2)))
    _eval_traces(fig, history, n_eval, ((t("fig.train_loss"), history.train_loss, "#1f77b4"),
                                        (t("fig.val_loss"), history.val_loss, "#d62728")))
    fig.update_layout(title=t("fig.loss"), xaxis_title=t("fig.iteration"), **LAYOUT)
    return fig


def score_figure(history: nnlib.History, lengths: tuple[int, ...]) -> go.Figure:
    fig = go.Figure()
    _eval_traces(fig, history, lengths[1], ((t("fig.train"), history.train_score, "#1f77b4"),
                                            (t("fig.validation"), history.val_score, "#d62728")))
    accuracy = history.score_name == "accuracy"
    fig.update_layout(title=t("fig.accuracy") if accuracy else t("fig.r2"),
                      xaxis_title=t("fig.iteration"), **LAYOUT)
    fig.update_yaxes(range=[0, 1.01] if accuracy else None, tickformat=".0%" if accuracy else None)
    return fig


def _grid(data: nnlib.datasets.Dataset, resolution: int):
    points = np.concatenate([data.X_train, data.X_val])
    low, high = points.min(axis=0) - 0.3, points.max(axis=0) + 0.3
    xs = np.linspace(low[0], high[0], resolution)
    ys = np.linspace(low[1], high[1], resolution)
    return xs, ys, np.column_stack([g.ravel() for g in np.meshgrid(xs, ys)])


def boundary_figure(net: nnlib.MLP, data: nnlib.datasets.Dataset, resolution: int = 60) -> go.Figure:
    """What the network predicts over the plane, with the training (●) and validation (✕) points."""
    xs, ys, grid = _grid(data, resolution)
    output = net.output(grid)
    fig = go.Figure()
    if data.task == "regression":  # a 2-D regression (an uploaded CSV): the predicted value
        _value_map(fig, xs, ys, output.reshape(resolution, resolution), data)
        fig.update_layout(title=t("fig.predicted_value"), **{**LAYOUT, "height": 380})
        fig.update_yaxes(scaleanchor="x")
        return fig
    if output.shape[1] == 1 or data.n_classes == 2:  # probability of class 1
        p1 = output[:, -1] if output.shape[1] > 1 else output.ravel()
        fig.add_trace(go.Heatmap(x=xs, y=ys, z=p1.reshape(resolution, resolution), zmin=0, zmax=1,
                                 colorscale=[[0, CLASS_COLOURS[0]], [0.5, "white"], [1, CLASS_COLOURS[1]]],
                                 opacity=0.6, showscale=False, hoverinfo="skip"))
    else:
        classes = output.argmax(axis=1).reshape(resolution, resolution)
        n = data.n_classes
        scale = [[c / max(n - 1, 1), CLASS_COLOURS[c % len(CLASS_COLOURS)]] for c in range(n)]
        fig.add_trace(go.Heatmap(x=xs, y=ys, z=classes, zmin=0, zmax=n - 1, colorscale=scale,
                                 opacity=0.35, showscale=False, hoverinfo="skip"))
    for X, T, symbol, name in ((data.X_train, data.T_train, "circle", t("fig.train")),
                               (data.X_val, data.T_val, "x", t("fig.validation"))):
        fig.add_trace(go.Scatter(
            x=X[:, 0], y=X[:, 1], mode="markers", name=name, hoverinfo="skip",
            marker=dict(symbol=symbol, size=6, line=dict(width=0.5, color="#333"),
                        color=[CLASS_COLOURS[int(t) % len(CLASS_COLOURS)] for t in np.ravel(T)]),
        ))
    fig.update_layout(title=t("fig.boundary"), **{**LAYOUT, "height": 380})
    fig.update_yaxes(scaleanchor="x")
    return fig


def _value_map(fig: go.Figure, xs, ys, values: np.ndarray, data: nnlib.datasets.Dataset) -> None:
    """Predicted values as a heatmap, the points coloured by their targets on the same scale."""
    targets = np.concatenate([data.T_train, data.T_val]).ravel()
    low, high = float(targets.min()), float(targets.max())
    fig.add_trace(go.Heatmap(x=xs, y=ys, z=values, zmin=low, zmax=high, colorscale="Viridis",
                             opacity=0.6, colorbar=dict(title=t("fig.value")), hoverinfo="skip"))
    for X, T, symbol, name in ((data.X_train, data.T_train, "circle", t("fig.train")),
                               (data.X_val, data.T_val, "x", t("fig.validation"))):
        fig.add_trace(go.Scatter(
            x=X[:, 0], y=X[:, 1], mode="markers", name=name, hoverinfo="skip",
            marker=dict(symbol=symbol, size=6, color=np.ravel(T), colorscale="Viridis", cmin=low,
                        cmax=high, line=dict(width=0.5, color="#333"))))


def regression_figure(net: nnlib.MLP, data: nnlib.datasets.Dataset) -> go.Figure:
    points = np.concatenate([data.X_train, data.X_val]).ravel()
    xs = np.linspace(points.min(), points.max(), 200)[:, None]
    fig = go.Figure([
        go.Scatter(x=data.X_train.ravel(), y=data.T_train.ravel(), mode="markers", name=t("fig.train"),
                   marker=dict(size=5, color="#1f77b4")),
        go.Scatter(x=data.X_val.ravel(), y=data.T_val.ravel(), mode="markers", name=t("fig.validation"),
                   marker=dict(size=6, symbol="x", color="#d62728")),
        go.Scatter(x=xs.ravel(), y=net.predict(xs).ravel(), mode="lines", name=t("fig.network"),
                   line=dict(color="#111", width=3)),
    ])
    fig.update_layout(title=t("fig.fitted"), **{**LAYOUT, "height": 380})
    return fig


def confusion_figure(true: np.ndarray, predicted: np.ndarray, n_classes: int) -> go.Figure:
    matrix = confusion_matrix(true, predicted, labels=list(range(n_classes)))
    fig = go.Figure(go.Heatmap(
        z=matrix, x=list(range(n_classes)), y=list(range(n_classes)), colorscale="Blues",
        text=matrix, texttemplate="%{text}", showscale=False,
        hovertemplate=t("fig.confusion_hover"),
    ))
    fig.update_xaxes(title=t("fig.predicted"), dtick=1)
    fig.update_yaxes(title=t("fig.true"), autorange="reversed", dtick=1)
    fig.update_layout(title=t("fig.confusion"), **{**LAYOUT, "height": 380})
    return fig


def confident_mistakes(probabilities: np.ndarray, true: np.ndarray, count: int = 8) -> np.ndarray:
    """Indices of the wrongly classified samples the network was most sure about."""
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != true)
    return wrong[np.argsort(-probabilities[wrong, predicted[wrong]])][:count]


def gradient_figure(history: nnlib.History, count: int) -> go.Figure:
    """‖dW‖ of every layer over time, log scale: vanishing gradients show as a fan of lines."""
    x = np.asarray(history.gradient_iteration[:count])
    norms = np.asarray(history.gradient_norms[:count], dtype=float).reshape(len(x), -1) if count \
        else np.empty((0, 0))
    fig = go.Figure()
    for layer in range(norms.shape[1]):
        tx, ty = thin(x, norms[:, layer])
        fig.add_trace(go.Scatter(x=tx, y=ty, mode="lines", name=f"‖dW{layer + 1}‖"))
    fig.update_yaxes(type="log")
    fig.update_layout(title=t("fig.gradient_norms"), xaxis_title=t("fig.iteration"), **LAYOUT)
    return fig


def activation_figure(activations: list[np.ndarray], activation: str) -> go.Figure:
    """Histogram of each hidden layer's outputs on a fixed batch; for ReLU, the share of units
    that output 0 for every sample in it (dead)."""
    fig = go.Figure()
    for i, A in enumerate(activations, start=1):
        counts, edges = np.histogram(A, bins=40)
        label = t("fig.layer", i=i)
        if activation in ("relu", "leaky_relu"):
            dead = float(np.mean((A <= 0).all(axis=0)))
            label += " · " + t("fig.dead", share=f"{dead:.0%}")
        fig.add_trace(go.Bar(x=(edges[:-1] + edges[1:]) / 2, y=counts / counts.sum(), name=label,
                             opacity=0.6, width=np.diff(edges)))
    fig.update_layout(title=t("fig.activations"), barmode="overlay", xaxis_title=t("fig.output"),
                      yaxis_title=t("fig.share"), **LAYOUT)
    return fig


def run_labels(settings: list[dict]) -> list[str]:
    """Each run named by the settings in which the runs differ (e.g. "lr=0.1, hidden=30")."""
    keys = [k for k in settings[0] if len({repr(s[k]) for s in settings}) > 1] if settings else []
    labels = []
    for number, values in enumerate(settings, start=1):
        shown = ", ".join(f"{k}={_short(values[k])}" for k in keys)
        labels.append(shown or t("fig.run", number=number))
    return labels


def _short(value) -> str:
    if isinstance(value, (tuple, list)):
        return "-".join(map(str, value))
    return f"{value:g}" if isinstance(value, float) else str(value)


def compare_figure(runs: list[dict]) -> go.Figure:
    """Validation curves of finished runs, over epochs, labelled by what differed."""
    fig = go.Figure()
    for run, label in zip(runs, run_labels([r["settings"] for r in runs])):
        fig.add_trace(go.Scatter(x=run["epoch"], y=run["val_score"], mode="lines", name=label))
    score = runs[-1]["score_name"] if runs else "accuracy"
    fig.update_layout(title=t("fig.compare_" + ("accuracy" if score == "accuracy" else "r2")),
                      xaxis_title=t("fig.epoch"), **LAYOUT)
    return fig
