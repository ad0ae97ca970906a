"""GAN variants, each a `keras.Model` trained with `compile()` + `fit()`."""

from kerasgan.core import AdversarialModel
from kerasgan.core import AlternatingGAN
from kerasgan.core import GAN
from kerasgan.models.acgan import ACGAN
from kerasgan.models.alae import ALAE
from kerasgan.models.began import BEGAN
from kerasgan.models.conditional import ConditionalGAN
from kerasgan.models.cramer import CramerGAN
from kerasgan.models.cyclegan import CycleGAN
from kerasgan.models.dcgan import DCGAN
from kerasgan.models.ebgan import EBGAN
from kerasgan.models.hinge import HingeGAN
from kerasgan.models.infogan import InfoGAN
from kerasgan.models.lsgan import LSGAN
from kerasgan.models.pix2pix import Pix2Pix
from kerasgan.models.progan import ProGAN
from kerasgan.models.wasserstein import WassersteinGAN
from kerasgan.models.wgan import WGAN
from kerasgan.models.wgan_gp import WGANGP
