package dev.orderly.orders;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;

/**
 * The order aggregates. Writers load with {@link #findLockedByIdAndDeletedAtIsNull}
 * ({@code SELECT … FOR UPDATE}) so that two concurrent changes of one order run one after the
 * other: the second sees the first's result and is judged against it (exactly one of two
 * competing transitions wins). {@code @Version} on {@link Order} backs this up.
 */
interface Orders extends ListCrudRepository<Order, UUID> {

	/**
	 * An order that is not deleted. Written out rather than derived from the method name: a derived
	 * query renders its SQL on every call, which the benchmark showed at 9 % of the CPU of reading
	 * one order (docs/performance.md).
	 */
	@Query("SELECT * FROM orders.orders WHERE id = :id AND deleted_at IS NULL")
	Optional<Order> findByIdAndDeletedAtIsNull(UUID id);

	/** An order that is not deleted, row-locked until the end of the transaction. */
	@Lock(LockMode.PESSIMISTIC_WRITE)
	Optional<Order> findLockedByIdAndDeletedAtIsNull(UUID id);

	/** Ids of a user's open (PLACED or CONFIRMED) orders; served by the (user_id, status, …) index. */
	@Query("""
			SELECT id FROM orders.orders
			WHERE user_id = :userId AND status IN ('PLACED', 'CONFIRMED') AND deleted_at IS NULL
			ORDER BY created_at, id""")
	List<UUID> findOpenOrderIds(UUID userId);
}
