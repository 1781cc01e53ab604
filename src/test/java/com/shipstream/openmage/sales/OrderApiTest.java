package com.shipstream.openmage.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipstream.openmage.support.OrderFixture;
import com.shipstream.openmage.support.PhpSoapClient.Result;
import com.shipstream.openmage.support.ServiceTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order methods through PHP's SoapClient, as ShipStream's plugin calls them: the order pull
 * (S4, {@code shipstream_order.selectFields}) and the import (S5, {@code order.info} then
 * {@code order.addComment}), with assertions on the rows.
 */
class OrderApiTest extends ServiceTest {

    private OrderFixture order() {
        return new OrderFixture(jdbc, magento);
    }

    private void setUpdatedAt(long orderId, String updatedAt) {
        jdbc.sql("UPDATE " + magento.table("sales_flat_order") + " SET updated_at = :u WHERE entity_id = :id")
                .param("u", updatedAt).param("id", orderId).update();
    }

    @Test
    void s4OrderPullFindsTheOrdersOfTheWindowAndPagesWithIsoDates() {
        // far in the future, so no other test's orders fall in these windows
        OrderFixture.Created first = order().status("processing", "processing").simple("PULL-A", 1).create();
        OrderFixture.Created second = order().status("processing", "processing").simple("PULL-B", 1).create();
        OrderFixture.Created otherStatus = order().status("complete", "complete").simple("PULL-C", 1).create();
        setUpdatedAt(first.id(), "2031-03-02 03:04:05");
        setUpdatedAt(second.id(), "2031-03-04 10:00:00");
        setUpdatedAt(otherStatus.id(), "2031-03-02 05:00:00");
        String user = shipstreamUser();

        List<Result> results = php().login(user, KEY)
                .call("shipstream_order.selectFields", List.of(Map.of(
                        "updated_at", Map.of("from", "2031-03-01 00:00:00", "to", "2031-03-03 00:00:00"),
                        "status", Map.of("in", List.of("processing", "ready_to_ship")))))
                // the next page starts one second after the latest row, as ISO-8601 with an offset
                .call("shipstream_order.selectFields", List.of(Map.of(
                        "updated_at", Map.of("from", "2031-03-02T03:04:06+00:00", "to", "2031-03-05T02:00:00+02:00"),
                        "status", Map.of("in", List.of("processing")))))
                .call("shipstream_order.selectFields", List.of(Map.of("increment_id", first.incrementId()),
                        List.of("increment_id", "status", "customer_email")))
                .call("shipstream_order.selectFields", List.of(Map.of("increment_id", "x' OR '1'='1")))
                .call("shipstream_order.selectFields", List.of(Map.of("increment_id", "1"), List.of("increment_id", "password")))
                .call("shipstream_order.selectFields", List.of(Map.of("no_such_column", "1")))
                .run();

        JsonNode window = results.get(1).value();
        assertThat(results.get(1).hasObject()).isFalse();
        assertThat(window).hasSize(1);
        assertThat(window.get(0).get("increment_id").asText()).isEqualTo(first.incrementId());
        assertThat(window.get(0).get("updated_at").asText()).isEqualTo("2031-03-02 03:04:05");
        assertThat(fieldNames(window.get(0))).containsExactly("increment_id", "updated_at");

        JsonNode nextPage = results.get(2).value();
        assertThat(nextPage).hasSize(1);
        assertThat(nextPage.get(0).get("increment_id").asText()).isEqualTo(second.incrementId());

        JsonNode chosen = results.get(3).value();
        assertThat(fieldNames(chosen.get(0))).containsExactly("increment_id", "status", "customer_email");
        assertThat(chosen.get(0).get("customer_email").asText()).isEqualTo("jane.doe@example.com");

        assertThat(results.get(4).value()).isEmpty();
        assertThat(results.get(5).faultCode()).isEqualTo("100");
        assertThat(results.get(5).faultString()).contains("password");
        assertThat(results.get(6).faultCode()).isEqualTo("100");
        assertThat(results.get(6).faultString()).contains("no_such_column");
    }

