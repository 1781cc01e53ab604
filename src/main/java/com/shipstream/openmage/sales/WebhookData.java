package com.shipstream.openmage.sales;

import com.shipstream.openmage.soap.PhpValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reading ShipStream's webhook message (the {@code data} of the shipment methods) as the PHP
 * extension does: a missing or mistyped list iterates nothing, values are compared as text.
 */
final class WebhookData {
    private WebhookData() {
    }

    /** The maps in a list (or a map's values); nothing for anything else. */
    static List<Map<?, ?>> maps(Object value) {
        List<Map<?, ?>> maps = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(v -> {
                if (v instanceof Map<?, ?> m) {
                    maps.add(m);
                }
            });
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> {
                if (v instanceof Map<?, ?> m) {
                    maps.add(m);
                }
            });
        }
        return maps;
    }

    /** A scalar as PHP's string conversion writes it; "" for null. */
    static String text(Object value) {
        return PhpValues.toPhpString(value);
    }
}
