package com.shipstream.openmage.api;

import com.shipstream.openmage.api.ApiCatalog.ApiResource;
import com.shipstream.openmage.auth.ApiSession;
import com.shipstream.openmage.ops.ServiceMetrics;
import com.shipstream.openmage.soap.SoapFault;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one API method for an authenticated session: resolves the path (fault 3), checks the ACL of
 * the resource and of the method (fault 2), binds the arguments, and sends them to the method's
 * route {@code direct:<resource>.<method>}. What the route raises comes back as Magento faults.
 * <p>The route gets the bound arguments as a list body and each one as a variable named after the
 * parameter ({@code ${variable.path}}), plus {@code apiUser}, the user's name.
 */
@Component
public class ApiDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ApiDispatcher.class);

    private final ApiCatalog catalog;
    private final CamelContext camel;
    private final ProducerTemplate producer;
    private final ServiceMetrics metrics;

    public ApiDispatcher(ApiCatalog catalog, CamelContext camel, ProducerTemplate producer, ServiceMetrics metrics) {
        this.metrics = metrics;
        this.catalog = catalog;
        this.camel = camel;
        this.producer = producer;
    }

    /**
     * @param detailedErrors whether an unexpected error's own message becomes the fault text
     *                       ({@code call}) or the table's generic text ({@code multiCall})
     */
    public Object invoke(ApiSession session, String resourcePath, Object args, boolean detailedErrors) {
        ApiMethod method;
        try {
            method = catalog.method(resourcePath);
        } catch (SoapFault unserved) {
            metrics.apiCall("unserved", unserved.faultCode());
            throw unserved;
        }
        try {
            Object result = invoke(session, method, args, detailedErrors);
            metrics.apiCall(method.path(), ServiceMetrics.NO_FAULT);
            return result;
        } catch (SoapFault fault) {
            metrics.apiCall(method.path(), fault.faultCode());
            throw fault;
        }
    }

    private Object invoke(ApiSession session, ApiMethod method, Object args, boolean detailedErrors) {
        ApiResource resource = catalog.resources().get(method.resource());
        if (!session.acl().isAllowed(resource.acl()) || !session.acl().isAllowed(method.acl())) {
            throw catalog.fault("access_denied");
        }
        if (camel.getRoute(method.path()) == null) {
            log.error("No route with id '{}' serves {}; check routes/", method.path(), method.endpointUri());
            throw catalog.fault("resource_path_not_callable");
        }
        List<Object> arguments = catalog.bind(method, args);
        Exchange result = producer.send(method.endpointUri(), exchange -> {
            exchange.getIn().setBody(arguments);
            for (int i = 0; i < arguments.size(); i++) {
                exchange.setVariable(method.params().get(i).name(), arguments.get(i));
            }
            exchange.setVariable("apiUser", session.username());
        });
        Exception failure = result.getException();
        if (failure != null) {
            throw translate(method, failure, detailedErrors);
        }
        return result.getMessage().getBody();
    }

    private SoapFault translate(ApiMethod method, Exception failure, boolean detailedErrors) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SoapFault fault) {
                return fault;
            }
            if (cause instanceof ApiException raised) {
                return catalog.fault(method.resource(), raised);
            }
        }
        log.warn("{} failed", method.path(), failure);
        if (!detailedErrors) {
            return catalog.fault("internal");
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return catalog.fault("internal", message);
    }
}
