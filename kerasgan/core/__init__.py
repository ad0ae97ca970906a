"""What every kerasgan model shares, and nothing model-specific.

- `players.AdversarialModel`: named networks, one optimizer per role,
  logged values, the saved noise state.
- `gan.GAN`: a generator and a discriminator; conditions, sampling,
  translation, the discriminator's one call path, the generator's average.
- `alternating.AlternatingGAN`: Algorithm 1 of Goodfellow et al. 2014.
- `inputs`: batch layouts and generator inputs; `ema`: moving averages.
"""

from kerasgan.core.alternating import AlternatingGAN
from kerasgan.core.gan import GAN
from kerasgan.core.players import AdversarialModel
