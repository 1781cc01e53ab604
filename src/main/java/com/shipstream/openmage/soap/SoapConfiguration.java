package com.shipstream.openmage.soap;

import com.shipstream.openmage.api.ApiCatalog;
import org.apache.cxf.transport.servlet.CXFServlet;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the SOAP v1 codec, the front route's gateway bean and the HTTP filter in front of CXF. */
@Configuration(proxyBeanMethods = false)
public class SoapConfiguration {

    @Bean
    SoapEnvelopeReader soapEnvelopeReader(SoapProperties properties) {
        return new SoapEnvelopeReader(properties.maxRequestSize().toBytes(), properties.maxDepth(), properties.maxElements());
    }

    @Bean
    SoapEnvelopeWriter soapEnvelopeWriter() {
        return new SoapEnvelopeWriter();
    }

    /** Referenced by name from {@code routes/soap-api.camel.yaml}. */
    @Bean
    SoapGateway soapGateway(SoapEnvelopeReader reader, SoapEnvelopeWriter writer, ApiCatalog catalog) {
        return new SoapGateway(reader, writer, catalog);
    }

    /** Magento answers behind {@code /index.php} too: the CXF servlet gets that mapping beside {@code cxf.path}. */
    @Bean
    static BeanPostProcessor cxfServletMappings() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ServletRegistrationBean<?> registration && registration.getServlet() instanceof CXFServlet) {
                    registration.setUrlMappings(SoapEndpointFilter.CXF_SERVLET_MAPPINGS);
                }
                return bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<SoapEndpointFilter> soapEndpointFilter(WsdlRenderer wsdl, SoapEnvelopeWriter writer,
                                                                 SoapProperties properties) {
        FilterRegistrationBean<SoapEndpointFilter> registration = new FilterRegistrationBean<>(
                new SoapEndpointFilter(wsdl, writer, properties.maxRequestSize().toBytes()));
        registration.setUrlPatterns(SoapEndpointFilter.CXF_SERVLET_MAPPINGS);
        registration.setName("magentoSoapEndpoint");
        return registration;
    }
}
