"""Threemilestone policies plugin: policies as content (pages, an index, review dates),
`{policy}slug` links, and the check that every page links every required policy."""

from pelican import signals

from . import plugin, toc


def register():
    """Connect the plugin to Pelican's signals (nothing else happens at import)."""
    signals.initialized.connect(plugin.configure)
    signals.readers_init.connect(toc.use_toc_reader)
    signals.get_generators.connect(plugin.start_run)
    signals.content_object_init.connect(plugin.prepare_content)
    signals.all_generators_finalized.connect(plugin.link_policies)
    signals.finalized.connect(plugin.check_links)
