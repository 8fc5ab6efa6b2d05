"""Figure builders: data in, plotly figure out; tested without a browser."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots


def digit_grid(images: np.ndarray, labels: np.ndarray, columns: int = 10) -> go.Figure:
    """Small grey-scale images in a grid, each titled with its label (ink dark on white)."""
    rows = int(np.ceil(len(images) / columns))
    fig = make_subplots(
        rows=rows, cols=columns, subplot_titles=[str(label) for label in labels],
        horizontal_spacing=0.01, vertical_spacing=0.08,
    )
    for i, image in enumerate(images):
        fig.add_trace(
            go.Heatmap(z=image[::-1], colorscale="Greys", showscale=False,
                       hovertemplate="row %{y}, column %{x}: %{z}<extra></extra>"),
            row=i // columns + 1, col=i % columns + 1,
        )
    fig.update_xaxes(visible=False, constrain="domain")
    fig.update_yaxes(visible=False, constrain="domain")
    for i in range(1, len(images) + 1):  # square pixels: each y axis follows its own x axis
        suffix = "" if i == 1 else str(i)
        fig.layout[f"yaxis{suffix}"].scaleanchor = f"x{suffix}"
    fig.update_layout(height=110 * rows + 30, margin=dict(l=0, r=0, t=30, b=0))
    return fig
