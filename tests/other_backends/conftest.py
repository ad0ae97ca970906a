"""This folder runs on Keras' JAX and PyTorch backends, each in a process of its own and
without TensorFlow (see tests/test_other_backends.py):

    KERAS_BACKEND=jax python tests/without_tensorflow.py -m pytest tests/other_backends
"""

import os
import sys

# Two host CPU devices for JAX's data-parallel test; read when JAX first looks for devices.
os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_force_host_platform_device_count=2").strip()
# These tests compile many small programs and run each briefly: without most of XLA's
# optimisations test_data_parallel.py took 183 s instead of 320 s (211 s of CPU instead of
# 441 s) on 2 CPU cores, and passed the same (docs/test_suite.md). JAX reads the variable
# when it is imported, and tests/conftest.py has imported it by now: the flag is set below.
os.environ.setdefault("JAX_DISABLE_MOST_OPTIMIZATIONS", "1")

import keras  # noqa: E402
import pytest  # noqa: E402

if keras.backend.backend() == "jax":
    import jax

    disable = os.environ["JAX_DISABLE_MOST_OPTIMIZATIONS"].lower() not in ("0", "false")
    jax.config.update("jax_disable_most_optimizations", disable)

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # tests/ helpers

BACKENDS = ("jax", "torch")


@pytest.fixture(autouse=True)
def _on_another_backend():
    assert keras.backend.backend() in BACKENDS, f"run this folder with KERAS_BACKEND set to one of {BACKENDS}"
