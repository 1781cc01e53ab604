package com.shipstream.openmage.soap;

/** The namespace URIs of SOAP 1.1 rpc/encoded messages. Prefixes are free on input; these are the URIs that matter. */
public final class SoapNamespaces {
    public static final String ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final String SOAP12_ENVELOPE = "http://www.w3.org/2003/05/soap-envelope";
    public static final String ENCODING = "http://schemas.xmlsoap.org/soap/encoding/";
    public static final String XSD = "http://www.w3.org/2001/XMLSchema";
    public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    /** Apache SOAP's namespace, home of the {@code Map} type PHP uses for associative arrays. */
    public static final String APACHE_SOAP = "http://xml.apache.org/xml-soap";

    private SoapNamespaces() {
    }
}
