"""Dependency vulnerability audit of uv.lock.

Asks OSV (the database behind pip-audit and `uv audit`) when it can be reached. Where
only PyPI can be reached (as on our CI machines), it reads PyPI's advisories for each
locked release: the per-release JSON when the index serves it, otherwise the project JSON,
whose advisories describe the latest release and so hold for a locked release only when
it is the latest. A release that neither source can speak for is listed as unverified.
Exit status 1 when any locked release has a known vulnerability.
"""

from __future__ import annotations

import json
import sys
import tomllib
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

OSV = "https://api.osv.dev/v1/querybatch"
PYPI = "https://pypi.org/pypi"
TIMEOUT = 20


def locked_packages(lock: Path) -> list[tuple[str, str]]:
    data = tomllib.loads(lock.read_text())
    return sorted(
        (p["name"], p["version"])
        for p in data["package"]
        if "registry" in p.get("source", {}) and "version" in p
    )


def _get_json(url: str, body: bytes | None = None) -> dict | None:
    request = urllib.request.Request(  # noqa: S310 - fixed https URLs
        url, data=body, headers={"Content-Type": "application/json"} if body else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310  # nosec B310
            return json.load(response)
    except (urllib.error.URLError, TimeoutError, json.JSONDecodeError):
        return None


def audit_osv(packages: list[tuple[str, str]]) -> dict[str, list[str]] | None:
    queries = [{"package": {"name": n, "ecosystem": "PyPI"}, "version": v} for n, v in packages]
    answer = _get_json(OSV, json.dumps({"queries": queries}).encode())
    if answer is None:
        return None
    return {
        f"{n}=={v}": [vuln["id"] for vuln in result.get("vulns", [])]
        for (n, v), result in zip(packages, answer["results"], strict=True)
    }


def audit_pypi_one(package: tuple[str, str]) -> tuple[str, list[str] | None, str]:
    name, version = package
    key = f"{name}=={version}"
    release = _get_json(f"{PYPI}/{name}/{version}/json")
    if release is not None:
        return key, _open_advisories(release), "release"
    project = _get_json(f"{PYPI}/{name}/json")
    if project is None:
        return key, None, "PyPI did not answer"
    latest = project["info"]["version"]
    if latest != version:
        return key, None, f"locked {version}, latest {latest}: run `make lock` to upgrade"
    return key, _open_advisories(project), "latest"


def _open_advisories(document: dict) -> list[str]:
    return [v["id"] for v in document.get("vulnerabilities", []) if not v.get("withdrawn")]


def main() -> int:
    packages = locked_packages(Path(sys.argv[1] if len(sys.argv) > 1 else "uv.lock"))
    found = audit_osv(packages)
    unverified: dict[str, str] = {}
    if found is not None:
        source = "OSV"
    else:
        source = "PyPI advisories (OSV not reachable)"
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(audit_pypi_one, packages))
        found = {key: vulns for key, vulns, _how in results if vulns is not None}
        unverified = {key: how for key, vulns, how in results if vulns is None}
    vulnerable = {key: ids for key, ids in found.items() if ids}
    print(f"Dependency audit of {len(packages)} locked packages via {source}.")
    for key, ids in sorted(vulnerable.items()):
        print(f"  VULNERABLE {key}: {', '.join(ids)}")
    for key, how in sorted(unverified.items()):
        print(f"  not verifiable {key}: {how}")
    print(
        f"{len(found) - len(vulnerable)} without known vulnerabilities, "
        f"{len(vulnerable)} vulnerable, {len(unverified)} not verifiable."
    )
    return 1 if vulnerable else 0


if __name__ == "__main__":
    raise SystemExit(main())
