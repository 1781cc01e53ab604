package com.shipstream.openmage.soap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The HTTP face of Magento's SOAP v1 endpoint, in front of the CXF servlet (mapped to {@code /api/*}
 * and {@code /index.php/api/*}):
 * <ul>
 *   <li>the addresses a store answers on ({@code /api/soap/}, {@code /api/soap/index/}, each also
 *       behind {@code /index.php}) all reach the one CXF endpoint {@code /soap};</li>
 *   <li>{@code GET ...?wsdl} (any value) returns the v1 WSDL advertising the address it was asked on;</li>
 *   <li>a body announced larger than the limit is refused before anything reads it.</li>
 * </ul>
 */
public class SoapEndpointFilter extends OncePerRequestFilter {
    /** The CXF servlet's mappings; the endpoint's address {@code /soap} is relative to them. */
    public static final List<String> CXF_SERVLET_MAPPINGS = List.of("/api/*", "/index.php/api/*");
    /** The addresses of the endpoint; CXF matches them all to {@code /soap} by prefix. */
    private static final Pattern ENDPOINT_ALIASES = Pattern.compile("(/index\\.php)?/api/soap(/index)?/?");

    private final WsdlRenderer wsdl;
    private final SoapEnvelopeWriter writer;
    private final long maxRequestBytes;

    public SoapEndpointFilter(WsdlRenderer wsdl, SoapEnvelopeWriter writer, long maxRequestBytes) {
        this.wsdl = wsdl;
        this.writer = writer;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!ENDPOINT_ALIASES.matcher(path).matches()) {
            chain.doFilter(request, response);
            return;
        }
        if ("GET".equals(request.getMethod()) && request.getParameterMap().containsKey("wsdl")) {
            byte[] body = wsdl.render(serviceUrl(request)).getBytes(StandardCharsets.UTF_8);
            response.setContentType("text/xml; charset=UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            // what PHP's SoapServer answers to a request without a SOAP body
            sendFault(response, new SoapFault(SoapFault.CLIENT, "Bad Request. Can't find HTTP_RAW_POST_DATA"));
            return;
        }
        if (request.getContentLengthLong() > maxRequestBytes) {
            sendFault(response, new SoapFault(SoapFault.CLIENT,
                    "Request Entity Too Large: the body exceeds " + maxRequestBytes + " bytes", 413));
            return;
        }
        chain.doFilter(request, response);
    }

    private void sendFault(HttpServletResponse response, SoapFault fault) throws IOException {
        byte[] body = writer.fault(fault).getBytes(StandardCharsets.UTF_8);
        response.setStatus(fault.httpStatus());
        response.setContentType("text/xml; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The address the request came in on, with its query parameters other than {@code wsdl}, as Magento builds it. */
    static String serviceUrl(HttpServletRequest request) {
        StringBuilder url = new StringBuilder();
        url.append(request.getScheme()).append("://");
        String host = request.getHeader("Host");
        url.append(host != null && !host.isBlank() ? host.strip() : request.getServerName() + ":" + request.getServerPort());
        url.append(request.getRequestURI());
        String separator = "?";
        for (Map.Entry<String, String[]> param : request.getParameterMap().entrySet()) {
            if (param.getKey().equals("wsdl")) {
                continue;
            }
            for (String value : param.getValue()) {
                url.append(separator).append(URLEncoder.encode(param.getKey(), StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                separator = "&";
            }
        }
        return url.toString();
    }
}
