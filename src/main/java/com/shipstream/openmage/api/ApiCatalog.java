package com.shipstream.openmage.api;

import com.shipstream.openmage.soap.SoapFault;
import com.shipstream.openmage.soap.UnservedApiPath;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The API contract as data: global faults, resource aliases, and the resources this bundle serves
 * with their ACL paths, fault tables and method parameters. Read once at start from every
 * {@code classpath*:api/*.catalog.yaml}.
 */
@Component
public class ApiCatalog {
    private final Map<String, ApiFault> globalFaults = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private final Map<String, ApiResource> resources = new LinkedHashMap<>();

    public ApiCatalog() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath*:api/*.catalog.yaml");
        Arrays.sort(files, Comparator.comparing(Resource::getFilename));
        for (Resource file : files) {
            try (InputStream in = file.getInputStream()) {
                load(new Yaml(new SafeConstructor(new LoaderOptions())).load(in), file.getFilename());
            }
        }
    }

    /** One resource: its canonical name, title, ACL path, fault table and methods. */
    public record ApiResource(String name, String title, String acl, Map<String, ApiFault> faults,
                              Map<String, ApiMethod> methods) {
        /** The aliases that lead to this resource ({@code order} for {@code sales_order}). */
        public List<String> aliasesIn(ApiCatalog catalog) {
            return catalog.aliases.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).toList();
        }
    }

    @SuppressWarnings("unchecked")
    private void load(Map<String, Object> doc, String file) {
        if (doc == null) {
            return;
        }
        Map<String, Map<String, Object>> faults = (Map<String, Map<String, Object>>) doc.getOrDefault("globalFaults", Map.of());
        faults.forEach((name, f) -> globalFaults.put(name, fault(f)));
        ((Map<String, String>) doc.getOrDefault("aliases", Map.of())).forEach(aliases::put);
        Map<String, Map<String, Object>> declared = (Map<String, Map<String, Object>>) doc.getOrDefault("resources", Map.of());
        declared.forEach((name, r) -> {
            Map<String, ApiFault> resourceFaults = new LinkedHashMap<>();
            ((Map<String, Map<String, Object>>) r.getOrDefault("faults", Map.of()))
                    .forEach((faultName, f) -> resourceFaults.put(faultName, fault(f)));
            Map<String, ApiMethod> methods = new LinkedHashMap<>();
            ((Map<String, Map<String, Object>>) r.getOrDefault("methods", Map.of())).forEach((methodName, m) -> {
                List<ApiParam> params = new ArrayList<>();
                ((Map<String, String>) m.getOrDefault("params", Map.of()))
                        .forEach((param, spec) -> params.add(ApiParam.parse(param, spec)));
                methods.put(methodName, new ApiMethod(name, methodName, (String) m.get("title"),
                        require(m, "acl", file + ": " + name + "." + methodName), List.copyOf(params)));
            });
            resources.put(name, new ApiResource(name, (String) r.get("title"), require(r, "acl", file + ": " + name),
                    Collections.unmodifiableMap(resourceFaults), Collections.unmodifiableMap(methods)));
        });
    }

    private static String require(Map<String, Object> node, String key, String where) {
        Object value = node.get(key);
        if (value == null) {
            throw new IllegalStateException(where + " declares no '" + key + "'");
        }
        return value.toString();
    }

    private static ApiFault fault(Map<String, Object> f) {
        return new ApiFault(((Number) f.get("code")).intValue(), (String) f.get("message"));
    }

    public Map<String, ApiResource> resources() {
        return Collections.unmodifiableMap(resources);
    }

    public Map<String, ApiFault> globalFaults() {
        return Collections.unmodifiableMap(globalFaults);
    }

    /** The resource a name or alias stands for, if this bundle serves it. */
    public ApiResource resource(String nameOrAlias) {
        return resources.get(aliases.getOrDefault(nameOrAlias, nameOrAlias));
    }

    /**
     * The method a {@code resource.method} path names (fault 3 "Invalid api path." when the path
     * is malformed or names nothing served here).
     */
    public ApiMethod method(String resourcePath) {
        String path = resourcePath == null ? "" : resourcePath;
        int dot = path.indexOf('.');
        String resourceName = dot < 0 ? path : path.substring(0, dot);
        String methodName = dot < 0 ? "" : path.substring(dot + 1);
        ApiResource resource = resourceName.isEmpty() || methodName.isEmpty() ? null : resource(resourceName);
        ApiMethod method = resource == null ? null : resource.methods().get(methodName);
        if (method == null) {
            SoapFault invalid = fault("resource_path_invalid");
            throw new UnservedApiPath(path, invalid.faultCode(), invalid.faultString());
        }
        return method;
    }

    /** A global fault with the table's text. */
    public SoapFault fault(String name) {
        ApiFault fault = globalFaults.getOrDefault(name, globalFaults.get("unknown"));
        return new SoapFault(String.valueOf(fault.code()), fault.message());
    }

    /** A global fault with a text of our own (used where the table's text would say less than we know). */
    public SoapFault fault(String name, String message) {
        ApiFault fault = globalFaults.getOrDefault(name, globalFaults.get("unknown"));
        return new SoapFault(String.valueOf(fault.code()), message);
    }

    /**
     * Magento's resolution of a fault raised inside a method: the resource's own table first, with
     * the custom message if one was given; else the global table with its own text (the custom
     * message is dropped); else 0 "Unknown Error".
     */
    public SoapFault fault(String resourceName, ApiException raised) {
        ApiResource resource = resources.get(resourceName);
        ApiFault own = resource == null ? null : resource.faults().get(raised.faultName());
        if (own != null) {
            String message = raised.customMessage() != null ? raised.customMessage() : own.message();
            return new SoapFault(String.valueOf(own.code()), message);
        }
        return fault(globalFaults.containsKey(raised.faultName()) ? raised.faultName() : "unknown");
    }

    /**
     * Binds a call's {@code args} to the method's parameters as PHP's handler does: a list is spread
     * positionally, a map's string keys are named arguments (int keys positional), a scalar or null is
     * the single first argument. Missing required arguments and values of the wrong kind are fault 6.
     */
    public List<Object> bind(ApiMethod method, Object args) {
        List<Object> positional = new ArrayList<>();
        Map<String, Object> named = new LinkedHashMap<>();
        if (args instanceof List<?> list) {
            positional.addAll(list);
        } else if (args instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (key instanceof String name) {
                    named.put(name, value);
                } else {
                    positional.add(value);
                }
            });
        } else {
            positional.add(args);
        }
        for (String name : named.keySet()) {
            if (method.params().stream().noneMatch(p -> p.name().equals(name))) {
                throw fault("invalid_request_param", "Unknown named parameter $" + name + " for " + method.path());
            }
        }
        List<Object> bound = new ArrayList<>(method.params().size());
        for (int i = 0; i < method.params().size(); i++) {
            ApiParam param = method.params().get(i);
            boolean given = i < positional.size() || named.containsKey(param.name());
            if (!given && !param.optional()) {
                throw fault("invalid_request_param", "Too few arguments for " + method.path() + ": "
                        + Math.min(positional.size(), method.params().size()) + " passed and " + requiredCount(method)
                        + " expected; missing \"" + param.name() + "\"");
            }
            Object value = i < positional.size() ? positional.get(i) : named.get(param.name());
            try {
                bound.add(param.accept(value, method.path()));
            } catch (ApiParam.ArgumentException e) {
                throw fault("invalid_request_param", e.getMessage());
            }
        }
        return bound;
    }

    private static long requiredCount(ApiMethod method) {
        return method.params().stream().filter(p -> !p.optional()).count();
    }
}
