package io.cfsync.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one case, to fill a file system for real (needs root; where mounting is not permitted,
 * {@link #mount} returns null and the caller skips). Filled with a filler file, freed by deleting it. Always
 * {@link #close} it: it unmounts (lazily, so a child still holding a file cannot keep it mounted).
 */
final class Tmpfs implements AutoCloseable {
    private final Path dir;
    private final Path filler;

    private Tmpfs(Path dir) {
        this.dir = dir;
        this.filler = dir.resolve("filler.bin");
    }

    /** Mounts a tmpfs of {@code kib} KiB at {@code dir} (created), or returns null (with why on {@code why[0]}). */
    static Tmpfs mount(Path dir, int kib, String[] why) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            why[0] = "mounting a tmpfs is not permitted here (" + out + ")";
            return null;
        }
        return new Tmpfs(dir);
    }

    Path dir() {
        return dir;
    }

    /** Fills the file system to the last block with a filler file. */
    void fill() throws IOException {
        long most = Files.getFileStore(dir).getTotalSpace();
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (long written = 0; written <= most; written += chunk.length) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // no space left: what we want
        }
    }

    /** Deletes the filler: the space is back. */
    void release() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("umount", "-l", dir.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(20, TimeUnit.SECONDS);
    }
}
