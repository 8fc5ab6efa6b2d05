"""A learner's own CSV: parsed into a Dataset like the built-in ones, and every problem refused
with its own message (nnlib.datasets.from_csv), then trained on in the page."""

import numpy as np
import pytest
from conftest import ROOT, open_page

import nnlib
from nnlib.datasets import CSV_MAX_BYTES, CSV_MAX_ROWS, CSVProblem, from_csv
from ui.text_en import TEXT as EN
from ui.text_ja import TEXT as JA


def xor_csv(n=200, header="x1,x2,label", labels=("blue", "red"), seed=0) -> bytes:
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(n, 2))
    T = (X[:, 0] > 0) ^ (X[:, 1] > 0)
    rows = [header] if header else []
    rows += [f"{x:.5f},{y:.5f},{labels[int(t)]}" for (x, y), t in zip(X, T)]
    return ("\n".join(rows) + "\n").encode()


def test_word_labels_become_classes_in_sorted_order():
    data = from_csv(xor_csv())
    assert data.task == "binary" and data.n_classes == 2
    assert data.options["classes"] == ["blue", "red"]
    assert len(data.X_train) + len(data.X_val) == 200 and data.X_train.shape[1] == 2
    assert abs(data.X_train.mean(axis=0)).max() < 1e-9  # standardised on the training rows
    assert np.allclose(data.X_train.std(axis=0), 1.0)


def test_numbers_without_a_header_and_a_byte_order_mark_are_read():
    content = "\ufeff".encode() + xor_csv(header="", labels=("0", "2"))
    data = from_csv(content)
    assert data.options["classes"] == ["0", "2"] and data.n_classes == 2


def test_three_classes_and_semantics_of_the_split_are_those_of_the_builtin_sets():
    rng = np.random.default_rng(1)
    rows = ["x1,x2,class"] + [f"{rng.normal() + 3 * c},{rng.normal()},{c}" for c in range(3)
                              for _ in range(30)]
    data = from_csv("\n".join(rows).encode(), seed=3)
    assert data.task == "classification" and data.n_classes == 3
    assert sorted(np.bincount(data.T_val)) == [6, 6, 6]  # stratified, as the built-in sets


def test_a_target_column_means_regression_and_the_target_is_standardised():
    rows = ["x1,x2,target"] + [f"{i},{i % 7},{1000 + 10 * i}" for i in range(50)]
    data = from_csv("\n".join(rows).encode())
    assert data.task == "regression" and data.n_classes == 0 and data.T_train.shape[1] == 1
    assert abs(data.T_train.mean()) < 1e-9


def test_an_uploaded_xor_is_learned_like_the_builtin_one():
    data = from_csv(xor_csv(400))
    net = nnlib.MLP([2, 8, 1], activation="tanh", loss=data.loss, init="xavier", seed=0)
    trainer = nnlib.Trainer(net, data, optimizer="adam", lr=0.03, batch_size=20, epochs=150, seed=0)
    trainer.run()
    assert trainer.history.val_score[-1] > 0.9


BAD_FILES = {
    "too_big": b"x" * (CSV_MAX_BYTES + 1),
    "not_text": b"\xff\xfe\x00x1,x2",
    "empty": b"\n\n",
    "columns": b"x1,x2,label\n" + b"1,2,a\n" * 10 + b"1,2\n",
    "too_many_rows": b"1,2,0\n" * (CSV_MAX_ROWS + 1),
    "too_few_rows": b"x1,x2,label\n1,2,a\n3,4,b\n",
    "missing": b"x1,x2,label\n" + b"1,2,a\n3,4,b\n" * 5 + b"5,nan,a\n",
    "not_a_number": b"x1,x2,label\n" + b"1,2,a\n3,4,b\n" * 5 + b"5,six,a\n",
    "bad_target": b"x1,x2,target\n" + b"1,2,3\n" * 10 + b"1,2,high\n",
    "one_class": b"x1,x2,label\n" + b"1,2,a\n" * 12,
    "too_many_classes": b"x1,x2,label\n" + b"".join(f"{i},{i},c{i % 11}\n".encode() for i in range(44)),
    "rare_class": b"x1,x2,label\n" + b"1,2,a\n3,4,b\n" * 6 + b"5,6,c\n",
}


@pytest.mark.parametrize("code", sorted(BAD_FILES))
def test_each_problem_is_refused_with_its_own_message(code):
    with pytest.raises(CSVProblem) as caught:
        from_csv(BAD_FILES[code])
    assert caught.value.code == code
    assert str(caught.value)  # the English sentence for nnlib users
    EN[f"csv.{code}"].format(**caught.value.details)  # and the page's sentence in both languages
    JA[f"csv.{code}"].format(**caught.value.details)


def test_an_empty_cell_names_its_row_and_column():
    with pytest.raises(CSVProblem) as caught:
        from_csv(b"x1,x2,label\n" + b"1,2,a\n3,4,b\n" * 5 + b"5,,a\n")
    assert caught.value.details == dict(row=12, column=2, cell="")


# ---- the page (AppTest cannot drive a file picker: the session holds the upload as the
# uploader would leave it; the real picker is exercised in the browser tests)

def page_with_upload(content: bytes, **query):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in dict(dataset="upload", **query).items():
        at.query_params[name] = value
    at.session_state["train_upload"] = dict(digest=str(hash(content)), name="mine.csv",
                                            content=content)
    at.run()
    at.switch_page("pages/train.py").run()
    assert not at.exception
    return at


def test_the_page_asks_for_a_file_until_there_is_one():
    at = open_page("pages/train.py", dataset="upload")
    assert EN["train.upload_first"] in at.info[0].value
    assert not at.exception


def test_the_page_trains_on_an_uploaded_file():
    at = page_with_upload(xor_csv(), hidden="8", lr="0.3")
    assert any("Your CSV: 200 points with 2 classes (blue, red)" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Step").click().run()
    assert at.session_state["train_worker"].trainer.iteration == 1
    assert not at.exception


def test_the_page_says_what_is_wrong_with_a_bad_file_in_the_chosen_language():
    at = page_with_upload(BAD_FILES["rare_class"], lang="ja")
    assert "mine.csv" in at.error[0].value and "クラス 'c' が 1 行しかありません" in at.error[0].value
