package dev.orderly.orders.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.orders.OrdersHttpTest;
import dev.orderly.orders.domain.OrderStatus;
import dev.orderly.platform.paging.Cursor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyset pagination stays cheap at any depth: with 200,000 orders in the table, the plan of a
 * deep page of each list shape is an index scan with no sort and no sequential scan — both the plan
 * made for the parameters at hand and the generic plan PostgreSQL caches for the prepared statement,
 * which it does use from the sixth execution on instead of planning every request anew
 * (docs/adr/0028). Plan shape, not timing. The rows are seeded with bulk SQL inside a transaction
 * that is rolled back.
 */
@OrdersHttpTest
class OrderListPlanTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JsonMapper json;

	@Test
	void readsADeepPageOfEveryListShapeThroughAnIndexWithoutSorting() {
		UUID heavyUser = UUID.randomUUID();
		transactions.executeWithoutResult(tx -> {
			tx.setRollbackOnly();
			// 200k orders: 1 in 4 belongs to one user, statuses rotate, one per second back from 2020.
			jdbc.sql("""
					INSERT INTO orders.orders (id, user_id, status, currency, subtotal, discount, total, shipping_name,
					  shipping_line1, shipping_city, shipping_country, version, created_at, updated_at)
					SELECT gen_random_uuid(), CASE WHEN i % 4 = 0 THEN :heavy ELSE gen_random_uuid() END,
					  (ARRAY['PLACED','CONFIRMED','SHIPPED','DELIVERED','CANCELLED'])[1 + i % 5], 'EUR', 100, 0, 100,
					  'n', 'l', 'c', 'DE', 0,
					  timestamptz '2020-01-01 00:00:00Z' + make_interval(secs => i),
					  timestamptz '2020-01-01 00:00:00Z' + make_interval(secs => i)
					FROM generate_series(1, 200000) AS i""")
				.param("heavy", heavyUser)
				.update();
			jdbc.sql("ANALYZE orders.orders").update();
			Cursor deep = new Cursor(Instant.parse("2020-01-02T00:00:00Z"), UUID.fromString("00000000-0000-0000-0000-000000000000"));
			for (OrderQueries.Filter filter : List.of(
					new OrderQueries.Filter(heavyUser, null, null, null, deep, 20),
					new OrderQueries.Filter(heavyUser, OrderStatus.SHIPPED, null, null, deep, 20),
					new OrderQueries.Filter(null, null, null, null, deep, 20),
					new OrderQueries.Filter(null, OrderStatus.PLACED, null, null, deep, 20),
					new OrderQueries.Filter(heavyUser, null, Instant.parse("2020-01-01T06:00:00Z"), null, deep, 20))) {
				OrderQueries.Query query = OrderQueries.pageQuery(filter);
				assertIndexScanWithoutSort(planNodes(query), "plan of " + filter);
				Prepared prepared = prepared(query);
				assertIndexScanWithoutSort(prepared.genericPlan(), "generic plan of " + filter);
				// planned once per statement, not once per request
				assertThat(prepared.genericPlans())
					.as("executions of %s on the cached generic plan (planned anew: %d)", filter, prepared.customPlans())
					.isPositive();
			}
		});
	}

	static void assertIndexScanWithoutSort(List<String> plan, String description) {
		assertThat(plan).as(description)
			.anyMatch(node -> node.startsWith("Index Scan") || node.startsWith("Index Only Scan"))
			.noneMatch(node -> node.contains("Seq Scan"))
			.noneMatch(node -> node.contains("Sort"));
	}

	List<String> planNodes(OrderQueries.Query query) {
		return nodes(jdbc.sql("EXPLAIN (FORMAT JSON) " + query.sql()).params(query.params())
			.query(String.class).single());
	}

	/** The node types of an {@code EXPLAIN (FORMAT JSON)} plan, outermost first. */
	List<String> nodes(String plan) {
		List<String> nodes = new ArrayList<>();
		collect(json.readTree(plan).get(0).get("Plan"), nodes);
		return nodes;
	}

	/** How PostgreSQL plans a prepared statement: its generic plan and which plans six executions used. */
	record Prepared(List<String> genericPlan, long genericPlans, long customPlans) {
	}

	/**
	 * Prepares the statement as the driver does once it has run five times on a connection (the named
	 * parameters become {@code $n}), executes it six times (the values as literals: a utility
	 * statement takes no bind parameters), reads which plans PostgreSQL used, and explains the generic
	 * plan it caches.
	 */
	Prepared prepared(OrderQueries.Query query) {
		List<String> names = new ArrayList<>(query.params().keySet());
		String sql = query.sql();
		// longest names first, so that no name is replaced inside a longer one
		List<String> longestFirst = names.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
		for (String name : longestFirst) {
			sql = sql.replace(":" + name, "$" + (names.indexOf(name) + 1));
		}
		String arguments = names.isEmpty() ? "" : query.params()
			.values()
			.stream()
			.map(value -> "'" + value.toString().replace("'", "''") + "'")
			.collect(Collectors.joining(", ", "(", ")"));
		jdbc.sql("PREPARE page_plan AS " + sql).update();
		for (int i = 0; i < 6; i++) {
			jdbc.sql("EXECUTE page_plan" + arguments).query((rs, row) -> row).list();
		}
		List<Long> used = jdbc.sql("SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'page_plan'")
			.query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
			.single();
		// the transaction's setting: back to auto for the next statement prepared in it
		jdbc.sql("SET LOCAL plan_cache_mode = force_generic_plan").update();
		String plan = jdbc.sql("EXPLAIN (FORMAT JSON) EXECUTE page_plan" + arguments).query(String.class).single();
		jdbc.sql("SET LOCAL plan_cache_mode = auto").update();
		jdbc.sql("DEALLOCATE page_plan").update();
		return new Prepared(nodes(plan), used.get(0), used.get(1));
	}

	static void collect(JsonNode node, List<String> into) {
		String type = node.get("Node Type").asString();
		into.add(node.has("Relation Name") ? type + " on " + node.get("Relation Name").asString() : type);
		if (node.has("Plans")) {
			node.get("Plans").forEach(child -> collect(child, into));
		}
	}

}
