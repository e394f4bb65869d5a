package dev.orderly.logging;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import dev.orderly.platform.web.RequestIds;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console log format that application.yml sets up: readable lines by default, one JSON document
 * a line with {@code ORDERLY_LOG_FORMAT}; the request id of the request, and the trace, span and
 * module of the line (docs/adr/0023), on its lines either way.
 * Logging is initialised here from application.yml alone (a Spring context initialises it only once
 * per JVM), and put back as the application sets it up afterwards.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogFormatTests {

	private static final Logger LOG = LoggerFactory.getLogger(LogFormatTests.class);

	private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

	/** Levels set before (e.g. DEBUG by another test's context), to put back afterwards. */
	private final List<LoggerConfiguration> levels = logging.getLoggerConfigurations()
		.stream()
		.filter(config -> config.getConfiguredLevel() != null)
		.toList();

	@AfterEach
	void restoreTheApplicationsLogging() throws IOException {
		initialiseLogging(Map.of());
		levels.forEach(config -> logging.setLogLevel(config.getName(), config.getConfiguredLevel()));
	}

	@Test
	void readableLinesWithTheRequestIdByDefault(CapturedOutput output) throws IOException {
		initialiseLogging(Map.of());
		String requestId = UUID.randomUUID().toString();

		logInRequest(requestId, "readable line");

		assertThat(output.getOut().lines().filter(line -> line.contains("readable line")))
			.singleElement()
			.satisfies(line -> assertThat(line).doesNotStartWith("{")
				.contains("INFO")
				.contains("[" + requestId + "]")
				.contains(LogFormatTests.class.getName()));
	}

	@Test
	void oneJsonDocumentALineWithTheRequestIdWhenConfigured(CapturedOutput output) throws IOException {
		initialiseLogging(Map.of("ORDERLY_LOG_FORMAT", "ecs"));
		String requestId = UUID.randomUUID().toString();

		logInRequest(requestId, "structured line");

		assertThat(output.getOut().lines().filter(line -> line.contains("structured line")))
			.singleElement()
			.satisfies(line -> assertThat(line).startsWith("{")
				.endsWith("}")
				.contains("\"message\":\"structured line\"")
				.contains("\"" + RequestIds.MDC_KEY + "\":\"" + requestId + "\"")
				.contains("\"ecs\":{\"version\""));
	}

	@Test
	void traceSpanAndModuleOnTheLineInBothFormats(CapturedOutput output) throws IOException {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String spanId = "00f067aa0ba902b7";

		initialiseLogging(Map.of());
		logInTrace(traceId, spanId, "notifications", "readable traced line");
		initialiseLogging(Map.of("ORDERLY_LOG_FORMAT", "ecs"));
		logInTrace(traceId, spanId, "notifications", "structured traced line");

		assertThat(output.getOut().lines().filter(line -> line.contains("readable traced line")))
			.singleElement()
			.satisfies(line -> assertThat(line).contains("[" + traceId + "," + spanId + "] [notifications]"));
		assertThat(output.getOut().lines().filter(line -> line.contains("structured traced line")))
			.singleElement()
			.satisfies(line -> assertThat(line).startsWith("{")
				.contains("\"traceId\":\"" + traceId + "\"")
				.contains("\"spanId\":\"" + spanId + "\"")
				.contains("\"module\":\"notifications\""));
	}

	@Test
	void businessEventFieldsReadableAndAsJsonFields(CapturedOutput output) throws IOException {
		String orderId = UUID.randomUUID().toString();

		initialiseLogging(Map.of());
		LOG.atInfo().setMessage("order.placed").addKeyValue("orderId", orderId).addKeyValue("total", 1350).log();
		LOG.info("plain readable line");
		initialiseLogging(Map.of("ORDERLY_LOG_FORMAT", "ecs"));
		LOG.atInfo().setMessage("order.placed").addKeyValue("orderId", orderId).addKeyValue("total", 1351).log();

		assertThat(output.getOut().lines().filter(line -> line.contains(orderId) && !line.startsWith("{")))
			.singleElement()
			.satisfies(line -> assertThat(line).contains("orderId=\"" + orderId + "\" total=\"1350\" ")
				.endsWith(": order.placed"));
		assertThat(output.getOut().lines().filter(line -> line.contains("plain readable line")))
			.singleElement()
			.satisfies(line -> assertThat(line).doesNotContain("=\"").doesNotContain("]  "));
		assertThat(output.getOut().lines().filter(line -> line.contains(orderId) && line.startsWith("{")))
			.singleElement()
			.satisfies(line -> assertThat(line).contains("\"message\":\"order.placed\"")
				.contains("\"orderId\":\"" + orderId + "\"")
				.contains("\"total\":1351"));
	}

	/** As a line logged in a span of a module (Micrometer Tracing and the module observations fill the MDC). */
	private static void logInTrace(String traceId, String spanId, String module, String message) {
		Map<String, String> fields = Map.of("traceId", traceId, "spanId", spanId, "module", module);
		fields.forEach(MDC::put);
		try {
			LOG.info(message);
		}
		finally {
			fields.keySet().forEach(MDC::remove);
		}
	}

	private static void logInRequest(String requestId, String message) {
		MDC.put(RequestIds.MDC_KEY, requestId);
		try {
			LOG.info(message);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

	private void initialiseLogging(Map<String, Object> environmentVariables) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"))) {
			environment.getPropertySources().addLast(source);
		}
		environment.getPropertySources().addFirst(new MapPropertySource("environment variables", environmentVariables));
		logging.cleanUp();
		logging.beforeInitialize();
		logging.initialize(new LoggingInitializationContext(environment), null, null);
	}
}
