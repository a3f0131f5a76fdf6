package io.cfsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Signatures say what their arguments mean. The rule, checked over the parsed sources ({@link CodeShape}):
 * <ol>
 *   <li>no constructor or method in {@code src/main/java} declares more than {@value #MAX} parameters, except the
 *       explicit canonical constructor of a record (its parameters are the record's components, rule 2);</li>
 *   <li>a record of more than {@value #MAX} components is constructed ({@code new R(...)}) only in its own source
 *       file, by a builder or by factories there with {@value #MAX} parameters or fewer (rule 1), so that no
 *       call site in {@code src/main/java} or {@code src/test/java} lists its components by position.</li>
 * </ol>
 * A {@code new} is matched to a record through the names the file can see: a type it declares, a single-type
 * import, its own package, or a qualified spelling. Known exceptions are listed in {@link #DEBTS}, each with its
 * reason; an entry no longer needed fails the test, so the list only shrinks. Stateless.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SignaturesTest {
    static final int MAX = 6;

    /**
     * Signatures still wider than the rule, by callable name ({@code Owner.method}, or {@code Owner} for a
     * constructor) or by a record's canonical name, each with why it waits. Every entry is a debt.
     */
    static final Map<String, String> DEBTS = Map.of(
            // The shared budget's store, worker and pacing are wired in one place: grouping them belongs with the
            // setup of the permits interface.
            "SharedPacer", "shared budget wiring",
            "SharedPacing.join", "shared budget wiring");
    private static CodeShape.Shape main;
    private static CodeShape.Shape test;

    @BeforeAll
    static void parse() {
        main = CodeShape.of(Paths.get("src/main/java"));
        test = CodeShape.of(Paths.get("src/test/java"));
    }

    @Test
    void noConstructorOrMethodTakesMoreThanSixParameters() {
        List<String> wide = main.callables().stream()
                .filter(c -> c.parameters() > MAX && !c.canonical() && !DEBTS.containsKey(c.name()))
                .map(c -> c.name() + " (" + c.parameters() + " parameters) at " + c.where())
                .toList();
        assertEquals(List.of(), wide, "name the arguments: a record built by a builder, or fewer parameters");
    }

    @Test
    void wideRecordsAreBuiltOnlyInTheirOwnFile() {
        Map<String, CodeShape.RecordShape> wide = main.records().stream()
                .filter(r -> r.components() > MAX && !DEBTS.containsKey(r.canonical()))
                .collect(Collectors.toMap(CodeShape.RecordShape::canonical, Function.identity()));
        List<String> positional = new ArrayList<>();
        for (CodeShape.Shape shape : List.of(main, test)) {
            for (CodeShape.SourceFile f : shape.files()) {
                for (String spelled : f.constructs()) {
                    CodeShape.RecordShape r = wide.get(resolve(f, spelled));
                    if (r != null && !r.where().startsWith(f.rel() + ":")) {
                        positional.add(f.rel() + " lists the " + r.components() + " components of " + r.name()
                                + " by position; build it with its builder");
                    }
                }
            }
        }
        assertEquals(List.of(), positional.stream().distinct().toList());
    }

    @Test
    void everyDebtIsStillOwed() {
        Set<String> owed = new TreeSet<>();
        main.callables().stream().filter(c -> c.parameters() > MAX).forEach(c -> owed.add(c.name()));
        main.records().stream().filter(r -> r.components() > MAX).forEach(r -> owed.add(r.canonical()));
        for (String debt : DEBTS.keySet()) {
            assertTrue(owed.contains(debt), debt + " keeps to the rule now: remove it from DEBTS");
        }
    }

    @Test
    void theCheckSeesAWideRecordBuiltElsewhere() {
        CodeShape.SourceFile f = new CodeShape.SourceFile("io/cfsync/pipeline/X.java", 1, "io.cfsync.pipeline",
                List.of("io.cfsync.report.DeadLetters"), List.of("io.cfsync.pipeline.X"), List.of("DeadLetters.Entry"));
        assertEquals("io.cfsync.report.DeadLetters.Entry", resolve(f, "DeadLetters.Entry"));
        assertEquals("io.cfsync.pipeline.X", resolve(f, "X"));
        assertEquals("io.cfsync.pipeline.Y", resolve(f, "Y"));
        assertEquals("io.cfsync.send.Delivery", resolve(f, "io.cfsync.send.Delivery"));
    }

    /** The canonical name a file means by the type name it wrote after {@code new}. */
    static String resolve(CodeShape.SourceFile f, String spelled) {
        String[] parts = spelled.split("\\.");
        if (Character.isLowerCase(parts[0].charAt(0))) {
            return spelled;
        }
        String first = resolveSimple(f, parts[0]);
        return parts.length == 1 ? first : first + spelled.substring(parts[0].length());
    }

    private static String resolveSimple(CodeShape.SourceFile f, String name) {
        Set<String> own = new TreeSet<>();
        for (String d : f.declares()) {
            if (d.endsWith("." + name)) {
                own.add(d);
            }
        }
        if (!own.isEmpty()) {
            return own.iterator().next();
        }
        for (String i : f.imports()) {
            if (i.endsWith("." + name)) {
                return i;
            }
        }
        return f.pkg() + "." + name;
    }
}
