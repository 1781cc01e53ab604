package com.shipstream.openmage.magento;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/** What {@code shipstream.info} reports: the store's edition and versions (configuration) and this bundle's version. */
@Component("moduleInfo")
public class ModuleInfo {
    private final MagentoProperties magento;
    private final String bundleVersion;

    public ModuleInfo(MagentoProperties magento, ObjectProvider<BuildProperties> build) {
        this.magento = magento;
        BuildProperties properties = build.getIfAvailable();
        this.bundleVersion = properties != null ? properties.getVersion() : "dev";
    }

    /** The four keys, in the extension's order. */
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("magento_edition", magento.edition());
        info.put("magento_version", magento.version());
        info.put("openmage_version", magento.openmageVersion());
        info.put("shipstream_sync_version", bundleVersion);
        return info;
    }
}
