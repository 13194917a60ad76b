package io.selene.launcher;

import java.util.Random;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorVersion;

/** Descriptor items of {@code /1/matcher/raw} from random vectors: enough to exercise limits and scans. */
public final class RandomDescriptors {

    private RandomDescriptors() {
    }

    public static String item(String id, Random random) {
        float[] vector = new float[512];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return "{\"id\": \"" + id + "\", \"type\": \"sdk_descriptor\", \"data\": \""
                + new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, vector).sdkBase64() + "\"}";
    }
}
