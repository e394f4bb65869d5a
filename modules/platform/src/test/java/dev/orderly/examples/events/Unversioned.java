package dev.orderly.examples.events;

/** A test-only event record that forgot its {@code @EventVersion}. */
public record Unversioned(String value) {
}
