package com.shipstream.openmage.bench;

import com.shipstream.openmage.support.RawSoap;
import com.shipstream.openmage.support.ServiceTest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the benchmarks ({@code mvn -Pbench test}): the whole service, plus a baseline servlet in the
 * same Tomcat. All benchmarks share this one context. They print figures and assert nothing about them.
 */
@Tag("benchmark")
@Import(BenchmarkTest.FixedEnvelope.class)
@TestPropertySource(properties = {"shipstream.inventory-sync.chunk-size=5000", "shipstream.callback.read-timeout=120s"})
abstract class BenchmarkTest extends ServiceTest {

    /** The HTTP baseline: a constant SOAP response, no decoding, authentication or routing. */
    @TestConfiguration
    static class FixedEnvelope {
        static final byte[] BODY = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + RawSoap.ENVELOPE_OPEN
                + "<ns1:callResponse><callReturn xsi:type=\"ns2:Map\"><item><key xsi:type=\"xsd:string\">magento_edition</key>"
                + "<value xsi:type=\"xsd:string\">Community</value></item></callReturn></ns1:callResponse>" + RawSoap.ENVELOPE_CLOSE)
                .getBytes(StandardCharsets.UTF_8);

        @Bean
        ServletRegistrationBean<HttpServlet> fixedEnvelope() {
            return new ServletRegistrationBean<>(new HttpServlet() {
                @Override
                protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                    request.getInputStream().readAllBytes();
                    response.setContentType("text/xml; charset=utf-8");
                    response.setContentLength(BODY.length);
                    response.getOutputStream().write(BODY);
                }
            }, "/bench/fixed");
        }
    }

    /** Prints the report and keeps it in {@code target/<name>.txt}. */
    static void publish(String name, String report) throws IOException {
        System.out.println(report);
        Files.writeString(Path.of("target", name + ".txt"), report);
    }
}
