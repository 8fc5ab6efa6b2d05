"""Figure builders shared by the pages: data in, plotly figure out; tested without a browser."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

CHART_CONFIG = {"displayModeBar": False}  # st.plotly_chart(..., config=CHART_CONFIG): no toolbar


def image_grid(images: np.ndarray, titles: list[str], columns: int = 10, diverging: bool = False,
               title: str = "", tile_pixels: int = 80) -> go.Figure:
    """Small images as ONE heatmap mosaic (fast to build and draw), each titled above.

    Grey images share one scale (ink dark); diverging ones (weights) are each scaled to their
    own largest magnitude, red positive and blue negative.
    """
    images = np.asarray(images, dtype=float)
    n, h, w = images.shape
    columns = max(1, min(columns, n))
    rows = int(np.ceil(n / columns))
    pitch_x, pitch_y = w + 1, h + max(2, h // 3)  # room between tiles for the titles
    canvas = np.full((rows * pitch_y, columns * pitch_x), np.nan)
    scale = np.abs(images).max() or 1.0
    annotations = []
    for i, (image, text) in enumerate(zip(images, titles)):
        r, c = divmod(i, columns)
        top, left = r * pitch_y + (pitch_y - h), c * pitch_x
        if diverging:
            image = image / (np.abs(image).max() or 1.0)
        else:
            image = image / scale
        canvas[top:top + h, left:left + w] = image
        annotations.append(dict(x=left + (w - 1) / 2, y=top - 0.7, text=text, showarrow=False,
                                xref="x", yref="y", yanchor="bottom", font=dict(size=11)))
    fig = go.Figure(go.Heatmap(
        z=canvas, showscale=False, hoverinfo="skip",
        colorscale="RdBu" if diverging else "Greys", reversescale=diverging,
        zmin=-1 if diverging else 0, zmax=1,
    ))
    fig.update_xaxes(visible=False, constrain="domain")
    fig.update_yaxes(visible=False, autorange="reversed", scaleanchor="x", constrain="domain")
    per_pixel = tile_pixels / h
    fig.update_layout(annotations=annotations, title=title or None,
                      height=int(rows * pitch_y * per_pixel) + (60 if title else 20),
                      margin=dict(l=0, r=0, t=50 if title else 10, b=0),
                      plot_bgcolor="rgba(0,0,0,0)")
    return fig
