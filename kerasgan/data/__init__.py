"""Real and toy data as batches in [-1, 1]: `tf.data`, a `keras.utils.PyDataset`, or numpy."""

from kerasgan.data.embedded import embedded_dataset
from kerasgan.data.embedded import load_embedded_digits
from kerasgan.data.facades import FACADES_DIR_ENV
from kerasgan.data.facades import facade_label_colors
from kerasgan.data.facades import load_facades
from kerasgan.data.image_folders import load_image_folder
from kerasgan.data.image_folders import load_paired_folder
from kerasgan.data.image_folders import load_unpaired_folders
from kerasgan.data.mnist import MNIST_DIR_ENV
from kerasgan.data.mnist import crop_padding
from kerasgan.data.mnist import load_mnist
from kerasgan.data.mnist import mnist_dataset
from kerasgan.data.pipelines import ShuffledBatches
from kerasgan.data.pipelines import image_dataset
from kerasgan.data.pipelines import scale_images
from kerasgan.data.pipelines import without_autotuning
from kerasgan.data.toy import TOY_DISTRIBUTIONS
from kerasgan.data.toy import grid_centers
from kerasgan.data.toy import ring_centers
from kerasgan.data.toy import toy_dataset
from kerasgan.data.toy import toy_samples
from kerasgan.data.translation import TranslationBatches
from kerasgan.data.translation import jitter_load_size
from kerasgan.data.translation import paired_dataset
from kerasgan.data.translation import unpaired_dataset
from kerasgan.data.validation import check_training_data
