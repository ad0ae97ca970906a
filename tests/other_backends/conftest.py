"""The JAX suite runs in its own process with KERAS_BACKEND=jax (see tests/test_jax_backend.py)."""

import os
import sys

# Two host CPU devices for the data-parallel test; set before JAX starts.
os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_force_host_platform_device_count=2").strip()

import keras  # noqa: E402
import pytest  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # tests/ helpers


@pytest.fixture(autouse=True)
def _on_jax():
    assert keras.backend.backend() == "jax", "run this folder with KERAS_BACKEND=jax"
