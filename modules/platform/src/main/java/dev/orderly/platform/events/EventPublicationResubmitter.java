package dev.orderly.platform.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resubmits event publications of every module that are still incomplete after
 * {@code orderly.events.resubmission.older-than}: their listener failed, or the instance running
 * it died. It replaces {@code republish-outstanding-events-on-restart}, which would make every
 * restarting instance re-run every other instance's in-flight work. Safe with several instances:
 * Spring Modulith claims each publication before resubmitting it, so one instance resubmits a
 * given publication per run, and listeners are idempotent anyway. The age threshold keeps a
 * resubmission from racing a listener that is merely slow.
 */
@Component
@EnableConfigurationProperties(EventResubmissionProperties.class)
class EventPublicationResubmitter {

	private static final Logger LOG = LoggerFactory.getLogger(EventPublicationResubmitter.class);

	private final ObjectProvider<IncompleteEventPublications> incomplete;

	private final EventResubmissionProperties properties;

	EventPublicationResubmitter(ObjectProvider<IncompleteEventPublications> incomplete,
			EventResubmissionProperties properties) {
		this.incomplete = incomplete;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${orderly.events.resubmission.interval:1m}",
			initialDelayString = "${orderly.events.resubmission.interval:1m}")
	void resubmitStale() {
		if (!properties.enabled()) {
			return;
		}
		// absent where no event publication registry runs (the platform's own tests)
		incomplete.ifAvailable(publications -> {
			LOG.debug("Resubmitting incomplete event publications older than {}", properties.olderThan());
			publications.resubmitIncompletePublicationsOlderThan(properties.olderThan());
		});
	}
}
