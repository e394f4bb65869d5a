DROP TABLE webhooks.deliveries;
DROP TABLE webhooks.endpoints;
