package dev.neurite.cli;

import java.nio.charset.StandardCharsets;

/** The history CSV as an HTML table, the marked epoch's row highlighted; long runs show their first and last epochs. */
final class HistoryTable {
    static final int MAX_ROWS = 200;

    private HistoryTable() {}

    static String html(byte[] csv, int markedEpoch) {
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n");
        StringBuilder h = new StringBuilder("<table class=\"history\">\n<thead><tr>");
        for (String c : lines[0].split(",", -1)) {
            h.append("<th>").append(Html.escape(c)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        int rows = lines.length - 1;
        for (int i = 1; i <= rows; i++) {
            if (rows > MAX_ROWS && i == MAX_ROWS / 2 + 1) {
                h.append("<tr><td colspan=\"99\">\u2026 ").append(rows - MAX_ROWS).append(" epochs in history.csv \u2026</td></tr>\n");
                i = rows - MAX_ROWS / 2;
                continue;
            }
            String[] cells = lines[i].split(",", -1), names = lines[0].split(",", -1);
            boolean marked = cells[0].equals(Integer.toString(markedEpoch));
            h.append(marked ? "<tr class=\"kept\" data-epoch=\"" : "<tr data-epoch=\"").append(Html.escape(cells[0])).append("\">");
            for (int c = 0; c < cells.length; c++) {
                String v = cells[c];
                h.append(c == 0 ? "<th>" : "<td>").append(c == 0 || v.isEmpty() ? Html.escape(v.isEmpty() ? "\u2014" : v)
                        : format(names[c], Double.parseDouble(v))).append(c == 0 ? "</th>" : "</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</tbody>\n</table>\n").toString();
    }

    private static String format(String column, double v) {
        return switch (column) {
            case "lr" -> Describe.g(v);
            case "seconds" -> String.format(java.util.Locale.ROOT, "%.2f", v);
            default -> Html.f4(v);
        };
    }
}
