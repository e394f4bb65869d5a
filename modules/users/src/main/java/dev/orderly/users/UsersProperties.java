package dev.orderly.users;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the users module ({@code orderly.users.*}).
 *
 * @param admin the first administrator, created at start-up when no administrator exists
 * (bound from {@code ORDERLY_ADMIN_EMAIL} / {@code ORDERLY_ADMIN_PASSWORD})
 * @param verificationTokenTtl how long an email verification token is valid
 * @param passwordHashing Argon2id cost parameters; the defaults are OWASP's minimum
 */
@ConfigurationProperties("orderly.users")
public record UsersProperties(Admin admin, Duration verificationTokenTtl, PasswordHashing passwordHashing) {

	public UsersProperties {
		admin = admin == null ? new Admin(null, null) : admin;
		verificationTokenTtl = verificationTokenTtl == null ? Duration.ofHours(24) : verificationTokenTtl;
		passwordHashing = passwordHashing == null ? new PasswordHashing(0, 0, 0) : passwordHashing;
	}

	public record Admin(String email, String password) {

		public boolean configured() {
			return email != null && !email.isBlank() && password != null && !password.isEmpty();
		}

		/** Keeps the password out of logs and error messages. */
		@Override
		public String toString() {
			return "Admin[email=" + email + ", password=" + (password == null ? "null" : "****") + "]";
		}
	}

	/** Argon2id parameters: memory in KiB, iterations, parallelism (OWASP: 19456, 2, 1). */
	public record PasswordHashing(int memoryKib, int iterations, int parallelism) {

		public PasswordHashing {
			memoryKib = memoryKib <= 0 ? 19456 : memoryKib;
			iterations = iterations <= 0 ? 2 : iterations;
			parallelism = parallelism <= 0 ? 1 : parallelism;
		}
	}
}
