from ui.training_settings import TrainingSettings, from_query_params, to_query_params

import nnlib


def test_defaults_give_an_empty_url_and_back():
    assert to_query_params(TrainingSettings()) == {}
    assert from_query_params({}) == (TrainingSettings(), [])


def test_settings_round_trip_through_the_url():
    settings = TrainingSettings(dataset="spiral", noise=0.35, n_samples=650, hidden=(16, 8, 4),
                                activation="tanh", init="xavier", loss="mean_squared_error",
                                optimizer="adam", lr=0.003, batch_size=20, epochs=200,
                                weight_decay=1e-4, seed=7, smoothing=0.9)
    params = to_query_params(settings)
    assert params["hidden"] == "16-8-4" and params["lr"] == "0.003"
    assert from_query_params(params) == (settings, [])


def test_garbage_falls_back_to_defaults_with_a_notice_each():
    settings, notices = from_query_params({
        "dataset": "imagenet", "lr": "-1", "hidden": "30-0", "epochs": "2.5", "seed": "x",
        "activation": "relu", "batch_size": "1e400", "noise": "nan",
    })
    assert settings == TrainingSettings(activation="relu")
    assert len(notices) == 7
    assert "dataset='imagenet'" in notices[0] and "using digits" in notices[0]


def test_model_key_ignores_display_settings():
    a, b = TrainingSettings(smoothing=0.1), TrainingSettings(smoothing=0.9)
    assert a.model_key() == b.model_key()
    assert a.model_key() != TrainingSettings(lr=0.1).model_key()


def test_sizes_match_the_data_and_loss():
    digits = nnlib.datasets.load("digits")
    moons = nnlib.datasets.load("moons")
    regression = nnlib.datasets.load("regression")
    assert TrainingSettings(hidden=(30,)).sizes(digits) == [64, 30, 10]
    assert TrainingSettings(hidden=(8,)).sizes(moons) == [2, 8, 1]
    assert TrainingSettings(hidden=(8,), loss="mean_squared_error").sizes(moons) == [2, 8, 2]
    assert TrainingSettings(hidden=(8,)).sizes(regression) == [1, 8, 1]


def test_pace_is_a_display_setting_in_the_url():
    settings, notices = from_query_params({"pace": "10"})
    assert settings.pace == 10 and not notices
    assert settings.model_key() == TrainingSettings().model_key()
    assert from_query_params({"pace": "7"})[1]  # not one of the offered paces
