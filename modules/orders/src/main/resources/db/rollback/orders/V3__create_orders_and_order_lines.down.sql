DROP TABLE orders.order_lines;
DROP TABLE orders.orders;
