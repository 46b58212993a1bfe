package bench.report;

import java.util.Locale;

/** The few SVG elements the charts draw with. */
final class Svg {

    private Svg() {
    }

    static String open(int w, int h) {
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">", w, h, w, h);
    }

    static String rect(int x, int y, int w, int h, String fill) {
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>", x, y, w, h, fill);
    }

    static String text(int x, int y, String s, String anchor, String fill) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" fill=\"%s\">%s</text>", x, y, anchor, fill, esc(s));
    }

    static String line(double x1, double y1, double x2, double y2, String stroke, String extra) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>", x1, y1, x2, y2, stroke,
                extra.isEmpty() ? "" : " " + extra);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