    @Test
    void s5ImportReadsTheWholeOrderAndRecordsTheOutcome() {
        OrderFixture.Created created = order().status("processing", "ready_to_ship").simple("IMP-A", 2)
                .configurable("IMP-SHIRT", "IMP-SHIRT-M", 1).create();
        String user = shipstreamUser();

        List<Result> results = php().login(user, KEY)
                .call("order.info", created.incrementId())
                .call("order.addComment", List.of(created.incrementId(), "submitted", "Created ShipStream Order # 100000042"))
                .call("order.info", "999999999999")
                .call("order.addComment", List.of("999999999999", "submitted", "x"))
                .run();

        Result info = results.get(1);
        assertThat(info.hasObject()).isFalse();
        JsonNode order = info.value();
        assertThat(order.has("entity_id")).isFalse();
        assertThat(order.get("order_id").asText()).isEqualTo(String.valueOf(created.id()));
        assertThat(order.get("increment_id").asText()).isEqualTo(created.incrementId());
        assertThat(order.get("status").asText()).isEqualTo("ready_to_ship");
        assertThat(order.get("shipping_method").asText()).isEqualTo("flatrate_flatrate");
        assertThat(order.get("shipping_description").asText()).isEqualTo("Flat Rate - Fixed");
        assertThat(order.has("payment_authorization_expiration")).isTrue();
        assertThat(order.get("shipping_address").get("street").asText()).isEqualTo("1 Main St\nSuite 2");
        assertThat(order.get("shipping_address").has("address_id")).isTrue();
        assertThat(order.get("billing_address").get("lastname").asText()).isEqualTo("Doe-Billing");
        JsonNode items = order.get("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).get("sku").asText()).isEqualTo("IMP-A");
        assertThat(items.get(0).get("qty_ordered").asText()).isEqualTo("2.0000");
        assertThat(items.get(0).has("has_children")).isFalse();
        assertThat(items.get(1).get("product_type").asText()).isEqualTo("configurable");
        assertThat(items.get(1).get("has_children").asBoolean()).isTrue();
        assertThat(items.get(2).get("parent_item_id").asText()).isEqualTo(items.get(1).get("item_id").asText());
        assertThat(order.get("payment").get("method").asText()).isEqualTo("checkmo");
        assertThat(order.get("payment").has("payment_id")).isTrue();
        assertThat(order.get("status_history").get(0).get("comment").asText()).isEqualTo("Order placed");

        assertThat(results.get(2).value().asBoolean()).isTrue();
        Map<String, Object> row = jdbc.sql("SELECT state, status FROM " + magento.table("sales_flat_order") + " WHERE entity_id = :id")
                .param("id", created.id()).query().singleRow();
        assertThat(row).containsEntry("state", "processing").containsEntry("status", "submitted");
        Map<String, Object> history = jdbc.sql("SELECT status, comment, is_customer_notified, is_visible_on_front, entity_name FROM "
                        + magento.table("sales_flat_order_status_history") + " WHERE parent_id = :id ORDER BY entity_id DESC LIMIT 1")
                .param("id", created.id()).query().singleRow();
        assertThat(history).containsEntry("status", "submitted").containsEntry("comment", "Created ShipStream Order # 100000042")
                .containsEntry("entity_name", "order");
        assertThat(((Number) history.get("is_customer_notified")).intValue()).isZero();
        assertThat(jdbc.sql("SELECT status FROM " + magento.table("sales_flat_order_grid") + " WHERE entity_id = :id")
                .param("id", created.id()).query(String.class).single()).isEqualTo("submitted");

        assertThat(results.get(3).faultCode()).isEqualTo("100");
        assertThat(results.get(3).faultString()).isEqualTo("Requested order not exists.");
        assertThat(results.get(4).faultCode()).isEqualTo("100");
    }

    @Test
    void virtualOrdersHaveNoShippingAddressAndListJoinsTheNames() {
        OrderFixture.Created virtual = order().virtual("GIFT-CARD", 1).create();
        OrderFixture.Created shipped = order().simple("LIST-A", 1).create();
        String user = shipstreamUser();
        List<Result> results = php().login(user, KEY)
                .call("sales_order.info", virtual.incrementId())
                .call("order.list", List.of(Map.of("increment_id", Map.of("in", List.of(shipped.incrementId(), virtual.incrementId())))))
                .call("order.list", List.of(Map.of("billing_name", "Jane")))
                .run();
        assertThat(results.get(3).faultCode()).isEqualTo("101");
        assertThat(results.get(3).faultString()).contains("billing_name");
        JsonNode info = results.get(1).value();
        assertThat(info.get("shipping_address").isArray()).isTrue();
        assertThat(info.get("shipping_address")).isEmpty();
        JsonNode list = results.get(2).value();
        assertThat(list).hasSize(2);
        JsonNode withShipping = list.get(1);
        assertThat(withShipping.get("order_id").asText()).isEqualTo(String.valueOf(shipped.id()));
        assertThat(withShipping.get("shipping_name").asText()).isEqualTo("Jane Doe");
        assertThat(withShipping.get("billing_name").asText()).isEqualTo("Jane Doe-Billing");
        assertThat(withShipping.get("lastname").asText()).isEqualTo("Doe");
        assertThat(list.get(0).get("lastname").isNull()).isTrue();
    }

    @Test
    void coreOrderMethodsNeedTheirMagentoAcl() {
        String onlyShipStream = userWithResources(List.of("shipstream"));
        String readOnly = userWithResources(List.of("sales", "sales/order", "sales/order/info"));
        OrderFixture.Created created = order().simple("ACL-A", 1).create();
        List<Result> denied = php().login(onlyShipStream, KEY).call("order.info", created.incrementId()).run();
        assertThat(denied.get(1).faultCode()).as(denied.toString()).isEqualTo("2");
        // Magento's role editor saves a deny rule for every box left unticked
        jdbc.sql("INSERT INTO " + magento.table("api_rule") + " (role_id, resource_id, assert_id, role_type, api_permission)"
                        + " SELECT parent_id, 'sales/order/change', 0, 'G', 'deny' FROM " + magento.table("api_role")
                        + " WHERE user_id = :u AND parent_id > 0")
                .param("u", userId(readOnly)).update();
        List<Result> results = php().login(readOnly, KEY).call("order.info", created.incrementId())
                .call("order.addComment", List.of(created.incrementId(), "submitted", "x")).run();
        assertThat(results.get(1).isFault()).isFalse();
        assertThat(results.get(2).faultCode()).isEqualTo("2");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
