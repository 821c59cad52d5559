"""Stage 6: write the rendered site atomically.

Artifacts are collected in memory first (``Artifacts``), which refuses a path given twice (a
slug collision is a bug found at build time, not a page silently lost) and any path that would
leave the output folder. ``write_atomic`` then writes them into a temporary folder beside the
target and swaps it into place only when everything was written: a failed or interrupted build
leaves the previous output untouched.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path, PurePosixPath

# Files at the top of an existing output folder that belong to the repository, not the build.
_KEEP = (".gitkeep",)
# Written into every output: only a folder holding it (or an empty one) is ever replaced.
MARKER = ".knz-build"
MARKER_TEXT = "This folder is written by `knz build` and replaced as a whole on every build.\n"


class UnsafeOutputError(ValueError):
    """The output folder must not be replaced: it holds the content or files knz did not write."""

    def __init__(self, code: str, output: Path, other: Path | None = None):
        super().__init__(code)
        self.code = code
        self.output = output
        self.other = other


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def check_output_folder(output: Path, content: Path) -> None:
    """Refuse an output folder whose replacement would delete anything but an earlier build."""
    out, src = output.resolve(), content.resolve()
    if _within(out, src) or _within(src, out):
        raise UnsafeOutputError("overlaps_content", output, content)
    if out.is_dir():
        entries = {p.name for p in out.iterdir()}
        if entries - set(_KEEP) and MARKER not in entries:
            raise UnsafeOutputError("foreign_files", output)
    elif out.exists():
        raise UnsafeOutputError("not_a_folder", output)


class OutputPathError(ValueError):
    pass


class Artifacts:
    """The site as a mapping of relative POSIX paths to bytes."""

    def __init__(self) -> None:
        self._files: dict[str, bytes] = {}
        self._origin: dict[str, str] = {}

    @staticmethod
    def normalise(path: str) -> str:
        pure = PurePosixPath(path.lstrip("/"))
        if path.endswith("/") or not pure.name:
            pure = pure / "index.html"
        if pure.is_absolute() or ".." in pure.parts or any(p in ("", ".") for p in pure.parts) or "\\" in str(pure):
            raise OutputPathError(f"refusing to write outside the output folder: {path!r}")
        return str(pure)

    def add(self, path: str, data: bytes | str, origin: str = "") -> None:
        key = self.normalise(path)
        if key in self._files:
            raise OutputPathError(
                f"two things want to be written to {key}: {self._origin[key] or '?'} and {origin or '?'}"
            )
        self._files[key] = data.encode("utf-8") if isinstance(data, str) else data
        self._origin[key] = origin

    def __contains__(self, path: str) -> bool:
        return self.normalise(path) in self._files

    def __len__(self) -> int:
        return len(self._files)

    def items(self):
        return sorted(self._files.items())

    def paths(self) -> list[str]:
        return sorted(self._files)


def write_atomic(artifacts: Artifacts, target: Path) -> None:
    """Write all artifacts into a fresh folder beside ``target``, then swap it into place."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    _recover(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-{os.getpid()}-", dir=target.parent))
    try:
        for rel, data in artifacts.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        for name in _KEEP:
            if (target / name).is_file() and not (staging / name).exists():
                shutil.copy2(target / name, staging / name)
        os.chmod(staging, 0o755)
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _recover(target: Path) -> None:
    """Clean up after a build that was killed: put back an output moved aside, and remove the
    folders of builds whose process is gone (a running build's folders are left alone)."""
    leftovers = sorted(target.parent.glob(f".{target.name}.tmp-*")) + sorted(target.parent.glob(f".{target.name}.old-*"))
    for folder in leftovers:
        parts = folder.name.rsplit(".", 1)[-1].split("-")
        pid = int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else None
        if pid is not None and pid != os.getpid() and _pid_alive(pid):
            continue
        if folder.name.startswith(f".{target.name}.old-") and not target.exists():
            os.replace(folder, target)
        else:
            shutil.rmtree(folder, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one atomic step (Linux renameat2 RENAME_EXCHANGE).

    Returns False where the system or file system cannot, and the caller falls back to renames.
    """
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(b))


def _swap(staging: Path, target: Path) -> None:
    if not target.exists():
        os.replace(staging, target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous output
        return
    # Fallback: two renames. Killed between them, the next build's _recover puts the old one back.
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-{os.getpid()}-", dir=target.parent))
    os.rmdir(old)
    os.replace(target, old)
    try:
        os.replace(staging, target)
    except BaseException:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
