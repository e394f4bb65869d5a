-- The price list orders are priced from. Amounts are integer minor units of an ISO-4217 currency.
-- "Deleting" a product only deactivates it: orders placed earlier keep their copy of name and price.
CREATE TABLE orders.products (
  id          uuid        PRIMARY KEY,
  sku         varchar(64) NOT NULL,
  name        varchar(200) NOT NULL,
  unit_price  bigint      NOT NULL CHECK (unit_price >= 0),
  currency    char(3)     NOT NULL,
  active      boolean     NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  deleted_at  timestamptz,
  CONSTRAINT products_sku_key UNIQUE (sku)
);

-- GET /products (keyset, newest first): active products for everyone, all of them for admins.
CREATE INDEX products_active_created_idx ON orders.products (created_at DESC, id DESC) WHERE active;
CREATE INDEX products_created_idx ON orders.products (created_at DESC, id DESC);
