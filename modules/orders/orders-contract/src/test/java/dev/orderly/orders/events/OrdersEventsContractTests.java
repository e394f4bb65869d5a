package dev.orderly.orders.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import dev.orderly.platform.contract.ContractCompatibility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders module's integration events stay compatible with their committed baselines
 * ({@code src/contract/baseline}): a removed, renamed or retyped field or a new required one fails
 * here, in the owning module's build, naming the modules that read it, unless it ships as a new
 * version that still reads the previous one (docs/adr/0031). The other tests feed the check changes
 * nobody committed, to show what it says.
 */
class OrdersEventsContractTests {

	static final List<Class<?>> EVENTS = List.of(OrderPlaced.class);

	@Test
	void eventsStayCompatibleWithTheirBaselines() throws Exception {
		ContractCompatibility.Findings findings = ContractCompatibility.ofThisModule()
			.check(ContractCompatibility.eventsOf("orders"));
		findings.notices().forEach(System.out::println);
		assertThat(findings.problems()).as("breaking changes to the orders events:%n%s", findings.message()).isEmpty();
	}

	@Test
	void renamingPlacedAtOfOrderPlacedFailsNamingTheFieldAndNotifications() throws Exception {
		ObjectNode schema = orderPlaced();
		ObjectNode properties = (ObjectNode) schema.get("properties");
		properties.set("placedOn", properties.remove("placedAt"));
		replaceRequired(schema, "placedAt", "placedOn");

		ContractCompatibility.Findings findings = check(schema);

		assertThat(findings.compatible()).isFalse();
		assertThat(findings.message()).contains("Breaking change to orders.OrderPlaced v1: field placedAt")
			.contains("read by notifications")
			.contains("consuming modules affected: notifications")
			.contains("ship OrderPlaced as v2");
	}

	@Test
	void retypingOrRemovingAFieldOrAddingARequiredOneFails() throws Exception {
		ObjectNode retyped = orderPlaced();
		((ObjectNode) retyped.at("/properties/total")).put("type", "string");
		assertThat(check(retyped).message()).contains("orders.OrderPlaced v1: field total retyped")
			.contains("read by notifications");

		ObjectNode nestedRetyped = orderPlaced();
		((ObjectNode) nestedRetyped.at("/properties/lines/items/properties/quantity")).put("type", "string");
		assertThat(check(nestedRetyped).message()).contains("field lines.quantity retyped");

		ObjectNode removed = orderPlaced();
		((ObjectNode) removed.get("properties")).remove("currency");
		removeRequired(removed, "currency");
		assertThat(check(removed).message()).contains("field currency").contains("read by notifications");

		ObjectNode newRequired = orderPlaced();
		((ObjectNode) newRequired.get("properties")).putObject("channel").put("type", "string");
		((ArrayNode) newRequired.get("required")).add("channel");
		assertThat(check(newRequired).message()).contains("field channel added as a required field");
	}

	@Test
	void addingAnOptionalFieldPasses() throws Exception {
		ObjectNode schema = orderPlaced();
		((ObjectNode) schema.get("properties")).putObject("giftMessage").put("type", "string");

		ContractCompatibility.Findings findings = check(schema);

		assertThat(findings.problems()).isEmpty();
		assertThat(findings.notices()).anySatisfy(notice -> assertThat(notice).contains("orders.OrderPlaced.v1"));
	}

	private static ObjectNode orderPlaced() {
		return (ObjectNode) ContractCompatibility.schemaOf(OrderPlaced.class).deepCopy();
	}

	private static ContractCompatibility.Findings check(JsonNode orderPlaced) throws Exception {
		Map<String, JsonNode> schemas = new LinkedHashMap<>();
		schemas.put("orders.OrderPlaced", orderPlaced);
		return ContractCompatibility.ofThisModule().check(EVENTS, schemas);
	}

	private static void replaceRequired(ObjectNode schema, String before, String after) {
		ArrayNode required = (ArrayNode) schema.get("required");
		for (int i = 0; i < required.size(); i++) {
			if (required.get(i).asText().equals(before)) {
				required.set(i, after);
			}
		}
	}

	private static void removeRequired(ObjectNode schema, String field) {
		ArrayNode required = (ArrayNode) schema.get("required");
		for (int i = required.size() - 1; i >= 0; i--) {
			if (required.get(i).asText().equals(field)) {
				required.remove(i);
			}
		}
	}
}
