package com.shipstream.openmage.sales;

import com.shipstream.openmage.magento.StoreConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/** The carrier and title a tracking number is saved under (spec §4.6 step 5, §4.7). */
@Component
public class Carriers {
    public static final String CUSTOM = "custom";

    /** A track's carrier code and title. */
    public record Choice(String code, String title) {
    }

    private final ShipmentProperties properties;
    private final StoreConfig config;

    public Carriers(ShipmentProperties properties, StoreConfig config) {
        this.properties = properties;
        this.config = config;
    }

    public boolean isKnown(String code) {
        return code != null && properties.carriers().containsKey(code);
    }

    /** The store's title of a known carrier ({@code carriers/<code>/title}), else its default. */
    public String title(String code, long storeId) {
        return config.value("carriers/" + code + "/title", storeId).orElse(properties.carriers().get(code).title());
    }

    /** createWithTracking: a known carrier keeps its own title; anything else is {@code custom} titled by the service. */
    public Choice forNewShipment(Object carrier, Object serviceDescription, long storeId) {
        String code = carrier == null ? null : String.valueOf(carrier);
        return isKnown(code) ? new Choice(code, title(code, storeId))
                : new Choice(CUSTOM, serviceDescription == null ? null : String.valueOf(serviceDescription));
    }

    /** addTrackingNumbers: as above, but a non-empty service description overrides a known carrier's title too. */
    public Choice forAddedTracking(Object carrier, Object serviceDescription, long storeId) {
        String code = carrier == null || "".equals(carrier) ? CUSTOM : String.valueOf(carrier);
        String service = serviceDescription == null ? "" : String.valueOf(serviceDescription);
        if (!isKnown(code)) {
            return new Choice(CUSTOM, service.isEmpty() ? "Custom" : service);
        }
        return new Choice(code, service.isEmpty() ? title(code, storeId) : service);
    }

    /** A link to follow the parcel, or null for a carrier without one. */
    public String trackingUrl(String code, String number) {
        ShipmentProperties.Carrier carrier = properties.carriers().get(code);
        if (carrier == null || carrier.trackingUrl() == null || carrier.trackingUrl().isBlank()) {
            return null;
        }
        return carrier.trackingUrl().replace("{number}", URLEncoder.encode(number, StandardCharsets.UTF_8));
    }
}
