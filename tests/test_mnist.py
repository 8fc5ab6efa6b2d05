"""MNIST download, verification and parsing against a real HTTP server on 127.0.0.1."""

import gzip
import hashlib
import http.server
import socket
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import nnlib
from nnlib import mnist

SHARED_MNIST = Path(__file__).resolve().parents[2] / "shared" / "data" / "mnist"


def idx_images(images: np.ndarray) -> bytes:
    n, rows, cols = images.shape
    header = b"".join(v.to_bytes(4, "big") for v in (mnist.IMAGE_MAGIC, n, rows, cols))
    return header + images.astype(np.uint8).tobytes()


def idx_labels(labels: np.ndarray) -> bytes:
    header = b"".join(v.to_bytes(4, "big") for v in (mnist.LABEL_MAGIC, len(labels)))
    return header + labels.astype(np.uint8).tobytes()


def synthetic_payloads(n_train=60, n_test=20, seed=0) -> dict[str, bytes]:
    """Small but well-formed IDX payloads: every class present, 28×28 images."""
    rng = np.random.default_rng(seed)
    train_labels = np.arange(n_train) % 10
    test_labels = np.arange(n_test) % 10
    return {
        "train-images-idx3-ubyte": idx_images(rng.integers(0, 256, (n_train, 28, 28))),
        "train-labels-idx1-ubyte": idx_labels(train_labels),
        "t10k-images-idx3-ubyte": idx_images(rng.integers(0, 256, (n_test, 28, 28))),
        "t10k-labels-idx1-ubyte": idx_labels(test_labels),
    }


PAYLOADS = synthetic_payloads()
CHECKSUMS = {name: hashlib.sha256(data).hexdigest() for name, data in PAYLOADS.items()}
GZIPPED = {f"{name}.gz": gzip.compress(data) for name, data in PAYLOADS.items()}


class Mirror:
    """A real HTTP server on 127.0.0.1 whose behaviour per file can be set by the test."""

    def __init__(self, files: dict[str, bytes]):
        self.files = dict(files)
        self.requests: list[str] = []
        self.truncate: set[str] = set()  # announce the full length, send half, hang up
        mirror = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                name = self.path.rsplit("/", 1)[-1]
                mirror.requests.append(name)
                body = mirror.files.get(name)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if name in mirror.truncate:
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/mnist/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def mirror():
    server = Mirror(GZIPPED)
    yield server
    server.close()


@pytest.fixture
def second_mirror():
    server = Mirror(GZIPPED)
    yield server
    server.close()


