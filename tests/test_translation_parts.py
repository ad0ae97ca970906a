"""The translation models' parts: the papers' network shapes, their layers, patch losses and metrics."""

import keras
import numpy as np
import pytest

import kerasgan
from kerasgan import losses
from kerasgan.architectures import patch_discriminator, resnet_generator, unet_generator
from kerasgan.layers import AlwaysOnDropout, ReflectionPadding2D


def conv_filters(network, kind):
    return [layer.filters for layer in network.layers if type(layer).__name__ == kind]


def test_unet_is_the_papers_encoder_decoder_at_256_and_follows_the_size():
    network = unet_generator((256, 256, 3))
    # C64-C128-C256-C512-C512-C512-C512-C512, decoder mirrored, then the output.
    assert conv_filters(network, "Conv2D") == [64, 128, 256, 512, 512, 512, 512, 512]
    assert conv_filters(network, "Conv2DTranspose") == [512, 512, 512, 512, 256, 128, 64, 3]
    assert sum(isinstance(layer, AlwaysOnDropout) for layer in network.layers) == 3
    assert len(conv_filters(unet_generator((128, 128, 3)), "Conv2D")) == 7
    assert len(conv_filters(unet_generator((64, 64, 3)), "Conv2D")) == 6
    with pytest.raises(ValueError, match="power of two"):
        unet_generator((100, 100, 3))


def test_patchgan_sees_70_by_70_patches_and_resnet_has_the_papers_blocks():
    discriminator = patch_discriminator((256, 256, 3), condition_shape=(256, 256, 3))
    kernels = [(layer.kernel_size[0], layer.strides[0]) for layer in discriminator.layers if isinstance(layer, keras.layers.Conv2D)]
    receptive_field, jump = 1, 1
    for kernel, stride in kernels:
        receptive_field += (kernel - 1) * jump
        jump *= stride
    assert receptive_field == 70
    assert discriminator.output_shape == (None, 32, 32, 1)
    blocks = lambda network: sum(isinstance(layer, keras.layers.Add) for layer in network.layers)  # noqa: E731
    assert blocks(resnet_generator((128, 128, 3))) == 6 and blocks(resnet_generator((256, 256, 3))) == 9


def test_always_on_dropout_drops_at_inference_and_keeps_the_mean():
    layer = AlwaysOnDropout(0.5, seed=0)
    ones = np.ones((200, 50), "float32")
    dropped = keras.ops.convert_to_numpy(layer(ones, training=False))
    assert set(np.unique(dropped)) == {0.0, 2.0}
    assert abs(dropped.mean() - 1.0) < 0.05
    with pytest.raises(ValueError, match="rate"):
        AlwaysOnDropout(1.0)


def test_reflection_padding_mirrors_without_repeating_the_edge():
    row = np.arange(4, dtype="float32").reshape(1, 1, 4, 1)
    padded = keras.ops.convert_to_numpy(ReflectionPadding2D(2)(np.repeat(row, 3, axis=1)))
    np.testing.assert_array_equal(padded[0, 2, :, 0], [2, 1, 0, 1, 2, 3, 2, 1])
    assert padded.shape == (1, 7, 8, 1)


def test_patch_losses_average_the_per_patch_losses_not_the_scores():
    scores = np.array([[[[-4.0], [4.0]]]], "float32")  # two patches whose mean score is 0
    softplus = lambda v: np.log1p(np.exp(v))  # noqa: E731
    np.testing.assert_allclose(losses.non_saturating_generator_loss(scores), [softplus(-scores).mean()], rtol=1e-6)
    np.testing.assert_allclose(losses.least_squares_generator_loss(scores), [0.5 * ((scores - 1) ** 2).mean()], rtol=1e-6)
    np.testing.assert_allclose(
        losses.hinge_discriminator_loss(scores, scores), [np.maximum(0, 1 - scores).mean() + np.maximum(0, 1 + scores).mean()]
    )


