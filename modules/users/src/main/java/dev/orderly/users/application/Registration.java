package dev.orderly.users.application;

import java.time.Clock;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

import dev.orderly.platform.AfterCommit;
import dev.orderly.users.domain.Emails;
import dev.orderly.users.domain.User;
import dev.orderly.users.domain.Users;
import dev.orderly.users.events.DuplicateRegistrationAttempted;

/**
 * Registers an account, or — when the address already has one — tells its owner by email
 * ({@link DuplicateRegistrationAttempted}) and creates nothing. The caller cannot tell the two apart
 * (ADR 0016): both validate and hash the password first (the same work, so about the same time),
 * both end in an email to the address. A registration that loses a race for the same address rolls
 * back quietly and looks the same as well. Anyone may register (see {@link UserPolicy}).
 * <p>
 * Counts the accounts registered ({@code orderly.users.registered}).
 * {@code DuplicateRegistrationAttempted} is published here, not by the aggregate: no account
 * changes.
 */
@Service
@Transactional
public class Registration {

	/** Business and administrative events (docs/ops/README.md), logged after commit. */
	private static final Logger LOG = LoggerFactory.getLogger(Registration.class);

	private final Users users;

	private final Passwords passwords;

	private final EmailVerification verification;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Counter registered;

	Registration(Users users, Passwords passwords, EmailVerification verification, ApplicationEventPublisher events,
			Clock clock, ObjectProvider<MeterRegistry> meters) {
		this.users = users;
		this.passwords = passwords;
		this.verification = verification;
		this.events = events;
		this.clock = clock;
		this.registered = Counter.builder("orderly.users.registered")
			.description("Accounts registered")
			.register(meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	public record NewAccount(String email, String password, String displayName, String locale) {
	}

	/**
	 * @return the new account, or empty when the address was taken
	 * @throws dev.orderly.users.api.WeakPassword (field {@code password}) when the policy refuses the
	 * password, whether the address is taken or not
	 */
	public Optional<User> register(NewAccount request) {
		String email = Emails.normalise(request.email());
		String hash = passwords.hash("password", request.password(), email);
		Optional<User> existing = users.findLiveByEmail(email);
		if (existing.isPresent()) {
			User owner = existing.get();
			events.publishEvent(new DuplicateRegistrationAttempted(owner.id(), owner.email(), owner.displayName(),
					owner.locale(), User.now(clock)));
			return Optional.empty();
		}
		User user = User.register(email, hash, request.displayName().strip(), request.locale(), User.now(clock));
		try {
			users.save(user);
		}
		catch (DuplicateKeyException ex) {
			// Registered by a concurrent request a moment ago: nothing of ours may be kept.
			TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
			return Optional.empty();
		}
		registered.increment();
		AfterCommit.run(() -> LOG.atInfo().setMessage("user.registered").addKeyValue("userId", user.id()).log());
		verification.request(user);
		return Optional.of(user);
	}
}
