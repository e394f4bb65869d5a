-- Orders (aggregate root) and their lines. Prices are copied from the price list when the order
-- is placed (or its items replaced), so later price changes never alter an order.
CREATE TABLE orders.orders (
  id                   uuid         PRIMARY KEY,
  user_id              uuid         NOT NULL,
  status               varchar(16)  NOT NULL
                       CHECK (status IN ('PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
  currency             char(3)      NOT NULL,
  subtotal             bigint       NOT NULL CHECK (subtotal >= 0),
  discount             bigint       NOT NULL CHECK (discount >= 0),
  total                bigint       NOT NULL CHECK (total >= 0),
  shipping_name        varchar(100) NOT NULL,
  shipping_line1       varchar(200) NOT NULL,
  shipping_line2       varchar(200),
  shipping_city        varchar(100) NOT NULL,
  shipping_region      varchar(100),
  shipping_postal_code varchar(20),
  shipping_country     char(2)      NOT NULL,
  note                 varchar(500),
  tracking_number      varchar(100),
  cancellation_reason  varchar(500),
  confirmed_at         timestamptz,
  shipped_at           timestamptz,
  delivered_at         timestamptz,
  cancelled_at         timestamptz,
  version              bigint       NOT NULL,
  created_at           timestamptz  NOT NULL,
  updated_at           timestamptz  NOT NULL,
  deleted_at           timestamptz,
  CONSTRAINT orders_total_is_subtotal_minus_discount CHECK (total = subtotal - discount)
);

-- Every list query is "newest first" over visible orders, optionally per user and per status:
-- one index per shape so that a deep page costs what the first page costs (keyset pagination).
CREATE INDEX orders_user_created_idx ON orders.orders (user_id, created_at DESC, id DESC)
  WHERE deleted_at IS NULL;
CREATE INDEX orders_user_status_created_idx ON orders.orders (user_id, status, created_at DESC, id DESC)
  WHERE deleted_at IS NULL;
CREATE INDEX orders_created_idx ON orders.orders (created_at DESC, id DESC)
  WHERE deleted_at IS NULL;
CREATE INDEX orders_status_created_idx ON orders.orders (status, created_at DESC, id DESC)
  WHERE deleted_at IS NULL;

CREATE TABLE orders.order_lines (
  order_id    uuid         NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
  position    integer      NOT NULL CHECK (position >= 0),
  sku         varchar(64)  NOT NULL,
  name        varchar(200) NOT NULL,
  unit_price  bigint       NOT NULL CHECK (unit_price >= 0),
  quantity    integer      NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
  line_total  bigint       NOT NULL CHECK (line_total >= 0),
  created_at  timestamptz  NOT NULL,
  updated_at  timestamptz  NOT NULL,
  -- The primary key's leading column indexes the foreign key.
  PRIMARY KEY (order_id, position)
);
