"""The photos plugin's part in each run.

`static_generator_finalized`: the photos are taken out of Pelican's static copying,
and their copies made (or found in the cache) before anything is written. While
pages are written (`content_written`) each photo's <img> becomes a <picture>; the
generator then writes every copy into the output (the guard's staging folder), so the
guard checks each one at `finalized`.
"""

import os
from concurrent.futures import ProcessPoolExecutor

from pelican.generators import Generator

from authoring.outputs import every_content
from guard.watchlist.private import PrivateCopies
from sitebase import run as site_run
from sitebase.problems import Problem, fail
from sitebase.settings import apply_defaults

from . import derive
from .describe import description_problems
from .markup import Published, responsive_page
from .settings import DEFAULTS, settings_problems


class PhotoRun:
    """This run's photos: reset at its start (autoreload runs many)."""

    def __init__(self):
        self.reset()

    def reset(self, output_path="", siteurl="", sizes=""):
        self.output_path, self.siteurl, self.sizes = output_path, siteurl, sizes
        self.photos = {}  # output-relative address -> Published
        self.files = []  # (cache file, output-relative path) to write


RUN = PhotoRun()


def configure(pelican):
    """`initialized`: the defaults, and one line for each wrong setting."""
    problems = settings_problems(apply_defaults(pelican.settings, DEFAULTS))
    if problems:
        fail(problems)


def start_run(pelican):
    """`get_generators`: a fresh run (the guard has pointed OUTPUT_PATH at its staging
    folder by now: it registered first); adds the writer of the copies."""
    settings = pelican.settings
    RUN.reset(settings["OUTPUT_PATH"], settings["SITEURL"], settings["PHOTO_SIZES"])
    return PhotoWriter


def take_photos(static_generator):
    """`static_generator_finalized`: every photo under PHOTO_PATHS is published only as
    copies; Pelican does not copy it. A HEIC's address becomes .jpg, so every link to
    it ({static}/images/x.heic) leads to a copy a browser can show."""
    settings = static_generator.settings
    RUN.output_path = settings["OUTPUT_PATH"]
    statics = static_generator.staticfiles
    # A {static} link to a photo that is not there is a broken link (told by the link
    # check, naming the page), not a photo to read.
    photos = [
        s
        for s in statics
        if _is_photo(s.relative_source_path, settings) and os.path.isfile(s.source_path)
    ]
    if not photos:
        return
    _refuse_private_copies(photos, settings)
    for static in photos:
        static_generator.staticfiles.remove(static)
    static_generator.context["staticfiles"] = static_generator.staticfiles
    recipe = derive.Recipe.from_settings(settings)
    made = _made_copies([s.source_path for s in photos], recipe, settings)
    problems = []
    for static, entry in zip(photos, made, strict=True):
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
        folder, copies = entry
        kind, suffix = derive.own_address_kind(os.path.splitext(static.source_path)[1], recipe)
        address = _moved(static, suffix)
        published = Published(address, copies)
        RUN.photos[address] = published
        largest = max((c for c in copies if c.kind == kind), key=lambda c: c.width)
        RUN.files.append((os.path.join(folder, largest.name), address, static.source_path))
        RUN.files += [
            (os.path.join(folder, c.name), published.copy_path(c), static.source_path)
            for c in copies
        ]
    problems += _collisions(static_generator.staticfiles)
    if problems:
        fail(problems)


def _refuse_private_copies(photos, settings):
    """A photo that is a copy of (or named after) a file in content/private stops the
    build, as the guard's output check would: the resized copies no longer have the
    private file's bytes, so it must be told here, from the source."""
    sources = [(s.source_path, s.save_as.replace(os.sep, "/")) for s in photos]
    findings = private_copy_findings(sources, settings, site_run.of(settings).private_files)
    if findings:
        fail(findings, "finding")


def private_copy_check(request):
    """The pipeline's photo check (sitebase.checks), from the photos' sources. In a build
    `take_photos` has told these already, before any copy was made."""
    private_files = request.run.private_files
    if not private_files:
        return []
    return private_copy_findings(photo_sources(request.settings), request.settings, private_files)


