package com.shipstream.openmage.magento;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the bundle sees the store: its table prefix and what {@code shipstream.info} reports.
 *
 * @param tablePrefix     Magento's {@code table_prefix} from local.xml; every table name carries it
 * @param edition         reported as {@code magento_edition}
 * @param version         reported as {@code magento_version} (OpenMage reports Magento 1.9.4.5)
 * @param openmageVersion reported as {@code openmage_version}; empty for a plain Magento 1 store
 * @param upstreamUrl     the store's own SOAP v1 endpoint (e.g. {@code https://store.example/api/soap/}); calls
 *                        to API paths this service does not serve are forwarded there. Empty: they are fault 3
 * @param upstreamTimeout how long a forwarded call may take
 */
@ConfigurationProperties("magento")
public record MagentoProperties(String tablePrefix, String edition, String version, String openmageVersion,
                                String upstreamUrl, Duration upstreamTimeout) {
    public MagentoProperties {
        tablePrefix = tablePrefix == null ? "" : tablePrefix.trim();
        if (!tablePrefix.matches("[A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("magento.table-prefix may hold only letters, digits and '_': " + tablePrefix);
        }
        edition = edition == null ? "Community" : edition;
        version = version == null ? "1.9.4.5" : version;
        openmageVersion = openmageVersion == null ? "" : openmageVersion;
        upstreamUrl = upstreamUrl == null ? "" : upstreamUrl.strip();
        upstreamTimeout = upstreamTimeout == null ? Duration.ofSeconds(30) : upstreamTimeout;
    }

    /** The physical name of a Magento table, e.g. {@code table("core_flag")} is {@code mage_core_flag}. */
    public String table(String name) {
        return tablePrefix + name;
    }
}
