"""kerasgan: a GAN model zoo for Keras 3 on TensorFlow."""

from kerasgan import data
from kerasgan import losses
from kerasgan import metrics
from kerasgan.models import DCGAN
from kerasgan.models import GAN
from kerasgan.models import LSGAN

__version__ = "0.1.0"
