"""The conditional models' contract on JAX and PyTorch, by the same tests that run on TensorFlow
(their MNIST learning tests run on TensorFlow only, to keep CI short)."""

from test_conditional import test_acgan_losses_are_the_papers_source_and_class_terms  # noqa: F401
from test_conditional import test_bad_settings_and_labels_are_refused  # noqa: F401
from test_conditional import test_saved_and_loaded_it_generates_the_same_digits_and_trains_on  # noqa: F401
from test_conditional import test_the_projection_term_is_the_class_embedding_times_the_features  # noqa: F401
from test_conditional import test_truncation_redraws_the_large_components_only_and_narrows_the_samples  # noqa: F401
from test_infogan import test_saved_and_loaded_it_generates_the_same_samples  # noqa: F401
from test_infogan import test_the_information_loss_is_the_weighted_negative_log_likelihood_of_the_codes  # noqa: F401
from test_keras_io_networks import test_keras_io_style_networks_learn_the_conditioning_from_numpy  # noqa: F401
from test_layers import test_conditional_batchnorm_starts_as_batchnorm_and_then_scales_per_class  # noqa: F401
from test_layers import test_self_attention_starts_as_the_identity_and_then_sees_every_position  # noqa: F401
from test_regularizers import test_a_networks_regularizer_joins_its_optimizers_loss  # noqa: F401
from test_regularizers import test_off_diagonal_orthogonal_is_the_papers_formula  # noqa: F401
