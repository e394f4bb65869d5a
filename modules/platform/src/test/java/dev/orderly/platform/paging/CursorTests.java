package dev.orderly.platform.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
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
			assertThatThrownBy(() -> Cursor.decode(forged)).isInstanceOf(InvalidCursor.class);
		}
	}

	@Test
	void rejectsCursorsWhoseTimeIsOutsideWhatPostgresqlStores() {
		for (long micros : new long[] { Long.MIN_VALUE, Long.MAX_VALUE, -62_135_596_800_000_001L,
				253_402_300_800_000_000L }) {
			String forged = Base64.getUrlEncoder().withoutPadding()
				.encodeToString((micros + "~" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII));
			assertThatThrownBy(() -> Cursor.decode(forged)).as("micros %d", micros).isInstanceOf(InvalidCursor.class);
		}
		assertThatThrownBy(() -> Cursor.decode("A".repeat(129))).isInstanceOf(InvalidCursor.class);
		Cursor earliest = new Cursor(Instant.parse("0001-01-01T00:00:00Z"), Ids.next());
		assertThat(Cursor.decode(earliest.encode())).isEqualTo(earliest);
	}

	@Test
	void idsAreTimeOrdered() {
		UUID first = Ids.next();
		UUID second = Ids.next();
		assertThat(first.version()).isEqualTo(7);
		assertThat(second.toString()).isGreaterThan(first.toString());
	}
}
