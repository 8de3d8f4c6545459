package dev.scafctl.catalog.testing;

import dev.scafctl.catalog.local.LocalCatalog;
import dev.scafctl.catalog.oci.Descriptor;
import dev.scafctl.catalog.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A solution as {@code scafctl build solution} stores it by default: the deduplicated v2 bundle of
 * pkg/catalog/local.go {@code StoreDedup} (layer 0 the solution YAML, layer 1 the bundle manifest JSON, layer 2 the
 * small files' tar, layers 3+ one blob per large file; media types from pkg/catalog/media_types.go), the config blob
 * scafctl marshals ({@code kind, name, version, createdAt, annotations}), the annotations it writes (type, name,
 * version, created, {@code dev.scafctl.artifact.origin: built}, no {@code dev.scafctl.solution.requires}) on the
 * manifest and on its index.json entry, written in Go's field order.
 */
public final class ScafctlBuiltSolution {

    public static final String YAML = "application/vnd.scafctl.solution.v1+yaml";
    public static final String BUNDLE_MANIFEST = "application/vnd.scafctl.solution.bundle-manifest.v2+json";
    public static final String SMALL_TAR = "application/vnd.scafctl.solution.bundle-small.v2+tar";
    public static final String BLOB = "application/vnd.scafctl.solution.bundle-blob.v2+octet-stream";

    private ScafctlBuiltSolution() {}

    /** Stores {@code name@version} with {@code solutionYaml} as layer 0 and a v2 bundle of one small and one large file. */
    public static Descriptor store(LocalCatalog catalog, String name, String version, String solutionYaml) {
        String created = "2026-05-02T10:00:00Z";
        TreeMap<String, String> annotations = new TreeMap<>();
        annotations.put("dev.scafctl.artifact.name", name);
        annotations.put("dev.scafctl.artifact.origin", "built");
        annotations.put("dev.scafctl.artifact.type", "solution");
        annotations.put("org.opencontainers.image.created", created);
        annotations.put("org.opencontainers.image.source", "https://github.com/acme/" + name);
        annotations.put("org.opencontainers.image.version", version);
        String annotationsJson = json(annotations);

        List<Descriptor> layers = new ArrayList<>();
        layers.add(catalog.putBlob(YAML, bytes(solutionYaml)));
        byte[] large = bytes("large file\n".repeat(1000));
        layers.add(catalog.putBlob(BUNDLE_MANIFEST, bytes("{\"version\":2,\"root\":\".\",\"files\":[{\"path\":\"small.txt\","
                + "\"size\":6,\"inSmallTar\":true},{\"path\":\"large.txt\",\"size\":" + large.length + ",\"digest\":\""
                + Digest.of(large) + "\"}]}")));
        layers.add(catalog.putBlob(SMALL_TAR, smallTar()));
        layers.add(catalog.putBlob(BLOB, large));
        Descriptor config = catalog.putBlob("application/vnd.scafctl.solution.config.v1+json", bytes("{\"annotations\":"
                + annotationsJson + ",\"createdAt\":\"" + created + "\",\"kind\":\"solution\",\"name\":\"" + name
                + "\",\"version\":\"" + version + "\"}"));
        StringBuilder manifest = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":" + descriptor(config) + ",\"layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            manifest.append(i == 0 ? "" : ",").append(descriptor(layers.get(i)));
        }
        manifest.append("],\"annotations\":").append(annotationsJson).append('}');
        Descriptor stored = catalog.putBlob("application/vnd.oci.image.manifest.v1+json", bytes(manifest.toString()));
        Descriptor entry = new Descriptor(stored.mediaType(), stored.digest(), stored.size(), annotations, null);
        catalog.tag("solution/" + name + ":" + version, entry);
        return entry;
    }

    private static String descriptor(Descriptor d) {
        return "{\"mediaType\":\"" + d.mediaType() + "\",\"digest\":\"" + d.digest() + "\",\"size\":" + d.size() + "}";
    }

    private static String json(TreeMap<String, String> map) {
        StringBuilder json = new StringBuilder("{");
        map.forEach((k, v) -> json.append(json.length() == 1 ? "" : ",").append('"').append(k).append("\":\"").append(v).append('"'));
        return json.append('}').toString();
    }

    /** A tar of {@code small.txt} (ustar, one 512-byte header, the content padded, two zero blocks). */
    private static byte[] smallTar() {
        byte[] tar = new byte[512 * 4];
        byte[] header = new byte[512];
        put(header, 0, "small.txt");
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", 6));
        put(header, 136, String.format("%011o", 0));
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[155] = ' ';
        System.arraycopy(header, 0, tar, 0, 512);
        put(tar, 512, "small\n");
        return tar;
    }

    private static void put(byte[] target, int offset, String text) {
        byte[] b = bytes(text);
        System.arraycopy(b, 0, target, offset, b.length);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
