#!/usr/bin/env python3
# Copyright 2026 Account Management Add-on Developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The cost curve: scripts/bench.py on several databases, in one table.

    scripts/py.sh scripts/bench_curve.py \\
        --db amgmt_bench_small --db amgmt_bench_medium --db amgmt_bench_large \\
        [--config amgmt_bench_medium=/path/to/odoo.conf] [--repeat 2]

Runs ``bench.py --json`` on each database (one process each, in order; a
database may live on another PostgreSQL server: give it its own odoo.conf with
``--config DB=PATH``), then prints, for every job and screen, its time and query
count on each database against the database's journal items and accounts, and
how it grows from the second-largest to the largest database: the exponent
``log(time ratio) / log(journal items ratio)`` (1 = linear, below 1 better than
linear; above 1.2 is flagged "worse than linear"). Query counts of screens must
not grow with size: a count that does is flagged too.
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile

import bench_common as bc

DEFAULT_SECTIONS = "profitability,receivable,jobs,views"
#: Above this exponent of time against journal items, growth is flagged.
WORSE_THAN_LINEAR = 1.2


def key(label):
    """A measure's label without the figures that depend on the database (cell
    and record counts), so that rows of different databases match."""
    label = re.sub(r"\([^)]*\d[^)]*\)", "", label).replace(">", "")
    label = re.sub(r"\d[\d,.]*( [kM])?", "#", label)
    label = re.sub(r", (first )?# calls?( \(stopped with work left\))?", "", label)
    return " ".join(label.split())


def run_bench(db, config, sections, repeat, jit):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        path = tmp.name
    cmd = [
        sys.executable,
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench.py"),
        "--db",
        db,
        "--config",
        config,
        "--only",
        sections,
        "--repeat",
        str(repeat),
        "--jit",
        jit,
        "--json",
        path,
    ]
    bc.log(f"{db}: {' '.join(cmd[1:])}")
    subprocess.run(cmd, check=True)
    with open(path, encoding="utf-8") as result:
        data = json.load(result)
    os.unlink(path)
    return data


def fmt_seconds(value):
    if value is None:
        return ""
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s"


def growth(values):
    """Exponent of the time between the last two databases measured, against
    their journal items: ``values`` is [(seconds or None, run)]; None if it
    can't be told."""
    values = [(seconds, run) for seconds, run in values if seconds]
    if len(values) < 2:
        return None
    (a, run_a), (b, run_b) = values[-2], values[-1]
    items = run_b["journal_items"] / run_a["journal_items"]
    if items <= 1:
        return None
    return math.log(b / a) / math.log(items)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", action="append", required=True)
    parser.add_argument("--config", action="append", default=[])
    parser.add_argument("--only", default=DEFAULT_SECTIONS)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--jit", default="off")
    parser.add_argument("--from-json", action="append", default=[])
    args = parser.parse_args(argv)
    configs = dict(item.split("=", 1) for item in args.config)
    runs = []
    for path in args.from_json:
        with open(path, encoding="utf-8") as saved:
            runs.append(json.load(saved))
    for db in args.db:
        if any(run["db"] == db for run in runs):
            continue
        runs.append(
            run_bench(
                db,
                configs.get(db, bc.DEFAULT_CONFIG),
                args.only,
                args.repeat,
                args.jit,
            )
        )
        with open(f"/tmp/bench_curve_{db}.json", "w", encoding="utf-8") as out:
            json.dump(runs[-1], out)
    runs.sort(key=lambda run: run["journal_items"])
    measures = {}
    for index, run in enumerate(runs):
        for row in run["rows"]:
            if row["seconds"] is None and not row["queries"]:
                continue
            entry = measures.setdefault(
                key(row["label"]), {"section": row["section"], "by_run": {}}
            )
            entry["label"] = row["label"]
            entry["by_run"][index] = row
    headers = ["#", "measure"]
    for run in runs:
        headers.append(
            f"{run['db']} ({run['journal_items']:,} items, "
            f"{run['accounts']:,} accounts)"
        )
    headers.append("growth (exponent)")
    table = []
    for entry in measures.values():
        cells = [entry["section"], entry["label"]]
        values = []
        queries = []
        for index in range(len(runs)):
            row = entry["by_run"].get(index)
            if row is None:
                cells.append("")
                values.append((None, runs[index]))
                queries.append(None)
                continue
            text = fmt_seconds(row["seconds"])
            if row["queries"] not in ("", None):
                text += f", {row['queries']} q"
            cells.append(text)
            values.append((row["seconds"], runs[index]))
            queries.append(row["queries"])
        exponent = growth(values)
        verdict = ""
        if "stopped with work left" in entry["label"]:
            # a sample of the largest database's run: not the whole job
            exponent = None
            verdict = "n/a (stopped on the largest)"
        if exponent is not None:
            verdict = f"{exponent:.2f}"
            verdict += (
                " **worse than linear**"
                if exponent > WORSE_THAN_LINEAR
                else " (linear or better)"
            )
        # the count of 80 records (views give "N (20 records: M)")
        counts = [
            int(re.match(r"\d+", str(q)).group())
            for q in queries
            if q is not None and re.match(r"\d+", str(q))
        ]
        # between the two largest databases (the smallest lacks kinds of data)
        if entry["section"] == "4" and len(counts) > 1 and counts[-1] > counts[-2]:
            verdict += "; **queries grow with size**"
        cells.append(verdict)
        table.append(cells)
    print()
    for run in runs:
        load = ", ".join(f"{value:.1f}" for value in run.get("load_average", ()))
        print(
            f"{run['db']}: {run['journal_items']:,} journal items, "
            f"{run['accounts']:,} accounts; median of {run['repeat']}; "
            f"load average at the end {load}"
        )
    print()
    bc.print_table(headers, table)


if __name__ == "__main__":
    sys.exit(main())
