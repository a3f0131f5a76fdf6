package io.cfsync.connect;

import io.cfsync.report.Version;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Connect REST extension (worker setting {@code rest.extension.classes=io.cfsync.connect.LiteralSecretWarning})
 * that warns, once per connector and key, when a cf-sync connector is created or configured with a secret setting
 * given literally instead of through a config provider: Connect shows such a value in its REST API and keeps it as
 * is in its config topic. Only a REST extension can tell: Connect resolves references before the connector sees
 * its config. The warning names the connector and the key, never the value, and goes to the worker's log beside
 * the tasks' lines (standard error); it is written only once Connect has accepted the config. The filter never
 * fails or holds up a request: the body is read, handed on unchanged, and any trouble is a debug line. Requests
 * forwarded between workers carry {@code forward} and are left to the worker that took them from the user.
 * Thread-safe: Connect's REST threads share one filter.
 */
public final class LiteralSecretWarning implements ConnectRestExtension {
    private static final Logger LOG = LoggerFactory.getLogger(LiteralSecretWarning.class);
    private static final String FOUND = LiteralSecretWarning.class.getName() + ".found";

    /** "connector\0key" for each warning given. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    @Override
    public void configure(Map<String, ?> configs) {
        // Nothing to set: the secret keys come from the destinations themselves.
    }

    @Override
    public void register(ConnectRestExtensionContext restPluginContext) {
        restPluginContext.configurable().register(new Filter());
    }

    @Override
    public void close() {
        // Nothing held.
    }

    @Override
    public String version() {
        return Version.get();
    }

    /** Notes the literal secrets of a request; warns about them when Connect's answer says it took the config. */
    private final class Filter implements ContainerRequestFilter, ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getUriInfo().getQueryParameters().containsKey("forward") || !request.hasEntity()) {
                return;
            }
            InputStream original = request.getEntityStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            try {
                original.transferTo(read);
                request.setEntityStream(new ByteArrayInputStream(read.toByteArray()));
                List<String> path = request.getUriInfo().getPathSegments().stream().map(PathSegment::getPath)
                        .filter(s -> !s.isEmpty()).toList();
                LiteralSecrets.Found found = LiteralSecrets.find(request.getMethod(), path, read.toByteArray());
                if (found != null) {
                    request.setProperty(FOUND, found);
                }
            } catch (Exception | LinkageError e) {
                // What was read goes back in front of what was not, so Connect answers as it would have.
                request.setEntityStream(new SequenceInputStream(new ByteArrayInputStream(read.toByteArray()),
                        original));
                // The class only: a parser's message may quote the body, secrets and all.
                LOG.debug("cf-sync: could not check a request for literal secrets ({})", e.getClass().getName());
            }
        }

        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            try {
                if (request.getProperty(FOUND) instanceof LiteralSecrets.Found found
                        && response.getStatusInfo().getFamily() == Response.Status.Family.SUCCESSFUL) {
                    warn(found);
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("cf-sync: could not warn about literal secrets ({})", e.getClass().getName());
            }
        }
    }

    private void warn(LiteralSecrets.Found found) {
        String connector = found.connector().replaceAll("\\p{Cntrl}", "?");
        for (String key : found.keys()) {
            if (warned.add(connector + '\0' + key)) {
                System.err.println("cf-sync: warning: connector '" + connector + "': " + key + " is given "
                        + "literally, so Connect shows it in its REST API and keeps it in its config topic; give it "
                        + "through a config provider instead, e.g. " + key + "=${file:/etc/kafka/secrets.properties:"
                        + key + "} with config.providers=file on the worker");
            }
        }
    }
}
