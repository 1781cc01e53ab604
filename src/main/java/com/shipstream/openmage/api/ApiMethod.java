package com.shipstream.openmage.api;

import java.util.List;

/**
 * One API method as the catalog declares it.
 *
 * @param resource the resource's canonical name ({@code shipstream})
 * @param name     the method name ({@code set_config})
 * @param acl      the ACL path checked for this method
 * @param params   the positional parameters, in order
 */
public record ApiMethod(String resource, String name, String title, String acl, List<ApiParam> params) {

    /** The route that implements this method: {@code direct:shipstream.set_config}. */
    public String endpointUri() {
        return "direct:" + path();
    }

    public String path() {
        return resource + "." + name;
    }
}
