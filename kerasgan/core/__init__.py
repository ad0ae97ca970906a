"""What every kerasgan model shares, and nothing model-specific.

- `players.AdversarialModel`: named networks, one optimizer per role,
  logged values, the saved noise state.
- `gan.GAN`: a generator and a discriminator; conditions, sampling,
  translation, the discriminator's one call path, the generator's average.
- `alternating.AlternatingGAN`: Algorithm 1 of Goodfellow et al. 2014.
- `inputs`: batch layouts and generator inputs; `ema`: moving averages.
- `image_pool.ImageHistoryPool`: the generated images a discriminator
  trains on (CycleGAN), as saved model state.
"""

from kerasgan.core.alternating import AlternatingGAN
from kerasgan.core.gan import GAN
from kerasgan.core.image_pool import ImageHistoryPool
from kerasgan.core.players import AdversarialModel
