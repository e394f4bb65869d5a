package dev.orderly.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report, as the error envelope: what Tomcat refuses before Spring sees the request
 * (a malformed or encoded-slash URL, {@code %00}, {@code ..} above the root, a request line or header
 * over the limit, a control character in a header) gets {@code application/json} with a code, a
 * generic message and a request id — also in {@code X-Request-Id} — instead of an HTML page. Errors
 * that Spring already answered (a body was written) are left alone. It sets the security headers
 * the security chain sets on every other response (docs/adr/0034). Tomcat creates it by class name
 * ({@link TomcatErrorReports}), hence public with a no-argument constructor.
 */
public class JsonErrorReportValve extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The security chain's headers (SecurityConfiguration), for errors answered outside of it. */
	static final Map<String, String> SECURITY_HEADERS = Map.of("X-Content-Type-Options", "nosniff", "X-Frame-Options",
			"DENY", "Cache-Control", "no-store", "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
			"Referrer-Policy", "no-referrer");

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatusCode code = HttpStatusCode.valueOf(status);
		String id = requestId(request);
		try {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			response.setHeader(RequestIds.HEADER, id);
			// the security headers every other response carries (the security chain never saw this one)
			SECURITY_HEADERS.forEach(response::setHeader);
			if (status == HttpStatus.SERVICE_UNAVAILABLE.value()) {
				response.setHeader("Retry-After", ErrorResponses.RETRY_AFTER_UNAVAILABLE);
			}
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(JSON.writeValueAsString(ApiError.of(ErrorResponses.defaultCode(code),
						ErrorResponses.defaultMessage(code), List.of(), id)));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response cannot take a body; nothing more to say
		}
	}

	private static String requestId(Request request) {
		Object known = request.getAttribute(RequestIds.ATTRIBUTE);
		if (known != null) {
			return known.toString();
		}
		String header;
		try {
			header = request.getHeader(RequestIds.HEADER);
		}
		catch (RuntimeException ex) {
			header = null;
		}
		return RequestIds.fromHeaderOrNew(header);
	}
}
