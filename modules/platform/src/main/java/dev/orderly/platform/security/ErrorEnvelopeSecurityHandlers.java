package dev.orderly.platform.security;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.orderly.platform.SecurityEvents;
import dev.orderly.platform.web.ErrorResponses;

/**
 * 401 and 403 from the security filters, in the error envelope. The {@code WWW-Authenticate}
 * header follows RFC 6750 but says no more than "invalid_token": why a token failed is for our
 * logs, not for whoever holds it.
 */
class ErrorEnvelopeSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final Logger LOG = LoggerFactory.getLogger(ErrorEnvelopeSecurityHandlers.class);

	private final ErrorResponses errors;

	ErrorEnvelopeSecurityHandlers(ErrorResponses errors) {
		this.errors = errors;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof OAuth2AuthenticationException oauth) {
			String reason = reason(oauth);
			SecurityEvents.count("auth.token_refused", reason);
			LOG.atInfo().setMessage("auth.token_refused")
				.addKeyValue("reason", reason)
				.addKeyValue("method", request.getMethod())
				.addKeyValue("path", request.getRequestURI())
				.addKeyValue("clientAddress", request.getAttribute(SecurityEvents.CLIENT_ADDRESS_ATTRIBUTE))
				.log();
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
			errors.write(request, response, HttpStatus.UNAUTHORIZED, "INVALID_TOKEN",
					"The access token is invalid or has expired");
		}
		else {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
			errors.write(request, response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Authentication is required");
		}
	}

	/**
	 * Why a bearer token was refused, as one stable word for {@code auth.token_refused}, from the
	 * description Spring Security and Nimbus give (never the token, nor the description itself: it
	 * may quote parts of the token).
	 */
	static String reason(OAuth2AuthenticationException ex) {
		String description = ex.getError().getDescription();
		String text = description == null ? "" : description.toLowerCase(Locale.ROOT);
		if (text.contains("expired")) {
			return "expired";
		}
		if (text.contains("revoked")) {
			return "revoked";
		}
		if (text.contains("names no session")) {
			return "missing_sid";
		}
		if (text.contains("invalid signature")) {
			return "bad_signature";
		}
		if (text.contains("no matching key") || text.contains("another algorithm expected")) {
			return "unknown_key";
		}
		if (text.contains("iss claim")) {
			return "wrong_issuer";
		}
		if (text.contains("aud claim")) {
			return "wrong_audience";
		}
		if (text.contains("nbf") || text.contains("not before") || text.contains("used before")) {
			return "not_yet_valid";
		}
		if (text.contains("malformed") || text.contains("serialization") || text.contains("parse")
				|| text.contains("decode")) {
			return "malformed";
		}
		if (text.contains("claim")) {
			return "missing_claim";
		}
		return "invalid";
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		errors.write(request, response, HttpStatus.FORBIDDEN, "FORBIDDEN", "You are not allowed to do this");
	}
}
