"""The wheel must carry every subpackage and the resources."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_subpackage_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "plasticity_app").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    # A listed package that does not exist breaks `pip install` on a clean checkout.
    missing = {name for name in listed - {"plasticity_app._resources"} if name not in found}
    assert not missing, f"listed but missing on disk: {sorted(missing)}"
    assert config["tool"]["setuptools"]["package-dir"]["plasticity_app._resources"] == "resources"
