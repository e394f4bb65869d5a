package dev.orderly.platform.web;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.orderly.platform.Ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorTests {

	@Test
	void roundTripsThroughItsOpaqueForm() {
		Cursor cursor = new Cursor(Instant.parse("2026-11-25T10:15:30.123456789Z"), Ids.next());
		Cursor decoded = Cursor.decode(cursor.encode());
		assertThat(decoded).isEqualTo(cursor);
		assertThat(decoded.createdAt()).isEqualTo(Instant.parse("2026-11-25T10:15:30.123456Z"));
	}

	@Test
	void treatsAMissingCursorAsTheFirstPage() {
		assertThat(Cursor.decode(null)).isNull();
		assertThat(Cursor.decode(" ")).isNull();
	}

	@Test
	void rejectsForgedCursorsAsValidationErrors() {
		for (String forged : new String[] { "%%%", "bm90LWEtY3Vyc29y", UUID.randomUUID().toString() }) {
			assertThatThrownBy(() -> Cursor.decode(forged)).isInstanceOf(ApiException.class)
				.extracting(ex -> ((ApiException) ex).code()).isEqualTo("VALIDATION_ERROR");
		}
	}

	@Test
	void idsAreTimeOrdered() {
		UUID first = Ids.next();
		UUID second = Ids.next();
		assertThat(first.version()).isEqualTo(7);
		assertThat(second.toString()).isGreaterThan(first.toString());
	}
}
