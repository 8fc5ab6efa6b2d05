"""The inside-the-network page with Streamlit's AppTest."""

from conftest import open_page
from streamlit.testing.v1 import AppTest


def open_inside_page():
    return open_page("pages/inside.py")


def headline(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Step"))


def test_stepping_changes_what_is_shown():
    at = open_inside_page()
    assert headline(at) == "**Step 1 of 13 — Forward pass: Z1**"
    next(b for b in at.button if b.label == "Forward").click().run()
    assert headline(at) == "**Step 2 of 13 — Forward pass: A1**"
    assert r"A_1 = \mathrm{ReLU}(Z_1)" in at.latex[0].value
    next(b for b in at.button if b.label == "Back").click().run()
    assert headline(at) == "**Step 1 of 13 — Forward pass: Z1**"


def test_planting_and_removing_a_bug_changes_the_verdict():
    at = open_inside_page()
    assert "Every parameter passes" in at.success[0].value
    at.multiselect(key="inside_bugs").set_value(["no_batch_mean"]).run()
    assert not at.exception and not at.success
    assert "disagrees with the numerical gradient" in at.error[0].value
    at.multiselect(key="inside_bugs").set_value([]).run()
    assert "Every parameter passes" in at.success[0].value


def test_a_bug_for_another_activation_gets_a_warning_not_an_exception():
    at = open_inside_page()
    at.multiselect(key="inside_bugs").set_value(["sigmoid_from_input"]).run()
    assert not at.exception
    assert "Choose sigmoid as the activation" in at.warning[0].value


def test_invalid_sizes_give_a_message():
    at = open_inside_page()
    for text, fragment in [("0", "from 1 to 64"), ("abc", "“abc” is not"), ("", "at least one"),
                           ("3, 3, 3, 3", "At most 3")]:
        at.text_input(key="inside_hidden_toy").set_value(text).run()
        assert not at.exception
        assert fragment in at.error[0].value


def test_digits_batch_runs_through_the_same_engine():
    at = open_inside_page()
    at.radio(key="inside_data").set_value("digits").run()
    assert not at.exception
    assert headline(at) == "**Step 1 of 13 — Forward pass: Z1**"
    assert any("(4, 64)·(64, 16) + (16,) → (4, 16)" in c.value for c in at.caption)
