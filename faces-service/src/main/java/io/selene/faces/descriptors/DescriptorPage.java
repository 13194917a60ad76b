package io.selene.faces.descriptors;

/**
 * One page of the bulk descriptor read, already encoded: {@code frames} holds {@code count} binary
 * frames; {@code lastKey}/{@code lastVersion} is the key of the last one (null when empty).
 */
public record DescriptorPage(byte[] frames, int count, Long lastKey, Integer lastVersion) {
}
