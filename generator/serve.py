"""``knz serve``: build, serve the output on localhost, rebuild and reload on every change.

A build with errors prints them and keeps serving the last good output.
"""

from __future__ import annotations

from pathlib import Path

from livereload import Server

from .cli import cmd_build


def serve(content: Path, output: Path, today: str | None, host: str, port: int, lang: str) -> int:
    import argparse

    args = argparse.Namespace(content=content, output=output, today=today, lang=lang, strict=False)

    def rebuild() -> None:
        cmd_build(args)

    rebuild()
    server = Server()
    server.watch(str(content), rebuild)
    server.watch(str(Path(__file__).resolve().parent.parent / "themes"), rebuild)
    server.serve(root=str(output), host=host, port=port, open_url_delay=None)
    return 0
