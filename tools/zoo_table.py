"""Prints the README's table of the zoo's MNIST generators from their cards.

    python tools/zoo_table.py

One row per generator entry: the model, the classifier FID and score (and,
for conditional generators, class agreement), precision / recall, the FID
curve of the run, the sample grid, and the one command that reproduces it
with its training time. The figures are the cards' (what `kerasgan evaluate
NAME` reproduces), so the README cannot drift from them; `tests/test_zoo.py`
checks that every generator entry's row is there.
"""

import kerasgan

GENERATOR_KINDS = ("generator", "conditional_generator")
HEADER = (
    "| entry | model | FID | score | precision / recall | FID curve (steps: FID of 2,000 samples) | samples "
    "| reproduce (time on 2 CPU cores) |\n| --- | --- | --- | --- | --- | --- | --- | --- |"
)


def generator_entries():
    return [name for name in kerasgan.zoo.list() if kerasgan.zoo.info(name).get("kind") in GENERATOR_KINDS]


def curve_text(card):
    points = card.get("fid_curve", {}).get("steps_and_fid", [])
    return ", ".join(f"{step // 1000}k: {fid:.0f}" for step, fid in points) or "-"


def row(name):
    card = kerasgan.zoo.info(name)
    metrics = card["metrics"]
    conditional = card["kind"] == "conditional_generator"
    model = card["model"] + (f" (class agreement {metrics['class_agreement']:.3f})" if conditional else "")
    minutes = round(card["train_seconds"] / 60)
    return (
        f"| `{name}` | {model} | {metrics['fid']:.1f} | {metrics['inception_score']:.2f} "
        f"| {metrics['precision']:.2f} / {metrics['recall']:.2f} | {curve_text(card)} "
        f"| <img src=\"kerasgan/zoo/{name}/samples.png\" width=\"96\"> | `{card['recipe']}` ({minutes} min) |"
    )


def main():
    print(HEADER)
    for name in generator_entries():
        print(row(name))


if __name__ == "__main__":
    main()
