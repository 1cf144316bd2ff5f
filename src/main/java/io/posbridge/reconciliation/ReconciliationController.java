package io.posbridge.reconciliation;

import io.posbridge.ops.TextField;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/reconciliation?date=YYYY-MM-DD[&store=…]: one day's holds and orders per store and currency, as JSON, or as
 * CSV for a caller that asks for text/csv. Behind the admin credentials (ops.AdminConfiguration).
 */
@RestController
public class ReconciliationController {

    /** The longest store a hold can carry: retailerId/remoteStoreId, 256 characters each. */
    static final int MAX_STORE_LENGTH = 513;
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final DailyReconciliation reconciliation;

    public ReconciliationController(DailyReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GetMapping("/api/reconciliation")
    public ResponseEntity<?> day(@RequestParam(required = false) String date, @RequestParam(required = false) String store,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        LocalDate day;
        try {
            day = date == null || !DATE.matcher(date).matches() ? null : LocalDate.parse(date);
        } catch (DateTimeException e) {
            return refuse("date " + date + " is no calendar day");
        }
        if (day == null) {
            return refuse("date is required, as YYYY-MM-DD (a calendar day in " + reconciliation.timeZone().getId() + ")");
        }
        if (store != null) {
            String problem = store.isEmpty() ? "must not be empty" : TextField.problem(store, MAX_STORE_LENGTH);
            if (problem != null) {
                return refuse("store " + problem);
            }
        }
        DayReport report = reconciliation.report(day, store);
        if (wantsCsv(accept)) {
            return ResponseEntity.ok().contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"reconciliation-" + day + ".csv\"")
                    .body(ReconciliationCsv.of(report));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    /** CSV when the caller names text/csv and likes it at least as well as JSON; JSON for anything else. */
    static boolean wantsCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        double csv = 0;
        double json = 0;
        for (MediaType type : types) {
            if (type.getType().equalsIgnoreCase("text") && type.getSubtype().equalsIgnoreCase("csv")) {
                csv = Math.max(csv, type.getQualityValue());
            } else if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()) {
                json = Math.max(json, type.getQualityValue());
            }
        }
        return csv > 0 && csv >= json;
    }

    private static ResponseEntity<Map<String, Object>> refuse(String problem) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("error", "invalid request", "problems", List.of(problem)));
    }
}
