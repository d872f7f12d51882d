#!/usr/bin/env python3
"""`make bench`: what our build and checks cost, as ratios against bare Pelican on the same content.

For each size (--sizes, default 100,1000) tests/sitegen.py makes a synthetic site (the
same files for the same seed), and hyperfine times, each run a fresh process:

  (a) bare Pelican: the `pelican` CLI, Pelican's `simple` theme, PLUGINS = []
  (b) our build: `python -m commands build` (what `make html` runs)
  (c) our checks alone on (b)'s output: `python -m commands check` (`make check`)
  (d) a cached rebuild (CACHE_CONTENT, LOAD_CONTENT_CACHE) after one article changed

Wall time is hyperfine's median, CPU time its mean user + system (children included).
Peak RSS is hyperfine's own rusage from wait4, which the kernel reports as the largest
of its children: the largest single process of any run. The scan's throughput is
guard.matching.scan.Scanner over (b)'s output in this process (timeit, best CPU time, files
already read), beside `grep -F -i -r -f values.txt` (hyperfine, CPU) over the same files
with the same watched values. Correctness (a cached rebuild still finds a leak) is
tested in tests/, not here. Writes output-bench/: results.md, results.csv, bench.png
and hyperfine's JSON for every command.

    scripts/bench.py --sizes 100,1000 --runs 3
    make bench BENCH_SIZES=100,300 BENCH_RUNS=1
"""

import argparse
import csv
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import timeit
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Another copy of the plugins (a git worktree, say) can be measured on the same content.
PLUGINS = Path(os.environ.get("BENCH_PLUGINS") or REPO / "plugins").resolve()
sys.path[:0] = [str(PLUGINS), str(REPO / "tests"), str(REPO / "scripts")]

from bench_extras import EXTRA_TABLE, bench_extras  # noqa: E402
from sitegen import SEED, make_site  # noqa: E402
from timing import hyperfine  # noqa: E402

LARGE = 1000  # articles from which the default is 2 runs, not 3

NEEDS_HYPERFINE = "bench: needs hyperfine (Debian: apt-get install -y hyperfine)"
STEPS = (("bare", "(a) bare Pelican"), ("build", "(b) our build"))
STEPS += (("check", "(c) our checks"), ("cached", "(d) cached rebuild"))
# One table per line: (CSV column, heading, format).
TABLES = (
    (
        ("articles", "articles", "{:d}"),
        ("runs", "runs", "{:d}"),
        ("output_mb", "output MB", "{:.1f}"),
        ("bare_s", "(a) bare s", "{:.2f}"),
        ("build_s", "(b) ours s", "{:.2f}"),
        ("build_over_bare", "(b)/(a) wall", "{:.2f}x"),
        ("build_over_bare_cpu", "(b)/(a) CPU", "{:.2f}x"),
        ("check_s", "(c) check s", "{:.2f}"),
        ("check_share", "(c)/(b) wall", "{:.0%}"),
        ("check_share_cpu", "(c)/(b) CPU", "{:.0%}"),
        ("cached_s", "(d) cached s", "{:.2f}"),
        ("cached_over_bare", "(d)/(a) wall", "{:.2f}x"),
    ),
    (
        ("articles", "articles", "{:d}"),
        ("bare_rss_mb", "(a) RSS MB", "{:.0f}"),
        ("build_rss_mb", "(b) RSS MB", "{:.0f}"),
        ("rss_build_over_bare", "(b)/(a) RSS", "{:.2f}x"),
        ("scan_mb", "scanned MB", "{:.1f}"),
        ("scan_mb_s", "scan MB/s", "{:.1f}"),
        ("grep_mb_s", "grep MB/s", "{:.1f}"),
        ("scan_over_grep", "scan/grep", "{:.2f}x"),
    ),
)


