package io.posbridge.ops.page;

import io.posbridge.orders.OrderState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many orders are in each state, every state listed (zero included) in the order an order goes through them. */
@Component
@Order(2)
class OrdersByStateSection implements OperatorSection {

    record StateCount(String state, long count) {
    }

    private final JdbcClient db;

    OrdersByStateSection(JdbcClient db) {
        this.db = db;
    }

    @Override
    public String name() {
        return "ordersByState";
    }

    @Override
    public List<StateCount> read() {
        Map<String, Long> counts = db.sql("SELECT state, COUNT(*) FROM orders GROUP BY state")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return Arrays.stream(OrderState.values())
                .map(state -> new StateCount(state.name(), counts.getOrDefault(state.name(), 0L)))
                .toList();
    }
}
