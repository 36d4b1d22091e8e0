"""Compare the build with ``reference/``: print a table of what moved (and one row per source),
write it with every item's row under ``results/``, a page showing what moved
(``results/check/index.html``), and the closing lines on their own; exit 1 if anything drifted
(unless ``--exit-zero``: under Snakemake, the workflow's ``onsuccess`` hook ends with the closing
lines and that exit status, so that they are the last thing on the console)."""

from __future__ import annotations

from pathlib import Path

import click

from figrepro import manifest
from figrepro.cli import fail_cleanly
from figrepro.io import atomic_path, load_json
from figrepro.reproduction import compare, page, reference
from figrepro.reproduction.fingerprint import environment


@click.command(help=__doc__)
@click.option("--metrics", type=click.Path(dir_okay=False), required=True, help="results/metrics.json")
@click.option(
    "--manifest", "manifest_path", type=click.Path(dir_okay=False), required=True, help="figures/all"
)
@click.option("--reference", "reference_dir", type=click.Path(file_okay=False), required=True)
@click.option("--out-table", type=click.Path(dir_okay=False), required=True, help="the printed table")
@click.option("--out-rows", type=click.Path(dir_okay=False), required=True, help="every item's row (TSV)")
@click.option("--out-page", type=click.Path(dir_okay=False), required=True, help="what moved, shown (HTML)")
@click.option("--out-summary", type=click.Path(dir_okay=False), required=True, help="the closing lines")
@click.option("--exit-zero", is_flag=True, help="exit 0 even if something moved")
@fail_cleanly
def main(
    metrics: str,
    manifest_path: str,
    reference_dir: str,
    out_table: str,
    out_rows: str,
    out_page: str,
    out_summary: str,
    exit_zero: bool,
) -> None:
    figures = load_json(Path(reference_dir) / reference.FIGURES)
    env = environment()
    rows = compare.compare_metrics(load_json(Path(reference_dir) / reference.METRICS), load_json(metrics))
    rows += compare.compare_figures(figures, reference_dir, manifest.read(manifest_path), env)
    bad = compare.failed(rows)
    how = "byte for byte" if figures["made_with"] == env else "by rasters (the environment differs)"
    verdict = compare.verdict_line(rows)
    page.write(out_page, rows, reference_dir, float(figures["thumbnail_dpi"]), verdict)
    closing = [
        verdict,
        f"{'What moved, shown' if bad else 'The page'}: {out_page}",
        *(
            [f"If the change is intended: snakemake --cores 4 reference, then commit {reference_dir}/."]
            if bad
            else []
        ),
    ]
    text = "\n".join(
        [
            f"Reproduction check against {reference_dir}/ (figures compared {how})",
            "",
            compare.format_table(compare.summary(rows)),
            *(["", "What moved:", "", compare.format_table(bad)] if bad else []),
            "",
            *closing,
        ]
    )
    click.echo(text)
    for path, content in ((out_table, text), (out_summary, "\n".join(closing))):
        with atomic_path(path) as tmp:
            tmp.write_text(content + "\n")
    compare.write_tsv(out_rows, rows)
    if bad and not exit_zero:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
