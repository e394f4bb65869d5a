package dev.orderly.platform.events;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.orderly.platform.BacklogGauges;

/**
 * The backlog of the event publication registry: {@code orderly.events.publications.incomplete}
 * (publications whose listener has not completed, across all instances) and
 * {@code orderly.events.publications.oldest.age} (seconds since the oldest of them was published;
 * 0 when there is none). A growing age means a listener keeps failing or nobody resubmits
 * (docs/ops/alerts.yml).
 */
class EventPublicationMetrics implements MeterBinder {

	private final BacklogGauges<Backlog> backlog;

	EventPublicationMetrics(JdbcClient jdbc) {
		this.backlog = new BacklogGauges<>("event publications", () -> jdbc.sql("""
				SELECT count(*) AS incomplete,
				       COALESCE(EXTRACT(EPOCH FROM now() - min(publication_date)), 0) AS oldest_age
				FROM event_publication
				WHERE completion_date IS NULL
				""").query((rs, row) -> new Backlog(rs.getLong("incomplete"), rs.getDouble("oldest_age"))).single(),
				Duration.ofSeconds(5));
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("orderly.events.publications.incomplete", this, backlog.reading(Backlog::incomplete))
			.description("Event publications whose listener has not completed yet")
			.register(registry);
		Gauge.builder("orderly.events.publications.oldest.age", this, backlog.reading(Backlog::oldestAgeSeconds))
			.description("Age of the oldest incomplete event publication")
			.baseUnit("seconds")
			.register(registry);
	}

	record Backlog(long incomplete, double oldestAgeSeconds) {
	}
}
