package io.posbridge.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The one context header a TokenX call carries: {@code terminal-id}, {@code branch-id} or {@code merchant-id}.
 * None is 0006, more than one 0007, as at TokenX.
 */
record SandboxContext(String header, String value) {

    static final String TERMINAL_ID = "terminal-id";
    static final String BRANCH_ID = "branch-id";
    static final String MERCHANT_ID = "merchant-id";

    static SandboxContext exactlyOne(String terminalId, String branchId, String merchantId) {
        List<SandboxContext> given = new ArrayList<>();
        add(given, TERMINAL_ID, terminalId);
        add(given, BRANCH_ID, branchId);
        add(given, MERCHANT_ID, merchantId);
        if (given.isEmpty()) {
            throw TokenxError.noContextHeader();
        }
        if (given.size() > 1) {
            throw TokenxError.severalContextHeaders();
        }
        return given.get(0);
    }

    /** The terminal id, when that is the header given; 1013 otherwise ({@code what} says what needs a terminal). */
    String terminal(String what) {
        if (!TERMINAL_ID.equals(header)) {
            throw TokenxError.wrongFormat(what + " takes a terminal-id header, not " + header);
        }
        return value;
    }

    boolean isTerminal() {
        return TERMINAL_ID.equals(header);
    }

    boolean isBranch() {
        return BRANCH_ID.equals(header);
    }

    private static void add(List<SandboxContext> given, String header, String value) {
        if (value != null && !value.isBlank()) {
            given.add(new SandboxContext(header, value.strip()));
        }
    }
}
