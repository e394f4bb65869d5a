package dev.orderly.examples.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.orderly.platform.contract.EventUpcaster;
import dev.orderly.platform.contract.EventVersion;

/** A test-only event shipped as version 2 the way ADR 0031 says: v1's {@code deliveredAt} is read through {@link FromV1}. */
@EventVersion(value = 2, upcasters = ParcelDelivered.FromV1.class)
public record ParcelDelivered(UUID parcelId, Instant deliveredOn) {

	/** Version 1 → 2. */
	public static final class FromV1 implements EventUpcaster {

		@Override
		public int from() {
			return 1;
		}

		@Override
		public void upcast(Map<String, Object> data) {
			data.put("deliveredOn", data.remove("deliveredAt"));
		}
	}
}
