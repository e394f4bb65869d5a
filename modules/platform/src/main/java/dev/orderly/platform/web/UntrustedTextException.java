package dev.orderly.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string that breaks {@link UntrustedText}; Jackson adds the path of the field on its way
 * out, and the error handler reports it as 400 {@code VALIDATION_ERROR} for that field. Its message
 * never repeats the value (which may be a megabyte long).
 */
class UntrustedTextException extends MismatchedInputException {

	private final String issue;

	UntrustedTextException(JsonParser parser, String issue) {
		super(parser, "String value rejected: " + issue, String.class);
		this.issue = issue;
	}

	String issue() {
		return issue;
	}
}
