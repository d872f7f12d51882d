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

# A TBC left in any page, post or policy stops the public build, one line per TBC line
# (`make publish ALLOW_PLACEHOLDERS=1`, for tests and previews only, turns them into warnings).
REFUSE_CONTENT_PLACEHOLDERS = True

# sitemap.xml, dated from git by the history plugin (plugins/history/): each page's
# lastmod is the last commit that changed its source, so one commit builds one sitemap.
SITEMAP_SAVE_AS = "sitemap.xml"
