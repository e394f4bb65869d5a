package dev.orderly;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A publication completes inside its listener's transaction, or, when there is none, as Spring
 * Modulith completes it; a listener whose transaction rolls back leaves it incomplete (ADR 0041).
 * A real transaction manager over a mocked connection: no database needed.
 */
class ListenerTransactionCompletionTests {

	/** What reached the decorated repository, and whether a transaction was active then. */
	final List<String> calls = new ArrayList<>();

	final ListenerTransactionCompletion completion = new ListenerTransactionCompletion(Instant::now);

	EventPublicationRepository repository;

	TransactionTemplate transactions;

	final UUID publication = UUID.randomUUID();

	@BeforeEach
	void setUp() throws Exception {
		DataSource dataSource = mock(DataSource.class);
		when(dataSource.getConnection()).thenAnswer(invocation -> {
			Connection connection = mock(Connection.class);
			when(connection.getAutoCommit()).thenReturn(true);
			return connection;
		});
		JdbcTransactionManager manager = new JdbcTransactionManager(dataSource);
		manager.addListener(completion);
		transactions = new TransactionTemplate(manager);
		repository = completion.decorate(recording());
	}

	@Test
	void completesThePublicationInTheListenersTransactionAndNotAgainAfterIt() {
		repository.markProcessing(publication);
		transactions.setName(Listener.class.getName() + ".on");
		transactions.executeWithoutResult(status -> calls.add("listener"));
		repository.markCompleted(publication(), Instant.now());

		assertThat(calls).containsExactly("listener", "completed in a transaction");
	}

	@Test
	void leavesThePublicationIncompleteWhenTheListenersTransactionRollsBack() {
		repository.markProcessing(publication);
		transactions.setName(Listener.class.getName() + ".on");
		assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
			calls.add("listener");
			throw new IllegalStateException("listener failed");
		})).isInstanceOf(IllegalStateException.class);
		repository.markFailed(publication);

		assertThat(calls).containsExactly("listener", "failed");
	}

	@Test
	void leavesTheCompletionToModulithWhenTheNextTransactionIsNotAModuleListeners() {
		repository.markProcessing(publication);
		transactions.setName(Listener.class.getName() + ".helper");
		transactions.executeWithoutResult(status -> calls.add("other work"));
		repository.markCompleted(publication(), Instant.now());

		assertThat(calls).containsExactly("other work", "completed without a transaction");
	}

	@Test
	void writesNothingToMarkAPublicationProcessing() {
		repository.markProcessing(publication);
		repository.markCompleted(publication(), Instant.now());

		assertThat(calls).containsExactly("completed without a transaction");
	}

	static class Listener {

		@ApplicationModuleListener
		void on(Object event) {
		}

		void helper() {
		}
	}

	private TargetEventPublication publication() {
		TargetEventPublication target = mock(TargetEventPublication.class);
		when(target.getIdentifier()).thenReturn(publication);
		return target;
	}

	private EventPublicationRepository recording() {
		EventPublicationRepository delegate = mock(EventPublicationRepository.class);
		doAnswer(invocation -> calls.add(TransactionSynchronizationManager.isActualTransactionActive()
				? "completed in a transaction" : "completed without a transaction"))
			.when(delegate).markCompleted(any(UUID.class), any());
		doAnswer(invocation -> calls.add(TransactionSynchronizationManager.isActualTransactionActive()
				? "completed in a transaction" : "completed without a transaction"))
			.when(delegate).markCompleted(any(TargetEventPublication.class),
					any());
		doAnswer(invocation -> calls.add("failed"))
			.when(delegate).markFailed(any());
		doAnswer(invocation -> calls.add("unexpected: " + invocation.getMethod().getName()))
			.when(delegate).markCompleted(any(Object.class),
					any(PublicationTargetIdentifier.class), any());
		return delegate;
	}
}
