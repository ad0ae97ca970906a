"""Two worker processes on 127.0.0.1 under MultiWorkerMirroredStrategy (TensorFlow's own engine,
from TF_CONFIG) train a DCGAN to the weights one process reaches on the same global batches, and
do so too when one worker is killed mid-epoch and the job is started again from its checkpoints."""

import os
import signal
import socket
import subprocess
import sys

import numpy as np
import pytest

TESTS = os.path.dirname(os.path.abspath(__file__))
WORKER = os.path.join(TESTS, "multiworker_worker.py")
ENVIRONMENT = dict(os.environ, PYTHONPATH=TESTS, TF_CPP_MIN_LOG_LEVEL="3")
TIMEOUT = 300


def free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    for server in sockets:
        server.bind(("127.0.0.1", 0))
    ports = [str(server.getsockname()[1]) for server in sockets]
    for server in sockets:
        server.close()
    return ports


def start_workers(outputs, options=((), ())):
    """Worker processes 0 and 1 of a new cluster, each with its own command-line options."""
    ports = free_ports(2)
    return [
        subprocess.Popen([sys.executable, WORKER, str(output), "--cluster", *ports, str(index), *extra],
                         env=ENVIRONMENT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for index, (output, extra) in enumerate(zip(outputs, options))
    ]


def wait_for(workers):
    """Return codes and logs of the workers, killed if still running after TIMEOUT seconds."""
    try:
        logs = [worker.communicate(timeout=TIMEOUT)[0] for worker in workers]
    finally:
        for worker in workers:
            worker.kill()  # no-op once they have ended by themselves
    return [worker.returncode for worker in workers], logs


def stored_values(path):
    with np.load(path) as stored:
        keys = sorted((key for key in stored.files if key.startswith("arr_")), key=lambda key: int(key[4:]))
        return int(stored["replicas"]), float(stored["d_loss"]), [stored[key] for key in keys]


def epochs_run(path):
    with np.load(path) as stored:
        return stored["epochs_run"].tolist()


def assert_same_as_one_process(output, reference):
    replicas, d_loss, values = stored_values(output)
    _, reference_d_loss, reference_values = stored_values(reference)
    assert replicas == 2
    assert d_loss == pytest.approx(reference_d_loss, rel=1e-5)
    assert len(values) == len(reference_values)
    assert max(float(np.abs(a - b).max()) for a, b in zip(values, reference_values)) < 1e-5


@pytest.fixture(scope="module")
def one_process(tmp_path_factory):
    """The reference: the same training in one process without a cluster."""
    output = tmp_path_factory.mktemp("single") / "single.npz"
    run = subprocess.run([sys.executable, WORKER, str(output)], env=ENVIRONMENT, capture_output=True, text=True,
                         timeout=TIMEOUT)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert stored_values(output)[0] == 1
    return output


def test_two_workers_end_with_the_weights_of_one_process(tmp_path, one_process):
    outputs = [tmp_path / f"worker{index}.npz" for index in range(2)]
    codes, logs = wait_for(start_workers(outputs))
    assert codes == [0, 0], [log[-2000:] for log in logs]
    for output in outputs:
        assert_same_as_one_process(output, one_process)


def test_a_killed_worker_and_a_restarted_job_end_with_the_weights_of_one_process(tmp_path, one_process):
    checkpoints = ("--checkpoints", str(tmp_path / "checkpoints"))
    outputs = [tmp_path / f"worker{index}.npz" for index in range(2)]
    survivor, killed = start_workers(outputs, (checkpoints, checkpoints + ("--kill-epoch", "1")))
    killed.communicate(timeout=TIMEOUT)
    assert killed.returncode == -signal.SIGKILL
    # The survivor waits in the next step's collective; a cluster manager restarts the whole job.
    survivor.kill()
    survivor.communicate()
    assert sorted(os.listdir(tmp_path / "checkpoints")) == ["epoch-00001.keras"]  # the chief's, only
    codes, logs = wait_for(start_workers(outputs, (checkpoints, checkpoints)))
    assert codes == [0, 0], [log[-2000:] for log in logs]
    assert sorted(os.listdir(tmp_path / "checkpoints")) == ["epoch-00003.keras"]
    assert [epochs_run(output) for output in outputs] == [[1, 2], [1, 2]]  # continued after epoch 1
    for output in outputs:
        assert_same_as_one_process(output, one_process)
