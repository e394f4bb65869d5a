package dev.orderly.platform.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Resubmits the incomplete event publications of every module — those whose listener failed, and
 * those of an instance that died — without ever racing a live instance's listener. Spring Modulith
 * does not know which instance runs a publication ({@code republish-outstanding-events-on-restart}
 * would make every restarting instance re-run every other instance's in-flight work, and its
 * staleness monitor only looks at the publication date), so every publication row carries its
 * owner ({@link ApplicationInstance}: the instance that stored it, or took it over). Each run, in
 * one atomic statement, this instance
 * <ul>
 * <li>takes over the incomplete publications of instances whose heartbeat lapsed (dead: killed, or
 * cut off from the database longer than the lease), at once, whatever their age;</li>
 * <li>takes back its own publications still incomplete {@code older-than} after their last
 * submission (a failed listener, a database failure under it), and those of no known
 * instance after the same time;</li>
 * </ul>
 * marks them {@code FAILED} (so that Modulith's claim, which skips {@code RESUBMITTED} rows, can
 * take them even if a dead instance had claimed them) and resubmits exactly those. The row lock of
 * that {@code UPDATE} makes one instance the new owner of a publication; another instance sees a
 * live owner and leaves it alone. Listeners are idempotent all the same (at-least-once).
 * <p>
 * Only publications of listeners this instance runs are taken: where instances run different
 * modules (split mode, ADR 0022), a publication waits for an instance that has its listener.
 */
class EventPublicationResubmitter implements SmartLifecycle {

	private static final Logger LOG = LoggerFactory.getLogger(EventPublicationResubmitter.class);

	private final ObjectProvider<IncompleteEventPublications> incomplete;

	private final ApplicationInstance instance;

	private final JdbcClient jdbc;

	private final EventResubmissionProperties properties;

	/** The ids of the transactional listeners of this instance (those with publications). */
	private final Supplier<Set<String>> listenerIds;

	private final Clock clock = Clock.systemUTC();

	/**
	 * A thread of its own, so that the bound holds whatever else the application's scheduler is
	 * busy with; new at every start (a stopped context may be started again, e.g. by the test
	 * framework's context pausing).
	 */
	private ScheduledExecutorService runs;

	EventPublicationResubmitter(ObjectProvider<IncompleteEventPublications> incomplete, ApplicationInstance instance,
			JdbcClient jdbc, EventResubmissionProperties properties, Supplier<Set<String>> listenerIds) {
		this.incomplete = incomplete;
		this.instance = instance;
		this.jdbc = jdbc;
		this.properties = properties;
		this.listenerIds = listenerIds;
	}


	/**
	 * First run as soon as the context is refreshed (every listener registered): a restarted
	 * instance picks up a dead one's work at once; then every interval.
	 */
	@Override
	public synchronized void start() {
		if (runs == null) {
			runs = Executors.newSingleThreadScheduledExecutor(
					Thread.ofPlatform().daemon().name("orderly-resubmission").factory());
			runs.scheduleWithFixedDelay(this::resubmit, 0, properties.interval().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public synchronized void stop() {
		if (runs != null) {
			runs.shutdownNow();
			runs = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return runs != null;
	}

	void resubmit() {
		if (!properties.enabled()) {
			return;
		}
		// absent where no event publication registry runs (the platform's own tests)
		IncompleteEventPublications publications = incomplete.getIfAvailable();
		if (publications == null) {
			return;
		}
		try {
			Set<UUID> taken = new HashSet<>(takeOver());
			if (taken.isEmpty()) {
				return;
			}
			LOG.atInfo().setMessage("publication.resubmitted")
				.addKeyValue("count", taken.size())
				.addKeyValue("instance", instance.id())
				.log();
			LOG.info("Resubmitting {} incomplete event publication(s) as {}", taken.size(), instance.id());
			publications.resubmitIncompletePublications(publication -> taken.contains(publication.getIdentifier()));
		}
		catch (RuntimeException ex) {
			LOG.warn("Resubmission of incomplete event publications failed, next run in {}: {}",
					properties.interval(), ex.getClass().getSimpleName());
		}
	}

	/** Makes this instance the owner of the publications it is to resubmit now; returns their ids. */
	List<UUID> takeOver() {
		Set<String> listeners = listenerIds.get();
		if (listeners.isEmpty()) {
			return List.of();
		}
		Instant stuckBefore = clock.instant().minus(properties.olderThan());
		return jdbc.sql("""
				UPDATE event_publication p SET owner = :me, status = 'FAILED'
				WHERE p.completion_date IS NULL
				  AND p.listener_id IN (:listeners)
				  AND CASE
				        WHEN p.owner = :me THEN COALESCE(p.last_resubmission_date, p.publication_date) < :stuckBefore
				        WHEN EXISTS (SELECT 1 FROM orderly_instances i WHERE i.id = p.owner)
				          THEN EXISTS (SELECT 1 FROM orderly_instances i WHERE i.id = p.owner
				                       AND i.heartbeat_at < clock_timestamp() - make_interval(secs => :leaseSeconds))
				        ELSE COALESCE(p.last_resubmission_date, p.publication_date) < :stuckBefore
				      END
				RETURNING p.id""")
			.param("me", instance.id())
			.param("listeners", listeners)
			.param("stuckBefore", Timestamp.from(stuckBefore))
			.param("leaseSeconds", properties.instanceLease().toMillis() / 1000.0)
			.query(UUID.class)
			.list();
	}

	/** Forgets instances dead for a day that own nothing any more. */
	@Scheduled(fixedDelayString = "${orderly.events.resubmission.instance-cleanup-interval:1h}",
			initialDelayString = "${orderly.events.resubmission.instance-cleanup-interval:1h}")
	void forgetLongDeadInstances() {
		try {
			jdbc.sql("""
					DELETE FROM orderly_instances i
					WHERE i.heartbeat_at < clock_timestamp() - interval '1 day'
					  AND NOT EXISTS (SELECT 1 FROM event_publication p WHERE p.owner = i.id)""")
				.update();
		}
		catch (RuntimeException ex) {
			LOG.warn("Clean-up of dead instances failed: {}", ex.getClass().getSimpleName());
		}
	}
}
