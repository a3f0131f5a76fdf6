import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

/**
 * Writes a deterministic corpus of realistic Segment-spec events (NDJSON, about 900 bytes a line) to stdout, for
 * cf-sync's benchmarks. Usage: java GenCorpus.java COUNT [SEED] [USERS]. Same arguments, same bytes.
 * Type mix: identify 20%, track 54.5%, page 15%, screen 7%, group 3%, alias 0.5%; ~15% anonymous client events;
 * ~5% of user ids are e-mail addresses; nested objects, arrays, nulls, escapes and non-ASCII text in properties.
 */
public final class GenCorpus {
    private static final String[] EVENTS = {"Product Viewed", "Product Added", "Products Searched", "Cart Viewed",
        "Checkout Started", "Order Completed", "Signed Up", "Signed In", "Trial Started", "Subscription Upgraded",
        "Invite Sent", "Feature Used", "Video Playback Started", "Email Opened", "Support Ticket Created"};
    private static final String[] PLANS = {"free", "starter", "pro", "business", "enterprise"};
    private static final String[] FIRST = {"Lena", "Kim", "Ola", "Ana", "José", "Zoë", "Mei", "Omar", "Ivan", "Sofia"};
    private static final String[] LAST = {"Berg", "Ng", "Nordmann", "García", "Müller", "O'Neil", "Tanaka", "Haddad"};
    private static final String[] PAGES = {"Home", "Pricing", "Docs", "Blog", "Checkout", "Cart", "Product", "Search"};
    private static final String[] SCREENS = {"Home", "Settings", "Checkout", "Profile", "Feed", "Search"};
    private static final String[] LOCALES = {"en-US", "nb-NO", "de-DE", "fr-FR", "ja-JP", "es-ES"};

    private final Random rnd;
    private final int users;
    private long clock = Instant.parse("2024-01-15T00:00:00Z").toEpochMilli();
    private final StringBuilder sb = new StringBuilder(2048);

    private GenCorpus(long seed, int users) {
        this.rnd = new Random(seed);
        this.users = users;
    }

