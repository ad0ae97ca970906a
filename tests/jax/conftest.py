"""The JAX suite runs in its own process with KERAS_BACKEND=jax (see tests/test_jax_backend.py)."""

import os
import sys

import keras
import pytest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # tests/ helpers


@pytest.fixture(autouse=True)
def _on_jax():
    assert keras.backend.backend() == "jax", "run this folder with KERAS_BACKEND=jax"
