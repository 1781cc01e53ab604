package com.shipstream.openmage.soap;

import com.shipstream.openmage.api.ApiCatalog;
import java.io.ByteArrayInputStream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The codec steps of the front route ({@code routes/soap-api.camel.yaml}): request body to
 * {@link SoapRequest}, result to a response envelope, exception to a fault envelope.
 */
public class SoapGateway {
    private static final Logger log = LoggerFactory.getLogger(SoapGateway.class);
    private static final String CONTENT_TYPE = "text/xml; charset=utf-8";

    private final SoapEnvelopeReader reader;
    private final SoapEnvelopeWriter writer;
    private final ApiCatalog catalog;

    public SoapGateway(SoapEnvelopeReader reader, SoapEnvelopeWriter writer, ApiCatalog catalog) {
        this.reader = reader;
        this.writer = writer;
        this.catalog = catalog;
    }

    /**
     * Body: the raw request → a {@link SoapRequest}; the operation's name goes to the variable
     * {@code soapOperation}, the request's bytes to {@code soapRequestBytes} (for the pass-through).
     */
    public void decode(Exchange exchange) {
        byte[] raw = exchange.getIn().getBody(byte[].class);
        exchange.setVariable("soapRequestBytes", raw);
        SoapRequest request = reader.read(new ByteArrayInputStream(raw == null ? new byte[0] : raw));
        exchange.setVariable("soapOperation", request.operation());
        exchange.setVariable("soapNamespace", request.namespace());
        exchange.getIn().setBody(request);
    }

    /** Body: the operation's result → the response envelope, in the namespace the request used. */
    public void encodeResponse(Exchange exchange) {
        String operation = exchange.getVariable("soapOperation", String.class);
        String namespace = exchange.getVariable("soapNamespace", String.class);
        String xml = writer.response(namespace, operation, SoapApi.RETURN_PARTS.get(operation), exchange.getIn().getBody());
        reply(exchange.getIn(), xml, 200);
    }

    /** The caught exception → a fault envelope: the fault itself, or fault 1 for anything unforeseen. */
    public void encodeFault(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        SoapFault fault = null;
        for (Throwable cause = caught; cause != null && fault == null; cause = cause.getCause()) {
            fault = cause instanceof SoapFault f ? f : null;
        }
        if (fault == null) {
            log.error("SOAP request failed", caught);
            fault = catalog.fault("internal");
        }
        reply(exchange.getIn(), writer.fault(fault), fault.httpStatus());
    }

    static void reply(Message message, Object body, int status) {
        reply(message, body, status, CONTENT_TYPE);
    }

    static void reply(Message message, Object body, int status, String contentType) {
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader("org.apache.cxf.message.Message.RESPONSE_CODE", status);
        message.setBody(body);
    }
}
