"use strict";
// The live training dashboard: reads the run from /events (server-sent events; a reconnect sends
// Last-Event-ID and the server replays what was missed) and draws it; Stop posts to /stop.
(function () {
  const $ = (id) => document.getElementById(id);
  const C = { train: "#2f6fde", val: "#d9822b", test: "#1f9d6b", lr: "#7a4fd1" };
  let info = null, lastId = 0, ended = false, queued = false;
  const batches = [], rates = [], epochs = [];
  let lastBatch = null;

  function fmtTime(s) {
    if (s === null || s === undefined || !isFinite(s)) return "–";
    s = Math.round(s);
    if (s < 60) return s + " s";
    if (s < 3600) return Math.floor(s / 60) + " min " + String(s % 60).padStart(2, "0") + " s";
    return Math.floor(s / 3600) + " h " + String(Math.floor(s / 60) % 60).padStart(2, "0") + " min";
  }
  const num = (v, d) => (v === null || v === undefined || !isFinite(v)) ? "–" : Number(v).toFixed(d);
  const pct = (v) => (v === null || v === undefined || !isFinite(v)) ? "–" : (100 * v).toFixed(2) + "%";

  function setState(text, cls) {
    $("state").textContent = text;
    $("state").className = "state " + cls;
  }

  function showInfo(i) {
    info = i;
    $("title").textContent = i.title + " · " + i.architecture;
    document.title = "Neurite · training " + i.title;
    const rows = [["data", i.title], ["network", i.architecture + " (" + Number(i.parameters).toLocaleString("en") + " parameters)"],
      ["optimizer", i.optimizer], ["loss", i.loss], ["epochs × batches", i.epochs + " × " + i.batches_per_epoch + " (batch " + i.batch_size + ")"],
      ["examples", i.train_size + " training" + (i.validation_size ? ", " + i.validation_size + " validation" : "")
        + (i.test_size ? ", " + i.test_size + " test" : "")], ["started", i.started]];
    const body = $("run").querySelector("tbody");
    body.replaceChildren(...rows.map(([k, v]) => {
      const tr = document.createElement("tr");
      const th = document.createElement("th"), td = document.createElement("td");
      th.textContent = k;
      td.textContent = v;
      tr.append(th, td);
      return tr;
    }));
    $("acc-label").textContent = i.regression ? "last epoch loss" : (i.test_size ? "test accuracy" : "validation accuracy");
  }

  function render() {
    queued = false;
    if (lastBatch) {
      const b = lastBatch;
      $("epoch").textContent = b.epoch + " / " + (info ? info.epochs : "?");
      $("progress").style.width = (100 * b.batch / b.batches).toFixed(1) + "%";
      $("loss").textContent = num(b.loss, 4);
      $("lr").textContent = Number(b.lr).toPrecision(3);
      $("speed").textContent = Math.round(b.samples_per_s).toLocaleString("en");
      $("eta").textContent = ended ? "0 s" : fmtTime(b.eta_s);
    }
    const last = epochs[epochs.length - 1];
    if (last) {
      const acc = info && info.regression ? last.train_loss : (last.test_acc !== undefined ? last.test_acc : last.val_acc);
      $("acc").textContent = info && info.regression ? num(acc, 4) : pct(acc);
    }
    NeuriteCharts.line($("batch-chart"), [{ name: "training loss, smoothed", color: C.train, points: batches }],
      { xLabel: "epoch" });
    NeuriteCharts.legend($("batch-legend"), [{ name: "training loss (exponential moving average of the batches)", color: C.train }]);
    const series = (key, name, color) => ({ name, color, dots: true,
      points: epochs.filter((e) => e[key] !== undefined && e[key] !== null).map((e) => [e.epoch, e[key]]) });
    const loss = [series("train_loss", "training", C.train), series("val_loss", "validation", C.val), series("test_loss", "test", C.test)]
      .filter((s) => s.points.length);
    NeuriteCharts.line($("loss-chart"), loss, { xLabel: "epoch", integerX: true });
    NeuriteCharts.legend($("loss-legend"), loss);
    const acc = [series("train_acc", "training", C.train), series("val_acc", "validation", C.val), series("test_acc", "test", C.test)]
      .filter((s) => s.points.length);
    NeuriteCharts.line($("acc-chart"), acc, { xLabel: "epoch", integerX: true });
    NeuriteCharts.legend($("acc-legend"), acc);
    NeuriteCharts.line($("lr-chart"), [{ name: "learning rate", color: C.lr, points: rates }], { xLabel: "epoch", yMin: 0 });
    NeuriteCharts.legend($("lr-legend"), [{ name: "learning rate per step", color: C.lr }]);
    if (last && last.confusion) confusion(last);
  }

  function schedule() {
    if (!queued) {
      queued = true;
      requestAnimationFrame(render);
    }
  }

  // Rows: true class; columns: predicted. Shade by the row's share, so errors show as well as hits.
  function confusion(e) {
    const m = e.confusion, names = (info && info.classes) || m.map((_, i) => String(i));
    $("confusion-title").textContent = "Confusion matrix, " + e.confusion_of + " data, epoch " + e.epoch + " (rows: true class, columns: predicted)";
    const table = document.createElement("table");
    table.className = "confusion";
    const head = document.createElement("tr");
    head.append(document.createElement("th"));
    names.forEach((n) => { const th = document.createElement("th"); th.textContent = n; head.append(th); });
    table.append(head);
    m.forEach((row, i) => {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.textContent = names[i];
      tr.append(th);
      const total = row.reduce((a, b) => a + b, 0) || 1;
      row.forEach((v, j) => {
        const td = document.createElement("td");
        const share = v / total;
        td.textContent = v;
        td.title = names[i] + " read as " + names[j] + ": " + v + " (" + (100 * share).toFixed(1) + "% of " + names[i] + ")";
        if (i === j) {
          td.style.background = "rgba(47,111,222," + (0.12 + 0.88 * share).toFixed(3) + ")";
          td.style.color = share > 0.5 ? "#fff" : "#1d2330";
        } else if (v > 0) {
          td.style.background = "rgba(200,69,59," + Math.min(1, 0.1 + 4 * share).toFixed(3) + ")";
          td.style.color = 4 * share > 0.55 ? "#fff" : "#1d2330";
        } else {
          td.style.color = "#b8bfcc";
        }
        tr.append(td);
      });
      table.append(tr);
    });
    $("confusion").replaceChildren(table);
  }

  function fresh(ev) {
    const id = Number(ev.lastEventId);
    if (id && id <= lastId) return false;       // already seen (never expected: the server replays after Last-Event-ID)
    if (id) lastId = id;
    return true;
  }

  const source = new EventSource("/events");
  source.addEventListener("info", (ev) => { showInfo(JSON.parse(ev.data)); if (!ended) setState("running", "running"); schedule(); });
  source.addEventListener("batch", (ev) => {
    if (!fresh(ev)) return;
    const b = JSON.parse(ev.data);
    const x = b.epoch - 1 + b.batch / b.batches;
    batches.push([x, b.loss]);
    rates.push([x, b.lr]);
    lastBatch = b;
    schedule();
  });
  source.addEventListener("epoch", (ev) => {
    if (!fresh(ev)) return;
    epochs.push(JSON.parse(ev.data));
    schedule();
  });
  source.addEventListener("end", (ev) => {
    if (!fresh(ev)) return;
    const e = JSON.parse(ev.data);
    ended = true;
    source.close();
    setState(e.how, e.how === "failed" ? "lost" : "done");
    $("status").textContent = e.message;
    $("stop").disabled = true;
    document.body.dataset.ended = e.how;
    schedule();
  });
  source.onerror = () => {
    if (!ended) setState("reconnecting", "lost");
  };
  source.onopen = () => { if (!ended) setState("running", "running"); };

  $("stop").addEventListener("click", async () => {
    $("stop").disabled = true;
    setState("stopping", "running");
    try {
      const r = await fetch("/stop", { method: "POST" });
      if (!r.ok) throw new Error("HTTP " + r.status);
      $("status").textContent = "Stopping after the current batch; the model is saved as after an early stop.";
    } catch (err) {
      $("stop").disabled = false;
      $("status").textContent = "Could not ask the run to stop: " + err.message;
    }
  });
})();
