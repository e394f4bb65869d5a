package dev.orderly.auth.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.orderly.auth.AuthConfiguration;
import dev.orderly.auth.application.PasswordResets;
import dev.orderly.auth.application.Sessions;
import dev.orderly.platform.web.ApiResponse;

/**
 * Login, token refresh, logout and password reset. All public (declared in
 * {@link AuthConfiguration}); responses carry {@code Cache-Control: no-store} (security headers).
 */
@RestController
@Tag(name = "auth")
@RequestMapping("/api/v1/auth")
class AuthController {

	private final Sessions sessions;

	private final PasswordResets passwordResets;

	AuthController(Sessions sessions, PasswordResets passwordResets) {
		this.sessions = sessions;
		this.passwordResets = passwordResets;
	}

	/** No format check on the email: any wrong credential is the same 401. Sizes stop abuse. */
	record LoginRequest(@NotNull @Size(max = 320) String email, @NotNull @Size(max = 1024) String password) {
	}

	record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {
	}

	record PasswordResetRequest(@NotBlank @Size(max = 320) String email) {
	}

	/** The new password goes through the users module's password policy (8 to 128 characters, not a common one). */
	record PasswordResetConfirmation(@NotBlank @Size(max = 256) String token,
			@NotNull @Schema(minLength = 8, maxLength = 128,
					description = "8 to 128 characters, not a commonly used password") String newPassword) {
	}

	@Operation(operationId = "login", summary = "Log in",
			description = "Public: exchanges email and password for a short-lived access token (a JWT for the Authorization: Bearer header) and a refresh token. Any failure is the same 401 INVALID_CREDENTIALS.")
	@PostMapping("/login")
	ApiResponse<Sessions.Tokens> login(@Valid @RequestBody LoginRequest request) {
		return ApiResponse.of(sessions.login(request.email(), request.password()));
	}

	@Operation(operationId = "refreshTokens", summary = "Refresh the tokens",
			description = "Public: exchanges a refresh token for a new pair; the old refresh token is dead. Replaying a used refresh token is 401 INVALID_TOKEN and revokes the whole session.")
	@PostMapping("/refresh")
	ApiResponse<Sessions.Tokens> refresh(@Valid @RequestBody RefreshRequest request) {
		return ApiResponse.of(sessions.refresh(request.refreshToken()));
	}

	@Operation(operationId = "logout", summary = "Log out",
			description = "Public: revokes the session of the refresh token. Access tokens already issued expire on their own.")
	@PostMapping("/logout")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void logout(@Valid @RequestBody RefreshRequest request) {
		sessions.logout(request.refreshToken());
	}

	/** Always 202: whether the email belongs to an account is not revealed. */
	@Operation(operationId = "requestPasswordReset", summary = "Request a password reset",
			description = "Public: always 202, whether or not the email belongs to an account; an account gets an email with a reset token.")
	@PostMapping("/password-reset")
	@ResponseStatus(HttpStatus.ACCEPTED)
	void requestPasswordReset(@Valid @RequestBody PasswordResetRequest request) {
		passwordResets.request(request.email());
	}

	@Operation(operationId = "confirmPasswordReset", summary = "Set a new password with a reset token",
			description = "Public: a bad, expired or used token is 400 INVALID_TOKEN. Every session of the user is revoked.")
	@PostMapping("/password-reset/confirm")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void confirmPasswordReset(@Valid @RequestBody PasswordResetConfirmation request) {
		passwordResets.confirm(request.token(), request.newPassword());
	}
}
