"""Builders of the papers' default networks."""

from kerasgan.architectures.alae import alae_networks
from kerasgan.architectures.alae import convolutional_alae_networks
from kerasgan.architectures.autoencoder import began_discriminator
from kerasgan.architectures.autoencoder import began_generator
from kerasgan.architectures.conditional import auxiliary_classifier_discriminator
from kerasgan.architectures.conditional import code_generator
from kerasgan.architectures.conditional import conditional_discriminator
from kerasgan.architectures.conditional import conditional_generator
from kerasgan.architectures.conditional import information_discriminator
from kerasgan.architectures.dcgan import dcgan_discriminator
from kerasgan.architectures.dcgan import dcgan_generator
from kerasgan.architectures.energy import ebgan_discriminator
from kerasgan.architectures.mlp import mlp_discriminator
from kerasgan.architectures.mlp import mlp_generator
from kerasgan.architectures.patchgan import patch_discriminator
from kerasgan.architectures.progan import ProgressiveDiscriminator
from kerasgan.architectures.progan import ProgressiveGenerator
from kerasgan.architectures.resnet import resnet_generator
from kerasgan.architectures.sngan import sngan_discriminator
from kerasgan.architectures.unet import unet_generator


def default_networks(data_shape, latent_dim, normalization="batch", spectral_norm=False, output_units=1):
    """DCGAN networks for images (H, W, C), MLPs for vectors (D,); the discriminator
    outputs `output_units` values per example (1: a score)."""
    data_shape = tuple(data_shape)
    if len(data_shape) == 1:
        return (
            mlp_generator(data_shape[0], latent_dim),
            mlp_discriminator(data_shape[0], spectral_norm=spectral_norm, output_units=output_units),
        )
    return (
        dcgan_generator(data_shape, latent_dim),
        dcgan_discriminator(
            data_shape, normalization=normalization, spectral_norm=spectral_norm, output_units=output_units
        ),
    )
