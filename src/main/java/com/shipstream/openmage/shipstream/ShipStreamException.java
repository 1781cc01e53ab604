package com.shipstream.openmage.shipstream;

/** A callback to ShipStream that did not give a usable answer; the message says why, as the extension words it. */
public class ShipStreamException extends RuntimeException {
    public ShipStreamException(String message) {
        super(message);
    }

    public ShipStreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
