"""Discriminators with several named outputs (ACGAN's, InfoGAN's): a dict with the names as
keys, or a list in the documented order."""


def named_outputs(outputs, names):
    """The outputs in the order of `names`, from a dict or a list."""
    if isinstance(outputs, dict):
        return tuple(outputs[name] for name in names)
    return tuple(outputs)


def checked_named_outputs(discriminator, names, model_name):
    """The discriminator's symbolic outputs in the order of `names`; raises unless it returns them."""
    outputs = discriminator.output
    if isinstance(outputs, dict):
        missing = [name for name in names if name not in outputs]
        if missing:
            raise ValueError(f"{model_name}'s discriminator returns a dict without {missing}; it needs {names}.")
    elif not isinstance(outputs, (list, tuple)) or len(outputs) != len(names):
        raise ValueError(
            f"{model_name}'s discriminator must return {len(names)} outputs, {names}: a dict with those "
            "keys or a list in that order."
        )
    return named_outputs(outputs, names)
