#!/usr/bin/env python3
"""`make bench`: what our plugin and theme cost, against bare Pelican on the same content.

For each size it generates a synthetic site (N news articles in realistic Markdown,
the real pages and policies, a content/private/watchlist.md) deterministically from a
seed, in a temp dir, then times in fresh subprocesses, several times each:

  (a) bare Pelican: the same Pelican, its `simple` theme, PLUGINS = [], the `pelican` CLI
  (b) our full build: `python -m commands build` with our theme and plugin (`make html`)
  (c) our checks alone on (b)'s output: `python -m commands check` (`make check`)
  (d) a cached rebuild (CACHE_CONTENT, LOAD_CONTENT_CACHE) after changing one article

and, in-process, the scan alone (MB/s) next to `grep -F -i -r -f values.txt` over the
same output. Times are medians (wall, and CPU = user + system, which a busy machine
disturbs less); peak memory is each child's own max RSS (wait4). If the run would take
longer than BENCH_BUDGET seconds (default 480), the larger sizes get fewer repetitions.
Results go to output-bench/ (results.md, results.csv, samples.json, bench.png).

    scripts/bench.py                          # 100, 1000, 3000 articles, 3 repetitions
    scripts/bench.py --sizes 100,300 --repeat 1
    BENCH_SIZES=100,300 BENCH_REPEAT=1 make bench
"""

import argparse
import csv
import datetime
import io
import itertools
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Another copy of the plugin (a git worktree, say) can be measured against the same content.
PLUGINS = Path(os.environ.get("BENCH_PLUGINS") or REPO / "plugins").resolve()
DEFAULT_SIZES = "100,1000,3000"
DEFAULT_REPEAT = 3
# Above this many articles, repeat at most this often (keeps `make bench` under 10 minutes).
LARGE_SIZE, LARGE_REPEAT = 2000, 2
# `make bench` must finish in 10 minutes on a 2-core machine, venv creation aside.
DEFAULT_BUDGET = 480
SEED = 20260901

# ---------------------------------------------------------------------------------------
# The synthetic site
# ---------------------------------------------------------------------------------------

CATEGORIES = [
    "News",
    "Events",
    "Learning",
    "Outdoor play",
    "Fundraising",
    "Parents",
    "Term dates",
    "Our setting",
]
TAGS = [
    "autumn term",
    "spring term",
    "summer term",
    "outdoor learning",
    "nature",
    "music",
    "stories",
    "cooking",
    "art",
    "sports day",
    "visits",
    "sensory play",
    "phonics",
    "counting",
    "healthy eating",
    "forest school",
    "christmas",
    "easter",
    "harvest",
    "fundraising",
    "committee",
    "trips",
    "garden",
    "water play",
    "dance",
    "science",
    "festivals",
    "community",
    "library",
    "moving to school",
    "settling in",
    "wellbeing",
    "road safety",
    "dentist visit",
    "minibeasts",
    "pets",
    "colours",
    "shapes",
    "weather",
    "building",
]
SUBJECTS = [
    "the children",
    "our pre-school",
    "the older group",
    "the little ones",
    "everyone",
    "our team",
    "the families",
    "our visitors",
    "the committee",
]
VERBS = [
    "explored",
    "planted",
    "painted",
    "built",
    "counted",
    "sang about",
    "talked about",
    "looked for",
    "made",
    "shared",
    "collected",
    "tasted",
    "sorted",
    "read about",
    "danced to",
    "measured",
    "listened to",
    "drew",
    "practised",
    "celebrated",
]
OBJECTS = [
    "leaves and conkers",
    "sunflower seeds",
    "a bug hotel",
    "the rain gauge",
    "shapes in the garden",
    "our favourite stories",
    "rhyming songs",
    "bread rolls",
    "colourful collages",
    "the vegetable patch",
    "tall towers of blocks",
    "puddles and mud",
    "the class caterpillars",
    "musical instruments",
    "numbers to twenty",
    "the weather chart",
    "a busy role-play cafe",
    "paper lanterns",
    "the new climbing frame",
    "fruit kebabs",
]
ENDINGS = [
    "with lots of laughter",
    "before snack time",
    "in the sunshine",
    "during our morning session",
    "as part of our topic",
    "with great care",
    "together as a group",
    "all week",
    "with help from parents",
    "outside",
]
HEADINGS = [
    "What we did",
    "What we learnt",
    "Try it at home",
    "Thank you",
    "Dates for your diary",
    "A note for parents",
    "Back at pre-school",
    "Next week",
    "Photos",
    "How you can help",
]
TITLE_WORDS = [
    "Autumn",
    "Spring",
    "Summer",
    "Winter",
    "Garden",
    "Music",
    "Story",
    "Forest",
    "Harvest",
    "Sports",
    "Baking",
    "Art",
    "Science",
    "Nature",
    "Festival",
    "Library",
    "Dance",
    "Puppet",
    "Rainy",
    "Sunny",
]
TITLE_NOUNS = [
    "week",
    "day",
    "morning",
    "adventure",
    "fun",
    "project",
    "visit",
    "celebration",
    "update",
    "news",
]
LINKS = [
    "https://www.gov.uk/early-years-foundation-stage",
    "https://www.nhs.uk/start-for-life/",
    "https://www.cornwall.gov.uk/",
    "https://www.booktrust.org.uk/",
    "https://www.rspb.org.uk/",
]
# Confidential values are built from these invented syllables and first names only, so
# no value can appear by chance in the public text, which never uses them.
FIRST_NAMES = [
    "Amelia",
    "Oliver",
    "Isla",
    "Noah",
    "Ava",
    "Leo",
    "Freya",
    "Arlo",
    "Ivy",
    "Theo",
    "Rosie",
    "Jack",
    "Poppy",
    "Alfie",
    "Elsie",
    "Finley",
]
SYLLABLES = [
    "zor",
    "vex",
    "quil",
    "thar",
    "brix",
    "mol",
    "dray",
    "kesh",
    "vun",
    "prax",
    "yel",
    "jor",
    "wix",
    "gral",
    "fen",
    "osk",
]
NOTES = [
    "follow up with the parents of {name} about {word} allergy plan",
    "photo consent for {name} withdrawn; ask {word} before sharing",
    "{name} collected by {word} on Tuesdays only",
    "invoice query from the family of {name} ({word})",
    "speak to {name}'s key person about the {word} referral",
]


