package com.shipstream.openmage.inventory;

import com.shipstream.openmage.magento.StoreConfig;
import org.springframework.stereotype.Component;

/**
 * The store's inventory settings for the current operation, read at most once per
 * {@code shipstream.inventory-sync.settings-cache} (Magento itself caches its configuration until an
 * admin refreshes the cache, so a change here takes effect sooner than in the store).
 */
@Component
public class InventorySettings {
    private record Cached(InventoryConfig config, long readAt) {
    }

    private final StoreConfig storeConfig;
    private final long ttlNanos;
    private volatile Cached cached;

    public InventorySettings(StoreConfig storeConfig, InventorySyncProperties properties) {
        this.storeConfig = storeConfig;
        this.ttlNanos = properties.settingsCache().toNanos();
    }

    public InventoryConfig current() {
        Cached c = cached;
        long now = System.nanoTime();
        if (c == null || now - c.readAt >= ttlNanos) {
            c = new Cached(InventoryConfig.read(storeConfig), now);
            cached = c;
        }
        return c.config;
    }
}
