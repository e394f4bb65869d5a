package dev.orderly.platform.web;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Strict JSON for every module (ADR 0008, 0016), configured on Boot's one {@code JsonMapper} so that
 * module tests read bodies exactly like the application:
 * <ul>
 * <li>unknown properties, {@code null} for primitives, trailing tokens and floats for integers fail;</li>
 * <li>a property given twice fails (no "last one wins" for a proxy and the application to disagree on);</li>
 * <li>no scalar coercion: {@code "5"} is not a quantity, {@code 1} is not {@code true}, {@code true}
 * is not a name;</li>
 * <li>every string passes {@link UntrustedText} (NUL, unpaired surrogates, bidi controls), reported with
 * its JSON path as the field;</li>
 * <li>an array bound to a {@code Set} — {@code uniqueItems} in the spec — fails on a repeated item
 * instead of silently collapsing it.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return builder -> builder
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Integer, config -> failFrom(config, CoercionInputShape.String,
					CoercionInputShape.Boolean, CoercionInputShape.Float))
			.withCoercionConfig(LogicalType.Float, config -> failFrom(config, CoercionInputShape.String,
					CoercionInputShape.Boolean))
			.withCoercionConfig(LogicalType.Boolean, config -> failFrom(config, CoercionInputShape.String,
					CoercionInputShape.Integer, CoercionInputShape.Float))
			.withCoercionConfig(LogicalType.Textual, config -> failFrom(config, CoercionInputShape.Integer,
					CoercionInputShape.Float, CoercionInputShape.Boolean))
			.withCoercionConfig(LogicalType.Enum, config -> failFrom(config, CoercionInputShape.Integer))
			.addModule(untrustedInput());
	}

	private static void failFrom(tools.jackson.databind.cfg.MutableCoercionConfig config, CoercionInputShape... shapes) {
		for (CoercionInputShape shape : shapes) {
			config.setCoercion(shape, CoercionAction.Fail);
		}
	}

	static SimpleModule untrustedInput() {
		SimpleModule module = new SimpleModule("orderly-untrusted-input");
		module.addDeserializer(String.class, new CheckedStringDeserializer());
		module.setDeserializerModifier(new UniqueItemsModifier());
		return module;
	}

	/** Jackson's own string deserializer, then the {@link UntrustedText} check. */
	static final class CheckedStringDeserializer extends StringDeserializer {

		@Override
		public String deserialize(JsonParser p, DeserializationContext ctxt) {
			String value = super.deserialize(p, ctxt);
			String problem = UntrustedText.problem(value);
			if (problem != null) {
				throw new UntrustedTextException(p, problem);
			}
			return value;
		}
	}

	/** Sets are read as lists first, so that a repeated item can be seen and refused. */
	static final class UniqueItemsModifier extends ValueDeserializerModifier {

		@Override
		public ValueDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
				BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
			Class<?> raw = type.getRawClass();
			if (Set.class.isAssignableFrom(raw) && raw.isAssignableFrom(LinkedHashSet.class)) {
				return new UniqueItemsDeserializer(
						config.getTypeFactory().constructCollectionType(List.class, type.getContentType()));
			}
			return deserializer;
		}
	}

	static final class UniqueItemsDeserializer extends ValueDeserializer<Set<Object>> {

		private final JavaType listType;

		UniqueItemsDeserializer(JavaType listType) {
			this.listType = listType;
		}

		@Override
		public Set<Object> deserialize(JsonParser p, DeserializationContext ctxt) {
			Collection<Object> items = ctxt.readValue(p, listType);
			Set<Object> unique = new LinkedHashSet<>(items);
			if (unique.size() != items.size()) {
				throw new DuplicateItemsException(p);
			}
			return unique;
		}
	}
}
