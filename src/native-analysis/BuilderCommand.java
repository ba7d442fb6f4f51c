import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Does the part of GraalVM's {@code native-image} driver that the builder needs, since the driver
 * is not on Maven Central: turns the driver-level arguments Quarkus writes to
 * {@code target/native-sources/native-image.args} into the builder JVM's arguments and the
 * builder's own ({@code -H:}) arguments, and reads every class-path jar's
 * {@code META-INF/native-image/} as the driver would.
 *
 * <p>Run by analyse.sh on the JDK the builder runs on, with the builder's module path and
 * {@code --add-modules=ALL-DEFAULT,<builder modules>}, so that {@link ModuleLayer#boot()} is the
 * builder's own boot layer.
 *
 * <pre>
 * java [module options] BuilderCommand.java NATIVE_SOURCES JDK_HOME WORK_DIR STOP_AFTER BUILDER_JAR...
 *   STOP_AFTER: analysis | compilation
 * writes WORK_DIR/builder-jvm.args (a java @argfile) and WORK_DIR/builder.args (NUL-separated,
 * for the builder's --image-args-file=)
 * </pre>
 *
 * Any driver option it does not know stops it: a silently dropped option would make the check
 * weaker than a real build without anyone noticing.
 */
public class BuilderCommand {

    static final String GRAALVM_VERSION = "25.0.1";
    static final String ALL_UNNAMED = "ALL-UNNAMED";
    /** The config files the driver hands to the builder, by file name (GraalVM 25's MetaInfFileType). */
    static final Map<String, String> CONFIG_FILE_OPTIONS = Map.of(
            "reachability-metadata.json", "ReachabilityMetadataResources",
            "reflect-config.json", "ReflectionConfigurationResources",
            "resource-config.json", "ResourceConfigurationResources",
            "jni-config.json", "JNIConfigurationResources",
            "proxy-config.json", "DynamicProxyConfigurationResources",
            "serialization-config.json", "SerializationConfigurationResources",
            "serialization-deny-config.json", "SerializationDenyConfigurationResources",
            "predefined-classes-config.json", "PredefinedClassesConfigurationResources");

    record ExcludedConfig(Pattern jar, Pattern resource) {
    }

    final List<String> jvm = new ArrayList<>();
    final List<String> builder = new ArrayList<>();
    final LinkedHashSet<Path> classPath = new LinkedHashSet<>();
    final List<ExcludedConfig> excludedConfigs = new ArrayList<>();
    String imageName;
    String mainClass;

    public static void main(String[] args) throws IOException {
        if (args.length < 5) {
            System.err.println("usage: BuilderCommand NATIVE_SOURCES JDK_HOME WORK_DIR analysis|compilation BUILDER_JAR...");
            System.exit(2);
        }
        Path nativeSources = Path.of(args[0]).toAbsolutePath();
        Path jdk = Path.of(args[1]).toAbsolutePath();
        Path work = Path.of(args[2]).toAbsolutePath();
        String stopAfter = args[3];
        List<Path> builderJars = List.of(args).subList(4, args.length).stream().map(Path::of).toList();

        BuilderCommand command = new BuilderCommand();
        String driverArguments = Files.readString(nativeSources.resolve("native-image.args"));
        command.readDriverArguments(List.of(driverArguments.trim().split("\\s+")), nativeSources);
        for (Path entry : command.classPath) {
            command.readMetaInf(entry);
        }
        Files.write(work.resolve("builder-jvm.args"), command.jvmArguments(builderJars).stream()
                .map(BuilderCommand::quoteForArgFile).toList());
        Files.writeString(work.resolve("builder.args"),
                String.join("\0", command.builderArguments(jdk, work, stopAfter, driverArguments)));
    }

    /** The driver's command line, as Quarkus wrote it. */
    void readDriverArguments(List<String> arguments, Path baseDirectory) throws IOException {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--exclude-config")) {
                excludedConfigs.add(new ExcludedConfig(Pattern.compile(arguments.get(i + 1)), Pattern.compile(arguments.get(i + 2))));
                i += 2;
            } else if (argument.equals("-jar")) {
                readMainJar(baseDirectory.resolve(arguments.get(++i)));
            } else if (!argument.startsWith("-")) {
                imageName = argument;
            } else {
                translate(argument, "the command line");
            }
        }
    }

    /** One driver option, from the command line or a jar's native-image.properties. */
    void translate(String option, String origin) {
        String value = option.contains("=") ? option.substring(option.indexOf('=') + 1) : null;
        String name = value == null ? option : option.substring(0, option.indexOf('='));
        switch (name) {
            case "--features" -> builder.add("-H:Features=" + value);
            case "--no-fallback" -> builder.add("-H:FallbackThreshold=0");
            case "--link-at-build-time" -> builder.add("-H:LinkAtBuildTime=" + (value == null ? "" : value));
            case "--enable-url-protocols" -> builder.add("-H:EnableURLProtocols=" + value);
            case "--enable-monitoring" -> builder.add("-H:EnableMonitoringFeatures=" + value);
            case "--enable-native-access" -> builder.add("-H:EnableNativeAccess=" + value);
            case "--initialize-at-build-time" -> classInitialization(value, "build_time");
            case "--initialize-at-run-time" -> classInitialization(value, "run_time");
            default -> {
                if (option.startsWith("-J")) {
                    jvm.add(option.substring(2));
                } else if (option.startsWith("-H:")) {
                    builder.add(option);
                } else {
                    throw new IllegalArgumentException("Unknown native-image option " + option + " (from " + origin
                            + "): teach src/native-analysis/BuilderCommand.java what the driver does with it");
                }
            }
        }
    }

    void classInitialization(String classes, String when) {
        if (classes == null || classes.isEmpty()) {
            builder.add("-H:ClassInitialization=:" + when);
            return;
        }
        for (String name : classes.split(",")) {
            builder.add("-H:ClassInitialization=" + name + ":" + when);
        }
    }

    /** {@code -jar}: the jar, its manifest class path, main class and module attributes. */
    void readMainJar(Path jar) throws IOException {
        classPath.add(jar);
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes manifest = file.getManifest().getMainAttributes();
            mainClass = manifest.getValue("Main-Class");
            String entries = manifest.getValue("Class-Path");
            if (entries != null) {
                for (String entry : entries.trim().split(" +")) {
                    classPath.add(jar.getParent().resolve(entry).normalize());
                }
            }
            for (String module : split(manifest.getValue("Add-Opens"))) {
                builder.add("-H:AddOpens=" + module + "=" + ALL_UNNAMED);
            }
            for (String module : split(manifest.getValue("Add-Exports"))) {
                builder.add("-H:AddExports=" + module + "=" + ALL_UNNAMED);
            }
            if (manifest.getValue("Enable-Native-Access") != null) {
                jvm.add("--enable-native-access=" + ALL_UNNAMED);
            }
        }
        if (imageName == null) {
            imageName = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        }
    }

    static List<String> split(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    /** What the driver takes from a class-path entry's META-INF/native-image/. */
    void readMetaInf(Path entry) throws IOException {
        if (!Files.isRegularFile(entry)) {
            if (Files.exists(entry)) {
                throw new IllegalArgumentException("Class-path directories are not handled: " + entry);
            }
            return; // the driver, too, tolerates missing Class-Path entries
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            List<JarEntry> resources = jar.stream()
                    .filter(e -> !e.isDirectory() && e.getName().startsWith("META-INF/native-image/"))
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .toList();
            for (JarEntry resource : resources) {
                if (isExcluded(entry, resource.getName())) {
                    continue;
                }
                String fileName = resource.getName().substring(resource.getName().lastIndexOf('/') + 1);
                String origin = entry.getFileName() + "!/" + resource.getName();
                if (fileName.equals("native-image.properties")) {
                    readProperties(jar, resource, origin);
                } else if (CONFIG_FILE_OPTIONS.containsKey(fileName)) {
                    builder.add("-H:" + CONFIG_FILE_OPTIONS.get(fileName) + "=" + resource.getName());
                } else if (fileName.endsWith(".json")) {
                    throw new IllegalArgumentException("Unknown native-image configuration file " + origin
                            + ": teach src/native-analysis/BuilderCommand.java what the driver does with it");
                }
            }
        }
    }

    boolean isExcluded(Path jar, String resource) {
        return excludedConfigs.stream().anyMatch(excluded -> excluded.jar().matcher(jar.toString()).find()
                && excluded.resource().matcher("/" + resource).find());
    }

    void readProperties(JarFile jar, JarEntry resource, String origin) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = jar.getInputStream(resource)) {
            properties.load(in);
        }
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            if (value.contains("${")) {
                throw new IllegalArgumentException("Substitutions in " + origin + " are not handled: " + value);
            }
            switch (key) {
                case "Args" -> split(value).forEach(option -> translate(option, origin));
                case "JavaArgs" -> jvm.addAll(split(value));
                case "ImageName" -> { } // the command line names the image
                default -> throw new IllegalArgumentException("Unknown key " + key + " in " + origin);
            }
        }
    }

    /** The builder JVM's options: the driver's fixed ones, the module setup, then those from -J. */
    List<String> jvmArguments(List<Path> builderJars) {
        Path compiler = builderJars.stream().filter(j -> j.getFileName().toString().startsWith("compiler-")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The GraalVM compiler jar is missing"));
        List<Path> modulePath = builderJars.stream().filter(j -> !j.equals(compiler)).toList();
        Set<String> builderModules = new TreeSet<>();
        for (ModuleReference module : ModuleFinder.of(builderJars.toArray(Path[]::new)).findAll()) {
            builderModules.add(module.descriptor().name());
        }
        String toBuilder = String.join(",", builderModules);

        List<String> result = new ArrayList<>(List.of(
                "-XX:+UseParallelGC",
                "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "-XX:-UseJVMCICompiler",
                "-Xss10m", "-Xmx" + System.getProperty("builder.heap", "14g"), "-XX:+ExitOnOutOfMemoryError",
                "-Xshare:off",
                "-Djava.awt.headless=true",
                "-Dorg.graalvm.version=" + GRAALVM_VERSION,
                "-Dorg.graalvm.vendor=Switchboard native analysis (GraalVM CE builder jars)",
                "-Dorg.graalvm.vendorversion=GraalVM CE " + GRAALVM_VERSION,
                "-Djava.system.class.loader=com.oracle.svm.hosted.NativeImageSystemClassLoader",
                "-Dorg.graalvm.nativeimage.imagecode=buildtime",
                "-Dtruffle.TrustAllTruffleRuntimeProviders=true",
                "-Dtruffle.TruffleRuntime=com.oracle.truffle.api.impl.DefaultTruffleRuntime",
                "-Dgraalvm.ForcePolyglotInvalid=true",
                "-Dgraalvm.locatorDisabled=true",
                // The driver's own, in NativeImage.completeImageBuild():
                "-Djdk.internal.lambda.disableEagerInitialization=true",
                "-Djdk.internal.lambda.eagerlyInitialize=false",
                "-Djava.lang.invoke.InnerClassLambdaMetafactory.initializeLambdas=false",
                "-Djava.lang.invoke.MethodHandle.DONT_INLINE_THRESHOLD=-1",
                "-Djava.lang.invoke.MethodHandle.PROFILE_GWT=false",
                "--upgrade-module-path", compiler.toString(),
                "--module-path", modulePath.stream().map(Path::toString).collect(Collectors.joining(":")),
                "--add-modules=ALL-DEFAULT",
                "--enable-native-access=" + toBuilder));
        // The real driver exports exactly the JDK internals the builder was compiled against; we
        // open every package of every JDK module in the builder's boot layer to the builder
        // modules instead. Wider, but it widens only what the builder itself may touch, not the
        // application's code.
        for (Module module : ModuleLayer.boot().modules().stream().sorted((a, b) -> a.getName().compareTo(b.getName())).toList()) {
            boolean jdkModule = ModuleFinder.ofSystem().find(module.getName()).isPresent();
            if (!jdkModule || module.getName().startsWith("jdk.graal.compiler")) {
                continue;
            }
            for (String pkg : new TreeSet<>(module.getPackages())) {
                result.add("--add-opens=" + module.getName() + "/" + pkg + "=" + toBuilder);
            }
        }
        result.addAll(jvm);
        return result;
    }

    /** The builder's arguments, in the order the driver passes them. */
    List<String> builderArguments(Path jdk, Path work, String stopAfter, String driverArguments) {
        Path clibraries = jdk.resolve("lib/svm/clibraries");
        List<String> result = new ArrayList<>();
        result.add("-imagecp");
        result.add(classPath.stream().map(Path::toString).collect(Collectors.joining(":")));
        // The driver lists <os-arch>/<libc>, <os-arch> and the folder itself; a GraalVM
        // distribution has all three, this JDK only the ones analyse.sh made, and the builder
        // refuses a path that does not exist.
        result.add("-H:CLibraryPath=" + Stream.of(clibraries.resolve("linux-amd64/glibc"), clibraries.resolve("linux-amd64"), clibraries)
                .filter(Files::isDirectory).map(Path::toString).collect(Collectors.joining(",")));
        // The driver checks that experimental options are unlocked where users pass them; the
        // builder-level options it generates itself (the config files, -H:Name, ...) need no
        // unlocking. Unlocking once up front gives the builder the same options.
        result.add("-H:+UnlockExperimentalVMOptions");
        result.addAll(builder);
        result.add("-H:+UnlockExperimentalVMOptions");
        result.add("-H:Class=" + mainClass);
        result.add("-H:Name=" + imageName);
        result.add("-H:Path=" + work.resolve("output"));
        result.add("-H:ImageBuildID=" + UUID.nameUUIDFromBytes(driverArguments.getBytes(StandardCharsets.UTF_8)));
        result.add("-H:TempDirectory=" + work.resolve("tmp"));
        // Stopping after the relocatable object file, before the native link, is also what lets
        // the builder start without GraalVM's static JDK libraries (not on Maven Central).
        result.add("-H:+ExitAfterRelocatableImageWrite");
        switch (stopAfter) {
            // Stops after points-to analysis and its checks (unsupported features, image heap).
            case "analysis" -> result.add("-H:+ExitAfterAnalysis");
            // Also compiles every reachable method and writes the relocatable object file.
            case "compilation" -> { }
            default -> throw new IllegalArgumentException("STOP_AFTER is analysis or compilation, not " + stopAfter);
        }
        return result;
    }

    /** Quotes an argument for a java @argfile when it has whitespace. */
    static String quoteForArgFile(String argument) {
        if (argument.chars().noneMatch(Character::isWhitespace) && !argument.contains("\"") && !argument.contains("'")) {
            return argument;
        }
        return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static {
        // Fails early, with a clear message, when run outside analyse.sh's module setup.
        if (ModuleLayer.boot().findModule("org.graalvm.nativeimage.builder").isEmpty()) {
            throw new IllegalStateException(
                    "Run with the builder's module path and --add-modules=ALL-DEFAULT,org.graalvm.nativeimage.builder (see analyse.sh)");
        }
    }
}
