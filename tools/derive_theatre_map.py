"""Derive the map's small regional boundary file from Natural Earth 1:110m (public domain).

Natural Earth's 1:110m countries and populated places ship inside the `geopandas==0.14.4`
wheel (`geopandas/datasets/naturalearth_lowres`, `naturalearth_cities`, Natural Earth 5.x
release tagged in `naturalearth_cities.VERSION.txt`). This script reads the shapefiles with
the standard library (no geopandas at run time), keeps the countries that touch the theatre's
box, keeps the six capitals the map labels, rounds coordinates to 0.01
degree and writes `data/map/theatre_110m.geojson` with sorted
keys, so the committed file is byte-stable and small.

Usage (once, by a maintainer; the map itself never touches the network):

    pip download --no-deps geopandas==0.14.4 -d /tmp/gp && unzip -o /tmp/gp/*.whl 'geopandas/datasets/*' -d /tmp/gp
    python tools/derive_theatre_map.py /tmp/gp/geopandas/datasets
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

BOX = (20.0, 30.0, 150.0, 66.0)  # lon_min, lat_min, lon_max, lat_max: Moscow to Vladivostok
CITIES = {"Beijing", "Kyiv", "Moscow", "Pyongyang", "Seoul", "Tokyo"}  # the map's capitals
OUT = Path(__file__).resolve().parents[1] / "data" / "map" / "theatre_110m.geojson"


def read_dbf(path: Path) -> list[dict[str, str]]:
    encoding = path.with_suffix(".cpg").read_text().strip()
    data = path.read_bytes()
    n_records, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos : pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(n_records):
        rec, off, row = data[header_len + i * record_len : header_len + (i + 1) * record_len], 1, {}
        for name, length in fields:
            row[name] = rec[off : off + length].decode(encoding).strip()
            off += length
        rows.append(row)
    return rows


def read_shp(path: Path) -> list[tuple[int, list[list[tuple[float, float]]]]]:
    data, pos, shapes = path.read_bytes(), 100, []
    while pos < len(data):
        length = struct.unpack(">I", data[pos + 4 : pos + 8])[0] * 2
        content = data[pos + 8 : pos + 8 + length]
        kind = struct.unpack("<i", content[:4])[0]
        if kind == 1:
            shapes.append((1, [[struct.unpack("<2d", content[4:20])]]))
        else:
            n_parts, n_points = struct.unpack("<2i", content[36:44])
            parts = list(struct.unpack(f"<{n_parts}i", content[44 : 44 + 4 * n_parts])) + [n_points]
            start = 44 + 4 * n_parts
            points = [struct.unpack("<2d", content[start + 16 * k : start + 16 * k + 16]) for k in range(n_points)]
            shapes.append((kind, [points[parts[k] : parts[k + 1]] for k in range(n_parts)]))
        pos += 8 + length
    return shapes


def touches(ring: list[tuple[float, float]]) -> bool:
    return any(BOX[0] <= x <= BOX[2] and BOX[1] <= y <= BOX[3] for x, y in ring)


def main(datasets: Path) -> None:
    countries = datasets / "naturalearth_lowres" / "naturalearth_lowres"
    version = (datasets / "naturalearth_cities" / "naturalearth_cities.VERSION.txt").read_text().strip()
    features = []
    for row, (_, rings) in zip(
        read_dbf(countries.with_suffix(".dbf")), read_shp(countries.with_suffix(".shp")), strict=True
    ):
        kept = [[[round(x, 2), round(y, 2)] for x, y in ring] for ring in rings if touches(ring)]
        if kept:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"iso_a3": row["iso_a3"], "name": row["name"]},
                    "geometry": {"type": "MultiPolygon", "coordinates": [[ring] for ring in kept]},
                }
            )
    cities = datasets / "naturalearth_cities" / "naturalearth_cities"
    for row, (_, points) in zip(
        read_dbf(cities.with_suffix(".dbf")), read_shp(cities.with_suffix(".shp")), strict=True
    ):
        x, y = points[0][0]
        if row["name"] in CITIES:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name": row["name"], "populated_place": True},
                    "geometry": {"type": "Point", "coordinates": [round(x, 2), round(y, 2)]},
                }
            )
    features.sort(key=lambda f: (f["geometry"]["type"], f["properties"].get("iso_a3", ""), f["properties"]["name"]))
    collection = {
        "type": "FeatureCollection",
        "features": features,
        "properties": {
            "source": "Natural Earth 1:110m admin 0 countries and populated places, public domain",
            "natural_earth_version": version,
            "via": "geopandas 0.14.4 wheel, geopandas/datasets",
            "box": list(BOX),
            "rounding": "0.01 degree",
        },
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(features)} features, {OUT.stat().st_size} bytes, Natural Earth {version}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
