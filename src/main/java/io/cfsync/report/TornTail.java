package io.cfsync.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Cuts a half-written last line off an NDJSON file before more lines are appended to it: a crash or a full disk
 * can leave a line without its newline, and the next line appended would be glued onto it, making one invalid
 * JSON line out of two records. Stateless and thread-safe.
 */
final class TornTail {
    private static final int BLOCK = 64 * 1024;

    private TornTail() {
    }

    /** Truncates {@code file} after its last newline (to empty when it has none); returns the bytes removed. */
    static long repair(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long keep = afterLastNewline(ch, size);
            if (keep == size) {
                return 0;
            }
            ch.truncate(keep);
            ch.force(false);
            return size - keep;
        }
    }

    private static long afterLastNewline(FileChannel ch, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - BLOCK);
            buf.clear().limit((int) (end - start));
            long pos = start;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    break;
                }
                pos += n;
            }
            for (int i = buf.position() - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }
}
