package dev.orderly;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

/** Small builders of OpenAPI model parts for the platform-wide description. */
final class OpenApiParts {

	private OpenApiParts() {
	}

	static Header header(String description) {
		return new Header().description(description).schema(new StringSchema().maxLength(1024));
	}

	@SuppressWarnings("rawtypes")
	static Schema<Object> object(Map<String, Schema> properties, List<String> required) {
		Schema<Object> schema = new Schema<>();
		schema.type("object");
		schema.setProperties(properties);
		schema.setRequired(required);
		return schema;
	}

	static Schema<String> string(int maxLength) {
		return new StringSchema().maxLength(maxLength);
	}
}
