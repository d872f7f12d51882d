"""Checks on what staff write, each problem one plain line: the Markdown sources before
Pelican reads them (headers, dates, slugs, placeholders), then what Pelican made of them
(scripts and frames, tags without a name, two things writing one file)."""


def register():
    """Connect the checks to Pelican's signals (nothing else happens at import)."""
    from pelican import signals

    from . import plugin

    signals.initialized.connect(plugin.configure)
    signals.get_generators.connect(plugin.check_sources)
    signals.all_generators_finalized.connect(plugin.check_contents)
