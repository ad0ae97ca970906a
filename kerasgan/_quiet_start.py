"""Hides TensorFlow's start-up log when kerasgan runs as the `kerasgan` command.

TensorFlow's native code writes about nine lines to the process's standard
error when it loads and when it first looks for devices (oneDNN notes, CPU
instruction sets, a "failed call to cuInit" error on machines without a GPU);
`TF_CPP_MIN_LOG_LEVEL` no longer hides them. For the command line only, both
happen with file descriptor 2 pointed at /dev/null; a Python error raised
meanwhile is still reported, since the descriptor is restored first.
"""

import contextlib
import os
import sys

COMMAND = "kerasgan"


def running_as_command():
    return os.path.basename(sys.argv[0] or "") in (COMMAND, COMMAND + ".exe")


@contextlib.contextmanager
def quiet_tensorflow_start():
    """Within this block, start Keras (and TensorFlow, on its backend) silently if this is the `kerasgan` command."""
    if not running_as_command():
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        import keras

        if keras.backend.backend() == "tensorflow":
            import tensorflow as tf

            tf.config.list_logical_devices()  # device discovery logs its own errors
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)
