package dev.orderly.users.application;

import java.util.Map;
import java.util.UUID;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

import dev.orderly.users.UsersProperties;
import dev.orderly.users.domain.PasswordPolicy;

/**
 * Hashing and checking of passwords: Argon2id behind a {@link DelegatingPasswordEncoder}
 * ({@code {argon2}...} hashes), so that the algorithm or its cost can change later and old hashes
 * are upgraded on the next successful login.
 */
@Component
public class Passwords {

	private static final String ARGON2 = "argon2";

	private final PasswordEncoder encoder;

	private final PasswordPolicy policy;

	/**
	 * Compared against when an account is unknown, so that the lookup costs as much as a real one.
	 * Made on the first check of any password, known account or not (so the one-off cost tells
	 * nothing about the account), not at start-up, where one Argon2id hash was 6 % of the main
	 * thread's work (ADR 0026).
	 */
	private final SingletonSupplier<String> dummyHash;

	Passwords(UsersProperties properties) {
		UsersProperties.PasswordHashing cost = properties.passwordHashing();
		Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, cost.parallelism(), cost.memoryKib(),
				cost.iterations());
		this.encoder = new DelegatingPasswordEncoder(ARGON2, Map.of(ARGON2, argon2));
		this.policy = PasswordPolicy.withCommonPasswordList();
		this.dummyHash = SingletonSupplier.of(() -> this.encoder.encode(UUID.randomUUID().toString()));
	}

	/**
	 * Checks the policy and hashes.
	 * @param field the input the password came in, named by a {@link dev.orderly.users.api.WeakPassword}
	 * @throws dev.orderly.users.api.WeakPassword when the policy refuses the password
	 */
	String hash(String field, String password, String email) {
		policy.check(field, password, email);
		return encoder.encode(password);
	}

	public boolean matches(String password, String hash) {
		dummyHash.get(); // the first check of any kind pays for the unknown-account hash
		return password != null && encoder.matches(password, hash);
	}

	/** Spends the time of one hash check for an account that does not exist. */
	public void matchNothing(String password) {
		encoder.matches(password == null ? "" : password, dummyHash.get());
	}

	/** Whether a hash was made with weaker (or other) parameters than today's. */
	public boolean needsRehash(String hash) {
		return encoder.upgradeEncoding(hash);
	}

	public String rehash(String password) {
		return encoder.encode(password);
	}
}
