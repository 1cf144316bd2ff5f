package io.posbridge.orders;

import java.util.List;

/** An order that cannot be taken as it is; every problem is listed, nothing was stored. */
public class OrderRefused extends RuntimeException {

    private final List<String> problems;

    public OrderRefused(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
