"""The Snakemake workflow end to end: a smoke build of the whole DAG with a small config,
then what an edit or a config change reruns, bad configs, and byte-stable outputs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest
from lecture4_printed import check_printed_numbers
from mnist_files import write_mnist_files
from udl_printed import check_chapters_6_to_21
from udl_printed import check_printed_numbers as check_udl_printed_numbers
from workflow_runner import (
    MODULES_LOG,
    ROOT,
    copy_workflow,
    edited,
    manifest,
    planned_jobs,
    snakemake,
)

from figrepro.records import RECORDS, all_figures, one_job_notebooks
from figrepro.vae.figures import draw_inputs
from figrepro.vae.mnist import BUNDLED, load_bundled

pytestmark = pytest.mark.workflow


def vae_plots(result: str | None = None) -> dict[str, int]:
    """The VAE's plot jobs (those of the figures that read ``result``, or all of them)."""
    return {
        f"plot_vae_{f.name}": 1
        for f in RECORDS["vae"].figures
        if result is None or result in draw_inputs(f.name)
    }


@pytest.fixture(scope="module")
def built(smoke_build: Path) -> Path:
    return smoke_build


def test_manifest_lists_every_figure(built: Path) -> None:
    rows = manifest(built)
    assert rows[0] == ["figure", "source", "title", "sha256"]
    assert len(rows) == 1 + len(all_figures())
    assert [r[0] for r in rows[1:]] == [f.path("pdf") for f in all_figures()]
    for path, source, title, digest in rows[1:]:
        assert (built / path).stat().st_size > 0
        assert (source.startswith("udl/") or source in ("vae", "lecture4", "localization")) and title
        assert len(digest) == 64
    counts: dict[str, int] = {}
    for row in rows[1:]:
        counts[row[1]] = counts.get(row[1], 0) + 1
    # each source's figures as its record lists them (and docs/sources.md counts them: test_records)
    assert counts == {source: len(record.figures) for source, record in RECORDS.items() if record.figures}
    lecture = {Path(r[0]).name for r in rows[1:] if r[1] == "lecture4"}
    assert lecture == {  # the lecture's own file names, whatever figures.format says
        "constrained_derivative.pdf",
        "constraints_log.png",
        "transform_check.png",
        "constraints_sigmoid.png",
        "constraints_linear.png",
        "kl_mixture_compute.png",
        "kl_mode_seeking.png",
        "kl_mass_covering.png",
        "vi_coin_posterior.png",
        "vi_coin_model_elbo.png",
    }


