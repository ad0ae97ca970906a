"""WGAN on MNIST (28x28): weight clipping at 0.01, 5 critic updates per generator update, RMSprop(5e-5).

    python recipes/wgan_mnist.py --data-dir ../shared/data/mnist [--publish]

Arjovsky et al. 2017, Algorithm 1: the critic's weights clipped to [-0.01, 0.01]
(`ClipConstraint`), n_critic 5, each critic update on its own real minibatch,
RMSprop(5e-5); samples from a moving average of the generator (decay 0.999, not in
the paper). `--steps` counts generator updates.

The generator is DCGAN's at width 32 with z of 64 (a quarter of its size at the
paper's width; mnist_common says why). Common flags (mnist_common): --steps,
--batch-size, --seed, --out, --strategy, --resume, --quick, --publish, --preset,
--fid-every, --lr-decay-start.
"""

import kerasgan
from mnist_common import run_recipe

if __name__ == "__main__":
    run_recipe("wgan_mnist", __doc__.splitlines()[0], kerasgan.WGAN, steps=10_000, batch_size=64,
               generator_width=32, latent_dim=64, ema_decay=0.999)
