package bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;

import bench.harness.Json;

/**
 * The results of a run: {@code latest.json} (and a timestamped copy), {@code latest.txt} (the table),
 * {@code latest.html} (the table and inline SVG charts) in the results directory, and the markdown table in
 * docs/benchmark-results.md (copied as {@code latest.md} beside the others).
 */
public final class Report {

    private final Run run;

    public Report(Run run) {
        this.run = run;
    }

    public void write() throws Exception {
        Path results = run.options().results();
        Files.createDirectories(results);
        String json = Json.write(JsonReport.of(run));
        Files.writeString(results.resolve("latest.json"), json);
        String stamp = run.started().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "");
        Files.writeString(results.resolve("run-" + stamp + ".json"), json);
        List<Row> rows = TableRows.of(run);
        String table = TextTable.render(run, rows);
        Files.writeString(results.resolve("latest.txt"), table);
        Files.writeString(results.resolve("latest.html"), new Html(run).page(table));
        String markdown = Markdown.render(run, rows);
        Files.writeString(results.resolve("latest.md"), markdown);
        Path md = run.options().markdown();
        if (md.getParent() != null) Files.createDirectories(md.getParent());
        Files.writeString(md, markdown);
        System.out.println();
        System.out.print(table);
        System.out.printf("%nwall time %.0f s (%s); results in %s/latest.{json,html,txt,md} and %s%n", run.wallSeconds(),
                run.options().mode(), results, md);
    }
}
