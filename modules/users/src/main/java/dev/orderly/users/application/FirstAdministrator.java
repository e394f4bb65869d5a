package dev.orderly.users.application;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.users.UsersProperties;
import dev.orderly.users.api.WeakPassword;
import dev.orderly.users.domain.Emails;
import dev.orderly.users.domain.User;
import dev.orderly.users.domain.Users;
import dev.orderly.users.persistence.Administrators;

/**
 * Creates the first administrator from {@code ORDERLY_ADMIN_EMAIL} / {@code ORDERLY_ADMIN_PASSWORD}
 * at start-up when no administrator exists. Idempotent and safe with several instances starting at
 * once: the check and the creation run under the administrators' advisory lock
 * ({@link Administrators}), so exactly one is created. The account's email is verified (the operator
 * vouches for it); an existing account with that email is never promoted (anyone could have
 * registered it). Neither the email nor the password is logged. An unusable email or password (see
 * the password policy) fails the start-up.
 */
@Component
class FirstAdministrator implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

	private final Users users;

	private final Administrators administrators;

	private final Passwords passwords;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final UsersProperties properties;

	FirstAdministrator(Users users, Administrators administrators, Passwords passwords,
			TransactionTemplate transactions, Clock clock, UsersProperties properties) {
		this.users = users;
		this.administrators = administrators;
		this.passwords = passwords;
		this.transactions = transactions;
		this.clock = clock;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		UsersProperties.Admin admin = properties.admin();
		if (!admin.configured()) {
			return;
		}
		// a configuration that cannot work stops the start-up (IllegalStateException), loudly
		ensure(admin.email(), admin.password())
			.ifPresent(id -> log.info("Created the first administrator, user id {}", id));
	}

	/**
	 * Creates the first administrator unless one exists.
	 * @return the id of the account created, or empty when none was created
	 * @throws IllegalStateException when the configured email or password is unusable
	 */
	Optional<UUID> ensure(String rawEmail, String password) {
		String email = Emails.normalise(rawEmail);
		if (!Emails.isValid(email)) {
			throw new IllegalStateException("orderly.users.admin.email (ORDERLY_ADMIN_EMAIL) is not a valid email address");
		}
		String hash;
		try {
			hash = passwords.hash("password", password, email);
		}
		catch (WeakPassword ex) {
			throw new IllegalStateException("orderly.users.admin.password (ORDERLY_ADMIN_PASSWORD) breaks the password policy: "
					+ ex.getMessage());
		}
		return transactions.execute(status -> {
			if (administrators.anyExists()) {
				return Optional.empty();
			}
			if (users.findLiveByEmail(email).isPresent()) {
				// Never promote an account someone else may have registered with this email.
				log.warn("First administrator not created: an account with the configured email exists and is not "
						+ "promoted; configure another email or promote that account by hand");
				return Optional.empty();
			}
			Instant now = User.now(clock);
			User admin = users.save(User.provisionFirstAdministrator(email, hash, now));
			log.atInfo().setMessage("user.first_admin_created").addKeyValue("userId", admin.id()).log();
			return Optional.of(admin.id());
		});
	}
}
