DROP TABLE orders.deleted_customers;
