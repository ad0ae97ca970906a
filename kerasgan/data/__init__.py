"""Real and toy data as batches in [-1, 1]: `tf.data`, a `keras.utils.PyDataset`, or numpy."""

from kerasgan.data.embedded import embedded_dataset
from kerasgan.data.embedded import load_embedded_digits
from kerasgan.data.mnist import MNIST_DIR_ENV
from kerasgan.data.mnist import crop_padding
from kerasgan.data.mnist import load_mnist
from kerasgan.data.mnist import mnist_dataset
from kerasgan.data.pipelines import ShuffledBatches
from kerasgan.data.pipelines import image_dataset
from kerasgan.data.pipelines import scale_images
from kerasgan.data.toy import TOY_DISTRIBUTIONS
from kerasgan.data.toy import grid_centers
from kerasgan.data.toy import ring_centers
from kerasgan.data.toy import toy_dataset
from kerasgan.data.toy import toy_samples
from kerasgan.data.validation import check_training_data
