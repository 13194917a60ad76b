package io.selene.vision.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

import io.selene.vision.image.ImageRejectedException.Reason;

/**
 * Bytes → {@link RgbImage}. Refuses before decoding what must not be decoded: no bytes, too many
 * bytes, an unknown format, and a header declaring more pixels than the budget (a 50000×50000 PNG
 * of a few hundred bytes would otherwise take 7.5 GB). Then decodes, reads grey images from the
 * raster (ImageIO's colour conversion would brighten them: vision pitfall 1), lets the
 * TwelveMonkeys JPEG reader handle CMYK/YCCK, and applies the EXIF orientation (pitfall 10).
 */
public final class ImageDecoder {

    /** Limits of one decoder; see {@code vision-engine/README.md}. */
    public record Limits(long maxBytes, long maxPixels, int minSide) {

        public static final Limits DEFAULT = new Limits(32L * 1024 * 1024, 40_000_000L, 20);
    }

    static {
        // Plugins on the class path of the current loader (TwelveMonkeys), also inside a Boot jar.
        ImageIO.scanForPlugins();
        // Decode from memory, never through temporary files.
        ImageIO.setUseCache(false);
    }

    /**
     * The image formats Selene accepts, decided once: ImageIO's format name → the Content-Type Image Store keeps
     * it under (its {@code /1/buckets/.../images} accepts each of these). ImageIO reads more (GIF, WBMP); those
     * are refused as unsupported, so an image that is analysed can always be stored as it came (issue #13).
     */
    public static final Map<String, String> FORMATS = Map.of("jpeg", "image/jpeg", "png", "image/png",
            "bmp", "image/bmp", "webp", "image/webp", "tif", "image/tiff", "tiff", "image/tiff");

    private static final String SUPPORTED = "supported: JPEG, PNG, BMP, WebP, TIFF";

    private final Limits limits;

    public ImageDecoder(Limits limits) {
        this.limits = limits;
    }

