#!/usr/bin/env python3
"""Copy the front-end files we serve from node_modules into src/wijkkracht/static/vendor/,
then collect static files. Standard library only; no bundler.

Run after ``npm ci`` (``make assets`` does both)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "src" / "wijkkracht" / "static" / "vendor"

# (source in node_modules, target under static/vendor/)
FILES = [
    ("@utrecht/component-library-css/dist/index.css", "utrecht/component-library.css"),
    ("@utrecht/design-tokens/dist/index.css", "utrecht/design-tokens.css"),
    ("@fontsource-variable/noto-sans/index.css", "noto-sans/index.css"),
]
# Licences travel with the files.
LICENCES = [
    ("@utrecht/component-library-css/LICENSE.md", "utrecht/LICENSE-component-library.md"),
    ("@utrecht/design-tokens/LICENSE.md", "utrecht/LICENSE-design-tokens.md"),
    ("@fontsource-variable/noto-sans/LICENSE", "noto-sans/LICENSE"),
]
CSS_URL = re.compile(r"url\(\s*['\"]?(\./[^'\")]+)['\"]?\s*\)")


def copy(source: str, target: str, *, required: bool = True) -> Path | None:
    src = NODE_MODULES / source
    if not src.exists():
        if required:
            sys.exit(f"build_assets: {src} is missing; run `npm ci` first")
        return None
    dst = VENDOR / target
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    return dst


def copy_css_dependencies(source: str, target: str) -> None:
    """Copy the files a stylesheet refers to with relative url(./...) (fonts)."""
    css = (NODE_MODULES / source).read_text(encoding="utf-8")
    for relative in sorted(set(CSS_URL.findall(css))):
        src_dir = Path(source).parent
        copy(str(src_dir / relative), str(Path(target).parent / relative))


def main() -> None:
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    for source, target in FILES:
        copy(source, target)
        copy_css_dependencies(source, target)
    for source, target in LICENCES:
        copy(source, target, required=False)
    print(f"build_assets: vendor files copied to {VENDOR.relative_to(ROOT)}")
    env = {**os.environ, "WIJKKRACHT_INSECURE_DEMO_KEY": "true"}
    subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"],
        check=True,
        cwd=ROOT,
        env=env,
    )
    print("build_assets: collectstatic done")


if __name__ == "__main__":
    main()