def test_results_and_metrics(built: Path) -> None:
    metrics = json.loads((built / "results/metrics.json").read_text())
    required = {
        "udl/17_1": {"density_mass", "posterior_argmax_z"},
        "udl/17_2": {
            "expectation_phi_0.5",
            "expectation_phi_-0.1",
            "reparam_grad_phi_0.5",
            "score_grad_phi_0.5",
            "var_reparam_phi_0.3",
            "var_score_phi_0.3",
        },
        "udl/17_3": {"expectation_f1", "expectation_f2_plain", "expectation_f2_importance"},
        "udl/18_1": {"kernel_mean_t100_x-2", "kernel_std_t100_x-2"},
        "udl/18_2": {"samples_mean", "samples_std", "samples_wasserstein1"},
        "udl/18_3": {"samples_mean", "samples_std", "samples_wasserstein1"},
        "udl/18_4": {f"{s}_{k}" for s in ("ddim", "accelerated") for k in ("mean", "std", "wasserstein1")},
        "vae": {
            "elbo_train",
            "elbo_test",
            "log_px_test_mean",
            "log_px_per_image",
            "elbo_per_image",
            "bound_violations",
            "posterior_log_mass",
            "kl_encoder_to_grid_posterior",
            "decoded_class_agreement",
            "svi_mu",
            "svi_sigma",
            "grad_mean_reparam",
            "grad_var_reparam",
            "grad_mean_score",
            "grad_var_score",
        },
    }
    for source, keys in required.items():
        assert keys <= set(metrics[source]), source
    vae = metrics["vae"]
    assert len(vae["log_px_per_image"]) == len(vae["elbo_per_image"]) == 10  # the smoke config's n_images
    assert abs(vae["posterior_log_mass"]) < 0.01  # halving the lattices' spacing moves log p(x) by less
    assert vae["bound_violations"] == 0
    assert abs(vae["posterior_window_log_mass"]) < 1e-3 and abs(vae["top_half_window_log_mass"]) < 1e-3
    assert len(vae["svi_mu"]) == len(vae["svi_sigma"]) == 2
    # the SVI fit covers p(z|x_top)'s main mode: within 0.05 nats of the best diagonal Gaussian's KL
    assert 0 < vae["svi_kl_to_grid_posterior"] - vae["best_gaussian_kl_to_grid_posterior"] < 0.05
    for log_px, elbo, se in zip(
        vae["log_px_per_image"], vae["elbo_per_image"], vae["elbo_per_image_mc_se"], strict=True
    ):
        assert elbo <= log_px + 4 * se  # the ELBO bounds log p(x), image by image
    n_estimates = 50  # the smoke config's
    spread = np.sqrt((vae["grad_var_reparam"] + vae["grad_var_score"]) / n_estimates)
    assert abs(vae["grad_mean_reparam"] - vae["grad_mean_score"]) < 4 * spread
    assert vae["grad_var_score"] > 10 * vae["grad_var_reparam"]
    check_printed_numbers(metrics["lecture4"])  # the smoke config keeps lecture4's defaults
    check_udl_printed_numbers(metrics)  # and those of UDL chapters 1 to 21
    check_chapters_6_to_21(metrics)
    assert metrics["udl/4_3"]["matrix_vs_scalar_max_abs_diff_composed"] < 1e-12
    loc = metrics["localization"]
    assert set(loc) >= {
        "q_mean",
        "q_std",
        "exact_posterior_mean",
        "exact_posterior_std",
        "kl_q_to_exact",
        "kl_best_gaussian",
    }
    assert all(len(loc[k]) == 2 for k in ("q_mean", "q_std", "exact_posterior_mean", "exact_posterior_std"))
    # no Gaussian is nearer than the best one (the smoke build's short training is not as near as the
    # default training: test_localization.py)
    assert 0 < loc["kl_best_gaussian"] <= loc["kl_q_to_exact"]
    assert np.load(built / "results/localization/readings.npy").shape == (3, 5)
    for path in (
        "18_2/samples.npy",
        "18_3/samples.npy",
        "18_4/samples_ddim.npy",
        "18_4/samples_accelerated.npy",
    ):
        samples = np.load(built / "results/udl" / path)
        assert samples.ndim == 1 and samples.size == 2000  # the smoke config's n_samples
    for rule_log in (built / "logs").rglob("*.log"):
        assert "Traceback" not in rule_log.read_text(), rule_log
    assert list((built / "benchmarks").rglob("*.tsv"))


def test_outputs_honour_the_umask(built: Path) -> None:
    """Built under umask 022 (workflow_runner.UMASK): every output readable by all, as open() makes it."""
    outputs = [p for d in ("figures", "results") for p in (built / d).rglob("*") if p.is_file()]
    assert len(outputs) > 238
    modes = {oct(p.stat().st_mode & 0o777) for p in outputs}
    assert modes == {"0o644"}, sorted(
        str(p.relative_to(built)) for p in outputs if p.stat().st_mode & 0o777 != 0o644
    )[:5]


def _declared_jobs(built: Path) -> dict[str, set[str]]:
    """Log file -> the figrepro files among the job's inputs, as Snakemake recorded each output's job
    (``.snakemake/metadata/``: one JSON record per output, with its rule, inputs and log)."""
    jobs = {}
    for path in (built / ".snakemake/metadata").iterdir():
        record = json.loads(path.read_text())
        if record.get("log"):
            jobs[record["log"][0]] = {f for f in record["input"] if f.startswith("src/figrepro/")}
    return jobs


def test_every_job_declares_exactly_the_library_modules_it_runs(built: Path) -> None:
    """Each job's script recorded, as it exited, the figrepro modules loaded (tests/module_recorder):
    they are its rule's declared library inputs, no more (an edit would rerun it for nothing) and
    no fewer (an edit would leave it stale)."""
    declared = _declared_jobs(built)
    ran: dict[str, set[str]] = {}
    for line in (built / MODULES_LOG).read_text().splitlines():
        record = json.loads(line)
        ran.setdefault(record["log"], set()).update(record["modules"])
    assert len(declared) > 60 and set(ran) <= set(declared)
    differ = {
        log: {
            "declared, not run": sorted(want - ran.get(log, set())),
            "run, not declared": sorted(ran.get(log, set()) - want),
        }
        for log, want in declared.items()
        if want != ran.get(log, set())
    }
    assert not differ, differ


