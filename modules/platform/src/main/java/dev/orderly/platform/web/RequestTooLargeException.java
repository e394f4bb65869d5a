package dev.orderly.platform.web;

import java.io.IOException;

/**
 * Raised while reading a request body that turns out larger than the configured limit.
 */
class RequestTooLargeException extends IOException {

	RequestTooLargeException() {
		super("Request body exceeds the configured limit");
	}
}
