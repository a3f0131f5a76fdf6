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
 * is the budget of the whole connector: each of the {@code tasks.max} tasks starts with an equal share, and the
 * split then follows the partitions the tasks hold ({@link TaskShares}). Settings are checked when the connector is
 * validated and started, with the command line's messages.
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

    /**
     * Each key's own checks (Connect's types), then every check of the command line: each mistake is shown beside
     * its own key, all in one answer. A key whose type is already wrong gets no second message.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, Object> values = new HashMap<>();
        Map<String, ConfigValue> byKey = new HashMap<>();
        for (ConfigValue v : config.configValues()) {
            byKey.put(v.name(), v);
            if (v.errorMessages().isEmpty()) {
                values.put(v.name(), v.value());
            }
        }
        ConnectorConfig.problems(values).forEach((key, message) -> {
            ConfigValue v = byKey.get(key);
            if (v != null && v.errorMessages().isEmpty()) {
                v.addErrorMessage(message);
            }
        });
        return config;
    }
}
