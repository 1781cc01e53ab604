package com.shipstream.openmage.sales;

import static com.shipstream.openmage.sales.WebhookData.maps;
import static com.shipstream.openmage.sales.WebhookData.text;

import com.shipstream.openmage.magento.PhpJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comment the extension adds to every ShipStream shipment (spec §4.6.1): one entry per SKU of
 * the order with its name, the lot data ShipStream reported for it and the last datum collected
 * while packing it, as pretty JSON.
 */
public final class ShipmentComment {
    private ShipmentComment() {
    }

    public static String of(OrderItems items, Map<?, ?> data) {
        Map<String, Map<String, Object>> bySku = new LinkedHashMap<>();
        for (OrderItem item : items.all()) {
            Map<String, Object> entry = bySku.computeIfAbsent(item.sku(), sku -> new LinkedHashMap<>());
            entry.put("sku", item.sku());
            entry.put("name", item.name());
        }
        for (Map<?, ?> shipped : maps(data.get("items"))) {
            Map<String, Object> entry = bySku.get(text(shipped.get("sku")));
            if (entry != null && shipped.get("lot_data") instanceof List<?> lots && !lots.isEmpty()) {
                // the key appears with the first lot, as PHP's $entry['lotdata'][] = ... creates it
                @SuppressWarnings("unchecked")
                List<Object> lotdata = (List<Object>) entry.computeIfAbsent("lotdata", k -> new ArrayList<>());
                lotdata.addAll(lots);
            }
        }
        for (Map<?, ?> pack : maps(data.get("packages"))) {
            Map<String, String> skuByLine = new LinkedHashMap<>();
            maps(pack.get("items")).forEach(line -> skuByLine.put(text(line.get("order_item_id")), text(line.get("sku"))));
            for (Map<?, ?> datum : maps(pack.get("package_data"))) {
                String sku = skuByLine.get(text(datum.get("order_item_id")));
                if (sku != null) {
                    Map<String, Object> collected = new LinkedHashMap<>();
                    collected.put("label", datum.get("label"));
                    collected.put("value", datum.get("value"));
                    bySku.computeIfAbsent(sku, s -> new LinkedHashMap<>()).put("collected_data", collected);
                }
            }
        }
        return PhpJson.pretty(new ArrayList<Object>(bySku.values()));
    }
}
