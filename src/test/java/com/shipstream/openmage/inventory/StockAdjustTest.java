package com.shipstream.openmage.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipstream.openmage.support.PhpSoapClient.Result;
import com.shipstream.openmage.support.RawSoap;
import com.shipstream.openmage.support.ServiceTest;
import com.shipstream.openmage.support.StoreSettings;
import com.shipstream.openmage.support.TestCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** shipstream_stock_item.adjust and adjustMany against the real stock tables. */
class StockAdjustTest extends ServiceTest {
    private TestCatalog catalog;
    private RawSoap soap;
    private String session;

    @BeforeEach
    void setUp() {
        catalog = new TestCatalog(jdbc, magento);
        soap = new RawSoap(soapUrl());
        session = soap.sessionFor(shipstreamUser(), KEY);
    }

    private String adjust(String skuOrId, Object delta) {
        return soap.post(RawSoap.call(session, "shipstream_stock_item.adjust", RawSoap.args(skuOrId, delta))).body();
    }

    @Test
    void adjustThroughPhpMovesStockAndStatus() {
        String sku = TestCatalog.sku("ADJ");
        catalog.product(sku, 10);

        List<Result> results = php().login(shipstreamUser(), KEY)
                .call("shipstream_stock_item.adjust", List.of(sku, -5.0))
                .call("shipstream_stock_item.adjust", List.of(sku, 2.5))
                .run();

        assertThat(results.get(1).phpType()).isEqualTo("boolean");
        assertThat(results.get(1).value().asBoolean()).isTrue();
        assertThat(catalog.qtyValue(sku)).isEqualTo(7.5);
        assertThat(catalog.flags(sku)).isEqualTo("in_stock=1 auto=0 low=0 status=1 status_qty=7.5");
    }

    @Test
    void anExactSkuWinsOverAnEntityIdAndANumberFindsTheEntity() {
        long target = catalog.product(TestCatalog.sku("BYID"), 4);
        String targetSku = jdbc.sql("SELECT sku FROM " + magento.table("catalog_product_entity") + " WHERE entity_id = :id")
                .param("id", target).query(String.class).single();
        String numericSku = String.valueOf(target);
        // another product whose SKU is the first one's entity id
        String other = "sku-named-by-number-" + target;
        catalog.product(other, 1);
        jdbc.sql("UPDATE " + magento.table("catalog_product_entity") + " SET sku = :n WHERE sku = :o").param("n", numericSku)
                .param("o", other).update();

        assertThat(adjust(numericSku, 3.0)).contains(">true<");
        assertThat(catalog.qtyValue(numericSku)).isEqualTo(4.0); // the product whose SKU is "<id>"
        assertThat(catalog.qtyValue(targetSku)).isEqualTo(4.0);
        jdbc.sql("UPDATE " + magento.table("catalog_product_entity") + " SET sku = :o WHERE sku = :n").param("n", numericSku)
                .param("o", other).update();
        assertThat(adjust(numericSku, 3.0)).contains(">true<");
        assertThat(catalog.qtyValue(targetSku)).isEqualTo(7.0); // now the number is the entity id
    }

    @Test
    void anUnknownProductIsFault102NotExists() {
        String body = adjust("NO-SUCH-SKU-" + System.nanoTime(), 5.0);
        assertThat(RawSoap.faultCode(body)).isEqualTo("102");
        assertThat(RawSoap.faultString(body)).isEqualTo("not_exists");
        assertThat(RawSoap.faultCode(adjust("", 5.0))).isEqualTo("102");
    }

