"""Hinge-loss GAN with spectral normalisation on MNIST (28x28).

    python recipes/hinge_mnist.py --data-dir ../shared/data/mnist [--publish]

Miyato et al. 2018 (SN-GAN) / Lim & Ye 2017: hinge losses, SN-GAN's standard CNN
discriminator (every kernel spectrally normalised) at half the paper's width (32 base
filters: a third of the time per step of width 64 on CPU), DCGAN's generator; samples
from a moving average of the generator (decay 0.999, not in the papers).

The generator is DCGAN's at width 32 with z of 64 (a quarter of its size at the
paper's width; mnist_common says why). Common flags (mnist_common): --steps,
--batch-size, --seed, --out, --strategy, --resume, --quick, --publish, --preset,
--fid-every, --lr-decay-start.
"""

import functools

import kerasgan
from kerasgan.architectures import sngan_discriminator
from mnist_common import MNIST_SHAPE, run_recipe

if __name__ == "__main__":
    run_recipe("hinge_mnist", __doc__.splitlines()[0], kerasgan.HingeGAN, steps=10_000, batch_size=64,
               generator_width=32, latent_dim=64, ema_decay=0.999,
               discriminator=functools.partial(sngan_discriminator, MNIST_SHAPE, base_filters=32))
