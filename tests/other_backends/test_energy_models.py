"""EBGAN's, Cramer GAN's and ALAE's contracts on JAX and PyTorch, by the same tests that run on TensorFlow."""

from test_alae import test_saved_and_loaded_it_encodes_and_generates_the_same  # noqa: F401
from test_cramer import test_saved_and_loaded_it_generates_the_same_and_bad_critics_are_refused  # noqa: F401
from test_cramer import test_the_losses_are_algorithm_1s  # noqa: F401
from test_ebgan import test_saved_and_loaded_it_generates_the_same_and_bad_settings_are_refused  # noqa: F401
from test_ebgan import test_the_generator_loss_adds_the_weighted_pulling_away_term_of_the_batch  # noqa: F401
from test_ebgan import test_the_losses_are_the_papers_margin_loss_and_pulling_away_term  # noqa: F401
