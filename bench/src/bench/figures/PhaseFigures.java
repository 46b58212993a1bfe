package bench.figures;

/** What one phase measured: typed for the report, and written into latest.json under the keys the file has always had. */
public interface PhaseFigures {

    void json(JsonSections out);
}
