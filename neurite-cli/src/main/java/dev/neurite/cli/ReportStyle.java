package dev.neurite.cli;

/** The report page's style sheet: system fonts, one palette, tabular figures; no external resource. */
final class ReportStyle {
    private ReportStyle() {}

    static final String CSS = String.join("",
            ":root{--ink:#1f2937;--muted:#4b5563;--line:#e5e7eb;--bg:#f6f7f9;--accent:#0072b2;--bad:#991b1b}",
            "*{box-sizing:border-box}",
            "body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',Helvetica,Arial,sans-serif}",
            "main{max-width:1120px;margin:0 auto;padding:28px 24px 56px}",
            "h1{font-size:28px;line-height:1.2;margin:0 0 14px}",
            "h2{font-size:19px;margin:0 0 10px}",
            "header dl.run{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0;color:var(--muted)}",
            "header dt{font-weight:600}header dd{margin:0}",
            "code,.cmd{font-family:ui-monospace,'SFMono-Regular',Menlo,Consolas,'DejaVu Sans Mono',monospace;font-size:13px}",
            ".cmd{display:block;background:#111827;color:#f3f4f6;padding:8px 12px;border-radius:8px;white-space:pre-wrap;word-break:break-all}",
            ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:12px;margin:22px 0}",
            ".card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:12px 16px}",
            ".card .k{color:var(--muted);font-size:13px}",
            ".card .v{font-size:24px;font-weight:650;font-variant-numeric:tabular-nums}",
            ".card .n{color:var(--muted);font-size:12.5px}",
            "section{background:#fff;border:1px solid var(--line);border-radius:10px;padding:18px 22px;margin:18px 0}",
            ".note{color:var(--muted);margin:0 0 10px}",
            "figure{margin:0}figure.chart svg{max-width:100%;height:auto;display:block}",
            ".pair{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}.pair>div{flex:1 1 420px;min-width:0}",
            ".pair svg{max-width:100%;height:auto}",
            "table{border-collapse:collapse;font-variant-numeric:tabular-nums}",
            "th,td{padding:5px 12px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}",
            "table.classes td{text-align:right}table.classes tfoot th,table.classes tfoot td{border-top:2px solid var(--line)}",
            "table.classes tr.worst{background:#fef2f2}",
            "table.history tr.kept{background:#eff6ff}table.history tr.kept th,table.history tr.kept td{font-weight:650}",
            "table.history{font-size:14px}",
            "table.kv th{color:var(--muted);font-weight:600;white-space:nowrap}",
            ".files a{margin-right:10px;color:var(--accent)}",
            ".mistakes{display:grid;grid-template-columns:repeat(auto-fill,minmax(100px,1fr));gap:12px}",
            ".mistake{margin:0;text-align:center;font-size:13px}",
            ".mistake img{image-rendering:pixelated;display:block;margin:0 auto 4px;border-radius:4px}",
            ".guess{color:var(--bad);font-weight:650}.conf{color:var(--muted);display:block}",
            "footer{color:var(--muted);font-size:13px;margin-top:24px}");
}
