package dev.orderly.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;

/**
 * The committed API contract, {@code docs/openapi.json}, as a validator of observed responses
 * (Atlassian's swagger-request-validator; ADR 0018). Every response an HTTP test receives through
 * the shared {@code RestTestClient} or {@code MockMvc} passes through {@link #assertConforms}, so a
 * response that drifts from the spec fails the test that observed it.
 * <p>
 * Only responses are validated: tests send invalid requests on purpose. Paths the contract does
 * not have (test-only probe endpoints, actuator, the spec itself) and methods it does not have
 * (a test of 405) are not checked; that every real endpoint is in the contract is the drift test's
 * job ({@code OpenApiSpecTests}).
 */
public final class ApiContract {

	/**
	 * Set to {@code false} only by a test whose stand-in endpoints sit at real API paths (they are
	 * not the API, so the contract does not apply to them).
	 */
	public static final String ENABLED = "orderly.test.api-contract.enabled";

	/** Requests are not judged (tests send bad ones on purpose), nor paths and methods outside the contract. */
	private static final Map<String, ValidationReport.Level> NOT_CHECKED = Map.of(
			"validation.request", ValidationReport.Level.IGNORE,
			"validation.request.path.missing", ValidationReport.Level.IGNORE,
			"validation.request.operation.notAllowed", ValidationReport.Level.IGNORE);

	private static volatile OpenApiInteractionValidator validator;

	private ApiContract() {
	}

	/** The committed spec file, found from any Maven module of the repository. */
	public static Path specFile() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("No repository root (mvnw) above " + Path.of("").toAbsolutePath());
		}
		return dir.resolve("docs/openapi.json");
	}

	/**
	 * Fails with the validator's report when a response does not conform to the contract.
	 * @param method the request's HTTP method
	 * @param path the request's path, without query string
	 */
	public static void assertConforms(String method, String path, int status, Map<String, List<String>> headers,
			byte[] body) {
		Request.Method requestMethod;
		try {
			requestMethod = Request.Method.valueOf(method.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return;
		}
		SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
		headers.forEach(response::withHeader);
		if (body != null && body.length > 0) {
			response.withBody(body);
		}
		ValidationReport report = validator().validateResponse(path, requestMethod, response.build());
		if (report.hasErrors()) {
			throw new AssertionError("The response to " + method + " " + path + " (" + status
					+ ") does not conform to docs/openapi.json:\n" + SimpleValidationReportFormat.getInstance().apply(report)
					+ "\nBody: " + (body == null ? "" : new String(body, StandardCharsets.UTF_8)));
		}
	}

	private static OpenApiInteractionValidator validator() {
		OpenApiInteractionValidator current = validator;
		if (current == null) {
			synchronized (ApiContract.class) {
				current = validator;
				if (current == null) {
					current = load();
					validator = current;
				}
			}
		}
		return current;
	}

	private static OpenApiInteractionValidator load() {
		try {
			String spec = Files.readString(specFile(), StandardCharsets.UTF_8);
			return OpenApiInteractionValidator.createForInlineApiSpecification(spec)
				.withLevelResolver(LevelResolver.create().withLevels(NOT_CHECKED).build())
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + specFile(), ex);
		}
	}
}