#: the scripts whose work calls torch (networks, autodiff) or scipy (optimisers, quadrature, special
#: functions); every other job starts without them
TORCH_SCRIPTS = {
    "vae_train", "vae_evaluate", "vae_decode", "vae_posteriors", "vae_gradients",
    "lecture4_constraints", "lecture4_kl", "localization_train", "localization_evaluate",
}  # fmt: skip
SCIPY_SCRIPTS = {
    "udl_18_sample", "lecture4_coin", "lecture4_constraints", "lecture4_kl", "localization_evaluate",
    "vae_decode", "vae_posteriors",
}  # fmt: skip


def test_jobs_load_only_the_heavy_libraries_their_work_uses(built: Path) -> None:
    """No job imports pyplot (figures are drawn on matplotlib.figure.Figure), jsonschema or yaml (the
    workflow validated the config); torch and scipy are loaded only by the jobs that compute with
    them. Each costs a job from a third of a second (jsonschema) to two seconds (torch) to import."""
    loaded: dict[str, set[str]] = {}
    for line in (built / MODULES_LOG).read_text().splitlines():
        record = json.loads(line)
        loaded.setdefault(Path(record["script"]).stem, set()).update(record["heavy"])
    assert len(loaded) > 40
    expected = {"matplotlib.pyplot": set(), "jsonschema": set(), "yaml": set()}
    for library, scripts in {**expected, "torch": TORCH_SCRIPTS, "scipy": SCIPY_SCRIPTS}.items():
        assert {script for script, libs in loaded.items() if library in libs} == scripts, library


def test_editing_the_monte_carlo_engine_reruns_only_its_notebooks(built: Path) -> None:
    """17.2 and 17.3 run it; no other job imports it (the VAE's training did, through cli.py)."""
    with edited(built / "src/figrepro/montecarlo.py"):
        jobs = planned_jobs(built)
    assert jobs == {
        "udl_17_2_montecarlo": 3,
        "udl_17_3_montecarlo": 3,
        "plot_udl_17_2": 1,
        "plot_udl_17_3": 1,
        "metrics": 1,
        "manifest": 1,
    }


def test_editing_a_title_reruns_no_compute_job(built: Path) -> None:
    """Titles live in the records, from which the workflow hands every script its figures' paths
    by name; only the manifest job (manifest and captions) imports them."""
    catalog = built / "src/figrepro/records/udl.py"
    original = catalog.read_text()
    title = "Fig. 6.5: least squares loss of the Gabor model over offset and frequency"
    assert original.count(title) == 1
    catalog.write_text(original.replace(title, title + ", retitled"))
    try:
        jobs = planned_jobs(built)
    finally:
        catalog.write_text(original)
    assert jobs == {"manifest": 1}


def test_nothing_to_do_after_a_build(built: Path) -> None:
    assert planned_jobs(built) == {}


def test_editing_a_plot_script_reruns_only_its_figures(built: Path) -> None:
    with edited(built / "scripts/udl/plot_udl_17_3.py"):
        assert planned_jobs(built) == {"plot_udl_17_3": 1, "manifest": 1}
    assert planned_jobs(built) == {}


#: the jobs that compute and draw a notebook in one (chapters 1-9, 16, 18.1, 21, the blog), and those
#: that draw
ONE_JOB_RULES = [record.job.rule for record in one_job_notebooks()]
ONE_JOB_RULES_WITH_FIGURES = [record.job.rule for record in one_job_notebooks() if record.figures]


def test_editing_the_plot_library_reruns_no_computation(built: Path) -> None:
    """Chapters 1-7 compute and draw in one job each (their numbers cost microseconds)."""
    with edited(built / "src/figrepro/plotting.py"):
        jobs = planned_jobs(built)
    assert jobs == {
        **dict.fromkeys(ONE_JOB_RULES_WITH_FIGURES, 1),
        "metrics": 1,
        **{f"plot_udl_{nb}": 1 for nb in ("17_1", "17_2", "17_3", "18_2", "18_3", "18_4")},
        **vae_plots(),
        **{f"plot_lecture4_{job}": 1 for job in ("constraints", "kl", "coin")},
        "plot_localization": 1,
        "manifest": 1,
    }


