package bench.phases;

/**
 * One phase of the run (see {@link Phases#inOrder()}): it drives its loads through the context's service and
 * records what it measured as one {@link bench.figures.PhaseFigures} record in the context's figures.
 */
public interface Phase {

    String name();

    void run(BenchContext ctx) throws Exception;
}
