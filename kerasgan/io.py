"""Model files (atomic saves, checked loads) and image grids."""

import io
import os
import tempfile
import zipfile

import numpy as np
from PIL import Image

# The name a file has while it is being written (see `atomic_write_bytes`).
PARTIAL_PREFIX = ".partial-"


def _publish(temporary, path):
    """Gives `temporary` the umask's usual file mode (mkstemp makes it 0600) and moves it to `path`."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
    os.replace(temporary, path)


def atomic_write_bytes(path, payload):
    """Writes `payload` to `path` via a temporary file and `os.replace`.

    A crash mid-write leaves the previous file intact, never a partial one.
    """
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=PARTIAL_PREFIX)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        _publish(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def save_model_atomically(model, path, compress=False):
    """`model.save(path)` through a temporary `.keras` file in the same folder.

    `compress=True` deflates the archive's members (Keras stores them uncompressed); float
    weights shrink by about 9%, and Keras loads either form. The zoo's files are written so.
    """
    if not str(path).endswith(".keras"):
        raise ValueError(f"Model files must end in .keras, got {path!r}.")
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=PARTIAL_PREFIX, suffix=".keras")
    os.close(handle)
    try:
        model.save(temporary)
        if compress:
            deflate_archive(temporary)
        _publish(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def deflate_archive(path):
    """Rewrites the zip archive at `path` with every member deflated (same names, same bytes)."""
    with zipfile.ZipFile(path) as archive:
        members = [(member, archive.read(member)) for member in archive.infolist()]
    with zipfile.ZipFile(path, "w") as archive:
        for member, payload in members:
            archive.writestr(member, payload, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


def load_model(path, **kwargs):
    """`keras.models.load_model` for kerasgan models, with errors that say what is wrong.

    Importing kerasgan registers its classes, which Keras needs to rebuild a
    saved GAN (plain `keras.models.load_model` fails with "Could not locate
    class 'DCGAN'" unless kerasgan was imported). A missing file, or one that
    is not a whole `.keras` archive (truncated or corrupt), is named as such
    rather than reported as Keras' "File not found".
    """
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"There is no model file at {path!r}.")
    if not path.endswith(".keras"):
        raise ValueError(f"kerasgan models are .keras files, got {path!r}.")
    try:
        with zipfile.ZipFile(path) as archive:
            damaged = archive.testzip()
    except zipfile.BadZipFile as error:
        raise ValueError(f"{path} is not a valid .keras file (truncated or corrupt): {error}.") from error
    if damaged is not None:
        raise ValueError(f"{path} is corrupt: its member {damaged!r} fails its checksum.")
    import keras

    import kerasgan  # noqa: F401  (registers the serializable classes)

    return keras.models.load_model(path, **kwargs)


def image_grid(images, columns=None):
    """Tiles [N, H, W, C] images in [-1, 1] into one uint8 [rows*H, cols*W, C] grid."""
    images = np.asarray(images, dtype=np.float32)
    if images.ndim != 4:
        raise ValueError(f"image_grid expects [N, H, W, C] images, got shape {images.shape}.")
    count, height, width, channels = images.shape
    columns = columns or int(np.ceil(np.sqrt(count)))
    rows = int(np.ceil(count / columns))
    pixels = np.clip(np.rint((images + 1.0) * 127.5), 0, 255).astype(np.uint8)
    grid = np.zeros((rows * height, columns * width, channels), dtype=np.uint8)
    for index, image in enumerate(pixels):
        row, column = divmod(index, columns)
        grid[row * height : (row + 1) * height, column * width : (column + 1) * width] = image
    return grid


def save_image_grid(images, path, columns=None):
    """Writes images in [-1, 1] as one PNG grid, atomically; returns the grid."""
    grid = image_grid(images, columns)
    png = io.BytesIO()
    Image.fromarray(grid[..., 0] if grid.shape[-1] == 1 else grid).save(png, format="PNG")
    atomic_write_bytes(path, png.getvalue())
    return grid
