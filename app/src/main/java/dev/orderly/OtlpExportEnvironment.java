package dev.orderly;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Span export only when {@code ORDERLY_OTLP_ENDPOINT} is set (docs/adr/0023). Boot creates the OTLP
 * span exporter as soon as {@code management.opentelemetry.tracing.export.otlp.endpoint} is present
 * — even empty — so application.yml cannot map the variable with an empty default; it is mapped here,
 * and only when it has a value. Unset: no exporter, no connection attempts.
 */
class OtlpExportEnvironment implements EnvironmentPostProcessor {

	static final String VARIABLE = "ORDERLY_OTLP_ENDPOINT";

	static final String PROPERTY = "management.opentelemetry.tracing.export.otlp.endpoint";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String endpoint = environment.getProperty(VARIABLE);
		if (StringUtils.hasText(endpoint) && !environment.containsProperty(PROPERTY)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource("orderly-otlp-endpoint", Map.of(PROPERTY, endpoint.strip())));
		}
	}
}
