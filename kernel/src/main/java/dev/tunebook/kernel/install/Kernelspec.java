package dev.tunebook.kernel.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A kernelspec for this distribution: {@code kernel.json} whose argv starts the kernel with the
 * Java runtime and classpath of the running JVM (the one the launcher chose, honouring {@code
 * JAVA_HOME}) and the kernel's agent ({@code -javaagent}, which guards {@code System.exit}), plus
 * the agent jar and the logos. Built with {@link #builder()}.
 *
 * <p>Instances are immutable.
 */
public final class Kernelspec {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * JVM options every kernel starts with, before the user's own ({@code --jvm-opt}, which
     * override them): the C2 compiler's thresholds raised fourfold. A fresh kernel otherwise spends
     * its first seconds compiling javac's and the JDK's methods with C2, on a core the cells need;
     * with the thresholds raised, {@code 1+1} right after start took 20% less time (median of seven
     * paired runs of {@code bench latency --settle 0} on a busy 2-core machine; six of the seven
     * faster) and no longer once warm, and training steps and hot Java loops run as fast (they
     * still reach C2 within a second).
     */
    static final List<String> DEFAULT_JVM_OPTIONS =
            List.of(
                    "-XX:Tier4InvocationThreshold=20000",
                    "-XX:Tier4MinInvocationThreshold=2400",
                    "-XX:Tier4CompileThreshold=60000",
                    "-XX:Tier4BackEdgeThreshold=160000");

    private final String name;
    private final String displayName;
    private final String interruptMode;
    private final String java;
    private final String classpath;
    private final List<String> jvmOptions;

    private Kernelspec(Builder b) {
        this.name = Objects.requireNonNull(b.name, "name");
        this.displayName = Objects.requireNonNull(b.displayName, "displayName");
        this.interruptMode = b.interruptMode;
        this.java = b.java;
        this.classpath = b.classpath;
        this.jvmOptions = List.copyOf(b.jvmOptions);
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "kernel name '" + name + "' may only hold letters, digits, '.', '_' and '-'");
        }
    }

    /**
     * Returns a builder with the defaults: name tunebook, "Java (tunebook)", message interrupts.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the kernel name (the directory name under kernels/). */
    public String name() {
        return name;
    }

    /**
     * Returns the command Jupyter runs, with {@code {connection_file}} as the last element, for a
     * kernelspec written to {@code specDir} (which holds the agent jar that guards exits).
     */
    public List<String> argv(Path specDir) {
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.add("-javaagent:" + specDir.toAbsolutePath().resolve(AgentJar.FILE_NAME));
        argv.addAll(DEFAULT_JVM_OPTIONS);
        argv.addAll(jvmOptions);
        argv.add("-cp");
        argv.add(classpath);
        argv.add("dev.tunebook.kernel.Main");
        argv.add("kernel");
        argv.add("{connection_file}");
        return argv;
    }

    /** Returns the content of kernel.json for a kernelspec written to {@code specDir}. */
    public String kernelJson(Path specDir) throws IOException {
        ObjectNode spec = JSON.createObjectNode();
        ArrayNode argv = spec.putArray("argv");
        argv(specDir).forEach(argv::add);
        spec.put("display_name", displayName);
        spec.put("language", "java");
        spec.put("interrupt_mode", interruptMode);
        // Native math libraries' OpenMP threads spin while idle unless told not to (5x slower
        // training steps measured on 2 shared cores); the kernel.json env is where Jupyter sets it.
        spec.putObject("env").put("OMP_WAIT_POLICY", "PASSIVE");
        spec.putObject("metadata").put("debugger", false);
        return JSON.writeValueAsString(spec) + "\n";
    }

    /**
     * Writes the kernelspec into {@code kernelsDir}/NAME, replacing an earlier one, and returns
     * that directory. Files are written to a temporary directory first and moved in place.
     */
    public Path writeTo(Path kernelsDir) throws IOException {
        Files.createDirectories(kernelsDir);
        Path target = kernelsDir.resolve(name);
        Path temp = Files.createTempDirectory(kernelsDir, "." + name + "-");
        Files.writeString(temp.resolve("kernel.json"), kernelJson(target), StandardCharsets.UTF_8);
        AgentJar.write(temp.resolve(AgentJar.FILE_NAME));
        Files.write(temp.resolve("logo-64x64.png"), Logo.png(64));
        Files.write(temp.resolve("logo-32x32.png"), Logo.png(32));
        if (Files.exists(target)) {
            deleteTree(target);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Builds a {@link Kernelspec}. Not thread-safe. */
    public static final class Builder {
        private String name = "tunebook";
        private String displayName = "Java (tunebook)";
        private String interruptMode = "message";
        private String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        private String classpath = absoluteClasspath(System.getProperty("java.class.path"));
        private final List<String> jvmOptions = new ArrayList<>();

        private Builder() {}

        /** Sets the kernel name (default tunebook). */
        public Builder optName(String value) {
            this.name = value;
            return this;
        }

        /** Sets the name Jupyter shows (default "Java (tunebook)"). */
        public Builder optDisplayName(String value) {
            this.displayName = value;
            return this;
        }

        /**
         * Sets how Jupyter interrupts: {@code message} (interrupt_request on the control channel,
         * the default: it works however the kernel was started) or {@code signal} (SIGINT, which a
         * JVM cannot receive when its parent started it with SIGINT ignored).
         */
        public Builder optInterruptMode(String value) {
            if (!value.equals("signal") && !value.equals("message")) {
                throw new IllegalArgumentException(
                        "interrupt mode must be 'signal' or 'message', not '" + value + "'");
            }
            this.interruptMode = value;
            return this;
        }

        /** Sets the java executable (default: the running JVM's). */
        public Builder optJava(String value) {
            this.java = value;
            return this;
        }

        /** Sets the classpath (default: the running JVM's, made absolute). */
        public Builder optClasspath(String value) {
            this.classpath = absoluteClasspath(value);
            return this;
        }

        /**
         * Adds a JVM option such as {@code -Xmx8g}; it comes after the {@link
         * #DEFAULT_JVM_OPTIONS}, so it overrides them.
         */
        public Builder optJvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Returns the kernelspec. */
        public Kernelspec build() {
            return new Kernelspec(this);
        }

        private static String absoluteClasspath(String classpath) {
            List<String> entries = new ArrayList<>();
            for (String entry : classpath.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
                }
            }
            return String.join(File.pathSeparator, entries);
        }
    }
}
