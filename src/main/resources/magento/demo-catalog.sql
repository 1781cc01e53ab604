-- A small demo catalog for the embedded default run: five simple products in the default
-- attribute set, on the main website, with stock in the default stock (id 1).
-- {{prefix}} is Magento's table prefix.
INSERT INTO {{prefix}}catalog_product_entity (entity_id, entity_type_id, attribute_set_id, type_id, sku, has_options, required_options, created_at, updated_at) VALUES
  (1, 4, 4, 'simple', 'DEMO-TEE-S',   0, 0, UTC_TIMESTAMP(), UTC_TIMESTAMP()),
  (2, 4, 4, 'simple', 'DEMO-TEE-M',   0, 0, UTC_TIMESTAMP(), UTC_TIMESTAMP()),
  (3, 4, 4, 'simple', 'DEMO-TEE-L',   0, 0, UTC_TIMESTAMP(), UTC_TIMESTAMP()),
  (4, 4, 4, 'simple', 'DEMO-MUG',     0, 0, UTC_TIMESTAMP(), UTC_TIMESTAMP()),
  (5, 4, 4, 'simple', 'DEMO-POSTER',  0, 0, UTC_TIMESTAMP(), UTC_TIMESTAMP());

-- name (attribute 71)
INSERT INTO {{prefix}}catalog_product_entity_varchar (entity_type_id, attribute_id, store_id, entity_id, value) VALUES
  (4, 71, 0, 1, 'Demo T-Shirt, small'),
  (4, 71, 0, 2, 'Demo T-Shirt, medium'),
  (4, 71, 0, 3, 'Demo T-Shirt, large'),
  (4, 71, 0, 4, 'Demo Mug'),
  (4, 71, 0, 5, 'Demo Poster');

-- price (75) and weight (80)
INSERT INTO {{prefix}}catalog_product_entity_decimal (entity_type_id, attribute_id, store_id, entity_id, value) VALUES
  (4, 75, 0, 1, 19.0000), (4, 80, 0, 1, 0.2000),
  (4, 75, 0, 2, 19.0000), (4, 80, 0, 2, 0.2200),
  (4, 75, 0, 3, 19.0000), (4, 80, 0, 3, 0.2400),
  (4, 75, 0, 4, 12.5000), (4, 80, 0, 4, 0.4000),
  (4, 75, 0, 5,  9.9000), (4, 80, 0, 5, 0.1000);

-- status enabled (96 = 1), visibility catalog+search (102 = 4)
INSERT INTO {{prefix}}catalog_product_entity_int (entity_type_id, attribute_id, store_id, entity_id, value) VALUES
  (4, 96, 0, 1, 1), (4, 102, 0, 1, 4),
  (4, 96, 0, 2, 1), (4, 102, 0, 2, 4),
  (4, 96, 0, 3, 1), (4, 102, 0, 3, 4),
  (4, 96, 0, 4, 1), (4, 102, 0, 4, 4),
  (4, 96, 0, 5, 1), (4, 102, 0, 5, 4);

INSERT INTO {{prefix}}catalog_product_website (product_id, website_id) VALUES (1, 1), (2, 1), (3, 1), (4, 1), (5, 1);

INSERT INTO {{prefix}}cataloginventory_stock_item (product_id, stock_id, qty, is_in_stock, manage_stock, use_config_manage_stock) VALUES
  (1, 1, 40.0000, 1, 0, 1),
  (2, 1, 25.0000, 1, 0, 1),
  (3, 1, 12.0000, 1, 0, 1),
  (4, 1, 100.0000, 1, 0, 1),
  (5, 1, 0.0000, 0, 0, 1);

INSERT INTO {{prefix}}cataloginventory_stock_status (product_id, website_id, stock_id, qty, stock_status) VALUES
  (1, 1, 1, 40.0000, 1),
  (2, 1, 1, 25.0000, 1),
  (3, 1, 1, 12.0000, 1),
  (4, 1, 1, 100.0000, 1),
  (5, 1, 1, 0.0000, 0);
