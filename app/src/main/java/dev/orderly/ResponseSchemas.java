package dev.orderly;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;

import dev.orderly.platform.web.PageLimit;

/**
 * What holds for every schema, whichever module's it is: {@code required} on what responses always
 * send, and the bounds of ids, instants, pages and string maps. A module's own bounds are annotations
 * on its DTOs (ADR 0033).
 */
final class ResponseSchemas {

	private ResponseSchemas() {
	}

	/**
	 * Marks every property {@code required} on schemas that only responses use: the application
	 * always sends every field ({@code null} included, see {@code spring.jackson.default-property-inclusion}).
	 * Envelopes: a page always has {@code meta}, a single resource never has it.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	static void requireWhatResponsesAlwaysSend(OpenAPI openApi) {
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		Set<String> requestSide = new HashSet<>();
		Set<String> responseSide = new HashSet<>();
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
			if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
				operation.getRequestBody().getContent().values()
					.forEach(media -> collect(media.getSchema(), schemas, requestSide));
			}
			if (operation.getParameters() != null) {
				operation.getParameters().forEach(parameter -> collect(parameter.getSchema(), schemas, requestSide));
			}
			operation.getResponses().values().stream().filter(response -> response.getContent() != null)
				.forEach(response -> response.getContent().values()
					.forEach(media -> collect(media.getSchema(), schemas, responseSide)));
		}));
		for (String name : responseSide) {
			Schema schema = schemas.get(name);
			if (requestSide.contains(name) || schema == null || schema.getProperties() == null) {
				continue;
			}
			Map<String, Schema> properties = schema.getProperties();
			if (properties.containsKey("data") && properties.containsKey("meta")) {
				boolean page = "array".equals(properties.get("data").getType())
						|| properties.get("data") instanceof ArraySchema;
				if (!page) {
					properties.remove("meta");
				}
			}
			schema.setRequired(new ArrayList<>(properties.keySet()));
		}
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void collect(Schema schema, Map<String, Schema> schemas, Set<String> seen) {
		if (schema == null) {
			return;
		}
		if (schema.get$ref() != null) {
			String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
			if (seen.add(name)) {
				collect(schemas.get(name), schemas, seen);
			}
			return;
		}
		if (schema.getProperties() != null) {
			((Map<String, Schema>) schema.getProperties()).values().forEach(property -> collect(property, schemas, seen));
		}
		collect(schema.getItems(), schemas, seen);
		if (schema.getAdditionalProperties() instanceof Schema additional) {
			collect(additional, schemas, seen);
		}
	}

	/**
	 * Bounds that hold for what the application sends and reads whatever the schema: ids and instants
	 * by their format, a page's items by the page limit, string maps by size.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	static void bound(OpenAPI openApi) {
		openApi.getComponents().getSchemas().forEach((name, schema) -> {
			Map<String, Schema> properties = schema.getProperties();
			if (properties == null) {
				return;
			}
			properties.forEach((property, value) -> {
				boundByFormat(value);
				if (property.equals("data") && value.getItems() != null && name.startsWith("ApiResponseList")) {
					value.maxItems(PageLimit.MAX);
				}
				if (value.getAdditionalProperties() instanceof Schema additional && "string".equals(additional.getType())) {
					additional.maxLength(1000);
					value.maxProperties(20);
				}
			});
		});
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
			if (operation.getParameters() != null) {
				operation.getParameters().forEach(parameter -> boundByFormat(parameter.getSchema()));
			}
		}));
	}

	/** Ids and instants have a fixed or bounded length on the wire. */
	private static void boundByFormat(Schema<?> schema) {
		if (schema == null || schema.getMaxLength() != null || !"string".equals(schema.getType())) {
			return;
		}
		if ("uuid".equals(schema.getFormat())) {
			schema.minLength(36).maxLength(36);
		}
		else if ("date-time".equals(schema.getFormat())) {
			schema.maxLength(40);
		}
	}
}
