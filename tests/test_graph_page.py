"""The computational-graph page (Streamlit's AppTest) and its DOT figure builder."""

from conftest import open_page
from streamlit.testing.v1 import AppTest

from nnlib.graph import EXAMPLES, parse
from ui.graph_view import graph_dot, state_after

def open_graph_page():
    return open_page("pages/graph.py")


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception
    return at


def shown_text(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def test_page_loads_at_step_zero_with_the_apple_graph():
    at = open_graph_page()
    assert at.title[0].value == "Computational graphs"
    assert at.slider[0].value == 0
    assert "5 steps" in at.info[0].value
    assert sorted(n.label for n in at.number_input) == ["apple", "apple_num", "tax"]


def test_forward_and_back_change_what_is_shown():
    at = open_graph_page()
    click(at, "Forward")
    assert at.slider[0].value == 1
    assert shown_text(at) == ["z1 = apple × apple_num = 100 × 2 = 200"]
    click(at, "Forward")
    assert shown_text(at) == ["L = z1 × tax = 200 × 1.1 = 220"]
    click(at, "Back")
    assert at.slider[0].value == 1 and shown_text(at) == ["z1 = apple × apple_num = 100 × 2 = 200"]
    click(at, "Run all")
    assert at.slider[0].value == 5
    assert any("∂L/∂apple = ∂L/∂z1 × ∂z1/∂apple = 1.1 × 2 = 2.2" in t for t in shown_text(at))
    table = at.dataframe[0].value
    assert list(table["input"]) == ["apple", "apple_num", "tax"]
    assert list(table["backprop"]) == ["2.2", "110", "200"]
    click(at, "Reset")
    assert at.slider[0].value == 0


def test_editing_an_input_re_evaluates_at_once():
    at = open_graph_page()
    click(at, "Run all")
    at.number_input(key="graph_value::apple").set_value(150).run()
    assert not at.exception
    assert at.slider[0].value == 5  # same graph: the position is kept
    assert list(at.dataframe[0].value["backprop"]) == ["2.2", "165", "300"]  # 150 × 1.1, 2 × 150


def test_a_custom_expression_works_and_a_bad_one_keeps_the_last_graph():
    at = open_graph_page()
    at.selectbox(key="graph_example").set_value("custom").run()
    at.text_input(key="graph_expression").set_value("x * x + y").run()
    assert not at.exception and not at.error
    assert [n.label for n in at.number_input] == ["x", "y"]
    click(at, "Run all")
    assert list(at.dataframe[0].value["backprop"]) == ["2", "1"]
    at.text_input(key="graph_expression").set_value("__import__('os').system('ls')").run()
    assert not at.exception
    assert "Calling this is not allowed" in at.error[0].value
    assert [n.label for n in at.number_input] == ["x", "y"]  # the last valid graph stays


def test_math_error_is_a_message_naming_the_node():
    at = open_graph_page()
    at.selectbox(key="graph_example").set_value("custom").run()
    at.text_input(key="graph_expression").set_value("log(x - 1)").run()
    assert not at.exception
    assert "At node 'log(x − 1)': log needs a positive input, got 0" in at.error[0].value


def test_choosing_an_example_loads_its_values():
    at = open_graph_page()
    at.selectbox(key="graph_example").set_value("circuit").run()
    assert {n.label: n.value for n in at.number_input} == {"x": -2, "y": 5, "z": -4}
    click(at, "Run all")
    assert list(at.dataframe[0].value["backprop"]) == ["−4", "−4", "3"]


def apple():
    g = parse(EXAMPLES["apple"].expression, **EXAMPLES["apple"].values)
    return g, g.steps()


def test_dot_shows_values_then_gradients_step_by_step():
    g, steps = apple()
    start = graph_dot(g, steps, 0)
    assert "->" in start and "#d62728" not in start  # no gradient yet
    assert '<font color="#1f3a93">100</font>' in start  # inputs are known from the start
    assert ">200<" not in start  # z1 not computed yet
    after_forward = graph_dot(g, steps, 2)
    assert '<font color="#1f3a93">200</font>' in after_forward
    assert '<font color="#1f3a93">220</font>' in after_forward
    done = graph_dot(g, steps, len(steps))
    assert '<font color="#d62728">2.2</font>' in done and '<font color="#d62728">110</font>' in done
    assert '<font color="#d62728">200</font>' in done  # ∂L/∂tax


def test_dot_highlights_the_current_node_and_greys_pending_ones():
    g, steps = apple()
    first = graph_dot(g, steps, 1).splitlines()
    z1 = next(line for line in first if line.startswith("  n2 ["))
    out = next(line for line in first if line.startswith("  n4 ["))
    assert 'style="filled"' in z1 and 'color="black"' in z1
    assert 'color="#b0b0b0"' in out and "filled" not in out


def test_state_after_collects_each_edges_gradient():
    g = parse("x * x", x=3)
    steps = g.steps()
    state = state_after(g, steps, len(steps))
    assert state.seeded and state.gradients == {(0, 1): 3.0}
    assert g.grads == {"x": 6.0}  # both inputs of the node are x: 3 + 3
