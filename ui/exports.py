"""What the training page offers for download: the whole run (.npz) and its history (.csv)."""

from __future__ import annotations

import csv
import io

import nnlib

EVAL_COLUMNS = ["eval_iteration", "eval_epoch", "train_loss", "val_loss", "train_score", "val_score"]


def history_csv(history: nnlib.History) -> bytes:
    """Two tables in one file: the loss of every batch, then every evaluation."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["iteration", "batch_loss"])
    writer.writerows(enumerate(history.batch_loss, start=1))
    writer.writerow([])
    writer.writerow(EVAL_COLUMNS)
    writer.writerows(zip(*(getattr(history, name) for name in EVAL_COLUMNS)))
    return out.getvalue().encode()


def run_npz(trainer: nnlib.Trainer) -> bytes:
    """Weights, optimiser state, history and position: nnlib.Trainer.load resumes from it."""
    out = io.BytesIO()
    trainer.save(out)
    return out.getvalue()
