package dev.orderly;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Span export is off unless {@code ORDERLY_OTLP_ENDPOINT} has a value: Boot's OTLP span exporter
 * exists as soon as its endpoint property is present, even empty, so the property is only set from
 * a non-blank variable (docs/adr/0023).
 */
class OtlpExportEnvironmentTests {

	@Test
	void noEndpointPropertyWithoutTheVariable() {
		assertThat(processed(Map.of()).containsProperty(OtlpExportEnvironment.PROPERTY)).isFalse();
	}

	@Test
	void noEndpointPropertyForABlankVariable() {
		assertThat(processed(Map.of(OtlpExportEnvironment.VARIABLE, " ")).containsProperty(OtlpExportEnvironment.PROPERTY))
			.isFalse();
	}

	@Test
	void theVariableBecomesTheExportEndpoint() {
		assertThat(processed(Map.of(OtlpExportEnvironment.VARIABLE, "http://collector:4318/v1/traces"))
			.getProperty(OtlpExportEnvironment.PROPERTY)).isEqualTo("http://collector:4318/v1/traces");
	}

	@Test
	void anExplicitEndpointPropertyWins() {
		assertThat(processed(Map.of(OtlpExportEnvironment.VARIABLE, "http://collector:4318/v1/traces",
				OtlpExportEnvironment.PROPERTY, "http://other:4318/v1/traces"))
			.getProperty(OtlpExportEnvironment.PROPERTY)).isEqualTo("http://other:4318/v1/traces");
	}

	@Test
	void isRegisteredWithBoot() throws Exception {
		assertThat(new String(getClass().getResourceAsStream("/META-INF/spring.factories").readAllBytes()))
			.contains("org.springframework.boot.EnvironmentPostProcessor=")
			.contains(OtlpExportEnvironment.class.getName());
	}

	private static StandardEnvironment processed(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
		new OtlpExportEnvironment().postProcessEnvironment(environment, new SpringApplication());
		return environment;
	}
}
