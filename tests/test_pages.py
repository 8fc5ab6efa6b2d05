from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from ui.figures import digit_grid

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def test_app_opens_on_the_home_page_without_errors():
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Backprop Explorer"
    assert any("backpropagation" in m.value for m in at.markdown)


def test_digit_grid_draws_one_heatmap_per_image_with_its_label():
    images = np.arange(3 * 64).reshape(3, 8, 8)
    fig = digit_grid(images, np.array([7, 1, 4]), columns=2)
    assert [trace.type for trace in fig.data] == ["heatmap"] * 3
    assert [a.text for a in fig.layout.annotations] == ["7", "1", "4"]
    np.testing.assert_array_equal(fig.data[0].z, images[0][::-1])  # row 0 drawn at the top
    assert fig.layout.yaxis3.scaleanchor == "x3"  # square pixels in every cell
