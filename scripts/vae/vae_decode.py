"""Assignment 3, data and latent space: samples of the generative model, reconstructions, the
encoder means of the training set, the 20x20 lattice of p(x|z) and interpolations, in one .npz."""

from __future__ import annotations

import click

from figrepro.cli import Log, fail_cleanly, params_option, result_options
from figrepro.io import save_json, save_npz
from figrepro.vae import decodings
from figrepro.vae.jobs import load_job_inputs, model_job_options
from figrepro.vae.runtime import torch_stream
from figrepro.vae.streams import numpy_stream


@click.command(help=__doc__)
@params_option(__file__, "vae", "decode")
@model_job_options
@result_options
@fail_cleanly
def main(params: dict, seed: int, threads: int, data: str, model_path: str, out: str, metrics: str) -> None:
    log = Log("vae decode")
    arrays, model = load_job_inputs(data, model_path, threads)
    generator, rng = torch_stream(seed, "decode"), numpy_stream(seed, "decode")
    x_test, y_test = arrays["x_test"], arrays["y_test"]

    samples = decodings.prior_samples(model, params["n_samples"], generator)
    shown = rng.choice(len(x_test), size=min(params["n_reconstructions"], len(x_test)), replace=False)
    recon = decodings.reconstructions(model, x_test[shown], generator)
    embedding = decodings.encoder_means(model, arrays["x_train"])
    axis = decodings.lattice_axis(params["lattice_size"], params["lattice_quantile"])
    # what each test image's encoder mean decodes to, by its nearest training digit
    decoded = decodings.means(model, decodings.encoder_means(model, x_test))
    decoded_class = decodings.nearest_classes(decoded, arrays["x_train"], arrays["y_train"])
    faithful = decoded_class == y_test
    log(f"the encoder mean of {faithful.mean():.1%} of the test images decodes to a digit of their class")
    pairs = decodings.pick_pairs(y_test, params["n_pairs"], rng, allowed=faithful)
    paths = decodings.interpolations(model, x_test[pairs], params["interpolation_steps"])
    log(
        f"reconstructed test images {shown.tolist()}; interpolating between {pairs.tolist()} "
        f"(classes {y_test[pairs].tolist()}, decoded as {decoded_class[pairs].tolist()})"
    )

    save_npz(
        out,
        sample_z=samples["z"],
        sample_probs=samples["probs"],
        sample_x=samples["x"],
        recon_index=shown,
        recon_x=recon["x"],
        recon_probs=recon["probs"],
        recon_sample=recon["sample"],
        embedding=embedding,
        embedding_labels=arrays["y_train"],
        lattice_axis=axis,
        lattice=decodings.lattice(model, axis),
        pair_index=pairs,
        pair_labels=y_test[pairs],
        pair_decoded_labels=decoded_class[pairs],
        pair_x=x_test[pairs],
        interpolation_alpha=paths["alpha"],
        interpolation_probs=paths["probs"],
    )
    save_json(
        metrics,
        {
            "decoded_class_agreement": float(faithful.mean()),
            "interpolation_classes": y_test[pairs].tolist(),
            "interpolation_decoded_classes": decoded_class[pairs].tolist(),
        },
    )


if __name__ == "__main__":
    main()
