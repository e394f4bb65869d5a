package dev.orderly.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.orderly.examples.events.ParcelShipped;
import dev.orderly.examples.events.Unversioned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every integration event carries its own version; readers upcast older ones (docs/adr/0031). */
class IntegrationEventsTests {

	final JsonMapper json = JsonMapper.builder().build();

	final IntegrationEvents.Reader reader = IntegrationEvents.reader(json, List.of(ParcelShipped.class));

	final UUID parcel = UUID.fromString("0192f5a0-7c1e-7d3a-9b2e-5f4a3c2b1a01");

	@Test
	void theEnvelopeCarriesTheVersionOfTheEventsRecord() {
		JsonNode envelope = json.readTree(IntegrationEvents.encode(json,
				new ParcelShipped(parcel, Instant.parse("2026-12-06T09:00:00Z"))));

		assertThat(envelope.path("type").asString()).isEqualTo("examples.ParcelShipped");
		assertThat(envelope.path("version").asInt()).isEqualTo(2);
		assertThat(IntegrationEvents.readableVersions(ParcelShipped.class)).containsExactly(1, 2);
	}

	@Test
	void readsTheCurrentVersionAndUpcastsAnOlderOneIgnoringUnknownProperties() {
		ParcelShipped expected = new ParcelShipped(parcel, Instant.parse("2026-12-06T09:00:00Z"));

		assertThat(read("""
				{"type":"examples.ParcelShipped","version":2,"data":{"parcelId":"%s","shippedOn":"2026-12-06T09:00:00Z"}}
				""".formatted(parcel))).isEqualTo(expected);
		assertThat(read("""
				{"type":"examples.ParcelShipped","version":1,"sentBy":"old",
				 "data":{"parcelId":"%s","shippedAt":"2026-12-06T09:00:00Z","carrier":"unknown to v2"}}
				""".formatted(parcel))).isEqualTo(expected);
	}

	@Test
	void refusesVersionsItCannotReadSayingWhichItCan() {
		assertThatThrownBy(() -> read("""
				{"type":"examples.ParcelShipped","version":3,"data":{}}"""))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Unsupported version 3 of examples.ParcelShipped (this reader reads [1, 2])");
	}

	@Test
	void anEventWithoutAVersionCannotBePublished() {
		assertThatThrownBy(() -> IntegrationEvents.encode(json, new Unversioned("x")))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("examples.Unversioned has no @EventVersion");
	}

	private Object read(String body) {
		return reader.read(body.getBytes(StandardCharsets.UTF_8));
	}
}
