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
    # Blue is both the most frequent training label and every position's: a translator that calls every
    # pixel blue is each of the three baselines, and gains nothing over any of them.
    assert all(baseline == {name: scores[name] for name in figures} for baseline in scores["baselines"].values())
    no_gain = {"gain": 0.0, "interval_95": [0.0, 0.0]}
    assert all(gains == {"per_pixel_accuracy": {**no_gain, "images_ahead": 0}, "per_class_accuracy": no_gain,
                         "class_iou": no_gain, "images": 4} for gains in scores["gains"].values())
    perfect = kerasgan.metrics.label_scores(noisy, label_maps, palette, blue)
    assert perfect["per_pixel_accuracy"] == perfect["per_class_accuracy"] == perfect["class_iou"] == 1.0
    gains = perfect["gains"]["most_frequent_label"]
    assert gains["per_pixel_accuracy"]["images_ahead"] == 4
    for name, baseline in zip(figures, (share, 1 / 3, share / 3)):
        low, high = gains[name]["interval_95"]
        assert gains[name]["gain"] == pytest.approx(1 - baseline, abs=1e-4), name
        assert 0 < low <= gains[name]["gain"] <= high < 1, name
    with pytest.raises(ValueError, match="targets' size"):
        kerasgan.metrics.label_scores(noisy, label_maps, palette, blue[:, :4])
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


def test_the_per_pixel_gain_interval_covers_the_true_gain_as_often_as_it_says():
    # 40 images (rows of 100 pixels) on which a model leads the baseline's 0.5 by N(0.02, 0.1): the
    # 95% interval holds the true lead in about 95% of draws and is about 2 * 1.96 * 0.1 / sqrt(40) wide.
    rng = np.random.default_rng(0)
    true = np.zeros((40, 1, 100), int)
    baseline = np.broadcast_to(np.arange(100) >= 50, true.shape).astype(int)
    covered, widths = 0, []
    for _ in range(200):
        right = np.round(100 * (0.5 + rng.normal(0.02, 0.1, 40)))
        predicted = (np.arange(100) >= right[:, None, None]).astype(int)
        low, high = kerasgan.metrics.gain_over_baseline(predicted, baseline, true, 2)["per_pixel_accuracy"]["interval_95"]
        covered += low <= 0.02 <= high
        widths.append(high - low)
    assert 0.85 < covered / 200 < 0.99, covered  # the percentile bootstrap covers a little less at n = 40
    assert np.mean(widths) == pytest.approx(2 * 1.96 * 0.1 / np.sqrt(40), rel=0.1)


def test_the_gains_tell_a_map_that_follows_its_image_from_one_with_only_the_right_label_frequencies():
    # 40 maps of 4 labels in blocks. Another image's true map has the right label frequencies and nothing
    # of this image: per class it gains nothing over the constant most-frequent label beyond luck, but in
    # IoU it does, which is why the "unaligned" baseline (a translator's maps of other images) exists.
    # The true map with 30% of its pixels relabelled at random follows its image: it gains clearly on
    # all three figures over its own maps of other images; another image's map gains nothing over them.
    rng = np.random.default_rng(1)
    true = np.repeat(np.repeat(rng.integers(0, 4, (40, 4, 4)), 8, axis=1), 8, axis=2)
    constant = np.zeros_like(true)
    other_images = np.roll(true, 1, axis=0)
    noisy = np.where(rng.uniform(size=true.shape) < 0.3, rng.integers(0, 4, true.shape), true)
    over_constant = kerasgan.metrics.gain_over_baseline(other_images, constant, true, 4)
    low, high = over_constant["per_class_accuracy"]["interval_95"]
    assert low < 0 < high, (low, high)
    assert over_constant["class_iou"]["interval_95"][0] > 0
    for name in ("per_pixel_accuracy", "per_class_accuracy", "class_iou"):
        follows = kerasgan.metrics.gain_over_baseline(noisy, np.roll(noisy, 1, axis=0), true, 4)[name]
        assert 0.3 < follows["interval_95"][0] <= follows["gain"], (name, follows)
        low, high = kerasgan.metrics.gain_over_baseline(other_images, np.roll(other_images, 1, axis=0), true, 4)[
            name]["interval_95"]
        assert low < 0 < high, (name, low, high)
