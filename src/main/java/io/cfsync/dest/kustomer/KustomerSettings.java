package io.cfsync.dest.kustomer;

import io.cfsync.dest.Settings;
import io.cfsync.dest.SettingsException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The non-secret Kustomer settings the translator and the session pre-pass need, checked once.
 *
 * @param baseUrl       API host without a trailing slash
 * @param sessionGapMillis inactivity after which an automatic session ends
 * @param hostChosen    whether the settings say where to send, as a real send needs (the US default is for
 *                      previews only)
 */
record KustomerSettings(String baseUrl, boolean advancedTransform, boolean genericPageName,
                        boolean genericScreenName, boolean identityEmail, boolean dropEmailFromMeta,
                        long sessionGapMillis, Anonymous anonymous, boolean mapCustomObject, boolean hostChosen) {
    static final String US = "https://api.kustomerapp.com";
    private static final Pattern POD = Pattern.compile("prod([0-9]+)");
    private static final Pattern ORG = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    /** What happens to track, page and screen events without a userId. */
    enum Anonymous {
        /** skipped, reason {@code anonymous} */
        SKIP("skip"),
        /** sent like identified events, the anonymousId standing in as externalId */
        EXTERNAL_ID("external-id"),
        /** sent to the tracking-id endpoint; identifies carrying both ids link the two */
        TRACKING_ID("tracking-id");

        final String wire;

        Anonymous(String wire) {
            this.wire = wire;
        }

        static Anonymous parse(String s) throws SettingsException {
            for (Anonymous a : values()) {
                if (a.wire.equals(s)) {
                    return a;
                }
            }
            // Settings already refuses other choices; this keeps the parse total on its own.
            throw new SettingsException("kustomer setting 'anonymous' must be skip, external-id or tracking-id, not '"
                    + s + "'");
        }
    }

    static KustomerSettings from(Settings s) throws SettingsException {
        int gap = s.integer("sessionGapMinutes");
        if (gap < 1) {
            throw new SettingsException("kustomer setting 'sessionGapMinutes' must be at least 1, not '"
                    + s.get("sessionGapMinutes") + "'");
        }
        return new KustomerSettings(s.baseUrl(host(s)), s.bool("advancedTransform"), s.bool("genericPageName"),
                s.bool("genericScreenName"), s.bool("identityEmail"), s.bool("dropEmailFromMeta"),
                gap * 60_000L, Anonymous.parse(s.get("anonymous")), s.bool("mapCustomObject"),
                hostChosen(s));
    }

    /** baseUrl &gt; orgName &gt; orgPod; with none of them the US pod, so a dry-run works without settings. */
    static String host(Settings s) throws SettingsException {
        String pod = podHost(s.get("orgPod"));
        String org = blankToNull(s.get("orgName"));
        if (org != null) {
            org = org.toLowerCase(Locale.ROOT);
            if (!ORG.matcher(org).matches()) {
                throw new SettingsException("kustomer setting 'orgName' must be the org's subdomain (letters, "
                        + "digits and hyphens), not '" + s.get("orgName") + "'");
            }
        }
        String base = blankToNull(s.get("baseUrl"));
        if (base != null) {
            return base;
        }
        return org != null ? "https://" + org + ".api.kustomerapp.com" : pod;
    }

    /** prod1, us or empty: the US host; eu: prod2; prodN: that pod's regional host. */
    static String podHost(String orgPod) throws SettingsException {
        String pod = orgPod == null ? "" : orgPod.trim().toLowerCase(Locale.ROOT);
        if (pod.isEmpty() || pod.equals("us") || pod.equals("prod1")) {
            return US;
        }
        if (pod.equals("eu")) {
            pod = "prod2";
        }
        Matcher m = POD.matcher(pod);
        if (!m.matches()) {
            throw new SettingsException("kustomer setting 'orgPod' must be a pod such as prod1 (US), prod2 (EU) "
                    + "or prod4 (India), not '" + orgPod + "'");
        }
        return "https://api." + pod + ".kustomerapp.com";
    }

    private static boolean hostChosen(Settings s) {
        return s.hasBaseUrlOverride() || blankToNull(s.get("baseUrl")) != null
                || blankToNull(s.get("orgName")) != null || blankToNull(s.get("orgPod")) != null;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
