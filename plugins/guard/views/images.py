"""Image metadata: a phone photo must not publish where, when or on what it was taken.

Cleaning rebuilds the image from its pixels with Pillow (pillow-heif for HEIC), upright
(the EXIF orientation applied) and with its colour profile; verification reads the file's
own structure (`image_formats`) so it does not trust the tool that did the cleaning.
Every image is decoded in full, so a truncated or damaged one is refused, not copied.
"""

import io
import os

import pillow_heif
from PIL import Image, ImageOps, ImageSequence, JpegImagePlugin

from sitebase.problems import DamagedFile

from ..findings import Finding
from .image_formats import image_format, metadata_kinds

pillow_heif.register_heif_opener()

_KEEP_TIMING = ("duration", "loop", "transparency", "background", "disposal")
_LOSSY_QUALITY = 90  # WebP, AVIF, HEIC: re-encoded at a quality nobody sees the loss of

__all__ = ["check_decodes", "clean_bytes", "metadata_findings", "metadata_kinds", "replace_file"]


def check_decodes(data):
    """Decode every frame: DamagedFile if the image is truncated or not an image."""
    if image_format(data) is None:
        raise DamagedFile("is not an image in a format the checks know")
    try:
        with Image.open(io.BytesIO(data)) as image:
            for frame in ImageSequence.Iterator(image):
                frame.load()
    except (OSError, ValueError, SyntaxError, EOFError) as error:
        raise DamagedFile(
            f"is a damaged or incomplete image ({type(error).__name__}); save it again"
        ) from None


def clean_bytes(data):
    """The image without its metadata (the same bytes when it carries none)."""
    check_decodes(data)
    if not metadata_kinds(data):
        return data
    buffer = io.BytesIO()
    with Image.open(io.BytesIO(data)) as image:
        options = {"icc_profile": image.info.get("icc_profile")}
        options = {key: value for key, value in options.items() if value}
        if image.format == "JPEG":
            # The same quantisation tables and subsampling: no visible loss.
            options["qtables"] = image.quantization
            sampling = JpegImagePlugin.get_sampling(image)
            if sampling != -1:
                options["subsampling"] = sampling
        elif image.format in ("WEBP", "AVIF", "HEIF"):
            options["quality"] = _LOSSY_QUALITY
        options.update((key, image.info[key]) for key in _KEEP_TIMING if key in image.info)
        frames = [_bare(frame) for frame in ImageSequence.Iterator(image)]
        if len(frames) > 1:
            options.update(save_all=True, append_images=frames[1:])
        frames[0].save(buffer, format=image.format, **options)
    return buffer.getvalue()


def _bare(frame):
    """The frame's pixels, upright, with no metadata at all."""
    upright = ImageOps.exif_transpose(frame)
    bare = Image.new(upright.mode, upright.size)
    bare.paste(upright)
    if upright.mode == "P":
        bare.putpalette(upright.getpalette())
    return bare


def replace_file(path, data):
    """A new file, then rename: never writes through a hard link to the source."""
    temporary = path + ".clean"
    with open(temporary, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)


def metadata_findings(path, kinds, what):
    if not kinds:
        return []
    return [
        Finding(
            path,
            f"{what} ({', '.join(sorted(kinds))})",
            advice="rebuild with `make html` so the plugin strips it",
        )
    ]
