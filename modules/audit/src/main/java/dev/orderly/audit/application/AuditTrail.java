package dev.orderly.audit.application;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import dev.orderly.audit.domain.AuditEntry;
import dev.orderly.audit.domain.AuditEvent;
import dev.orderly.audit.domain.AuditQuery;
import dev.orderly.audit.persistence.AuditEvents;
import dev.orderly.platform.Actor;
import dev.orderly.platform.Retention;
import dev.orderly.platform.paging.Cursor;

/**
 * The use cases of the audit trail: record an entry (once per event), search it (administrators),
 * and delete what is past its retention. There is no use case that changes or deletes an entry.
 */
@Service
public class AuditTrail {

	private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

	private final AuditEvents events;

	private final AuditProperties properties;

	AuditTrail(AuditEvents events, AuditProperties properties) {
		this.events = events;
		this.properties = properties;
	}

	/** Records the entry unless its event was recorded before (a redelivery); @return whether it did. */
	public boolean record(AuditEntry entry) {
		boolean recorded = events.append(entry);
		if (!recorded) {
			LOG.atDebug().setMessage("audit.duplicate_ignored").addKeyValue("eventKey", entry.eventKey()).log();
		}
		return recorded;
	}

	/** One page (newest first, {@code limit + 1} rows) of the entries the query selects. */
	public List<AuditEvent> search(Actor actor, AuditQuery query, Cursor after, int limit) {
		AuditPolicy.requireMayRead(actor);
		return events.page(query, after, limit);
	}

	/** The retention job: entries older than {@code orderly.audit.retention.keep}, in bounded batches. */
	public int purgeExpired() {
		AuditProperties.Retention retention = properties.retention();
		return Retention.purge("audit.events", retention.batchSize(),
				batch -> events.deleteOccurredBefore(retention.keep(), batch));
	}
}
