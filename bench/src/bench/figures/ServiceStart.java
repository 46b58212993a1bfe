package bench.figures;

/** Seconds from the harness's start until the service answered its health check. */
public record ServiceStart(double seconds) implements PhaseFigures {

    @Override
    public void json(JsonSections out) {
        out.info().put("service_start_seconds", seconds);
    }
}
