#!/usr/bin/env python3
"""Golden 28x28 inputs for Neurite's MNIST-style digit preprocessing, computed independently with numpy and
scipy (scipy.ndimage.center_of_mass), for the Java (dev.neurite.data.DigitInput) and the model page's
JavaScript (neurite-serve/.../page/digits.js) implementations to be tested against.

The procedure (docs/serving.md, "The model page"), on ink values in [0, 1] (1 = full ink):
  1. m = the largest ink value; no ink at all gives 28x28 zeros.
  2. crop to the bounding box of the pixels with 10*ink > m (faint noise around a digit is left out);
  3. scale the box so that its longer side is 20 pixels, keeping the aspect ratio: the other side is
     max(1, floor(20*side/longer + 1/2)); each output pixel is the mean of the source area it covers (area
     averaging: here, repeat every source pixel `out` times along the axis, then average blocks of `in`);
  4. divide by the largest value (strokes reach full ink, as in MNIST's grey levels);
  5. put the patch into 28x28 so that its centre of mass (index coordinates) lands on (13.5, 13.5): offset
     floor(14 - c + 1e-6) along each axis (the 1e-6 settles a symmetric patch's exact half-pixel the same way
     in every implementation), clamped so that the patch stays inside.

Sources are synthetic anti-aliased strokes, written as 8-bit PGM (ink = byte/255) beside the goldens.
Run with a python3 that has numpy and scipy:  python3 tools/digit-goldens/make_goldens.py OUT_DIR
"""
import sys
from pathlib import Path

import numpy as np
from scipy import ndimage


def strokes(h, w, segments, radius, level=1.0):
    """Anti-aliased thick polyline segments: ink = clip(radius + 0.5 - distance to the nearest segment)."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64) + 0.5
    dist = np.full((h, w), np.inf)
    for (x0, y0, x1, y1) in segments:
        dx, dy = x1 - x0, y1 - y0
        t = ((xx - x0) * dx + (yy - y0) * dy) / max(dx * dx + dy * dy, 1e-12)
        t = np.clip(t, 0, 1)
        dist = np.minimum(dist, np.hypot(xx - (x0 + t * dx), yy - (y0 + t * dy)))
    return level * np.clip(radius + 0.5 - dist, 0, 1)


def ellipse(cx, cy, rx, ry, n=64):
    a = np.linspace(0, 2 * np.pi, n + 1)
    pts = [(cx + rx * np.cos(t), cy + ry * np.sin(t)) for t in a]
    return [(pts[i][0], pts[i][1], pts[i + 1][0], pts[i + 1][1]) for i in range(n)]


def sources():
    s = {}
    # a 7 drawn over the whole canvas, as a user draws on the page (this one used to read as a 6)
    s["seven-full"] = strokes(280, 280, [(18, 28, 262, 28), (262, 28, 120, 266)], 13)
    # a small, thin 1 far off centre, slightly slanted: scaled up, and a narrow box
    s["one-small"] = strokes(200, 200, [(152, 40, 146, 112)], 3.5)
    # a 0 as an ellipse, off centre
    s["zero"] = strokes(240, 240, ellipse(100, 130, 52, 84), 9)
    # a wide dash: the short side rounds to a few pixels
    s["dash"] = strokes(60, 100, [(10, 30, 90, 33)], 3)
    # one lit pixel: a 1x1 box scaled to 20x20
    dot = np.zeros((50, 50))
    dot[40, 10] = 1.0
    s["dot"] = dot
    # grey ink at half level with faint background noise below a tenth of it: cropped to the ink, stretched to 1
    rng = np.random.default_rng(12)
    grey = strokes(64, 64, [(20, 12, 44, 12), (44, 12, 44, 52), (20, 52, 44, 52)], 3, level=0.5)
    noise = rng.integers(0, 10, size=grey.shape) / 255.0
    s["grey-noisy"] = np.maximum(grey, noise)
    return {k: np.round(v * 255).astype(np.uint8) for k, v in s.items()}


def area_resize(a, out, axis):
    """Area averaging along axis: every source pixel repeated `out` times, then blocks of `in` averaged."""
    n = a.shape[axis]
    rep = np.repeat(a, out, axis=axis)
    shape = list(a.shape)
    shape[axis:axis + 1] = [out, n]
    return rep.reshape(shape).mean(axis=axis + 1)


def preprocess(ink):
    m = ink.max()
    if m <= 0:
        return np.zeros((28, 28))
    rows, cols = np.nonzero(10 * ink > m)
    y0, y1, x0, x1 = rows.min(), rows.max(), cols.min(), cols.max()
    patch = ink[y0:y1 + 1, x0:x1 + 1]
    bh, bw = patch.shape
    longer = max(bh, bw)
    th = max(1, (40 * bh + longer) // (2 * longer))
    tw = max(1, (40 * bw + longer) // (2 * longer))
    small = area_resize(area_resize(patch, th, 0), tw, 1)
    small = small / small.max()
    cy, cx = ndimage.center_of_mass(small)
    for c in (cy, cx):
        v = 14 - c + 1e-6
        frac = v - np.floor(v)
        assert min(frac, 1 - frac) > 1e-9, "centre of mass too close to a rounding boundary: change the source"
    oy = int(np.clip(np.floor(14 - cy + 1e-6), 0, 28 - th))
    ox = int(np.clip(np.floor(14 - cx + 1e-6), 0, 28 - tw))
    out = np.zeros((28, 28))
    out[oy:oy + th, ox:ox + tw] = small
    return out


def write_pgm(path, a):
    h, w = a.shape
    path.write_bytes(b"P5\n%d %d\n255\n" % (w, h) + a.tobytes())


def main(out_dir):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, img in sources().items():
        v = img.astype(np.int64)
        m = v.max()
        # no pixel sits on the crop threshold (10*ink == m), where float rounding could decide either way
        assert not np.any(np.abs(10 * v - m) < 1), name
        write_pgm(out / (name + ".pgm"), img)
        golden = preprocess(img.astype(np.float64) / 255.0)
        lines = [" ".join("%.7f" % x for x in row) for row in golden]
        (out / (name + ".golden.txt")).write_text("\n".join(lines) + "\n")
        print(name, img.shape, "->", "sum %.4f" % golden.sum())


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "neurite-core/src/test/resources/dev/neurite/data/digits")
