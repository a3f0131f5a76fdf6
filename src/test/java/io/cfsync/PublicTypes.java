package io.cfsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which public types of the main code no other package uses. A use is a reference in another package's compiled
 * class (what the compiler needs, even through a chained call that never names the type) or a mention of the type's
 * qualified name in another package's source (constants, which the compiler inlines). Stateless.
 */
final class PublicTypes {
    /**
     * Public with no use from another package of ours, each for its reason. Keep it short: everything else that is
     * public is so because another package needs it.
     */
    static final Map<String, String> ALLOW = Map.of(
            "io.cfsync.Main", "the entry point the launcher and the jar's manifest name",
            "io.cfsync.cli.ExitCodes", "the exit codes are a contract with scripts, asserted by the tests of each area",
            "io.cfsync.connect.CfSyncSinkConnector", "the Connect plugin, loaded by Kafka through its service file",
            "io.cfsync.connect.CfSyncSinkTask", "the task class the connector names to Kafka, which builds it",
            "io.cfsync.connect.LiteralSecretWarning", "a Connect REST extension, loaded through its service file",
            // The framing seam: a format in a package of its own implements Framing and Frames, may prove its
            // positions with BytePrefix, and is listed in Framings; the length-prefixed format in the tests does.
            "io.cfsync.input.Frames", "the framing seam: what a new format's reader implements",
            "io.cfsync.input.Framings", "the framing seam: the one list a new format is added to",
            "io.cfsync.input.BytePrefix", "the framing seam: proves a byte position for any framing");

    private static final Pattern REFERENCE = Pattern.compile("io/cfsync/[A-Za-z0-9_/$]+");

    private PublicTypes() {
    }

    /**
     * The public types, top-level or members of public types, that no other package uses and the allow-list does
     * not name, as binary names ({@code io.cfsync.dest.FieldTable$Requirement}), sorted.
     *
     * @param classes the compiled main classes (normally {@code target/classes})
     * @param sources the main sources (normally {@code src/main/java}), for inlined constants
     */
    static List<String> unused(Path classes, Path sources) {
        Map<String, Set<String>> refs = references(classes);
        // A class left behind by a source since moved or deleted is neither a type nor a use.
        refs.keySet().removeIf(type -> !Files.exists(sources.resolve(topLevel(type).replace('.', '/') + ".java")));
        Map<String, String> code = sources(sources);
        Set<String> out = new TreeSet<>();
        for (String type : refs.keySet()) {
            if (isPublic(type) && !ALLOW.containsKey(type) && !usedElsewhere(type, refs, code)) {
                out.add(type);
            }
        }
        return List.copyOf(out);
    }

    /** The package of a binary class name. */
    static String packageOf(String type) {
        return type.substring(0, type.lastIndexOf('.'));
    }

    /** The top-level type a binary class name belongs to. */
    private static String topLevel(String type) {
        int nested = type.indexOf('$');
        return nested < 0 ? type : type.substring(0, nested);
    }

    private static boolean usedElsewhere(String type, Map<String, Set<String>> refs, Map<String, String> code) {
        String pkg = packageOf(type);
        for (Map.Entry<String, Set<String>> e : refs.entrySet()) {
            if (!packageOf(e.getKey()).equals(pkg) && e.getValue().contains(type)) {
                return true;
            }
        }
        Pattern named = Pattern.compile("\\b" + Pattern.quote(type.replace('$', '.')) + "\\b");
        for (Map.Entry<String, String> e : code.entrySet()) {
            if (!e.getKey().equals(pkg) && named.matcher(e.getValue()).find()) {
                return true;
            }
        }
        return false;
    }

    /** Public itself and, for a member type, every type around it public too: reachable from anywhere. */
    private static boolean isPublic(String type) {
        try {
            Class<?> c = Class.forName(type, false, PublicTypes.class.getClassLoader());
            if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
                return false;
            }
            for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
                if (!Modifier.isPublic(k.getModifiers())) {
                    return false;
                }
            }
            return true;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(type + " is compiled but cannot be loaded", e);
        }
    }

    /** Each compiled class (binary name) to the classes of ours its constant pool names. */
    private static Map<String, Set<String>> references(Path classes) {
        Map<String, Set<String>> refs = new HashMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace('\\', '/');
                name = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                if (name.endsWith("package-info")) {
                    continue;
                }
                Set<String> named = new TreeSet<>();
                Matcher m = REFERENCE.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                while (m.find()) {
                    named.add(m.group().replace('/', '.'));
                }
                refs.put(name, named);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return refs;
    }

    /** Each main package to the code of its sources, without comments and literals, joined. */
    private static Map<String, String> sources(Path root) {
        Map<String, String> code = new HashMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String pkg = root.relativize(f.getParent()).toString().replace('\\', '/').replace('/', '.');
                code.merge(pkg, LayeringRules.code(Files.readString(f)), (a, b) -> a + "\n" + b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return code;
    }
}
