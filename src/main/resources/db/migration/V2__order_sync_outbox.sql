-- Orders that moved to Ready to Ship, waiting for (or done with) ShipStream's syncOrder callback.
-- One row per order and captured change: a binlog event replayed after a crash adds nothing.
CREATE TABLE ${prefix}shipstream_order_sync_outbox (
  outbox_id       BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  order_id        INT UNSIGNED NOT NULL COMMENT 'sales_flat_order.entity_id',
  increment_id    VARCHAR(50) NOT NULL,
  change_key      VARCHAR(191) NOT NULL COMMENT 'binlog position of the captured change',
  status          VARCHAR(16) NOT NULL DEFAULT 'pending' COMMENT 'pending, delivered or failed',
  attempts        INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_error      TEXT NULL,
  created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  delivered_at    TIMESTAMP NULL,
  PRIMARY KEY (outbox_id),
  UNIQUE KEY UNQ_SHIPSTREAM_ORDER_SYNC_OUTBOX_CHANGE (order_id, change_key),
  KEY IDX_SHIPSTREAM_ORDER_SYNC_OUTBOX_DUE (status, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='ShipStream syncOrder callbacks to deliver';
