"""Pictures named in content (``image: {src, alt}`` of centres and offerings): checked while
validating, copied into the output under ``medien/`` while rendering.

Only raster formats browsers show in ``<img>`` are accepted: an SVG could carry script when
opened on its own, and the path must stay inside the content folder.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .model import Image

ALLOWED_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")
MEDIA_FOLDER = "medien"


def problem_with(image: Image, root: Path) -> str | None:
    """The message code of what is wrong with an image reference, or None."""
    pure = PurePosixPath(image.src)
    if pure.is_absolute() or ".." in pure.parts or "\\" in image.src or ":" in image.src:
        return "image_outside"
    if pure.suffix.lower() not in ALLOWED_SUFFIXES:
        return "image_type"
    if not (root / pure).is_file():
        return "image_missing"
    return None


def media_path(image: Image) -> str:
    """Site-relative path of the copied picture, e.g. ``/medien/bilder/haus.jpg``."""
    return f"/{MEDIA_FOLDER}/{PurePosixPath(image.src).as_posix()}"


def images_of(index) -> list[Image]:
    found = []
    for centre in index.centres:
        if centre.model.image:
            found.append(centre.model.image)
        found.extend(o.model.image for o in centre.offerings if o.model.image)
    return found


def render_media(index, artifacts) -> None:
    root = index.expanded.content.root
    for src in sorted({image.src for image in images_of(index)}):
        path = media_path(Image(src=src))
        if path not in artifacts:
            artifacts.add(path, (root / src).read_bytes(), origin=f"content/{src}")
