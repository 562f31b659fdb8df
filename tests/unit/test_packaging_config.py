"""The wheel must carry every subpackage and the resources."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement

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


# Where sqlcipher3 0.6.4 publishes a wheel (checked on PyPI on 2026-12-04 with
# `pip install --dry-run --only-binary :all: --platform TAG --python-version V sqlcipher3==0.6.4`):
# cp311-cp314 on manylinux_2_28 and musllinux_1_2 (x86_64, aarch64), win_amd64, win32, win_arm64,
# macosx_11_0_arm64 and macosx_10_9/10_13/10_15_x86_64. Anywhere else pip would build the sdist,
# which needs SQLCipher's headers, so the dependency must not apply there.
WHEELS = [
    (system, machine)
    for system, machines in {
        "linux": ("x86_64", "aarch64"),
        "win32": ("AMD64", "x86", "ARM64"),
        "darwin": ("arm64", "x86_64"),
    }.items()
    for machine in machines
]
NO_WHEEL = [("linux", "riscv64"), ("linux", "ppc64le"), ("linux", "s390x"), ("linux", "armv7l")]


def _sqlcipher_requirement() -> Requirement:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = [Requirement(r) for r in config["project"]["dependencies"]]
    sqlcipher = [r for r in found if r.name.startswith("sqlcipher3")]
    assert [r.name for r in sqlcipher] == ["sqlcipher3"], "one SQLCipher package, sqlcipher3"
    assert "0.6.4" in sqlcipher[0].specifier
    return sqlcipher[0]


def _applies(requirement: Requirement, system: str, machine: str, python: str, impl: str) -> bool:
    env = {
        "sys_platform": system,
        "platform_machine": machine,
        "python_version": python,
        "platform_python_implementation": impl,
    }
    assert requirement.marker is not None
    return requirement.marker.evaluate(env)


def test_encryption_is_a_dependency_wherever_sqlcipher3_has_a_wheel() -> None:
    requirement = _sqlcipher_requirement()
    for python in ("3.11", "3.12", "3.13", "3.14"):
        for system, machine in WHEELS:
            assert _applies(requirement, system, machine, python, "CPython"), (system, machine)


def test_no_source_build_is_asked_for_where_there_is_no_wheel() -> None:
    requirement = _sqlcipher_requirement()
    for system, machine in NO_WHEEL:
        assert not _applies(requirement, system, machine, "3.12", "CPython"), (system, machine)
    assert not _applies(requirement, "linux", "x86_64", "3.12", "PyPy")
    assert not _applies(requirement, "linux", "x86_64", "3.15", "CPython")


def test_the_bundle_carries_sqlcipher() -> None:
    spec = (ROOT / "packaging" / "plasticity-journal.spec").read_text(encoding="utf-8")
    assert '"sqlcipher3"' in spec and '"playhouse.sqlcipher_ext"' in spec
