package dev.orderly;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Completes an event publication in its listener's own transaction (ADR 0041), where Spring Modulith
 * 2.1 spends two more transactions on it: one that marks it {@code PROCESSING} before the listener
 * runs, and one that completes it (here: deletes it) after the listener's transaction committed
 * (spring-modulith#485). The listener's effects and the publication's completion now commit
 * together or not at all: a crash can no longer leave a listener's work committed and its
 * publication open (which a resubmission then ran again, harmlessly, because listeners are
 * idempotent), nor the reverse. Per publication: two commits and three round trips less.
 * <p>
 * How: it decorates the {@link EventPublicationRepository} that Modulith's registry uses.
 * <ol>
 * <li>{@link #markProcessing} writes nothing; it notes the publication for the current thread (the
 * listener runs on it next). {@code PROCESSING} was never read by Orderly: the resubmitter goes by
 * owner and age (ADR 0017), and a failure still writes {@code FAILED}.</li>
 * <li>When the next transaction begun on that thread is the listener's own — a new transaction
 * of a method annotated {@link ApplicationModuleListener} (which is {@code @Transactional(REQUIRES_NEW)})
 * — the completion ({@link EventPublicationRepository#markCompleted(UUID, Instant)}: delete, update
 * or archive, as {@code spring.modulith.events.completion-mode} says) runs just before it commits, in
 * it.</li>
 * <li>Modulith's own completion after that commit finds it done and writes nothing. A listener
 * whose transaction rolled back is marked failed as before; a listener without a transaction of its
 * own (e.g. the externalisation to the broker) is completed by Modulith as before.</li>
 * </ol>
 */
final class ListenerTransactionCompletion implements TransactionExecutionListener {

	/** The publication whose listener is about to run on this thread. */
	static final ThreadLocal<UUID> ABOUT_TO_RUN = new ThreadLocal<>();

	/** Publications completed in their listener's transaction, until Modulith reports them complete. */
	final Set<UUID> completedInListener = ConcurrentHashMap.newKeySet();

	/** Whether a transaction name ({@code class.method}) is that of an application module listener. */
	private final ConcurrentHashMap<String, Boolean> listenerMethods = new ConcurrentHashMap<>();

	private final Supplier<Instant> clock;

	private volatile EventPublicationRepository repository;

	ListenerTransactionCompletion(Supplier<Instant> clock) {
		this.clock = clock;
	}

	/** The registry's repository, decorated; the decorated one does the completion in the listener's transaction. */
	EventPublicationRepository decorate(EventPublicationRepository delegate) {
		this.repository = delegate;
		return new CompletingPublicationRepository(this, delegate);
	}

	@Override
	public void afterBegin(TransactionExecution transaction, Throwable beginFailure) {
		UUID publication = ABOUT_TO_RUN.get();
		EventPublicationRepository delegate = repository;
		if (publication == null || delegate == null || beginFailure != null || !transaction.isNewTransaction()
				|| !isListenerMethod(transaction.getTransactionName())
				|| !TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		ABOUT_TO_RUN.remove();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void beforeCommit(boolean readOnly) {
				delegate.markCompleted(publication, clock.get());
			}

			@Override
			public void afterCommit() {
				completedInListener.add(publication);
			}
		});
	}

	private boolean isListenerMethod(String transactionName) {
		return listenerMethods.computeIfAbsent(transactionName, ListenerTransactionCompletion::annotatedListener);
	}

	/** {@code transactionName} is {@code ClassUtils.getQualifiedMethodName}: a class name, a dot, a method name. */
	private static boolean annotatedListener(String transactionName) {
		int dot = transactionName.lastIndexOf('.');
		if (dot <= 0) {
			return false;
		}
		try {
			Class<?> type = ClassUtils.forName(transactionName.substring(0, dot), ListenerTransactionCompletion.class.getClassLoader());
			String name = transactionName.substring(dot + 1);
			for (Method method : ReflectionUtils.getUniqueDeclaredMethods(ClassUtils.getUserClass(type))) {
				if (method.getName().equals(name)
						&& AnnotatedElementUtils.hasAnnotation(method, ApplicationModuleListener.class)) {
					return true;
				}
			}
			return false;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}
}
