"""Pictures named in content: checked (exists, inside content, a raster format), copied into the
output under medien/ and shown with their text alternative."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import FIXTURES, TODAY, knz

MINIMAL = FIXTURES / "valid-minimal" / "content"
PNG = (Path(__file__).resolve().parent.parent / "content" / "bilder" / "pieschen-haus.png").read_bytes()


def _tree_with_image(tmp_path: Path, src: str, alt: str = "Das Haus von vorn") -> Path:
    content = shutil.copytree(MINIMAL, tmp_path / "content")
    (content / "bilder").mkdir()
    (content / "bilder" / "haus.png").write_bytes(PNG)
    (content / "bilder" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")
    centre = next((content / "centres").glob("*/centre.yaml"))
    centre.write_text(centre.read_text(encoding="utf-8") + f'image:\n  src: "{src}"\n  alt: "{alt}"\n', encoding="utf-8")
    return content


def test_picture_is_copied_and_shown_with_its_alt_text(tmp_path: Path) -> None:
    content = _tree_with_image(tmp_path, "bilder/haus.png")
    out = tmp_path / "out"
    run = knz("build", "--content", str(content), "--output", str(out), "--today", TODAY)
    assert run.returncode == 0, run.stderr
    assert (out / "medien" / "bilder" / "haus.png").read_bytes() == PNG
    slug = next((content / "centres").glob("*/centre.yaml")).parent.name
    page = (out / "zentren" / slug / "index.html").read_text(encoding="utf-8")
    img = re.search(r'<img class="picture" src="([^"]+)" alt="([^"]+)"', page)
    assert img and img.group(2) == "Das Haus von vorn"
    assert (out / "zentren" / slug / img.group(1)).resolve() == (out / "medien" / "bilder" / "haus.png").resolve()
    english = (out / "en" / "centres" / slug / "index.html").read_text(encoding="utf-8")
    assert 'alt="Das Haus von vorn" lang="de"' in english


def test_missing_outside_and_svg_pictures_are_errors_with_their_line(tmp_path: Path) -> None:
    for name, src, code in [
        ("missing", "bilder/fehlt.png", "gibt es nicht"),
        ("outside", "../../etc/passwd.png", "liegt nicht im Ordner content"),
        ("svg", "bilder/logo.svg", "kein Bildformat, das wir zeigen"),
    ]:
        content = _tree_with_image(tmp_path / name, src)
        run = knz("check", "--content", str(content), "--today", TODAY)
        assert run.returncode == 1, name
        line = run.stderr.splitlines()[0]
        assert re.search(r"centre\.yaml:\d+:\d+: image\.src: ", line) and code in line, line


def test_picture_without_alt_text_is_a_warning(tmp_path: Path) -> None:
    content = _tree_with_image(tmp_path, "bilder/haus.png", alt="")
    run = knz("check", "--content", str(content), "--today", TODAY)
    assert run.returncode == 0
    assert "image.alt: Bild „bilder/haus.png“ ohne Alternativtext" in run.stderr
