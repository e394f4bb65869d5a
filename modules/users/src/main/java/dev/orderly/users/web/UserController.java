package dev.orderly.users.web;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.orderly.platform.paging.Cursor;
import dev.orderly.platform.security.CurrentUser;
import dev.orderly.platform.web.ApiException;
import dev.orderly.platform.web.ApiResponse;
import dev.orderly.platform.web.PageLimit;
import dev.orderly.users.application.AccountDeletion;
import dev.orderly.users.application.AccountLookup;
import dev.orderly.users.application.EmailVerification;
import dev.orderly.users.application.PasswordChanges;
import dev.orderly.users.application.ProfileUpdates;
import dev.orderly.users.application.Registration;
import dev.orderly.users.application.RoleChanges;
import dev.orderly.users.domain.Emails;
import dev.orderly.users.domain.PasswordPolicy;
import dev.orderly.users.domain.User;
import dev.orderly.users.domain.UserView;
import dev.orderly.users.persistence.UserDirectory;

/**
 * Accounts over HTTP: validates the request, passes the caller on as an {@link dev.orderly.platform.Actor}
 * to the use case, which asks {@code UserPolicy} what the caller may do; failures become the error
 * envelope in {@link UsersErrorMapping}. Responses carry user data, so (like every response of the
 * API) they are sent with {@code Cache-Control: no-store} by the security headers.
 */
@RestController
@Tag(name = "users")
@RequestMapping("/api/v1/users")
class UserController {

	static final String PHONE = "^\\+[1-9][0-9]{6,14}$";

	static final String LOCALE = "^[a-z]{2,3}(-[A-Z]{2})?$";

	/** The longest {@link #PHONE}: '+' and 15 digits. */
	static final int PHONE_MAX_LENGTH = UserView.PHONE_MAX_LENGTH;

	/** The longest {@link #LOCALE}: {@code xxx-XX}. */
	static final int LOCALE_MAX_LENGTH = UserView.LOCALE_MAX_LENGTH;

	/** A password's bounds as the API states them; {@link PasswordPolicy} enforces them and more. */
	static final String PASSWORD_RULE = "8 to 128 characters, not a commonly used password";

	/** At least one non-blank character; written without inline flags so JavaScript (ECMA-262) validators compile it. */
	static final String NOT_BLANK = "[\\s\\S]*\\S[\\s\\S]*";

	private final Registration registration;

	private final AccountLookup accounts;

	private final ProfileUpdates profiles;

	private final RoleChanges roleChanges;

	private final AccountDeletion deletion;

	private final EmailVerification verification;

	private final PasswordChanges passwordChanges;

	UserController(Registration registration, AccountLookup accounts, ProfileUpdates profiles, RoleChanges roleChanges,
			AccountDeletion deletion, EmailVerification verification, PasswordChanges passwordChanges) {
		this.registration = registration;
		this.accounts = accounts;
		this.profiles = profiles;
		this.roleChanges = roleChanges;
		this.deletion = deletion;
		this.verification = verification;
		this.passwordChanges = passwordChanges;
	}

	/** The email is normalised before it is validated, so " Ann@Example.COM " is ann@example.com. */
	record RegistrationRequest(@NotBlank @Pattern(regexp = Emails.PATTERN) @Size(max = 254) String email,
			@NotNull @Schema(minLength = PasswordPolicy.MIN_LENGTH, maxLength = PasswordPolicy.MAX_LENGTH,
					description = PASSWORD_RULE) String password,
			@NotBlank @Size(max = 100) String displayName,
			@Pattern(regexp = LOCALE) @Schema(maxLength = LOCALE_MAX_LENGTH) String locale) {

		RegistrationRequest {
			email = Emails.normalise(email);
		}
	}

