package com.shipstream.openmage.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code src/test/php/soap-driver.php}: PHP's real SoapClient, in WSDL mode with ShipStream's
 * options, executing a list of steps against the running service. Without PHP the wire tests are
 * skipped with a notice, except in CI ({@code CI=true}), where a missing PHP is a failure.
 */
public class PhpSoapClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DRIVER = Path.of("src/test/php/soap-driver.php");
    private static volatile boolean noticePrinted;

    private final String wsdlUrl;
    private final ArrayNode steps = JSON.createArrayNode();
    private String[] basicAuth;

    private PhpSoapClient(String wsdlUrl) {
        this.wsdlUrl = wsdlUrl;
    }

    public static PhpSoapClient forWsdl(String wsdlUrl) {
        return new PhpSoapClient(wsdlUrl);
    }

    /** Fails in CI, skips elsewhere, when {@code php} with the soap extension is not installed. */
    public static void requirePhp() {
        boolean available;
        try {
            Process p = new ProcessBuilder("php", "-r", "exit(class_exists('SoapClient') ? 0 : 3);").redirectErrorStream(true).start();
            available = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            available = false;
        }
        if (!available) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI=true but PHP with the soap extension is missing: .ci/run must install php-cli php-soap");
            }
            if (!noticePrinted) {
                noticePrinted = true;
                System.err.println("\n*** NOTICE: PHP wire tests are SKIPPED: no php with the soap extension on this machine"
                        + " (apt-get install -y php-cli php-soap php-xml). CI=true makes this a failure. ***\n");
            }
            Assumptions.abort("PHP with the soap extension is not installed");
        }
    }

    public PhpSoapClient basicAuth(String user, String key) {
        this.basicAuth = new String[] {user, key};
        return this;
    }

    public PhpSoapClient login(String user, String key) {
        step("login").put("username", user).put("apiKey", key);
        return this;
    }

    /** A call on the last login's session. */
    public PhpSoapClient call(String path, Object args) {
        ObjectNode step = step("call").put("path", path);
        step.set("args", JSON.valueToTree(args));
        return this;
    }

    /** A call on an explicit session id ({@code null} sends xsi:nil). */
    public PhpSoapClient callWithSession(String sessionId, String path, Object args) {
        ObjectNode step = step("call").put("path", path);
        step.put("session", sessionId);
        step.set("args", JSON.valueToTree(args));
        return this;
    }

    public PhpSoapClient multiCall(List<?> calls, Object options) {
        ObjectNode step = step("multiCall");
        step.set("calls", JSON.valueToTree(calls));
        step.set("options", JSON.valueToTree(options));
        return this;
    }

    public PhpSoapClient op(String op) {
        step(op);
        return this;
    }

    public PhpSoapClient resourceFaults(String resource) {
        step("resourceFaults").put("resource", resource);
        return this;
    }

    private ObjectNode step(String op) {
        ObjectNode step = steps.addObject();
        step.put("op", op);
        return step;
    }

    /** Runs the steps in one PHP process (one SoapClient) and returns one result per step. */
    public List<Result> run() {
        requirePhp();
        ObjectNode input = JSON.createObjectNode();
        input.put("wsdl", wsdlUrl);
        input.set("steps", steps);
        if (basicAuth != null) {
            input.set("basicAuth", JSON.valueToTree(basicAuth));
        }
        try {
            Process process = new ProcessBuilder("php", DRIVER.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            process.getOutputStream().write(JSON.writeValueAsBytes(input));
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the PHP client did not finish");
            }
            assertEquals(0, process.exitValue(), "php exited with an error; output: " + output);
            List<Result> results = new ArrayList<>();
            for (JsonNode node : JSON.readTree(output)) {
                results.add(new Result(node));
            }
            return results;
        } catch (IOException e) {
            throw new AssertionError("running php failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** What one step gave: a value (decoded by PHP) or a fault. */
    public record Result(JsonNode node) {
        public boolean isFault() {
            return node.has("fault");
        }

        public String faultCode() {
            return isFault() ? node.get("fault").get("code").asText() : null;
        }

        public String faultString() {
            return isFault() ? node.get("fault").get("string").asText() : null;
        }

        public JsonNode value() {
            if (isFault()) {
                throw new AssertionError("expected a value, got fault " + faultCode() + ": " + faultString());
            }
            return node.get("ok");
        }

        public String phpType() {
            return node.path("phpType").asText();
        }

        /** True when PHP decoded some part of the value as an object: ShipStream's client would break on it. */
        public boolean hasObject() {
            return node.path("hasObject").asBoolean();
        }

        @Override
        public String toString() {
            return node.toString();
        }
    }
}