    public static void main(String[] args) throws IOException {
        long count = Long.parseLong(args[0]);
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        GenCorpus g = new GenCorpus(seed, users);
        try (OutputStream out = new BufferedOutputStream(System.out, 1 << 16)) {
            for (long i = 0; i < count; i++) {
                out.write(g.next().getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        }
    }

    private String uuid() {
        return new java.util.UUID(rnd.nextLong(), rnd.nextLong()).toString();
    }

    private String userId(int u) {
        switch (u % 20) {
            case 0: return "user" + u + "@example.com";
            case 1: case 2: case 3: return Integer.toString(100000 + u);
            default: return "usr_" + Integer.toString(u * 7919 + 1000003, 36);
        }
    }

    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString().replaceFirst("(\\.\\d{3})?Z$", "") + String.format(".%03dZ", ms % 1000);
    }

    private void str(String k, String v) {
        sb.append('"').append(k).append("\":");
        if (v == null) {
            sb.append("null");
        } else {
            sb.append('"');
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '"' || c == '\\') {
                    sb.append('\\').append(c);
                } else if (c == '\n') {
                    sb.append("\\n");
                } else {
                    sb.append(c);
                }
            }
            sb.append('"');
        }
        sb.append(',');
    }

    private void num(String k, Object v) {
        sb.append('"').append(k).append("\":").append(v).append(',');
    }

    private void close(char c) {
        if (sb.charAt(sb.length() - 1) == ',') {
            sb.setLength(sb.length() - 1);
        }
        sb.append(c);
    }

    private String next() {
        sb.setLength(0);
        clock += 1 + (long) (-Math.log(1 - rnd.nextDouble()) * 100);
        int u = (int) Math.min(users - 1, Math.abs(rnd.nextGaussian()) * users / 3);
        double r = rnd.nextDouble() * 100;
        String type = r < 20 ? "identify" : r < 74.5 ? "track" : r < 89.5 ? "page" : r < 96.5 ? "screen"
                : r < 99.5 ? "group" : "alias";
        boolean anonymous = !type.equals("identify") && !type.equals("alias") && !type.equals("group")
                && rnd.nextInt(100) < 15;
        boolean mobile = type.equals("screen") || rnd.nextInt(10) == 0;
        sb.append('{');
        str("type", type);
        str("messageId", uuid());
        str("anonymousId", "anon-" + Integer.toString(u * 31 + 7, 16) + "-" + uuid().substring(0, 8));
        if (!anonymous) {
            str("userId", userId(u));
        }
        str("channel", mobile ? "mobile" : "client");
        long ts = clock;
        str("originalTimestamp", iso(ts - 40));
        str("timestamp", iso(ts));
        str("sentAt", iso(ts + 10));
        str("receivedAt", iso(ts + 35));
        num("version", 2);
        sb.append("\"context\":{");
        sb.append("\"library\":{\"name\":\"").append(mobile ? "analytics-ios" : "analytics.js")
                .append("\",\"version\":\"4.1.").append(u % 9).append("\"},");
        str("ip", "203.0.113." + (u % 250));
        str("locale", LOCALES[u % LOCALES.length]);
        str("userAgent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/12" + (u % 10)
                + ".0 Safari/537.36");
        if (mobile) {
            sb.append("\"device\":{\"id\":\"").append(uuid()).append("\",\"model\":\"iPhone14,").append(u % 8)
                    .append("\",\"type\":\"ios\",\"token\":\"tok-").append(u).append("\"},");
            sb.append("\"os\":{\"name\":\"iOS\",\"version\":\"17.").append(u % 5).append("\"},");
        } else {
            String page = PAGES[rnd.nextInt(PAGES.length)];
            sb.append("\"page\":{\"path\":\"/").append(page.toLowerCase()).append("\",\"referrer\":\"https://www.example.com/\",")
                    .append("\"title\":\"").append(page).append(" – Shop\",\"url\":\"https://shop.example.com/")
                    .append(page.toLowerCase()).append("\"},");
        }
        close('}');
        sb.append(',');
        switch (type) {
            case "identify": traits(u); break;
            case "track": track(); break;
            case "page": page(); break;
            case "screen": screen(); break;
            case "group": group(u); break;
            default: str("previousId", "anon-" + Integer.toString(u * 31 + 7, 16));
        }
        close('}');
        return sb.toString();
    }

    private void traits(int u) {
        String first = FIRST[u % FIRST.length];
        String last = LAST[u % LAST.length];
        sb.append("\"traits\":{");
        str("email", first.toLowerCase().replace("é", "e").replace("ë", "e") + "." + u + "@example.org");
        str("name", first + " " + last);
        str("firstName", first);
        str("lastName", last);
        str("plan", PLANS[u % PLANS.length]);
        str("createdAt", iso(1_600_000_000_000L + u * 86_400_000L));
        sb.append("\"company\":{\"id\":\"co-").append(u % 400).append("\",\"name\":\"Company ").append(u % 400)
                .append("\",\"industry\":\"Software\",\"employee_count\":").append(10 + u % 900).append("},");
        num("logins", rnd.nextInt(500));
        if (rnd.nextBoolean()) {
            str("title", "Head of \"Growth\"");
            str("phone", rnd.nextInt(4) == 0 ? null : "+47 9" + (1000000 + u));
            sb.append("\"address\":{\"street\":\"Storgata ").append(u % 90).append("\",\"city\":\"Oslo\",")
                    .append("\"postalCode\":\"0155\",\"country\":\"NO\"},");
            sb.append("\"preferences\":{\"newsletter\":").append(rnd.nextBoolean()).append(",\"theme\":\"dark\"},");
            sb.append("\"tags\":[\"beta\",\"vip\"],");
            num("lifetime_value", rnd.nextInt(100000) / 100.0);
            num("is_admin", rnd.nextBoolean());
            num("seats", 1 + rnd.nextInt(50));
        }
        close('}');
        sb.append(',');
    }

    private void track() {
        String ev = EVENTS[rnd.nextInt(EVENTS.length)];
        str("event", ev);
        sb.append("\"properties\":{");
        str("order_id", "ord-" + rnd.nextInt(1_000_000));
        num("revenue", rnd.nextInt(100000) / 100.0);
        str("currency", "EUR");
        str("coupon", rnd.nextInt(3) == 0 ? null : "SPRING\"24");
        num("gift", rnd.nextBoolean());
        str("note", "Ønsker levering før kl. 12\nTakk!");
        sb.append("\"products\":[{\"sku\":\"sku-").append(rnd.nextInt(999)).append("\",\"price\":19.99,\"quantity\":")
                .append(1 + rnd.nextInt(3)).append("},{\"sku\":\"sku-").append(rnd.nextInt(999))
                .append("\",\"price\":5.5,\"quantity\":1}],");
        sb.append("\"billing\":{\"city\":\"Bergen\",\"country\":\"NO\"},");
        sb.append("\"experiment\":{\"id\":\"exp-").append(rnd.nextInt(20)).append("\",\"variant\":\"b\"},");
        sb.append("\"tags\":[\"spring\",\"sale\"],");
        close('}');
        sb.append(',');
    }

    private void page() {
        String p = PAGES[rnd.nextInt(PAGES.length)];
        str("name", p);
        sb.append("\"properties\":{");
        str("path", "/" + p.toLowerCase());
        str("referrer", "https://www.example.com/blog/post-" + rnd.nextInt(100));
        str("title", p + " – Shop");
        str("url", "https://shop.example.com/" + p.toLowerCase() + "?utm_source=news");
        str("search", "?q=blue+shoes");
        close('}');
        sb.append(',');
    }

    private void screen() {
        String s = SCREENS[rnd.nextInt(SCREENS.length)];
        str("name", s);
        sb.append("\"properties\":{");
        str("screen_class", s + "ViewController");
        str("previous_screen", SCREENS[rnd.nextInt(SCREENS.length)]);
        num("load_time_ms", rnd.nextInt(900));
        close('}');
        sb.append(',');
    }

    private void group(int u) {
        str("groupId", "co-" + (u % 400));
        sb.append("\"traits\":{");
        str("name", "Company " + (u % 400));
        str("industry", "Software");
        num("employees", 10 + u % 900);
        str("plan", PLANS[u % PLANS.length]);
        str("website", "https://co" + (u % 400) + ".example.com");
        close('}');
        sb.append(',');
    }
}
