"""Threemilestone policies plugin: policies as content (pages, an index, review dates),
`{policy}slug` links, and the check that every page links every required policy."""


def register():
    """Connect the plugin to Pelican's signals (nothing else happens at import)."""
    from pelican import signals

    from . import plugin, toc

    signals.initialized.connect(plugin.configure)
    signals.readers_init.connect(toc.use_toc_reader)
    signals.get_generators.connect(plugin.start_run)
    signals.content_object_init.connect(plugin.prepare_content)
    signals.all_generators_finalized.connect(plugin.link_policies)


def output_checks():
    """The link check of the output (sitebase.checks): every internal link works and
    every page links every required policy."""
    from sitebase.checks import OutputCheck

    from .checks import link_check

    return [OutputCheck("links", link_check, stage=1)]
