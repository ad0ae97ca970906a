"""Test session setup: two logical CPU devices, so tests can use MirroredStrategy."""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import pytest  # noqa: E402
import tensorflow as tf  # noqa: E402

# Logical devices must be configured before TensorFlow initialises its runtime.
_cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(
    _cpu, [tf.config.LogicalDeviceConfiguration(), tf.config.LogicalDeviceConfiguration()]
)

# tests/jax runs in its own process on Keras' JAX backend (tests/test_jax_backend.py).
collect_ignore = ["jax"]

MNIST_DIR = os.environ.get(
    "KERASGAN_MNIST_DIR",
    os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "mnist"),
)


@pytest.fixture(scope="session")
def two_cpu_strategy():
    devices = [d.name for d in tf.config.list_logical_devices("CPU")]
    assert len(devices) == 2, devices
    return tf.distribute.MirroredStrategy(devices)


@pytest.fixture(scope="session")
def mnist_dir():
    if not os.path.isfile(os.path.join(MNIST_DIR, "train-images-idx3-ubyte.gz")):
        pytest.skip(f"MNIST IDX files not found in {MNIST_DIR} (set KERASGAN_MNIST_DIR)")
    return MNIST_DIR
