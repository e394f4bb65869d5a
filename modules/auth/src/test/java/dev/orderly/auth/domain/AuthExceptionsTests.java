package dev.orderly.auth.domain;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The auth module's exceptions: outcomes in business terms, not bugs — and nothing of HTTP in them. */
class AuthExceptionsTests {

	static List<RuntimeException> all() {
		return List.of(new InvalidCredentials(), new InvalidRefreshToken(), new InvalidResetToken());
	}

	@Test
	void carryNoStackTraceAndNoCause() {
		for (RuntimeException ex : all()) {
			assertThat(ex.getStackTrace()).as(ex.getClass().getSimpleName()).isEmpty();
			assertThat(ex.getCause()).isNull();
		}
	}

	@Test
	void sayOneThingForEveryKindOfFailureSoThatNoneCanBeToldApart() {
		assertThat(new InvalidCredentials()).hasMessage("The email or password is incorrect");
		assertThat(new InvalidRefreshToken()).hasMessage("The refresh token is invalid, expired or revoked");
		assertThat(new InvalidResetToken()).hasMessage("The token is invalid, expired or already used");
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
