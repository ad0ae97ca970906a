"""Feature extractors for sample-based metrics, registered by name (`kerasgan.metrics.registry`).

An extractor maps images in [-1, 1] to pooled features (for FID, KID,
precision/recall, ...) and class logits (for the Inception Score). Built-in:

- "mnist_classifier": a small CNN trained on the MNIST training split by
  `tools/train_mnist_classifier.py`, shipped as the zoo entry
  `mnist_classifier` (`kerasgan.zoo`) with its sha256 checked at load.
  Gives the MNIST analogues of FID and IS ("Frechet classifier distance",
  "classifier score"), as in TF-GAN's MNIST examples.
- "inception_v3": Keras' ImageNet InceptionV3 (2048-d pool features,
  1000 logits) at 299x299. These are NOT the weights of the TTUR / TF-GAN
  FID Inception ("2015-12-05"), so values are for monitoring and internal
  comparison, not for comparison with published FIDs.

Any `keras.Model` can be wrapped with `KerasFeatureExtractor`.
Images are quantised to uint8 levels before extraction, as stored real
images are, so that generated and real inputs go through the same path.
"""

import os

import keras
import numpy as np

from kerasgan import zoo
from kerasgan.metrics import defaults
from kerasgan.metrics.registry import EXTRACTORS
from kerasgan.metrics.registry import register_extractor

KERAS_INCEPTION_WEIGHTS = "inception_v3_weights_tf_dim_ordering_tf_kernels.h5"
RESIZE_METHODS = ("bilinear", "bicubic", "nearest", "area")


def get_extractor(name_or_model, **kwargs):
    """An extractor by registry name, or a `keras.Model` wrapped as one."""
    if isinstance(name_or_model, FeatureExtractor):
        return name_or_model
    if isinstance(name_or_model, keras.Model):
        return KerasFeatureExtractor(name_or_model, **kwargs)
    return EXTRACTORS.get(name_or_model)(**kwargs)


def quantize(images):
    """Rounds [-1, 1] images to the 256 levels of uint8 images, staying in [-1, 1] (float32 numpy)."""
    images = np.clip(np.asarray(images, dtype=np.float32), -1.0, 1.0)
    return np.round((images + 1.0) * np.float32(127.5)) / np.float32(127.5) - np.float32(1.0)


class FeatureExtractor:
    """Batched feature and logit extraction, compiled as the Keras backend compiles predictions.

    Attributes:
        name: identifies the network and its weights in cache keys.
        input_size: side the images are resized to (None: no resizing).
        resize_method: `keras.layers.Resizing` interpolation, recorded with results.
    """

    def __init__(self, features_model, logits_model=None, name="custom", input_size=None, resize_method="bilinear"):
        if resize_method not in RESIZE_METHODS:
            raise ValueError(f"resize_method must be one of {RESIZE_METHODS}, got {resize_method!r}.")
        self.name = name
        self.input_size = input_size
        self.resize_method = resize_method
        self._features = self._networks(features_model)
        self._logits = None if logits_model is None else self._networks(logits_model)

    def _networks(self, network):
        """(network, network behind a resizing layer): the second takes images of any other size."""
        if self.input_size is None:
            return network, network
        resizing = keras.layers.Resizing(self.input_size, self.input_size, interpolation=self.resize_method)
        return network, keras.Sequential([resizing, network])

    @property
    def config(self):
        """What determines the features: part of every cache key and report."""
        return {"extractor": self.name, "input_size": self.input_size, "resize_method": self.resize_method}

    def _run(self, networks, images, batch_size):
        images = np.asarray(images)
        _check_images(images)
        same_size, resized = networks
        network = same_size if self.input_size in (None, images.shape[1]) else resized
        outputs = [
            np.asarray(network.predict_on_batch(quantize(images[i : i + batch_size])))
            for i in range(0, len(images), batch_size)
        ]
        return np.concatenate(outputs).astype(np.float64)

    def features(self, images, batch_size=defaults.EXTRACTOR_BATCH_SIZE):
        """[n, d] float64 features of images in [-1, 1]."""
        return self._run(self._features, images, batch_size)

    def logits(self, images, batch_size=defaults.EXTRACTOR_BATCH_SIZE):
        """[n, classes] float64 logits of images in [-1, 1]."""
        if self._logits is None:
            raise ValueError(f"The {self.name!r} extractor has no classifier head.")
        return self._run(self._logits, images, batch_size)


def _check_images(images):
    from kerasgan.data.validation import check_value_range

    if images.ndim != 4:
        raise ValueError(f"Extractors take [n, H, W, C] images, got shape {images.shape}.")
    check_value_range(images, "images given to the feature extractor")


class KerasFeatureExtractor(FeatureExtractor):
    """Any `keras.Model` as an extractor: its output (or a named layer's) as features."""

    def __init__(self, model, feature_layer=None, name=None, **kwargs):
        features_model = model
        if feature_layer is not None:
            features_model = keras.Model(model.input, model.get_layer(feature_layer).output)
        super().__init__(features_model, model, name=name or model.name, **kwargs)


@register_extractor("mnist_classifier")
def mnist_classifier_extractor(directory=None):
    """The zoo's MNIST classifier (or the entry in `directory`), verified against its card."""
    model, card = zoo.load_verified_model(directory or zoo.entry_dir("mnist_classifier"))
    features = keras.Model(model.input, model.get_layer(card["feature_layer"]).output)
    return FeatureExtractor(features, model, name=f"mnist_classifier@{card['files'][zoo.MODEL_FILE][:12]}")


@register_extractor("inception_v3")
def inception_v3_extractor(weights=None, resize_method="bilinear"):
    """Keras' ImageNet InceptionV3.

    Args:
        weights: path to `inception_v3_weights_tf_dim_ordering_tf_kernels.h5`
            (with the top); default Keras' cache `~/.keras/models/`. Nothing
            is downloaded: without the file this fails at once, saying how to
            provide it; it never falls back to random weights.
    """
    if weights is None:
        keras_home = os.environ.get("KERAS_HOME", os.path.join(os.path.expanduser("~"), ".keras"))
        weights = os.path.join(keras_home, "models", KERAS_INCEPTION_WEIGHTS)
    if not os.path.isfile(weights):
        raise FileNotFoundError(
            f"InceptionV3 weights not found at {weights!r}. kerasgan does not download "
            "them: on a machine with network run keras.applications.InceptionV3("
            "weights='imagenet') once to fill Keras' cache, or pass "
            f"weights='/path/to/{KERAS_INCEPTION_WEIGHTS}'."
        )
    network = keras.applications.InceptionV3(weights=None, classifier_activation=None)
    network.load_weights(weights)
    pool = keras.Model(network.inputs, network.get_layer("avg_pool").output)
    return FeatureExtractor(
        pool, network, name=f"keras_inception_v3@{zoo.file_sha256(weights)[:12]}", input_size=299, resize_method=resize_method
    )
