package dev.orderly.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * Error codes a module's endpoints answer with, declared by that module as a bean next to its
 * {@code *ErrorMapping} (as {@code PublicEndpoints} are). The application's OpenAPI description
 * lists them, with {@code description}, in the error response of {@code status}: the platform owns
 * the error envelope and its own codes, each module the codes it adds (ADR 0033).
 *
 * @param status the HTTP status the codes are sent with
 * @param description what the codes mean, one or more sentences naming them
 * @param codes the codes, as the error envelope's {@code code}
 */
public record ApiErrorCodes(HttpStatus status, String description, List<String> codes) {

	public ApiErrorCodes {
		codes = List.copyOf(codes);
	}

	public static ApiErrorCodes of(HttpStatus status, String description, String... codes) {
		return new ApiErrorCodes(status, description, List.of(codes));
	}
}
