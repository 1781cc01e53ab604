package com.shipstream.openmage.embedded;

import com.shipstream.openmage.magento.MagentoProperties;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With no {@code spring.datasource.url} configured, the service brings its own store: an embedded
 * MariaDB holding the Magento schema and demo data. With a URL, none of this exists and Spring Boot
 * connects to the configured database as usual.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedMariaDb embeddedMariaDb(EmbeddedDatabaseProperties properties) {
        EmbeddedMariaDb db = new EmbeddedMariaDb(properties);
        db.start();
        return db;
    }

    /** The pool to the embedded server; {@code spring.datasource.hikari.*} settings apply as usual. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedMariaDb db, MagentoProperties magento,
                                EmbeddedDatabaseProperties embedded) {
        new StoreSeeder(db, magento, embedded.demoData()).seedOnce();
        return DataSourceBuilder.create().type(HikariDataSource.class).driverClassName("com.mysql.cj.jdbc.Driver")
                .url(db.jdbcUrl()).username(db.username()).password(db.password()).build();
    }
}
