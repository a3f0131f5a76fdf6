package io.cfsync.connect;

import io.cfsync.report.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * cf-sync as a Kafka Connect sink: each record value is one Segment-spec event, sent to the destination named by
 * {@code cf.dest} through the same translators, retries and per-user lanes as {@code cf-sync send}. Records must be
 * keyed by user (userId, else anonymousId) so that a user's events share a partition and so a task. {@code cf.rate}
 * is the budget of the whole connector: each of the {@code tasks.max} tasks gets an equal share. Settings are
 * checked when the connector is validated and started, with the command line's messages.
 */
public final class CfSyncSinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        ConnectorConfig.parse(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CfSyncSinkTask.class;
    }

    /** {@code maxTasks} copies of the configuration, each told how many share the rate and which it is. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> out = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(ConnectorConfig.TASKS, Integer.toString(maxTasks));
            task.put(ConnectorConfig.TASK_ID, Integer.toString(i));
            out.add(task);
        }
        return out;
    }

    @Override
    public void stop() {
        // Nothing to release: the tasks hold the connections.
    }

    @Override
    public ConfigDef config() {
        return ConnectorConfig.configDef();
    }

    /** Each key's own checks, then the checks across keys (the destination's settings), shown beside the key. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        boolean clean = config.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (clean) {
            try {
                ConnectorConfig.parse(connectorConfigs);
            } catch (ConnectorConfig.BadSetting e) {
                for (ConfigValue v : config.configValues()) {
                    if (v.name().equals(e.key)) {
                        v.addErrorMessage(e.getMessage());
                    }
                }
            }
        }
        return config;
    }
}