def test_editing_one_notebook_reruns_only_its_job(built: Path) -> None:
    with edited(built / "scripts/udl/udl_3_4_activation_functions.py"):
        assert planned_jobs(built) == {"udl_3_4": 1, "manifest": 1}
    with edited(built / "scripts/udl/udl_5_1_least_squares_loss.py"):
        assert planned_jobs(built) == {"udl_5_1": 1, "metrics": 1, "manifest": 1}


def test_editing_the_network_module_reruns_exactly_its_notebooks(built: Path) -> None:
    with edited(built / "src/figrepro/udl/networks/networks.py"):
        jobs = planned_jobs(built)
    networks = ("3_1", "3_4", "4_1", "4_3", "5_1", "5_2", "5_3")
    assert jobs == {**{f"udl_{nb}": 1 for nb in networks}, "metrics": 1, "manifest": 1}
    with edited(built / "src/figrepro/udl/networks/toy_backprop.py"):
        assert planned_jobs(built) == {"udl_7_1": 1, "metrics": 1, "manifest": 1}
    with edited(built / "src/figrepro/udl/optimisation/optimisers.py"):
        optimised = ("6_2", "6_3", "6_4", "6_5", "9_2")
        assert planned_jobs(built) == {**{f"udl_{nb}": 1 for nb in optimised}, "metrics": 1, "manifest": 1}


