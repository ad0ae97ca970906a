"""The models on Keras' JAX backend: tests/jax, run in a process of its own (the backend is
chosen when Keras is first imported, and this process runs on TensorFlow)."""

import os
import subprocess
import sys

import pytest

TESTS = os.path.dirname(os.path.abspath(__file__))


def test_the_jax_suite_passes():
    pytest.importorskip("jax")
    environment = dict(os.environ, KERAS_BACKEND="jax")
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", os.path.join(TESTS, "jax")],
        cwd=os.path.dirname(TESTS), env=environment, capture_output=True, text=True, timeout=900,
    )
    assert completed.returncode == 0, completed.stdout[-6000:] + completed.stderr[-2000:]
