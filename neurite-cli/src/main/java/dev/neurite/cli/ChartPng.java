package dev.neurite.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG twin of an {@link SvgChart}, drawn by XChart from the same series, colours and marker. */
final class ChartPng {
    private ChartPng() {}

    static byte[] of(SvgChart c) throws IOException {
        XYChart chart = new XYChartBuilder().width(c.width()).height(c.height()).title(c.title()).xAxisTitle(c.xLabel()).yAxisTitle(c.yLabel()).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(0xe5, 0xe7, 0xeb));
        chart.getStyler().setLegendVisible(c.series().size() > 1);
        chart.getStyler().setAntiAlias(true);
        chart.getStyler().setAnnotationLineColor(new Color(0x37, 0x41, 0x51));
        chart.getStyler().setAnnotationLineStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4, 3}, 0));
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (SvgChart.Series s : c.series()) {
            XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
            xy.setLineColor(s.colour());
            xy.setMarkerColor(s.colour());
            if (s.points()) {
                xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                xy.setMarker(SeriesMarkers.CIRCLE);
            } else {
                xy.setMarker(s.y().length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            }
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    lo = Math.min(lo, Math.min(s.x()[i], s.y()[i]));
                    hi = Math.max(hi, Math.max(s.x()[i], s.y()[i]));
                }
            }
        }
        if (c.series().stream().anyMatch(SvgChart.Series::points)) {
            chart.getStyler().setMarkerSize(4);
        }
        if (!Double.isNaN(c.markerX())) {
            chart.addAnnotation(new AnnotationLine(c.markerX(), true, false));
        }
        if ("zero".equals(c.referenceKind())) {
            chart.addAnnotation(new AnnotationLine(0, false, false));
        } else if ("identity".equals(c.referenceKind()) && lo < hi) {
            XYSeries diag = chart.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi});
            diag.setLineColor(new Color(0x6b, 0x72, 0x80));
            diag.setMarker(SeriesMarkers.NONE);
            diag.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
