package com.shipstream.openmage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * ShipStream Sync for OpenMage / Magento 1, rebuilt as a Camel route bundle that runs beside the
 * store and works on its database. Routes live in {@code routes/*.camel.yaml}; this module holds
 * what YAML should not: the SOAP v1 codec, authentication, PHP serialisation and the embedded
 * database for the default run.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ShipStreamBridgeApplication {
    public static void main(String[] args) {
        SpringApplication.run(ShipStreamBridgeApplication.class, args);
    }
}