	/** PUT: the whole profile; a field left out is cleared. */
	record ProfileReplacement(@NotBlank @Size(max = 100) String displayName,
			@Pattern(regexp = PHONE) @Schema(maxLength = PHONE_MAX_LENGTH) String phone,
			@Pattern(regexp = LOCALE) @Schema(maxLength = LOCALE_MAX_LENGTH) String locale) {
	}

	/** PATCH: only the fields present change ({@code null} means "leave as is"; clear with PUT). */
	record ProfilePatch(@Pattern(regexp = NOT_BLANK) @Size(max = 100) String displayName,
			@Pattern(regexp = PHONE) @Schema(maxLength = PHONE_MAX_LENGTH) String phone,
			@Pattern(regexp = LOCALE) @Schema(maxLength = LOCALE_MAX_LENGTH) String locale) {
	}

	/** At most a handful of roles, each at most once ({@code uniqueItems}; a repeat is refused). */
	record RolesRequest(@NotEmpty @Size(min = 1, max = 10) Set<@NotBlank String> roles) {
	}

	record VerifyEmailRequest(@NotBlank @Size(max = 256) String token) {
	}

	record EmailVerified(UUID userId, boolean emailVerified) {
	}

	record PasswordChangeRequest(@NotNull @Schema(maxLength = 1024) String currentPassword,
			@NotNull @Schema(minLength = PasswordPolicy.MIN_LENGTH, maxLength = PasswordPolicy.MAX_LENGTH,
					description = PASSWORD_RULE) String newPassword) {
	}

	/**
	 * What registration answers, whether the address was new or already had an account (ADR 0016):
	 * the normalised address the next step was emailed to. A new account can log in at once; for a
	 * taken address the owner is told by email and the credentials given here log nobody in.
	 */
	record RegistrationAccepted(@Schema(maxLength = 320) String email) {
	}

	@Operation(operationId = "registerUser", summary = "Register an account",
			description = "Public: answers 202 with the same body whether the address is new or already has an account, so it never reveals which (ADR 0016). A new account gets the USER role and a verification email; the owner of a taken address is told by email and nothing is created. Passwords are 8 to 128 characters and must not be a common password.")
	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	ApiResponse<RegistrationAccepted> register(@Valid @RequestBody RegistrationRequest request) {
		registration.register(new Registration.NewAccount(request.email(), request.password(), request.displayName(),
				request.locale()));
		return ApiResponse.of(new RegistrationAccepted(request.email()));
	}

