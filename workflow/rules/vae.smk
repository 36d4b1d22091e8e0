# Assignment 3: a VAE on binarized MNIST. data -> training -> four evaluations -> one plot job per figure.
from figrepro.vae.figures import draw_inputs
from figrepro.vae.evidence_settings import CONFIG_KEYS as INTEGRATION_KEYS
from figrepro.vae.mnist import bundled_inputs, idx_inputs

VAE = config["vae"]
VAE_DATA = "results/vae/data.npz"
VAE_MODEL = "results/vae/model.pt"
VAE_RESULTS = {  # what the figures' draw() read, by keyword
    "history": "results/vae/history.json",
    "elbo": "results/vae/elbo.npz",
    "decodings": "results/vae/decodings.npz",
    "posteriors": "results/vae/posteriors.npz",
    "gradients": "results/vae/gradients.npz",
}


rule vae_data:
    input:
        script=script("vae/vae_data.py"),
        code=library("vae/vae_data.py"),
        idx=idx_inputs(VAE["data"]),  # with source idx: a missing file is named before any job runs
        digits=[repo(path) for path in bundled_inputs(VAE["data"])],
    output:
        update(VAE_DATA),  # kept (restored by Snakemake) when a new one cannot be made
    log:
        "logs/vae/data.log",
    benchmark:
        "benchmarks/vae/data.tsv"
    priority: 10
    resources:
        mem_mb=2048,
    params:
        section=section("vae", "data"),
        seed=config["seed"],
        digits=lambda wildcards, input: " ".join(f"--digits {path}" for path in input.digits),
    message:
        "VAE: the digits, split and binarized"
    shell:
        "python -u {input.script} --params {params.section:q} --seed {params.seed}"
        " {params.digits} --out {output} > {log} 2>&1"


TORCH_THREADS = VAE["train"]["threads"]  # of every torch job here, whatever --cores is


rule vae_train:
    """The longest job; torch runs vae.train.threads threads; its progress shows on the console too."""
    input:
        script=script("vae/vae_train.py"),
        code=library("vae/vae_train.py"),
        data=VAE_DATA,
    output:
        model=VAE_MODEL,
        history=VAE_RESULTS["history"],
    log:
        "logs/vae/train.log",
    benchmark:
        "benchmarks/vae/train.tsv"
    priority: 10
    threads: TORCH_THREADS
    resources:
        mem_mb=2048,
    params:
        section=section("vae", keys=["model", "train"]),
        seed=config["seed"],
    message:
        "VAE: training (its progress below)"
    shell:
        "python -u {input.script} --params {params.section:q} --seed {params.seed}"
        " --data {input.data} --out-model {output.model} --out-history {output.history}"
        " --checkpoint results/vae/checkpoints/train.pt --console-fd 3 3>&2 > {log} 2>&1"


rule vae_evaluate:
    """Train and test ELBO; log p(x) of every test image, on lattices of its own round its posterior."""
    input:
        script=script("vae/vae_evaluate.py"),
        code=library("vae/vae_evaluate.py"),
        data=VAE_DATA,
        model=VAE_MODEL,
    output:
        data=VAE_RESULTS["elbo"],
        metrics="results/vae/metrics_elbo.json",
    log:
        "logs/vae/evaluate.log",
    benchmark:
        "benchmarks/vae/evaluate.tsv"
    threads: TORCH_THREADS
    resources:
        mem_mb=2048,
    params:
        section=section("vae", "evaluate"),
        threads=TORCH_THREADS,
        seed=config["seed"],
    message:
        "VAE: the ELBOs and the log p(x) of the test images"
    shell:
        "python -u {input.script} --params {params.section:q} --seed {params.seed} --threads {params.threads}"
        " --data {input.data} --model {input.model} --out {output.data} --metrics {output.metrics} > {log} 2>&1"


