package dev.orderly.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.stereotype.Component;

/**
 * Resubmits event publications that are still incomplete after
 * {@code orderly.notifications.resubmission.older-than}: their listener failed, or the instance
 * running it died. Safe with several instances: Spring Modulith claims each publication before
 * resubmitting it ({@code UPDATE … SET status = 'RESUBMITTED' WHERE id = ? AND status <> 'RESUBMITTED'}),
 * so only one instance resubmits a given publication per run, and listeners are idempotent anyway.
 * The age threshold keeps a resubmission from racing a listener that is merely slow.
 */
@Component
class EventPublicationResubmitter {

	private static final Logger LOG = LoggerFactory.getLogger(EventPublicationResubmitter.class);

	private final IncompleteEventPublications incomplete;

	private final NotificationProperties properties;

	EventPublicationResubmitter(IncompleteEventPublications incomplete, NotificationProperties properties) {
		this.incomplete = incomplete;
		this.properties = properties;
	}

	void resubmitStale() {
		LOG.debug("Resubmitting incomplete event publications older than {}", properties.resubmission().olderThan());
		incomplete.resubmitIncompletePublicationsOlderThan(properties.resubmission().olderThan());
	}
}