	/**
	 * The admin's list, newest first. Filters: {@code role}, {@code email} (prefix, case-insensitive),
	 * {@code verified}.
	 */
	@Operation(operationId = "listUsers", summary = "List users",
			description = "Administrators: accounts newest first, one keyset page at a time, filtered by role, email prefix or verified state.")
	@GetMapping
	ApiResponse<List<UserView>> list(@RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) String role,
			@RequestParam(required = false) String email, @RequestParam(required = false) Boolean verified,
			CurrentUser caller) {
		int size = PageLimit.of(limit);
		if (role != null && !User.KNOWN_ROLES.contains(role)) {
			throw ApiException.invalid("role", "unknown_role", "Unknown role; known: USER, ADMIN");
		}
		String prefix = email == null || email.isBlank() ? null : Emails.normalise(email);
		List<UserView> rows = accounts.list(caller.actor(), new UserDirectory.Filter(role, prefix, verified),
				Cursor.decode(cursor), size);
		return ApiResponse.page(rows, size, row -> new Cursor(row.createdAt(), row.id()), row -> row);
	}

	@Operation(operationId = "getCurrentUser", summary = "Get the caller's account",
			description = "The account of the access token's subject.")
	@GetMapping("/me")
	ApiResponse<UserView> me(CurrentUser caller) {
		return ApiResponse.of(UserView.of(accounts.get(caller.actor(), caller.id())));
	}

	@Operation(operationId = "getUser", summary = "Get an account",
			description = "The caller's own account, or any for an administrator; another user's id is 404.")
	@GetMapping("/{id}")
	ApiResponse<UserView> get(@PathVariable UUID id, CurrentUser caller) {
		return ApiResponse.of(UserView.of(accounts.get(caller.actor(), id)));
	}

	@Operation(operationId = "replaceUserProfile", summary = "Replace a profile",
			description = "Replaces displayName, phone and locale (self or administrator); a field left out is cleared.")
	@PutMapping("/{id}")
	ApiResponse<UserView> replaceProfile(@PathVariable UUID id, @Valid @RequestBody ProfileReplacement request,
			CurrentUser caller) {
		return ApiResponse.of(UserView.of(profiles.replace(caller.actor(), id,
				new ProfileUpdates.ProfileChange(request.displayName(), request.phone(), request.locale()))));
	}

	@Operation(operationId = "patchUserProfile", summary = "Change part of a profile",
			description = "Changes only the profile fields present (self or administrator); null or absent means unchanged (clear a field with replaceUserProfile). Accepts application/json and application/merge-patch+json.")
	@PatchMapping(path = "/{id}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
	ApiResponse<UserView> patchProfile(@PathVariable UUID id, @Valid @RequestBody ProfilePatch request,
			CurrentUser caller) {
		return ApiResponse.of(UserView.of(profiles.patch(caller.actor(), id,
				new ProfileUpdates.ProfileChange(request.displayName(), request.phone(), request.locale()))));
	}

	@Operation(operationId = "deleteUser", summary = "Delete an account",
			description = "Soft-deletes the account (self or administrator): its sessions are revoked, its open orders cancelled, and no further email is sent. The last administrator cannot be deleted (409 LAST_ADMIN).")
	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id, CurrentUser caller) {
		deletion.delete(caller.actor(), id);
	}

	@Operation(operationId = "changeUserRoles", summary = "Change an account's roles",
			description = "Administrators: sets the roles (USER, ADMIN). The user's earlier access tokens stop working; removing the last administrator is 409 LAST_ADMIN.")
	@PutMapping("/{id}/roles")
	ApiResponse<UserView> changeRoles(@PathVariable UUID id, @Valid @RequestBody RolesRequest request,
			CurrentUser caller) {
		return ApiResponse.of(UserView.of(roleChanges.change(caller.actor(), id, request.roles())));
	}

	/** Public: the token proves control of the mailbox. Any failure is 400 {@code INVALID_TOKEN}. */
	@Operation(operationId = "verifyEmail", summary = "Verify an email address",
			description = "Public: the token from the verification email proves control of the mailbox. Any bad, expired or used token is 400 INVALID_TOKEN; an address already verified is 409 EMAIL_ALREADY_VERIFIED.")
	@PostMapping("/{id}/verify-email")
	ApiResponse<EmailVerified> verifyEmail(@PathVariable UUID id, @Valid @RequestBody VerifyEmailRequest request) {
		User user = verification.verify(id, request.token());
		return ApiResponse.of(new EmailVerified(user.id(), user.isEmailVerified()));
	}

	@Operation(operationId = "resendVerificationEmail", summary = "Send the verification email again",
			description = "Self or administrator: sends a fresh verification email (the earlier token stops working). 409 EMAIL_ALREADY_VERIFIED when there is nothing to verify.")
	@PostMapping("/{id}/verification-email")
	@ResponseStatus(HttpStatus.ACCEPTED)
	void resendVerification(@PathVariable UUID id, CurrentUser caller) {
		verification.resend(caller.actor(), id);
	}

	@Operation(operationId = "changePassword", summary = "Change the password",
			description = "Self or administrator: needs the current password (400 INVALID_CURRENT_PASSWORD). Every session of the user is revoked.")
	@PostMapping("/{id}/change-password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void changePassword(@PathVariable UUID id, @Valid @RequestBody PasswordChangeRequest request, CurrentUser caller) {
		passwordChanges.change(caller.actor(), id, request.currentPassword(), request.newPassword());
	}
}
