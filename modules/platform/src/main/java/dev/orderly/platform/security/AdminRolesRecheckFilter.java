package dev.orderly.platform.security;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before a request that may change something (anything but GET, HEAD, OPTIONS) is authorised on
 * the strength of an {@code ADMIN} role in the access token, re-reads the caller's current roles
 * ({@link AccountRoles}) and authorises with those instead: a demoted administrator is a user, a
 * deleted one is not authenticated. One query per administrator write, none for anyone else.
 * Reads rely on revocation of the token's session, which reaches every instance within a second.
 */
class AdminRolesRecheckFilter extends OncePerRequestFilter {

	private static final String ROLE_PREFIX = "ROLE_";

	private static final GrantedAuthority ADMIN = new SimpleGrantedAuthority(ROLE_PREFIX + CurrentUser.ADMIN);

	private final AccountRoles accountRoles;

	private final ErrorEnvelopeSecurityHandlers handlers;

	AdminRolesRecheckFilter(AccountRoles accountRoles, ErrorEnvelopeSecurityHandlers handlers) {
		this.accountRoles = accountRoles;
		this.handlers = handlers;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (mayChangeSomething(request)
				&& SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
				&& token.getAuthorities().contains(ADMIN)) {
			Set<String> current = accountRoles.currentRoles(UUID.fromString(token.getName()));
			if (current.isEmpty()) {
				SecurityContextHolder.clearContext();
				handlers.commence(request, response, new InvalidBearerTokenException("The account no longer exists"));
				return;
			}
			if (!current.contains(CurrentUser.ADMIN)) {
				List<GrantedAuthority> authorities = current.stream()
					.<GrantedAuthority>map(role -> new SimpleGrantedAuthority(ROLE_PREFIX + role))
					.toList();
				SecurityContext context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(new JwtAuthenticationToken(token.getToken(), authorities, token.getName()));
				SecurityContextHolder.setContext(context);
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean mayChangeSomething(HttpServletRequest request) {
		String method = request.getMethod();
		return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
	}
}
