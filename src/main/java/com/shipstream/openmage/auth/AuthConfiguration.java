package com.shipstream.openmage.auth;

import com.shipstream.openmage.magento.MagentoProperties;
import com.shipstream.openmage.soap.SoapProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {

    @Bean
    SessionActivity sessionActivity(JdbcClient jdbc, MagentoProperties magento, SoapProperties soap) {
        return new SessionActivity(jdbc, magento, soap.sessionWriteInterval().toMillis());
    }
}
