"""The authoring checks' part in each Pelican run, signal by signal."""

from sitebase import run as site_run
from sitebase.problems import fail, report
from sitebase.settings import apply_defaults

from . import outputs
from .fees import fees_page_problems, fees_problems
from .markup import unsafe_markup_problems
from .preflight import Preflight
from .settings import DEFAULTS, settings_problems
from .tappable import TappableContactsExtension


def configure(pelican):
    """`initialized`: the defaults, one line for each wrong setting; phone numbers and
    e-mail addresses in every Markdown page made links."""
    problems = settings_problems(apply_defaults(pelican.settings, DEFAULTS))
    if pelican.settings.get("FEES") is not None:
        problems += fees_problems(pelican.settings["FEES"])
    if problems:
        fail(problems)
    extensions = pelican.settings["MARKDOWN"].setdefault("extensions", [])
    if not any(isinstance(e, TappableContactsExtension) for e in extensions):
        extensions.append(TappableContactsExtension())


def check_sources(pelican):
    """`get_generators`: every source checked before Pelican reads it."""
    settings = pelican.settings
    sources = Preflight(settings).walk(site_run.of(settings).sources)
    report(sources.warnings)
    if sources.problems:
        fail(sources.problems)


def check_contents(generators):
    """`all_generators_finalized`: what Pelican made of the sources, before it writes."""
    settings = generators[0].settings
    allowed_embeds = settings["ALLOWED_EMBEDS"]
    problems = []
    for content in outputs.every_content(generators):
        problems += unsafe_markup_problems(content, allowed_embeds)
        problems += outputs.unnamed_group_problems(content)
    problems += fees_page_problems(outputs.every_content(generators), settings.get("FEES"))
    problems += outputs.collision_problems(outputs.planned_outputs(generators, settings))
    if problems:
        fail(problems)
