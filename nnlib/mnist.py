"""MNIST: find the four IDX files locally or download them from public mirrors, verify, parse.

Where the files live: the `data_dir` argument, else $BACKPROP_EXPLORER_MNIST_DIR, else
~/.cache/backprop-explorer/mnist ($XDG_CACHE_HOME is honoured). Files found there are used with
no network access. A missing file is downloaded from the mirrors in order (the `mirrors`
argument, else $BACKPROP_EXPLORER_MNIST_MIRRORS, space- or comma-separated, else MIRRORS) into a
temporary file that is renamed into place only after its decompressed payload matches the
SHA-256 below, so an interrupted or corrupted download is never trusted later.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import socket
import tempfile
import urllib.error
import urllib.request
import zlib
from pathlib import Path
from typing import Callable

import numpy as np

DIR_VARIABLE = "BACKPROP_EXPLORER_MNIST_DIR"
MIRRORS_VARIABLE = "BACKPROP_EXPLORER_MNIST_MIRRORS"

MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://yann.lecun.com/exdb/mnist/",
)

# SHA-256 of the decompressed payloads (gzip bytes differ between mirrors; payloads do not).
CHECKSUMS = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}
FILES = tuple(f"{name}.gz" for name in CHECKSUMS)
IMAGE_MAGIC, LABEL_MAGIC = 2051, 2049
CHUNK = 1 << 16

Progress = Callable[[int, int, str], None]


class DataUnavailableError(ValueError):
    """The files are neither on disk nor downloadable; the message says what to do."""


class CorruptFileError(ValueError):
    """A file is not the MNIST file it is named after; the message names it."""


def default_dir() -> Path:
    if os.environ.get(DIR_VARIABLE):
        return Path(os.environ[DIR_VARIABLE]).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache").expanduser()
    return cache / "backprop-explorer" / "mnist"


def default_mirrors() -> tuple[str, ...]:
    text = os.environ.get(MIRRORS_VARIABLE, "")
    mirrors = tuple(part for part in text.replace(",", " ").split() if part)
    return mirrors or MIRRORS


# ---- parsing and verification ----

def parse_idx(payload: bytes, filename: str) -> np.ndarray:
    """Array from an uncompressed IDX file (magic 2049 labels, 2051 images), checked in full."""
    if len(payload) < 8:
        raise CorruptFileError(f"{filename} is too short ({len(payload)} bytes) to be an IDX file.")
    magic = int.from_bytes(payload[:4], "big")
    if magic not in (IMAGE_MAGIC, LABEL_MAGIC):
        raise CorruptFileError(
            f"{filename} is not an MNIST IDX file (magic number {magic}, expected "
            f"{LABEL_MAGIC} for labels or {IMAGE_MAGIC} for images)."
        )
    n_dims = 3 if magic == IMAGE_MAGIC else 1
    header = 4 + 4 * n_dims
    if len(payload) < header:
        raise CorruptFileError(f"{filename} ends inside its header ({len(payload)} bytes).")
    dims = [int.from_bytes(payload[4 + 4 * i:8 + 4 * i], "big") for i in range(n_dims)]
    expected = header + int(np.prod(dims))
    if len(payload) != expected:
        raise CorruptFileError(
            f"{filename} holds {len(payload)} bytes but its header ({' × '.join(map(str, dims))}) "
            f"promises {expected}: the file is truncated or damaged."
        )
    if magic == IMAGE_MAGIC and dims[1:] != [28, 28]:
        raise CorruptFileError(f"{filename} holds {dims[1]}×{dims[2]} images, not 28×28.")
    return np.frombuffer(payload, dtype=np.uint8, offset=header).reshape(dims[0], -1)


def read_payload(path: Path) -> bytes:
    """The decompressed bytes of a .gz file, or a CorruptFileError naming it."""
    try:
        with gzip.open(path, "rb") as stream:
            return stream.read()
    except (OSError, EOFError, zlib.error) as error:
        raise CorruptFileError(
            f"{path} is not a complete gzip file ({error}); delete it and load MNIST again."
        ) from None


def verify(payload: bytes, filename: str, checksums: dict[str, str]) -> None:
    name = filename.removesuffix(".gz")
    digest = hashlib.sha256(payload).hexdigest()
    if digest != checksums[name]:
        raise CorruptFileError(
            f"{filename} does not match the published MNIST file (SHA-256 of its contents "
            f"{digest[:12]}…, expected {checksums[name][:12]}…)."
        )


# ---- download ----

def _download(url: str, target: Path, filename: str, checksums: dict[str, str],
              progress: Progress | None, timeout: float) -> None:
    """Fetch url into a temporary file beside target; rename it into place once verified."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{filename}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out, urllib.request.urlopen(url, timeout=timeout) as response:
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            if progress:
                progress(0, total, filename)
            while chunk := response.read(CHUNK):
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total, filename)
            if total and done != total:
                raise CorruptFileError(f"the download stopped after {done} of {total} bytes")
        payload = read_payload(Path(temporary))
        verify(payload, filename, checksums)
        parse_idx(payload, filename)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def _describe(error: BaseException) -> str:
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code}"
    if isinstance(error, urllib.error.URLError):
        return str(error.reason)
    if isinstance(error, (socket.timeout, TimeoutError)):
        return "timed out"
    return str(error) or type(error).__name__


