package dev.orderly.baseline;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /login}: reads the account's password hash by email (one indexed statement, no
 * transaction) and checks the password with the encoder Orderly's users module builds — Spring
 * Security's {@link Argon2PasswordEncoder} (salt 16 bytes, hash 32 bytes, parallelism 1, 19,456 KiB,
 * 2 iterations: Orderly's defaults, {@code orderly.users.password-hashing.*}) behind a
 * {@link DelegatingPasswordEncoder} for the {@code {argon2}} prefix of the seeded hash. 200 with
 * {@code {"data":{"authenticated":true}}} when it matches, 401 otherwise.
 * <p>
 * Not done (Orderly does): a normalised email and the full account row, the rehash check, an RS256
 * access token signed, a refresh token generated, hashed and inserted (one committed insert), the
 * login counters and the security log line; rate limits per address and per account.
 */
@RestController
class Logins {

	record Credentials(String email, String password) {
	}

	record Authenticated(boolean authenticated) {
	}

	private final JdbcTemplate jdbc;

	private final PasswordEncoder encoder;

	Logins(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.encoder = new DelegatingPasswordEncoder("argon2",
				Map.of("argon2", new Argon2PasswordEncoder(16, 32, 1, 19456, 2)));
	}

	@PostMapping("/login")
	ResponseEntity<?> login(@RequestBody Credentials credentials) {
		if (credentials.email() == null || credentials.password() == null) {
			return ResponseEntity.badRequest().body(Map.of("error", "email and password are required"));
		}
		List<String> hashes = jdbc.queryForList(
				"SELECT password_hash FROM users.users WHERE email = ? AND deleted_at IS NULL", String.class,
				credentials.email());
		if (hashes.isEmpty() || !encoder.matches(credentials.password(), hashes.get(0))) {
			return ResponseEntity.status(401).body(Map.of("error", "invalid credentials"));
		}
		return ResponseEntity.ok(new OrderDocuments.One<>(new Authenticated(true)));
	}
}
