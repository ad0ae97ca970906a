"""Data loaders: real MNIST IDX files, corrupt files, the embedded set, toys."""

import gzip
import shutil

import numpy as np
import pytest

from kerasgan import data
from kerasgan.data import mnist
from kerasgan.metrics import mode_coverage

MNIST_PIXEL_MEAN = 0.1306604762738429  # the known training-set value


def test_mnist_idx_matches_the_known_statistics(mnist_dir):
    images, labels = data.load_mnist(mnist_dir, split="all", with_labels=True)
    assert images.shape == (60000, 28, 28, 1) and images.dtype == np.uint8
    assert images.mean() / 255.0 == pytest.approx(MNIST_PIXEL_MEAN, abs=1e-12)
    assert np.bincount(labels).tolist()[:2] == [5923, 6742]
    train = data.load_mnist(mnist_dir, split="train")
    validation = data.load_mnist(mnist_dir, split="validation")
    assert len(train) == 55000 and len(validation) == 5000
    np.testing.assert_array_equal(validation, images[55000:])


def test_mnist_dataset_is_scaled_and_padded(mnist_dir):
    batch = next(iter(data.mnist_dataset(32, mnist_dir, split="validation", pad_to=32, seed=0)))
    assert batch.shape == (32, 32, 32, 1)
    assert float(batch.numpy().min()) == -1.0 and float(batch.numpy().max()) == 1.0
    assert np.all(batch.numpy()[:, :2] == -1.0)  # padding is background


def _copy_mnist(mnist_dir, tmp_path):
    for name in (mnist.TRAIN_IMAGES, mnist.TRAIN_LABELS):
        shutil.copy(f"{mnist_dir}/{name}", tmp_path / name)


def test_missing_data_names_the_problem(tmp_path, monkeypatch):
    monkeypatch.delenv(mnist.MNIST_DIR_ENV, raising=False)
    with pytest.raises(ValueError, match="KERASGAN_MNIST_DIR"):
        data.load_mnist()
    with pytest.raises(FileNotFoundError, match="does not exist"):
        data.load_mnist(str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="train-images-idx3-ubyte.gz"):
        data.load_mnist(str(tmp_path))


def _write_gz(path, payload):
    with gzip.open(path, "wb") as stream:
        stream.write(payload)


def test_corrupt_files_are_reported(tmp_path, mnist_dir):
    _copy_mnist(mnist_dir, tmp_path)
    images_path = tmp_path / mnist.TRAIN_IMAGES
    images_path.write_bytes(b"not gzip at all")
    with pytest.raises(ValueError, match="not a readable gzip"):
        data.load_mnist(str(tmp_path))
    header = (2051).to_bytes(4, "big") + b"".join(n.to_bytes(4, "big") for n in (60000, 28, 28))
    _write_gz(images_path, header + bytes(1000))
    with pytest.raises(ValueError, match="corrupt"):
        data.load_mnist(str(tmp_path))
    _write_gz(images_path, (2049).to_bytes(4, "big") + bytes(100))
    with pytest.raises(ValueError, match="magic number 2049"):
        data.load_mnist(str(tmp_path))


def test_embedded_digits_are_real_mnist_digits():
    images, labels = data.load_embedded_digits(with_labels=True)
    assert images.shape == (5000, 28, 28, 1) and images.dtype == np.uint8
    assert set(np.unique(labels)) == set(range(10))
    # Digits: mostly background with bright strokes, like MNIST.
    assert 0.10 < images.mean() / 255.0 < 0.16
    batch = next(iter(data.embedded_dataset(64, seed=0)))
    assert batch.shape == (64, 28, 28, 1)
    assert -1.0 <= float(batch.numpy().min()) and float(batch.numpy().max()) <= 1.0


def test_scale_images_refuses_floats():
    with pytest.raises(ValueError, match="uint8"):
        data.scale_images(np.zeros((2, 28, 28, 1), np.float32))


@pytest.mark.parametrize("name", ["ring", "grid"])
def test_toy_data_covers_its_own_modes(name):
    centers, std = data.TOY_DISTRIBUTIONS[name]
    coverage = mode_coverage(data.toy_samples(name, 5000, seed=0), centers, std)
    assert coverage["modes"] == len(centers)
    # A 2-D isotropic Gaussian puts 1 - exp(-9/2) = 98.89% of its mass within 3 sigma.
    assert coverage["high_quality"] == pytest.approx(1 - np.exp(-4.5), abs=0.006)


def test_toy_geometry():
    np.testing.assert_allclose(np.linalg.norm(data.ring_centers(), axis=1), 1.0)
    assert len(data.grid_centers()) == 25
    assert data.grid_centers().min() == -4 and data.grid_centers().max() == 4
    with pytest.raises(ValueError, match="Unknown toy"):
        data.toy_samples("moons", 10)


def test_crop_padding_undoes_pad_to():
    images = np.random.default_rng(0).uniform(-1, 1, (3, 28, 28, 1)).astype("float32")
    padded = np.pad(images, ((0, 0), (2, 2), (2, 2), (0, 0)), constant_values=-1.0)
    np.testing.assert_array_equal(data.crop_padding(padded), images)
    np.testing.assert_array_equal(data.crop_padding(images), images)


@pytest.mark.parametrize("output", ["tf.data", "pydataset"])
def test_batches_are_whole_shuffled_scaled_and_keep_labels_aligned(output):
    images = np.arange(10, dtype=np.uint8).reshape(10, 1, 1, 1) * 20
    labels = np.arange(10)
    dataset = data.pipelines.batches((images, labels), 4, seed=0, output=output, uint8_images=True)
    epochs = [[(np.asarray(x), np.asarray(y)) for x, y in _epoch(dataset)] for _ in range(2)]
    for batches in epochs:
        assert [len(y) for _, y in batches] == [4, 4]  # the last 2 examples are dropped
        for x, y in batches:
            np.testing.assert_allclose(x[:, 0, 0, 0], labels[y] * 20 / 127.5 - 1.0, atol=1e-6)
        assert len({int(label) for _, y in batches for label in y}) == 8
    orders = [np.concatenate([y for _, y in batches]).tolist() for batches in epochs]
    assert orders[0] != orders[1] and sorted(orders[0]) != orders[0]  # shuffled, anew each epoch
    again = data.pipelines.batches((images, labels), 4, seed=0, output=output, uint8_images=True)
    assert np.concatenate([np.asarray(y) for _, y in _epoch(again)]).tolist() == orders[0]  # seeded


def _epoch(dataset):
    """One pass, ending the epoch as `fit` does."""
    if isinstance(dataset, data.ShuffledBatches):
        batches = [dataset[index] for index in range(len(dataset))]
        dataset.on_epoch_end()
        return batches
    return list(dataset)


def test_data_functions_choose_their_output_by_backend_or_as_asked():
    digits = data.embedded_dataset(64, seed=0)  # this suite runs on TensorFlow
    assert hasattr(digits, "element_spec")
    assert digits.options().autotune.enabled is False  # so that fit returns at its last step (see pipelines)
    assert isinstance(data.embedded_dataset(64, seed=0, output="pydataset"), data.ShuffledBatches)
    points = data.toy_dataset("ring", 32, num_samples=100, output="numpy")
    assert points.shape == (100, 2) and points.dtype == np.float32
    with pytest.raises(ValueError, match="output must be one of"):
        data.toy_dataset("ring", 32, output="torch")
    with pytest.raises(ValueError, match="expects uint8 images"):
        data.image_dataset(np.zeros((8, 4, 4, 1), np.float32), 4)
