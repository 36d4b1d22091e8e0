"""Notebook 21.1: thresholds on a credit score for two populations, and what blindness, demographic
parity and equal opportunity ask of them (fig. 21.2). Four figures; the loan, true positive and false
alarm rates at the notebook's thresholds, and the thresholds that meet each criterion."""

from __future__ import annotations

import click
import numpy as np
from matplotlib.figure import Figure

from figrepro.cli import fail_cleanly, figure_options, metrics_option, params_option
from figrepro.config import arange
from figrepro.io import save_json
from figrepro.plotting import FigureWriter, new_figure
from figrepro.udl.fairness.thresholds import FrequencyCurve, Group, threshold_for

COLOURS = {"blue": "b", "yellow": "y"}


def frequencies(scores: np.ndarray, groups: dict[str, Group]) -> Figure:
    """The top row of a 2 x 2 grid: each population's scores, defaulted dashed, repaid solid."""
    fig = Figure()
    for i, (name, group) in enumerate(groups.items()):
        ax = fig.add_subplot(2, 2, i + 1)
        fig.tight_layout()
        ax.plot(scores, group.defaulted, f"{COLOURS[name]}--", label="y=0 (defaulted)")
        ax.plot(scores, group.repaid, f"{COLOURS[name]}-", label="y=1 (repaid)")
        ax.set_xlim(-4, 4)
        ax.set_ylim(0, 500)
        ax.set_xlabel("Credit score, $c$")
        ax.set_ylabel("Frequency")
        ax.set_title(f"Population p={i}")
        ax.legend()
    return fig


def roc(scores: np.ndarray, groups: dict[str, Group], thresholds: tuple[float, float]) -> Figure:
    """ROC curves over every threshold of the grid, and each population's point at its threshold."""
    fig, ax = new_figure()
    for name, group in groups.items():
        ax.plot(
            group.false_alarm_rate(scores, scores),
            group.true_positive_rate(scores, scores),
            f"{COLOURS[name]}-",
        )
    for (name, group), tau in zip(groups.items(), thresholds, strict=True):
        point = (group.false_alarm_rate(scores, tau), group.true_positive_rate(scores, tau))
        ax.plot(*point, f"{COLOURS[name]}o")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel(r"False alarms $Pr(\hat{y}=1|y=0)$")
    ax.set_ylabel(r"True positives $Pr(\hat{y}=1|y=1)$")
    ax.set_aspect("equal")
    return fig


#: the figures it draws (--figure NAME=PATH)
FIGURES = ("frequencies", "roc_threshold_0", "roc_parity", "roc_opportunity")


@click.command(help=__doc__)
@params_option(__file__, "udl", "21_1")
@metrics_option
@figure_options(FIGURES)
@fail_cleanly
def main(params: dict, metrics: str, figures: dict[str, str], dpi: int) -> None:
    write = FigureWriter(figures, dpi)
    scores = arange(params["scores"])
    groups = {
        name: Group(FrequencyCurve(*curves["defaulted"])(scores), FrequencyCurve(*curves["repaid"])(scores))
        for name, curves in params["curves"].items()
    }
    parity = tuple(
        threshold_for(g.loan_rate(scores, scores), scores, params["parity_target"]) for g in groups.values()
    )
    opportunity = tuple(
        threshold_for(g.true_positive_rate(scores, scores), scores, params["opportunity_target"])
        for g in groups.values()
    )
    prefilled_parity, prefilled_opportunity = (
        tuple(params["prefilled_parity"]),
        tuple(params["prefilled_opportunity"]),
    )
    drawn = (
        (parity, opportunity)
        if params["thresholds"] == "solved"
        else (prefilled_parity, prefilled_opportunity)
    )

    write("frequencies", frequencies(scores, groups))
    write("roc_threshold_0", roc(scores, groups, (0.0, 0.0)))
    write("roc_parity", roc(scores, groups, drawn[0]))
    write("roc_opportunity", roc(scores, groups, drawn[1]))
    write.check_complete()

    def rates(kind: str, thresholds: tuple[float, ...]) -> list[float]:
        return [
            float(getattr(g, kind)(scores, tau)) for g, tau in zip(groups.values(), thresholds, strict=True)
        ]

    save_json(
        metrics,
        {
            "p_loan_threshold_0": rates("loan_rate", (0.0, 0.0)),
            "p_loan_prefilled_parity": rates("loan_rate", prefilled_parity),
            "p_loan_prefilled_opportunity": rates("loan_rate", prefilled_opportunity),
            "tpr_prefilled_opportunity": rates("true_positive_rate", prefilled_opportunity),
            "fpr_prefilled_opportunity": rates("false_alarm_rate", prefilled_opportunity),
            "thresholds_parity": list(parity),
            "thresholds_opportunity": list(opportunity),
            "thresholds_drawn_parity": list(drawn[0]),
            "thresholds_drawn_opportunity": list(drawn[1]),
            "p_loan_parity": rates("loan_rate", parity),
            "tpr_opportunity": rates("true_positive_rate", opportunity),
        },
    )


if __name__ == "__main__":
    main()
