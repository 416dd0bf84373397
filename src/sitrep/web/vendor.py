"""Copy the front-end libraries the dashboard and ``/docs`` need out of ``node_modules``.

Run by ``make web`` after ``npm ci`` in ``web/``: the package then serves every script,
stylesheet and map it uses from its own files, so nothing is fetched from a CDN.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

VENDOR = Path(__file__).resolve().parent / "static" / "vendor"

# (file under node_modules, name under static/vendor)
FILES = (
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet/dist/images/marker-icon.png", "leaflet/images/marker-icon.png"),
    ("leaflet/dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"),
    ("leaflet/dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"),
    ("leaflet/dist/images/layers.png", "leaflet/images/layers.png"),
    ("leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet/leaflet.markercluster.js"),
    ("leaflet.markercluster/dist/MarkerCluster.css", "leaflet/MarkerCluster.css"),
    ("leaflet.markercluster/dist/MarkerCluster.Default.css", "leaflet/MarkerCluster.Default.css"),
    ("topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"),
    ("world-atlas/countries-50m.json", "world-atlas/countries-50m.json"),
    ("world-atlas/countries-110m.json", "world-atlas/countries-110m.json"),
    ("swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle.js"),
    ("swagger-ui-dist/swagger-ui.css", "swagger-ui/swagger-ui.css"),
    ("swagger-ui-dist/favicon-32x32.png", "swagger-ui/favicon-32x32.png"),
)


def vendor(node_modules: Path, target: Path = VENDOR) -> list[Path]:
    """Copy every file of ``FILES``; a missing one stops the build with its name."""
    missing = [source for source, _ in FILES if not (node_modules / source).is_file()]
    if missing:
        raise SystemExit(f"{node_modules}: missing {', '.join(missing)}; run `npm ci` in web/")
    copied = []
    for source, name in FILES:
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / source, destination)
        copied.append(destination)
    return copied


if __name__ == "__main__":
    node_modules = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("web/node_modules")
    print(f"vendored {len(vendor(node_modules))} files into {VENDOR}")
