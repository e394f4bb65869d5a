package dev.orderly.users.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.orderly.platform.web.ApiError.FieldIssue;
import dev.orderly.platform.web.ErrorResponses;
import dev.orderly.users.api.WeakPassword;
import dev.orderly.users.domain.EmailAlreadyVerified;
import dev.orderly.users.domain.InvalidVerificationToken;
import dev.orderly.users.domain.LastAdministrator;
import dev.orderly.users.domain.NotAllowed;
import dev.orderly.users.domain.UnknownRole;
import dev.orderly.users.domain.UserNotFound;
import dev.orderly.users.domain.WrongPassword;

/**
 * Where the users module's exceptions meet HTTP (ADR 0021): each becomes the error envelope with its
 * status and error code. Only for the module's own controllers, and ahead of the platform's
 * catch-all handler.
 */
@RestControllerAdvice(basePackageClasses = UsersErrorMapping.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UsersErrorMapping {

	private static final String VALIDATION_ERROR = "VALIDATION_ERROR";

	private final ErrorResponses errors;

	UsersErrorMapping(ErrorResponses errors) {
		this.errors = errors;
	}

	/** Not there, or not the caller's to see: the same 404, so nobody learns which ids exist. */
	@ExceptionHandler(UserNotFound.class)
	ResponseEntity<Object> notFound(UserNotFound ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.NOT_FOUND, "NOT_FOUND", ErrorResponses.defaultMessage(HttpStatus.NOT_FOUND),
				null, request, null);
	}

	@ExceptionHandler(NotAllowed.class)
	ResponseEntity<Object> notAllowed(NotAllowed ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.FORBIDDEN, "FORBIDDEN", ErrorResponses.defaultMessage(HttpStatus.FORBIDDEN),
				null, request, null);
	}

	@ExceptionHandler(WeakPassword.class)
	ResponseEntity<Object> weakPassword(WeakPassword ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.BAD_REQUEST, VALIDATION_ERROR, ex.getMessage(),
				List.of(new FieldIssue(ex.field(), ex.issue())), request, null);
	}

	@ExceptionHandler(UnknownRole.class)
	ResponseEntity<Object> unknownRole(UnknownRole ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.BAD_REQUEST, VALIDATION_ERROR, ex.getMessage(),
				List.of(new FieldIssue("roles", "unknown_role")), request, null);
	}

	@ExceptionHandler(WrongPassword.class)
	ResponseEntity<Object> wrongPassword(WrongPassword ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.BAD_REQUEST, "INVALID_CURRENT_PASSWORD", ex.getMessage(),
				List.of(new FieldIssue("currentPassword", "incorrect")), request, null);
	}

	@ExceptionHandler(InvalidVerificationToken.class)
	ResponseEntity<Object> invalidToken(InvalidVerificationToken ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.BAD_REQUEST, "INVALID_TOKEN", ex.getMessage(), null, request, null);
	}

	@ExceptionHandler(LastAdministrator.class)
	ResponseEntity<Object> lastAdministrator(LastAdministrator ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.CONFLICT, "LAST_ADMIN", ex.getMessage(), null, request, null);
	}

	@ExceptionHandler(EmailAlreadyVerified.class)
	ResponseEntity<Object> alreadyVerified(EmailAlreadyVerified ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.CONFLICT, "EMAIL_ALREADY_VERIFIED", ex.getMessage(), null, request, null);
	}
}