def test_a_notebook_constant_reruns_only_its_notebook(built: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text('udl:\n  "5_1":\n    sigma: 0.25\n')
    assert planned_jobs(built, extra) == {"udl_5_1": 1, "metrics": 1, "manifest": 1}
    extra.write_text('udl:\n  "21_1":\n    thresholds: prefilled\n')
    assert planned_jobs(built, extra) == {"udl_21_1": 1, "metrics": 1, "manifest": 1}
    extra.write_text("seed: 7\n")  # of these notebooks only 4_3's random network reads the seed
    jobs = planned_jobs(built, extra)
    assert {job for job in jobs if job in ONE_JOB_RULES} == {"udl_4_3"}


def test_editing_one_vae_figure_redraws_only_it(built: Path) -> None:
    with edited(built / "src/figrepro/vae/figures/lattice.py"):
        assert planned_jobs(built) == {"plot_vae_lattice": 1, "manifest": 1}
    with edited(built / "scripts/vae/plot_vae.py"):
        assert planned_jobs(built) == {**vae_plots(), "manifest": 1}


def test_vae_constants_rerun_only_their_jobs(built: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("vae:\n  decode:\n    lattice_quantile: 0.1\n")
    assert planned_jobs(built, extra) == {
        "vae_decode": 1,
        **vae_plots("decodings"),
        "metrics": 1,
        "manifest": 1,
    }
    extra.write_text("vae:\n  svi:\n    lr: 0.03\n")
    assert planned_jobs(built, extra) == {
        "vae_posteriors": 1,
        **vae_plots("posteriors"),
        "metrics": 1,
        "manifest": 1,
    }


def test_a_17_1_constant_reruns_only_17_1(built: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text('udl:\n  "17_1":\n    sigma_sq: 0.05\n')
    jobs = planned_jobs(built, extra)
    assert jobs == {"udl_17_1_integrals": 1, "plot_udl_17_1": 1, "metrics": 1, "manifest": 1}


@pytest.mark.parametrize(
    "override",
    [
        'udl={"17_1": {"sigma_sq": 0.05}}',  # a number
        'udl={"17_1": {"n_samples": 300}}',  # an integer
        'udl={"17_1": {"posterior_x": [0.5, -0.5]}}',  # a list
        'udl={"17_1": {"z_grid": {"start": -2, "stop": 2, "step": 0.02}}}',  # a nested mapping
    ],
)
def test_a_nested_config_override_is_typed_and_reruns_only_its_jobs(built: Path, override: str) -> None:
    jobs = planned_jobs(built, None, "--config", override)
    assert jobs == {"udl_17_1_integrals": 1, "plot_udl_17_1": 1, "metrics": 1, "manifest": 1}


def test_a_nested_config_override_equal_to_the_config_reruns_nothing(built: Path) -> None:
    """Typed as the config files' own values, so the jobs' params are unchanged."""
    same = (
        'udl={"17_1": {"sigma_sq": 0.04, "n_samples": 50, "posterior_x": [0.9, -0.9],'
        ' "z_grid": {"start": -3.0, "stop": 3.0, "step": 0.05}}}'
    )
    assert planned_jobs(built, None, "--config", same, 'figures={"format": "pdf", "dpi": 40}') == {}


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ('udl={"17_1": {"sigma_sq": "abc"}}', "udl.\"17_1\".sigma_sq: 'abc' is not of type 'number'"),
        ('udl={"17_1": {"n_samples": 2.5}}', 'udl."17_1".n_samples'),
        ('figures={"format": "gif"}', "figures.format"),
    ],
)
def test_a_wrong_nested_override_is_refused_naming_the_key(built: Path, override: str, message: str) -> None:
    res = snakemake(built, "figures/all", "-n", "--config", override)
    assert res.returncode != 0
    assert message in res.stdout + res.stderr


def test_18_4_constant_does_not_retrain(built: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text('udl:\n  "18_4":\n    accelerated_sigma: 0.05\n')
    jobs = planned_jobs(built, extra)
    assert jobs == {"udl_18_4_sample": 1, "plot_udl_18_4": 1, "metrics": 1, "manifest": 1}


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ('udl:\n  "17_1":\n    sigma_sq: -1\n', 'udl."17_1".sigma_sq'),
        ('udl:\n  "17_1":\n    sigma_sq: abc\n', 'udl."17_1".sigma_sq'),
        ('udl:\n  "17_2":\n    n_sampels: 5\n', 'udl."17_2".n_sampels: unknown key'),
        ("vae:\n  train:\n    epochs: 0\n", "vae.train.epochs"),
        ("vae:\n  train:\n    device: tpu\n", "vae.train.device"),
        ("vae:\n  data:\n    source: idx\n", "vae.data.idx_dir"),
        ("vae:\n  data:\n    n_train: 9950\n", "vae.data.n_train"),  # the smoke config tests on 100
        ("lecture4:\n  search:\n    mixture_sigma: [0.0, 3.0]\n", "lecture4.search.mixture_sigma"),
        ("lecture4:\n  coin:\n    flips: [0, 2]\n", "lecture4.coin.flips[1]"),
        ("lecture4:\n  mixture_kl:\n    trapz_span: [7, -5]\n", "lecture4.mixture_kl.trapz_span"),
        ("localization:\n  train:\n    settings: fast\n", "localization.train.settings"),
        ("localization:\n  train:\n    tuned: {samples: 0}\n", "localization.train.tuned.samples"),
        ("localization:\n  grid:\n    spacing: 0.03\n", "localization.grid.spacing"),
        ("localization:\n  noise_variance: -5\n", "localization.noise_variance"),
        ('udl:\n  "5_1":\n    sigma_sweep: {start: 0.1, stop: 0.11, step: 0.005}\n', 'udl."5_1".sigma_sweep'),
        ('udl:\n  "3_4":\n    network: {theta: [[1, 2]], phi: [1]}\n', 'udl."3_4".network.phi'),
        ('udl:\n  "6_3":\n    sgd: {n_steps: 50}\n', 'udl."6_3".sgd: n_steps / draw_every'),
    ],
)
def test_bad_config_is_refused_before_any_job(
    built: Path, tmp_path: Path, yaml_text: str, message: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml_text)
    res = snakemake(built, "figures/all", extra_config=bad)
    out = res.stdout + res.stderr
    assert res.returncode != 0
    assert message in out
    assert "Traceback" not in out and 'File "' not in out


