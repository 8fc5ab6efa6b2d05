from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from ui.figures import image_grid

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def test_app_opens_on_the_home_page_without_errors():
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Backprop Explorer"
    assert any("backpropagation" in m.value for m in at.markdown)


def test_image_grid_is_one_mosaic_with_a_title_per_image():
    images = np.arange(3 * 64, dtype=float).reshape(3, 8, 8)
    fig = image_grid(images, ["7", "1", "4"], columns=2)
    (heatmap,) = fig.data
    z = np.asarray(heatmap.z, dtype=float)
    assert [a.text for a in fig.layout.annotations] == ["7", "1", "4"]
    assert np.isfinite(z).sum() == 3 * 64  # every pixel once, gaps left empty
    np.testing.assert_allclose(np.nanmax(z), 1.0)  # one shared scale for grey images
    assert fig.layout.yaxis.scaleanchor == "x"  # square pixels


def test_diverging_image_grid_scales_each_tile_to_its_own_range():
    images = np.stack([np.full((2, 2), 5.0), np.full((2, 2), -0.1)])
    z = np.asarray(image_grid(images, ["a", "b"], diverging=True).data[0].z, dtype=float)
    assert sorted(set(z[np.isfinite(z)])) == [-1.0, 1.0]
