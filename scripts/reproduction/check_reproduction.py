"""Compare the build with ``reference/``: print a table of what moved (and one row per source),
write it with every item's row under ``results/``, and exit 1 if anything drifted."""

from __future__ import annotations

from pathlib import Path

import click

from figrepro import manifest
from figrepro.cli import fail_cleanly
from figrepro.io import atomic_path, load_json
from figrepro.reproduction import compare, reference
from figrepro.reproduction.fingerprint import environment


@click.command()
@click.option("--metrics", type=click.Path(dir_okay=False), required=True, help="results/metrics.json")
@click.option(
    "--manifest", "manifest_path", type=click.Path(dir_okay=False), required=True, help="figures/all"
)
@click.option("--reference", "reference_dir", type=click.Path(file_okay=False), required=True)
@click.option("--out-table", type=click.Path(dir_okay=False), required=True, help="the printed table")
@click.option("--out-rows", type=click.Path(dir_okay=False), required=True, help="every item's row (TSV)")
@fail_cleanly
def main(metrics: str, manifest_path: str, reference_dir: str, out_table: str, out_rows: str) -> None:
    figures = load_json(Path(reference_dir) / reference.FIGURES)
    env = environment()
    rows = compare.compare_metrics(load_json(Path(reference_dir) / reference.METRICS), load_json(metrics))
    rows += compare.compare_figures(figures, reference_dir, manifest.read(manifest_path), env)
    bad = compare.failed(rows)
    how = "byte for byte" if figures["made_with"] == env else "by rasters (the environment differs)"
    text = "\n".join(
        [
            f"Reproduction check against {reference_dir}/ (figures compared {how})",
            "",
            compare.format_table(compare.summary(rows)),
            *(["", "What moved:", "", compare.format_table(bad)] if bad else []),
            "",
            compare.verdict_line(rows),
            *(
                [f"If the change is intended: snakemake --cores 4 reference, then commit {reference_dir}/."]
                if bad
                else []
            ),
        ]
    )
    click.echo(text)
    with atomic_path(out_table) as tmp:
        tmp.write_text(text + "\n")
    compare.write_tsv(out_rows, rows)
    if bad:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
