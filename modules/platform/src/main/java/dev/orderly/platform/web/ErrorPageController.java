package dev.orderly.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's {@code /error} page: whatever the servlet container routes here (a filter that
 * failed, a status set with {@code sendError}, a request the firewall refused) leaves in the error
 * envelope too, with the security headers of every other response (the security chain may not have
 * written them: docs/adr/0034).
 */
@RestController
class ErrorPageController implements ErrorController {

	private final ErrorResponses errors;

	ErrorPageController(ErrorResponses errors) {
		this.errors = errors;
	}

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<Object> error(HttpServletRequest request, HttpServletResponse response) {
		JsonErrorReportValve.SECURITY_HEADERS.forEach(response::setHeader);
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null ? HttpStatus.valueOf(value)
				: HttpStatus.NOT_FOUND;
		if (status.is2xxSuccessful()) {
			status = HttpStatus.NOT_FOUND;
		}
		return errors.entity(status, ErrorResponses.defaultCode(status), ErrorResponses.defaultMessage(status), null,
				request, null);
	}
}
