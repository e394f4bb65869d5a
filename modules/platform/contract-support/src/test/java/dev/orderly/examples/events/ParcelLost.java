package dev.orderly.examples.events;

import java.time.Instant;
import java.util.UUID;

import dev.orderly.platform.contract.EventVersion;

/** A test-only event raised to version 2 without an upcaster: its v1 baseline is no longer readable. */
@EventVersion(2)
public record ParcelLost(UUID parcelId, Instant lostOn) {
}
