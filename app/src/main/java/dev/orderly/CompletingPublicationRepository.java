package dev.orderly;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;

/**
 * The event publication registry's repository as {@link ListenerTransactionCompletion} decorates it
 * (ADR 0041): everything as the delegate does it, but for {@code PROCESSING} (noted for the listener's
 * thread, not written) and the completion of a publication already completed in its listener's
 * transaction (nothing left to write).
 */
final class CompletingPublicationRepository implements EventPublicationRepository {
	private final ListenerTransactionCompletion completion;

	private final EventPublicationRepository delegate;

	CompletingPublicationRepository(ListenerTransactionCompletion completion, EventPublicationRepository delegate) {
		this.completion = completion;
		this.delegate = delegate;
	}

	@Override
	public void markProcessing(UUID identifier) {
		ListenerTransactionCompletion.ABOUT_TO_RUN.set(identifier);
	}

	@Override
	public void markCompleted(TargetEventPublication publication, Instant completionDate) {
		forget(publication.getIdentifier());
		if (completion.completedInListener.remove(publication.getIdentifier())) {
			publication.markCompleted(completionDate);
			return;
		}
		delegate.markCompleted(publication, completionDate);
	}

	@Override
	public void markCompleted(UUID identifier, Instant completionDate) {
		forget(identifier);
		if (!completion.completedInListener.remove(identifier)) {
			delegate.markCompleted(identifier, completionDate);
		}
	}

	@Override
	public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
		delegate.markCompleted(event, identifier, completionDate);
	}

	@Override
	public void markFailed(UUID identifier) {
		forget(identifier);
		completion.completedInListener.remove(identifier);
		delegate.markFailed(identifier);
	}

	private void forget(UUID identifier) {
		if (identifier.equals(ListenerTransactionCompletion.ABOUT_TO_RUN.get())) {
			ListenerTransactionCompletion.ABOUT_TO_RUN.remove();
		}
	}

	@Override
	public TargetEventPublication create(TargetEventPublication publication) {
		return delegate.create(publication);
	}

	@Override
	public boolean markResubmitted(UUID identifier, Instant resubmissionDate) {
		return delegate.markResubmitted(identifier, resubmissionDate);
	}

	@Override
	public List<TargetEventPublication> findIncompletePublications() {
		return delegate.findIncompletePublications();
	}

	@Override
	public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
		return delegate.findIncompletePublicationsPublishedBefore(instant);
	}

	@Override
	public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(Object event,
			PublicationTargetIdentifier targetIdentifier) {
		return delegate.findIncompletePublicationsByEventAndTargetIdentifier(event, targetIdentifier);
	}

	@Override
	public List<TargetEventPublication> findCompletedPublications() {
		return delegate.findCompletedPublications();
	}

	@Override
	public void deletePublications(List<UUID> identifiers) {
		delegate.deletePublications(identifiers);
	}

	@Override
	public void deleteCompletedPublications() {
		delegate.deleteCompletedPublications();
	}

	@Override
	public void deleteCompletedPublicationsBefore(Instant instant) {
		delegate.deleteCompletedPublicationsBefore(instant);
	}

	@Override
	public List<TargetEventPublication> findFailedPublications(FailedCriteria criteria) {
		return delegate.findFailedPublications(criteria);
	}

	@Override
	public List<TargetEventPublication> findByStatus(Status status) {
		return delegate.findByStatus(status);
	}

	@Override
	public int countByStatus(Status status) {
		return delegate.countByStatus(status);
	}
}
