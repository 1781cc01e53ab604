package com.shipstream.openmage.soap;

import com.shipstream.openmage.api.ApiCatalog;
import com.shipstream.openmage.api.ApiCatalog.ApiResource;
import com.shipstream.openmage.api.ApiDispatcher;
import com.shipstream.openmage.api.ApiFault;
import com.shipstream.openmage.api.ApiMethod;
import com.shipstream.openmage.auth.ApiSession;
import com.shipstream.openmage.auth.ApiSessions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The operations of Magento's SOAP v1 handler ({@code Mage_Api_Model_Server_Handler}): login,
 * sessions, {@code call}, {@code multiCall} and the introspection calls. Everything an API method
 * does happens in its own route, reached through the {@link ApiDispatcher}.
 */
@Component("soapApi")
public class SoapApi {
    private final ApiSessions sessions;
    private final ApiDispatcher dispatcher;
    private final ApiCatalog catalog;
    private final MagentoUpstream upstream;

    public SoapApi(ApiSessions sessions, ApiDispatcher dispatcher, ApiCatalog catalog, MagentoUpstream upstream) {
        this.sessions = sessions;
        this.dispatcher = dispatcher;
        this.catalog = catalog;
        this.upstream = upstream;
    }

    /** The operations of the v1 WSDL and the name of each one's return part. */
    public static final Map<String, String> RETURN_PARTS = Map.of(
            "login", "loginReturn", "call", "callReturn", "multiCall", "multiCallReturn",
            "endSession", "endSessionReturn", "startSession", "startSessionReturn", "resources", "resourcesReturn",
            "globalFaults", "globalFaultsReturn", "resourceFaults", "resourceFaultsReturn");

    /**
     * Handles one decoded request.
     *
     * @param authorization the HTTP {@code Authorization} header, for the insta-login of a {@code call} without session
     */
    public Object handle(SoapRequest request, String authorization) {
        return switch (request.operation()) {
            case "login" -> sessions.login(request.stringPart("username", 0), request.stringPart("apiKey", 1));
            case "call" -> call(request, authorization);
            case "multiCall" -> multiCall(request, sessions.renew(request.stringPart("sessionId", 0)), request.part("calls", 1),
                    request.part("options", 2));
            case "endSession" -> sessions.end(request.stringPart("sessionId", 0));
            case "startSession" -> sessions.newSessionId();
            case "resources" -> resources(sessions.renew(request.stringPart("sessionId", 0)));
            case "globalFaults" -> faultList(catalog.globalFaults());
            case "resourceFaults" -> resourceFaults(sessions.renew(request.stringPart("sessionId", 1)),
                    request.stringPart("resourceName", 0));
            default -> throw SoapFault.server("Function '" + request.operation() + "' doesn't exist");
        };
    }

    private Object call(SoapRequest request, String authorization) {
        String sessionId = request.stringPart("sessionId", 0);
        String[] basic = sessionId == null ? basicCredentials(authorization) : null;
        ApiSession session = basic != null ? sessions.instaLogin(basic[0], basic[1]) : sessions.renew(sessionId);
        return dispatcher.invoke(session, request.stringPart("resourcePath", 1), request.part("args", 2), true);
    }

    /**
     * Each entry {@code [path, args]} runs on its own; a failing one becomes
     * {@code {isFault, faultCode, faultMessage}} in its place, and {@code options.break == 1}
     * stops at the first fault. An entry for a path not served here goes to the store's own API
     * when {@code magento.upstream-url} is set.
     */
    private List<Object> multiCall(SoapRequest request, ApiSession session, Object calls, Object options) {
        boolean stopAtFault = options instanceof Map<?, ?> map && isOne(map.get("break"));
        List<Object> results = new ArrayList<>();
        List<?> entries = calls instanceof List<?> list ? list : calls == null ? List.of() : List.of(calls);
        for (Object entry : entries) {
            try {
                String path;
                Object args;
                if (entry instanceof List<?> call && !call.isEmpty() && call.get(0) instanceof String p) {
                    path = p;
                    args = call.size() > 1 ? call.get(1) : List.of();
                } else if (entry instanceof String p) {
                    path = p;
                    args = List.of();
                } else {
                    throw catalog.fault("resource_path_invalid");
                }
                try {
                    results.add(dispatcher.invoke(session, path, args, false));
                } catch (UnservedApiPath unserved) {
                    if (!upstream.isConfigured()) {
                        throw unserved;
                    }
                    results.add(upstream.call(request.namespace(), request.stringPart("sessionId", 0), path, args));
                }
            } catch (SoapFault fault) {
                Map<String, Object> faultEntry = new LinkedHashMap<>();
                faultEntry.put("isFault", true);
                faultEntry.put("faultCode", fault.faultCode());
                faultEntry.put("faultMessage", fault.faultString());
                results.add(faultEntry);
                if (stopAtFault) {
                    break;
                }
            }
        }
        return results;
    }

    /** PHP's loose {@code == 1}. */
    private static boolean isOne(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() == 1;
        }
        return value instanceof String s && s.strip().matches("0*1(\\.0*)?");
    }

    /** The resources and methods the session's ACL allows, with their titles, paths and aliases. */
    private List<Object> resources(ApiSession session) {
        List<Object> list = new ArrayList<>();
        for (ApiResource resource : catalog.resources().values()) {
            if (!session.acl().isAllowed(resource.acl())) {
                continue;
            }
            List<String> aliases = resource.aliasesIn(catalog);
            List<Object> methods = new ArrayList<>();
            for (ApiMethod method : resource.methods().values()) {
                if (!session.acl().isAllowed(method.acl())) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("title", method.title());
                m.put("description", null);
                m.put("path", method.path());
                m.put("name", method.name());
                m.put("aliases", new ArrayList<Object>(aliases.stream().map(a -> a + "." + method.name()).toList()));
                methods.add(m);
            }
            if (methods.isEmpty()) {
                continue;
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("title", resource.title());
            r.put("description", null);
            r.put("name", resource.name());
            r.put("aliases", new ArrayList<Object>(aliases));
            r.put("methods", methods);
            list.add(r);
        }
        return list;
    }

    private List<Object> resourceFaults(ApiSession session, String resourceName) {
        ApiResource resource = catalog.resource(resourceName);
        if (resource == null) {
            throw catalog.fault("resource_path_invalid");
        }
        if (!session.acl().isAllowed(resource.acl())) {
            throw catalog.fault("access_denied");
        }
        return faultList(resource.faults());
    }

    private static List<Object> faultList(Map<String, ApiFault> faults) {
        List<Object> list = new ArrayList<>();
        faults.values().forEach(f -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("code", String.valueOf(f.code()));
            entry.put("message", f.message());
            list.add(entry);
        });
        return list;
    }

    /** {@code [user, key]} from {@code Authorization: Basic ...}, or null. */
    static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
