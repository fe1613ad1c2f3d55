package dev.tunebook.kernel.install;

import dev.tunebook.kernel.Display;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws the kernel logo: a musical note (tunebook) on a coffee-brown tile (Java). Shapes only, no
 * fonts, so it renders the same on headless machines without fonts installed.
 */
final class Logo {
    private static final Color TILE = new Color(0x6f, 0x4e, 0x37);
    private static final Color NOTE = new Color(0xf5, 0xe6, 0xc8);

    private Logo() {}

    /** Returns a {@code size}x{@code size} PNG. */
    static byte[] png(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.scale(size / 64.0, size / 64.0);
            g.setColor(TILE);
            g.fill(new RoundRectangle2D.Double(0, 0, 64, 64, 14, 14));
            g.setColor(NOTE);
            g.fill(new Ellipse2D.Double(14, 40, 16, 12));
            g.fill(new Ellipse2D.Double(36, 34, 16, 12));
            g.setStroke(new BasicStroke(4));
            g.drawLine(28, 46, 28, 14);
            g.drawLine(50, 40, 50, 8);
            Path2D beam = new Path2D.Double();
            beam.moveTo(26, 12);
            beam.lineTo(52, 6);
            beam.lineTo(52, 14);
            beam.lineTo(26, 20);
            beam.closePath();
            g.fill(beam);
        } finally {
            g.dispose();
        }
        return Display.toPng(image);
    }
}
