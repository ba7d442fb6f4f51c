package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Kubernetes YAML into fabric8's typed model, strictly: fabric8 has no strict mode (unknown
 * fields land in {@code additionalProperties}, unknown kinds become generic resources), so the model
 * is walked and every such field reported with its path.
 */
final class KubernetesModel {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KubernetesModel() {}

    /** One object for a single-document file, a list for a multi-document one. */
    static List<HasMetadata> parse(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Object parsed = SERIALIZATION.unmarshal(in);
            List<?> documents = parsed instanceof List<?> list ? list : Collections.singletonList(parsed);
            List<HasMetadata> resources = new ArrayList<>();
            for (Object document : documents) {
                assertThat(document).as(file.toString()).isInstanceOf(HasMetadata.class);
                resources.add((HasMetadata) document);
            }
            return resources;
        }
    }

    /**
     * Fields the model does not know, as "path: [names]". fabric8 has no strict mode: an unknown
     * field (a typo, a field of another API version) lands in the additionalProperties of the
     * object it sits on, so every object of the graph is visited.
     */
    static List<String> unknownFields(Object resource) {
        List<String> found = new ArrayList<>();
        collectUnknownFields(resource, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    static void collectUnknownFields(Object node, String path, List<String> found, Set<Object> seen) {
        if (node instanceof Collection<?> elements) {
            int index = 0;
            for (Object element : elements) {
                collectUnknownFields(element, path + "[" + index++ + "]", found, seen);
            }
        } else if (node instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> collectUnknownFields(value, path + "." + key, found, seen));
        } else if (node != null && node.getClass().getName().startsWith("io.fabric8.") && seen.add(node)) {
            for (Class<?> type = node.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    Object value = read(field, node);
                    String fieldPath = path.isEmpty() ? field.getName() : path + "." + field.getName();
                    if (field.getName().equals("additionalProperties")) {
                        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                            found.add(path + ": " + extra.keySet());
                        }
                    } else {
                        collectUnknownFields(value, fieldPath, found, seen);
                    }
                }
            }
        }
    }

    static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(HasMetadata resource) {
        return resource.getKind() + "/" + resource.getMetadata().getName();
    }
}