def private_copy_findings(sources, settings, private_files):
    """The guard's findings for photo sources, given as (path, published address)."""
    private = PrivateCopies(private_files, settings["CONFIDENTIAL_MIN_LENGTH"])
    findings = []
    for path, address in sources:
        with open(path, "rb") as handle:
            data = handle.read()
        published = settings.get("PUBLISHED_OUTPUT_PATH", settings["OUTPUT_PATH"])
        output = os.path.join(published, *address.split("/"))
        findings += private.findings(output, data, address)
    return findings


def photo_sources(settings):
    """(path, published address) of every photo under PHOTO_PATHS, for `make check`,
    which has no Pelican run: the address is the path under PATH (HEIC as .jpg)."""
    recipe = derive.Recipe.from_settings(settings)
    for folder in settings["PHOTO_PATHS"]:
        for root, _, names in os.walk(os.path.join(settings["PATH"], folder)):
            for name in sorted(names):
                path = os.path.join(root, name)
                relative = os.path.relpath(path, settings["PATH"]).replace(os.sep, "/")
                if _is_photo(relative, settings):
                    stem, suffix = os.path.splitext(relative)
                    yield path, stem + derive.own_address_kind(suffix, recipe)[1]


def _is_photo(relative, settings):
    relative = relative.replace(os.sep, "/")
    folders = [p.strip("/") + "/" for p in settings["PHOTO_PATHS"]]
    return relative.lower().endswith(derive.PHOTO_SUFFIXES) and relative.startswith(tuple(folders))


def _cache_dir(settings):
    return os.path.join(settings["CACHE_PATH"], "photos")


def _moved(static, suffix):
    """The photo's output address, with the suffix of what is published there."""
    save_as, url = static.save_as, static.url
    if not save_as.endswith(suffix):
        static.override_save_as = os.path.splitext(save_as)[0] + suffix
        static.override_url = os.path.splitext(url)[0] + suffix
    return static.save_as.replace(os.sep, "/")


def _made_copies(paths, recipe, settings):
    """Each photo's copies, or the Problem that it could not be read; the ones not in
    the cache are made in parallel (one process per core)."""
    derive.open_heif_too()  # before the workers start: they inherit the opener
    cache_dir = _cache_dir(settings)
    jobs = [(path, recipe, cache_dir) for path in paths]
    cached = [derive.cached(*job) for job in jobs]
    missing = [job for job, found in zip(jobs, cached, strict=True) if found is None]
    workers = min(len(missing), os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            made = iter(list(pool.map(_make_copies, missing)))
    else:
        made = iter([_make_copies(job) for job in missing])
    return [found if found is not None else next(made) for found in cached]


def _make_copies(job):
    path, recipe, cache_dir = job
    try:
        return derive.make(path, recipe, cache_dir)
    except Exception as error:  # noqa: BLE001 (a photo that cannot be read fails the build)
        return Problem(
            path,
            f"could not be read as a photo ({type(error).__name__}); open it and save it "
            "again as JPEG, or remove it",
        )


def _collisions(staticfiles):
    """Two photos (or a photo and another file) that would be published at one address."""
    owners = {s.save_as.replace(os.sep, "/"): s.source_path for s in staticfiles}
    problems = []
    for _, output, source in RUN.files:
        other = owners.setdefault(output, source)
        if other != source:
            problems.append(
                Problem(source, f"would be published as {output}, like {other}; rename one")
            )
    return problems


def check_descriptions(generators):
    """`all_generators_finalized`: every image in a published page is described."""
    decorative = generators[0].settings["PHOTO_DECORATIVE_CLASS"]
    problems = []
    for content in every_content(generators):
        if getattr(content, "status", "published") != "draft":
            problems += description_problems(content, decorative)
    if problems:
        fail(problems)


def page_written(path, context):
    """`content_written`: the page's photos made responsive, in the file just written."""
    del context  # the page is read back from its file
    if not RUN.photos or not path.endswith(".html"):
        return
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if "<img" not in text:
        return
    page = os.path.relpath(path, RUN.output_path).replace(os.sep, "/")
    text, changed = responsive_page(text, page, RUN.photos.get, RUN.siteurl, RUN.sizes)
    if changed:
        with open(path + ".photos", "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(path + ".photos", path)


class PhotoWriter(Generator):
    """Writes every photo's copies into the output, before the guard checks it."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        del writer  # copies, not templates
        for cached, output, _ in RUN.files:
            target = os.path.join(self.output_path, *output.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(cached, "rb") as source, open(target, "wb") as copy:
                copy.write(source.read())
