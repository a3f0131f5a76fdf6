package io.cfsync;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The size habits measured over a source folder with the JDK's own parser: every constructor and method with its
 * declared parameters and its length in lines, every record with its components, every file with its length.
 * Parsing only (no symbols), so it needs no class path. Runs alone as
 * {@code java src/test/java/io/cfsync/CodeShape.java src/main/java} and prints the figures. Stateless.
 */
final class CodeShape {
    /**
     * One constructor or method: where it is, how many parameters it declares, how many lines it spans, and whether
     * it is a record's explicit canonical constructor (its parameters are then the record's components).
     */
    record Callable(String where, String name, int parameters, int lines, boolean canonical) {
    }

    /** One record: where it is, its simple name, its canonical name, the number of its components. */
    record RecordShape(String where, String name, String canonical, int components) {
    }

    /**
     * One source file, relative to the root, with its length in lines, its package, its single-type imports, the
     * canonical names of the types it declares, and the type names written after {@code new}, as spelled.
     */
    record SourceFile(String rel, int lines, String pkg, List<String> imports, List<String> declares,
                      List<String> constructs) {
    }

    /** Everything measured under one source root. */
    record Shape(List<SourceFile> files, List<Callable> callables, List<RecordShape> records) {
    }

    private CodeShape() {
    }

    /** Parses every {@code .java} file under {@code root}. */
    static Shape of(Path root) {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<SourceFile> files = new ArrayList<>();
        List<Callable> callables = new ArrayList<>();
        List<RecordShape> records = new ArrayList<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, Locale.ROOT, null)) {
            JavacTask task = (JavacTask) javac.getTask(null, fm, d -> { }, List.of("-proc:none"), null,
                    fm.getJavaFileObjectsFromPaths(paths));
            SourcePositions pos = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                String rel = root.toAbsolutePath().relativize(Paths.get(unit.getSourceFile().toUri())).toString().replace('\\', '/');
                String text = unit.getSourceFile().getCharContent(true).toString();
                Scanner scan = new Scanner(rel, unit, pos, callables, records);
                scan.scan(unit, null);
                String pkg = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
                List<String> imports = unit.getImports().stream().filter(i -> !i.isStatic())
                        .map(i -> i.getQualifiedIdentifier().toString()).toList();
                files.add(new SourceFile(rel, (int) text.lines().count(), pkg, imports, scan.declares,
                        scan.constructs));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Shape(files, callables, records);
    }

    /** Collects callables and records of one compilation unit. */
    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final String rel;
        private final CompilationUnitTree unit;
        private final SourcePositions pos;
        private final List<Callable> callables;
        private final List<RecordShape> records;
        private final List<String> declares = new ArrayList<>();
        private final List<String> constructs = new ArrayList<>();
        private final java.util.ArrayDeque<String> enclosing = new java.util.ArrayDeque<>();

        Scanner(String rel, CompilationUnitTree unit, SourcePositions pos, List<Callable> callables,
                List<RecordShape> records) {
            this.rel = rel;
            this.unit = unit;
            this.pos = pos;
            this.callables = callables;
            this.records = records;
        }

        @Override
        public Void visitNewClass(NewClassTree n, Void v) {
            constructs.add(n.getIdentifier().toString().replaceAll("<.*", ""));
            return super.visitNewClass(n, v);
        }

        @Override
        public Void visitClass(ClassTree c, Void v) {
            if (c.getSimpleName().isEmpty()) {
                return super.visitClass(c, v);
            }
            String canonical = (enclosing.isEmpty() ? packageOf() : enclosing.peek()) + "." + c.getSimpleName();
            declares.add(canonical);
            enclosing.push(canonical);
            try {
                shape(c, canonical);
                return super.visitClass(c, v);
            } finally {
                enclosing.pop();
            }
        }

        private String packageOf() {
            return unit.getPackageName() == null ? "" : unit.getPackageName().toString();
        }

        private void shape(ClassTree c, String canonical) {
            if (c.getKind() == Tree.Kind.RECORD) {
                records.add(new RecordShape(rel + ":" + line(c), c.getSimpleName().toString(), canonical,
                        components(c)));
            }
        }

        /** A record may declare static fields only: its instance fields, as parsed, are its components. */
        private static int components(ClassTree c) {
            return (int) c.getMembers().stream()
                    .filter(m -> m instanceof VariableTree var
                            && !var.getModifiers().getFlags().contains(Modifier.STATIC))
                    .count();
        }

        @Override
        public Void visitMethod(MethodTree m, Void v) {
            LineMap lines = unit.getLineMap();
            long first = lines.getLineNumber(pos.getStartPosition(unit, m));
            long last = lines.getLineNumber(pos.getEndPosition(unit, m));
            ClassTree c = (ClassTree) getCurrentPath().getParentPath().getLeaf();
            boolean constructor = m.getName().contentEquals("<init>");
            String name = constructor ? c.getSimpleName().toString() : c.getSimpleName() + "." + m.getName();
            boolean canonical = constructor && c.getKind() == Tree.Kind.RECORD
                    && m.getParameters().size() == components(c);
            callables.add(new Callable(rel + ":" + first, name, m.getParameters().size(), (int) (last - first + 1),
                    canonical));
            return super.visitMethod(m, v);
        }

        private long line(Tree t) {
            return unit.getLineMap().getLineNumber(pos.getStartPosition(unit, t));
        }
    }

    /** Prints the figures: over-long parameter lists, long files, long methods, wide records. */
    public static void main(String[] args) {
        Path root = Paths.get(args.length > 0 ? args[0] : "src/main/java");
        Shape s = of(root);
        List<Callable> wide = s.callables().stream().filter(c -> c.parameters() > 6 && !c.canonical()).toList();
        List<SourceFile> big = s.files().stream().filter(f -> f.lines() > 250).toList();
        List<Callable> longOnes = s.callables().stream().filter(c -> c.lines() > 40).toList();
        List<RecordShape> wideRecords = s.records().stream().filter(r -> r.components() > 6).toList();
        System.out.printf("files %d, lines %d%n", s.files().size(),
                s.files().stream().mapToInt(SourceFile::lines).sum());
        System.out.printf("constructors/methods over 6 parameters (records' canonical ones counted as records): %d%n", wide.size());
        wide.forEach(c -> System.out.printf("  %3d  %s %s%n", c.parameters(), c.name(), c.where()));
        System.out.printf("records over 6 components: %d%n", wideRecords.size());
        wideRecords.forEach(r -> System.out.printf("  %3d  %s %s%n", r.components(), r.name(), r.where()));
        System.out.printf("files over 250 lines: %d%n", big.size());
        big.forEach(f -> System.out.printf("  %3d  %s%n", f.lines(), f.rel()));
        System.out.printf("methods over 40 lines: %d%n", longOnes.size());
        longOnes.forEach(c -> System.out.printf("  %3d  %s %s%n", c.lines(), c.name(), c.where()));
    }

}
