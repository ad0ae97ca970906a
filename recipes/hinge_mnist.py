"""Hinge-loss GAN with spectral normalisation on MNIST (28x28).

    python recipes/hinge_mnist.py --data-dir ../shared/data/mnist [--publish]

Miyato et al. 2018 (SN-GAN) / Lim & Ye 2017: hinge losses, every discriminator kernel
spectrally normalised, Adam(2e-4, beta_1=0.5) (SN-GAN's setting C); samples from a
moving average of the generator (decay 0.999, not in the papers).

The discriminator is DCGAN's (two convolutions, width 64, no BatchNorm), not SN-GAN's
standard CNN (`HingeGAN`'s default): measured here (FID of 2,000 samples at 2,000 and
4,000 steps), the standard CNN at width 32 (a third of the time per step of width 64)
learned slower, 204 and 158 against 200 and 126, its loss rising towards chance; with
SAGAN's two learning rates (D 4e-4, G 1e-4, Adam(0, 0.9)) it overpowered the generator
(loss 0.09, FID 556 at 1,000 steps). docs/zoo_mnist.md has the runs.

The generator is DCGAN's at width 32 with z of 64 (a quarter of its size at the
paper's width; mnist_common says why). Common flags (mnist_common): --steps,
--batch-size, --seed, --out, --strategy, --resume, --quick, --publish, --preset,
--fid-every, --lr-decay-start.
"""

import functools

import kerasgan
from kerasgan.architectures import dcgan_discriminator
from mnist_common import MNIST_SHAPE, run_recipe

if __name__ == "__main__":
    run_recipe("hinge_mnist", __doc__.splitlines()[0], kerasgan.HingeGAN, steps=20_000, batch_size=64,
               generator_width=32, latent_dim=64, ema_decay=0.999,
               discriminator=functools.partial(dcgan_discriminator, MNIST_SHAPE, normalization=None, spectral_norm=True))
