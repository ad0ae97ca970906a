"""GAN variants, each a `keras.Model` trained with `compile()` + `fit()`."""

from kerasgan.models.base import GAN
from kerasgan.models.dcgan import DCGAN
from kerasgan.models.lsgan import LSGAN
