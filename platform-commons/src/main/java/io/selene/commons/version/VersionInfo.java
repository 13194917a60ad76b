package io.selene.commons.version;

/** A service's version: the API number it serves and the release it runs. */
public record VersionInfo(int api, int major, int minor, int patch) {

    public static VersionInfo of(int api, String release) {
        String[] parts = release.split("[.-]");
        return new VersionInfo(api, number(parts, 0), number(parts, 1), number(parts, 2));
    }

    private static int number(String[] parts, int index) {
        if (index >= parts.length) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[index]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
