package io.cfsync.input.s3;

import io.cfsync.input.Inputs;
import java.net.URI;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 client: credentials and region from the standard AWS chain (environment, profile, instance role),
 * the JDK's HTTP client. With an endpoint (an S3-compatible store: MinIO, R2, GCS interop), requests use
 * path-style addresses and checksums only where an operation requires them, as those stores expect. Without a
 * region anywhere, {@code us-east-1} with cross-region access: S3 then finds the bucket's own region. The proxy
 * and trust are the caller's ({@link Inputs.Reach}); a proxy's login also serves tunnels ({@link ProxyLogin}).
 * Stateless apart from that login.
 */
final class S3Clients {
    private static final Region FALLBACK = Region.US_EAST_1;

    private S3Clients() {
    }

    static S3Client create(String endpoint, Inputs.Reach reach) {
        S3ClientBuilder b = S3Client.builder().httpClientBuilder(http(reach));
        Region region = region();
        if (endpoint != null) {
            b.endpointOverride(URI.create(endpoint))
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .region(region == null ? FALLBACK : region);
        } else {
            b.region(region == null ? FALLBACK : region).crossRegionAccessEnabled(region == null);
        }
        return b.build();
    }

    /**
     * The HTTP client, through the proxy the caller chose (its variables already read, NO_PROXY applied: the SDK
     * must not read them again by rules of its own) and trusting what the caller trusts.
     */
    private static UrlConnectionHttpClient.Builder http(Inputs.Reach reach) {
        ProxyConfiguration.Builder proxy = ProxyConfiguration.builder().useSystemPropertyValues(false)
                .useEnvironmentVariablesValues(false);
        if (reach.proxy() != null) {
            // Not the login: the SDK would add it as a header to every request, which on a tunnel goes to the S3
            // endpoint, not the proxy. The JDK answers the proxy's challenge itself, on tunnels too.
            proxy.endpoint(reach.proxy());
            ProxyLogin.offer(reach.proxy(), reach.proxyUser(), reach.proxyPassword());
        }
        UrlConnectionHttpClient.Builder b = UrlConnectionHttpClient.builder().proxyConfiguration(proxy.build());
        if (reach.trust() != null) {
            b.tlsTrustManagersProvider(() -> new TrustManager[] {reach.trust()});
        }
        return b;
    }

    private static Region region() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return null; // no region configured: the fallback applies
        }
    }
}
