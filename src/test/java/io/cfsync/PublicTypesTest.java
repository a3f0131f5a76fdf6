package io.cfsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nothing is public by accident: a public type is one another package of ours uses, or one named on the short
 * allow-list of {@link PublicTypes} (the entry point and what Kafka loads). A type only its own package uses is
 * package-private, so no caller can bypass the factory or the facade that package offers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PublicTypesTest {
    static final Path CLASSES = Paths.get("target/classes");

    @Test
    void everyPublicTypeIsUsedFromAnotherPackage() {
        assertEquals(List.of(), PublicTypes.unused(CLASSES, LayeringTest.SOURCES),
                "public, yet used by no other package: make them package-private");
    }

    @Test
    void everyAllowListEntryIsStillPublic() throws Exception {
        for (String type : PublicTypes.ALLOW.keySet()) {
            Path file = CLASSES.resolve(type.replace('.', '/') + ".class");
            assertTrue(Files.exists(file), type + " is gone: remove it from the allow-list");
            assertTrue(java.lang.reflect.Modifier.isPublic(Class.forName(type, false,
                    PublicTypesTest.class.getClassLoader()).getModifiers()), type + " is no longer public");
        }
    }
}
