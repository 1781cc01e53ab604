package com.shipstream.openmage.soap;

/**
 * A fault as it goes on the wire: {@code faultcode} and {@code faultstring}, nothing else.
 * Magento's API faults carry a bare number ("5"); protocol-level problems use the SOAP 1.1 QNames
 * {@code SOAP-ENV:Client} / {@code SOAP-ENV:Server}, as PHP's SoapServer does.
 */
public class SoapFault extends RuntimeException {
    public static final String CLIENT = "SOAP-ENV:Client";
    public static final String SERVER = "SOAP-ENV:Server";

    private final String faultCode;
    private final int httpStatus;

    public SoapFault(String faultCode, String faultString) {
        this(faultCode, faultString, 500);
    }

    public SoapFault(String faultCode, String faultString, int httpStatus) {
        super(faultString, null, false, false);
        this.faultCode = faultCode;
        this.httpStatus = httpStatus;
    }

    public static SoapFault client(String message) {
        return new SoapFault(CLIENT, message);
    }

    public static SoapFault server(String message) {
        return new SoapFault(SERVER, message);
    }

    public String faultCode() {
        return faultCode;
    }

    public String faultString() {
        return getMessage();
    }

    public int httpStatus() {
        return httpStatus;
    }

    @Override
    public String toString() {
        return "SoapFault(" + faultCode + ") " + getMessage();
    }
}
