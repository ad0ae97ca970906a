"""The models on Keras' JAX and PyTorch backends.

tests/other_backends runs in a process of its own per backend (the backend is
chosen when Keras is first imported, and this process runs on TensorFlow) in
which TensorFlow cannot be imported (tests/without_tensorflow.py), as where it
is not installed. The other tests here compare TensorFlow with JAX.
"""

import importlib.util
import os
import subprocess
import sys

import pytest

TESTS = os.path.dirname(os.path.abspath(__file__))


def skip_unless_installed(backend):
    if importlib.util.find_spec(backend) is None:
        pytest.skip(f"{backend} is not installed (pip install -e '.[{backend}]')")



# One process per file, so that pytest-xdist's workers share them out.
OTHER_BACKEND_FILES = sorted(
    name for name in os.listdir(os.path.join(TESTS, "other_backends")) if name.startswith("test_")
)


@pytest.mark.long
@pytest.mark.parametrize("test_file", OTHER_BACKEND_FILES)
@pytest.mark.parametrize("backend", ["jax", "torch"])
def test_the_suite_passes_without_tensorflow(backend, test_file):
    skip_unless_installed(backend)
    environment = dict(os.environ, KERAS_BACKEND=backend)
    completed = subprocess.run(
        [sys.executable, os.path.join(TESTS, "without_tensorflow.py"), "-m", "pytest", "-q", "-p", "no:cacheprovider",
         # "-n 0": xdist's worker processes would not hide TensorFlow.
         "-n", "0", os.path.join(TESTS, "other_backends", test_file)],
        cwd=os.path.dirname(TESTS), env=environment, capture_output=True, text=True, timeout=1500,
    )
    assert completed.returncode == 0, completed.stdout[-6000:] + completed.stderr[-2000:]


@pytest.mark.parametrize("backend", ["tensorflow", "jax", "torch"])
def test_each_backend_module_provides_the_whole_interface(backend):
    skip_unless_installed(backend)
    from kerasgan.backend import INTERFACE

    module = importlib.import_module(f"kerasgan.backend.{backend}")
    assert [name for name in INTERFACE if not hasattr(module, name)] == []


@pytest.mark.parametrize("backend", ["jax", "torch"])
@pytest.mark.parametrize("model", ["dcgan", "wgan_gp"])
def test_another_backend_ends_with_the_weights_tensorflow_ends_with(model, backend, tmp_path, monkeypatch):
    """From the same weights, data and noise, SGD steps agree across backends (to 1e-4)."""
    skip_unless_installed(backend)
    import numpy as np

    from same_numbers import STEPS, BATCH, deterministic_random, train
    from helpers import random_images

    deterministic_random(monkeypatch.setattr)
    images = random_images(STEPS * BATCH * 2)
    initial, tensorflow_final = train(model, None, images)
    np.savez(tmp_path / "start.npz", images=images, **{f"w{i}": value for i, value in enumerate(initial)})
    environment = dict(os.environ, KERAS_BACKEND=backend, PYTHONPATH=TESTS)
    completed = subprocess.run(
        [sys.executable, os.path.join(TESTS, "same_numbers.py"), model, str(tmp_path / "start.npz"),
         str(tmp_path / "other.npz")],
        env=environment, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    stored = np.load(tmp_path / "other.npz")
    other_final = [stored[f"w{i}"] for i in range(len(stored.files))]
    moved = max(float(np.abs(a - b).max()) for a, b in zip(initial, tensorflow_final))
    assert moved > 1e-3, "did not train"
    difference = max(float(np.abs(a - b).max()) for a, b in zip(tensorflow_final, other_final))
    assert difference < 1e-4, difference


@pytest.mark.parametrize("other", ["jax", "torch"])
@pytest.mark.parametrize("saved_on", ["tensorflow", "other"])
def test_a_model_saved_on_one_backend_loads_on_the_other(saved_on, other, tmp_path):
    skip_unless_installed(other)
    import numpy as np

    from cross_load import outputs, saved_dcgan
    from helpers import random_images

    import kerasgan

    inputs = {"z": np.random.default_rng(0).normal(size=(6, 8)).astype("float32"), "images": random_images(6)}
    np.savez(tmp_path / "inputs.npz", **inputs)
    model = str(tmp_path / "gan.keras")

    def on_the_other_backend(action):
        environment = dict(os.environ, KERAS_BACKEND=other, PYTHONPATH=TESTS)
        completed = subprocess.run(
            [sys.executable, os.path.join(TESTS, "cross_load.py"), action, model, str(tmp_path / "inputs.npz"),
             str(tmp_path / "other.npz")],
            env=environment, capture_output=True, text=True, timeout=300,
        )
        assert completed.returncode == 0, completed.stderr[-3000:]
        return np.load(tmp_path / "other.npz")

    if saved_on == "tensorflow":
        here = outputs(saved_dcgan(model), inputs)
        there = on_the_other_backend("load")
    else:
        there = on_the_other_backend("save")
        here = outputs(kerasgan.load_model(model), inputs)
    for key in ("samples", "scores"):
        np.testing.assert_allclose(here[key], there[key], atol=1e-5, err_msg=key)
