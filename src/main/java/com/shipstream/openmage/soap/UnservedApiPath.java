package com.shipstream.openmage.soap;

/**
 * An API path this service does not serve: fault 3 "Invalid api path.", unless the front route
 * hands the request to the store's own API ({@link MagentoUpstream}).
 */
public class UnservedApiPath extends SoapFault {
    private final String path;

    public UnservedApiPath(String path, String faultCode, String faultString) {
        super(faultCode, faultString);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
