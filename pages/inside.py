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
        raise ValueError("Give at least one hidden layer size, e.g. 3 or 30, 20.")
    sizes = []
    for part in parts:
        if not part.isdigit() or not 1 <= int(part) <= 64:
            raise ValueError(f"Hidden sizes are whole numbers from 1 to 64; “{part}” is not.")
        sizes.append(int(part))
    if len(sizes) > 3:
        raise ValueError("At most 3 hidden layers here, so every matrix stays readable.")
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


st.title("Inside the network")
st.caption(
    "The same chain rule as the computational graphs, now with matrices: one training step of a "
    "small network, every array shown, and a lab where backprop bugs can be planted and caught."
)

with st.container(border=True):
    columns = st.columns([1.2, 1, 1, 1.3, 0.8, 0.8])
    data = columns[0].radio("Data", ["toy", "digits"], horizontal=True, key="inside_data",
                            format_func={"toy": "one 2-D point", "digits": "digits batch"}.get)
    hidden_text = columns[1].text_input("Hidden sizes", "3" if data == "toy" else "16",
                                        key=f"inside_hidden_{data}", help="e.g. 3 or 30, 20")
    activation = columns[2].selectbox("Activation", list(nnlib.ACTIVATIONS), key="inside_activation")
    loss = columns[3].selectbox("Loss", LOSSES, key="inside_loss")
    batch = columns[4].number_input("Batch N", 1, 32, 4, key="inside_batch", disabled=data == "toy")
    seed = columns[5].number_input("Seed", 0, 9999, 0, key="inside_seed")

try:
    settings = Settings(data, parse_hidden(hidden_text), activation, loss, int(batch), int(seed), 0.5)
except ValueError as error:
    st.error(str(error))
    st.stop()

net = build_network(settings)
X, T = batch_for(settings)
step_tab, lab_tab = st.tabs(["One training step", "Gradient-check lab"])

with step_tab:
    result = training_step(net, X, T, settings.lr)
    total = len(result.steps)
    signature = astuple(settings)  # compared as a tuple: the page's classes are redefined per rerun
    if st.session_state.get("inside_shown") != signature:  # a new network starts at step 1
        st.session_state.inside_shown = signature
        st.session_state[STEP] = 1
    buttons = st.columns([1, 1, 6])
    buttons[0].button("Back", icon=":material/chevron_left:", width="stretch",
                      on_click=move, args=(-1, total))
    buttons[1].button("Forward", icon=":material/play_arrow:", type="primary", width="stretch",
                      on_click=move, args=(1, total))
    k = buttons[2].slider("Step", 1, total, key=STEP, label_visibility="collapsed")
    step = result.steps[k - 1]

    phase = {"forward": "Forward pass", "backward": "Backward pass", "update": "Update"}[step.phase]
    st.markdown(f"**Step {k} of {total} — {phase}: {step.name}**")
    equation, code = st.columns([1.4, 1])
    with equation:
        st.latex(step.latex)
        st.caption(f"Shapes: {step.shapes}" + (f" — {step.note}" if step.note else ""))
        if step.phase == "update":
            before, after = st.columns(2)
            before.metric("Loss before the step", f"{result.loss_before:.4f}")
            after.metric("Loss after the step", f"{result.loss_after:.4f}",
                         delta=f"{result.loss_after - result.loss_before:+.4f}", delta_color="inverse")
        forward = step.phase == "forward"
        edges = {key: (net.params if forward else result.grads)[key] for key in net.params
                 if key.startswith("W")}
        st.plotly_chart(network_diagram(net, step.layer, edges, "weights W" if forward else "gradients dW"),
                        config=CHART_CONFIG)
    with code:
        st.caption(f"The code that does this: nnlib.layers.{step.code.__name__}")
        st.code(inspect.getsource(step.code), language="python")
    matrices = list(step.matrices.items())
    for row in range(0, len(matrices), 4):
        cells = st.columns(4)
        for cell, (name, matrix) in zip(cells, matrices[row:row + 4]):
            with cell:
                st.plotly_chart(matrix_heatmap(name, matrix), config=CHART_CONFIG)

with lab_tab:
    st.markdown(
        "Plant one or more classic bugs into **a copy** of this network and run the gradient check: "
        "backprop's gradient is compared with the numerical one, (L(w + h) − L(w − h)) / 2h, "
        "for every parameter."
    )
    planted = st.multiselect("Planted bugs", list(bugs.BUGS), key="inside_bugs",
                             format_func=lambda name: bugs.BUGS[name].title)
    applicable = []
    for name in planted:
        try:
            bugs.plant(net, [name])
            applicable.append(name)
        except ValueError as error:
            st.warning(str(error))
    if settings.data == "digits" and settings.batch == 1:
        st.info("With a batch of one sample, bugs about the batch size (N) cannot show; "
                "choose N ≥ 2 to catch them.")
    with st.spinner("Checking every parameter numerically…"):
        check = run_check(astuple(settings), tuple(applicable))
    failing = [key for key, p in check.params.items() if not p.passed]
    if check.error:
        st.error(f"Caught before the check could even compare: {check.error}")
    elif failing:
        st.error(f"Backprop disagrees with the numerical gradient for {', '.join(failing)}.")
    else:
        st.success("Every parameter passes: backprop and the numerical gradient agree.")
    if check.near_kink:
        st.info("Some ReLU input lies within 0.001 of 0, where the numerical gradient straddles the "
                "kink and can disagree even with correct code; try another seed.")
    st.dataframe({
        "parameter": list(check.params),
        "relative error": [f"{p.relative_error:.2e}" for p in check.params.values()],
        "verdict": ["pass" if p.passed else "FAIL" for p in check.params.values()],
    }, hide_index=True)
    st.caption(
        f"Relative error ‖g_backprop − g_numerical‖ / (‖g_backprop‖ + ‖g_numerical‖), threshold "
        f"{bugs.THRESHOLD:g}: in float64 a correct backprop agrees to about 1e-9 (the numerical "
        "gradient's own error is of order h² ≈ 1e-8 relative), while a real bug is off by percent."
    )
    chosen = st.selectbox("Where in the matrix do they disagree?", list(check.params), key="inside_param")
    detail = check.params[chosen]
    if detail.backprop is not None and detail.backprop.shape == detail.numerical.shape:
        cells = st.columns(3)
        for cell, (name, matrix) in zip(cells, [("backprop", detail.backprop),
                                                 ("numerical", detail.numerical),
                                                 ("difference", detail.backprop - detail.numerical)]):
            with cell:
                st.plotly_chart(matrix_heatmap(f"{chosen} {name}", np.atleast_2d(matrix)),
                                config=CHART_CONFIG)
    for name in applicable:
        bug = bugs.BUGS[name]
        with st.expander(bug.title, expanded=True):
            st.markdown(f"**Why it is wrong.** {bug.why}\n\n**How the check exposes it.** {bug.how_caught}")
            st.code(inspect.getsource(bug.replacement), language="python")