def refused_url() -> str:
    """A URL on 127.0.0.1 where nothing listens: connections are refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/mnist/"


def load(tmp_path, mirrors, **options):
    return nnlib.datasets.load("mnist", data_dir=tmp_path, mirrors=mirrors, checksums=CHECKSUMS,
                               val_size=options.pop("val_size", 10), **options)


def test_downloads_verifies_and_loads(tmp_path, mirror):
    calls = []
    data = load(tmp_path, [mirror.url], progress=lambda *args: calls.append(args))
    assert sorted(mirror.requests) == sorted(GZIPPED)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(GZIPPED)
    assert data.X_train.shape == (50, 784) and data.X_val.shape == (10, 784)
    assert data.X_test.shape == (20, 784) and data.feature_shape == (28, 28)
    assert data.X_train.dtype == np.float32 and 0 <= data.X_train.min() <= data.X_train.max() <= 1
    assert data.T_train.dtype == np.int64 and sorted(np.bincount(data.T_val)) == [1] * 10
    # pixels are the served bytes / 255 (the test set keeps its order)
    served = np.frombuffer(PAYLOADS["t10k-images-idx3-ubyte"], np.uint8, offset=16)
    np.testing.assert_array_equal(data.X_test.ravel(), served.astype(np.float32) / 255)
    # progress: per file from 0 to its full size, then nothing after the last byte
    for name, body in GZIPPED.items():
        mine = [c for c in calls if c[2] == name]
        assert mine[0] == (0, len(body), name) and mine[-1] == (len(body), len(body), name)
        assert [c[0] for c in mine] == sorted(c[0] for c in mine)


def test_cached_files_make_no_request(tmp_path, mirror):
    load(tmp_path, [mirror.url])
    mirror.requests.clear()
    data = load(tmp_path, [mirror.url], val_size=0)
    assert mirror.requests == []
    assert len(data.X_train) == 60 and len(data.X_val) == 0


def test_falls_back_to_the_next_mirror_after_a_404(tmp_path, mirror, second_mirror):
    del mirror.files["train-labels-idx1-ubyte.gz"]
    load(tmp_path, [mirror.url, second_mirror.url])
    assert second_mirror.requests == ["train-labels-idx1-ubyte.gz"]


def test_falls_back_to_the_next_mirror_after_a_corrupted_payload(tmp_path, mirror, second_mirror):
    wrong = bytearray(PAYLOADS["t10k-images-idx3-ubyte"])
    wrong[100] ^= 0xFF  # one pixel changed: still valid gzip and IDX, wrong checksum
    mirror.files["t10k-images-idx3-ubyte.gz"] = gzip.compress(bytes(wrong))
    data = load(tmp_path, [mirror.url, second_mirror.url])
    assert second_mirror.requests == ["t10k-images-idx3-ubyte.gz"]
    stored = gzip.decompress((tmp_path / "t10k-images-idx3-ubyte.gz").read_bytes())
    assert stored == PAYLOADS["t10k-images-idx3-ubyte"]
    assert data.X_test.shape == (20, 784)


def test_interrupted_download_leaves_no_trusted_file(tmp_path, mirror):
    mirror.truncate.add("train-images-idx3-ubyte.gz")
    with pytest.raises(mnist.DataUnavailableError) as caught:
        load(tmp_path, [mirror.url])
    assert "train-images-idx3-ubyte.gz" in str(caught.value)
    assert not (tmp_path / "train-images-idx3-ubyte.gz").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    mirror.truncate.clear()  # the next attempt downloads it again and succeeds
    assert load(tmp_path, [mirror.url]).X_train.shape == (50, 784)


def test_unreachable_mirrors_give_the_offline_message_fast(tmp_path):
    url = refused_url()
    started = time.perf_counter()
    with pytest.raises(mnist.DataUnavailableError) as caught:
        load(tmp_path, [url, url.replace("/mnist/", "/other/")])
    message = str(caught.value)
    assert time.perf_counter() - started < 5
    assert url in message and "/other/" in message
    assert str(tmp_path) in message and all(name in message for name in GZIPPED)
    assert mnist.DIR_VARIABLE in message


def test_truncated_local_file_is_named_in_the_error(tmp_path, mirror):
    load(tmp_path, [mirror.url])
    path = tmp_path / "train-images-idx3-ubyte.gz"
    path.write_bytes(gzip.compress(PAYLOADS["train-images-idx3-ubyte"][:5000]))
    with pytest.raises(mnist.CorruptFileError, match="train-images-idx3-ubyte.gz"):
        load(tmp_path, [mirror.url])


def test_foreign_local_file_is_named_in_the_error(tmp_path, mirror):
    load(tmp_path, [mirror.url])
    (tmp_path / "t10k-labels-idx1-ubyte.gz").write_bytes(b"<html>not found</html>")
    with pytest.raises(mnist.CorruptFileError, match="t10k-labels-idx1-ubyte.gz.*gzip"):
        load(tmp_path, [mirror.url])


@pytest.mark.parametrize("payload,fragment", [
    (b"\x00\x00\x08\x03\x00\x00", "too short"),
    (b"\x00\x00\x09\x99" + bytes(20), "magic number 2457"),
    (idx_labels(np.arange(5))[:-2], "truncated or damaged"),
    (idx_images(np.zeros((2, 8, 8))), "8×8 images, not 28×28"),
])
def test_parse_idx_rejects_malformed_payloads(payload, fragment):
    with pytest.raises(mnist.CorruptFileError, match=fragment):
        mnist.parse_idx(payload, "some-file")


def test_directory_and_mirrors_come_from_the_environment(monkeypatch, tmp_path, mirror):
    monkeypatch.setenv(mnist.DIR_VARIABLE, str(tmp_path / "from-env"))
    monkeypatch.setenv(mnist.MIRRORS_VARIABLE, f"{refused_url()}, {mirror.url}")
    assert mnist.default_dir() == tmp_path / "from-env"
    data = nnlib.datasets.load("mnist", checksums=CHECKSUMS, val_size=10)
    assert (tmp_path / "from-env" / "train-images-idx3-ubyte.gz").exists()
    assert len(data.X_train) == 50


def test_default_cache_dir_is_per_user(monkeypatch, tmp_path):
    monkeypatch.delenv(mnist.DIR_VARIABLE, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert mnist.default_dir() == tmp_path / "backprop-explorer" / "mnist"
    assert mnist.default_mirrors()[0].startswith("https://")


def test_val_size_must_leave_training_images(tmp_path, mirror):
    with pytest.raises(ValueError, match="smaller than the 60 training images"):
        load(tmp_path, [mirror.url], val_size=60)


@pytest.mark.skipif(not SHARED_MNIST.is_dir(), reason="the real MNIST files are not on this machine")
def test_real_mnist_files_load_with_their_published_checksums():
    data = nnlib.datasets.load("mnist", data_dir=SHARED_MNIST, mirrors=[])
    assert data.X_train.shape == (50_000, 784) and data.X_val.shape == (10_000, 784)
    assert data.X_test.shape == (10_000, 784)
    assert np.bincount(data.T_test).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    train_counts = np.bincount(np.concatenate([data.T_train, data.T_val]))
    assert train_counts.tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    # stratified hold-out: each class keeps its share within a tenth of a percent
    assert np.allclose(np.bincount(data.T_val) / 10_000, train_counts / 60_000, atol=1e-3)
    assert data.X_train.dtype == np.float32 and data.X_train.max() == 1.0
