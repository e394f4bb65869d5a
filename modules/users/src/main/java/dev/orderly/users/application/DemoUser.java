package dev.orderly.users.application;

import java.time.Clock;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.users.domain.Emails;
import dev.orderly.users.domain.User;
import dev.orderly.users.domain.Users;

/**
 * Demo data of the users module, on request only ({@code ORDERLY_DEMO_DATA=true}) and never under a
 * {@code prod} or {@code production} profile: one ordinary, verified account whose credentials are
 * in the README ({@code orderly.demo-data.email} / {@code .password}). Idempotent across restarts
 * and instances: an existing account with that email is left untouched. The password is never
 * logged.
 */
@Component
@ConditionalOnBooleanProperty("orderly.demo-data.enabled")
@Profile("!prod & !production")
class DemoUser implements ApplicationRunner {

	private static final Logger LOG = LoggerFactory.getLogger(DemoUser.class);

	private final Users users;

	private final Passwords passwords;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final String email;

	private final String password;

	DemoUser(Users users, Passwords passwords, TransactionTemplate transactions,
			Clock clock, @Value("${orderly.demo-data.email}") String email,
			@Value("${orderly.demo-data.password}") String password) {
		this.users = users;
		this.passwords = passwords;
		this.transactions = transactions;
		this.clock = clock;
		this.email = Emails.normalise(email);
		this.password = password;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (users.findLiveByEmail(email).isPresent()) {
			LOG.info("Demo data: the demo account exists");
			return;
		}
		String hash = passwords.hash("password", password, email);
		try {
			transactions.executeWithoutResult(
					status -> users.save(User.provision(email, hash, "Demo Customer", Set.of(), User.now(clock))));
			LOG.info("Demo data: created the demo account {} (password in the README)", email);
		}
		catch (DuplicateKeyException ex) {
			LOG.info("Demo data: the demo account was created by another instance");
		}
	}
}