def test_translation_metrics():
    rng = np.random.default_rng(0)
    targets = rng.uniform(-1, 1, (4, 16, 16, 3))
    assert kerasgan.metrics.mean_l1(targets + 0.1, targets) == pytest.approx(0.1)
    # PSNR on the [0, 255] scale: an error of 0.1 is 12.75 grey levels.
    assert kerasgan.metrics.psnr(targets + 0.1, targets) == pytest.approx(20 * np.log10(255 / 12.75))
    blurred = (targets + np.roll(targets, 1, axis=1) + np.roll(targets, 1, axis=2) + np.roll(targets, (1, 1), axis=(1, 2))) / 4
    assert kerasgan.metrics.sharpness_ratio(blurred, targets) < 0.5
    assert kerasgan.metrics.sharpness_ratio(targets, targets) == pytest.approx(1.0)
    palette = np.array([[0, 0, 255], [255, 0, 0], [255, 255, 0]], np.uint8)
    label_maps = palette[rng.integers(0, 3, (4, 8, 8))] / 127.5 - 1
    noisy = label_maps + rng.normal(0, 0.1, label_maps.shape)
    blue = np.broadcast_to(palette[0] / 127.5 - 1, label_maps.shape)
    shuffled = kerasgan.metrics.label_scores(np.roll(label_maps, 1, axis=0), label_maps, palette, blue)
    assert shuffled["per_pixel_accuracy"] < 0.6
    # The CycleGAN paper's three figures: a translation that is right on every blue pixel and calls
    # everything else blue has per-pixel accuracy = blue's share, per-class accuracy 1/3, IoU share/3.
    share = np.mean(np.all(label_maps == blue, axis=-1))
    scores = kerasgan.metrics.label_scores(blue, label_maps, palette, blue)
    assert scores["per_pixel_accuracy"] == pytest.approx(share, abs=1e-4)
    assert scores["per_class_accuracy"] == pytest.approx(1 / 3, abs=1e-4)
    assert scores["class_iou"] == pytest.approx(share / 3, abs=1e-4)
    figures = ("per_pixel_accuracy", "per_class_accuracy", "class_iou")
    assert scores["most_frequent_label_baseline"] == {name: scores[name] for name in figures}
    assert scores["per_pixel_gain_over_baseline"] == {"mean": 0.0, "interval_95": [0.0, 0.0], "images_ahead": 0,
                                                      "images": 4}
    perfect = kerasgan.metrics.label_scores(noisy, label_maps, palette, blue)
    assert perfect["per_pixel_accuracy"] == perfect["per_class_accuracy"] == perfect["class_iou"] == 1.0
    gain = perfect["per_pixel_gain_over_baseline"]
    assert gain["mean"] == pytest.approx(1 - share, abs=1e-4) and gain["images_ahead"] == 4
    assert 0 < gain["interval_95"][0] < gain["mean"] < gain["interval_95"][1] < 1
    with pytest.raises(ValueError, match="one shape"):
        kerasgan.metrics.mean_l1(targets, targets[:2])


def test_sliced_wasserstein_distance_sees_blur_and_its_pyramid_reconstructs_the_images():
    from kerasgan.metrics import swd

    rng = np.random.default_rng(0)
    # Sharp random blocks: 64x64 images of 4x4 tiles.
    tiles = rng.uniform(-1, 1, (48, 16, 16, 3))
    images = np.repeat(np.repeat(tiles, 4, axis=1), 4, axis=2)
    levels = swd.laplacian_pyramid(images)
    assert [level.shape[1] for level in levels] == [64, 32, 16]
    rebuilt = levels[-1]
    for band in reversed(levels[:-1]):
        rebuilt = band + swd._blur(np.repeat(np.repeat(rebuilt, 2, axis=1), 2, axis=2))
    np.testing.assert_allclose(rebuilt, images, atol=1e-10)
    same = kerasgan.metrics.sliced_wasserstein_distance(images[:24], images[24:])
    blurred = kerasgan.metrics.sliced_wasserstein_distance(swd._blur(swd._blur(images[:24])), images[24:])
    assert blurred["swd_levels"][0] > 2 * same["swd_levels"][0]  # the finest level sees the blur
    assert blurred["swd"] > same["swd"]
    with pytest.raises(ValueError, match="one shape"):
        kerasgan.metrics.sliced_wasserstein_distance(images[:4], images[:5])


def test_the_per_image_gain_interval_covers_the_true_gain_as_often_as_it_says():
    # 40 images (rows of 100 pixels) on which a model leads the baseline's 0.5 by N(0.02, 0.1): the
    # 95% interval holds the true lead in about 95% of draws and is about 2 * 1.96 * 0.1 / sqrt(40) wide.
    rng = np.random.default_rng(0)
    true = np.zeros((40, 1, 100), int)
    baseline = np.broadcast_to(np.arange(100) >= 50, true.shape).astype(int)
    covered, widths = 0, []
    for _ in range(200):
        right = np.round(100 * (0.5 + rng.normal(0.02, 0.1, 40)))
        predicted = (np.arange(100) >= right[:, None, None]).astype(int)
        low, high = kerasgan.metrics.per_image_gain(predicted, baseline, true)["interval_95"]
        covered += low <= 0.02 <= high
        widths.append(high - low)
    assert 0.85 < covered / 200 < 0.99, covered  # the percentile bootstrap covers a little less at n = 40
    assert np.mean(widths) == pytest.approx(2 * 1.96 * 0.1 / np.sqrt(40), rel=0.1)
