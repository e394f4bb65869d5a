package dev.orderly.platform.events;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * A consumer of integration events in another process (split mode, ADR 0022): the types it binds its
 * queue to. Publishers externalise an event only when some consumer declares its type
 * (docs/adr/0034): what nobody consumes off-process never goes on the broker.
 * <p>
 * Declared in {@code META-INF/spring.factories} under this interface's name, by the module (or the
 * wiring) that consumes, so that a publishing instance knows them without running the consumer: the
 * consumer's classes are on every instance's class path, whatever {@code ORDERLY_MODULES} leaves out
 * of the component scan. Implementations need a no-argument constructor.
 */
public interface BrokerConsumer {

	/** Who consumes, for logs and documents, e.g. {@code notifications}. */
	String name();

	/** The wire types it consumes ({@link IntegrationEvents#typeOf}), e.g. {@code orders.OrderPlaced}. */
	Set<String> eventTypes();

	/** Every declared consumer, by name, with the types it consumes. */
	static Map<String, Set<String>> declared(ClassLoader classLoader) {
		Map<String, Set<String>> consumers = new TreeMap<>();
		for (BrokerConsumer consumer : SpringFactoriesLoader.forDefaultResourceLocation(classLoader)
			.load(BrokerConsumer.class)) {
			consumers.computeIfAbsent(consumer.name(), name -> new TreeSet<>()).addAll(consumer.eventTypes());
		}
		return consumers;
	}

	/** The wire types some declared consumer consumes: the only ones a publisher externalises. */
	static Set<String> consumedTypes(ClassLoader classLoader) {
		Set<String> types = new TreeSet<>();
		declared(classLoader).values().forEach(types::addAll);
		return types;
	}
}
