package io.posbridge.ops.page;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What the operator page shows, in one JSON object: when it was read, today's date (UTC, for the reconciliation the page
 * asks for itself) and each section under its name. A section that cannot be read says so in its place.
 */
@Service
public class OperatorSummary {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorSummary.class);
    static final Map<String, String> UNAVAILABLE = Map.of("unavailable", "could not be read now; the log says why");

    private final List<OperatorSection> sections;
    private final Clock clock;

    public OperatorSummary(List<OperatorSection> sections, Clock clock) {
        this.sections = sections;
        this.clock = clock;
    }

    public Map<String, Object> read() {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("generatedAt", now);
        summary.put("today", LocalDate.from(now));
        for (OperatorSection section : sections) {
            summary.put(section.name(), readOne(section));
        }
        return summary;
    }

    private static Object readOne(OperatorSection section) {
        try {
            return section.read();
        } catch (RuntimeException e) {
            LOG.warn("operator page: section {} could not be read: {}", section.name(), e.toString());
            return UNAVAILABLE;
        }
    }
}
