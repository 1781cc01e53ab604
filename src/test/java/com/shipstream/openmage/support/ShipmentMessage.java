package com.shipstream.openmage.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ShipStream's {@code shipment:packed} / {@code shipment:shipped} webhook message as the plugin
 * passes it to {@code createWithTracking} (spec §11.4): items with their {@code order_item_ref}
 * (the Magento item id), packages with lines, collected data and tracking numbers.
 */
public class ShipmentMessage {
    private static final AtomicLong UNIQUE = new AtomicLong(System.nanoTime() % 1_000_000);

    private final Map<String, Object> message = new LinkedHashMap<>();
    private final List<Object> items = new ArrayList<>();
    private final List<Object> packages = new ArrayList<>();

    public ShipmentMessage(String orderIncrementId, String orderStatus) {
        message.put("unique_id", "SS" + UNIQUE.incrementAndGet());
        message.put("warehouse_id", 1);
        message.put("status", "packed");
        message.put("order_status", orderStatus);
        message.put("source", "magento:" + orderIncrementId);
        message.put("external_id", null);
        message.put("carrier", "fedex");
        message.put("service", "FEDEX_2_DAY");
        message.put("service_description", "FedEx 2 Day");
        message.put("items", items);
        message.put("packages", packages);
        message.put("event_name", "shipment:shipped");
        message.put("warehouse_name", "Main");
    }

    public ShipmentMessage carrier(String carrier, String serviceDescription) {
        message.put("carrier", carrier);
        message.put("service_description", serviceDescription);
        return this;
    }

    public ShipmentMessage uniqueId(String uniqueId) {
        message.put("unique_id", uniqueId);
        return this;
    }

    /** A shipment item: ShipStream's own id for it, and the Magento item id it stands for. */
    public ShipmentMessage item(String shipstreamItemId, String orderItemRef, String sku, Object... lotData) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("order_item_id", shipstreamItemId);
        item.put("order_item_ref", orderItemRef);
        item.put("sku", sku);
        item.put("quantity", "1.0000");
        item.put("lot_data", List.of(lotData));
        items.add(item);
        return this;
    }

    /** A package: {@code lines} are pairs of ShipStream item id and order item qty; then its tracking numbers. */
    public ShipmentMessage pack(List<String> trackingNumbers, Object... lines) {
        List<Object> packageItems = new ArrayList<>();
        for (int i = 0; i < lines.length; i += 2) {
            Object id = lines[i];
            Object sku = items.stream().map(m -> (Map<?, ?>) m).filter(m -> m.get("order_item_id").equals(id))
                    .map(m -> (Object) m.get("sku")).findFirst().orElse("unknown");
            packageItems.add(Map.of("order_item_id", id, "sku", sku, "quantity", 1, "order_item_qty", lines[i + 1]));
        }
        Map<String, Object> pack = new LinkedHashMap<>();
        pack.put("package_id", packages.size() + 1);
        pack.put("items", packageItems);
        pack.put("package_data", new ArrayList<>());
        pack.put("tracking_numbers", trackingNumbers);
        packages.add(pack);
        return this;
    }

    /** Adds a collected datum (e.g. a serial number) to the last package. */
    @SuppressWarnings("unchecked")
    public ShipmentMessage collected(String shipstreamItemId, String label, String value) {
        Map<String, Object> pack = (Map<String, Object>) packages.get(packages.size() - 1);
        ((List<Object>) pack.get("package_data")).add(Map.of("order_item_id", shipstreamItemId, "label", label, "value", value));
        return this;
    }

    public Map<String, Object> toMap() {
        return message;
    }
}
