"""pix2pix (Isola et al. 2017, "Image-to-image translation with conditional adversarial networks",
arXiv:1611.07004)."""

import keras
from keras import ops

from kerasgan.architectures.patchgan import patch_discriminator
from kerasgan.architectures.unet import unet_generator
from kerasgan.models.dcgan import DCGAN


@keras.saving.register_keras_serializable(package="kerasgan")
class Pix2Pix(DCGAN):
    """Conditional GAN on paired images: `fit((input_images, target_images))`, then `translate(inputs)`.

    G maps an input image x to y; D, a PatchGAN, scores each patch of the
    pair (x, y) as real or fake. The objective (eq. 4) is the conditional
    GAN loss plus lambda * L1(y, G(x)) with lambda = 100: the L1 term gets
    the low frequencies right, the patch discriminator the high ones. As in
    the paper: G maximises log D(x, G(x)) (the non-saturating form), D's
    objective is halved, both train with Adam(2e-4, beta_1=0.5), one D
    step per G step, no image pool, and the generator's only noise is
    dropout, active at training and test time, so `translate` is
    stochastic unless the generator has no dropout. Patch losses are the
    mean of per-patch cross-entropies, as in the reference code.

    Default networks (for `data_shape`, the target's (side, side, channels),
    and `input_channels`): the U-Net of `kerasgan.architectures.unet` and
    the 70x70 PatchGAN of `kerasgan.architectures.patchgan`, at width 64.
    Any generator from an image to an image and any discriminator taking
    `[image, input_image]` work; give `patch_scores=False` for one score per
    pair.

    On TensorFlow at the paper's minibatch of 1, `compile(jit_compile=True)`
    trains 1.4x faster on a 2-core CPU, but at minibatch 32 0.43x
    (`tools/xla_defaults.py`), so XLA stays off by default; the facades
    recipe turns it on.

    Args:
        l1_weight: lambda above (100); 0 trains the cGAN alone.
        input_channels: channels of the input images for the default
            networks (default: the target's).
        **kwargs: see `kerasgan.DCGAN` (`label_smoothing`, `generator_loss`)
            and `kerasgan.core.AlternatingGAN`.

    Example:
    >>> gan = kerasgan.Pix2Pix(data_shape=(128, 128, 3))
    >>> gan.compile()
    >>> photos, label_maps = kerasgan.data.load_facades(data_dir, "train", size=143)
    >>> gan.fit(kerasgan.data.paired_dataset(label_maps, photos, 1, crop_size=128), epochs=200)
    >>> fake_photos = gan.translate(validation_label_maps)
    """

    default_latent_dim = None
    default_data_shape = (128, 128, 3)

    def __init__(self, generator=None, discriminator=None, l1_weight=100.0, input_channels=None, patch_scores=True,
                 **kwargs):
        if l1_weight < 0:
            raise ValueError(f"l1_weight must be non-negative, got {l1_weight}.")
        self.input_channels = input_channels  # read by default_networks
        super().__init__(generator, discriminator, patch_scores=patch_scores, **kwargs)
        self.l1_weight = float(l1_weight)
        self.track(("l1",))

    def default_networks(self, data_shape, latent_dim):
        input_shape = tuple(data_shape[:-1]) + (self.input_channels or data_shape[-1],)
        return (
            unet_generator(input_shape, output_channels=data_shape[-1]),
            patch_discriminator(data_shape, condition_shape=input_shape),
        )

    def discriminator_loss(self, real_scores, fake_scores):
        # "We divide the objective by 2 while optimizing D" (section 3.3).
        return 0.5 * super().discriminator_loss(real_scores, fake_scores)

    def supervised_loss(self, fake, real):
        l1 = ops.mean(ops.abs(ops.cast(real, "float32") - ops.cast(fake, "float32")), axis=(1, 2, 3))
        return self.l1_weight * l1, {"l1": l1}

    def get_config(self):
        config = super().get_config()
        config.update(l1_weight=self.l1_weight)
        return config
