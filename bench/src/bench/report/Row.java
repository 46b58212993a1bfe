package bench.report;

import bench.figures.Figures;

/** One row of the results table, as text: the text table and the markdown table show the same rows. */
record Row(String figure, String against, String service, String ratio, String target, String result) {

    /** A ratio target: the service's figure and the one it is divided by, shown by the caller. */
    static Row ratio(Target t, Figures f, String against, String service) {
        double v = t.value(f);
        return new Row(t.description(), against, service, Format.ratio(v), t.text(), t.passes(f) ? "PASS" : "FAIL");
    }

    /** A limit target: the value itself is the service's figure. */
    static Row limit(Target t, Figures f, String against) {
        return new Row(t.description(), against, Format.fmt(t.value(f)) + " " + t.unit(), "", t.text(), t.passes(f) ? "PASS" : "FAIL");
    }

    static Row reference(Reference r, Figures f, String against, String service) {
        return new Row(r.description(), against, service, Format.ratio(r.value(f)), "(raw limit)", "");
    }

    /** A figure with a ratio but no target. */
    static Row reported(String figure, String against, String service, double ratio) {
        return new Row(figure, against, service, Format.ratio(ratio), "(no target)", "");
    }

    /** A figure alone; {@code note} says whether it is read for itself ("(no target)") or explains a row near it (""). */
    static Row figure(String figure, String against, String service, String note) {
        return new Row(figure, against, service, "", note, "");
    }
}
