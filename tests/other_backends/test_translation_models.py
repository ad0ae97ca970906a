"""pix2pix and CycleGAN's contract on JAX and PyTorch, by the same tests that run on TensorFlow
(their learning tests run on TensorFlow only, to keep CI short)."""

from test_cyclegan import test_bad_settings_and_data_are_refused  # noqa: F401
from test_cyclegan import test_linear_decay_holds_then_falls_to_zero_and_resumes_where_it_was  # noqa: F401
from test_cyclegan import test_saved_and_loaded_it_keeps_its_pools_and_translates_the_same  # noqa: F401
from test_cyclegan import test_the_pool_returns_new_images_until_full_then_swaps_half_of_them  # noqa: F401
from test_pix2pix import test_bad_pairs_are_refused  # noqa: F401
from test_pix2pix import test_dropout_is_the_only_noise_and_stays_on_when_translating  # noqa: F401
from test_pix2pix import test_saved_and_loaded_it_translates_the_same_and_trains_on  # noqa: F401
from test_pix2pix import test_the_objective_is_the_papers_halved_cgan_loss_plus_lambda_l1  # noqa: F401
from test_translation_parts import test_always_on_dropout_drops_at_inference_and_keeps_the_mean  # noqa: F401
from test_translation_parts import test_reflection_padding_mirrors_without_repeating_the_edge  # noqa: F401