rule vae_decode:
    """Samples, reconstructions, the latent embedding, the lattice and the interpolations (between
    test images whose encoder means decode to their own class, by a nearest-neighbour classifier)."""
    input:
        script=script("vae/vae_decode.py"),
        code=library("vae/vae_decode.py"),
        data=VAE_DATA,
        model=VAE_MODEL,
    output:
        data=VAE_RESULTS["decodings"],
        metrics="results/vae/metrics_decodings.json",
    log:
        "logs/vae/decode.log",
    benchmark:
        "benchmarks/vae/decode.tsv"
    params:
        section=section("vae", "decode"),
        seed=config["seed"],
    message:
        "VAE: samples, reconstructions, the embedding, the lattice, interpolations"
    shell:
        "python -u {input.script} --params {params.section:q} --seed {params.seed}"
        " --data {input.data} --model {input.model} --out {output.data} --metrics {output.metrics}"
        " > {log} 2>&1"


rule vae_posteriors:
    """Grid posteriors of an image and of a top half, the SVI fit, completions."""
    input:
        script=script("vae/vae_posteriors.py"),
        code=library("vae/vae_posteriors.py"),
        data=VAE_DATA,
        model=VAE_MODEL,
    output:
        data=VAE_RESULTS["posteriors"],
        metrics="results/vae/metrics_posteriors.json",
    log:
        "logs/vae/posteriors.log",
    benchmark:
        "benchmarks/vae/posteriors.tsv"
    params:
        section=section("vae", "posterior"),
        svi=section("vae", "svi"),
        integration=section("vae", "evaluate", keys=INTEGRATION_KEYS),
        seed=config["seed"],
    message:
        "VAE: posteriors on a grid and the SVI fit"
    shell:
        "python -u {input.script} --params {params.section:q} --svi {params.svi:q}"
        " --integration {params.integration:q}"
        " --seed {params.seed} --data {input.data} --model {input.model}"
        " --out {output.data} --metrics {output.metrics} > {log} 2>&1"


rule vae_gradients:
    """Reparameterization against score-function estimates of d ELBO / d mu."""
    input:
        script=script("vae/vae_gradients.py"),
        code=library("vae/vae_gradients.py"),
        data=VAE_DATA,
        model=VAE_MODEL,
    output:
        data=VAE_RESULTS["gradients"],
        metrics="results/vae/metrics_gradients.json",
    log:
        "logs/vae/gradients.log",
    benchmark:
        "benchmarks/vae/gradients.tsv"
    threads: TORCH_THREADS
    params:
        section=section("vae", "gradients"),
        threads=TORCH_THREADS,
        image=VAE["posterior"]["image"],
        seed=config["seed"],
    message:
        "VAE: the gradient estimators"
    shell:
        "python -u {input.script} --params {params.section:q} --image {params.image} --seed {params.seed}"
        " --threads {params.threads}"
        " --data {input.data} --model {input.model} --out {output.data} --metrics {output.metrics} > {log} 2>&1"


for _fig in RECORDS["vae"].figures:

    rule:
        name:
            f"plot_vae_{_fig.name}"
        input:
            script=script("vae/plot_vae.py"),
            code=library("vae/plot_vae.py"),
            figure_code=module_files(os.path.join(SRC, "figrepro", "vae", "figures", f"{_fig.name}.py")),
            results=[VAE_RESULTS[name] for name in draw_inputs(_fig.name)],
        output:
            reported([_fig]),
        log:
            f"logs/vae/plot_{_fig.name}.log",
        benchmark:
            f"benchmarks/vae/plot_{_fig.name}.tsv"
        group:
            CHEAP
        params:
            inputs=" ".join(f"--input {n}={VAE_RESULTS[n]}" for n in draw_inputs(_fig.name)),
            figures=figure_options([_fig]),
        message:
            f"VAE: figure {_fig.name}"
        shell:
            "python -u {input.script} {params.inputs} {params.figures} > {log} 2>&1"
