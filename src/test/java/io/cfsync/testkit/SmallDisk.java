package io.cfsync.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real, tiny file system (tmpfs) for full-disk tests: writing past its size fails with "No space left on device"
 * as a full disk does. Needs root (mount); a test using it is skipped, saying why, where mounting is not allowed.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code kib} KiB on a new folder under {@code parent}. */
    public static SmallDisk mount(Path parent, int kib) throws Exception {
        Path dir = Files.createDirectories(parent.resolve("small-disk"));
        int code = run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", dir.toString());
        assumeTrue(code == 0, "full-disk test skipped: cannot mount a small tmpfs here (needs root and mount)");
        return new SmallDisk(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Fills the disk with a file so that about {@code leaveBytes} bytes stay free (tmpfs counts 4 KiB pages). */
    public void fillLeaving(long leaveBytes) throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        long fill = (free - leaveBytes) / 4096 * 4096;
        if (fill > 0) {
            Files.write(dir.resolve("filler"), new byte[(int) fill]);
        }
    }

    public void freeUp() throws Exception {
        Files.deleteIfExists(dir.resolve("filler"));
    }

    /** Unmounts; lazily when a file is still open, so a failed test never leaves a mount behind. */
    @Override
    public void close() throws Exception {
        if (run("umount", dir.toString()) != 0) {
            run("umount", "-l", dir.toString());
        }
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
