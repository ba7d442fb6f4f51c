package io.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the build wrote (target/openapi/openapi.json) passes Stoplight Spectral's
 * OpenAPI ruleset with no error: an off-the-shelf linter, installed from the npm registry into
 * target/. Warnings are printed, not failed on (the operations carry summaries, not descriptions).
 * Skipped, saying so, where npm or the registry is not available.
 */
class OpenApiLintIT {

    private static final String SPECTRAL = "@stoplight/spectral-cli@6.16.3";
    private static final Path DOCUMENT = Path.of("target", "openapi", "openapi.json");
    private static final Path WORK = Path.of("target", "spectral").toAbsolutePath();

    @Test
    void theOpenApiDocumentPassesSpectralsOasRulesetWithoutErrors() throws Exception {
        assertThat(DOCUMENT)
                .as("written by the build (quarkus.smallrye-openapi.store-schema-directory)")
                .exists();
        Files.createDirectories(WORK);
        Path spectral = WORK.resolve("node_modules/.bin/spectral");
        if (!Files.isExecutable(spectral)) {
            Result install = run(List.of(
                    "npm",
                    "install",
                    "--prefix",
                    WORK.toString(),
                    "--no-audit",
                    "--no-fund",
                    "--loglevel",
                    "error",
                    SPECTRAL));
            assumeTrue(install.exit() == 0, "Spectral could not be installed from npm:\n" + install.output());
        }
        Path ruleset = WORK.resolve(".spectral.yaml");
        Files.writeString(ruleset, "extends: [\"spectral:oas\"]\n");
        Result lint = run(List.of(
                spectral.toString(),
                "lint",
                DOCUMENT.toAbsolutePath().toString(),
                "--ruleset",
                ruleset.toString(),
                "--fail-severity",
                "error",
                "--format",
                "text"));
        System.out.println(lint.output());
        assertThat(lint.exit()).as("Spectral found errors:%n%s", lint.output()).isZero();
        assertThat(lint.output()).doesNotContain(" error ");
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return new Result(127, command.get(0) + " is not installed: " + notInstalled.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Result(124, output + "\n(timed out)");
        }
        return new Result(process.exitValue(), output);
    }
}
