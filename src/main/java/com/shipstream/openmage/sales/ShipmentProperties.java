package com.shipstream.openmage.sales;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Shipments created for ShipStream.
 *
 * @param carriers the store's carriers that take tracking numbers (Magento: every carrier model
 *                 that supports tracking, active or not): code → default title (the store's
 *                 {@code carriers/<code>/title} wins) and a tracking link with {@code {number}},
 *                 used in the shipment email. Tracks of other carriers are saved as {@code custom}.
 */
@ConfigurationProperties("shipstream.shipment")
public record ShipmentProperties(Map<String, Carrier> carriers) {
    public record Carrier(String title, String trackingUrl) {
    }

    public ShipmentProperties {
        if (carriers == null || carriers.isEmpty()) {
            carriers = new LinkedHashMap<>();
            carriers.put("ups", new Carrier("United Parcel Service", "https://www.ups.com/track?tracknum={number}"));
            carriers.put("usps", new Carrier("United States Postal Service",
                    "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}"));
            carriers.put("fedex", new Carrier("Federal Express", "https://www.fedex.com/fedextrack/?trknbr={number}"));
            carriers.put("dhlint", new Carrier("DHL", "https://www.dhl.com/en/express/tracking.html?AWB={number}"));
            carriers.put("dhl", new Carrier("DHL (Deprecated)", "https://www.dhl.com/en/express/tracking.html?AWB={number}"));
        }
    }
}
