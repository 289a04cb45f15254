"use strict";
// The model page: pick a loaded model, read about it, and try it (a drawing for a 28x28 model, a form
// otherwise) through POST /v2/models/{name}/infer.
(function () {
  const $ = (id) => document.getElementById(id);
  let models = [], model = null, pending = false, dirty = false;

  function text(tag, content, cls) {
    const e = document.createElement(tag);
    e.textContent = content;
    if (cls) e.className = cls;
    return e;
  }

  async function infer(row) {
    const body = { inputs: [{ name: "input", shape: [1, row.length], datatype: "FP32", data: Array.from(row) }] };
    const r = await fetch("/v2/models/" + encodeURIComponent(model.name) + "/infer",
      { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const answer = await r.json();
    if (!r.ok) throw new Error(answer.error || ("HTTP " + r.status));
    const out = {};
    for (const o of answer.outputs) out[o.name] = o.data;
    return out;
  }

  function classes(m) { return m.parameters.class_labels || []; }

  function isImage(m) { return m.inputs[0].shape[1] === 784; }

  // Bars, one per class, the top one highlighted.
  function drawBars(el, probs, labels) {
    el.replaceChildren();
    let top = 0;
    for (let c = 1; c < probs.length; c++) if (probs[c] > probs[top]) top = c;
    probs.forEach((p, c) => {
      const row = document.createElement("div");
      row.className = "bar-row" + (c === top ? " top" : "");
      row.dataset.class = labels[c];
      const fill = document.createElement("span");
      fill.className = "fill";
      fill.style.width = (100 * p).toFixed(1) + "%";
      const track = document.createElement("span");
      track.className = "track";
      track.append(fill);
      row.append(text("span", labels[c], "label"), track, text("span", (100 * p).toFixed(1) + "%", "pct"));
      el.append(row);
    });
    return top;
  }

  function showResult(out, predictionEl, barsEl) {
    if (out.values) {
      const names = model.parameters.target_names || out.values.map((_, i) => "y" + i);
      predictionEl.textContent = out.values.map((v, i) => names[i] + " = " + Number(v).toPrecision(4)).join(", ");
      predictionEl.classList.add("long");
      barsEl.replaceChildren();
      return;
    }
    const top = drawBars(barsEl, out.probabilities, classes(model));
    predictionEl.textContent = classes(model)[top];
    predictionEl.classList.toggle("long", predictionEl.textContent.length > 3);
  }

  // ---- the drawing ----
  const canvas = $("canvas"), ctx = canvas.getContext("2d", { willReadFrequently: true });
  let drawing = false, last = null, inked = false;

  function point(e) {
    const r = canvas.getBoundingClientRect();
    return { x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height };
  }

  function stroke(from, to) {
    ctx.strokeStyle = "#14161a";
    ctx.fillStyle = "#14161a";
    ctx.lineWidth = 22;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + (from === to ? 0.01 : 0), to.y);
    ctx.stroke();
    inked = true;
  }

  canvas.addEventListener("pointerdown", (e) => {
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    drawing = true;
    last = point(e);
    stroke(last, last);
    schedule();
  });
  canvas.addEventListener("pointermove", (e) => {
    if (!drawing) return;
    e.preventDefault();
    const p = point(e);
    stroke(last, p);
    last = p;
    schedule();
  });
  const end = () => { if (drawing) { drawing = false; schedule(); } };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);

  $("clear").addEventListener("click", () => {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    inked = false;
    preview(new Float32Array(784));
    $("prediction").textContent = "–";
    drawBars($("probabilities"), new Array(classes(model).length).fill(0), classes(model));
    $("probabilities").querySelectorAll(".top").forEach((r) => r.classList.remove("top"));
  });

  function preview(x) {
    const p = $("preview").getContext("2d");
    const img = p.createImageData(28, 28);
    for (let i = 0; i < 784; i++) {
      const v = 255 - Math.round(255 * x[i]);
      img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = v;
      img.data[4 * i + 3] = 255;
    }
    p.putImageData(img, 0, 0);
  }

  // At most one request in flight; a drawing that changed meanwhile is sent when it returns.
  function schedule() {
    if (!inked) return;
    if (pending) { dirty = true; return; }
    pending = true;
    dirty = false;
    document.body.dataset.busy = "true";
    requestAnimationFrame(async () => {
      const x = NeuriteDigits.mnistInput(NeuriteDigits.canvasInk(canvas), canvas.width, canvas.height);
      preview(x);
      try {
        showResult(await infer(x), $("prediction"), $("probabilities"));
        $("status").textContent = "";
      } catch (err) {
        $("status").textContent = "The server refused the drawing: " + err.message;
      }
      pending = false;
      if (dirty) schedule(); else document.body.dataset.busy = "false";
    });
  }

  // ---- the form ----
  function featureNames(m) {
    const n = m.inputs[0].shape[1];
    return m.parameters.feature_names || Array.from({ length: n }, (_, i) => "x" + i);
  }

  function buildForm(m) {
    const form = $("features");
    form.replaceChildren();
    featureNames(m).forEach((name, i) => {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "number";
      input.step = "any";
      input.required = true;
      input.value = "0";
      input.name = name;
      input.dataset.testid = "feature-" + i;
      label.append(text("span", name), input);
      form.append(label);
    });
    $("tab-prediction").textContent = "–";
    $("tab-probabilities").replaceChildren();
    $("tab-probs-title").textContent = m.parameters.task === "regression" ? "" : "Class probabilities";
  }

  $("features").addEventListener("submit", async (e) => {
    e.preventDefault();
    const row = Array.from($("features").querySelectorAll("input"), (i) => Number(i.value));
    try {
      showResult(await infer(row), $("tab-prediction"), $("tab-probabilities"));
      $("status").textContent = "";
    } catch (err) {
      $("status").textContent = "The server refused these features: " + err.message;
    }
  });

  // ---- about the model ----
  function showAbout(m) {
    $("arch").textContent = m.parameters.architecture + " · " + m.parameter_count.toLocaleString("en") + " parameters · "
      + m.parameters.task + " · loss " + m.parameters.loss + " · normalisation " + m.parameters.normalization;
    const body = $("layers").querySelector("tbody");
    body.replaceChildren();
    m.layers.forEach((l, i) => {
      const tr = document.createElement("tr");
      if (l.type === "dense") {
        tr.append(text("td", (i + 1) + " dense"), text("td", l.inputs + " → " + l.units), text("td", l.activation),
          text("td", l.parameters.toLocaleString("en"), "num"));
      } else {
        tr.append(text("td", (i + 1) + " dropout"), text("td", "rate " + l.rate), text("td", ""), text("td", "0", "num"));
      }
      body.append(tr);
    });
    const prov = $("provenance").querySelector("tbody");
    prov.replaceChildren();
    const entries = Object.entries(m.provenance);
    if (entries.length === 0) prov.append(Object.assign(document.createElement("tr"), { innerHTML: "<td>none recorded</td>" }));
    for (const [k, v] of entries) {
      const tr = document.createElement("tr");
      if (k.startsWith("test_")) tr.className = "highlight";
      tr.append(text("th", k.replace(/_/g, " ")), text("td", v));
      prov.append(tr);
    }
    const chips = $("classes");
    chips.replaceChildren();
    const names = m.parameters.task === "regression" ? (m.parameters.target_names || []) : classes(m);
    names.forEach((c) => chips.append(text("span", c, "chip")));
    $("about").hidden = false;
  }

  function choose(name) {
    model = models.find((m) => m.name === name);
    showAbout(model);
    const image = isImage(model);
    $("image-try").hidden = !image;
    $("tabular-try").hidden = image;
    if (image) {
      $("clear").click();
    } else {
      buildForm(model);
    }
    document.title = "Neurite · " + model.name;
    $("status").textContent = "";
  }

  async function start() {
    const r = await fetch("/page/models");
    models = (await r.json()).models;
    const select = $("model");
    for (const m of models) select.append(new Option(m.name + " (" + m.parameters.architecture + ")", m.name));
    select.addEventListener("change", () => choose(select.value));
    if (models.length === 0) {
      $("status").textContent = "This server has no models.";
      return;
    }
    choose(models[0].name);
    document.body.dataset.ready = "true";
  }

  start().catch((err) => { $("status").textContent = "Could not read the models: " + err.message; });
})();
