"""Feature extractors, the verified zoo classifier and the reference cache."""

import json
import os
import shutil
import time

import keras
import numpy as np
import pytest

from kerasgan import data, metrics
from kerasgan.metrics import extractors
from kerasgan.metrics.reference import reference_activations

ZOO_CLASSIFIER = os.path.join(os.path.dirname(__file__), "..", "kerasgan", "zoo", "mnist_classifier")


def tiny_model():
    inputs = keras.Input((8, 8, 1))
    features = keras.layers.GlobalAveragePooling2D(name="pool")(keras.layers.Conv2D(4, 3, name="conv")(inputs))
    return keras.Model(inputs, keras.layers.Dense(3, name="head")(features))


def test_keras_model_extractor_batches_and_quantises():
    model = tiny_model()
    extractor = metrics.get_extractor(model, feature_layer="pool")
    images = np.random.default_rng(0).uniform(-1, 1, (10, 8, 8, 1)).astype(np.float32)
    features = extractor.features(images, batch_size=3)
    assert features.shape == (10, 4) and features.dtype == np.float64
    quantised = np.round((images + 1) * 127.5) / 127.5 - 1
    expected = keras.Model(model.input, model.get_layer("pool").output)(quantised).numpy()
    np.testing.assert_allclose(features, expected, rtol=1e-5, atol=1e-6)
    assert extractor.logits(images).shape == (10, 3)


def test_extractor_refuses_bad_images():
    extractor = metrics.get_extractor(tiny_model())
    with pytest.raises(ValueError, match="dtype uint8"):
        extractor.features(np.zeros((2, 8, 8, 1), np.uint8))
    with pytest.raises(ValueError, match=r"\[n, H, W, C\]"):
        extractor.features(np.zeros((2, 8, 8), np.float32))
    with pytest.raises(ValueError, match="Unknown extractor"):
        metrics.get_extractor("resnet_9000")


def test_inception_v3_offline_fails_at_once_with_instructions(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    started = time.perf_counter()
    with pytest.raises(FileNotFoundError, match="does not download"):
        metrics.get_extractor("inception_v3")
    assert time.perf_counter() - started < 1.0


def test_inception_v3_from_a_local_weights_file(tmp_path):
    # Random weights written to a file stand in for the ImageNet file, which is
    # not available offline: this checks loading, the 299x299 resize and shapes.
    network = keras.applications.InceptionV3(weights=None, classifier_activation=None)
    path = str(tmp_path / "inception.weights.h5")
    network.save_weights(path)
    extractor = metrics.get_extractor("inception_v3", weights=path, resize_method="bicubic")
    assert extractor.config["input_size"] == 299 and extractor.config["resize_method"] == "bicubic"
    images = np.random.default_rng(0).uniform(-1, 1, (2, 32, 32, 3)).astype(np.float32)
    assert extractor.features(images).shape == (2, 2048)
    assert extractor.logits(images).shape == (2, 1000)


def test_mnist_classifier_is_accurate(mnist_dir):
    extractor = metrics.get_extractor("mnist_classifier")
    images, labels = data.load_mnist(mnist_dir, split="validation", with_labels=True)
    logits = extractor.logits(data.scale_images(images[:2000]))
    assert (logits.argmax(axis=1) == labels[:2000]).mean() >= 0.985
    assert extractor.features(data.scale_images(images[:4])).shape == (4, 128)


def test_tampered_zoo_weights_are_refused(tmp_path):
    copy = tmp_path / "mnist_classifier"
    shutil.copytree(ZOO_CLASSIFIER, copy)
    with open(copy / "model.keras", "r+b") as stream:
        stream.seek(100)
        stream.write(b"\x00tampered\x00")
    with pytest.raises(ValueError, match="tampered"):
        metrics.get_extractor("mnist_classifier", directory=str(copy))
    (copy / "model.keras").unlink()
    with pytest.raises(FileNotFoundError, match="model.keras"):
        metrics.get_extractor("mnist_classifier", directory=str(copy))


class CountingExtractor(extractors.FeatureExtractor):
    def __init__(self, resize_method="bilinear"):
        super().__init__(keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Flatten()]),
                         name="counting", resize_method=resize_method)
        self.calls = 0

    def features(self, images, batch_size=200):
        self.calls += 1
        return super().features(images, batch_size)


def test_reference_activations_are_cached_by_key(tmp_path):
    images = np.random.default_rng(0).uniform(-1, 1, (12, 8, 8, 1)).astype(np.float32)
    extractor = CountingExtractor()
    first = reference_activations(images, "toy", "train", extractor, cache_dir=str(tmp_path))
    second = reference_activations(lambda: images, "toy", "train", extractor, cache_dir=str(tmp_path))
    assert extractor.calls == 1
    np.testing.assert_array_equal(first, second)
    reference_activations(images[:10], "toy", "train", extractor, cache_dir=str(tmp_path))  # n changed
    reference_activations(images, "toy", "validation", extractor, cache_dir=str(tmp_path))  # split changed
    other_resize = CountingExtractor(resize_method="bicubic")
    reference_activations(images, "toy", "train", other_resize, cache_dir=str(tmp_path))
    assert extractor.calls == 3 and other_resize.calls == 1
    assert len(os.listdir(tmp_path)) == 4
    key = json.loads(str(np.load(next(tmp_path.iterdir()))["key"]))
    assert {"dataset", "split", "num_samples", "extractor", "resize_method"} <= set(key)
