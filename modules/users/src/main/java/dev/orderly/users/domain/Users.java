package dev.orderly.users.domain;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/**
 * The accounts: the only writer of the {@code users.users} table. Saving a {@link User} publishes
 * the events it registered. Every finder here sees live (not deleted) accounts only.
 */
public interface Users extends ListCrudRepository<User, UUID> {

	@Query("SELECT * FROM users.users WHERE id = :id AND deleted_at IS NULL")
	Optional<User> findLive(UUID id);

	@Query("SELECT * FROM users.users WHERE lower(email) = :email AND deleted_at IS NULL")
	Optional<User> findLiveByEmail(String email);

	@Query("SELECT count(*) FROM users.users WHERE roles @> ARRAY['ADMIN'] AND deleted_at IS NULL")
	long countLiveAdmins();

	/** @throws UserNotFound when there is no live account with this id */
	default User getLive(UUID id) {
		return findLive(id).orElseThrow(() -> new UserNotFound(id));
	}
}
