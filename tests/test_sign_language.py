"""BITV 2.0 §4: the home page has a place for a German Sign Language video when site.yaml names one."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, TODAY, knz


def test_home_page_links_the_sign_language_video_only_when_one_is_named(tmp_path: Path) -> None:
    content = shutil.copytree(FIXTURES / "valid-minimal" / "content", tmp_path / "content")
    without = tmp_path / "without"
    assert knz("build", "--content", str(content), "--output", str(without), "--today", TODAY).returncode == 0
    assert 'id="dgs"' not in (without / "index.html").read_text(encoding="utf-8")

    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "sign_language_video: https://video.example/dgs-knz\n", encoding="utf-8")
    with_video = tmp_path / "with"
    run = knz("build", "--content", str(content), "--output", str(with_video), "--today", TODAY)
    assert run.returncode == 0, run.stderr
    for page, label in (("index.html", "Deutsche Gebärdensprache"), ("en/index.html", "German Sign Language")):
        html = (with_video / page).read_text(encoding="utf-8")
        assert 'id="dgs"' in html and label in html
        assert 'href="https://video.example/dgs-knz"' in html