def invented(index):
    """A made-up word, distinct for each index (base-16 in syllables)."""
    word = ""
    while True:
        index, digit = divmod(index, len(SYLLABLES))
        word += SYLLABLES[digit]
        if index == 0:
            return word.capitalize()
        index -= 1


class Secrets:
    """Distinct confidential values; none of them can occur in the public text."""

    def __init__(self, rng):
        self.rng = rng
        self.count = 0

    def word(self):
        self.count += 1
        return invented(self.count * 7 + 300)

    def name(self):
        return f"{self.rng.choice(FIRST_NAMES)} {self.word()}"

    def note(self):
        return self.rng.choice(NOTES).format(name=self.name(), word=self.word().lower())


def _sentence(rng):
    words = (rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(ENDINGS))
    text = " ".join(words) + "."
    return text[0].upper() + text[1:]


def _paragraph(rng, extra=""):
    sentences = [_sentence(rng) for _ in range(rng.randint(2, 5))]
    if extra:
        sentences.insert(rng.randint(0, len(sentences)), extra)
    return " ".join(sentences)


@dataclass
class Article:
    slug: str
    path: str
    text: str
    field_values: list = field(default_factory=list)


def make_article(rng, secrets, index, day, slugs, images):
    """One news article: header, headings, lists, links, images, confidential parts."""
    title = f"{rng.choice(TITLE_WORDS)} {rng.choice(TITLE_NOUNS)} {index}"
    slug = f"{title.lower().replace(' ', '-')}"
    year = day.year
    date = f"{day.isoformat()} {rng.randint(8, 17):02d}:00"
    header = [
        f"Title: {title}",
        f"Date: {date}",
        f"Category: {rng.choice(CATEGORIES)}",
        f"Tags: {', '.join(rng.sample(TAGS, rng.randint(1, 4)))}",
        f"Slug: {slug}",
    ]
    if rng.random() < 0.5:
        header.append(f"Summary: {_sentence(rng)}")
    field_values = []
    for key, chance, make in (
        ("Internal_Notes", 0.5, secrets.note),
        ("Child_Name", 0.25, secrets.name),
        ("Staff_Contact", 0.1, lambda: f"{secrets.word().lower()}@staff.invalid"),
        ("Complaint_Reference", 0.05, lambda: f"CR-{year}-{secrets.word().upper()}"),
    ):
        if rng.random() < chance:
            value = make()
            header.append(f"{key}: {value}")
            field_values.append(value)
    body = [_paragraph(rng)]
    label = rng.choice(["more information", "this guide", "their website"])
    link = f"[{label}]({rng.choice(LINKS)})"
    for section in range(rng.randint(2, 4)):
        body += ["", f"## {rng.choice(HEADINGS)}", ""]
        kind = (index + section) % 4
        if kind == 0:
            body.append(_paragraph(rng, f"There is **{link}** if you want to *find out more*."))
        elif kind == 1:
            body += [f"- {rng.choice(OBJECTS)}" for _ in range(rng.randint(3, 6))]
        elif kind == 2:
            body += [f"{n}. {_sentence(rng)}" for n in range(1, rng.randint(3, 5))]
        else:
            image = rng.choice(images)
            body += [f"![{_sentence(rng)[:-1]}]({{static}}/images/{image})", "", _paragraph(rng)]
    if slugs and rng.random() < 0.3:
        body += ["", f"Read our [earlier news]({{filename}}/news/{rng.choice(slugs)}.md) too."]
    if rng.random() < 0.15:
        policy = rng.choice(["complaints", "social-media"])
        body += ["", f"Our [{policy.replace('-', ' ')} policy]({{policy}}{policy}) explains more."]
    if rng.random() < 0.3:
        hidden = [secrets.note() for _ in range(rng.randint(1, 3))]
        body += ["", "::: confidential", *hidden, ":::"]
    if rng.random() < 0.1:
        body += ["", "<!-- staff: check the photo consent list before sharing -->"]
    body += ["", _paragraph(rng)]
    text = "\n".join(header) + "\n\n" + "\n".join(body) + "\n"
    return Article(slug, f"news/{slug}.md", text, field_values)


