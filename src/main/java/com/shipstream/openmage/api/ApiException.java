package com.shipstream.openmage.api;

/**
 * Raised by an API method to fail with a named fault, like Magento's {@code Mage_Api_Exception}: the
 * name is looked up in the method's resource fault table (then the global one), and the custom
 * message, when given, replaces the table's text (see {@link ApiCatalog#fault}).
 * <p>From a YAML route: {@code throwException: {exceptionType: ...ApiException, message: "not_exists"}}
 * raises the fault by name with the table's text; {@code "not_updated: details"} adds a custom message.
 */
public class ApiException extends RuntimeException {
    private final String faultName;
    private final String customMessage;

    public ApiException(String faultName, String customMessage) {
        super(customMessage == null ? faultName : faultName + ": " + customMessage, null, false, false);
        this.faultName = faultName;
        this.customMessage = customMessage;
    }

    /** {@code "name"} or {@code "name: custom message"}. */
    public ApiException(String spec) {
        this(spec.contains(": ") ? spec.substring(0, spec.indexOf(": ")) : spec,
                spec.contains(": ") ? spec.substring(spec.indexOf(": ") + 2) : null);
    }

    public String faultName() {
        return faultName;
    }

    public String customMessage() {
        return customMessage;
    }
}
