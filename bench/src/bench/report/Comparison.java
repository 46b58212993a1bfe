package bench.report;

/** How a target's value is judged against its threshold. */
public enum Comparison {
    AT_LEAST(">="),
    AT_MOST("<=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double value, double threshold) {
        return this == AT_LEAST ? value >= threshold : value <= threshold;
    }
}
