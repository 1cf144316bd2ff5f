package io.posbridge.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.posbridge.ledger.Hold.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The operators' view of the ledger: open accounts, top them up, issue and block tokens, reconcile holds. */
@RestController
@RequestMapping("/api")
@ConditionalOnProperty(name = "posbridge.yoyo.enabled", matchIfMissing = true)
public class LedgerAdminController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final long MAX_CREDIT = 1_000_000_000_000L;

    private final Accounts accounts;
    private final Holds holds;

    public LedgerAdminController(Accounts accounts, Holds holds) {
        this.accounts = accounts;
        this.holds = holds;
    }

    public record NewAccount(String id, String currency) {
    }

    /** The amount is read as it was written, so 1.5, 1e2 or "100" is refused instead of rounded or coerced. */
    public record NewCredit(JsonNode amount, String reference) {
    }

    public record NewToken(String id, String type, String accountId) {
    }

    public record AccountView(String id, String currency, long balance, long held, long available) {
        static AccountView of(Account a) {
            return new AccountView(a.id(), a.currency(), a.balance(), a.held(), a.available());
        }
    }

    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    public AccountView openAccount(@RequestBody NewAccount body) {
        List<String> problems = new ArrayList<>();
        requireMatch(problems, "id", body.id(), ID);
        requireMatch(problems, "currency", body.currency(), CURRENCY);
        reject(problems);
        return AccountView.of(accounts.open(body.id(), body.currency()));
    }

    @PostMapping("/accounts/{id}/credits")
    @ResponseStatus(HttpStatus.CREATED)
    public AccountView credit(@PathVariable String id, @RequestBody NewCredit body) {
        List<String> problems = new ArrayList<>();
        JsonNode amount = body.amount();
        boolean wholeCents = amount != null && amount.isIntegralNumber() && amount.canConvertToLong()
                && amount.longValue() > 0 && amount.longValue() <= MAX_CREDIT;
        if (!wholeCents) {
            problems.add("amount must be a whole number of cents (a JSON integer) between 1 and " + MAX_CREDIT);
        }
        requireMatch(problems, "reference", body.reference(), ID);
        reject(problems);
        return AccountView.of(accounts.credit(id, amount.longValue(), body.reference()));
    }

    @GetMapping("/accounts/{id}")
    public AccountView account(@PathVariable String id) {
        return accounts.find(id).map(AccountView::of)
                .orElseThrow(() -> new LedgerRefusal(LedgerRefusal.Reason.UNKNOWN_ACCOUNT, "no account " + id));
    }

    @GetMapping("/accounts/{id}/entries")
    public List<Entry> entries(@PathVariable String id) {
        account(id);
        return accounts.entries(id);
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    public Token issueToken(@RequestBody NewToken body) {
        List<String> problems = new ArrayList<>();
        requireMatch(problems, "id", body.id(), ID);
        requireMatch(problems, "accountId", body.accountId(), ID);
        if (body.type() == null || !Token.TYPES.contains(body.type())) {
            problems.add("type must be WICODE, WIQR or BIN");
        }
        reject(problems);
        return accounts.issueToken(body.id(), body.type(), body.accountId());
    }

    @PostMapping("/tokens/{id}/block")
    public Token block(@PathVariable String id) {
        return accounts.blockToken(id);
    }

    @GetMapping("/holds")
    public List<Hold> holds(@RequestParam State state, @RequestParam(defaultValue = "500") int limit) {
        return holds.inState(state, Math.max(1, Math.min(limit, 5000)));
    }

    @ExceptionHandler(LedgerRefusal.class)
    ResponseEntity<Map<String, String>> refused(LedgerRefusal refusal) {
        HttpStatus status = switch (refusal.reason()) {
            case UNKNOWN_ACCOUNT, UNKNOWN_TOKEN, UNKNOWN_HOLD -> HttpStatus.NOT_FOUND;
            default -> HttpStatus.CONFLICT;
        };
        return ResponseEntity.status(status).body(Map.of("error", refusal.getMessage()));
    }

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidRequest e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid request", "problems", e.problems));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "the body is not the expected JSON"));
    }

    private static void requireMatch(List<String> problems, String field, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            problems.add(field + " must match " + pattern.pattern());
        }
    }

    private static void reject(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
    }

    static final class InvalidRequest extends RuntimeException {
        final List<String> problems;

        InvalidRequest(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = problems;
        }
    }
}
