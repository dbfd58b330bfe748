#!/usr/bin/env python3
"""The plan report as a person sees it: rendered by headless Chromium, its DOM and its pixels checked.

Generates the report with the real CLI from the bundled example (optimise --pareto) and the committed build
fixture (tests/report/data/build: no Yosys or nextpnr run here), then runs
``chromium --headless --screenshot`` and ``--dump-dom``. Exits 77 (ctest SKIP_RETURN_CODE) when no Chromium
is found on PATH or in $CHROMIUM. Standard library only (the PNG is decoded with zlib).
"""

import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from html.parser import HTMLParser
from pathlib import Path

SKIP = 77
HERE = Path(__file__).resolve().parent


def find_chromium():
    given = os.environ.get("CHROMIUM")
    if given:
        return shutil.which(given) or (given if os.access(given, os.X_OK) else None)
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, timeout=120, **kwargs)
    if result.returncode != 0:
        sys.exit(f"FAIL: {' '.join(map(str, args))} exited {result.returncode}:\n{result.stderr}")
    return result


def chromium(browser, work, *flags):
    """One headless run with its own profile and HOME, so nothing outside `work` is read or written."""
    home = work / "home"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_CACHE_HOME=str(home / ".cache"))
    args = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
            f"--user-data-dir={work / 'profile'}", *flags]
    return run(args, env=env)


class Elements(HTMLParser):
    """Every start tag with its attributes, and the rows of each table (by class and data-scope)."""

    def __init__(self):
        super().__init__()
        self.tags = []
        self.table = None
        self.in_tbody = False
        self.rows = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "table":
            self.table = attrs.get("class", "") + ":" + attrs.get("data-scope", "")
            self.rows.setdefault(self.table, 0)
        elif tag == "tbody":
            self.in_tbody = True
        elif tag == "tr" and self.in_tbody and self.table:
            self.rows[self.table] += 1

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_tbody = False
        elif tag == "table":
            self.table = None

    def with_class(self, tag, css_class):
        return [a for t, a in self.tags if t == tag and css_class in a.get("class", "").split()]


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_png(data):
    """(width, height, channels, rows of bytes) of an 8-bit RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, chunk = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6), f"unexpected PNG format depth {depth} colour {colour}"
        elif kind == b"IDAT":
            idat += chunk
    bpp = 4 if colour == 6 else 3
    stride = width * bpp
    raw = zlib.decompress(idat)
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                upper_left = previous[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + paeth(left, previous[i], upper_left)) & 255
        rows.append(line)
        previous = line
    return width, height, bpp, rows


def near(pixel, colour, tolerance=40):
    return all(abs(p - c) <= tolerance for p, c in zip(pixel, colour))


BLUE, RED, ORANGE = (0x1F, 0x77, 0xB4), (0xD6, 0x27, 0x28), (0xE6, 0x55, 0x0D)


def check_pixels(png):
    width, height, bpp, rows = decode_png(png)
    assert (width, height) == (1200, 2000), (width, height)
    non_white, colours = 0, set()
    orange_columns = {}
    for y, line in enumerate(rows):
        for x in range(0, width * bpp, bpp):
            pixel = tuple(line[x:x + 3])
            if pixel != (255, 255, 255):
                non_white += 1
                colours.add(tuple(v >> 4 for v in pixel))
                if near(pixel, ORANGE):
                    orange_columns.setdefault(x // bpp, []).append(y)
    share = non_white / (width * height)
    assert share > 0.03, f"screenshot nearly blank: {share:.1%} non-white pixels"
    assert len(colours) >= 8, f"only {len(colours)} distinct colours"
    # The budget line: the column with the most orange pixels; its dashes span the plot area's height.
    assert orange_columns, "no budget line (orange) in the screenshot"
    column, ys = max(orange_columns.items(), key=lambda item: len(item[1]))
    top, bottom = min(ys), max(ys)
    assert bottom - top > 250, f"budget line only {bottom - top} px tall"
    blue = red = 0
    for y in range(top, bottom + 1):
        line = rows[y]
        for x in range(0, width * bpp, bpp):
            pixel = tuple(line[x:x + 3])
            blue += near(pixel, BLUE)
            red += near(pixel, RED)
    assert blue > 300, f"only {blue} frontier-blue pixels inside the plot area"
    assert red > 40, f"only {red} chosen-plan red pixels inside the plot area"
    return share, len(colours), (column, top, bottom), blue, red


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--examples", required=True)
    args = parser.parse_args()
    browser = find_chromium()
    if not browser:
        print("SKIP: no Chromium on PATH (chromium) or in $CHROMIUM; scripts/install-deps installs it")
        return SKIP
    started = time.monotonic()
    examples = Path(args.examples)
    build = HERE / "data" / "build"
    with tempfile.TemporaryDirectory(prefix="scn-browser-") as tmp:
        work = Path(tmp)
        plan, pareto, page = work / "plan.json", work / "pareto.json", work / "report.html"
        run([args.cli, "optimise", "--network", examples / "network.json", "--weights",
             examples / "network_weights.json", "--target-profile", "ice40-low-power", "--out", plan,
             "--pareto", pareto])
        run([args.cli, "report", "--plan", plan, "--pareto", pareto, "--build", build, "--out", page])
        plan_json = json.loads(plan.read_text())
        # The plot frames the budget's region: plans above 2 x the budget (or the chosen plan) are counted in
        # its note, not drawn.
        limit = 2 * max(plan_json["logic_cell_budget"], plan_json["total_luts"])
        points = sum(1 for p in json.loads(pareto.read_text())["points"] if p["total_luts"] <= limit)
        comparison = json.loads((build / "comparison.json").read_text())

        dom = chromium(browser, work, "--dump-dom", page.as_uri()).stdout
        elements = Elements()
        elements.feed(dom)
        assert len(elements.with_class("svg", "pareto-plot")) == 1, "no Pareto plot in the DOM"
        assert len(elements.with_class("circle", "frontier-point")) == points, (
            len(elements.with_class("circle", "frontier-point")), points)
        budget = elements.with_class("line", "budget-line")
        assert len(budget) == 1 and float(budget[0]["data-cells"]) == plan_json["logic_cell_budget"], budget
        chosen = elements.with_class("path", "chosen-plan")
        assert len(chosen) == 1 and float(chosen[0]["data-cells"]) == plan_json["total_luts"], chosen
        assert elements.rows["plan-layers:"] == len(plan_json["layers"]), elements.rows
        assert elements.rows["comparison:design"] == len(comparison["design"]), elements.rows
        for layer, quantities in comparison["layers"].items():
            assert elements.rows[f"comparison:{layer}"] == len(quantities), elements.rows

        shot = work / "shot.png"
        chromium(browser, work, f"--screenshot={shot}", "--window-size=1200,2000", page.as_uri())
        share, colours, line, blue, red = check_pixels(shot.read_bytes())
    print(f"OK: {points} frontier points, {len(plan_json['layers'])} layers; screenshot {share:.1%} non-white, "
          f"{colours} colours, budget line at x={line[0]} y={line[1]}..{line[2]}, {blue} blue and {red} red pixels "
          f"in the plot; {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
