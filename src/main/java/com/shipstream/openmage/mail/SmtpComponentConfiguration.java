package com.shipstream.openmage.mail;

import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.MailComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code smtp:} component of the routes, set up from {@code shipstream.mail.*}: a login only
 * when one is configured (an empty one would make the client try to authenticate), and timeouts,
 * so a dead mail server never holds a thread for long.
 */
@Configuration(proxyBeanMethods = false)
public class SmtpComponentConfiguration {

    @Bean("smtp")
    MailComponent smtp(CamelContext camel, MailProperties mail) {
        MailComponent component = new MailComponent(camel);
        var config = component.getConfiguration();
        config.setHost(mail.host());
        config.setPort(mail.port());
        if (mail.username() != null && !mail.username().isBlank()) {
            config.setUsername(mail.username());
            config.setPassword(mail.password());
        }
        int millis = (int) mail.timeout().toMillis();
        config.setConnectionTimeout(millis);
        Properties extra = new Properties();
        extra.setProperty("mail.smtp.connectiontimeout", String.valueOf(millis));
        extra.setProperty("mail.smtp.timeout", String.valueOf(millis));
        extra.setProperty("mail.smtp.writetimeout", String.valueOf(millis));
        if (mail.starttls()) {
            extra.setProperty("mail.smtp.starttls.enable", "true");
            extra.setProperty("mail.smtp.starttls.required", "true");
        }
        config.setAdditionalJavaMailProperties(extra);
        return component;
    }
}
