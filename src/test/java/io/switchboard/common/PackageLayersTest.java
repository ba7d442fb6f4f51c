package io.switchboard.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's map of the code lists the packages top to bottom; a package may import only the
 * packages below it. This reads the map from the README itself, so the map and the code cannot
 * drift apart, and a cycle between two packages fails the build.
 */
class PackageLayersTest {

    private static final Path SOURCES = Path.of("src/main/java/io/switchboard");
    private static final Pattern MAP_LINE = Pattern.compile("^  ([a-z]+)/\\s");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.switchboard\\.([a-z]+)\\.");

    @Test
    void noPackageImportsOneAboveItInTheReadmesMap() throws IOException {
        List<String> layers = readmeMap();
        assertThat(layers).as("packages in the README's map").contains("common", "tenant", "auth", "webhook");
        try (Stream<Path> packages = Files.list(SOURCES)) {
            assertThat(packages.filter(Files::isDirectory)
                            .map(dir -> dir.getFileName().toString()))
                    .as("every package is on the map")
                    .allMatch(layers::contains);
        }
        List<String> upward = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String own = SOURCES.relativize(file).getName(0).toString();
                for (String line : Files.readAllLines(file)) {
                    Matcher imported = IMPORT.matcher(line);
                    if (imported.find()) {
                        String target = imported.group(1);
                        if (!target.equals(own) && layers.indexOf(target) <= layers.indexOf(own)) {
                            upward.add(own + " -> " + target + " (" + file.getFileName() + ")");
                        }
                    }
                }
            }
        }
        assertThat(upward)
                .as("imports of a package above (or beside) the importer")
                .isEmpty();
    }

    /** The package names of the README's "Map of the code" block, top to bottom. */
    private static List<String> readmeMap() throws IOException {
        List<String> layers = new ArrayList<>();
        boolean inMap = false;
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            if (line.startsWith("## Map of the code")) {
                inMap = true;
            } else if (inMap && line.startsWith("## ")) {
                break;
            } else if (inMap) {
                Matcher entry = MAP_LINE.matcher(line);
                if (entry.find()) {
                    layers.add(entry.group(1));
                }
            }
        }
        return layers;
    }
}
