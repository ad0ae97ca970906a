"""ACGAN (Odena et al. 2017, "Conditional image synthesis with auxiliary classifier GANs",
arXiv:1610.09585)."""

import keras

from kerasgan import losses
from kerasgan.architectures.conditional import auxiliary_classifier_discriminator
from kerasgan.architectures.conditional import conditional_generator
from kerasgan.core import AlternatingGAN
from kerasgan.core.outputs import checked_named_outputs
from kerasgan.core.outputs import named_outputs

OUTPUT_NAMES = ("source", "classes")


@keras.saving.register_keras_serializable(package="kerasgan")
class ACGAN(AlternatingGAN):
    """Auxiliary-classifier GAN: the discriminator also names the class; `fit((images, labels))`.

    The generator takes `[z, labels]`; the discriminator takes x alone and
    returns a real-vs-fake score and class logits, as a dict {"source":
    [batch, 1], "classes": [batch, num_classes]} or a list in that order.
    With L_S the log-likelihood of the right source and L_C that of the
    right class (section 3), D maximises L_S + L_C, the class term on real
    *and* fake examples, and G maximises L_C - L_S, the class term on its
    fakes. In per-example losses:

        D: -log D_S(x) - log(1 - D_S(G(z, c))) + w * (CE(c_x, D_C(x)) + CE(c, D_C(G(z, c))))
        G: -log D_S(G(z, c)) + w * CE(c, D_C(G(z, c)))

    with the non-saturating form of -L_S for G (the form DCGAN, on which
    the paper builds, trains with) and `class_weight` w = 1, the paper's
    unweighted sum. Fakes carry their real batch's labels. Penalties
    (`penalty=`) act on the source score.

    Args:
        num_classes: number of classes; labels lie in [0, num_classes).
        class_weight: w above (1).
        **kwargs: see `kerasgan.core.AlternatingGAN`.

    Example:
    >>> gan = kerasgan.ACGAN(num_classes=10, data_shape=(28, 28, 1))
    >>> gan.compile()
    >>> gan.fit(kerasgan.data.mnist_dataset(64, data_dir, with_labels=True), epochs=5)
    >>> threes = gan.generate(16, labels=3)
    """

    scores_are_logits = True

    def __init__(self, generator=None, discriminator=None, num_classes=None, class_weight=1.0, **kwargs):
        if num_classes is None:
            raise ValueError("ACGAN needs num_classes.")
        if class_weight < 0:
            raise ValueError(f"class_weight must be non-negative, got {class_weight}.")
        self.num_classes = int(num_classes)  # read by default_networks
        super().__init__(generator, discriminator, num_classes=num_classes, **kwargs)
        self.class_weight = float(class_weight)
        _check_outputs(self.discriminator, self.num_classes)

    def default_networks(self, data_shape, latent_dim):
        return (
            conditional_generator(data_shape, latent_dim, self.num_classes),
            auxiliary_classifier_discriminator(data_shape, self.num_classes),
        )

    def adversarial_scores(self, outputs):
        return _source_and_classes(outputs)[0]

    def discriminator_objective(self, real_outputs, fake_outputs, condition):
        real_source, real_classes = _source_and_classes(real_outputs)
        fake_source, fake_classes = _source_and_classes(fake_outputs)
        source = losses.minimax_discriminator_loss(real_source, fake_source)
        classes = losses.class_cross_entropy(condition, real_classes) + losses.class_cross_entropy(condition, fake_classes)
        return source + self.class_weight * classes

    def generator_objective(self, fake_outputs, condition):
        fake_source, fake_classes = _source_and_classes(fake_outputs)
        return losses.non_saturating_generator_loss(fake_source) + self.class_weight * losses.class_cross_entropy(
            condition, fake_classes
        )

    def get_config(self):
        config = super().get_config()
        config.update(class_weight=self.class_weight)
        return config


def _source_and_classes(outputs):
    return named_outputs(outputs, OUTPUT_NAMES)


def _check_outputs(discriminator, num_classes):
    classes = tuple(checked_named_outputs(discriminator, OUTPUT_NAMES, "ACGAN")[1].shape[1:])
    if classes != (num_classes,):
        raise ValueError(f"ACGAN's class head gives shape {classes} per example; expected ({num_classes},).")
