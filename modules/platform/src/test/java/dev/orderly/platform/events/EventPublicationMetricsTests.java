package dev.orderly.platform.events;

import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backlog gauges of the event publication registry: incomplete publications and the age of the
 * oldest, from the table; completed ones do not count. (Same context as
 * {@link EventPublicationOwnershipTests}.)
 */
@SpringBootTest(properties = { "orderly.events.resubmission.instance-lease=10s",
		"orderly.events.resubmission.older-than=1m" })
@WithTestDatabase
@Import(TestTokensConfiguration.class)
class EventPublicationMetricsTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void countsIncompletePublicationsAndTheAgeOfTheOldest() {
		SimpleMeterRegistry before = registry();
		double incompleteBefore = before.get("orderly.events.publications.incomplete").gauge().value();

		publication("3 hours", false);
		publication("1 second", false);
		publication("5 hours", true);

		SimpleMeterRegistry after = registry();
		assertThat(after.get("orderly.events.publications.incomplete").gauge().value())
			.isEqualTo(incompleteBefore + 2);
		assertThat(after.get("orderly.events.publications.oldest.age").gauge().value())
			.as("seconds since the oldest incomplete publication (the completed one does not count)")
			.isBetween(3 * 3600.0, 4 * 3600.0);
	}

	/** A fresh binder (its snapshot is reused for 5 s). */
	private SimpleMeterRegistry registry() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new EventPublicationMetrics(jdbc).bindTo(registry);
		return registry;
	}

	private void publication(String ago, boolean completed) {
		jdbc.sql("""
				INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date,
				  completion_date, status, completion_attempts)
				VALUES (:id, 'metrics-listener', 'Event', '{}', now() - CAST(:ago AS interval),
				  CASE WHEN :completed THEN now() END, CASE WHEN :completed THEN 'COMPLETED' ELSE 'PROCESSING' END, 1)""")
			.param("id", UUID.randomUUID()).param("ago", ago).param("completed", completed).update();
	}
}
