package com.shipstream.openmage.magento;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Magento keeps its dates as UTC text ({@code Y-m-d H:i:s}) in columns whose type ignores time zones
 * as Magento uses them. The bundle writes and reads them as that text, never through JDBC's time
 * conversions, so rows look the same whichever side wrote them.
 */
@Component
public class MagentoClock {
    public static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** SQL that renders a date column as Magento's text; use it in SELECTs instead of reading a Timestamp. */
    public static final String SQL_FORMAT = "'%Y-%m-%d %H:%i:%s'";

    private final Clock clock;

    public MagentoClock() {
        this(Clock.systemUTC());
    }

    public MagentoClock(Clock clock) {
        this.clock = clock;
    }

    public LocalDateTime now() {
        return LocalDateTime.now(clock).withNano(0);
    }

    /** Now, as Magento writes it: {@code 2026-11-30 10:05:06}. */
    public String nowText() {
        return format(now());
    }

    public static String format(LocalDateTime time) {
        return time.format(FORMAT);
    }

    public static LocalDateTime parse(String text) {
        return LocalDateTime.parse(text, FORMAT);
    }
}
