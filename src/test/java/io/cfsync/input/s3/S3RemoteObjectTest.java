package io.cfsync.input.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cfsync.input.InputUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reading an object from a store that cuts bodies short and may ignore {@code If-Match} or {@code Range}: the read
 * resumes from the byte it reached, and an answer that is not the rest of the listed object stops it instead of
 * being spliced in.
 */
@Timeout(10)
class S3RemoteObjectTest {
    private static final byte[] BODY = "line one\nline two\nline three\n".getBytes(StandardCharsets.UTF_8);
    private static final String TAG = "\"tag-1\"";

    /** One answer: an ETag, the bytes offered (Content-Length), and how many of them arrive before the cut. */
    private record Answer(String etag, byte[] bytes, int arrive) {
    }

    /** A store answering GETs from a script, recording each request's range and If-Match. */
    private static final class ScriptedStore implements S3Client {
        final List<Answer> script;
        final List<String> ranges = new ArrayList<>();
        final List<String> ifMatch = new ArrayList<>();

        ScriptedStore(Answer... answers) {
            script = new ArrayList<>(List.of(answers));
        }

        @Override
        public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest r) {
            ranges.add(r.range());
            ifMatch.add(r.ifMatch());
            Answer a = script.remove(0);
            GetObjectResponse resp = GetObjectResponse.builder().eTag(a.etag()).contentLength((long) a.bytes().length)
                    .build();
            InputStream cut = new ByteArrayInputStream(Arrays.copyOf(a.bytes(), a.arrive()));
            return new ResponseInputStream<>(resp, AbortableInputStream.create(cut));
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }

    private static byte[] from(int offset) {
        return Arrays.copyOfRange(BODY, offset, BODY.length);
    }

    private static S3RemoteObject object(ScriptedStore store) {
        return new S3RemoteObject(store, "b", "k.ndjson", TAG, BODY.length);
    }

    @Test
    void aBodyCutAtALineEndIsResumedFromThatByteWithTheListedTag() throws IOException {
        ScriptedStore store = new ScriptedStore(new Answer(TAG, BODY, 9), new Answer(TAG, from(9), 4),
                new Answer(TAG, from(13), BODY.length - 13));
        try (InputStream in = object(store).open()) {
            assertArrayEquals(BODY, in.readAllBytes());
        }
        assertEquals(Arrays.asList(null, "bytes=9-", "bytes=13-"), store.ranges);
        assertEquals(List.of(TAG, TAG, TAG), store.ifMatch);
    }

    @Test
    void aStoreIgnoringIfMatchThatServesAnotherVersionStopsTheRead() throws IOException {
        ScriptedStore store = new ScriptedStore(new Answer(TAG, BODY, 9), new Answer("\"tag-2\"", from(9),
                BODY.length - 9));
        try (InputStream in = object(store).open()) {
            InputUnavailableException e = assertThrows(InputUnavailableException.class, in::readAllBytes);
            assertTrue(e.getMessage().contains("s3://b/k.ndjson changed since it was listed"), e.getMessage());
        }
    }

    @Test
    void aStoreIgnoringTheRangeStopsTheReadRatherThanRepeatTheStart() throws IOException {
        ScriptedStore store = new ScriptedStore(new Answer(TAG, BODY, 9), new Answer(TAG, BODY, BODY.length));
        try (InputStream in = object(store).open()) {
            InputUnavailableException e = assertThrows(InputUnavailableException.class, in::readAllBytes);
            assertTrue(e.getMessage().contains("offered " + BODY.length + " bytes where " + (BODY.length - 9)),
                    e.getMessage());
        }
    }

    @Test
    void anObjectWhoseLengthIsNotTheListedOneIsNotRead() {
        ScriptedStore store = new ScriptedStore(new Answer(TAG, Arrays.copyOf(BODY, 20), 20));
        assertThrows(InputUnavailableException.class, () -> object(store).open());
    }

    @Test
    void resumesAreBoundedThenTheReadStopsWithTheRestUnread() throws IOException {
        List<Answer> answers = new ArrayList<>();
        answers.add(new Answer(TAG, BODY, 1));
        for (int i = 1; i <= ResumingBody.MAX_RESUMES; i++) {
            answers.add(new Answer(TAG, from(i), 1));
        }
        ScriptedStore store = new ScriptedStore(answers.toArray(new Answer[0]));
        try (InputStream in = object(store).open()) {
            InputUnavailableException e = assertThrows(InputUnavailableException.class, in::readAllBytes);
            assertTrue(e.getMessage().contains("ended the body early " + (ResumingBody.MAX_RESUMES + 1)
                    + " times, the last after " + (ResumingBody.MAX_RESUMES + 1) + " of " + BODY.length + " bytes"),
                    e.getMessage());
        }
        assertEquals(ResumingBody.MAX_RESUMES + 1, store.ranges.size());
    }
}
