package com.shipstream.openmage.inventory;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The inventory pull.
 *
 * @param chunkSize SKUs per transaction
 * @param enabled   whether the scheduled trigger runs (the SOAP method always works)
 * @param cron      Quartz cron of the scheduled trigger
 * @param maxDelay  the scheduled run waits a random time up to this, so stores do not all call at once
 * @param settingsCache how long the store's inventory settings are reused (by the sync and by adjustments)
 */
@ConfigurationProperties("shipstream.inventory-sync")
public record InventorySyncProperties(Integer chunkSize, Boolean enabled, String cron, Duration maxDelay, Duration settingsCache) {
    public InventorySyncProperties {
        chunkSize = chunkSize == null || chunkSize < 1 ? 5000 : chunkSize;
        enabled = enabled == null || enabled;
        cron = cron == null || cron.isBlank() ? "0 0 * * * ?" : cron;
        maxDelay = maxDelay == null ? Duration.ofSeconds(60) : maxDelay;
        settingsCache = settingsCache == null ? Duration.ofSeconds(2) : settingsCache;
    }
}
