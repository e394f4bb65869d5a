DROP TABLE orders.products;
