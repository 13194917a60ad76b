package io.selene.commons.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DescriptorFramesTest {

    private static final UUID A = UUID.fromString("0190f1a2-0000-7000-8000-000000000001");
    private static final UUID B = UUID.fromString("ffffffff-ffff-7fff-bfff-ffffffffffff");

    private static byte[] page(boolean end) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        DescriptorFrames.write(out, 1, A, 59, new byte[] {1, 2, 3});
        DescriptorFrames.writeUnchecked(out, Long.MAX_VALUE, B, 65, new byte[512]);
        if (end) {
            DescriptorFrames.writeEnd(out);
        }
        return bytes.toByteArray();
    }

    @Test
    void writesTheDocumentedLayoutAndReadsItBack() throws IOException {
        byte[] page = page(true);
        assertThat(page).hasSize(32 + 3 + 32 + 512 + 32);
        // key 1 BE, then the uuid's most significant bits first
        assertThat(Arrays.copyOfRange(page, 0, 10)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 0x01, (byte) 0x90);
        assertThat(Arrays.copyOfRange(page, page.length - 32, page.length)).containsOnly(0);
        try (DescriptorFrames.Reader reader = DescriptorFrames.reader(new ByteArrayInputStream(page))) {
            DescriptorFrames.Frame first = reader.next();
            assertThat(first.key()).isEqualTo(1);
            assertThat(first.id()).isEqualTo(A);
            assertThat(first.version()).isEqualTo(59);
            assertThat(first.data()).containsExactly(1, 2, 3);
            DescriptorFrames.Frame second = reader.next();
            assertThat(second.key()).isEqualTo(Long.MAX_VALUE);
            assertThat(second.id()).isEqualTo(B);
            assertThat(second.data()).hasSize(512);
            assertThat(reader.next()).isNull();
            assertThat(reader.ended()).isTrue();
            assertThat(reader.next()).isNull();
        }
        assertThat(DescriptorFrames.decode(page)).extracting(DescriptorFrames.Frame::id).containsExactly(A, B);
        assertThat(DescriptorFrames.decode(page(false))).hasSize(2);
    }

    @Test
    void aPageWithoutItsEndFrameWasCutOff() throws IOException {
        byte[] page = page(false);
        DescriptorFrames.Reader reader = DescriptorFrames.reader(new ByteArrayInputStream(page));
        reader.next();
        reader.next();
        assertThatThrownBy(reader::next).isInstanceOf(EOFException.class);
        byte[] cut = Arrays.copyOf(page, 34); // inside the first descriptor
        DescriptorFrames.Reader partial = DescriptorFrames.reader(new ByteArrayInputStream(cut));
        assertThatThrownBy(partial::next).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> DescriptorFrames.decode(cut)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnEmptyDescriptorAndACorruptLength() throws IOException {
        assertThatThrownBy(() -> DescriptorFrames.write(new DataOutputStream(new ByteArrayOutputStream()), 1, A, 1,
                new byte[0])).isInstanceOf(IllegalArgumentException.class);
        byte[] page = page(true);
        page[28] = (byte) 0x7f; // length of the first frame becomes huge
        assertThatThrownBy(() -> DescriptorFrames.reader(new ByteArrayInputStream(page)).next())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
