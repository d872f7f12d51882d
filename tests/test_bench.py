"""`make bench` runs end to end at two tiny sizes and writes numbers it really measured."""

import csv
import json
import math
import os
import statistics
import subprocess
import sys

from conftest import PLUGINS, REPO

SIZES = (3, 6)
STEPS = ("bare", "build", "check", "cached")


def _run_bench(out):
    env = {**os.environ, "PYTHONPATH": str(PLUGINS), "PYTHONDONTWRITEBYTECODE": "1"}
    sizes = ",".join(map(str, SIZES))
    command = [sys.executable, str(REPO / "scripts" / "bench.py"), "--sizes", sizes]
    command += ["--runs", "1", "--out", str(out)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=170)


def test_bench_measures_every_step_at_every_size(tmp_path):
    out = tmp_path / "bench"
    result = _run_bench(out)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    with open(out / "results.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(row["articles"]) for row in rows] == list(SIZES)
    for row in rows:
        number = {key: float(value) for key, value in row.items()}
        for step in STEPS:
            # What the CSV says is what hyperfine measured for that step.
            report = out / f"site-{row['articles']}-hyperfine-{step}.json"
            measured = json.loads(report.read_text(encoding="utf-8"))["results"][0]
            assert len(measured["times"]) == 1, step
            assert math.isclose(number[f"{step}_s"], statistics.median(measured["times"]),
                                abs_tol=1e-4), step  # fmt: skip
            assert number[f"{step}_cpu_s"] > 0, step
            assert number[f"{step}_rss_mb"] > 10, f"{step}: a Python process is not that small"
        ratios = {
            "build_over_bare": ("build_s", "bare_s"),
            "build_over_bare_cpu": ("build_cpu_s", "bare_cpu_s"),
            "check_share": ("check_s", "build_s"),
            "cached_over_bare": ("cached_s", "bare_s"),
            "rss_build_over_bare": ("build_rss_mb", "bare_rss_mb"),
            "scan_over_grep": ("scan_mb_s", "grep_mb_s"),
        }
        for ratio, (top, bottom) in ratios.items():
            assert math.isclose(number[ratio], number[top] / number[bottom], rel_tol=0.01), ratio
        # The scan read every output file: as many bytes as the output folder holds.
        assert math.isclose(number["scan_mb"], number["output_mb"], rel_tol=0.01)
        assert number["scan_mb_s"] > 0
        assert number["grep_mb_s"] > 0
        assert number["watched_values"] >= 50, "the watchlist alone has 50 values"
        assert number["output_files"] > number["articles"]
    assert float(rows[1]["output_mb"]) > float(rows[0]["output_mb"]), "more articles, more output"
    table = (out / "results.md").read_text(encoding="utf-8")
    for size in SIZES:
        assert f"\n| {size} | " in table, f"no row for {size} articles in results.md"
    assert "| (b)/(a) wall |" in table
    assert "| scan/grep |" in table
    assert (out / "bench.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
