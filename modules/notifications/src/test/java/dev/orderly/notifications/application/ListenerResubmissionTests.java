package dev.orderly.notifications.application;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;

import dev.orderly.notifications.NotificationsFixture;
import dev.orderly.notifications.TestSmtp;
import dev.orderly.notifications.WithNotificationsFixture;


import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener that fails leaves its event publication incomplete; the scheduled resubmission
 * ({@code IncompleteEventPublications}) runs it again, and the email still goes out exactly once.
 * The failure is a real one from the database: a trigger that rejects the first write of the
 * recipient (a sequence counts the calls, as it is not rolled back with the failed transaction).
 */
@ApplicationModuleTest
@WithNotificationsFixture
class ListenerResubmissionTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	NotificationsFixture fixture;

	@Test
	void resubmitsTheEventOfAFailedListenerAndDeliversOnce() {
		UUID userId = UUID.randomUUID();
		String email = NotificationsFixture.unique("resubmit");
		String token = "resubmit-" + UUID.randomUUID();
		String failOnce = "fail_once_" + UUID.randomUUID().toString().replace("-", "");
		jdbc.sql("CREATE SEQUENCE public." + failOnce).update();
		jdbc.sql("""
				CREATE FUNCTION public.%1$s() RETURNS trigger LANGUAGE plpgsql AS $f$
				BEGIN
				  IF NEW.email = '%2$s' AND nextval('public.%1$s') = 1 THEN
				    RAISE EXCEPTION 'database hiccup';
				  END IF;
				  RETURN NEW;
				END $f$""".formatted(failOnce, email)).update();
		jdbc.sql("""
				CREATE TRIGGER %1$s BEFORE INSERT OR UPDATE ON notifications.recipients
				FOR EACH ROW EXECUTE FUNCTION public.%1$s()""".formatted(failOnce)).update();
		try {
			fixture.publish(NotificationsFixture.passwordResetRequested(userId, email, "Resubmit", token));

			await().atMost(Duration.ofSeconds(20)).until(() -> !TestSmtp.SERVER.to(email).isEmpty());
			await().atMost(Duration.ofSeconds(10)).until(() -> fixture.pendingPublicationsMentioning(token) == 0);
			assertThat(jdbc.sql("SELECT last_value FROM public." + failOnce).query(Long.class).single())
				.as("listener invocations").isGreaterThanOrEqualTo(2);
			assertThat(TestSmtp.SERVER.to(email)).hasSize(1);
			assertThat(fixture.statusesOf(userId)).containsExactly("SENT");
		}
		finally {
			jdbc.sql("DROP TRIGGER %1$s ON notifications.recipients".formatted(failOnce)).update();
			jdbc.sql("DROP FUNCTION public.%1$s()".formatted(failOnce)).update();
			jdbc.sql("DROP SEQUENCE public.%1$s".formatted(failOnce)).update();
		}
	}
}
