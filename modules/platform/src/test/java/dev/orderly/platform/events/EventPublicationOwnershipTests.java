package dev.orderly.platform.events;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.orderly.platform.test.TestTokensConfiguration;
import dev.orderly.platform.test.WithTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which incomplete event publications an instance takes over to resubmit: a dead instance's at
 * once, its own (and those of no known instance) only once they are stuck, a live instance's never;
 * and only publications of listeners this instance runs (ADR 0022).
 */
@SpringBootTest(properties = { "orderly.events.resubmission.instance-lease=10s",
		"orderly.events.resubmission.older-than=1m" })
@WithTestDatabase
@Import({ TestTokensConfiguration.class, EventPublicationOwnershipTests.Listening.class })
class EventPublicationOwnershipTests {

	@Autowired
	EventPublicationResubmitter resubmitter;

	@Autowired
	ApplicationInstance me;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationContext context;

	/** A transactional listener of this instance, the target of the test publications. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Listening {

		@Bean
		Listener testListener() {
			return new Listener();
		}
	}

	static class Listener {

		@TransactionalEventListener
		void on(String event) {
		}
	}

	String listener() {
		return EventResubmissionConfiguration.listenerIds(context)
			.stream()
			.filter(id -> id.contains(Listener.class.getSimpleName()))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void connectionsOfThisInstanceStoreItAsTheOwner() {
		UUID id = publication(null, "1 second");
		jdbc.sql("UPDATE event_publication SET owner = DEFAULT WHERE id = :id").param("id", id).update();
		assertThat(ownerOf(id)).isEqualTo(me.id());
		assertThat(jdbc.sql("SELECT count(*) FROM orderly_instances WHERE id = :me AND heartbeat_at > now() - interval '1 minute'")
			.param("me", me.id()).query(Long.class).single()).isOne();
	}

	@Test
	void takesOverTheWorkOfDeadInstancesAtOnceButNeverOfLiveOnes() {
		String dead = instance("30 seconds");
		String live = instance("1 second");
		UUID ofDead = publication(dead, "1 second");
		UUID ofLive = publication(live, "10 minutes");
		UUID mineRecent = publication(me.id(), "1 second");
		UUID mineStuck = publication(me.id(), "2 minutes");
		UUID unknownRecent = publication("psql", "1 second");
		UUID unknownStuck = publication(null, "2 minutes");
		UUID ofDeadForAnotherInstance = publication("elsewhere.Listener.on(java.lang.Object)", dead, "1 second");

		assertThat(resubmitter.takeOver()).contains(ofDead, mineStuck, unknownStuck)
			.doesNotContain(ofLive, mineRecent, unknownRecent, ofDeadForAnotherInstance);

		assertThat(ownerOf(ofDead)).isEqualTo(me.id());
		assertThat(ownerOf(ofLive)).isEqualTo(live);
		assertThat(statusOf(ofDead)).isEqualTo("FAILED");
		assertThat(statusOf(ofLive)).isEqualTo("PROCESSING");
		// taken once: a second run (or another instance) finds it owned by a live instance
		assertThat(resubmitter.takeOver()).doesNotContain(ofDead);
	}

	String instance(String lastBeatAgo) {
		String id = "test-" + UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO orderly_instances (id, started_at, heartbeat_at)
				VALUES (:id, now() - interval '1 hour', now() - CAST(:ago AS interval))""")
			.param("id", id).param("ago", lastBeatAgo).update();
		return id;
	}

	UUID publication(String owner, String submittedAgo) {
		return publication(listener(), owner, submittedAgo);
	}

	UUID publication(String listenerId, String owner, String submittedAgo) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
				  completion_attempts, last_resubmission_date, owner)
				VALUES (:id, :listener, 'Event', '{}', now() - CAST(:ago AS interval), 'PROCESSING', 1,
				  now() - CAST(:ago AS interval), :owner)""")
			.param("id", id).param("listener", listenerId).param("ago", submittedAgo).param("owner", owner).update();
		return id;
	}

	String ownerOf(UUID id) {
		return jdbc.sql("SELECT owner FROM event_publication WHERE id = :id").param("id", id).query(String.class).single();
	}

	String statusOf(UUID id) {
		return jdbc.sql("SELECT status FROM event_publication WHERE id = :id").param("id", id).query(String.class).single();
	}
}
