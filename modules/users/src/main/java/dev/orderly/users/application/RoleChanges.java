package dev.orderly.users.application;

import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.platform.Actor;
import dev.orderly.platform.AfterCommit;
import dev.orderly.platform.CurrentRequest;
import dev.orderly.users.domain.User;
import dev.orderly.users.domain.Users;
import dev.orderly.users.persistence.Administrators;

/**
 * Setting the roles of an account (administrators only); the account registers
 * {@code UserRolesChanged}, which ends the user's sessions. The last administrator cannot be
 * demoted.
 */
@Service
@Transactional
public class RoleChanges {

	/** Business and administrative events (docs/ops/README.md), logged after commit. */
	private static final Logger LOG = LoggerFactory.getLogger(RoleChanges.class);

	private final Users users;

	private final Administrators administrators;

	private final UserPolicy policy;

	private final Clock clock;

	RoleChanges(Users users, Administrators administrators, UserPolicy policy, Clock clock) {
		this.users = users;
		this.administrators = administrators;
		this.policy = policy;
		this.clock = clock;
	}

	/**
	 * @param roles the new set ({@code USER} is kept in any case)
	 * @throws NotAllowed when the actor may not change roles
	 * @throws UnknownRole when a role is not one of {@link User#KNOWN_ROLES}
	 * @throws UserNotFound when there is no such live account
	 * @throws LastAdministrator when this would demote the last administrator
	 */
	public User change(Actor actor, UUID userId, Set<String> roles) {
		policy.checkMayChangeRoles(actor);
		User.requireKnown(roles);
		User user = users.getLive(userId);
		if (!roles.contains(User.ADMIN)) {
			administrators.ensureAnotherRemainsBesides(user);
		}
		Set<String> before = Set.copyOf(user.roles());
		if (user.changeRoles(roles, User.now(clock), actor.id(), CurrentRequest.id())) {
			users.save(user);
			Set<String> after = Set.copyOf(user.roles());
			AfterCommit.run(() -> LOG.atInfo().setMessage("user.roles_changed")
				.addKeyValue("userId", userId)
				.addKeyValue("actorId", actor.id())
				.addKeyValue("rolesBefore", new TreeSet<>(before))
				.addKeyValue("rolesAfter", new TreeSet<>(after))
				.log());
		}
		return user;
	}
}
