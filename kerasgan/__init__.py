"""kerasgan: a GAN model zoo for Keras 3: train with `fit`, load pretrained generators, evaluate."""

from kerasgan._quiet_start import quiet_tensorflow_start

with quiet_tensorflow_start():
    from kerasgan import callbacks
    from kerasgan import core
    from kerasgan import data
    from kerasgan import distribute
    from kerasgan import evaluation
    from kerasgan import layers
    from kerasgan import losses
    from kerasgan import metrics
    from kerasgan import penalties
    from kerasgan import regularizers
    from kerasgan import zoo
    from kerasgan.io import load_model
    from kerasgan.models import ACGAN
    from kerasgan.models import ALAE
    from kerasgan.models import BEGAN
    from kerasgan.models import ConditionalGAN
    from kerasgan.models import CramerGAN
    from kerasgan.models import CycleGAN
    from kerasgan.models import DCGAN
    from kerasgan.models import EBGAN
    from kerasgan.models import GAN
    from kerasgan.models import LSGAN
    from kerasgan.models import WGAN
    from kerasgan.models import WGANGP
    from kerasgan.models import AdversarialModel
    from kerasgan.models import AlternatingGAN
    from kerasgan.models import HingeGAN
    from kerasgan.models import InfoGAN
    from kerasgan.models import Pix2Pix
    from kerasgan.models import ProGAN
    from kerasgan.models import WassersteinGAN

__version__ = "0.1.0"
