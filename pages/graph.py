"""Computational graphs: step node by node through the forward and backward passes."""

from __future__ import annotations

import streamlit as st

from nnlib import gradcheck
from nnlib.graph import EXAMPLES, GraphMathError, fmt, parse
from ui.graph_view import graph_dot
from ui.i18n import registry_text, t
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


st.title(t("page.graph.title"))
st.caption(t("graph.caption"))

settings, picture = st.columns([1, 2.2], gap="large")
with settings:
    st.selectbox(
        t("graph.example"), [*EXAMPLES, CUSTOM], key="graph_example", on_change=choose_example,
        format_func=lambda key: t("graph.custom") if key == CUSTOM
        else registry_text("example", key, "title", EXAMPLES[key].title),
    )
    example_key = st.session_state.graph_example
    if example_key == CUSTOM:
        text = st.text_input(
            t("graph.expression"), value="sigmoid(w * x + b) ** 2", key="graph_expression",
            help=t("graph.expression_help"),
        )
    else:
        example = EXAMPLES[example_key]
        text = example.expression
        st.markdown(f"`{text}`")
        st.caption(registry_text("example", example_key, "context", example.context))

    try:
        graph = parse(text)
        st.session_state.graph_last_valid = text
    except ValueError as error:
        st.error(str(error))
        text = st.session_state.get("graph_last_valid", EXAMPLES["apple"].expression)
        st.caption(t("graph.last_valid", expression=text))
        graph = parse(text)
    if st.session_state.get("graph_shown") != text:  # a new graph starts from the beginning
        st.session_state.graph_shown = text
        st.session_state[STEP] = 0

    st.markdown(f"**{t('graph.inputs')}**")
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
        st.error(t("graph.math_error", error=error))
    st.stop()

total = len(steps)
st.session_state[STEP] = min(st.session_state.get(STEP, 0), total)
with picture:
    buttons = st.columns(4)
    buttons[0].button(t("button.reset"), icon=":material/skip_previous:", on_click=move, args=(0, total),
                      width="stretch")
    buttons[1].button(t("button.back"), icon=":material/chevron_left:", on_click=move, args=(-1, total),
                      width="stretch")
    buttons[2].button(t("button.forward"), icon=":material/play_arrow:", on_click=move, args=(1, total),
                      width="stretch", type="primary")
    buttons[3].button(t("button.run_all"), icon=":material/skip_next:", on_click=move, args=(None, total),
                      width="stretch")
    k = st.slider(t("graph.step"), 0, total, key=STEP)
    st.graphviz_chart(graph_dot(graph, steps, k), width="stretch")

    forward_steps = sum(s.phase == "forward" for s in steps)
    if k == 0:
        st.info(t("graph.start", total=total, forward=forward_steps,
                  backward=total - forward_steps))
    else:
        step = steps[k - 1]
        st.markdown(f"**{t('graph.step_of', k=k, total=total, phase=t('phase.' + step.phase))}**")
        st.latex(r"\begin{gathered}" + step.latex + r"\end{gathered}")
        if k - 1 == forward_steps:  # the seed of the backward pass: words, not a formula
            output = graph.output
            st.text(t("graph.seed", name=output.name, value=fmt(output.value)))
        else:
            for line in step.text.split("\n"):
                st.text(line)

    if k == total:
        numerical = graph.numerical_grads()
        st.markdown(f"**{t('graph.checked')}**")
        grads = graph.grads
        st.dataframe({
            t("graph.col_input"): list(grads),
            t("graph.col_backprop"): [fmt(g) for g in grads.values()],
            t("graph.col_numerical"): [fmt(numerical[name]) for name in grads],
            t("graph.col_error"): [f"{gradcheck.relative_error(g, numerical[name]):.1e}"
                                   for name, g in grads.items()],
        }, hide_index=True)
        st.caption(t("graph.checked_caption"))
