package dev.orderly.auth.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.orderly.auth.domain.InvalidCredentials;
import dev.orderly.auth.domain.InvalidRefreshToken;
import dev.orderly.auth.domain.InvalidResetToken;
import dev.orderly.platform.web.ApiError.FieldIssue;
import dev.orderly.platform.web.ErrorResponses;
import dev.orderly.users.api.WeakPassword;

/**
 * Where the auth module's exceptions — and the one of the users API that a password reset can meet,
 * {@link WeakPassword} — become the error envelope with their status and error code (ADR 0021).
 * Only for the module's own controllers, and ahead of the platform's catch-all handler.
 */
@RestControllerAdvice(basePackageClasses = AuthErrorMapping.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuthErrorMapping {

	private static final String INVALID_TOKEN = "INVALID_TOKEN";

	private final ErrorResponses errors;

	AuthErrorMapping(ErrorResponses errors) {
		this.errors = errors;
	}

	@ExceptionHandler(InvalidCredentials.class)
	ResponseEntity<Object> invalidCredentials(InvalidCredentials ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS", ex.getMessage(), null, request, null);
	}

	@ExceptionHandler(InvalidRefreshToken.class)
	ResponseEntity<Object> invalidRefreshToken(InvalidRefreshToken ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.UNAUTHORIZED, INVALID_TOKEN, ex.getMessage(), null, request, null);
	}

	@ExceptionHandler(InvalidResetToken.class)
	ResponseEntity<Object> invalidResetToken(InvalidResetToken ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.BAD_REQUEST, INVALID_TOKEN, ex.getMessage(), null, request, null);
	}

	/** The new password of a reset, refused by the users module's password policy. */
	@ExceptionHandler(WeakPassword.class)
	ResponseEntity<Object> weakPassword(WeakPassword ex, HttpServletRequest request) {
		return errors.entity(HttpStatus.BAD_REQUEST, "VALIDATION_ERROR", ex.getMessage(),
				List.of(new FieldIssue(ex.field(), ex.issue())), request, null);
	}
}
