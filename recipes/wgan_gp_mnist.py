"""WGAN-GP on MNIST (28x28): gradient penalty 10, 5 critic updates per generator update, Adam(1e-4, 0, 0.9).

    python recipes/wgan_gp_mnist.py --data-dir ../shared/data/mnist [--publish]

Gulrajani et al. 2017, Algorithm 1: penalty lambda 10 at random interpolates, n_critic 5
(each on its own real minibatch), Adam(1e-4, beta_1=0, beta_2=0.9: the library default), a LayerNorm critic
(no BatchNorm with a per-example penalty); samples from a moving average of the
generator (decay 0.999, not in the paper). `--steps` counts generator updates.

The generator is DCGAN's at width 32 with z of 64 (a quarter of its size at the
paper's width; mnist_common says why). Common flags (mnist_common): --steps,
--batch-size, --seed, --out, --strategy, --resume, --quick, --publish, --preset,
--fid-every, --lr-decay-start.
"""

import kerasgan
from mnist_common import run_recipe

if __name__ == "__main__":
    run_recipe("wgan_gp_mnist", __doc__.splitlines()[0], kerasgan.WGANGP, steps=10_000, batch_size=64,
               generator_width=32, latent_dim=64, ema_decay=0.999)
