package dev.orderly.users.application;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.platform.Actor;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;
import dev.orderly.users.domain.User;
import dev.orderly.users.events.UserDeleted;
import dev.orderly.users.events.UserRegistered;

import static dev.orderly.users.UserRequests.email;
import static dev.orderly.users.UserRequests.newAccount;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events the account registers reach the event publication registry in the transaction that
 * saves it — so they are stored exactly when the change commits — and not at all when it rolls back.
 */
@ApplicationModuleTest
@WithTestDatabase
@Import({ TestTokensConfiguration.class, UserEventPublicationTests.Consumer.class })
class UserEventPublicationTests {

	/** A consumer in another module would look like this: a publication is recorded for it. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Consumer {

		@ApplicationModuleListener
		void on(UserRegistered event) {
		}

		@ApplicationModuleListener
		void on(UserDeleted event) {
		}
	}

	@Autowired
	Registration registration;

	@Autowired
	AccountDeletion deletion;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void recordsTheEventsOfAChangeInItsTransaction() {
		List<String> seenInside = transactions.execute(status -> {
			User user = registration.register(newAccount(email())).orElseThrow();
			deletion.delete(Actor.system(), user.id());
			return publicationsFor(user.id());
		});
		assertThat(seenInside).containsExactlyInAnyOrder(UserRegistered.class.getName(), UserDeleted.class.getName());
	}

	@Test
	void recordsNothingWhenTheChangeRollsBack() {
		UUID id = transactions.execute(status -> {
			User user = registration.register(newAccount(email())).orElseThrow();
			status.setRollbackOnly();
			return user.id();
		});
		assertThat(publicationsFor(id)).isEmpty();
	}

	List<String> publicationsFor(UUID userId) {
		return jdbc.sql("SELECT event_type FROM event_publication WHERE serialized_event LIKE :id")
			.param("id", "%" + userId + "%")
			.query(String.class)
			.list();
	}
}
