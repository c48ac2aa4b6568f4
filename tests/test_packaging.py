"""The install ships every package and data file: pyproject lists packages by hand (cmdlets/
is installed as msolsh.cmdlets), so a new sub-package must be added there."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _declared_packages():
    text = (ROOT / "pyproject.toml").read_text()
    block = re.search(r"^packages = \[(.*?)\]", text, re.S | re.M).group(1)
    return set(re.findall(r'"([\w.]+)"', block))


def _packages_on_disk():
    found = set()
    for top, name in (("msolsh", "msolsh"), ("cmdlets", "msolsh.cmdlets"),
                      ("fixtures", "msolsh.fixtures")):
        for init in (ROOT / top).rglob("__init__.py"):
            relative = init.parent.relative_to(ROOT / top).parts
            found.add(".".join((name,) + relative))
    return found


def test_every_package_is_declared_in_pyproject():
    assert _packages_on_disk() - _declared_packages() == set()


def test_declared_packages_exist():
    assert _declared_packages() - _packages_on_disk() == set()
