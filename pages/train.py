"""Live training: choose the network and the data, press Start, watch it learn."""

from __future__ import annotations

import hashlib
from dataclasses import fields

import numpy as np
import streamlit as st

import nnlib
from nnlib import mnist
from ui import training_figures as figures
from ui.exports import history_csv, run_npz
from ui.figures import CHART_CONFIG, image_grid
from ui.i18n import registry_text, t, url_params
from ui.navigation import ensure_app_shell
from ui.training_settings import (PACES, TWO_D, UPLOAD, TrainingSettings, from_query_params,
                                  to_query_params)
from ui.worker import TrainingWorker

ensure_app_shell()

REFRESH_SECONDS = 0.25  # status line and the loss and accuracy curves
DIAGNOSTICS_SECONDS = 2.0  # image diagnostics and the network's health
LR_OPTIONS = [1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
BATCH_OPTIONS = [1, 2, 5, 10, 20, 30, 50, 100, 200, 500, 1000]
DECAY_OPTIONS = [0.0, 1e-5, 1e-4, 1e-3, 1e-2, 0.1]


def key(name: str) -> str:
    return f"train_{name}"


def load_settings_from_url_once() -> None:
    """The first visit in a session reads the URL into the widgets; later the widgets lead."""
    if st.session_state.get(key("loaded")):
        return
    settings, notices = from_query_params(st.query_params.to_dict())
    st.session_state[key("notices")] = notices
    for field in fields(TrainingSettings):
        st.session_state[key(field.name)] = getattr(settings, field.name)
    st.session_state[key("layers")] = len(settings.hidden)
    for i, size in enumerate(settings.hidden):
        st.session_state[key(f"units{i}")] = size
    st.session_state[key("loaded")] = True


def with_option(options: list, value) -> list:
    return sorted(set(options) | {value})


def dataset_title(name: str) -> str:
    if name == UPLOAD:
        return t("train.upload_title")
    return registry_text("dataset", name, "title", nnlib.datasets.DATASETS[name].title)


def upload_widget() -> None:
    """The CSV uploader. A valid file is kept in the session (the widget itself forgets it when
    the learner visits another page), so coming back keeps training on the same data."""
    file = st.file_uploader(t("train.upload"), type=["csv"], key=key("csv"),
                            help=t("train.upload_help"))
    if file is not None:
        content = file.getvalue()
        digest = hashlib.sha256(content).hexdigest()[:16]
        if st.session_state.get(key("upload"), {}).get("digest") != digest:
            st.session_state[key("upload")] = dict(digest=digest, name=file.name, content=content)
    stored = st.session_state.get(key("upload"))
    if stored:
        st.caption(t("train.upload_using", name=stored["name"]))
    st.download_button(t("train.upload_example"), example_csv(), file_name="moons-example.csv",
                       mime="text/csv")


@st.cache_data
def example_csv() -> bytes:
    """A file in the expected format, to start from."""
    data = nnlib.datasets.load("moons", n_samples=200, seed=0)
    points = np.concatenate([data.X_train, data.X_val])
    labels = np.concatenate([data.T_train, data.T_val])
    rows = ["x1,x2,label"] + [f"{x:.4f},{y:.4f},{label}" for (x, y), label in zip(points, labels)]
    return ("\n".join(rows) + "\n").encode()


def uploaded_data(seed: int) -> nnlib.datasets.Dataset:
    """The session's CSV as a data set; until there is one, or when it is invalid, say so."""
    stored = st.session_state.get(key("upload"))
    if not stored:
        st.info(t("train.upload_first"))
        st.stop()
    try:
        return csv_dataset(stored["content"], seed)
    except nnlib.datasets.CSVProblem as problem:
        st.error(t("train.upload_problem", name=stored["name"],
                   problem=t(f"csv.{problem.code}", **problem.details)))
        st.stop()


@st.cache_data(max_entries=8, show_spinner=False)
def csv_dataset(content: bytes, seed: int) -> nnlib.datasets.Dataset:
    return nnlib.datasets.from_csv(content, seed=seed)


def upload_description(data: nnlib.datasets.Dataset) -> str:
    classes = data.options["classes"]
    kind = (t("train.upload_regression") if data.task == "regression" else
            t("train.upload_classes", count=len(classes), names=", ".join(classes)))
    return t("train.upload_description", rows=f"{data.options['rows']:,}", kind=kind,
             train=len(data.X_train), val=len(data.X_val))


def settings_from_widgets() -> TrainingSettings:
    s = st.session_state
    with st.sidebar:
        st.subheader(t("train.data"))
        st.selectbox(t("train.dataset"), [*nnlib.datasets.DATASETS, UPLOAD], key=key("dataset"),
                     format_func=dataset_title)
        if s[key("dataset")] in TWO_D:
            st.slider(t("train.noise"), 0.0, 1.0, step=0.05, key=key("noise"))
            st.slider(t("train.points"), 50, 2000, step=50, key=key("n_samples"))
        if s[key("dataset")] == UPLOAD:
            upload_widget()
        st.subheader(t("train.network"))
        st.number_input(t("train.layers"), 1, 4, key=key("layers"))
        columns = st.columns(2)
        for i in range(s[key("layers")]):
            s.setdefault(key(f"units{i}"), 30)
            columns[i % 2].number_input(t("train.units", i=i + 1), 1, 512, key=key(f"units{i}"))
        st.selectbox(t("setting.activation"), list(nnlib.ACTIVATIONS), key=key("activation"))
        st.selectbox(t("train.init"), list(nnlib.INITS), key=key("init"))
        st.selectbox(t("setting.loss"), ["auto", "mean_squared_error"], key=key("loss"),
                     format_func=lambda n: t("train.loss_auto") if n == "auto" else n,
                     disabled=s[key("dataset")] == "regression")
        st.subheader(t("train.training"))
        st.selectbox(t("train.optimizer"), list(nnlib.OPTIMIZERS), key=key("optimizer"))
        st.select_slider(t("train.lr"), with_option(LR_OPTIONS, s[key("lr")]), key=key("lr"),
                         format_func=lambda v: f"{v:g}")
        st.select_slider(t("train.batch"), with_option(BATCH_OPTIONS, s[key("batch_size")]),
                         key=key("batch_size"))
        st.number_input(t("train.epochs"), 1, 1000, key=key("epochs"))
        st.select_slider(t("train.decay"), with_option(DECAY_OPTIONS, s[key("weight_decay")]),
                         key=key("weight_decay"), format_func=lambda v: f"{v:g}")
        st.number_input(t("setting.seed"), 0, 2**31 - 1, key=key("seed"))
        st.subheader(t("train.display"))
        st.slider(t("train.smoothing"), 0.0, 0.99, step=0.01, key=key("smoothing"),
                  help=t("train.smoothing_help"))
        st.select_slider(t("train.speed"), PACES, key=key("pace"),
                         format_func=lambda p: t("train.full") if p == 0 else t("train.pace", pace=p),
                         help=t("train.speed_help"))
    hidden = tuple(int(s[key(f"units{i}")]) for i in range(s[key("layers")]))
    values = {f.name: s[key(f.name)] for f in fields(TrainingSettings) if f.name != "hidden"}
    if values["dataset"] == "regression":
        values["loss"] = "auto"
    return TrainingSettings(hidden=hidden, **values)


def ensure_mnist_files() -> None:
    """Download MNIST with a progress bar the first time; offline, show the loader's message."""
    directory = mnist.default_dir()
    if all((directory / name).exists() for name in mnist.FILES):
        return
    bar = st.progress(0.0, text=t("train.mnist_download"))

    def progress(done: int, total: int, filename: str) -> None:
        if total:
            bar.progress(min(done / total, 1.0), text=t("train.mnist_progress", file=filename,
                                                        done=f"{done / 1e6:.1f}",
                                                        total=f"{total / 1e6:.1f}"))

    try:
        mnist.fetch(directory, mnist.default_mirrors(), mnist.CHECKSUMS, progress)
    finally:
        bar.empty()


@st.cache_resource(show_spinner=False, max_entries=16)
def dataset(name: str, options: tuple) -> nnlib.datasets.Dataset:
    """Each data set once per process (MNIST ≈ 220 MB), shared by every session."""
    return nnlib.datasets.load(name, **dict(options))


def data_for(settings: TrainingSettings) -> nnlib.datasets.Dataset:
    options = {}
    if settings.dataset in TWO_D:
        options = dict(noise=settings.noise, n_samples=settings.n_samples, seed=settings.seed)
    elif settings.dataset == "regression":
        options = dict(seed=settings.seed)
    if settings.dataset == UPLOAD:
        return uploaded_data(settings.seed)
    if settings.dataset == "mnist":
        ensure_mnist_files()
    with st.spinner(t("train.loading")):
        return dataset(settings.dataset, tuple(sorted(options.items())))


def new_worker(settings: TrainingSettings, data: nnlib.datasets.Dataset) -> TrainingWorker:
    net = nnlib.MLP(settings.sizes(data), activation=settings.activation,
                    loss=settings.resolved_loss(data), init=settings.init, seed=settings.seed,
                    dtype=np.float32)
    trainer = nnlib.Trainer(
        net, data, optimizer=settings.optimizer, lr=settings.lr, batch_size=settings.batch_size,
        epochs=settings.epochs, seed=settings.seed, weight_decay=settings.weight_decay,
        eval_every=nnlib.evaluation_interval(len(data.X_train), len(data.X_val), settings.batch_size),
    )
    return TrainingWorker(trainer)


def toggle_running() -> None:
    worker = st.session_state[key("worker")]
    if worker.running:
        worker.pause()
    else:
        worker.start()


def step_once() -> None:
    st.session_state[key("worker")].step()


def reset() -> None:
    st.session_state[key("worker")].close()
    st.session_state[key("model")] = None  # rebuilt on this rerun


# ---------------------------------------------------------------- the page

st.title(t("page.train.title"))
load_settings_from_url_once()
for notice in st.session_state.pop(key("notices"), []):
    st.warning(notice)
settings = settings_from_widgets()
st.query_params.from_dict({**to_query_params(settings), **url_params()})  # the one place

try:
    data = data_for(settings)
except ValueError as error:  # offline MNIST, a corrupt file, …
    st.error(str(error))
    st.stop()

model_key = (settings.model_key(), st.session_state.get(key("upload"), {}).get("digest")
             if settings.dataset == UPLOAD else None)
if st.session_state.get(key("model")) != model_key:
    previous = st.session_state.get(key("worker"))
    if previous is not None:
        previous.close()
    try:
        st.session_state[key("worker")] = new_worker(settings, data)
    except ValueError as error:
        st.error(str(error))
        st.stop()
    if st.session_state.get(key("model")) is not None:
        st.toast(t("train.reset_toast"))
    st.session_state[key("model")] = model_key
    st.session_state[key("display")] = None

worker: TrainingWorker = st.session_state[key("worker")]
worker.steps_per_second = settings.pace
trainer = worker.trainer
st.caption(registry_text("dataset", settings.dataset, "description", data.description)
           if settings.dataset != UPLOAD else upload_description(data))

controls = st.columns([1, 1, 1, 3])
controls[0].button(t("button.pause") if worker.running else t("button.start"), on_click=toggle_running,
                   icon=":material/pause:" if worker.running else ":material/play_arrow:",
                   type="primary", width="stretch", disabled=trainer.stopped)
controls[1].button(t("button.step"), on_click=step_once, icon=":material/skip_next:",
                   width="stretch", disabled=trainer.stopped, help=t("train.step_help"))
controls[2].button(t("button.reset"), on_click=reset, icon=":material/restart_alt:", width="stretch")


def cached_figure(name: str, stamp, build):
    """The figure built for `stamp` last time, or a new one: a redraw skips what did not change."""
    store = st.session_state.setdefault(key("figures"), {})
    stamp = (st.session_state[key("model")], stamp)
    if name not in store or store[name][0] != stamp:
        store[name] = (stamp, build())
    return store[name][1]


def display_net() -> nnlib.MLP:
    """A copy of the network that shows the latest snapshot (training never waits for it)."""
    if st.session_state.get(key("display")) is None:
        st.session_state[key("display")] = trainer.net.copy()
    return st.session_state[key("display")]


@st.fragment(run_every=REFRESH_SECONDS if worker.running else None)
def live_view(auto: bool) -> None:
    worker.touch()
    snap = worker.snapshot
    history = trainer.history
    st.markdown(t(
        "train.status", epoch=snap.epoch, epochs=trainer.epochs, iteration=f"{snap.iteration:,}",
        iterations=f"{trainer.total_iterations:,}", rate=f"{snap.samples_per_second:,.0f}",
        paced=t("train.paced", pace=settings.pace) if settings.pace else "",
        seconds=f"{snap.elapsed:.1f}",
        state=t("train.state_running") if worker.running else t(f"train.state_{snap.status}")))
    st.progress(snap.iteration / trainer.total_iterations)
    if snap.status == "diverged":
        st.warning(t("train.diverged", iteration=f"{snap.iteration + 1:,}", lr=f"{settings.lr:g}",
                     lower=f"{settings.lr / 10:g}"))
    elif snap.status == "done":
        final = history.val_score[snap.lengths[1] - 1]
        accuracy = history.score_name == "accuracy"
        st.success(t("train.finished_accuracy" if accuracy else "train.finished_r2",
                     score=f"{final:.1%}" if accuracy else f"{final:.3f}", epochs=snap.epoch))
    left, right = st.columns(2)
    left.plotly_chart(figures.loss_figure(history, snap.lengths, settings.smoothing),
                      config=CHART_CONFIG)
    right.plotly_chart(cached_figure("score", snap.lengths[1],
                                     lambda: figures.score_figure(history, snap.lengths)),
                       config=CHART_CONFIG)

    if data.n_features == 2 or data.task == "regression":  # small: the picture moves live
        net = display_net()
        net.set_params(snap.params)
        picture, _ = st.columns([1.3, 1])
        picture.plotly_chart(figures.boundary_figure(net, data) if data.n_features == 2
                             else figures.regression_figure(net, data), config=CHART_CONFIG)
    if auto and not worker.running:
        st.rerun()  # training stopped by itself: redraw the buttons and stop refreshing


@st.fragment(run_every=DIAGNOSTICS_SECONDS if worker.running else None)
def diagnostics() -> None:
    """The heavier pictures, on their own slower clock: redrawing them (server and browser)
    at the curves' rate would take the CPU that training needs."""
    snap = worker.snapshot
    net = display_net()
    net.set_params(snap.params)
    if data.images_val is not None:
        image_views(net, snap)
    health(net, snap)


HEALTH_SAMPLES = 256


def health(net: nnlib.MLP, snap) -> None:
    """Gradient norms per layer over time, and the hidden activations on a fixed batch."""
    def activations():
        net._forward(net.check_X(data.X_val[:HEALTH_SAMPLES]))
        hidden = [net.cache[f"A{i}"] for i in range(1, net.n_layers)]
        return figures.activation_figure(hidden, net.activation)

    left, right = st.columns(2)
    left.plotly_chart(cached_figure("gradients", snap.iteration, lambda: figures.gradient_figure(
        trainer.history, snap.lengths[2])), config=CHART_CONFIG)
    if net.n_layers > 1:
        right.plotly_chart(cached_figure("activations", snap.iteration, activations), config=CHART_CONFIG)


def remember_finished_run() -> None:
    """Keep the last few finished runs to overlay their validation curves."""
    model = st.session_state[key("model")]
    history = trainer.history
    if not trainer.stopped or st.session_state.get(key("remembered")) == model:
        return
    st.session_state[key("remembered")] = model
    if len(history.eval_epoch) < 2:
        return
    values = {f.name: getattr(settings, f.name) for f in fields(TrainingSettings)
              if f.name != "smoothing"}
    runs = st.session_state.setdefault(key("runs"), [])
    runs.append(dict(settings=values, epoch=list(history.eval_epoch),
                     val_score=list(history.val_score), score_name=history.score_name))
    del runs[:-MAX_RUNS]


def clear_runs() -> None:
    st.session_state[key("runs")] = []


MAX_RUNS = 5


def image_views(net: nnlib.MLP, snap) -> None:
    """Confusion matrix, confident mistakes and first-layer weights: a forward pass over the
    validation set and three figures, built once per snapshot shown."""

    def build():
        probabilities = net.output(data.X_val)
        predicted = probabilities.argmax(axis=1)
        mistakes = figures.confident_mistakes(probabilities, data.T_val)
        W1 = net.params["W1"]
        units = min(16, W1.shape[1])
        return [
            figures.confusion_figure(data.T_val, predicted, data.n_classes),
            image_grid(data.images_val[mistakes],
                       [f"{data.T_val[i]}→{predicted[i]} {probabilities[i, predicted[i]]:.0%}"
                        for i in mistakes], columns=8,
                       title=t("fig.mistakes")),
            image_grid(W1[:, :units].T.reshape(units, *data.feature_shape),
                       [t("fig.unit", u=u) for u in range(units)], columns=8, diverging=True,
                       title=t("fig.weights")),
        ]

    confusion, mistakes_figure, weights_figure = cached_figure("images", snap.iteration, build)
    left, right = st.columns([1, 1.4])
    left.plotly_chart(confusion, config=CHART_CONFIG)
    with right:
        st.plotly_chart(mistakes_figure, config=CHART_CONFIG)
        st.plotly_chart(weights_figure, config=CHART_CONFIG)


live_view(worker.running)
diagnostics()
remember_finished_run()
runs = st.session_state.get(key("runs"), [])
if len(runs) >= 2:
    with st.container(border=True):
        st.plotly_chart(figures.compare_figure(runs), config=CHART_CONFIG)
        st.button(t("train.forget_runs"), on_click=clear_runs)

with st.expander(t("train.export")):
    if worker.running:
        st.caption(t("train.export_pause"))
    else:
        st.download_button(t("train.export_npz"), run_npz(trainer),
                           file_name="backprop-explorer-run.npz", help=t("train.export_npz_help"))
        st.download_button(t("train.export_csv"), history_csv(trainer.history),
                           file_name="backprop-explorer-history.csv")
