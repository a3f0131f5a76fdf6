package io.cfsync.connect;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Reads a task's plugin metrics from the worker's MBeans, as a JMX client would. Stateless. */
final class TaskMBeans {
    private TaskMBeans() {
    }

    /** The worker's MBean of {@code connector} that has {@code attribute}, or null before it is registered. */
    static ObjectName find(MBeanServer jmx, String connector, String attribute) throws Exception {
        for (ObjectName n : jmx.queryNames(new ObjectName("kafka.connect:*"), null)) {
            if (!connector.equals(n.getKeyProperty("connector"))) {
                continue;
            }
            for (MBeanAttributeInfo a : jmx.getMBeanInfo(n).getAttributes()) {
                if (a.getName().equals(attribute)) {
                    return n;
                }
            }
        }
        return null;
    }

    static double value(MBeanServer jmx, ObjectName bean, String attribute) throws Exception {
        return ((Number) jmx.getAttribute(bean, attribute)).doubleValue();
    }
}
