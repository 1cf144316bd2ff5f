package io.posbridge.reconciliation;

import java.util.List;

/**
 * One calendar day of holds and orders, a row per store and currency. Hold amounts are cents as they move the
 * settlement account: a payment or withdrawal counts positive, a deposit negative.
 */
public record DayReport(String date, String timeZone, List<Row> rows) {

    public record Row(String store, String currency, Tally holdsCreated, Posting holdsFinalised, Tally holdsReversed,
            Tally holdsExpired, Tally holdsPending, Posting finalisedAfterExpiry, Tally finaliseAfterExpiryRefused,
            List<OrderTally> orders) {
    }

    /** How many holds and the amounts they held. */
    public record Tally(long count, long amount) {
        static final Tally NONE = new Tally(0, 0);
    }

    /** How many holds, the amounts they held and the amounts posted (a FINALISE may post less than was held). */
    public record Posting(long count, long amount, long posted) {
        static final Posting NONE = new Posting(0, 0, 0);
    }

    /** The orders in one state and what their baskets total. */
    public record OrderTally(String state, long count, long total) {
    }
}
