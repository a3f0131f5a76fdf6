package io.cfsync.input.s3;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What went wrong with S3, in words for people: the service's status and error code, or the client's trouble
 * (no credentials, unreachable endpoint) without the library's class names. Never holds credentials: the SDK's
 * messages name where it looked for them, not what it found. Stateless.
 */
final class S3Words {
    private S3Words() {
    }

    static String of(SdkException e, String endpoint) {
        if (e instanceof AwsServiceException s) {
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            int status = s.statusCode();
            String hint = status == 403 ? " (access denied: check the credentials and the bucket's policy)"
                    : status == 404 ? " (no such bucket or key)"
                    : status == 412 ? " (the object changed since it was listed: run again)" : "";
            return "HTTP " + status + (code == null ? "" : " " + code) + hint;
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("Unable to load credentials")) {
            return "no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or "
                    + "run where an instance role applies)";
        }
        Throwable cause = e.getCause();
        if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException) {
            return "cannot reach " + (endpoint == null ? "S3" : endpoint) + " (" + plain(cause.getMessage()) + ")";
        }
        return plain(m);
    }

    /** A message without Java class names, cut at its first sentence's end when it runs long. */
    static String plain(String m) {
        if (m == null) {
            return "unknown error";
        }
        String t = m.replaceAll("\\b(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?::\\s*)?", "")
                .replaceAll("\\b[A-Z][\\w$]*(?:Exception|Error|Provider)\\b(?:\\(\\))?(?::\\s*)?", "")
                .replaceAll("\\s+", " ").trim();
        int dot = t.indexOf(". ");
        return t.length() > 200 && dot > 0 ? t.substring(0, dot + 1) : t;
    }
}
