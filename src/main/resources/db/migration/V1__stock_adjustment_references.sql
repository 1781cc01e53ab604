-- References of applied stock adjustments: a retried ShipStream webhook carries the same reference
-- and must not move stock twice. The UNIQUE key is what makes concurrent retries safe.
CREATE TABLE ${prefix}shipstream_stock_adjustment (
  adjustment_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  reference     VARCHAR(191) NOT NULL COMMENT 'Caller-supplied idempotency reference',
  product_id    INT UNSIGNED NULL COMMENT 'catalog_product_entity.entity_id, NULL when the product was not found',
  sku           VARCHAR(64) NOT NULL,
  delta         DECIMAL(12,4) NOT NULL,
  old_qty       DECIMAL(12,4) NULL,
  new_qty       DECIMAL(12,4) NULL,
  status        VARCHAR(16) NOT NULL COMMENT 'success, no_change or not_found',
  created_at    TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (adjustment_id),
  UNIQUE KEY UNQ_SHIPSTREAM_STOCK_ADJUSTMENT_REFERENCE (reference)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='ShipStream stock adjustments applied by reference';
