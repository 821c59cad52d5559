"""Build-time benchmark: how knz scales with the amount of content, stage by stage.

Makes synthetic content trees by copying the example centres N times (new slugs, same
offerings), builds each through the public pipeline functions, and prints the seconds per stage
and ratios measured in this one run, so figures compare on the same machine and load:

    .venv/bin/python tests/benchmarks/build_bench.py [--scales 1 4 16] [--repeat 3]

Not a test: timings depend on the machine. Report the ratios, not the absolute seconds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.expand import expand_content  # noqa: E402
from generator.feeds import render_feeds  # noqa: E402
from generator.index import build_index  # noqa: E402
from generator.lint import lint  # noqa: E402
from generator.load import load_content  # noqa: E402
from generator.media import render_media  # noqa: E402
from generator.opendata import render_opendata  # noqa: E402
from generator.problems import ProblemList  # noqa: E402
from generator.render import render_site  # noqa: E402
from generator.validate import validate_content  # noqa: E402
from generator.write import write_atomic  # noqa: E402

TODAY = date(2027, 3, 1)


def make_content(scale: int, folder: Path) -> Path:
    """The example content with every centre copied ``scale`` times."""
    target = folder / f"content-x{scale}"
    shutil.copytree(ROOT / "content", target, ignore=shutil.ignore_patterns("centres"))
    for centre in sorted((ROOT / "content" / "centres").iterdir()):
        if not (centre / "centre.yaml").is_file():
            continue
        for copy in range(scale):
            slug = centre.name if copy == 0 else f"{centre.name}-{copy + 1}"
            shutil.copytree(centre, target / "centres" / slug)
    return target


def timed_build(content: Path, output: Path) -> tuple[dict[str, float], dict[str, int]]:
    stages: dict[str, float] = {}

    def stage(name: str, func, *args):
        started = time.perf_counter()
        result = func(*args)
        stages[name] = time.perf_counter() - started
        return result

    problems = ProblemList(content)
    raw = stage("load", load_content, content, problems)
    valid = stage("validate", validate_content, raw, problems)
    expanded = stage("expand", expand_content, valid, problems)
    stage("lint", lint, expanded, TODAY, problems)
    errors = [p for p in problems.items if p.severity == "error"]
    if errors:
        raise SystemExit(f"benchmark content has errors: {errors[0].message('en')}")
    index = stage("index", build_index, expanded, TODAY)
    artifacts = stage("render pages", render_site, index)
    stage("render feeds", render_feeds, index, artifacts)
    stage("open data", render_opendata, index, artifacts)
    stage("media", render_media, index, artifacts)
    stage("write", write_atomic, artifacts, output)
    stages["total"] = sum(stages.values())
    counts = {
        "centres": len(index.centres),
        "offerings": len(index.offerings),
        "occurrences": len(index.occurrences),
        "files": len(artifacts),
        "bytes": sum(len(data) for _, data in artifacts.items()),
    }
    return stages, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--repeat", type=int, default=3, help="builds per scale; the median is reported")
    args = parser.parse_args()

    results = []
    with tempfile.TemporaryDirectory(prefix="knz-bench-") as tmp:
        folder = Path(tmp)
        for scale in args.scales:
            content = make_content(scale, folder)
            runs = [timed_build(content, folder / f"out-x{scale}") for _ in range(args.repeat)]
            medians = {name: statistics.median(run[0][name] for run in runs) for name in runs[0][0]}
            results.append((scale, medians, runs[0][1]))

    base_scale, base, base_counts = results[0]
    print(f"knz build benchmark, median of {args.repeat} builds per scale, today={TODAY}")
    print(f"{'scale':>5} {'centres':>7} {'offerings':>9} {'occurr.':>8} {'files':>6} {'MB':>6} {'total s':>8}"
          f" {'x time':>7} {'x occ.':>7} {'µs/occ':>7}")
    for scale, medians, counts in results:
        ratio_time = medians["total"] / base["total"]
        ratio_occ = counts["occurrences"] / base_counts["occurrences"]
        print(
            f"{scale:>5} {counts['centres']:>7} {counts['offerings']:>9} {counts['occurrences']:>8} {counts['files']:>6}"
            f" {counts['bytes'] / 1e6:>6.1f} {medians['total']:>8.2f} {ratio_time:>7.2f} {ratio_occ:>7.2f}"
            f" {1e6 * medians['total'] / counts['occurrences']:>7.0f}"
        )
    print("\nshare of each stage at the largest scale:")
    scale, medians, _ = results[-1]
    for name, seconds in medians.items():
        if name != "total":
            print(f"  {name:<13} {seconds:7.3f} s  {100 * seconds / medians['total']:5.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
