"""keras.distribution.DataParallel on 2 host CPU devices computes what one device computes."""

import keras
import pytest

if keras.backend.backend() != "jax":
    pytest.skip("keras.distribution is JAX's", allow_module_level=True)

import kerasgan
from distribution_cases import CASES, IDS
from helpers import assert_trains_alike_from_some_start, random_images, small_dcgan_networks


def _train(model_class, make_networks, data, batch, distribution, initial=None, learning_rate=0.05, **kwargs):
    """One epoch of `data` (images, or (images, labels)) on `distribution`, from `initial` if given."""
    x, y = data if isinstance(data, tuple) else (data, None)
    keras.distribution.set_distribution(distribution)
    try:
        gan = model_class(*make_networks(), seed=5, **kwargs)
        gan.compile(keras.optimizers.SGD(learning_rate), keras.optimizers.SGD(learning_rate))
        if initial is not None:
            gan.set_weights(initial)
        start = gan.get_weights()
        history = gan.fit(x, y, batch_size=batch, epochs=1, shuffle=False, verbose=0).history
        return gan, start, history
    finally:
        keras.distribution.set_distribution(None)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_two_devices_match_one_device(case):
    """The table of tests/distribution_cases.py, under keras.distribution.DataParallel."""
    devices = keras.distribution.list_devices("cpu")
    assert len(devices) == 2, devices
    make = dict(make_networks=case.make_networks, batch=case.global_batch, learning_rate=case.learning_rate)
    data = case.make_data()

    def train_both():
        single, initial, single_logs = _train(case.model_class, data=data, distribution=None, **make, **case.kwargs)
        parallel, _, parallel_logs = _train(
            case.model_class, data=data, distribution=keras.distribution.DataParallel(devices=devices),
            initial=initial, **make, **case.kwargs,
        )
        return initial, single, parallel, single_logs, parallel_logs

    single, parallel = assert_trains_alike_from_some_start(train_both)
    if case.check is not None:
        case.check(single, parallel)


def test_a_distribution_by_name_is_data_parallel_over_the_devices_and_ends_with_its_block():
    with kerasgan.distribute.scope("mirrored") as distribution:
        assert isinstance(keras.distribution.distribution(), keras.distribution.DataParallel)
        gan = kerasgan.DCGAN(*small_dcgan_networks(), seed=0)
        gan.compile()
        gan.fit(random_images(32), batch_size=16, epochs=1, verbose=0)
    assert len(distribution.device_mesh.devices.ravel()) == 2
    assert keras.distribution.distribution() is None
    with pytest.raises(ValueError, match="TensorFlow's"):
        with kerasgan.distribute.scope("multiworker"):
            pass
