package io.switchboard.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A native image runs the static initialisers of the application's classes while it is built
 * (Quarkus asks for it) and stores what they leave in static fields in the executable. A random
 * generator stored there would start every process in the same state, and GraalVM refuses the
 * build. This finds such generators on the JVM, in seconds: it initialises every class of the
 * application afresh, as the image builder would, and searches what their static fields hold.
 *
 * <p>It searches the application's own objects and the JDK's containers; what a library keeps
 * in its own objects is left to the image builder ({@code ./mvnw verify -Pnative-analysis}).
 */
class BuildTimeInitialisationTest {

    @Test
    void noApplicationClassHoldsARandomGeneratorOnceInitialised() throws Exception {
        Path classes = Path.of(
                Ids.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        List<String> found = generatorsHeldAfterInitialising(applicationClassNames(classes), classes);

        assertThat(found)
                .as("random generators created while classes were initialised")
                .isEmpty();
    }

    @Test
    void findsAGeneratorHeldDirectlyOrInsideOtherObjects() throws Exception {
        Path testClasses = Path.of(BuildTimeInitialisationTest.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        List<String> found = generatorsHeldAfterInitialising(
                List.of(HoldsGenerators.class.getName(), HoldsNone.class.getName()), testClasses);

        assertThat(found)
                .containsExactlyInAnyOrder(
                        HoldsGenerators.class.getName() + ".DIRECT: java.security.SecureRandom",
                        HoldsGenerators.class.getName() + ".WRAPPED -> [0] -> generator: java.util.Random",
                        HoldsGenerators.class.getName() + ".BY_NAME -> {key} -> value: java.util.SplittableRandom");
    }

    /** Fixture: three ways a static initialiser can leave a generator behind. */
    static final class HoldsGenerators {
        static final Random DIRECT = new java.security.SecureRandom();
        static final List<Wrapper> WRAPPED = List.of(new Wrapper(new Random()));
        static final Map<String, Object> BY_NAME = Map.of("key", new SplittableRandom());

        record Wrapper(Random generator) {}
    }

    /** Fixture: a lazily created generator, as {@link Randomness} does it, is not there yet. */
    static final class HoldsNone {
        private static volatile Random generator;

        static Random generator() {
            if (generator == null) {
                generator = new Random();
            }
            return generator;
        }
    }

    private static List<String> applicationClassNames(Path classes) throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.map(classes::relativize)
                    .map(Path::toString)
                    .filter(name -> name.endsWith(".class") && !name.endsWith("package-info.class"))
                    .map(name ->
                            name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .toList();
        }
    }

    /**
     * Initialises the classes in a class loader of their own, so their static state is what their
     * initialisers left and not what earlier tests in this JVM did, then searches it.
     */
    private static List<String> generatorsHeldAfterInitialising(List<String> classNames, Path classes)
            throws Exception {
        List<String> found = new ArrayList<>();
        ClassLoader loader = new FreshLoader(classes, BuildTimeInitialisationTest.class.getClassLoader());
        for (String name : classNames) {
            Class<?> type = Class.forName(name, true, loader);
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && !field.getType().isPrimitive()) {
                    field.setAccessible(true);
                    search(field.get(null), name + "." + field.getName(), found);
                }
            }
        }
        return found;
    }

    /** Walks the object graph from one static field, breadth first, each object once. */
    private static void search(Object root, String rootPath, List<String> found) throws IllegalAccessException {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> queue = new ArrayDeque<>();
        queue.add(new Object[] {root, rootPath});
        while (!queue.isEmpty()) {
            Object[] next = queue.poll();
            Object value = next[0];
            String path = (String) next[1];
            if (value == null || !seen.add(value)) {
                continue;
            }
            if (value instanceof Random || value instanceof SplittableRandom) {
                found.add(path + ": " + value.getClass().getName());
            } else if (value.getClass().isArray()
                    && !value.getClass().componentType().isPrimitive()) {
                for (int i = 0; i < Array.getLength(value); i++) {
                    queue.add(new Object[] {Array.get(value, i), path + " -> [" + i + "]"});
                }
            } else if (value instanceof Collection<?> collection) {
                int i = 0;
                for (Object element : collection) {
                    queue.add(new Object[] {element, path + " -> [" + i++ + "]"});
                }
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    queue.add(new Object[] {entry.getKey(), path + " -> key"});
                    queue.add(new Object[] {entry.getValue(), path + " -> {" + entry.getKey() + "} -> value"});
                }
            } else if (value instanceof Optional<?> optional) {
                queue.add(new Object[] {optional.orElse(null), path + " -> value"});
            } else if (value instanceof AtomicReference<?> reference) {
                queue.add(new Object[] {reference.get(), path + " -> value"});
            } else if (isOwnedByTheApplication(value.getClass())) {
                for (Class<?> type = value.getClass(); isOwnedByTheApplication(type); type = type.getSuperclass()) {
                    for (Field field : type.getDeclaredFields()) {
                        if (!Modifier.isStatic(field.getModifiers())
                                && !field.getType().isPrimitive()) {
                            field.setAccessible(true);
                            queue.add(new Object[] {field.get(value), path + " -> " + field.getName()});
                        }
                    }
                }
            }
        }
    }

    private static boolean isOwnedByTheApplication(Class<?> type) {
        return type != null && type.getName().startsWith("io.switchboard.");
    }

    /** Loads io.switchboard classes from one directory itself; everything else from its parent. */
    private static final class FreshLoader extends ClassLoader {
        private final Path classes;

        FreshLoader(Path classes, ClassLoader parent) {
            super("fresh-application-classes", parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                Path file = classes.resolve(name.replace('.', '/') + ".class");
                if (loaded == null && name.startsWith("io.switchboard.") && Files.isRegularFile(file)) {
                    try (InputStream in = Files.newInputStream(file)) {
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return loaded != null ? loaded : super.loadClass(name, resolve);
            }
        }
    }
}
