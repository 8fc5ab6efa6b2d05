"""Figures for the inside-the-network page: matrices as heatmaps and the network as circles."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from nnlib.network import MLP
from ui.i18n import t

MAX_DRAWN_UNITS = 24  # wider layers are thinned for the diagram (every k-th unit)


def matrix_heatmap(name: str, matrix: np.ndarray) -> go.Figure:
    """A matrix with rows down and columns across, 0 white, values on hover."""
    matrix = np.atleast_2d(matrix)
    height = int(np.clip(70 + 16 * matrix.shape[0], 110, 320))
    limit = float(np.abs(matrix).max()) or 1.0
    fig = go.Figure(go.Heatmap(
        z=matrix, zmin=-limit, zmax=limit, colorscale="RdBu", reversescale=True,
        hovertemplate=f"{name}[%{{y}}, %{{x}}] = %{{z:.4g}}<extra></extra>",
        colorbar=dict(thickness=10, len=0.9),
    ))
    fig.update_yaxes(autorange="reversed", title=None, tickformat="d",
                     dtick=max(1, matrix.shape[0] // 8))
    fig.update_xaxes(tickformat="d", dtick=max(1, matrix.shape[1] // 8))
    fig.update_layout(
        title=dict(text=f"{name}  {matrix.shape[0]}×{matrix.shape[1]}", font=dict(size=13)),
        height=height, margin=dict(l=10, r=10, t=35, b=10),
    )
    return fig


def _drawn(n: int) -> np.ndarray:
    step = int(np.ceil(n / MAX_DRAWN_UNITS))
    return np.arange(0, n, step)


def network_diagram(net: MLP, layer: int, weights: dict[str, np.ndarray], what: str = "weight") -> go.Figure:
    """Neurons as circles, edges coloured by sign and thickened by size of `weights` (W1, W2, …);
    the edges into the Affine layer `layer` are drawn strongly, the others faded."""
    xs = np.arange(len(net.sizes))
    shown = [_drawn(n) for n in net.sizes]
    positions = [np.linspace(-1, 1, len(units)) if len(units) > 1 else np.zeros(1) for units in shown]
    fig = go.Figure()
    for i in range(1, len(net.sizes)):
        W = weights[f"W{i}"][np.ix_(shown[i - 1], shown[i])]
        limit = float(np.abs(W).max()) or 1.0
        in_play = i == layer
        for sign, colour in ((1, "#d62728"), (-1, "#1f77b4")):
            for low, high, width in ((0.0, 1 / 3, 0.6), (1 / 3, 2 / 3, 1.6), (2 / 3, 1.01, 3.0)):
                mask = (np.sign(W) == sign) & (np.abs(W) / limit >= low) & (np.abs(W) / limit < high)
                rows, cols = np.nonzero(mask)
                if not len(rows):
                    continue
                x = np.column_stack([np.full(len(rows), xs[i - 1]), np.full(len(rows), xs[i]),
                                     np.full(len(rows), np.nan)]).ravel()
                y = np.column_stack([positions[i - 1][rows], positions[i][cols],
                                     np.full(len(rows), np.nan)]).ravel()
                fig.add_trace(go.Scatter(
                    x=x, y=y, mode="lines", hoverinfo="skip", showlegend=False,
                    line=dict(color=colour, width=width if in_play else width / 2),
                    opacity=0.85 if in_play else 0.15,
                ))
    names = ["input"] + [f"hidden {i}" for i in range(1, len(net.sizes) - 1)] + ["output"]
    for i, units in enumerate(shown):
        highlighted = i in (layer - 1, layer)
        fig.add_trace(go.Scatter(
            x=np.full(len(units), xs[i]), y=positions[i], mode="markers", showlegend=False,
            marker=dict(size=12 if len(units) < 16 else 8, color="white",
                        line=dict(color="#222" if highlighted else "#aaa", width=2)),
            hovertemplate=f"{names[i]} unit %{{text}}<extra></extra>", text=[str(u) for u in units],
        ))
    fig.update_xaxes(tickvals=xs, ticktext=[f"{name}<br>{n} units" for name, n in zip(names, net.sizes)],
                     showgrid=False, zeroline=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(
        height=300, margin=dict(l=10, r=10, t=30, b=10), plot_bgcolor="white",
        title=dict(text=t("fig.edges", what=what), font=dict(size=12)),
    )
    return fig
