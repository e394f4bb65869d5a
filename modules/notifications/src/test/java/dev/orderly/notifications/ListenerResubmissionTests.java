package dev.orderly.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.auth.PasswordResetRequested;
import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;

/**
 * A listener that fails leaves its event publication incomplete; the scheduled resubmission
 * ({@code IncompleteEventPublications}) runs it again, and the email still goes out exactly once.
 */
@ApplicationModuleTest(extraIncludes = "platform")
@WithTestDatabase
@Import({ TestTokensConfiguration.class, TestSmtp.Configuration.class })
class ListenerResubmissionTests {

	@MockitoSpyBean
	Notifications notifications;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void resubmitsTheEventOfAFailedListenerAndDeliversOnce() {
		UUID userId = UUID.randomUUID();
		String email = NotificationDeliveryIntegrationTests.unique("resubmit");
		String token = "resubmit-" + UUID.randomUUID();
		doThrow(new IllegalStateException("database hiccup"))
			.doCallRealMethod()
			.when(notifications)
			.record(any());

		transactions.executeWithoutResult(status -> events.publishEvent(
				new PasswordResetRequested(userId, email, "Resubmit", token, Instant.now().plusSeconds(600))));

		await().atMost(Duration.ofSeconds(20)).until(() -> !TestSmtp.SERVER.to(email).isEmpty());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("SELECT count(*) FROM event_publication WHERE serialized_event LIKE :t")
				.param("t", "%" + token + "%")
				.query(Long.class)
				.single() == 0);
		verify(notifications, atLeast(2)).record(any());
		assertThat(TestSmtp.SERVER.to(email)).hasSize(1);
		assertThat(jdbc.sql("SELECT status FROM notifications.notifications WHERE user_id = :u")
			.param("u", userId)
			.query(String.class)
			.list()).containsExactly("SENT");
	}
}
