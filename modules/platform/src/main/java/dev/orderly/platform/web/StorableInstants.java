package dev.orderly.platform.web;

import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.orderly.platform.StorableTimes;

/**
 * Every {@code Instant} request parameter or path variable is parsed (ISO-8601) and must be
 * {@link StorableTimes storable}; otherwise it is refused as invalid (400) like any other malformed
 * parameter.
 */
@Component
class StorableInstants implements WebMvcConfigurer {

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
				if (!StorableTimes.storable(instant)) {
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
