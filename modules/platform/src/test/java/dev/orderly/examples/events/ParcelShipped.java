package dev.orderly.examples.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.orderly.platform.contract.EventUpcaster;
import dev.orderly.platform.contract.EventVersion;

/**
 * A test-only integration event in its second version: {@code shippedAt} of version 1 became
 * {@code shippedOn}, and version 1 stays readable through {@link FromV1}. How a module ships v2
 * (docs/adr/0031).
 */
@EventVersion(value = 2, upcasters = ParcelShipped.FromV1.class)
public record ParcelShipped(UUID parcelId, Instant shippedOn) {

	/** Version 1 → 2: the renamed component. */
	public static final class FromV1 implements EventUpcaster {

		@Override
		public int from() {
			return 1;
		}

		@Override
		public void upcast(Map<String, Object> data) {
			data.put("shippedOn", data.remove("shippedAt"));
		}
	}
}
