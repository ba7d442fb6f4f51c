package io.switchboard.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The generated document's schemas, made to say what the service does: optional fields nullable,
 * and no component left that nothing refers to. The last step of {@link OpenApiContract}.
 */
final class OpenApiSchemas {

    private static final String COMPONENTS = "#/components/schemas/";

    private OpenApiSchemas() {}

    /**
     * Every optional property may be absent or null (responses show unset fields as null, and a
     * merge patch's null clears a field); only required ones are never null. OpenAPI 3.0 cannot
     * say "this reference, or null", so a reference to a plain value (an id, a time, an enum) is
     * written out in place, where it can be nullable.
     */
    static void optionalMeansNullable(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        schemas.values().forEach(schema -> optionalMeansNullable(schema, schemas));
    }

    private static void optionalMeansNullable(Schema schema, Map<String, Schema> schemas) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        schema.getProperties().forEach((name, property) -> {
            Schema value = plainValue(property, schemas);
            if (value != null) {
                inline(property, value);
            }
            List<Schema.SchemaType> types = property.getType();
            if (!required.contains(name)
                    && property.getRef() == null
                    && types != null
                    && !types.contains(Schema.SchemaType.NULL)) {
                property.addType(Schema.SchemaType.NULL);
            }
        });
    }

    /** Components nothing refers to any more (plain values written out in place) leave the document. */
    static void dropUnreferenced(OpenAPI api) {
        Set<String> used = new HashSet<>();
        Deque<Schema> pending = new ArrayDeque<>();
        api.getPaths().getPathItems().values().forEach(item -> item.getOperations()
                .values()
                .forEach(operation -> {
                    if (operation.getParameters() != null) {
                        operation.getParameters().forEach(parameter -> add(pending, parameter.getSchema()));
                    }
                    if (operation.getRequestBody() != null
                            && operation.getRequestBody().getContent() != null) {
                        operation
                                .getRequestBody()
                                .getContent()
                                .getMediaTypes()
                                .values()
                                .forEach(media -> add(pending, media.getSchema()));
                    }
                    operation.getResponses().getAPIResponses().values().stream()
                            .filter(response -> response.getContent() != null)
                            .forEach(response -> response.getContent()
                                    .getMediaTypes()
                                    .values()
                                    .forEach(media -> add(pending, media.getSchema())));
                }));
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        while (!pending.isEmpty()) {
            Schema schema = pending.pop();
            String ref = schema.getRef();
            if (ref != null && ref.startsWith(COMPONENTS) && used.add(ref.substring(COMPONENTS.length()))) {
                add(pending, schemas.get(ref.substring(COMPONENTS.length())));
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(property -> add(pending, property));
            }
            add(pending, schema.getItems());
            add(pending, schema.getAdditionalPropertiesSchema());
            for (List<Schema> group : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
                if (group != null) {
                    group.forEach(member -> add(pending, member));
                }
            }
        }
        List.copyOf(schemas.keySet()).stream()
                .filter(name -> !used.contains(name))
                .forEach(name -> api.getComponents().removeSchema(name));
    }

    private static void add(Deque<Schema> pending, Schema schema) {
        if (schema != null) {
            pending.push(schema);
        }
    }

    /** The referenced component when a property refers (directly or through a single allOf) to a plain value. */
    private static Schema plainValue(Schema property, Map<String, Schema> schemas) {
        String ref = property.getRef();
        if (ref == null && property.getAllOf() != null && property.getAllOf().size() == 1) {
            ref = property.getAllOf().get(0).getRef();
        }
        if (ref == null || !ref.startsWith(COMPONENTS)) {
            return null;
        }
        Schema target = schemas.get(ref.substring(COMPONENTS.length()));
        boolean plain = target != null
                && target.getType() != null
                && target.getProperties() == null
                && !target.getType().contains(Schema.SchemaType.OBJECT)
                && !target.getType().contains(Schema.SchemaType.ARRAY);
        return plain ? target : null;
    }

    private static void inline(Schema property, Schema value) {
        property.setRef(null);
        property.setAllOf(null);
        property.setType(new ArrayList<>(value.getType()));
        property.setFormat(value.getFormat());
        property.setPattern(value.getPattern());
        if (value.getEnumeration() != null) {
            property.setEnumeration(new ArrayList<>(value.getEnumeration()));
        }
        if (property.getDescription() == null) {
            property.setDescription(value.getDescription());
        }
    }
}
