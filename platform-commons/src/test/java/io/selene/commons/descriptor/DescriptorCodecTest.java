package io.selene.commons.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;

import io.selene.commons.error.LunaException;
import org.junit.jupiter.api.Test;

class DescriptorCodecTest {

    private static float[] vector(long seed) {
        Random random = new Random(seed);
        float[] values = new float[512];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Test
    void rawAndSdkRoundTripBitExactly() {
        float[] values = vector(1);
        DescriptorCodec.Descriptor descriptor = new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, values);

        assertThat(descriptor.raw()).hasSize(2048);
        assertThat(DescriptorCodec.decodeRawBase64(descriptor.rawBase64(), 201).values()).containsExactly(values);
        DescriptorCodec.Descriptor fromSdk = DescriptorCodec.fromSdkBase64(descriptor.sdkBase64());
        assertThat(fromSdk.version()).isEqualTo(DescriptorVersion.FACE_FP512);
        assertThat(fromSdk.values()).containsExactly(values);
    }

    @Test
    void sdkDescriptorCarriesTheVersionAtBytesFourToEightLittleEndian() {
        byte[] sdk = new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, vector(2)).sdk();
        assertThat(Arrays.copyOfRange(sdk, 0, 4)).isEqualTo(new byte[] {'S', 'L', 'D', 'S'});
        assertThat(sdk[4] & 0xff | (sdk[5] & 0xff) << 8).isEqualTo(201);
        assertThat(sdk).hasSize(12 + 2048);
    }

    @Test
    void refusesUnknownVersionWrongLengthBadSignatureAndBadBase64() {
        byte[] raw = new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, vector(3)).raw();
        assertCode(() -> DescriptorCodec.decodeRaw(raw, 59), 12050);
        assertCode(() -> DescriptorCodec.decodeRaw(Arrays.copyOf(raw, 512), 201), 12051);
        byte[] sdk = new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, vector(3)).sdk();
        sdk[0] = 'X';
        assertCode(() -> DescriptorCodec.fromSdk(sdk), 12052);
        assertCode(() -> DescriptorCodec.fromSdk(new byte[5]), 12052);
        assertCode(() -> DescriptorCodec.decodeRawBase64("***", 201), 12053);
        float[] withNaN = vector(4);
        withNaN[7] = Float.NaN;
        assertCode(() -> DescriptorCodec.decodeRaw(DescriptorCodec.encodeRaw(withNaN), 201), 12051);
    }

    private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(LunaException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.status().value()).isEqualTo(400);
        });
    }

    @Test
    void descriptorsWithoutADirectionAreRefused() {
        float[] tiny = new float[512];
        Arrays.fill(tiny, 1e-45f);
        for (float[] values : new float[][] {new float[512], tiny}) {
            assertThatThrownBy(() -> DescriptorCodec.decodeRaw(DescriptorCodec.encodeRaw(values), 201))
                    .isInstanceOf(LunaException.class).hasMessageContaining("12055");
        }
        assertThat(Similarity.fromCosine(Double.NaN)).isZero();
    }
}
