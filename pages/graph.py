"""Computational graphs: step node by node through the forward and backward passes."""

from __future__ import annotations

import streamlit as st

from nnlib import gradcheck
from nnlib.graph import EXAMPLES, GraphMathError, fmt, parse
from ui.graph_view import graph_dot
from ui.navigation import ensure_app_shell

ensure_app_shell()

CUSTOM = "custom"
STEP = "graph_step"


def value_key(name: str) -> str:
    return f"graph_value::{name}"


def choose_example() -> None:
    """A new example brings its own input values and starts at step 0."""
    key = st.session_state.graph_example
    if key != CUSTOM:
        for name, value in EXAMPLES[key].values.items():
            st.session_state[value_key(name)] = float(value)
    st.session_state[STEP] = 0


def move(delta: int | None, total: int) -> None:
    """Button callbacks: delta steps forward/back, None for the end; 0 resets."""
    current = st.session_state.get(STEP, 0)
    target = total if delta is None else (0 if delta == 0 else current + delta)
    st.session_state[STEP] = max(0, min(total, target))


st.title("Computational graphs")
st.caption(
    "Press Forward to compute one node at a time, then keep going to send the gradient back through "
    "the graph. Values appear above each edge in blue, gradients below in red."
)

settings, picture = st.columns([1, 2.2], gap="large")
with settings:
    st.selectbox(
        "Example", [*EXAMPLES, CUSTOM], key="graph_example", on_change=choose_example,
        format_func=lambda key: "Your own expression" if key == CUSTOM else EXAMPLES[key].title,
    )
    example_key = st.session_state.graph_example
    if example_key == CUSTOM:
        text = st.text_input(
            "Expression", value="sigmoid(w * x + b) ** 2", key="graph_expression",
            help="Numbers, names, + - * / **, and exp, log, sigmoid, relu, tanh.",
        )
    else:
        example = EXAMPLES[example_key]
        text = example.expression
        st.markdown(f"`{text}`")
        st.caption(example.context)

    try:
        graph = parse(text)
        st.session_state.graph_last_valid = text
    except ValueError as error:
        st.error(str(error))
        text = st.session_state.get("graph_last_valid", EXAMPLES["apple"].expression)
        st.caption(f"Still showing the last valid expression: `{text}`")
        graph = parse(text)
    if st.session_state.get("graph_shown") != text:  # a new graph starts from the beginning
        st.session_state.graph_shown = text
        st.session_state[STEP] = 0

    st.markdown("**Inputs**")
    columns = st.columns(2)
    defaults = EXAMPLES[example_key].values if example_key != CUSTOM else {}
    for index, name in enumerate(graph.variables):
        st.session_state.setdefault(value_key(name), float(defaults.get(name, 1.0)))
        with columns[index % 2]:
            st.number_input(name, key=value_key(name), format="%g", step=0.1)
    graph.set_values(**{name: st.session_state[value_key(name)] for name in graph.variables})

try:
    steps = graph.steps()
except GraphMathError as error:
    with picture:
        st.error(f"{error} Change the inputs to continue.")
    st.stop()

total = len(steps)
st.session_state[STEP] = min(st.session_state.get(STEP, 0), total)
with picture:
    buttons = st.columns(4)
    buttons[0].button("Reset", icon=":material/skip_previous:", on_click=move, args=(0, total),
                      width="stretch")
    buttons[1].button("Back", icon=":material/chevron_left:", on_click=move, args=(-1, total),
                      width="stretch")
    buttons[2].button("Forward", icon=":material/play_arrow:", on_click=move, args=(1, total),
                      width="stretch", type="primary")
    buttons[3].button("Run all", icon=":material/skip_next:", on_click=move, args=(None, total),
                      width="stretch")
    k = st.slider("Step", 0, total, key=STEP)
    st.graphviz_chart(graph_dot(graph, steps, k), width="stretch")

    forward_steps = sum(s.phase == "forward" for s in steps)
    if k == 0:
        st.info(f"{total} steps: {forward_steps} forward, then {total - forward_steps} backward. "
                "Press Forward.")
    else:
        step = steps[k - 1]
        phase = "Forward pass" if step.phase == "forward" else "Backward pass"
        st.markdown(f"**Step {k} of {total} — {phase}**")
        st.latex(r"\begin{gathered}" + step.latex + r"\end{gathered}")
        for line in step.text.split("\n"):
            st.text(line)

    if k == total:
        numerical = graph.numerical_grads()
        st.markdown("**Every input's gradient, checked by central differences**")
        grads = graph.grads
        st.dataframe({
            "input": list(grads),
            "backprop": [fmt(g) for g in grads.values()],
            "numerical": [fmt(numerical[name]) for name in grads],
            "relative error": [f"{gradcheck.relative_error(g, numerical[name]):.1e}"
                               for name, g in grads.items()],
        }, hide_index=True)
        st.caption(
            "Numerical gradient: (f(x + h) − f(x − h)) / 2h with a tiny h. A relative error far "
            "below 1e-5 means backpropagation got it right."
        )
