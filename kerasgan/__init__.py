"""kerasgan: a GAN model zoo for Keras 3 on TensorFlow."""

from kerasgan import callbacks
from kerasgan import data
from kerasgan import evaluation
from kerasgan import layers
from kerasgan import losses
from kerasgan import metrics
from kerasgan import penalties
from kerasgan.models import BEGAN
from kerasgan.models import DCGAN
from kerasgan.models import GAN
from kerasgan.models import WGAN
from kerasgan.models import WGANGP
from kerasgan.models import HingeGAN
from kerasgan.models import LSGAN
from kerasgan.models import ProGAN
from kerasgan.models import WassersteinGAN

__version__ = "0.1.0"
