package com.shipstream.openmage.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.shipstream.openmage.support.OrderFixture;
import com.shipstream.openmage.support.ServiceTest;
import com.shipstream.openmage.support.ShipmentMessage;
import com.shipstream.openmage.support.StoreSettings;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The customer's shipment email against a real SMTP server (GreenMail on the port of the test
 * profile): sent after the shipment is committed, with the items and tracking links, a blind copy
 * to the store's copy_to address, nothing when the store switched it off, and a mail server that is
 * down never costs the shipment.
 */
class ShipmentEmailTest extends ServiceTest {
    private final GreenMail smtp = new GreenMail(new ServerSetup(3925, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    @Autowired
    MeterRegistry meters;

    private StoreSettings settings() {
        return new StoreSettings(jdbc, magento);
    }

    @BeforeEach
    void startSmtp() {
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
        settings().clear("sales_email/shipment/copy_to");
        settings().clear("shipstream/general/send_shipment_email");
    }

    private String ship(OrderFixture.Created order, String carrier, String... trackingNumbers) {
        return php().login(shipstreamUser(), KEY).call("shipstream_order_shipment.createWithTracking",
                        List.of(order.incrementId(), new ShipmentMessage(order.incrementId(), "complete")
                                .carrier(carrier, "Service").pack(List.of(trackingNumbers)).toMap()))
                .run().get(1).value().asText();
    }

    /** Every delivery GreenMail made, as "recipient|subject". */
    private List<String> deliveries() throws MessagingException {
        List<String> deliveries = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            deliveries.add(message.getSubject());
        }
        return deliveries;
    }

    private Integer emailSent(String shipmentIncrementId) {
        return jdbc.sql("SELECT email_sent FROM " + magento.table("sales_flat_shipment") + " WHERE increment_id = :i")
                .param("i", shipmentIncrementId).query(Integer.class).optional().orElse(null);
    }

    @Test
    void theCustomerGetsTheShipmentWithItsTrackingLinksAndTheStoreABlindCopy() throws Exception {
        settings().set("sales_email/shipment/copy_to", "warehouse@example.com");
        OrderFixture.Created order = new OrderFixture(jdbc, magento).email("mail.customer@example.com")
                .simple("MAIL-A", 2).simple("MAIL-B", 1).create();
        String shipment = ship(order, "ups", "1Z12345E0205271688", "1Z12345E0205271699");

        // one message, delivered to two mailboxes: the customer's and the store's copy
        await().atMost(Duration.ofSeconds(15)).until(() -> smtp.getReceivedMessages().length >= 2);
        assertThat(smtp.getReceivedMessagesForDomain("example.com")).hasSize(2);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        Address[] to = mail.getRecipients(Message.RecipientType.TO);
        assertThat(to).hasSize(1);
        assertThat(to[0].toString()).isEqualTo("Jane Doe <mail.customer@example.com>");
        assertThat(mail.getRecipients(Message.RecipientType.CC)).isNull();
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Sales <sales@example.com>");
        assertThat(mail.getSubject()).contains("Shipment # " + shipment).contains("Order # " + order.incrementId());
        // quoted-printable soft breaks and Mustache's escaped "=" undone, as a mail reader would
        String body = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=").replace("&#61;", "=");
        assertThat(body).contains("1Z12345E0205271688").contains("1Z12345E0205271699")
                .contains("https://www.ups.com/track?tracknum=1Z12345E0205271688")
                .contains("Name of MAIL-A").contains("Name of MAIL-B");
        assertThat(emailSent(shipment)).isEqualTo(1);
    }

    @Test
    void noEmailWhenTheStoreSwitchedItOff() throws Exception {
        settings().set("shipstream/general/send_shipment_email", "0");
        OrderFixture.Created order = new OrderFixture(jdbc, magento).email("mail.off@example.com").simple("MAIL-OFF", 1).create();
        String shipment = ship(order, "fedex", "7946");
        Thread.sleep(1500);
        assertThat(deliveries()).noneMatch(subject -> subject.contains("Shipment # " + shipment));
        assertThat(emailSent(shipment)).isNull();
    }

    @Test
    void aMailServerThatIsDownCostsNothingButTheEmail() {
        smtp.stop();
        double failedBefore = failedCount();
        OrderFixture.Created order = new OrderFixture(jdbc, magento).email("mail.down@example.com").simple("MAIL-DOWN", 1).create();
        String shipment = ship(order, "fedex", "7947");
        assertThat(shipment).matches("\\d+");
        assertThat(jdbc.sql("SELECT qty_shipped FROM " + magento.table("sales_flat_order_item") + " WHERE item_id = :i")
                .param("i", order.item("MAIL-DOWN")).query(Double.class).single()).isEqualTo(1.0);
        await().atMost(Duration.ofSeconds(15)).until(() -> failedCount() > failedBefore);
        smtp.start();
    }

    private double failedCount() {
        var counter = meters.find("shipstream.shipment.emails").tag("result", "failed").counter();
        return counter == null ? 0 : counter.count();
    }
}
