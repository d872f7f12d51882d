"""Settings for the public build (`make publish`): absolute URLs, feed, no drafts."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *

# The public address; `make publish` refuses while it is a TBC placeholder.
SITEURL = os.environ.get("SITEURL") or PUBLIC_SITEURL
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"

DELETE_OUTPUT_DIRECTORY = True

# sitemap.xml (pelican-sitemap). Listed first so it is written before the policies
# plugin's checks run at the same (`finalized`) signal, and is checked like every file.
# Undated pages get the time of the run as lastmod; `make publish` sets it to the
# source commit's time instead, so a commit always builds the same sitemap.
PLUGINS = ["pelican.plugins.sitemap", *PLUGINS]
SITEMAP = {"format": "xml"}