def test_lecture4_and_localization_constants_rerun_only_their_jobs(built: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("lecture4:\n  coin:\n    flips: [1, 1, 0]\n")
    assert planned_jobs(built, extra) == {
        "lecture4_coin": 1,
        "plot_lecture4_coin": 1,
        "metrics": 1,
        "manifest": 1,
    }
    extra.write_text("localization:\n  train:\n    settings: lab\n")
    assert planned_jobs(built, extra) == {
        "localization_train": 1,
        "localization_evaluate": 1,
        "plot_localization": 1,
        "metrics": 1,
        "manifest": 1,
    }
    extra.write_text("localization:\n  grid:\n    spacing: 0.05\n")
    assert planned_jobs(built, extra) == {
        "localization_evaluate": 1,
        "plot_localization": 1,
        "metrics": 1,
        "manifest": 1,
    }
    extra.write_text("localization:\n  target: [1.0, 2.0]\n")
    assert planned_jobs(built, extra) == {
        "localization_readings": 1,
        "localization_train": 1,
        "localization_evaluate": 1,
        "plot_localization": 1,
        "metrics": 1,
        "manifest": 1,
    }


def test_the_vae_reads_standard_mnist_files(tmp_path: Path) -> None:
    """source idx: the four files are the data rule's inputs; a missing one is named before any job,
    naming the key."""
    work = copy_workflow(tmp_path / "work")
    folder = write_mnist_files(tmp_path / "mnist", load_bundled(ROOT / BUNDLED))
    extra = tmp_path / "idx.yaml"
    extra.write_text(f"vae:\n  data: {{source: idx, idx_dir: {folder}, n_train: 1000, n_test: 2000}}\n")
    res = snakemake(work, "results/vae/data.npz", extra_config=extra)
    assert res.returncode == 0, res.stderr[-3000:]
    with np.load(work / "results/vae/data.npz") as data:
        assert data["x_train"].shape == (1000, 784) and data["x_test"].shape == (2000, 784)
    (folder / "t10k-labels-idx1-ubyte").unlink()
    res = snakemake(work, "results/vae/data.npz", "--forceall", extra_config=extra)
    out = res.stdout + res.stderr
    assert res.returncode != 0
    assert (
        f"vae.data.idx_dir: {folder} holds no t10k-labels-idx1-ubyte (nor t10k-labels-idx1-ubyte.gz)" in out
    )


def test_a_wrong_mnist_folder_stops_every_target_and_keeps_the_data(tmp_path: Path) -> None:
    """idx_dir is checked when the workflow is read, whatever the target (a finished build's
    `check` included), from the files' headers; a file whose body is broken stops the data job
    with its one line on the console, and the previous data.npz stays."""
    work = copy_workflow(tmp_path / "work")
    folder = write_mnist_files(tmp_path / "mnist", load_bundled(ROOT / BUNDLED))
    extra = tmp_path / "idx.yaml"

    def use(idx_dir: Path) -> None:
        extra.write_text(f"vae:\n  data: {{source: idx, idx_dir: {idx_dir}, n_train: 1000, n_test: 2000}}\n")

    use(folder)
    assert snakemake(work, "results/vae/data.npz", extra_config=extra).returncode == 0
    data = (work / "results/vae/data.npz").read_bytes()

    use(tmp_path / "nowhere")
    for target in ("check", "figures/all", "results/vae/data.npz"):
        res = snakemake(work, target, extra_config=extra)
        assert res.returncode != 0
        assert f"vae.data.idx_dir: {tmp_path / 'nowhere'}: no such folder" in res.stdout + res.stderr

    junk = tmp_path / "junk"
    junk.mkdir()
    for name in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte"):
        (junk / name).write_bytes(b"junk" * 100)
    use(junk)
    res = snakemake(work, "check", extra_config=extra)
    out = res.stdout + res.stderr
    assert res.returncode != 0
    assert f"vae.data.idx_dir: {junk / 'train-images-idx3-ubyte'}: magic number 0x6a756e6b" in out
    assert "holds no t10k-labels-idx1-ubyte (nor t10k-labels-idx1-ubyte.gz)" in out

    broken = write_mnist_files(tmp_path / "broken", load_bundled(ROOT / BUNDLED))
    packed = gzip.compress((broken / "train-images-idx3-ubyte").read_bytes(), mtime=0)
    middle = len(packed) // 2
    (broken / "train-images-idx3-ubyte.gz").write_bytes(
        packed[:middle] + bytes([packed[middle] ^ 0xFF]) + packed[middle + 1 :]
    )
    (broken / "train-images-idx3-ubyte").unlink()
    use(broken)
    res = snakemake(work, "results/vae/data.npz", extra_config=extra)
    out = res.stdout + res.stderr
    assert res.returncode != 0
    assert f"{broken / 'train-images-idx3-ubyte.gz'}: not a readable gzip file" in out  # from the job's log
    assert "Traceback" not in out
    assert (work / "results/vae/data.npz").read_bytes() == data
