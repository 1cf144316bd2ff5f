package io.posbridge.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Releases holds whose time ran out with no advise. Runs on every replica: each hold is claimed with
 * SKIP LOCKED, so no hold is expired twice and no replica waits for another.
 */
@Component("holdExpiry")
public class HoldExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(HoldExpiry.class);
    private static final int BATCH = 200;

    private final Holds holds;

    public HoldExpiry(Holds holds) {
        this.holds = holds;
    }

    /** Expires every hold that is due; returns how many this call expired. */
    public int sweep() {
        int expired = 0;
        while (true) {
            int batchExpired = 0;
            var due = holds.dueForExpiry(BATCH);
            for (String key : due) {
                if (holds.expire(key)) {
                    batchExpired++;
                    LOG.warn("hold {} expired with no advise; its funds are released", key);
                }
            }
            expired += batchExpired;
            if (due.size() < BATCH || batchExpired == 0) {
                return expired;
            }
        }
    }
}