def make_image(path, rng, number):
    """A small JPEG carrying EXIF (camera, date), as a phone photo would."""
    from PIL import Image

    image = Image.new("RGB", (160, 120), tuple(rng.randint(0, 255) for _ in range(3)))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0132] = f"2025:05:{1 + number % 28:02d} 10:00:00"  # DateTime
    image.save(path, "JPEG", quality=80, exif=exif.tobytes())


@dataclass
class SyntheticSite:
    root: Path
    articles: list
    watchlist: list

    @property
    def content(self):
        return self.root / "content"


def make_site(root, count, seed, bare_theme="simple"):
    """A synthetic site of `count` articles plus the real pages and policies."""
    rng = random.Random(f"{seed}:{count}")
    secrets = Secrets(rng)
    content = root / "content"
    for name in ("pages", "policies", "images", "extra"):
        shutil.copytree(REPO / "content" / name, content / name)
    images = ["autumn-walk.jpg", "logo.svg"]
    for number in range(max(2, count // 20)):
        name = f"photo-{number:04d}.jpg"
        make_image(content / "images" / name, rng, number)
        images.append(name)
    articles, slugs = [], []
    first_day = datetime.date(2018, 1, 1)
    for index in range(1, count + 1):
        day = first_day + datetime.timedelta(days=index * 3000 // count)
        article = make_article(rng, secrets, index, day, slugs, images)
        (content / article.path).parent.mkdir(parents=True, exist_ok=True)
        (content / article.path).write_text(article.text, encoding="utf-8")
        articles.append(article)
        slugs.append(article.slug)
    watchlist = []
    lines = ["# Staff only: never published", ""]
    for number in range(50):
        if number % 3 == 0:
            value = secrets.name()
            lines.append(f"- {value}")
        elif number % 3 == 1:
            value = f"{secrets.name()} (no photos)"
            lines.append(f"- Photo consent withdrawn: {value}")
        else:
            value = f"07700 900{number:03d}"
            lines.append(f"- Emergency contact for {secrets.name()}: {value}")
        watchlist.append(value)
    (content / "private").mkdir(parents=True, exist_ok=True)
    (content / "private" / "watchlist.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_settings(root, bare_theme)
    return SyntheticSite(root, articles, watchlist)


def write_settings(root, bare_theme="simple"):
    """ours.py (what `make html` uses), cached.py (caching on), bare.py (no theme, no plugin)."""
    common = [
        "import sys",
        f"sys.path.insert(0, {str(REPO)!r})",
        "import pelicanconf as _site",
        "globals().update({k: v for k, v in vars(_site).items() if k.isupper()})",
        f"PATH = {str(root / 'content')!r}",
        f"CACHE_PATH = {str(root / 'cache')!r}",
    ]
    ours = [*common, f"THEME = {str(REPO / 'theme')!r}", f"PLUGIN_PATHS = [{str(PLUGINS)!r}]"]
    (root / "ours.py").write_text("\n".join(ours) + "\n", encoding="utf-8")
    cached = [*ours, "CACHE_CONTENT = True", "LOAD_CONTENT_CACHE = True"]
    (root / "cached.py").write_text("\n".join(cached) + "\n", encoding="utf-8")
    # Pelican's `simple` theme, named: with no THEME at all, Pelican 4.12 uses notmyidea.
    # Pelican's own list pages: the simple theme has no news.html, and paginates index.
    bare = [*common, f"THEME = {bare_theme!r}", "PLUGINS = []", "PLUGIN_PATHS = []",
            "from pelican.settings import DEFAULT_CONFIG as _pelican",
            "DIRECT_TEMPLATES = _pelican['DIRECT_TEMPLATES']",
            "PAGINATED_TEMPLATES = _pelican['PAGINATED_TEMPLATES']"]  # fmt: skip
    (root / "bare.py").write_text("\n".join(bare) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------


@dataclass
class Sample:
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the process: steadier on a busy machine
    peak_rss_mb: float  # the process's own peak resident set size
    returncode: int


def _env():
    return {**os.environ, "PYTHONPATH": str(PLUGINS), "PYTHONDONTWRITEBYTECODE": "1"}


def run_measured(command, cwd, log_path):
    """Run one command in a fresh process: wall time, CPU time and that process's peak RSS."""
    with open(log_path, "wb") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=_env(), stdout=log, stderr=log)
        # wait4 reports this child's own rusage (RUSAGE_CHILDREN would keep a running max).
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(seconds, cpu, usage.ru_maxrss * scale / 2**20, process.returncode)


def _require_success(sample, what, log_path):
    if sample.returncode != 0:
        tail = Path(log_path).read_text(errors="replace").splitlines()[-15:]
        raise SystemExit(f"bench: {what} failed (exit {sample.returncode}):\n" + "\n".join(tail))


def policies_command(kind, settings, output):
    """What `make html` / `make check` run."""
    return [sys.executable, "-m", "commands", kind, "-s", str(settings), "-o", str(output)]


def bare_command(site, output):
    """The plain `pelican` command line."""
    script = Path(sys.executable).with_name("pelican")
    pelican = [str(script)] if script.exists() else [sys.executable, "-m", "pelican"]
    return [*pelican, str(site.content), "-s", str(site.root / "bare.py"), "-o", str(output)]


def change_article(site, article, note):
    """Modify one article's text (and so its mtime) for a cached rebuild."""
    path = site.content / article.path
    path.write_text(article.text + f"\n{note}\n", encoding="utf-8")
    stamp = time.time() + 1  # a new mtime even on a coarse clock
    os.utime(path, (stamp, stamp))


def verify_cached_leak(site, logs):
    """A cached rebuild must still find a leak: plant another article's confidential field
    (that article unchanged, so read from the cache) in the changed article."""
    changed = site.articles[-1]
    donor = next(a for a in site.articles[:-1] if a.field_values)
    secret = donor.field_values[0]
    output = site.root / "out-cached"
    change_article(site, changed, f"A note: {secret}.")
    log_path = logs / "cached-leak.log"
    sample = run_measured(
        policies_command("build", site.root / "cached.py", output), site.root, log_path
    )
    log = log_path.read_text(errors="replace")
    result = {
        "exit": sample.returncode,
        "leak_reported": "value #" in log and donor.path in log,
        "value_printed": secret in log,
        "output_removed": not output.exists(),
    }
    result["ok"] = (
        result["exit"] != 0
        and result["leak_reported"]
        and not result["value_printed"]
        and result["output_removed"]
    )
    change_article(site, changed, "")
    return result


def cpu_seconds():
    """CPU seconds of this process and of its finished child processes."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def scan_worker(settings_path, output, repeat):
    """In a fresh process: CPU seconds of the scan alone and of run_checks, over an output."""
    sys.path.insert(0, str(PLUGINS))
    from commands.runner import load_settings
    from guard import checks, watched
    from guard.scan import Scanner, output_files

    settings = load_settings(str(settings_path), override={"OUTPUT_PATH": output})
    start = time.process_time()
    values, problems = watched.collect(settings)
    collect_seconds = time.process_time() - start
    names = {path: os.path.relpath(path, output) for path in output_files(output)}
    files = [(path, Path(path).read_bytes()) for path in names]
    contacts = checks.public_contacts(settings)
    scan_times, check_times, findings = [], [], 0
    for _ in range(repeat):
        start = time.process_time()
        scanner = Scanner(values, contacts, settings["CONFIDENTIAL_MIN_LENGTH"])
        for path, data in files:
            findings += len(scanner.scan_file(path, data, names[path]))
        scan_times.append(time.process_time() - start)
        start = cpu_seconds()  # run_checks may fork workers: count their CPU too
        findings += len(checks.leak_findings(output, settings, values))
        check_times.append(cpu_seconds() - start)
    result = {
        "files": len(files),
        "mb": sum(len(data) for _path, data in files) / 1e6,
        "values": scanner.value_count,
        "collect_s": collect_seconds,
        "scan_s": statistics.median(scan_times),
        "run_checks_s": statistics.median(check_times),
        "findings": findings,
        "problems": len(problems),
    }
    print(json.dumps(result))


def measure_scan(site, output, repeat, values_path, logs):
    """The scan's MB/s in-process, and grep -F -i over the same output with the same values."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--scan-worker",
        str(site.root / "ours.py"),
        str(output),
        str(repeat),
    ]
    done = subprocess.run(command, env=_env(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench: the scan worker failed:\n{done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["findings"] or result["problems"]:
        raise SystemExit("bench: the in-process checks found problems in a passing build")
    grep = shutil.which("grep")
    if grep:
        samples = [
            run_measured(
                [grep, "-F", "-i", "-r", "-c", "-f", str(values_path), str(output)],
                site.root,
                logs / "grep.log",
            )
            for _ in range(repeat)
        ]
        result["grep_s"] = statistics.median(s.cpu_seconds for s in samples)
        result["grep_wall_s"] = statistics.median(s.seconds for s in samples)
    return result


def write_values(site, path):
    """Every watched value, one a line, for grep (the same values the scan looks for)."""
    sys.path.insert(0, str(PLUGINS))
    from guard import watched
    from guard.settings import DEFAULTS

    settings = {**DEFAULTS, "PATH": str(site.content)}
    found, _problems = watched.collect(settings)
    values = sorted({item.value for item in found})
    path.write_text("\n".join(values) + "\n", encoding="utf-8")
    return len(values)


def folder_size(path):
    total = count = 0
    for dirpath, _dirnames, filenames in os.walk(path):
        for name in filenames:
            total += os.path.getsize(os.path.join(dirpath, name))
            count += 1
    return total, count


def _timed(samples, kind, command, cwd, log_path, what):
    sample = run_measured(command, cwd, log_path)
    _require_success(sample, what, log_path)
    samples[kind].append(sample)
    return sample


def bench_size(count, repeat, seed, work, log, bare_theme):
    """Every measurement for one size: a row of results, the raw samples, the site."""
    root = work / f"site-{count}"
    root.mkdir()
    logs = root / "logs"
    logs.mkdir()
    start = time.perf_counter()
    site = make_site(root, count, seed, bare_theme)
    log(f"  generated {count} articles in {time.perf_counter() - start:.1f} s")
    samples = {"bare": [], "build": [], "check": [], "cached": []}
    out_bare, out_ours, out_cached = root / "out-bare", root / "out-ours", root / "out-cached"
    for rep in range(repeat):
        # (a), (b), (c) interleaved, so that a busy spell on the machine hits all of them.
        shutil.rmtree(out_bare, ignore_errors=True)
        _timed(
            samples,
            "bare",
            bare_command(site, out_bare),
            root,
            logs / f"bare-{rep}.log",
            f"(a) bare Pelican at {count} articles",
        )
        shutil.rmtree(out_ours, ignore_errors=True)
        _timed(
            samples,
            "build",
            policies_command("build", root / "ours.py", out_ours),
            root,
            logs / f"build-{rep}.log",
            f"(b) our build at {count} articles",
        )
        _timed(
            samples,
            "check",
            policies_command("check", root / "ours.py", out_ours),
            root,
            logs / f"check-{rep}.log",
            f"(c) make check at {count} articles",
        )
        a, b, c = (samples[k][-1] for k in ("bare", "build", "check"))
        log(
            f"  rep {rep + 1}/{repeat}: (a) {a.seconds:.2f} s, (b) {b.seconds:.2f} s, "
            f"(c) {c.seconds:.2f} s wall; CPU {a.cpu_seconds:.2f} / {b.cpu_seconds:.2f} / "
            f"{c.cpu_seconds:.2f} s"
        )
    cached = policies_command("build", root / "cached.py", out_cached)
    warm = run_measured(cached, root, logs / "cached-warm.log")
    _require_success(warm, f"(d) cache warm-up at {count} articles", logs / "cached-warm.log")
    changed = site.articles[-1]
    changed_page = out_cached / "news" / changed.slug / "index.html"
    cached_ok = True
    for rep in range(repeat):
        marker = f"Changed for cached rebuild {rep}."
        change_article(site, changed, marker)
        _timed(
            samples,
            "cached",
            cached,
            root,
            logs / f"cached-{rep}.log",
            f"(d) cached rebuild at {count} articles",
        )
        cached_ok = cached_ok and marker in changed_page.read_text(encoding="utf-8")
    log(
        f"  (d) cached rebuilds: {', '.join(f'{s.seconds:.2f} s' for s in samples['cached'])}; "
        f"change visible in output: {cached_ok}"
    )
    values_path = root / "values.txt"
    write_values(site, values_path)
    scan = measure_scan(
        site, out_ours, min(repeat, 1 if count > LARGE_SIZE else 2), values_path, logs
    )
    log(
        f"  scan {scan['mb']:.1f} MB in {scan['scan_s']:.2f} s CPU; "
        f"run_checks {scan['run_checks_s']:.2f} s; grep {scan.get('grep_s', 0):.2f} s"
    )
    output_bytes, files = folder_size(out_ours)
    row = {
        "articles": count,
        "output_files": files,
        "output_mb": output_bytes / 1e6,
        "source_mb": folder_size(site.content)[0] / 1e6,
        "repeat": repeat,
    }
    for kind, taken in samples.items():
        row[f"{kind}_s"] = statistics.median(s.seconds for s in taken)
        row[f"{kind}_cpu_s"] = statistics.median(s.cpu_seconds for s in taken)
        row[f"{kind}_rss_mb"] = max(s.peak_rss_mb for s in taken)
    row["build_over_bare"] = row["build_s"] / row["bare_s"]
    row["build_over_bare_cpu"] = row["build_cpu_s"] / row["bare_cpu_s"]
    row["check_over_build"] = row["check_s"] / row["build_s"]
    row["check_over_build_cpu"] = row["check_cpu_s"] / row["build_cpu_s"]
    row["rss_build_over_bare"] = row["build_rss_mb"] / row["bare_rss_mb"]
    row["cached_change_seen"] = cached_ok
    row["watched_values"] = scan["values"]
    row["collect_s"] = scan["collect_s"]
    row["scan_mb"] = scan["mb"]
    row["scan_s"] = scan["scan_s"]
    row["scan_mb_s"] = scan["mb"] / scan["scan_s"]
    row["run_checks_s"] = scan["run_checks_s"]
    row["run_checks_mb_s"] = scan["mb"] / scan["run_checks_s"]
    if "grep_s" in scan:
        row["grep_s"] = scan["grep_s"]
        row["grep_mb_s"] = scan["mb"] / max(scan["grep_s"], 1e-3)
    raw = {kind: [asdict(s) for s in taken] for kind, taken in samples.items()}
    return site, row, raw


# ---------------------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------------------

TIME_COLUMNS = [
    ("articles", "articles", "{:d}"),
    ("repeat", "runs", "{:d}"),
    ("output_files", "output files", "{:d}"),
    ("output_mb", "output MB", "{:.1f}"),
    ("bare_s", "(a) bare s", "{:.2f}"),
    ("build_s", "(b) ours s", "{:.2f}"),
    ("build_over_bare", "(b)/(a)", "{:.2f}x"),
    ("build_over_bare_cpu", "(b)/(a) CPU", "{:.2f}x"),
    ("check_s", "(c) check s", "{:.2f}"),
    ("check_over_build", "(c)/(b)", "{:.0%}"),
    ("check_over_build_cpu", "(c)/(b) CPU", "{:.0%}"),
    ("cached_s", "(d) cached s", "{:.2f}"),
]
MEMORY_COLUMNS = [
    ("articles", "articles", "{:d}"),
    ("bare_rss_mb", "(a) RSS MB", "{:.0f}"),
    ("build_rss_mb", "(b) RSS MB", "{:.0f}"),
    ("rss_build_over_bare", "(b)/(a) RSS", "{:.2f}x"),
    ("check_rss_mb", "(c) RSS MB", "{:.0f}"),
    ("cached_rss_mb", "(d) RSS MB", "{:.0f}"),
    ("scan_mb", "scanned MB", "{:.1f}"),
    ("scan_s", "scan s", "{:.2f}"),
    ("scan_mb_s", "scan MB/s", "{:.1f}"),
    ("run_checks_s", "run_checks s", "{:.2f}"),
    ("grep_s", "grep s", "{:.2f}"),
    ("grep_mb_s", "grep MB/s", "{:.0f}"),
]
GROWTH = [
    ("bare_cpu_s", "(a) bare"),
    ("build_cpu_s", "(b) ours"),
    ("check_cpu_s", "(c) check"),
    ("cached_cpu_s", "(d) cached"),
    ("scan_s", "scan"),
    ("run_checks_s", "run_checks"),
    ("output_mb", "output MB (not s)"),
]
SUPERLINEAR = 1.5  # marginal cost per article growing by more than this: not linear


def _cell(row, key, form):
    value = row.get(key)
    return "n/a" if value is None else form.format(value)


def markdown_table(rows, columns):
    lines = [
        "| " + " | ".join(title for _k, title, _f in columns) + " |",
        "|" + "|".join("---:" for _ in columns) + "|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(_cell(row, k, f) for k, _t, f in columns) + " |")
    return "\n".join(lines)


def growth(rows):
    """Per step: ms per article at each size, marginal ms per article between sizes, and
    the log-log slope (1.0 = linear). CPU seconds: wall time is too noisy to fit."""
    result = []
    for key, title in GROWTH:
        points = [(r["articles"], r[key]) for r in rows if r.get(key)]
        marginal, slopes = [], []
        for (n1, t1), (n2, t2) in itertools.pairwise(points):
            marginal.append(1000 * (t2 - t1) / (n2 - n1))
            slopes.append(math.log(t2 / t1) / math.log(n2 / n1))
        superlinear = len(marginal) >= 2 and marginal[-1] > SUPERLINEAR * max(marginal[0], 1e-9)
        result.append(
            {
                "step": title,
                "key": key,
                "per_article_ms": [1000 * t / n for n, t in points],
                "marginal_ms": marginal,
                "log_log_slope": slopes,
                "superlinear": superlinear,
            }
        )
    return result


def growth_table(rows, grown):
    sizes = [r["articles"] for r in rows]
    spans = [f"{a}→{b}" for a, b in itertools.pairwise(sizes)]
    head = [
        "step (CPU)",
        *(f"ms/article @{n}" for n in sizes),
        *(f"marginal ms/article {s}" for s in spans),
        *(f"log-log slope {s}" for s in spans),
        "verdict",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for g in grown:
        if len(sizes) < 3:
            verdict = "needs 3 sizes"
        else:
            verdict = "FASTER THAN LINEAR" if g["superlinear"] else "linear"
        cells = [
            g["step"],
            *(f"{v:.2f}" for v in g["per_article_ms"]),
            *(f"{v:.2f}" for v in g["marginal_ms"]),
            *(f"{v:.2f}" for v in g["log_log_slope"]),
            verdict,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_csv(rows, path):
    keys = list(dict.fromkeys(k for row in rows for k in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=keys, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: (f"{v:.4f}" if isinstance(v, float) else v) for k, v in row.items()})
    path.write_text(buffer.getvalue(), encoding="utf-8")


def write_plot(rows, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["articles"] for r in rows]
    steps = (
        ("bare", "(a) bare Pelican"),
        ("build", "(b) our build"),
        ("check", "(c) make check"),
        ("cached", "(d) cached rebuild"),
    )
    figure, axes = plt.subplots(1, 3, figsize=(15, 4.4))
    for axis, suffix, label in (
        (axes[0], "_s", "median wall time (s)"),
        (axes[1], "_cpu_s", "median CPU time (s)"),
        (axes[2], "_rss_mb", "peak RSS (MB)"),
    ):
        for kind, name in steps:
            axis.plot(sizes, [r[kind + suffix] for r in rows], marker="o", label=name)
        axis.set(xlabel="articles", ylabel=label)
        axis.grid(alpha=0.3)
        axis.legend(fontsize="small")
    axes[0].set_title("Wall time")
    axes[1].set_title("CPU time (user + system)")
    axes[2].set_title("Peak memory")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def targets(rows, grown):
    """The issue's targets, at 1,000 articles (or the size nearest to it)."""
    row = min(rows, key=lambda r: abs(r["articles"] - 1000))
    n = row["articles"]
    linear = [g["step"] for g in grown if g["superlinear"]]
    return [
        (
            f"(b) ≤ 1.25 x (a) at {n} articles",
            row["build_over_bare"] <= 1.25,
            f"wall {row['build_over_bare']:.2f}x, CPU {row['build_over_bare_cpu']:.2f}x",
        ),
        (
            f"(c) < 10% of (b) at {n} articles",
            row["check_over_build"] < 0.10,
            f"wall {row['check_over_build']:.0%}, CPU {row['check_over_build_cpu']:.0%}",
        ),
        (
            f"peak RSS (b) ≤ 1.3 x (a) at {n} articles",
            row["rss_build_over_bare"] <= 1.3,
            f"{row['build_rss_mb']:.0f} / {row['bare_rss_mb']:.0f} MB = "
            f"{row['rss_build_over_bare']:.2f}x",
        ),
        (
            "no step grows faster than linearly",
            len(rows) >= 3 and not linear,
            "needs 3 sizes" if len(rows) < 3 else (", ".join(linear) or "all linear"),
        ),
    ]


def report(rows, grown, leak, seconds, meta):
    lines = [
        "# make bench",
        "",
        f"Pelican {meta['pelican']}, Python {meta['python']}, {meta['cpus']} CPUs; seed "
        f"{meta['seed']}; up to {meta['repeat']} repetitions per size (median times, largest "
        f"peak RSS); bare theme `{meta['bare_theme']}`; total {seconds:.0f} s.",
        "",
        "## Time",
        "",
        markdown_table(rows, TIME_COLUMNS),
        "",
        "## Memory and scan throughput",
        "",
        markdown_table(rows, MEMORY_COLUMNS),
        "",
        "## Growth with size",
        "",
        growth_table(rows, grown),
        "",
        "## Targets",
        "",
        *(
            f"- {'met' if ok else 'MISSED'}: {name} ({value})"
            for name, ok, value in targets(rows, grown)
        ),
        "",
        "## Cached rebuild still guards",
        "",
        f"- another article's confidential field planted in the changed article: {leak}",
        "- the change is in the rebuilt page: "
        + ", ".join(f"{r['articles']}: {r['cached_change_seen']}" for r in rows),
        "",
        "(a) `pelican` with Pelican's simple theme and no plugins; (b) `python -m commands "
        "build` (make html); (c) `python -m commands check` (make check) on (b)'s output; "
        "(d) (b) with CACHE_CONTENT and LOAD_CONTENT_CACHE, after changing one article. "
        "Each in a fresh process; RSS is that process's own peak (wait4). scan = the Scanner "
        "alone over every output file, in-process (files already read); run_checks = every "
        "check, reading included; grep = `grep -F -i -r -f values.txt` over the same output "
        "with the same values; scan, run_checks and grep in CPU seconds.",
    ]
    return "\n".join(lines) + "\n"


def _fit_budget(repeat, count, previous, elapsed, budget, log):
    """Fewer repetitions for this size if the planned number would overrun the budget.

    A size costs about (repetitions + 2) x its per-repetition time (warm-up, scan and
    generation are about two more), and grows in proportion to the articles."""
    last_count, last_repeat, last_seconds = previous
    per_repeat = last_seconds / (last_repeat + 2) * count / last_count
    fitted = repeat
    while fitted > 1 and elapsed + per_repeat * (fitted + 2) > budget:
        fitted -= 1
    if fitted < repeat:
        log(f"(budget {budget:.0f} s: {fitted} repetition(s) at {count} articles, not {repeat})")
    return fitted


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default=os.environ.get("BENCH_SIZES", DEFAULT_SIZES),
        help="comma-separated article counts (env BENCH_SIZES)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=int(os.environ.get("BENCH_REPEAT", DEFAULT_REPEAT)),
        help="repetitions per size (env BENCH_REPEAT)",
    )
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--budget",
        type=float,
        default=float(os.environ.get("BENCH_BUDGET", DEFAULT_BUDGET)),
        help="seconds the whole run should take at most (env BENCH_BUDGET)",
    )
    parser.add_argument("--out", type=Path, default=REPO / "output-bench")
    parser.add_argument(
        "--bare-theme",
        default="simple",
        help="theme of the bare build (Pelican's own default is notmyidea)",
    )
    parser.add_argument(
        "--plugins", type=Path, help="plugin folder to measure (default plugins/; BENCH_PLUGINS)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    parser.add_argument("--scan-worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scan_worker:
        settings, output, repeat = args.scan_worker
        scan_worker(settings, output, int(repeat))
        return 0
    if args.plugins:
        global PLUGINS  # one setting for the whole run, child processes included
        PLUGINS = args.plugins.resolve()
        os.environ["BENCH_PLUGINS"] = str(PLUGINS)
    sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    if not sizes or min(sizes) < 1 or args.repeat < 1:
        parser.error("--sizes needs positive article counts and --repeat at least 1")
    started = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)

    def log(message):
        print(message, flush=True)

    work = Path(tempfile.mkdtemp(prefix="bench-"))
    rows, raw, leak = [], {}, "not checked"
    try:
        previous = None  # (articles, repetitions, seconds) of the size before
        for count in sizes:
            repeat = min(args.repeat, LARGE_REPEAT) if count > LARGE_SIZE else args.repeat
            if previous:
                repeat = _fit_budget(
                    repeat, count, previous, time.perf_counter() - started, args.budget, log
                )
            log(f"{count} articles, {repeat} repetition(s):")
            size_started = time.perf_counter()
            site, row, samples = bench_size(count, repeat, args.seed, work, log, args.bare_theme)
            previous = (count, repeat, time.perf_counter() - size_started)
            rows.append(row)
            raw[count] = samples
            if count == sizes[0]:
                check = verify_cached_leak(site, site.root / "logs")
                leak = ("caught" if check["ok"] else "NOT CAUGHT") + (
                    f" (exit {check['exit']}; leak reported, naming its source: "
                    f"{check['leak_reported']}; value printed: {check['value_printed']}; "
                    f"output removed: {check['output_removed']})"
                )
                log(f"  cached rebuild with a planted leak: {leak}")
    finally:
        if args.keep:
            log(f"sites kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    seconds = time.perf_counter() - started
    import pelican

    meta = {
        "plugins": str(PLUGINS),
        "pelican": pelican.__version__,
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "seed": args.seed,
        "repeat": args.repeat,
        "bare_theme": args.bare_theme,
    }
    grown = growth(rows)
    write_csv(rows, args.out / "results.csv")
    (args.out / "samples.json").write_text(
        json.dumps(
            {
                "meta": meta,
                "rows": rows,
                "samples": raw,
                "growth": grown,
                "cached_leak": leak,
                "seconds": seconds,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    write_plot(rows, args.out / "bench.png")
    text = report(rows, grown, leak, seconds, meta)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    print()
    print(text)
    print(f"Written: {args.out}/results.md, results.csv, samples.json, bench.png")
    ok = leak.startswith("caught") and all(r["cached_change_seen"] for r in rows)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
