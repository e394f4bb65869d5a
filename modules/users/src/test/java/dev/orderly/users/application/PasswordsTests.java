package dev.orderly.users.application;

import org.junit.jupiter.api.Test;

import dev.orderly.users.UsersProperties;
import dev.orderly.users.persistence.EmailVerificationTokens;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordsTests {

	static final UsersProperties CHEAP = new UsersProperties(null, null,
			new UsersProperties.PasswordHashing(1024, 1, 1));

	@Test
	void hashesWithArgon2idBehindAnAlgorithmPrefix() {
		String hash = new Passwords(CHEAP).hash("password", "correct horse battery", null);
		assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=1024,t=1,p=1$");
	}

	@Test
	void defaultsToTheOwaspParameters() {
		UsersProperties.PasswordHashing defaults = new UsersProperties(null, null, null).passwordHashing();
		assertThat(defaults).isEqualTo(new UsersProperties.PasswordHashing(19456, 2, 1));
	}

	@Test
	void matchesOnlyTheRightPasswordAndEveryCharacterOfALongOneCounts() {
		Passwords passwords = new Passwords(CHEAP);
		String longPassword = "a".repeat(100) + "tail-one";
		String hash = passwords.hash("password", longPassword, null);
		assertThat(passwords.matches(longPassword, hash)).isTrue();
		assertThat(passwords.matches("a".repeat(100) + "tail-two", hash)).isFalse();
		assertThat(passwords.matches(null, hash)).isFalse();
	}

	@Test
	void checksAnUnknownAccountAgainstAHashMadeOnTheFirstCheckWhicheverComesFirst() {
		Passwords unknownFirst = new Passwords(CHEAP);
		unknownFirst.matchNothing("correct horse battery");
		unknownFirst.matchNothing(null);
		String hash = unknownFirst.hash("password", "correct horse battery", null);
		assertThat(unknownFirst.matches("correct horse battery", hash)).isTrue();

		Passwords knownFirst = new Passwords(CHEAP);
		assertThat(knownFirst.matches("correct horse battery", hash)).isTrue();
		assertThat(knownFirst.matches("wrong horse battery", hash)).isFalse();
		knownFirst.matchNothing("correct horse battery");
	}

	@Test
	void asksForARehashWhenTheCostWasRaised() {
		Passwords cheap = new Passwords(CHEAP);
		Passwords dearer = new Passwords(new UsersProperties(null, null, new UsersProperties.PasswordHashing(2048, 2, 1)));
		String hash = cheap.hash("password", "correct horse battery", null);
		assertThat(dearer.needsRehash(hash)).isTrue();
		assertThat(cheap.needsRehash(hash)).isFalse();
	}

	@Test
	void verificationTokensAreRandomAndStoredOnlyAsSha256() {
		String token = EmailVerificationTokens.newToken();
		assertThat(token).hasSize(43).doesNotContain("=", "+", "/");
		assertThat(EmailVerificationTokens.newToken()).isNotEqualTo(token);
		assertThat(EmailVerificationTokens.hash(token)).hasSize(64).isNotEqualTo(token)
			.isEqualTo(EmailVerificationTokens.hash(token));
		assertThat(EmailVerificationTokens.hash("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}
}
