package com.shipstream.openmage.mail;

import com.shipstream.openmage.magento.MagentoProperties;
import com.shipstream.openmage.magento.StoreConfig;
import com.shipstream.openmage.magento.TableColumns;
import com.shipstream.openmage.ops.ServiceMetrics;
import com.shipstream.openmage.sales.Carriers;
import com.shipstream.openmage.sales.ShipmentApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The steps of the shipment-email route ({@code routes/shipment-email.camel.yaml}): reads the
 * committed shipment and the store's email settings ({@code sales_email/shipment/*},
 * {@code trans_email/ident_*}) into the template's model and the mail headers, and counts what
 * was sent and what failed. A failure is logged and counted; the shipment stays as it is.
 */
@Component("shipmentEmail")
public class ShipmentEmail {
    private static final Logger log = LoggerFactory.getLogger(ShipmentEmail.class);

    private final JdbcClient jdbc;
    private final MagentoProperties magento;
    private final StoreConfig config;
    private final Carriers carriers;
    private final ServiceMetrics metrics;

    public ShipmentEmail(JdbcClient jdbc, MagentoProperties magento, StoreConfig config, Carriers carriers, ServiceMetrics metrics) {
        this.jdbc = jdbc;
        this.magento = magento;
        this.config = config;
        this.carriers = carriers;
        this.metrics = metrics;
    }

    /**
     * Body: the {@link ShipmentApi.Created} shipment → the template's model; sets {@code To},
     * {@code From}, {@code Subject} and {@code Bcc}. Stops the route when the store has shipment
     * emails switched off or the order has no email address.
     */
    public void prepare(Exchange exchange) {
        ShipmentApi.Created created = exchange.getIn().getBody(ShipmentApi.Created.class);
        Map<String, Object> shipment = jdbc.sql("SELECT s.entity_id, s.increment_id, s.store_id, o.increment_id AS order_increment_id,"
                        + " o.customer_email, o.customer_firstname, o.customer_lastname, o.shipping_description,"
                        + " b.firstname AS billing_firstname, b.lastname AS billing_lastname, cs.name AS store_name"
                        + " FROM " + magento.table("sales_flat_shipment") + " s"
                        + " JOIN " + magento.table("sales_flat_order") + " o ON o.entity_id = s.order_id"
                        + " LEFT JOIN " + magento.table("sales_flat_order_address") + " b ON b.entity_id = o.billing_address_id"
                        + " LEFT JOIN " + magento.table("core_store") + " cs ON cs.store_id = s.store_id"
                        + " WHERE s.entity_id = :s")
                .param("s", created.shipmentId()).query(TableColumns.TEXT_ROW).single();
        long storeId = Long.parseLong(String.valueOf(shipment.get("store_id")));
        String to = (String) shipment.get("customer_email");
        if (!config.flag("sales_email/shipment/enabled", storeId, true) || to == null || to.isBlank()) {
            log.info("No email for shipment #{}: {}", created.incrementId(), to == null || to.isBlank()
                    ? "the order has no email address" : "sales_email/shipment/enabled is off");
            exchange.setRouteStop(true);
            return;
        }
        String customer = name(shipment.get("customer_firstname"), shipment.get("customer_lastname"));
        if (customer.isEmpty()) {
            customer = name(shipment.get("billing_firstname"), shipment.get("billing_lastname"));
        }
        String storeName = config.value("general/store_information/name", storeId)
                .filter(n -> !n.isBlank()).orElse(shipment.get("store_name") == null ? "" : (String) shipment.get("store_name"));
        String identity = config.value("sales_email/shipment/identity", storeId).orElse("sales");
        String fromEmail = config.value("trans_email/ident_" + identity + "/email", storeId).orElse("sales@example.com");
        String fromName = config.value("trans_email/ident_" + identity + "/name", storeId).orElse("Sales");

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("storeName", storeName);
        model.put("customerName", customer);
        model.put("orderIncrementId", shipment.get("order_increment_id"));
        model.put("shipmentIncrementId", shipment.get("increment_id"));
        model.put("shippingDescription", shipment.get("shipping_description"));
        model.put("items", jdbc.sql("SELECT name, sku, TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM qty)) AS qty FROM "
                        + magento.table("sales_flat_shipment_item") + " WHERE parent_id = :s ORDER BY entity_id")
                .param("s", created.shipmentId()).query(TableColumns.TEXT_ROW).list());
        List<Map<String, Object>> tracks = new ArrayList<>();
        jdbc.sql("SELECT title, carrier_code, track_number FROM " + magento.table("sales_flat_shipment_track")
                        + " WHERE parent_id = :s ORDER BY entity_id")
                .param("s", created.shipmentId())
                .query((rs, n) -> {
                    Map<String, Object> track = new LinkedHashMap<>();
                    track.put("title", rs.getString("title"));
                    track.put("number", rs.getString("track_number"));
                    track.put("url", carriers.trackingUrl(rs.getString("carrier_code"), rs.getString("track_number")));
                    return tracks.add(track);
                }).list();
        model.put("tracks", tracks);
        model.put("hasTracks", !tracks.isEmpty());

        Message message = exchange.getIn();
        message.removeHeaders("*");
        message.setHeader("To", customer.isEmpty() ? to : "\"" + customer.replace("\"", "") + "\" <" + to + ">");
        message.setHeader("From", "\"" + fromName.replace("\"", "") + "\" <" + fromEmail + ">");
        message.setHeader("Subject", (storeName.isEmpty() ? "" : storeName + ": ") + "Shipment # " + shipment.get("increment_id")
                + " for Order # " + shipment.get("order_increment_id"));
        message.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=UTF-8");
        config.value("sales_email/shipment/copy_to", storeId).filter(c -> !c.isBlank())
                .ifPresent(copies -> message.setHeader("Bcc", copies.replace(" ", "")));
        message.setBody(model);
        exchange.setVariable("shipmentIncrementId", shipment.get("increment_id"));
    }

    public void sent(Exchange exchange) {
        metrics.email("sent");
        log.info("Shipment email for shipment #{} sent to {}", exchange.getVariable("shipmentIncrementId"),
                exchange.getIn().getHeader("To"));
    }

    public void failed(Exchange exchange) {
        metrics.email("failed");
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.error("Shipment email for shipment #{} could not be sent (the shipment is saved): {}",
                exchange.getVariable("shipmentIncrementId"), cause == null ? "unknown error" : cause.toString());
    }

    private static String name(Object first, Object last) {
        return ((first == null ? "" : first + " ") + (last == null ? "" : last)).strip();
    }
}
