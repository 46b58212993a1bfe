package bench.report;

import java.util.Locale;

/** Numbers as the tables show them: three significant figures or so, thousands separated. */
final class Format {

    private Format() {
    }

    static String fmt(double d) {
        if (Double.isNaN(d)) return "n/a";
        if (Double.isInfinite(d)) return "inf";
        if (Math.abs(d) >= 100) return String.format(Locale.ROOT, "%,.0f", d);
        if (Math.abs(d) >= 10) return String.format(Locale.ROOT, "%.1f", d);
        return String.format(Locale.ROOT, "%.2f", d);
    }

    static String ms(double d) {
        return fmt(d) + " ms";
    }

    static String ratio(double d) {
        return String.format(Locale.ROOT, "%.3f", d);
    }
}
