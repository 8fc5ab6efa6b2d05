"""Inside the network: one training step as real matrices, and a gradient-check lab."""

from __future__ import annotations

import inspect
from dataclasses import astuple, dataclass

import numpy as np
import streamlit as st

import nnlib
from nnlib import bugs
from nnlib.stepthrough import training_step
from ui.figures import CHART_CONFIG
from ui.i18n import registry_text, t
from ui.navigation import ensure_app_shell
from ui.network_figures import matrix_heatmap, network_diagram

ensure_app_shell()

STEP = "inside_step"
# The binary loss needs a single output unit; these networks have 2 or 10 classes.
LOSSES = [name for name in nnlib.LOSSES if name != "sigmoid_binary_cross_entropy"]


@dataclass(frozen=True)
class Settings:
    """Everything that defines the network and the batch; validated once."""

    data: str  # "toy" (one 2-D point) or "digits" (a mini-batch)
    hidden: tuple[int, ...]
    activation: str
    loss: str
    batch: int
    seed: int
    lr: float

    @property
    def sizes(self) -> list[int]:
        return [2 if self.data == "toy" else 64, *self.hidden, 2 if self.data == "toy" else 10]


def parse_hidden(text: str) -> tuple[int, ...]:
    parts = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    if not parts:
        raise ValueError(t("inside.hidden_empty"))
    sizes = []
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= 64:
            raise ValueError(t("inside.hidden_bad", part=part))
        sizes.append(int(part))
    if len(sizes) > 3:
        raise ValueError(t("inside.hidden_many"))
    return tuple(sizes)


