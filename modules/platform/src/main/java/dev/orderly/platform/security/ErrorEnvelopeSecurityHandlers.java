package dev.orderly.platform.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.orderly.platform.web.ErrorResponses;

/**
 * 401 and 403 from the security filters, in the error envelope. The {@code WWW-Authenticate}
 * header follows RFC 6750 but says no more than "invalid_token": why a token failed is for our
 * logs, not for whoever holds it.
 */
class ErrorEnvelopeSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final ErrorResponses errors;

	ErrorEnvelopeSecurityHandlers(ErrorResponses errors) {
		this.errors = errors;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof OAuth2AuthenticationException) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
			errors.write(request, response, HttpStatus.UNAUTHORIZED, "INVALID_TOKEN",
					"The access token is invalid or has expired");
		}
		else {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			errors.write(request, response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Authentication is required");
		}
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		errors.write(request, response, HttpStatus.FORBIDDEN, "FORBIDDEN", "You are not allowed to do this");
	}
}
