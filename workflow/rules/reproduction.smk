# The reproduction check: `snakemake --cores 4 check` builds what is out of date and compares it with
# reference/; `snakemake --cores 4 reference` rewrites reference/ from the build, and
# `snakemake --cores 4 reference_tolerances` only its tolerances. None has an output file Snakemake
# could call up to date, so each runs whenever it is asked for (on this machine).


localrules:  # (with metrics and manifest, in outputs.smk) on the submitting machine, never a cluster
    check,
    reference,
    reference_tolerances,


CHECK_ROWS = "results/check.tsv"
CHECK_SUMMARY = "results/check/summary.txt"


rule check:
    """Compare the build with reference/, naming every number and figure that moved and showing them
    on results/check/index.html; the onsuccess hook below exits 1 if anything moved."""
    input:
        script=script("reproduction/check_reproduction.py"),
        code=library("reproduction/check_reproduction.py"),
        metrics="results/metrics.json",
        manifest="figures/all",
        reference=["reference/metrics.json", "reference/figures.json"],
    log:
        "logs/check.log",
    params:
        rows=CHECK_ROWS,
        summary=CHECK_SUMMARY,
    message:
        "the reproduction check against reference/"
    shell:
        "python -u {input.script} --metrics {input.metrics} --manifest {input.manifest} --reference reference"
        " --out-table results/check.txt --out-rows {params.rows} --out-page results/check/index.html"
        " --out-summary {params.summary} --exit-zero 2>&1 | tee {log}; exit ${{PIPESTATUS[0]}}"


onsuccess:
    # the check's verdict and its page are the last lines of `snakemake check`, and its exit status
    # (a failing check job would end under Snakemake's error report instead)
    if "check" in workflow.dag_settings.targets:
        from figrepro.reproduction.compare import closing

        sys.exit(closing(CHECK_ROWS, CHECK_SUMMARY))


rule reference:
    """Rewrite reference/ from this build (then review and commit it)."""
    input:
        script=script("reproduction/write_reference.py"),
        code=library("reproduction/write_reference.py"),
        metrics="results/metrics.json",
        manifest="figures/all",
    log:
        "logs/reference.log",
    params:
        section=section("reproduction"),
    message:
        "reference/, rewritten from this build"
    shell:
        "python -u {input.script} --metrics {input.metrics} --manifest {input.manifest} --params {params.section:q}"
        " --out-dir reference > {log} 2>&1"


rule reference_tolerances:
    """Derive reference/'s tolerances again, keeping its values, hashes and thumbnails (needs no build)."""
    input:
        script=script("reproduction/rewrite_tolerances.py"),
        code=library("reproduction/rewrite_tolerances.py"),
        reference=["reference/metrics.json", "reference/figures.json"],
    log:
        "logs/reference_tolerances.log",
    params:
        section=section("reproduction"),
    message:
        "reference/'s tolerances, derived again"
    shell:
        "python -u {input.script} --params {params.section:q} --reference-dir reference > {log} 2>&1"
