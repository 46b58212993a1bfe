package bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results table as plain text: latest.txt, the end of the run's log, and the top of latest.html. */
final class TextTable {

    static final String[] HEAD = {"figure", "compared with", "service", "ratio", "target", "result"};

    private TextTable() {
    }

    /** What was run: the sizes the figures depend on. */
    static String summary(Run run) {
        return String.format(Locale.ROOT, "%s: %d users, %d follows, %d posts, hybrid author %d followers; %d connections; steady publishing at %s posts/s",
                run.options().mode(), run.graph().users, run.graph().follows(), run.options().posts(),
                run.graph().followers[(int) run.graph().hybrid], run.options().concurrency(), Format.fmt(run.options().steadyRate()));
    }

    static String render(Run run, List<Row> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(HEAD);
        for (Row r : rows) all.add(cells(r));
        int[] w = new int[HEAD.length];
        for (String[] r : all) for (int k = 0; k < w.length; k++) w[k] = Math.max(w[k], r[k].length());
        StringBuilder b = new StringBuilder("feed benchmark, ").append(summary(run)).append('\n');
        for (int i = 0; i < all.size(); i++) {
            b.append(String.format("%-" + w[0] + "s  %" + w[1] + "s  %" + w[2] + "s  %" + w[3] + "s  %-" + w[4] + "s  %s%n",
                    (Object[]) all.get(i)));
            if (i == 0) b.append("-".repeat(w[0] + w[1] + w[2] + w[3] + w[4] + w[5] + 10)).append('\n');
        }
        return b.toString();
    }

    static String[] cells(Row r) {
        return new String[]{r.figure(), r.against(), r.service(), r.ratio(), r.target(), r.result()};
    }
}
