package com.shipstream.openmage.ops;

import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * HTTP Basic authentication for the operator's endpoints: {@code /actuator/**} (Hawtio at
 * {@code /actuator/hawtio}, Jolokia at {@code /actuator/jolokia}, Prometheus, ...), all but health,
 * which probes and load balancers read without credentials. Hawtio and Jolokia can invoke any JMX
 * operation, so nothing there is reachable without the operator's login.
 * <p>Only {@code /actuator/**} passes through this chain: the SOAP API authenticates its callers
 * itself (sessions, and its own reading of {@code Authorization: Basic} for Magento's insta-login),
 * and its requests do not pay for Spring Security's filters.
 */
@Configuration(proxyBeanMethods = false)
public class OperatorSecurity {
    private static final Logger log = LoggerFactory.getLogger(OperatorSecurity.class);
    static final String ROLE = "OPERATOR";

    @Bean
    SecurityFilterChain operatorEndpoints(HttpSecurity http) throws Exception {
        // path patterns on the request's own path: Jolokia and CXF are servlets of their own, which
        // Spring MVC's matchers (the default for plain strings) would not see
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(path.matcher("/actuator/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(path.matcher("/actuator/health"), path.matcher("/actuator/health/**")).permitAll()
                        .anyRequest().hasRole(ROLE))
                .httpBasic(basic -> basic.realmName("ShipStream bridge operator"))
                // credentials travel with every request (Basic), no session cookie is issued, and
                // Hawtio posts to Jolokia from script: a CSRF token has nothing to protect here
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    UserDetailsService operator(OperatorProperties operator) {
        String password = operator.password();
        if (password.isEmpty()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn("Operator console (Hawtio /actuator/hawtio, Jolokia, metrics): user '{}' with generated password '{}'."
                    + " Set shipstream.operator.password to choose one.", operator.username(), password);
        }
        // kept in memory only, as it came from configuration; a slow hash would be paid on every
        // request, since Basic authentication sends the password each time
        return new InMemoryUserDetailsManager(User.withUsername(operator.username()).password("{noop}" + password)
                .roles(ROLE).build());
    }
}
