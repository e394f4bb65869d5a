package dev.orderly.orders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.orderly.platform.paging.Cursor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyset pagination stays cheap at any depth: with 200,000 orders in the table, the plan of a
 * deep page of each list shape is an index scan with no sort and no sequential scan. Plan shape,
 * not timing. The rows are seeded with bulk SQL inside a transaction that is rolled back.
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
				List<String> nodes = planNodes(OrderQueries.pageQuery(filter));
				assertThat(nodes).as("plan of %s", filter)
					.anyMatch(node -> node.startsWith("Index Scan") || node.startsWith("Index Only Scan"))
					.noneMatch(node -> node.contains("Seq Scan"))
					.noneMatch(node -> node.contains("Sort"));
			}
		});
	}

	List<String> planNodes(OrderQueries.Query query) {
		String plan = jdbc.sql("EXPLAIN (FORMAT JSON) " + query.sql()).params(query.params())
			.query(String.class).single();
		List<String> nodes = new ArrayList<>();
		collect(json.readTree(plan).get(0).get("Plan"), nodes);
		return nodes;
	}

	static void collect(JsonNode node, List<String> into) {
		String type = node.get("Node Type").asString();
		into.add(node.has("Relation Name") ? type + " on " + node.get("Relation Name").asString() : type);
		if (node.has("Plans")) {
			node.get("Plans").forEach(child -> collect(child, into));
		}
	}

}