    @Test
    void stockRunsOutAndComesBackAsMagentoSavesIt() {
        String sku = TestCatalog.sku("BACK");
        catalog.product(sku, 2);

        adjust(sku, -2.0);
        assertThat(catalog.qtyValue(sku)).isZero();
        assertThat(catalog.flags(sku)).isEqualTo("in_stock=0 auto=1 low=1 status=0 status_qty=0");

        adjust(sku, -3.0); // oversold: qty may go negative; status qty stays at 0
        assertThat(catalog.qtyValue(sku)).isEqualTo(-3.0);
        assertThat(catalog.flags(sku)).isEqualTo("in_stock=0 auto=1 low=1 status=0 status_qty=0");

        adjust(sku, 8.0); // back in stock
        assertThat(catalog.qtyValue(sku)).isEqualTo(5.0);
        assertThat(catalog.flags(sku)).isEqualTo("in_stock=1 auto=1 low=0 status=1 status_qty=5");

        adjust(sku, 1.0);
        assertThat(catalog.flags(sku)).isEqualTo("in_stock=1 auto=0 low=0 status=1 status_qty=6");
    }

    @Test
    void unmanagedStockAndCompositeTypesAreLeftAlone() {
        String unmanaged = TestCatalog.sku("UNMANAGED");
        catalog.product(unmanaged, 5);
        catalog.setStockColumns(unmanaged, "use_config_manage_stock = 0, manage_stock = 0");
        String configurable = TestCatalog.sku("CONF");
        catalog.product(configurable, "configurable", 0, true);

        assertThat(adjust(unmanaged, -2.0)).contains(">true<");
        assertThat(adjust(configurable, 4.0)).contains(">true<");

        assertThat(catalog.qtyValue(unmanaged)).isEqualTo(5.0);
        assertThat(catalog.qtyValue(configurable)).isZero();
    }

    @Test
    void canSubtractOffChangesNothing() {
        StoreSettings settings = new StoreSettings(jdbc, magento);
        String sku = TestCatalog.sku("NOSUB");
        catalog.product(sku, 5);
        settings.set("cataloginventory/options/can_subtract", "0");
        try {
            assertThat(adjust(sku, -2.0)).contains(">true<");
            assertThat(catalog.qtyValue(sku)).isEqualTo(5.0);
        } finally {
            settings.clear("cataloginventory/options/can_subtract");
        }
    }

    @Test
    void aRetriedReferenceIsAppliedOnce() {
        String sku = TestCatalog.sku("REF");
        catalog.product(sku, 10);
        String ref = "webhook-" + System.nanoTime();
        String args = RawSoap.args(sku, -4.0, ref);

        for (int i = 0; i < 3; i++) {
            assertThat(soap.post(RawSoap.call(session, "shipstream_stock_item.adjust", args)).body()).contains(">true<");
        }

        assertThat(catalog.qtyValue(sku)).isEqualTo(6.0);
        Map<String, Object> row = jdbc.sql("SELECT status, old_qty + 0 AS old_qty, new_qty + 0 AS new_qty FROM "
                + magento.table("shipstream_stock_adjustment") + " WHERE reference = :r").param("r", ref).query().singleRow();
        assertThat(row.get("status")).isEqualTo("success");
        assertThat(((Number) row.get("old_qty")).doubleValue()).isEqualTo(10.0);
        assertThat(((Number) row.get("new_qty")).doubleValue()).isEqualTo(6.0);
    }

