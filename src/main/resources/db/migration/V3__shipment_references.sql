-- Which Magento shipment each ShipStream shipment became: a createWithTracking retried (or sent twice
-- at once) finds its first shipment here instead of shipping the order again. The row is claimed
-- (INSERT IGNORE) before the shipment exists, so a concurrent duplicate waits on its key. Rows go
-- with their shipment (revert, or a shipment deleted in the admin).
CREATE TABLE ${prefix}shipstream_shipment_reference (
  unique_id   VARCHAR(191) NOT NULL COMMENT 'ShipStream shipment unique_id',
  order_id    INT UNSIGNED NOT NULL COMMENT 'sales_flat_order.entity_id',
  shipment_id INT UNSIGNED NULL COMMENT 'sales_flat_shipment.entity_id (NULL while being created)',
  created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (unique_id),
  KEY IDX_SHIPSTREAM_SHIPMENT_REFERENCE_SHIPMENT (shipment_id),
  CONSTRAINT FK_${prefix}SHIPSTREAM_SHIPMENT_REFERENCE_SHIPMENT FOREIGN KEY (shipment_id)
    REFERENCES ${prefix}sales_flat_shipment (entity_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='ShipStream shipments saved as Magento shipments';
