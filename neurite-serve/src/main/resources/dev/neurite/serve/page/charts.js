"use strict";
// Line charts as inline SVG, in plain JavaScript: NeuriteCharts.line(element, series, options).
(function (global) {
  const NS = "http://www.w3.org/2000/svg";
  const W = 560, H = 240, L = 52, R = 12, T = 12, B = 30;

  function el(name, attrs, text) {
    const e = document.createElementNS(NS, name);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function ticks(lo, hi, n) {
    const span = hi - lo || Math.abs(hi) || 1;
    const step0 = span / n, mag = Math.pow(10, Math.floor(Math.log10(step0)));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= step0);
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(+v.toPrecision(12));
    return out;
  }

  function fmt(v) {
    const a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(0);
    return String(+v.toPrecision(3));
  }

  // series: [{name, color, points: [[x, y], ...], dots}]; options: {xLabel, yMin, yMax, integerX}
  function line(container, series, options) {
    options = options || {};
    const all = series.flatMap((s) => s.points.filter((p) => p[1] !== null && isFinite(p[1])));
    const svg = el("svg", { viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "none", role: "img" });
    let x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    if (all.length) {
      x0 = Math.min(...all.map((p) => p[0]));
      x1 = Math.max(...all.map((p) => p[0]));
      y0 = options.yMin !== undefined ? options.yMin : Math.min(...all.map((p) => p[1]));
      y1 = options.yMax !== undefined ? options.yMax : Math.max(...all.map((p) => p[1]));
      if (options.yMin === undefined) y0 = Math.max(0, y0 - 0.05 * (y1 - y0));
      if (options.yMax === undefined) y1 = y1 + 0.05 * (y1 - y0 || 1);
      if (x1 === x0) { x1 = x0 + 1; }
      if (y1 === y0) { y1 = y0 + 1; }
    }
    const sx = (x) => L + (x - x0) / (x1 - x0) * (W - L - R);
    const sy = (y) => T + (1 - (y - y0) / (y1 - y0)) * (H - T - B);
    for (const t of ticks(y0, y1, 4)) {
      svg.append(el("line", { x1: L, x2: W - R, y1: sy(t), y2: sy(t), class: "gridline" }));
      svg.append(el("text", { x: L - 6, y: sy(t) + 4, "text-anchor": "end" }, fmt(t)));
    }
    for (const t of ticks(x0, x1, 6).filter((t) => !options.integerX || Number.isInteger(t))) {
      svg.append(el("text", { x: sx(t), y: H - B + 16, "text-anchor": "middle" }, fmt(t)));
    }
    svg.append(el("line", { x1: L, x2: W - R, y1: H - B, y2: H - B, class: "axis" }));
    svg.append(el("line", { x1: L, x2: L, y1: T, y2: H - B, class: "axis" }));
    if (options.xLabel) svg.append(el("text", { x: W - R, y: H - 2, "text-anchor": "end" }, options.xLabel));
    let count = 0;
    for (const s of series) {
      let pts = s.points.filter((p) => p[1] !== null && isFinite(p[1]));
      count += pts.length;
      if (pts.length > 1500) {                       // keep the drawing light: every k-th point, and the last
        const k = Math.ceil(pts.length / 1500);
        pts = pts.filter((_, i) => i % k === 0 || i === pts.length - 1);
      }
      if (pts.length === 0) continue;
      const d = pts.map((p, i) => (i ? "L" : "M") + sx(p[0]).toFixed(1) + " " + sy(p[1]).toFixed(1)).join("");
      svg.append(el("path", { d, fill: "none", stroke: s.color, "stroke-width": 2, "stroke-linejoin": "round",
        "vector-effect": "non-scaling-stroke" }));
      if (s.dots) {
        for (const p of pts) svg.append(el("circle", { cx: sx(p[0]), cy: sy(p[1]), r: 3, fill: s.color }));
      }
    }
    container.replaceChildren(svg);
    container.dataset.points = String(count);
  }

  function legend(container, series) {
    container.replaceChildren(...series.map((s) => {
      const span = document.createElement("span");
      const i = document.createElement("i");
      i.style.background = s.color;
      span.append(i, s.name);
      return span;
    }));
  }

  global.NeuriteCharts = { line, legend };
})(window);