    /** The Content-Type of an image in one of {@link #FORMATS} (from its header), or null for anything else. */
    public static String contentType(byte[] bytes) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            return readers.hasNext()
                    ? FORMATS.get(readers.next().getFormatName().toLowerCase(java.util.Locale.ROOT)) : null;
        } catch (IOException e) {
            return null;
        }
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Format and decoded pixels; {@code subsampling} > 1 when every n-th pixel was read, and
     * {@code fullWidth × fullHeight} the size at full resolution (after EXIF orientation).
     */
    public record Decoded(String format, RgbImage image, int subsampling, int fullWidth, int fullHeight) {
    }

    public Decoded decode(byte[] bytes) {
        return decode(bytes, 1);
    }

    /**
     * Decodes; {@code subsampling > 1} reads every n-th pixel of every n-th row (a cheaper decode
     * for a preview, measured in the vision benchmark).
     */
    public Decoded decode(byte[] bytes, int subsampling) {
        return decode(bytes, (width, height) -> subsampling);
    }

    /** Decodes with a subsampling chosen from the header's width and height. */
    public Decoded decode(byte[] bytes, java.util.function.IntBinaryOperator chooseSubsampling) {
        if (bytes == null || bytes.length == 0) {
            throw new ImageRejectedException(Reason.EMPTY, "Image is empty");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new ImageRejectedException(Reason.TOO_MANY_BYTES,
                    "Image has " + bytes.length + " bytes, more than the limit of " + limits.maxBytes());
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT,
                        "Unknown image format (" + SUPPORTED + ")");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                String format = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
                if (!FORMATS.containsKey(format)) {
                    throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT, "Unsupported image format "
                            + format.toUpperCase(java.util.Locale.ROOT) + " (" + SUPPORTED + ")");
                }
                int width;
                int height;
                try {
                    width = reader.getWidth(0);
                    height = reader.getHeight(0);
                } catch (IOException | RuntimeException e) {
                    throw new ImageRejectedException(Reason.CORRUPT, "Cannot read the " + format + " header", e);
                }
                checkSize(width, height);
                AtomicBoolean truncated = new AtomicBoolean();
                reader.addIIOReadWarningListener(truncationListener(truncated));
                ImageReadParam param = reader.getDefaultReadParam();
                int subsampling = Math.max(1, chooseSubsampling.applyAsInt(width, height));
                if (subsampling > 1) {
                    param.setSourceSubsampling(subsampling, subsampling, 0, 0);
                }
                BufferedImage image;
                try {
                    image = reader.read(0, param);
                } catch (IOException | RuntimeException e) {
                    throw new ImageRejectedException(Reason.CORRUPT, "Cannot decode the " + format + " image: "
                            + e.getMessage(), e);
                }
                if (truncated.get()) {
                    throw new ImageRejectedException(Reason.CORRUPT, "The " + format + " image is truncated");
                }
                RgbImage rgb = toRgb(image);
                int orientation = isJpeg(bytes) ? Exif.orientation(bytes) : 1;
                rgb = Exif.orient(rgb, orientation);
                boolean swapped = orientation >= 5;
                return new Decoded(format, rgb, subsampling, swapped ? height : width, swapped ? width : height);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new ImageRejectedException(Reason.CORRUPT, "Cannot read the image: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            // Within the pixel budget this should not happen; refuse the image rather than the service.
            throw new ImageRejectedException(Reason.TOO_MANY_PIXELS, "Not enough memory to decode the image");
        }
    }

    private void checkSize(int width, int height) {
        if ((long) width * height > limits.maxPixels()) {
            throw new ImageRejectedException(Reason.TOO_MANY_PIXELS, "Image of " + width + "x" + height
                    + " pixels is larger than the limit of " + limits.maxPixels() + " pixels");
        }
        if (Math.min(width, height) < limits.minSide()) {
            throw new ImageRejectedException(Reason.TOO_SMALL, "Image of " + width + "x" + height
                    + " pixels is smaller than " + limits.minSide() + " pixels on a side");
        }
    }

    private static IIOReadWarningListener truncationListener(AtomicBoolean truncated) {
        return (source, warning) -> {
            if (warning != null && warning.toLowerCase(java.util.Locale.ROOT).contains("premature end")) {
                truncated.set(true);
            }
        };
    }

    private static boolean isJpeg(byte[] bytes) {
        return bytes.length > 3 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xD8;
    }

    /** Pixels as 8-bit RGB without colour-space conversion of grey images. */
    static RgbImage toRgb(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        byte[] out = new byte[width * height * 3];
        Raster raster = image.getRaster();
        ColorSpace space = image.getColorModel().getColorSpace();
        if (space.getType() == ColorSpace.TYPE_GRAY && raster.getNumBands() <= 2) {
            // Raw grey samples (pitfall 1): replicate band 0 into R, G and B.
            int bits = image.getColorModel().getComponentSize(0);
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                int at = y * width * 3;
                for (int x = 0; x < width; x++) {
                    int v = bits > 8 ? row[x] >>> (bits - 8) : bits < 8 ? row[x] * 255 / ((1 << bits) - 1) : row[x];
                    byte b = (byte) v;
                    out[at++] = b;
                    out[at++] = b;
                    out[at++] = b;
                }
            }
            return new RgbImage(width, height, out);
        }
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && raster.getSampleModel() instanceof ComponentSampleModel model
                && model.getPixelStride() == 3 && model.getScanlineStride() == width * 3
                && raster.getDataBuffer() instanceof DataBufferByte buffer && buffer.getNumBanks() == 1
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0) {
            // Fast path for what JPEG decoding usually gives: swap BGR to RGB.
            byte[] bgr = buffer.getData();
            int offset = buffer.getOffset();
            int[] bands = model.getBandOffsets();
            for (int i = 0; i < out.length; i += 3) {
                out[i] = bgr[offset + i + bands[0]];
                out[i + 1] = bgr[offset + i + bands[1]];
                out[i + 2] = bgr[offset + i + bands[2]];
            }
            return new RgbImage(width, height, out);
        }
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            int at = y * width * 3;
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                out[at++] = (byte) (argb >> 16);
                out[at++] = (byte) (argb >> 8);
                out[at++] = (byte) argb;
            }
        }
        return new RgbImage(width, height, out);
    }
}
