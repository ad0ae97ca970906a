"""ProGAN's layers against direct numpy versions of the paper's definitions."""

import keras
import numpy as np
import pytest

import kerasgan
from kerasgan.layers import EqualizedConv2D, EqualizedDense, MinibatchStdDev, PixelNormalization


def test_pixel_normalization_gives_unit_rms_per_pixel():
    x = np.random.default_rng(0).normal(3.0, 2.0, (2, 4, 4, 16)).astype("float32")
    y = PixelNormalization()(x).numpy()
    np.testing.assert_allclose(np.sqrt((y**2).mean(axis=-1)), 1.0, rtol=1e-5)
    np.testing.assert_allclose(y, x / np.sqrt((x**2).mean(axis=-1, keepdims=True) + 1e-8), rtol=1e-5)


def test_minibatch_stddev_matches_groups_of_consecutive_examples():
    x = np.random.default_rng(1).normal(size=(8, 3, 3, 5)).astype("float32")
    y = MinibatchStdDev(group_size=4)(x).numpy()
    assert y.shape == (8, 3, 3, 6)
    np.testing.assert_array_equal(y[..., :5], x)
    for group in (slice(0, 4), slice(4, 8)):
        expected = np.sqrt(x[group].var(axis=0) + 1e-8).mean()
        np.testing.assert_allclose(y[group, ..., 5], expected, rtol=1e-5)
    assert not np.isclose(y[0, 0, 0, 5], y[4, 0, 0, 5])
    # A batch smaller than the group forms one group.
    small = MinibatchStdDev(group_size=4)(x[:2]).numpy()
    np.testing.assert_allclose(small[..., 5], np.sqrt(x[:2].var(axis=0) + 1e-8).mean(), rtol=1e-5)


def test_minibatch_stddev_with_several_channels_takes_one_per_feature_slice():
    x = np.random.default_rng(3).normal(size=(4, 2, 2, 6)).astype("float32")
    y = MinibatchStdDev(group_size=4, num_channels=3)(x).numpy()
    assert y.shape == (4, 2, 2, 9)
    for index, features in enumerate((slice(0, 2), slice(2, 4), slice(4, 6))):
        expected = np.sqrt(x[..., features].var(axis=0) + 1e-8).mean()
        np.testing.assert_allclose(y[..., 6 + index], expected, rtol=1e-5)
    with pytest.raises(ValueError, match="divisible by num_channels=4"):
        MinibatchStdDev(num_channels=4)(x)


def test_minibatch_stddev_per_feature_appends_each_features_own_statistic():
    x = np.random.default_rng(4).normal(size=(8, 2, 2, 3)).astype("float32")
    x[..., 1] *= 5.0  # one feature varies far more than the others
    layer = MinibatchStdDev(group_size=4, num_channels="per_feature")
    y = layer(x).numpy()
    assert y.shape == layer.compute_output_shape(x.shape) == (8, 2, 2, 6)
    for group in (slice(0, 4), slice(4, 8)):
        expected = np.sqrt(x[group].var(axis=0) + 1e-8).mean(axis=(0, 1))
        np.testing.assert_allclose(y[group, ..., 3:], np.broadcast_to(expected, (4, 2, 2, 3)), rtol=1e-5)
    assert y[0, 0, 0, 4] > 3 * max(y[0, 0, 0, 3], y[0, 0, 0, 5])
    restored = MinibatchStdDev.from_config(layer.get_config())
    np.testing.assert_array_equal(restored(x).numpy(), y)
    with pytest.raises(ValueError, match='"per_feature"'):
        MinibatchStdDev(num_channels="all")


def test_minibatch_stddev_rejects_batches_that_do_not_split_into_groups():
    with pytest.raises(ValueError, match="multiple of group_size=4"):
        MinibatchStdDev(group_size=4)(np.zeros((6, 2, 2, 1), "float32"))


@pytest.mark.parametrize(
    "layer, inputs, fan_in",
    [
        (EqualizedDense(64), np.ones((256, 200), "float32"), 200),
        # 32x32 so that the "same" padding's zero border (which lowers the std of
        # an 8x8 output to about 1.30, at the edge of the tolerance) barely counts.
        (EqualizedConv2D(32, 3), np.ones((4, 32, 32, 20), "float32"), 180),
    ],
)
def test_equalized_layers_store_unit_normal_weights_and_scale_at_run_time(layer, inputs, fan_in):
    rng = np.random.default_rng(2)
    inputs = rng.normal(size=inputs.shape).astype("float32")
    outputs = layer(inputs).numpy()
    kernel = layer.kernel.numpy()
    assert abs(kernel.std() - 1.0) < 0.05  # stored as N(0, 1) ...
    assert layer.runtime_scale == pytest.approx(np.sqrt(2.0) / np.sqrt(fan_in))
    # ... and the output has He-initialised statistics: std sqrt(2) for unit inputs.
    assert abs(outputs.std() - np.sqrt(2.0)) < 0.15
    restored = layer.__class__.from_config(layer.get_config())
    assert restored.gain == layer.gain


def test_equalized_layers_serialise():
    dense = keras.saving.deserialize_keras_object(keras.saving.serialize_keras_object(EqualizedDense(3, gain=0.5)))
    assert (dense.units, dense.gain) == (3, 0.5)


def test_conditional_batchnorm_starts_as_batchnorm_and_then_scales_per_class():
    layer = kerasgan.layers.ConditionalBatchNormalization()
    x = np.random.default_rng(0).normal(2.0, 3.0, size=(8, 4, 4, 3)).astype("float32")
    embedding = np.eye(2, dtype="float32")[[0, 1, 0, 1, 0, 1, 0, 1]]
    plain = (x - x.mean(axis=(0, 1, 2))) / np.sqrt(x.var(axis=(0, 1, 2)) + 1e-3)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(layer([x, embedding], training=True)), plain, atol=1e-4)
    gains, biases = np.array([[0.5, 0, 0], [-0.5, 1, 0]], "float32"), np.array([[0, 0, 1], [0, 2, 0]], "float32")
    layer.gain.kernel.assign(gains)
    layer.bias.kernel.assign(biases)
    expected = plain * (1 + embedding @ gains)[:, None, None, :] + (embedding @ biases)[:, None, None, :]
    np.testing.assert_allclose(keras.ops.convert_to_numpy(layer([x, embedding], training=True)), expected, atol=1e-4)


def test_self_attention_starts_as_the_identity_and_then_sees_every_position():
    layer = kerasgan.layers.SelfAttention()
    x = np.random.default_rng(1).normal(size=(2, 5, 5, 16)).astype("float32")
    np.testing.assert_allclose(keras.ops.convert_to_numpy(layer(x)), x, atol=1e-6)
    layer.gamma.assign(1.0)
    moved = x.copy()
    moved[:, 0, 0] += 3.0  # one corner changes ...
    change = np.abs(keras.ops.convert_to_numpy(layer(moved)) - keras.ops.convert_to_numpy(layer(x)))
    assert change[:, 4, 4].max() > 1e-4  # ... and the opposite corner's output moves too
