package dev.orderly.users;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator from {@code ORDERLY_ADMIN_EMAIL} / {@code ORDERLY_ADMIN_PASSWORD}
 * at start-up when no administrator exists. Idempotent, safe with several instances (see
 * {@link UserManagement#ensureFirstAdministrator}); neither the email nor the password is logged. An
 * unusable email or password (see the password policy) fails the start-up.
 */
@Component
class FirstAdministrator implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

	private final UserManagement users;

	private final UsersProperties properties;

	FirstAdministrator(UserManagement users, UsersProperties properties) {
		this.users = users;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		UsersProperties.Admin admin = properties.admin();
		if (!admin.configured()) {
			return;
		}
		// a configuration that cannot work stops the start-up (IllegalStateException), loudly
		users.ensureFirstAdministrator(admin.email(), admin.password())
			.ifPresent(id -> log.info("Created the first administrator, user id {}", id));
	}
}
