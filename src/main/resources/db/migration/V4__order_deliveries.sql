-- A stored order is one delivery of an order to a device: its id is a delivery id (an offer and
-- its later cancellation share the order id the device quotes, but are two deliveries). The
-- topic is the gateway's business: it follows from the device and its protocol.
alter table device_orders rename column order_id to delivery_id;
alter index device_orders_order_id_key rename to device_orders_delivery_id_key;
alter table device_orders drop column topic;