    @Test
    void adjustManyAnswersEveryEntryInOrder() {
        String a = TestCatalog.sku("MANY-A");
        String b = TestCatalog.sku("MANY-B");
        catalog.product(a, 10);
        catalog.product(b, 0);
        String ref = "many-" + System.nanoTime();

        List<Result> results = php().login(shipstreamUser(), KEY)
                .call("shipstream_stock_item.adjustMany", List.of(List.of(
                        Map.of("sku", a, "delta", -3.0, "ref", ref),
                        Map.of("sku", "NOPE-" + System.nanoTime(), "delta", 1.0),
                        Map.of("sku", b, "delta", 0.0),
                        Map.of("sku", a, "delta", -2.0),
                        Map.of("sku", b, "delta", 4.0))))
                .call("shipstream_stock_item.adjustMany", List.of(List.of(Map.of("sku", a, "delta", -3.0, "ref", ref))))
                .run();

        JsonNode first = results.get(1).value();
        assertThat(results.get(1).hasObject()).isFalse();
        assertThat(first).hasSize(5);
        assertThat(first.get(0).get("status").asText()).isEqualTo("success");
        assertThat(first.get(0).get("old_qty").asDouble()).isEqualTo(10.0);
        assertThat(first.get(0).get("new_qty").asDouble()).isEqualTo(7.0);
        assertThat(first.get(1).get("status").asText()).isEqualTo("not_found");
        assertThat(first.get(2).get("status").asText()).isEqualTo("no_change");
        assertThat(first.get(3).get("old_qty").asDouble()).isEqualTo(7.0);
        assertThat(first.get(3).get("new_qty").asDouble()).isEqualTo(5.0);
        assertThat(first.get(4).get("status").asText()).isEqualTo("success");
        JsonNode retry = results.get(2).value();
        assertThat(retry.get(0).get("status").asText()).isEqualTo("duplicate");
        assertThat(retry.get(0).get("new_qty").asDouble()).isEqualTo(7.0);
        assertThat(catalog.qtyValue(a)).isEqualTo(5.0);
        assertThat(catalog.qtyValue(b)).isEqualTo(4.0);
        assertThat(catalog.flags(b)).isEqualTo("in_stock=1 auto=1 low=0 status=1 status_qty=4");
    }

    @Test
    void badArgumentsAreFaultsAndWriteNothing() {
        String sku = TestCatalog.sku("BAD");
        catalog.product(sku, 10);

        String notANumber = adjust(sku, "ten");
        String missingDelta = soap.post(RawSoap.call(session, "shipstream_stock_item.adjust", RawSoap.stringArgs(sku))).body();
        String listAsSku = soap.post(RawSoap.call(session, "shipstream_stock_item.adjust",
                "<args SOAP-ENC:arrayType=\"xsd:ur-type[2]\" xsi:type=\"SOAP-ENC:Array\"><item SOAP-ENC:arrayType=\"xsd:string[1]\""
                        + " xsi:type=\"SOAP-ENC:Array\"><item xsi:type=\"xsd:string\">" + sku + "</item></item>"
                        + "<item xsi:type=\"xsd:int\">1</item></args>")).body();
        String manyNotAList = soap.post(RawSoap.call(session, "shipstream_stock_item.adjustMany", RawSoap.stringArgs(sku))).body();
        String entryWithoutDelta = soap.post(RawSoap.call(session, "shipstream_stock_item.adjustMany",
                "<args SOAP-ENC:arrayType=\"xsd:ur-type[1]\" xsi:type=\"SOAP-ENC:Array\"><item SOAP-ENC:arrayType=\"ns2:Map[2]\""
                        + " xsi:type=\"SOAP-ENC:Array\"><item xsi:type=\"ns2:Map\"><item><key xsi:type=\"xsd:string\">sku</key>"
                        + "<value xsi:type=\"xsd:string\">" + sku + "</value></item><item><key xsi:type=\"xsd:string\">delta</key>"
                        + "<value xsi:type=\"xsd:int\">-1</value></item></item><item xsi:type=\"ns2:Map\"><item>"
                        + "<key xsi:type=\"xsd:string\">sku</key><value xsi:type=\"xsd:string\">" + sku + "</value></item></item>"
                        + "</item></args>")).body();

        assertThat(RawSoap.faultCode(notANumber)).isEqualTo("6");
        assertThat(RawSoap.faultString(notANumber)).contains("\"delta\"").contains("expected a number");
        assertThat(RawSoap.faultCode(missingDelta)).isEqualTo("6");
        assertThat(RawSoap.faultCode(listAsSku)).isEqualTo("6");
        assertThat(RawSoap.faultCode(manyNotAList)).isEqualTo("6");
        assertThat(RawSoap.faultCode(entryWithoutDelta)).isEqualTo("6");
        assertThat(RawSoap.faultString(entryWithoutDelta)).contains("entry 1");
        assertThat(catalog.qtyValue(sku)).isEqualTo(10.0); // entry 0 of the last batch was not applied either
    }
}
