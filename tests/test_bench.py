"""`make bench` runs end to end on two tiny sizes and writes its table, CSV and plot."""

import csv
import os
import subprocess
import sys

from conftest import PLUGINS, REPO


def test_bench_smoke(tmp_path):
    out = tmp_path / "bench"
    env = {**os.environ, "PYTHONPATH": str(PLUGINS), "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench.py"), "--sizes", "20,40",
         "--repeat", "1", "--out", str(out)],
        env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "| articles | runs | output files |" in result.stdout
    assert "caught (exit 1" in result.stdout, "the cached rebuild must still find a planted leak"
    assert "| articles | runs | output files |" in (out / "results.md").read_text(encoding="utf-8")
    assert (out / "bench.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with open(out / "results.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [int(row["articles"]) for row in rows] == [20, 40]
    for row in rows:
        for kind in ("bare", "build", "check", "cached"):
            assert 0 < float(row[f"{kind}_s"]) < 120, kind
            assert 0 < float(row[f"{kind}_cpu_s"]) < 120, kind
            assert 20 < float(row[f"{kind}_rss_mb"]) < 2000, kind
        assert 0.5 < float(row["build_over_bare"]) < 20
        assert float(row["scan_mb"]) > 0.1
        assert float(row["scan_mb_s"]) > 0
        assert int(row["output_files"]) > int(row["articles"])
        assert row["cached_change_seen"] == "True"
    # More articles, more output.
    assert float(rows[1]["output_mb"]) > float(rows[0]["output_mb"])
