package dev.orderly.users.domain;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.orderly.users.api.WeakPassword;

import static org.assertj.core.api.Assertions.assertThat;

/** The users module's exceptions: outcomes in business terms, not bugs — and nothing of HTTP in them. */
class UsersExceptionsTests {

	static final UUID ID = UUID.fromString("0190f3a2-0000-7000-8000-000000000001");

	static List<RuntimeException> all() {
		return List.of(new UserNotFound(ID), new NotAllowed("change roles"), new UnknownRole("ROOT"),
				new WrongPassword(), new LastAdministrator(), new InvalidVerificationToken(),
				new EmailAlreadyVerified(), new WeakPassword("newPassword", "too_short", "Too short"));
	}

	@Test
	void carryNoStackTraceAndNoCause() {
		for (RuntimeException ex : all()) {
			assertThat(ex.getStackTrace()).as(ex.getClass().getSimpleName()).isEmpty();
			assertThat(ex.getCause()).isNull();
			assertThat(ex.getMessage()).isNotBlank();
		}
	}

	@Test
	void sayWhatWentWrongInBusinessTerms() {
		assertThat(new UserNotFound(ID).userId()).isEqualTo(ID);
		assertThat(new UnknownRole("ROOT")).hasMessage("Unknown role ROOT; known: USER, ADMIN")
			.extracting(UnknownRole::role).isEqualTo("ROOT");
		assertThat(new WrongPassword()).hasMessage("The current password is not correct");
		assertThat(new LastAdministrator()).hasMessage("The last administrator cannot be removed");
		assertThat(new InvalidVerificationToken()).hasMessage("The token is invalid, expired or already used");
		assertThat(new EmailAlreadyVerified()).hasMessage("The email address is already verified");
	}

	@Test
	void aWeakPasswordNamesItsInputAndTheBrokenRule() {
		WeakPassword weak = new WeakPassword("newPassword", "too_common",
				"This password is too common; choose another one");
		assertThat(weak.field()).isEqualTo("newPassword");
		assertThat(weak.issue()).isEqualTo("too_common");
		assertThat(weak).hasMessage("This password is too common; choose another one");
	}

	@Test
	void extendNothingOfTheWeb() {
		for (RuntimeException ex : all()) {
			for (Class<?> type = ex.getClass(); type != null; type = type.getSuperclass()) {
				assertThat(type.getPackageName()).doesNotStartWith("dev.orderly.platform.web")
					.doesNotStartWith("org.springframework");
			}
		}
	}
}
