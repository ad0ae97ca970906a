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


@pytest.mark.parametrize("model", ["dcgan", "wgan_gp"])
def test_jax_ends_with_the_weights_tensorflow_ends_with(model, tmp_path, monkeypatch):
    """From the same weights, data and noise, SGD steps agree across backends (to 1e-4)."""
    pytest.importorskip("jax")
    import numpy as np

    from same_numbers import STEPS, BATCH, deterministic_random, train
    from helpers import random_images

    deterministic_random(monkeypatch.setattr)
    images = random_images(STEPS * BATCH * 2)
    initial, tensorflow_final = train(model, None, images)
    np.savez(tmp_path / "start.npz", images=images, **{f"w{i}": value for i, value in enumerate(initial)})
    environment = dict(os.environ, KERAS_BACKEND="jax", PYTHONPATH=TESTS)
    completed = subprocess.run(
        [sys.executable, os.path.join(TESTS, "same_numbers.py"), model, str(tmp_path / "start.npz"),
         str(tmp_path / "jax.npz")],
        env=environment, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    stored = np.load(tmp_path / "jax.npz")
    jax_final = [stored[f"w{i}"] for i in range(len(stored.files))]
    moved = max(float(np.abs(a - b).max()) for a, b in zip(initial, tensorflow_final))
    assert moved > 1e-3, "did not train"
    difference = max(float(np.abs(a - b).max()) for a, b in zip(tensorflow_final, jax_final))
    assert difference < 1e-4, difference


@pytest.mark.parametrize("saved_on", ["tensorflow", "jax"])
def test_a_model_saved_on_one_backend_loads_on_the_other(saved_on, tmp_path):
    pytest.importorskip("jax")
    import numpy as np

    from cross_load import outputs, saved_dcgan
    from helpers import random_images

    import kerasgan

    inputs = {"z": np.random.default_rng(0).normal(size=(6, 8)).astype("float32"), "images": random_images(6)}
    np.savez(tmp_path / "inputs.npz", **inputs)
    model = str(tmp_path / "gan.keras")

    def on_jax(action):
        environment = dict(os.environ, KERAS_BACKEND="jax", PYTHONPATH=TESTS)
        completed = subprocess.run(
            [sys.executable, os.path.join(TESTS, "cross_load.py"), action, model, str(tmp_path / "inputs.npz"),
             str(tmp_path / "jax.npz")],
            env=environment, capture_output=True, text=True, timeout=300,
        )
        assert completed.returncode == 0, completed.stderr[-3000:]
        return np.load(tmp_path / "jax.npz")

    if saved_on == "tensorflow":
        here = outputs(saved_dcgan(model), inputs)
        there = on_jax("load")
    else:
        there = on_jax("save")
        here = outputs(kerasgan.load_model(model), inputs)
    for key in ("samples", "scores"):
        np.testing.assert_allclose(here[key], there[key], atol=1e-5, err_msg=key)
