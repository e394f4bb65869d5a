package dev.orderly.users.application;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.orderly.platform.Actor;
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
		if (user.changeRoles(roles, User.now(clock))) {
			users.save(user);
		}
		return user;
	}
}
