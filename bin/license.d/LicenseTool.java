import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * bin/license: Ed25519 key pairs and signed licences. The signature covers the licence object in
 * canonical JSON (keys sorted, no whitespace, only '"', '\' and control characters escaped, integers
 * plain), the form licenses-service's CanonicalJson re-creates from the uploaded file.
 */
public class LicenseTool {

    private static final List<String> FEATURES = List.of("liveness", "bodies", "index", "tasks");

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage("a command: keygen or sign");
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "keygen" -> keygen(Path.of(required(options, "out")));
            case "sign" -> sign(options);
            default -> usage("unknown command '" + args[0] + "'");
        }
    }

    private static void keygen(Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        Path privateFile = dir.resolve("license-private.pem");
        Path publicFile = dir.resolve("license-public.pem");
        if (Files.exists(privateFile)) {
            fail(privateFile + " exists: refusing to replace a private key (move it away first)");
        }
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        System.err.println("license: wrote " + privateFile + " (keep it secret) and " + publicFile);
        System.err.println("license: set this public key in licenses-service (SELENE_LICENSE_PUBLIC_KEY):");
        System.out.println(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    }

    private static void sign(Map<String, String> options) throws IOException, GeneralSecurityException {
        PrivateKey key = privateKey(Path.of(required(options, "key")));
        String licensee = required(options, "licensee");
        OffsetDateTime issued = options.containsKey("issued") ? time(options.get("issued"), "--issued")
                : OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        String expires = options.getOrDefault("expires", issued.plusYears(1).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        String id = options.getOrDefault("id", "lic-" + issued.toLocalDate() + "-"
                + UUID.randomUUID().toString().substring(0, 8));

        Map<String, Object> license = new TreeMap<>();
        license.put("license_id", id);
        license.put("licensee", licensee);
        license.put("issue_time", issued.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        license.put("expiration_time", expires.equals("never") ? null
                : time(expires, "--expires").format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        String limit = options.getOrDefault("faces-limit", "none");
        if (limit.equals("none")) {
            license.put("faces_limit", null);
        } else {
            try {
                long value = Long.parseLong(limit);
                if (value < 1) {
                    throw new NumberFormatException();
                }
                license.put("faces_limit", value);
            } catch (NumberFormatException e) {
                fail("--faces-limit must be a positive integer or none, not '" + limit + "'");
            }
        }
        String list = options.getOrDefault("features", String.join(",", FEATURES));
        List<String> on = list.equals("none") ? List.of() : List.of(list.split(","));
        Map<String, Object> features = new TreeMap<>();
        for (String feature : FEATURES) {
            features.put(feature, on.contains(feature));
        }
        for (String feature : on) {
            if (!FEATURES.contains(feature)) {
                fail("unknown feature '" + feature + "'; known: " + FEATURES);
            }
        }
        license.put("features", features);

        String canonical = canonical(license);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(canonical.getBytes(StandardCharsets.UTF_8));
        String signature = Base64.getEncoder().encodeToString(signer.sign());
        String file = "{\"license\": " + canonical + ", \"signature\": \"" + signature + "\"}\n";
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), file);
            System.err.println("license: wrote licence '" + id + "' for " + licensee + " to " + options.get("out"));
        } else {
            System.out.print(file);
        }
    }

    @SuppressWarnings("unchecked")
    private static String canonical(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            for (Map.Entry<String, Object> entry : new TreeMap<>((Map<String, Object>) map).entrySet()) {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append(string(entry.getKey())).append(':').append(canonical(entry.getValue()));
            }
            return out.append('}').toString();
        }
        if (value instanceof String text) {
            return string(text);
        }
        return value.toString(); // Long, Boolean
    }

    private static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file).replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static OffsetDateTime time(String text, String option) {
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            fail(option + " must be an ISO-8601 time with offset (2027-01-01T00:00:00Z), not '" + text + "'");
            return null;
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                usage("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < rest.size()) {
                options.put(arg.substring(2), rest.get(++i));
            } else {
                usage(arg + " needs a value");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            usage("--" + name + " is required");
        }
        return value;
    }

    private static void usage(String problem) {
        fail(problem + "\nusage: bin/license keygen [--out DIR]\n"
                + "       bin/license sign --key PRIVATE.pem --licensee NAME [--id ID] [--issued TIME] "
                + "[--expires TIME|never] [--faces-limit N|none] [--features liveness,bodies,index,tasks|none] [--out FILE]");
    }

    private static void fail(String message) {
        System.err.println("license: " + message);
        System.exit(2);
    }
}
