"""Test session setup: on TensorFlow, two logical CPU devices, so tests can use MirroredStrategy.

tests/other_backends runs in processes of their own on Keras' JAX and PyTorch
backends, without TensorFlow (tests/test_other_backends.py); this file is its
conftest too, so it imports TensorFlow only on that backend.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def _threads_for_one_share_of_the_cores():
    """Under pytest-xdist, each worker's TensorFlow, oneDNN and BLAS get the threads of its share of
    the cores (one each on the 2-core CI machine), and so do the processes it starts (environment).
    Two workers with a thread per core each oversubscribe the cores: the ProGAN learning test took
    521 s beside the other worker, 169 s alone with two threads and 240 s alone with one
    (docs/test_suite.md). An environment that sets these keeps its own."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "0"))
    if workers < 1:
        return
    threads = str(max(1, (os.cpu_count() or 1) // workers))
    for name in ("TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(name, threads)


_threads_for_one_share_of_the_cores()

import keras  # noqa: E402
import pytest  # noqa: E402

if keras.backend.backend() == "tensorflow":
    import tensorflow as tf

    # Logical devices must be configured before TensorFlow initialises its runtime.
    _cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(
        _cpu, [tf.config.LogicalDeviceConfiguration(), tf.config.LogicalDeviceConfiguration()]
    )
    collect_ignore = ["other_backends"]

MNIST_DIR = os.environ.get(
    "KERASGAN_MNIST_DIR",
    os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "mnist"),
)


@pytest.fixture(scope="session")
def two_cpu_strategy():
    import tensorflow as tf

    import kerasgan

    devices = [d.name for d in tf.config.list_logical_devices("CPU")]
    assert len(devices) == 2, devices
    return kerasgan.distribute.local_mirrored_strategy()  # the one the named scope uses too


@pytest.fixture(scope="session")
def mnist_dir():
    if not os.path.isfile(os.path.join(MNIST_DIR, "train-images-idx3-ubyte.gz")):
        pytest.skip(f"MNIST IDX files not found in {MNIST_DIR} (set KERASGAN_MNIST_DIR)")
    return MNIST_DIR


def pytest_collection_modifyitems(items):
    """The tests marked `long` first (in their order), so xdist's workers do not end on one of them."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)
