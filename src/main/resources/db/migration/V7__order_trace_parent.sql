-- The W3C traceparent of the span that stored an order (docs/operations.md, "Traces"): its dispatch, later and maybe on
-- another replica, joins that trace. NULL when traces were off at intake.
ALTER TABLE orders ADD COLUMN trace_parent VARCHAR(55);
