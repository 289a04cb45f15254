// MNIST-style preprocessing of a drawing, step for step as dev.neurite.data.DigitInput does it in Java;
// both are tested against the golden arrays of tools/digit-goldens/make_goldens.py (numpy and scipy).
//   1. m = the largest ink value; no ink gives zeros
//   2. the box: rows and columns of the pixels with 10*ink > m
//   3. the box scaled so that its longer side is 20 (aspect kept), by area averaging
//   4. values divided by their maximum
//   5. placed in 28x28 at floor(14 - c + 1e-6) per axis, c the centre of mass, clamped inside
"use strict";
(function (global) {
  const SIDE = 28, BOX = 20;

  // Area-averaging weights (out, inn): output j covers source [j*inn/out, (j+1)*inn/out).
  function areaWeights(inn, out) {
    const w = new Float64Array(out * inn);
    const step = inn / out;
    for (let j = 0; j < out; j++) {
      const lo = (j * inn) / out, hi = ((j + 1) * inn) / out;
      for (let k = Math.floor(lo); k < Math.min(inn, Math.ceil(hi)); k++) {
        const overlap = Math.min(hi, k + 1) - Math.max(lo, k);
        if (overlap > 0) w[j * inn + k] = overlap / step;
      }
    }
    return w;
  }

  function offset(c, size) {
    const o = Math.floor(SIDE / 2 - c + 1e-6);
    return Math.max(0, Math.min(SIDE - size, o));
  }

  // ink: width*height values in [0, 1], row-major (1 = full ink). Returns 784 values, row-major.
  function mnistInput(ink, width, height) {
    const out = new Float32Array(SIDE * SIDE);
    let m = 0;
    for (let i = 0; i < ink.length; i++) if (ink[i] > m) m = ink[i];
    if (m === 0) return out;
    let x0 = width, x1 = -1, y0 = height, y1 = -1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (10 * ink[y * width + x] > m) {
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
        }
      }
    }
    const bw = x1 - x0 + 1, bh = y1 - y0 + 1, longer = Math.max(bw, bh);
    const tw = Math.max(1, Math.floor((2 * BOX * bw + longer) / (2 * longer)));
    const th = Math.max(1, Math.floor((2 * BOX * bh + longer) / (2 * longer)));
    const ax = areaWeights(bw, tw), ay = areaWeights(bh, th);
    const rows = new Float64Array(bh * tw);
    for (let y = 0; y < bh; y++) {
      const src = (y0 + y) * width + x0;
      for (let j = 0; j < tw; j++) {
        let s = 0;
        for (let k = 0; k < bw; k++) s += ax[j * bw + k] * ink[src + k];
        rows[y * tw + j] = s;
      }
    }
    const small = new Float64Array(th * tw);
    let max = 0;
    for (let i = 0; i < th; i++) {
      for (let j = 0; j < tw; j++) {
        let s = 0;
        for (let k = 0; k < bh; k++) s += ay[i * bh + k] * rows[k * tw + j];
        small[i * tw + j] = s;
        if (s > max) max = s;
      }
    }
    let mass = 0, my = 0, mx = 0;
    for (let i = 0; i < th; i++) {
      for (let j = 0; j < tw; j++) {
        const v = small[i * tw + j] / max;
        small[i * tw + j] = v;
        mass += v;
        my += i * v;
        mx += j * v;
      }
    }
    const oy = offset(my / mass, th), ox = offset(mx / mass, tw);
    for (let i = 0; i < th; i++) {
      for (let j = 0; j < tw; j++) out[(oy + i) * SIDE + ox + j] = small[i * tw + j];
    }
    return out;
  }

  // The ink of a canvas drawn in an opaque colour on a transparent background: its alpha.
  function canvasInk(canvas) {
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const ink = new Float32Array(canvas.width * canvas.height);
    for (let i = 0; i < ink.length; i++) ink[i] = data[4 * i + 3] / 255;
    return ink;
  }

  global.NeuriteDigits = { mnistInput, canvasInk, SIDE };
})(window);