@st.cache_data
def digits_batch(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    data = nnlib.datasets.load("digits")
    rows = np.random.default_rng(seed).choice(len(data.X_train), n, replace=False)
    return data.X_train[rows], data.T_train[rows]


def build_network(settings: Settings) -> nnlib.MLP:
    return nnlib.MLP(settings.sizes, activation=settings.activation, loss=settings.loss,
                     init="xavier", seed=settings.seed)


@st.cache_data(max_entries=64, show_spinner=False)
def run_check(signature: tuple, planted: tuple[str, ...]) -> bugs.CheckResult:
    """The lab's gradient check, cached: stepping through the other tab does not redo it."""
    settings = Settings(*signature)
    lab_net = build_network(settings)
    bugs.jitter_biases(lab_net, settings.seed)
    return bugs.check(lab_net, *batch_for(settings, lab=True), planted)


def bug_text(name: str, field: str) -> str:
    return registry_text("bug", name, field, getattr(bugs.BUGS[name], field))


def move(delta: int, total: int) -> None:
    st.session_state[STEP] = max(1, min(total, st.session_state.get(STEP, 1) + delta))


def batch_for(settings: Settings, lab: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The toy point, or a digits mini-batch. The lab's toy batch has 4 points: with a single
    sample, "forgot to divide by N" and "mean instead of sum" change nothing and would hide."""
    if settings.data == "toy":
        if lab:
            rng = np.random.default_rng(settings.seed)
            return rng.normal(size=(4, 2)), np.array([0, 1, 1, 0])
        return np.array([[1.0, 0.5]]), np.array([1])
    return digits_batch(settings.batch, settings.seed)


st.title(t("page.inside.title"))
st.caption(t("inside.caption"))

with st.container(border=True):
    columns = st.columns([1.2, 1, 1, 1.3, 0.8, 0.8])
    data = columns[0].radio(t("inside.data"), ["toy", "digits"], horizontal=True, key="inside_data",
                            format_func=lambda name: t(f"inside.data_{name}"))
    hidden_text = columns[1].text_input(t("inside.hidden"), "3" if data == "toy" else "16",
                                        key=f"inside_hidden_{data}", help=t("inside.hidden_help"))
    activation = columns[2].selectbox(t("setting.activation"), list(nnlib.ACTIVATIONS),
                                      key="inside_activation")
    loss = columns[3].selectbox(t("setting.loss"), LOSSES, key="inside_loss")
    batch = columns[4].number_input(t("inside.batch"), 1, 32, 4, key="inside_batch",
                                    disabled=data == "toy")
    seed = columns[5].number_input(t("setting.seed"), 0, 9999, 0, key="inside_seed")

try:
    settings = Settings(data, parse_hidden(hidden_text), activation, loss, int(batch), int(seed), 0.5)
except ValueError as error:
    st.error(str(error))
    st.stop()

net = build_network(settings)
X, T = batch_for(settings)
step_tab, lab_tab = st.tabs([t("inside.tab_step"), t("inside.tab_lab")])

with step_tab:
    result = training_step(net, X, T, settings.lr)
    total = len(result.steps)
    signature = astuple(settings)  # compared as a tuple: the page's classes are redefined per rerun
    if st.session_state.get("inside_shown") != signature:  # a new network starts at step 1
        st.session_state.inside_shown = signature
        st.session_state[STEP] = 1
    buttons = st.columns([1, 1, 6])
    buttons[0].button(t("button.back"), icon=":material/chevron_left:", width="stretch",
                      on_click=move, args=(-1, total))
    buttons[1].button(t("button.forward"), icon=":material/play_arrow:", type="primary", width="stretch",
                      on_click=move, args=(1, total))
    k = buttons[2].slider(t("graph.step"), 1, total, key=STEP, label_visibility="collapsed")
    step = result.steps[k - 1]

    phase = t(f"phase.{step.phase}")
    st.markdown(f"**{t('graph.step_of', k=k, total=total, phase=phase)}: {step.name}**")
    equation, code = st.columns([1.4, 1])
    with equation:
        st.latex(step.latex)
        st.caption(t("inside.shapes", shapes=step.shapes) + (f" — {step.note}" if step.note else ""))
        if step.phase == "update":
            before, after = st.columns(2)
            before.metric(t("inside.loss_before"), f"{result.loss_before:.4f}")
            after.metric(t("inside.loss_after"), f"{result.loss_after:.4f}",
                         delta=f"{result.loss_after - result.loss_before:+.4f}", delta_color="inverse")
        forward = step.phase == "forward"
        edges = {key: (net.params if forward else result.grads)[key] for key in net.params
                 if key.startswith("W")}
        st.plotly_chart(network_diagram(net, step.layer, edges,
                                        t("inside.edges_w") if forward else t("inside.edges_dw")),
                        config=CHART_CONFIG)
    with code:
        st.caption(t("inside.code", name=step.code.__name__))
        st.code(inspect.getsource(step.code), language="python")
    matrices = list(step.matrices.items())
    for row in range(0, len(matrices), 4):
        cells = st.columns(4)
        for cell, (name, matrix) in zip(cells, matrices[row:row + 4]):
            with cell:
                st.plotly_chart(matrix_heatmap(name, matrix), config=CHART_CONFIG)

with lab_tab:
    st.markdown(t("inside.lab_intro"))
    planted = st.multiselect(t("inside.planted"), list(bugs.BUGS), key="inside_bugs",
                             format_func=lambda name: bug_text(name, "title"))
    applicable = []
    for name in planted:
        try:
            bugs.plant(net, [name])
            applicable.append(name)
        except ValueError as error:
            st.warning(str(error))
    if settings.data == "digits" and settings.batch == 1:
        st.info(t("inside.batch_one"))
    with st.spinner(t("inside.checking")):
        check = run_check(astuple(settings), tuple(applicable))
    failing = [key for key, p in check.params.items() if not p.passed]
    if check.error:
        st.error(t("inside.caught_early", error=check.error))
    elif failing:
        st.error(t("inside.disagrees", params=", ".join(failing)))
    else:
        st.success(t("inside.all_pass"))
    if check.near_kink:
        st.info(t("inside.near_kink"))
    st.dataframe({
        t("inside.col_param"): list(check.params),
        t("graph.col_error"): [f"{p.relative_error:.2e}" for p in check.params.values()],
        t("inside.col_verdict"): [t("inside.pass") if p.passed else t("inside.fail")
                                  for p in check.params.values()],
    }, hide_index=True)
    st.caption(t("inside.threshold", threshold=f"{bugs.THRESHOLD:g}"))
    chosen = st.selectbox(t("inside.where"), list(check.params), key="inside_param")
    detail = check.params[chosen]
    if detail.backprop is not None and detail.backprop.shape == detail.numerical.shape:
        cells = st.columns(3)
        for cell, (name, matrix) in zip(cells, [(t("graph.col_backprop"), detail.backprop),
                                                 (t("graph.col_numerical"), detail.numerical),
                                                 (t("inside.difference"),
                                                  detail.backprop - detail.numerical)]):
            with cell:
                st.plotly_chart(matrix_heatmap(f"{chosen} {name}", np.atleast_2d(matrix)),
                                config=CHART_CONFIG)
    for name in applicable:
        bug = bugs.BUGS[name]
        with st.expander(bug_text(name, "title"), expanded=True):
            st.markdown(t("inside.why", why=bug_text(name, "why"), how=bug_text(name, "how_caught")))
            st.code(inspect.getsource(bug.replacement), language="python")
