package dev.synack.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * A PNG of a soak's resources over time, drawn with Java2D (no plotting library): one panel each for RSS,
 * heap after GC, direct memory, file descriptors (with twice the open sessions, the part sessions
 * explain) and threads; the warm-up is shaded.
 */
final class SoakPlot {
    private static final int WIDTH = 900;
    private static final int PANEL = 150;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final double MIB = 1024 * 1024;

    private record Series(String title, ToDoubleFunction<ResourceSample> value, ToDoubleFunction<ResourceSample> second) {}

    private SoakPlot() {}

    static void write(SoakResult r, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Series> series = List.of(
                new Series("RSS (MiB)", s -> s.rssKib() / 1024.0, null),
                new Series("heap after GC (MiB)", s -> s.heapAfterGc() / MIB, null),
                new Series("direct memory (MiB)", s -> s.direct() / MIB, null),
                new Series("fds (grey: 2 x sessions)", s -> s.fds(), s -> 2.0 * s.sessions()),
                new Series("threads", s -> s.threads(), null));
        List<double[]> t = new ArrayList<>();
        List<ResourceSample> samples = new ArrayList<>();
        t.add(new double[] {0});
        samples.add(r.baseline());
        r.points().forEach(p -> {
            t.add(new double[] {p.seconds()});
            samples.add(p.sample());
        });
        t.add(new double[] {r.quietAt()});
        samples.add(r.quiet());
        double tMax = Math.max(1, r.quietAt());
        BufferedImage img = new BufferedImage(WIDTH, TOP + series.size() * PANEL + 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString("synack soak: " + r.settings() + (r.passed() ? " - PASS" : " - FAIL"), 10, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        double warm = r.settings().warmUp().toMillis() / 1000.0;
        for (int i = 0; i < series.size(); i++) {
            panel(g, series.get(i), TOP + i * PANEL, t, samples, tMax, warm);
        }
        g.drawString(String.format(Locale.ROOT, "time since the traffic started (s); last point: after the traffic stopped (%.0f s)", r.quietAt()),
                LEFT, img.getHeight() - 8);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static void panel(Graphics2D g, Series s, int y0, List<double[]> t, List<ResourceSample> samples, double tMax, double warm) {
        int h = PANEL - 35;
        int top = y0 + 15;
        int w = WIDTH - LEFT - RIGHT;
        double max = 0;
        double min = Double.MAX_VALUE;
        for (ResourceSample r : samples) {
            max = Math.max(max, s.value().applyAsDouble(r));
            min = Math.min(min, s.value().applyAsDouble(r));
            if (s.second() != null) {
                max = Math.max(max, s.second().applyAsDouble(r));
                min = Math.min(min, s.second().applyAsDouble(r));
            }
        }
        min = Math.max(0, min - (max - min) * 0.1 - 1);
        max = max + (max - min) * 0.1 + 1;
        g.setColor(new Color(235, 235, 235));
        g.fillRect(LEFT, top, (int) (w * Math.min(1, warm / tMax)), h);
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, top, w, h);
        g.drawString(s.title(), LEFT + 5, y0 + 11);
        g.drawString(String.format(Locale.ROOT, "%.0f", max), 5, top + 10);
        g.drawString(String.format(Locale.ROOT, "%.0f", min), 5, top + h);
        g.drawString(String.format(Locale.ROOT, "%.0f s", tMax), LEFT + w - 40, top + h + 13);
        if (s.second() != null) {
            line(g, s.second(), t, samples, tMax, min, max, top, h, w, Color.GRAY);
        }
        line(g, s.value(), t, samples, tMax, min, max, top, h, w, new Color(30, 90, 200));
    }

    private static void line(Graphics2D g, ToDoubleFunction<ResourceSample> f, List<double[]> t, List<ResourceSample> samples,
                             double tMax, double min, double max, int top, int h, int w, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(1.6f));
        int px = -1;
        int py = -1;
        for (int i = 0; i < samples.size(); i++) {
            int x = LEFT + (int) (w * t.get(i)[0] / tMax);
            int y = top + h - (int) (h * (f.applyAsDouble(samples.get(i)) - min) / (max - min));
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            g.fillOval(x - 2, y - 2, 4, 4);
            px = x;
            py = y;
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
    }
}
