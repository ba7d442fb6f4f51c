package io.switchboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's shell blocks marked {@code <!-- tested: name -->}, by name (blocks of one name
 * joined in order): the tests run them exactly as a reader would.
 */
public final class ReadmeBlocks {

    private static final Path README = Path.of("README.md");
    private static final Pattern TESTED_BLOCK =
            Pattern.compile("<!-- tested: ([a-z-]+) -->\\s*```sh\\n(.*?)```", Pattern.DOTALL);

    private ReadmeBlocks() {}

    public static Map<String, String> read() throws IOException {
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher block = TESTED_BLOCK.matcher(Files.readString(README));
        while (block.find()) {
            blocks.merge(block.group(1), block.group(2), String::concat);
        }
        return blocks;
    }
}
