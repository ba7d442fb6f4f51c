package io.switchboard.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies are read strictly: an unknown field, a value of the wrong JSON type (no coercion of
 * {@code 123} to {@code "123"} or of {@code "true"} to {@code true}), trailing content, or a NUL
 * character (which PostgreSQL cannot store in text) is a 400 naming the field, instead of a value
 * silently dropped, changed, or turned into a database error.
 */
@Singleton
class StrictJson implements ObjectMapperCustomizer {

    static final String NUL_MESSAGE = "must not contain the NUL character";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        for (CoercionInputShape shape :
                List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("switchboard-strict-json")
                .addDeserializer(String.class, new NulFreeString())
                .addDeserializer(Object.class, new NulFreeUntyped()));
    }

    private static String checked(String value, JsonParser parser) throws InvalidFormatException {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw InvalidFormatException.from(parser, NUL_MESSAGE, value, String.class);
        }
        return value;
    }

    /** Strings, with Jackson's own rules (and the coercion settings above), refusing NUL. */
    private static final class NulFreeString extends StdScalarDeserializer<String> {
        NulFreeString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return checked(StringDeserializer.instance.deserialize(parser, context), parser);
        }
    }

    /** Free-form values (branding, settings' extra): maps, lists and scalars, refusing NUL anywhere. */
    private static final class NulFreeUntyped extends StdDeserializer<Object> {
        NulFreeUntyped() {
            super(Object.class);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = context.readTree(parser);
            return toJava(tree, parser);
        }

        private static Object toJava(JsonNode node, JsonParser parser) throws IOException {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return null;
            }
            if (node.isObject()) {
                Map<String, Object> map = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    try {
                        map.put(checked(field.getKey(), parser), toJava(field.getValue(), parser));
                    } catch (JsonMappingException e) {
                        e.prependPath(map, field.getKey());
                        throw e;
                    }
                }
                return map;
            }
            if (node.isArray()) {
                List<Object> list = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    try {
                        list.add(toJava(node.get(i), parser));
                    } catch (JsonMappingException e) {
                        e.prependPath(list, i);
                        throw e;
                    }
                }
                return list;
            }
            if (node.isTextual()) {
                return checked(node.textValue(), parser);
            }
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            return node.numberValue();
        }
    }
}
