"""Two worker processes on 127.0.0.1 under MultiWorkerMirroredStrategy (TensorFlow's own engine,
from TF_CONFIG) train a DCGAN to the weights one process reaches on the same global batches."""

import os
import socket
import subprocess
import sys

import numpy as np

TESTS = os.path.dirname(os.path.abspath(__file__))
WORKER = os.path.join(TESTS, "multiworker_worker.py")


def free_ports(count):
    sockets = [socket.socket() for _ in range(count)]
    for server in sockets:
        server.bind(("127.0.0.1", 0))
    ports = [str(server.getsockname()[1]) for server in sockets]
    for server in sockets:
        server.close()
    return ports


def test_two_workers_end_with_the_weights_of_one_process(tmp_path):
    environment = dict(os.environ, PYTHONPATH=TESTS, TF_CPP_MIN_LOG_LEVEL="3")
    ports = free_ports(2)
    outputs = [tmp_path / f"worker{index}.npz" for index in range(2)]
    workers = [
        subprocess.Popen([sys.executable, WORKER, str(output), *ports, str(index)], env=environment,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for index, output in enumerate(outputs)
    ]
    single = subprocess.run([sys.executable, WORKER, str(tmp_path / "single.npz")], env=environment,
                            capture_output=True, text=True, timeout=300)
    try:
        logs = [worker.communicate(timeout=300)[0] for worker in workers]
    finally:
        for worker in workers:
            worker.kill()  # no-op once they have ended by themselves
    assert single.returncode == 0, single.stdout[-2000:] + single.stderr[-2000:]
    assert [worker.returncode for worker in workers] == [0, 0], [log[-2000:] for log in logs]
    reference = np.load(tmp_path / "single.npz")
    weights = sorted((key for key in reference.files if key.startswith("arr_")), key=lambda key: int(key[4:]))
    assert int(reference["replicas"]) == 1
    for output in outputs:
        result = np.load(output)
        assert int(result["replicas"]) == 2
        np.testing.assert_allclose(result["d_loss"], reference["d_loss"], rtol=1e-5)
        assert max(float(np.abs(result[key] - reference[key]).max()) for key in weights) < 1e-5
