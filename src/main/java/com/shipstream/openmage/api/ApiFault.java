package com.shipstream.openmage.api;

/** One row of a fault table: the number that goes out as {@code faultcode}, and the default text. */
public record ApiFault(int code, String message) {
}
