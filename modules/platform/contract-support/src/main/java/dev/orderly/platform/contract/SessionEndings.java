package dev.orderly.platform.contract;

import java.util.Collection;
import java.util.UUID;

/**
 * An integration event that ends sessions, as the contract that publishes it describes it: an instance
 * that validates access tokens without the publisher's tables (split mode) receives the event and
 * refuses the access tokens of the sessions it ends (their {@code sid} claim). The contract artifact
 * lists its implementation in its {@code META-INF/spring.factories} under this interface's name, so
 * that the consumer names no module's event (docs/adr/0035).
 *
 * @param <E> the event record
 */
public interface SessionEndings<E extends Record> {

	/** The event record; its wire type and routing key follow from it. */
	Class<E> eventType();

	/** The sessions {@code event} ends. */
	Collection<UUID> endedSessions(E event);

	/** The user whose sessions {@code event} ends, for the consumer's log line. */
	UUID userId(E event);
}
