package com.shipstream.openmage.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The SMTP server the shipment email goes through, and its template.
 *
 * @param host     SMTP host
 * @param port     SMTP port
 * @param username SMTP login; blank for a server that needs none
 * @param password its password
 * @param starttls upgrade the connection with STARTTLS
 * @param timeout  connect and read timeout
 * @param template the Mustache template of the email's HTML body (a file the store can edit)
 */
@ConfigurationProperties("shipstream.mail")
public record MailProperties(String host, Integer port, String username, String password, Boolean starttls,
                             Duration timeout, String template) {
    public MailProperties {
        host = host == null || host.isBlank() ? "localhost" : host;
        port = port == null ? 25 : port;
        starttls = starttls != null && starttls;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        template = template == null || template.isBlank() ? "file:templates/shipment-email.mustache" : template;
    }
}
