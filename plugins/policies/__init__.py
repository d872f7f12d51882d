"""Threemilestone policies plugin: policies as content, linked from every page,
and a guard that stops any confidential value reaching the public site."""

from pelican import signals

from . import build


def register():
    """Connect the plugin to Pelican's signals (nothing else happens at import)."""
    signals.initialized.connect(build.configure)
    signals.get_generators.connect(build.start_run)
    signals.content_object_init.connect(build.prepare_content)
    signals.all_generators_finalized.connect(build.link_policies)
    signals.finalized.connect(build.check_output)
