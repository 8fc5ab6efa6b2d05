import numpy as np

import nnlib
from ui import training_figures as figures
from ui.exports import EVAL_COLUMNS, history_csv, run_npz


def trained(name="moons", epochs=5, **options):
    data = nnlib.datasets.load(name, **options)
    loss = data.loss
    outputs = 1 if loss != "softmax_cross_entropy" else data.n_classes
    net = nnlib.MLP([data.n_features, 8, outputs], activation="tanh", loss=loss, init="xavier")
    trainer = nnlib.Trainer(net, data, lr=0.1, batch_size=20, epochs=epochs)
    trainer.run()
    return data, net, trainer


def test_thin_keeps_at_most_the_limit_and_the_last_point():
    x = np.arange(10_000)
    tx, ty = figures.thin(x, x * 2.0, limit=400)
    assert len(tx) <= 400 and tx[-1] == 9999 and ty[-1] == 19998
    assert len(figures.thin(x[:10], x[:10])[0]) == 10


def test_smoothing_is_a_bias_corrected_moving_average():
    values = np.array([1.0, 1.0, 1.0])
    np.testing.assert_allclose(figures.smooth(values, 0.9), values)  # no pull towards 0 at the start
    np.testing.assert_allclose(figures.smooth(np.array([0.0, 10.0]), 0.5), [0.0, 10 * 0.5 / 0.75])


def test_loss_and_score_figures_draw_the_history():
    _, _, trainer = trained(epochs=3)
    h = trainer.history
    lengths = (len(h.batch_loss), len(h.eval_iteration))
    fig = figures.loss_figure(h, lengths, smoothing=0.6)
    assert [t.name for t in fig.data] == ["batch loss", "batch loss, smoothed 0.6", "train loss",
                                          "validation loss"]
    np.testing.assert_allclose(fig.data[3].y, h.val_loss)
    fig = figures.score_figure(h, (lengths[0], 2))  # only what the snapshot published
    assert len(fig.data[1].y) == 2


def test_boundary_figure_covers_the_points():
    data, net, _ = trained()
    fig = figures.boundary_figure(net, data, resolution=20)
    heatmap, train, val = fig.data
    assert np.asarray(heatmap.z).shape == (20, 20)
    assert heatmap.x[0] < data.X_train[:, 0].min() and heatmap.x[-1] > data.X_train[:, 0].max()
    assert len(train.x) == len(data.X_train) and len(val.x) == len(data.X_val)


def test_regression_figure_draws_the_fitted_curve():
    data, net, _ = trained("regression")
    fig = figures.regression_figure(net, data)
    assert [t.name for t in fig.data] == ["train", "validation", "network"]
    np.testing.assert_allclose(fig.data[2].y, net.predict(np.asarray(fig.data[2].x)[:, None]).ravel())


def test_confusion_and_mistakes():
    fig = figures.confusion_figure(np.array([0, 1, 1, 2]), np.array([0, 2, 1, 2]), 3)
    np.testing.assert_array_equal(fig.data[0].z, [[1, 0, 0], [0, 1, 1], [0, 0, 1]])
    probabilities = np.array([[0.9, 0.1], [0.2, 0.8], [0.4, 0.6], [0.3, 0.7]])
    assert figures.confident_mistakes(probabilities, np.array([1, 1, 0, 0])).tolist() == [0, 3, 2]


def test_exports_hold_what_was_trained(tmp_path):
    data, net, trainer = trained(epochs=2)
    path = tmp_path / "run.npz"
    path.write_bytes(run_npz(trainer))
    loaded = nnlib.Trainer.load(path, data)
    for key, value in net.params.items():
        np.testing.assert_array_equal(loaded.net.params[key], value)
    rows = history_csv(trainer.history).decode().splitlines()
    assert rows[0] == "iteration,batch_loss" and len(trainer.history.batch_loss) == trainer.iteration
    assert rows[trainer.iteration + 2] == ",".join(EVAL_COLUMNS)
    assert len(rows) == trainer.iteration + 3 + len(trainer.history.eval_iteration)


def test_gradient_norms_are_recorded_and_drawn_per_layer():
    _, net, trainer = trained(epochs=3)
    h = trainer.history
    assert h.gradient_iteration[:2] == [0, 10]
    assert all(len(norms) == net.n_layers for norms in h.gradient_norms)
    fig = figures.gradient_figure(h, len(h.gradient_iteration))
    assert [t.name for t in fig.data] == ["‖dW1‖", "‖dW2‖"] and fig.layout.yaxis.type == "log"
    assert figures.gradient_figure(nnlib.History(), 0).data == ()  # before the first step


def test_activation_figure_reports_dead_relus():
    alive = np.array([[1.0, 0.0], [2.0, 0.0], [0.5, 0.0]])  # unit 2 never fires
    fig = figures.activation_figure([alive], "relu")
    assert fig.data[0].name == "layer 1 · 50% dead"
    np.testing.assert_allclose(sum(fig.data[0].y), 1.0)
    assert figures.activation_figure([alive], "tanh").data[0].name == "layer 1"


def test_runs_are_labelled_by_what_differed():
    a = dict(lr=0.1, hidden=(30,), activation="relu")
    b = dict(lr=0.01, hidden=(30,), activation="relu")
    c = dict(lr=0.01, hidden=(64, 32), activation="relu")
    assert figures.run_labels([a, b, c]) == ["lr=0.1, hidden=30", "lr=0.01, hidden=30",
                                             "lr=0.01, hidden=64-32"]
    assert figures.run_labels([a, a]) == ["run 1", "run 2"]
    runs = [dict(settings=a, epoch=[0, 1], val_score=[0.1, 0.9], score_name="accuracy"),
            dict(settings=b, epoch=[0, 1], val_score=[0.1, 0.5], score_name="accuracy")]
    fig = figures.compare_figure(runs)
    assert [t.name for t in fig.data] == ["lr=0.1", "lr=0.01"]


def test_long_evaluation_histories_are_thinned_too():
    h = nnlib.History()
    n = 5_000
    h.eval_iteration = list(range(n))
    h.train_score = h.val_score = h.train_loss = h.val_loss = [0.5] * n
    for fig in (figures.score_figure(h, (0, n)), figures.loss_figure(h, (0, n), 0.0)):
        assert all(len(trace.x) <= figures.MAX_POINTS for trace in fig.data)
        assert all(trace.mode == "lines" for trace in fig.data)