def scan_throughput(root, output, runs):
    """The Scanner's MB/s over every output file, in-process, and grep's over the same."""
    from commands.runner import load_settings
    from guard import checks
    from guard.matching.scan import Scanner
    from guard.watchlist import watched
    from sitebase.sources import files_under

    settings = load_settings(str(root / "ours.py"), override={"OUTPUT_PATH": str(output)})
    if settings is None:
        raise SystemExit(f"bench: cannot read {root / 'ours.py'}")
    values = watched.collect(settings).watched
    contacts = checks.public_contacts(settings)
    scanner = Scanner(values, contacts, settings["CONFIDENTIAL_MIN_LENGTH"])
    files = [
        (path, Path(path).read_bytes(), os.path.relpath(path, output))
        for path in files_under(output)
    ]
    megabytes = sum(len(data) for _path, data, _name in files) / 1e6

    def scan():
        for path, data, name in files:
            scanner.scan_file(path, data, name)

    seconds = min(timeit.Timer(scan, timer=time.process_time).repeat(repeat=runs, number=1))
    values_txt = root / "values.txt"
    values_txt.write_text("".join(f"{v}\n" for v in sorted({w.value for w in values})))
    # grep exits 1 when a file has no match: that is not a failure here.
    grep_command = ["grep", "-F", "-i", "-r", "-c", "-f", values_txt, output]
    grep = hyperfine("grep", grep_command, root, runs, ignore_failure=True)
    return {
        "watched_values": scanner.value_count,
        "scan_mb": megabytes,
        "scan_cpu_s": seconds,
        "scan_mb_s": megabytes / seconds,
        "grep_cpu_s": grep["grep_cpu_s"],
        "grep_mb_s": megabytes / grep["grep_cpu_s"],
    }


def bench_size(count, seed, runs, work, log):
    """Every measurement at one size, as one row."""
    root = work / f"site-{count}"
    site = make_site(root, count, seed, plugins=PLUGINS)
    log(f"{count} articles generated in {root}")
    ours = [sys.executable, "-m", "commands"]
    out_bare, out_ours, out_cached = (root / f"out-{kind}" for kind in ("bare", "ours", "cached"))
    pelican = Path(sys.executable).with_name("pelican")
    bare = [pelican, site.content, "-s", root / "bare.py", "-o", out_bare]
    row = {"articles": count, "runs": runs}
    row |= hyperfine("bare", bare, root, runs, prepare=["rm", "-rf", out_bare])
    build = [*ours, "build", "-s", root / "ours.py", "-o", out_ours]
    row |= hyperfine("build", build, root, runs, prepare=["rm", "-rf", out_ours])
    row |= hyperfine("check", [*ours, "check", "-s", root / "ours.py", "-o", out_ours], root, runs)
    # The warm-up run fills the cache; before every run, one article gains a sentence.
    changed = shlex.quote(str(site.content / site.articles[-1].path))
    change = ["sh", "-c", f"echo 'Changed for the cached rebuild.' >> {changed}"]
    cached = [*ours, "build", "-s", root / "cached.py", "-o", out_cached]
    row |= hyperfine("cached", cached, root, runs, warmup=1, prepare=change)
    row |= scan_throughput(root, out_ours, runs)
    row["output_files"] = sum(len(files) for _dir, _dirs, files in os.walk(out_ours))
    row["output_mb"] = sum(p.stat().st_size for p in out_ours.rglob("*") if p.is_file()) / 1e6
    row["build_over_bare"] = row["build_s"] / row["bare_s"]
    row["build_over_bare_cpu"] = row["build_cpu_s"] / row["bare_cpu_s"]
    row["check_share"] = row["check_s"] / row["build_s"]
    row["check_share_cpu"] = row["check_cpu_s"] / row["build_cpu_s"]
    row["cached_over_bare"] = row["cached_s"] / row["bare_s"]
    row["rss_build_over_bare"] = row["build_rss_mb"] / row["bare_rss_mb"]
    row["scan_over_grep"] = row["scan_mb_s"] / row["grep_mb_s"]
    log("  " + ", ".join(f"{k} {row[f'{k}_s']:.2f} s" for k, _ in STEPS))
    return row


def markdown_table(rows, columns):
    lines = ["| " + " | ".join(title for _key, title, _form in columns) + " |"]
    lines.append("|" + "---:|" * len(columns))
    for row in rows:
        lines.append("| " + " | ".join(form.format(row[key]) for key, _t, form in columns) + " |")
    return "\n".join(lines)


