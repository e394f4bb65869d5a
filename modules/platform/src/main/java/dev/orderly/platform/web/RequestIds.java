package dev.orderly.platform.web;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.MDC;

import dev.orderly.platform.CurrentRequest;
import dev.orderly.platform.Ids;

/**
 * The request id of the current request: taken from {@code X-Request-Id} when it is a sane token,
 * generated otherwise.
 */
public final class RequestIds {

	public static final String HEADER = "X-Request-Id";

	/** The MDC key; structured logs carry it on every line. */
	public static final String MDC_KEY = CurrentRequest.ID_KEY;

	static final String ATTRIBUTE = RequestIds.class.getName();

	private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	private RequestIds() {
	}

	static String fromHeaderOrNew(String header) {
		return header != null && ACCEPTABLE.matcher(header).matches() ? header : Ids.next().toString();
	}

	/** The id of the given request, also during error dispatch when the MDC is already cleared. */
	public static String of(HttpServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		return id != null ? id.toString() : MDC.get(MDC_KEY);
	}
}