def fetch(data_dir: Path, mirrors: tuple[str, ...], checksums: dict[str, str],
          progress: Progress | None = None, timeout: float = 30.0) -> dict[str, Path]:
    """Paths of the four files in data_dir, downloading any that are missing."""
    paths = {name: data_dir / name for name in FILES}
    missing = [name for name, path in paths.items() if not path.exists()]
    if not missing:
        return paths
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DataUnavailableError(
            f"Cannot create the MNIST folder {data_dir} ({error.strerror}); set "
            f"{DIR_VARIABLE} to a folder you can write to."
        ) from None
    for filename in missing:
        failures = []
        for mirror in mirrors:
            url = mirror.rstrip("/") + "/" + filename
            try:
                _download(url, paths[filename], filename, checksums, progress, timeout)
                break
            except (OSError, ValueError, EOFError) as error:  # URLError and timeouts are OSErrors
                failures.append(f"{url} ({_describe(error)})")
        else:
            raise DataUnavailableError(
                f"Could not download {filename} from any MNIST mirror. Tried: "
                + "; ".join(failures)
                + f". To use MNIST offline, put the four files {', '.join(FILES)} into "
                f"{data_dir} (or point {DIR_VARIABLE} at the folder that holds them)."
            )
    return paths


def _parsed(paths: tuple[Path, ...], checksums: dict[str, str]) -> tuple[np.ndarray, ...]:
    """The four uint8 arrays, parsed and verified. Not cached here: callers keep the converted
    data set (the app in st.cache_resource), and a second copy would cost 55 MB per process."""
    arrays = []
    for path in paths:
        payload = read_payload(path)
        try:
            verify(payload, path.name, checksums)
        except CorruptFileError as error:
            raise CorruptFileError(
                f"{path}: {error} Delete it and load MNIST again to download a fresh copy."
            ) from None
        arrays.append(parse_idx(payload, str(path)))
    return tuple(arrays)


def load_arrays(data_dir: str | Path | None = None, progress: Progress | None = None,
                mirrors=None, checksums: dict[str, str] | None = None, timeout: float = 30.0):
    """(train images, train labels, test images, test labels) as uint8 arrays."""
    directory = Path(data_dir).expanduser() if data_dir is not None else default_dir()
    mirrors = tuple(mirrors) if mirrors is not None else default_mirrors()
    checksums = dict(checksums or CHECKSUMS)
    paths = fetch(directory, mirrors, checksums, progress, timeout)
    train_images, train_labels, test_images, test_labels = _parsed(
        tuple(paths[name].resolve() for name in FILES), checksums
    )
    if len(train_images) != len(train_labels) or len(test_images) != len(test_labels):
        raise CorruptFileError(
            f"The MNIST files in {directory} do not belong together: "
            f"{len(train_images)} training images but {len(train_labels)} labels, "
            f"{len(test_images)} test images but {len(test_labels)} labels."
        )
    return train_images, train_labels.ravel(), test_images, test_labels.ravel()