def report(rows, meta, extras=None):
    lines = ["# make bench", "", meta, ""]
    for columns in TABLES:
        lines += [markdown_table(rows, columns), ""]
    if extras:
        lines += [markdown_table([extras], EXTRA_TABLE), ""]
    lines.append(
        "(a) `pelican`, simple theme, no plugins; (b) `python -m commands build`; (c) `python "
        "-m commands check` on (b)'s output; (d) (b) with CACHE_CONTENT and LOAD_CONTENT_CACHE "
        "after one article changed. Wall: hyperfine's median; CPU: its mean user + system. "
        "RSS: the largest process of any run. scan: the guard's Scanner in-process, best CPU "
        "time; grep: `grep -F -i -r -f values.txt`, CPU, over the same files and values. "
        "(e) (b) with PDFs and 12 MP phone photos added, cold (no cache) and warm; "
        "(f) (b) with the content committed to git."
    )
    return "\n".join(lines) + "\n"


def write_csv(rows, path):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(
            {k: f"{v:.4f}" if isinstance(v, float) else v for k, v in row.items()} for row in rows
        )


def write_plot(rows, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [row["articles"] for row in rows]
    figure, axes = plt.subplots(1, 3, figsize=(15, 4.4))
    panels = (("_s", "median wall time (s)"), ("_cpu_s", "mean CPU time (s)"))
    for axis, (suffix, label) in zip(axes, (*panels, ("_rss_mb", "peak RSS (MB)")), strict=True):
        for kind, name in STEPS:
            axis.plot(sizes, [row[kind + suffix] for row in rows], marker="o", label=name)
        axis.set(xlabel="articles", ylabel=label, xscale="log")
        axis.set_xticks(sizes, labels=[str(n) for n in sizes])
        axis.minorticks_off()
        axis.grid(alpha=0.3)
        axis.legend(fontsize="small")
    figure.suptitle("Our build against bare Pelican on the same content")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default=os.environ.get("BENCH_SIZES") or "100,1000",
        help="comma-separated article counts (env BENCH_SIZES)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=int(os.environ.get("BENCH_RUNS") or 0),
        help="hyperfine runs per command (env BENCH_RUNS; default 3, 2 from 1,000 articles)",
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=REPO / "output-bench")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument(
        "--extras", action="store_true",
        help="at the largest size also time 50 PDFs, 20 phone photos and the content in git",
    )  # fmt: skip
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1 or args.runs < 0:
        parser.error("--sizes needs positive article counts, and --runs 1 or more (0: the default)")
    if not shutil.which("hyperfine"):
        raise SystemExit(NEEDS_HYPERFINE)
    started = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        # 2 runs at 1,000 articles and more keep `make bench` under 10 minutes on 2 cores.
        runs = {n: args.runs or (2 if n >= LARGE else 3) for n in sizes}
        rows = [
            bench_size(n, args.seed, runs[n], work, lambda m: print(m, flush=True)) for n in sizes
        ]
        extras = None
        if args.extras:
            largest = max(sizes)
            extras = bench_extras(largest, args.seed, runs[largest], work, print)
            base = next(row for row in rows if row["articles"] == largest)
            extras["git_over_build"] = extras["build_git_s"] / base["build_s"]
            extras["git_over_build_cpu"] = extras["build_git_cpu_s"] / base["build_cpu_s"]
        for report_file in work.glob("*/hyperfine-*.json"):
            shutil.copy(report_file, args.out / f"{report_file.parent.name}-{report_file.name}")
    finally:
        if args.keep:
            print(f"sites kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    import pelican

    version = subprocess.run(["hyperfine", "--version"], capture_output=True, text=True).stdout
    meta = (
        f"Pelican {pelican.__version__}, Python {sys.version.split()[0]}, {version.strip()}, "
        f"{os.cpu_count()} CPUs; seed {args.seed}; "
        f"total {time.perf_counter() - started:.0f} s."
    )
    write_csv(rows, args.out / "results.csv")
    write_plot(rows, args.out / "bench.png")
    text = report(rows, meta, extras)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    print(f"\n{text}\nWritten: {args.out}/results.md, results.csv, bench.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
