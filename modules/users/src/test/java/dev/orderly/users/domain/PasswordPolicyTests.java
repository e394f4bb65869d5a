package dev.orderly.users.domain;

import java.util.Set;

import org.assertj.core.api.Assertions;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.orderly.users.api.WeakPassword;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTests {

	static final PasswordPolicy POLICY = PasswordPolicy.withCommonPasswordList();

	@Test
	void acceptsALongUncommonPassphrase() {
		assertThatCode(() -> POLICY.check("password", "correct horse battery staple", "ann@example.com"))
			.doesNotThrowAnyException();
	}

	@Test
	void acceptsExactlyTheMinimumAndTheMaximumLength() {
		assertThatCode(() -> POLICY.check("password", "Zq8!vR2#", null)).doesNotThrowAnyException();
		assertThatCode(() -> POLICY.check("password", "x7".repeat(64), null)).doesNotThrowAnyException();
	}

	@Test
	void countsCharactersNotBytes() {
		assertThatCode(() -> POLICY.check("password", "żółwiątko🐢", null)).doesNotThrowAnyException();
		assertRejected("🐢🐢🐢🐢🐢🐢🐢", "too_short");
	}

	@Test
	void rejectsPasswordsShorterThanEightCharacters() {
		assertRejected("Zq8!vR2", "too_short");
	}

	@Test
	void rejectsPasswordsLongerThan128Characters() {
		assertRejected("x".repeat(129), "too_long");
	}

	@Test
	void rejectsAMissingPassword() {
		assertRejected("", "required");
		assertRejected(null, "required");
	}

	@ParameterizedTest
	@ValueSource(strings = { "password", "12345678", "qwertyuiop", "PassWord1", "iloveyou", "  football  " })
	void rejectsCommonPasswordsWhateverTheirCase(String common) {
		assertRejected(common, "too_common");
	}

	@Test
	void shipsThousandsOfCommonPasswords() {
		Assertions.assertThat(POLICY).extracting("common")
			.asInstanceOf(InstanceOfAssertFactories.COLLECTION)
			.hasSizeGreaterThan(5000);
	}

	@Test
	void rejectsTheAccountsOwnEmailAsPassword() {
		assertRejected("Ann@Example.com", "same_as_email", "ann@example.com");
	}

	@Test
	void namesTheRequestFieldInTheError() {
		PasswordPolicy policy = new PasswordPolicy(Set.of());
		assertThatThrownBy(() -> policy.check("newPassword", "short", null)).isInstanceOf(WeakPassword.class)
			.satisfies(ex -> Assertions.assertThat(((WeakPassword) ex).field())
				.isEqualTo("newPassword"));
	}

	private static void assertRejected(String password, String issue) {
		assertRejected(password, issue, null);
	}

	private static void assertRejected(String password, String issue, String email) {
		assertThatThrownBy(() -> POLICY.check("password", password, email)).isInstanceOf(WeakPassword.class)
			.satisfies(ex -> {
				WeakPassword weak = (WeakPassword) ex;
				Assertions.assertThat(weak.field()).isEqualTo("password");
				Assertions.assertThat(weak.issue()).isEqualTo(issue);
			});
	}
}
