package dev.orderly.webhooks.application;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One business-event log line ({@code event=webhook.delivered} …): the fields as SLF4J key-values,
 * which structured logs ({@code ORDERLY_LOG_FORMAT=ecs}) carry as fields, and repeated in the message
 * as {@code key=value} so that the readable console shows them too. Never a secret or a payload.
 */
final class BusinessEvent {

	private final String event;

	private final Map<String, Object> fields = new LinkedHashMap<>();

	private BusinessEvent(String event) {
		this.event = event;
	}

	static BusinessEvent of(String event) {
		return new BusinessEvent(event);
	}

	BusinessEvent with(String key, Object value) {
		if (value != null) {
			fields.put(key, value);
		}
		return this;
	}

	void log(Logger logger, Level level) {
		StringBuilder message = new StringBuilder(event);
		LoggingEventBuilder builder = logger.atLevel(level).addKeyValue("event", event);
		fields.forEach((key, value) -> {
			message.append(' ').append(key).append('=').append(value);
			builder.addKeyValue(key, value);
		});
		builder.setMessage(message.toString()).log();
	}
}
