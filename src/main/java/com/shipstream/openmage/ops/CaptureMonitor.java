package com.shipstream.openmage.ops;

import com.shipstream.openmage.ordersync.CaptureSource;
import com.shipstream.openmage.ordersync.OrderSyncProperties;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.stereotype.Component;

/**
 * How the order capture is doing, from its route and from Debezium's own streaming metrics (JMX
 * {@code debezium.mariadb} or {@code debezium.mysql}, {@code type=connector-metrics,context=streaming}):
 * streaming or not, and how far behind the binlog it reads.
 */
@Component
public class CaptureMonitor {
    static final String ROUTE = "order-sync-capture";

    /** What the health indicator and the lag gauge report. */
    public record State(boolean enabled, ServiceStatus routeStatus, boolean streaming, Long millisBehindSource,
                        Long millisSinceLastEvent, Long eventsSeen, String binlogFile, Long binlogPosition,
                        List<String> serverProblems) {
        public Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            if (!serverProblems.isEmpty()) {
                details.put("serverProblems", serverProblems);
            }
            details.put("route", routeStatus == null ? "absent" : routeStatus.name());
            details.put("streaming", streaming);
            details.put("millisBehindBinlog", millisBehindSource);
            details.put("millisSinceLastEvent", millisSinceLastEvent);
            details.put("eventsSeen", eventsSeen);
            details.put("binlog", binlogFile == null ? null : binlogFile + ":" + binlogPosition);
            return details;
        }
    }

    private final CamelContext camel;
    private final CaptureSource source;
    private final OrderSyncProperties properties;
    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    public CaptureMonitor(CamelContext camel, OrderSyncProperties properties, CaptureSource source, ServiceMetrics metrics) {
        this.source = source;
        this.camel = camel;
        this.properties = properties;
        metrics.registry().gauge("shipstream.cdc.lag.seconds", this, CaptureMonitor::lagSeconds);
    }

    public State state() {
        ServiceStatus status = camel.getRoute(ROUTE) == null ? null : camel.getRouteController().getRouteStatus(ROUTE);
        Map<String, Object> metrics = streamingMetrics();
        // Debezium registers its streaming metrics while the connector reads the binlog (its own
        // "Connected" flag is not kept up to date by the MariaDB connector, so it is not used)
        return new State(properties.enabled(), status, metrics.containsKey("MilliSecondsSinceLastEvent"),
                number(metrics.get("MilliSecondsBehindSource")),
                number(metrics.get("MilliSecondsSinceLastEvent")), number(metrics.get("TotalNumberOfEventsSeen")),
                (String) metrics.get("BinlogFilename"), number(metrics.get("BinlogPosition")), source.serverProblems());
    }

    /** Seconds the capture is behind the binlog, or -1 when unknown (not running, nothing seen yet). */
    public double lagSeconds() {
        Long behind = number(streamingMetrics().get("MilliSecondsBehindSource"));
        return behind == null || behind < 0 ? -1 : behind / 1000.0;
    }

    private Map<String, Object> streamingMetrics() {
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            Set<ObjectName> names = jmx.queryNames(new ObjectName("debezium.*:type=connector-metrics,context=streaming,server="
                    + properties.topicPrefix()), null);
            for (ObjectName name : names) {
                for (String attribute : new String[] {"MilliSecondsBehindSource", "MilliSecondsSinceLastEvent",
                        "TotalNumberOfEventsSeen", "BinlogFilename", "BinlogPosition"}) {
                    try {
                        values.put(attribute, jmx.getAttribute(name, attribute));
                    } catch (Exception absent) {
                        // an attribute this connector version does not have
                    }
                }
            }
        } catch (Exception e) {
            values.put("error", e.getMessage());
        }
        return values;
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}
