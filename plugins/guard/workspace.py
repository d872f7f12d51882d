"""Where the build writes, and taking a leaking site away."""

import os
import shutil


def remove_output(output_path, content_path):
    """Remove the output folder, unless it is (or holds) the content or the working folder."""
    output, content = os.path.realpath(output_path), os.path.realpath(content_path)
    if output not in (content, os.getcwd()) and not content.startswith(output + os.sep):
        shutil.rmtree(output, ignore_errors=True)
