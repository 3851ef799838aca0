-- Deliveries acknowledged or dropped are deleted once older than orders.retention. This finds
-- them oldest first, a batch at a time, without reading the whole table for every batch.
-- least() ignores nulls: it is when a delivery stopped being pending, null while it still is.
create index device_orders_finished on device_orders ((least(acked_at, dropped_at)));
