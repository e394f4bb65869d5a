package dev.orderly.orders;

import java.util.Set;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import dev.orderly.platform.test.ModuleApiCompatibility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orders module's part of the REST API ({@code docs/openapi.json}, operations tagged orders, products)
 * stays compatible with its committed baseline {@code src/contract/openapi.json} (openapi-diff;
 * docs/adr/0031).
 */
class OrdersApiContractTests {

	@Test
	void operationsStayCompatibleWithTheBaseline() throws Exception {
		assertThat(ModuleApiCompatibility.problems("orders", Set.of("orders", "products"))).isEmpty();
	}

	@Test
	void removingAResponseFieldOfAnOrderFailsNamingTheOperationAndTheField() throws Exception {
		String baseline = Files.readString(Path.of("src/contract/openapi.json"));
		JsonMapper json = JsonMapper.builder().build();
		ObjectNode broken = (ObjectNode) json.readTree(baseline);
		((ObjectNode) broken.at("/components/schemas/OrderView/properties")).remove("total");

		List<String> problems = ModuleApiCompatibility.problems("orders", baseline, json.writeValueAsString(broken));
		problems.forEach(System.out::println);
		assertThat(problems)
			.anySatisfy(problem -> assertThat(problem).contains("Breaking change to the orders API: operation GET /api/v1/orders/{id}")
				.contains("total removed"));
	}
}
