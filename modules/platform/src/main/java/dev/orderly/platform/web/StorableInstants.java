package dev.orderly.platform.web;

import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Instants a client may send — in a cursor, in {@code ?createdAfter=}-style parameters — lie within
 * years 1 to 9999: well inside PostgreSQL's {@code timestamptz} range (4713 BC to 294276 AD), so no
 * client value reaches a query as "timestamp out of range". Outside it, the value is refused as
 * invalid (400) like any other malformed parameter.
 */
@Component
class StorableInstants implements WebMvcConfigurer {

	static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");

	static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

	static boolean storable(Instant instant) {
		return !instant.isBefore(MIN) && !instant.isAfter(MAX);
	}

	/** Every {@code Instant} request parameter or path variable is parsed (ISO-8601) and bounded. */
	@Override
	public void addFormatters(FormatterRegistry registry) {
		registry.addFormatterForFieldType(Instant.class, new Formatter<Instant>() {

			@Override
			public Instant parse(String text, Locale locale) throws ParseException {
				Instant instant;
				try {
					instant = Instant.parse(text.strip());
				}
				catch (DateTimeParseException ex) {
					throw new ParseException("Not an ISO-8601 instant", 0);
				}
				if (!storable(instant)) {
					throw new ParseException("Instant out of range", 0);
				}
				return instant;
			}

			@Override
			public String print(Instant instant, Locale locale) {
				return instant.toString();
			}
		});
	}
}
