import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * The yardstick for scripts/bench-dry-run: a plain single-threaded Jackson pass over the same corpus (read each
 * line, parse it to a tree, build a small request object from it, write it as one NDJSON line), with no
 * validation. Usage: java -cp cf-sync.jar JacksonBaseline.java FILE > /dev/null
 */
public final class JacksonBaseline {
    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        long n = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(Paths.get(args[0])),
                StandardCharsets.UTF_8), 1 << 16);
             OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
             JsonGenerator gen = mapper.getFactory().createGenerator(out)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode e = mapper.readTree(line);
                ObjectNode req = mapper.createObjectNode();
                req.put("method", "POST");
                req.put("url", "https://track.customer.io/api/v1/customers/" + e.path("userId").asText() + "/events");
                ObjectNode body = req.putObject("body");
                body.put("name", e.path("event").asText(e.path("name").asText()));
                body.set("data", e.path("properties"));
                body.put("timestamp", e.path("timestamp").asText());
                mapper.writeTree(gen, req);
                gen.writeRaw('\n');
                n++;
            }
        }
        System.err.println("jackson-baseline events " + n);
    }
}
