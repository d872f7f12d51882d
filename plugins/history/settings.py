"""The history plugin's settings, with their defaults."""

DEFAULTS = {
    # Folders under PATH whose documents have versions: a commit that changes `Version`
    # together with `Change_Note` is a major change, listed on the page.
    "HISTORY_VERSIONED_DIRS": ["policies"],
    # Where the sitemap is written (e.g. "sitemap.xml"); "" writes none.
    "SITEMAP_SAVE_AS": "",
}
