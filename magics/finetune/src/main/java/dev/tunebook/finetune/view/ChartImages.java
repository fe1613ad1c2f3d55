package dev.tunebook.finetune.view;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Encodes XChart charts as PNG bytes or SVG text. Both work headless ({@code
 * -Djava.awt.headless=true}): PNG through a {@code BufferedImage}, SVG through VectorGraphics2D.
 */
public final class ChartImages {
    private ChartImages() {}

    /** Returns the chart rendered as PNG bytes. */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode chart as PNG", e);
        }
    }

    /** Returns the chart rendered as an SVG document. */
    public static String svg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode chart as SVG", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Returns an HTML {@code img} element that embeds the PNG as a data URI. */
    public static String htmlImage(byte[] png, String alt) {
        return "<img alt=\""
                + Html.escape(alt)
                + "\" src=\"data:image/png;base64,"
                + java.util.Base64.getEncoder().encodeToString(png)
                + "\"/>";
    }
}
